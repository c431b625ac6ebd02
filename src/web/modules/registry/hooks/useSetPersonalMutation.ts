import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../app/api.js';
import type { ZPersonPrivate } from '../../../../shared/schemas/registry.js';
import { centreKeys } from '../../centres/hooks/keys.js';

export type PersonalFields = z.infer<typeof ZPersonPrivate>;

export const useSetPersonalMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ entityId, body }: { entityId: string; body: PersonalFields }) =>
      apiRequest<void>(`/api/centres/${encodeURIComponent(centreId)}/entities/${encodeURIComponent(entityId)}/personal`, { method: 'PUT', body }),
    onSuccess: (_, { entityId }) => client.invalidateQueries({ queryKey: centreKeys.profiles(centreId, entityId) }),
  });
};
