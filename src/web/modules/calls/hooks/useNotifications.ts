import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../app/api.js';
import { useSession } from '../../../app/session.js';
import type { Notification } from '../types.js';
import { callKeys } from './keys.js';

/** GET /api/me/notifications: the inbox (signed-in users). */
export const useNotificationsQuery = () => {
  const { user } = useSession();
  return useQuery({
    queryKey: callKeys.notifications(user?.id ?? null),
    queryFn: ({ signal }) => apiGet<{ unread: number; items: Notification[] }>('/api/me/notifications', { limit: 100 }, signal),
    enabled: !!user,
    // The inbox is read fresh whenever it is shown, and the header's count every minute.
    staleTime: 0,
    refetchOnMount: 'always',
    refetchInterval: 60_000,
  });
};

/** POST /api/me/notifications/:id/read. */
export const useReadNotificationMutation = () => {
  const client = useQueryClient();
  const { user } = useSession();
  return useMutation({
    mutationFn: (id: string) => apiRequest<Notification>(`/api/me/notifications/${encodeURIComponent(id)}/read`, { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: callKeys.notifications(user?.id ?? null) }),
  });
};
