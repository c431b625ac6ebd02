import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TUpdateUserRequest, TUser } from '../../../../shared/schemas/auth.js';
import { userKeys } from './useUsersQuery.js';

export const useUpdateUserMutation = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TUpdateUserRequest }) =>
      apiRequest<TUser>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.list() }),
  });
};
