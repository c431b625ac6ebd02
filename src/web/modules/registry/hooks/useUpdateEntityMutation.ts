import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TEntityPatch } from '../../../../shared/schemas/registry.js';
import { invalidateRegistry } from './invalidate.js';

/** Changes an actor; `patch.version` is the version the user saw (409 stale_version when someone else changed it since). */
export const useUpdateEntityMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TEntityPatch }) =>
      apiRequest<{ id: string; version: number }>(`/api/centres/${encodeURIComponent(centreId)}/entities/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: patch,
      }),
    onSuccess: (_, { id }) => invalidateRegistry(client, centreId, [id]),
  });
};
