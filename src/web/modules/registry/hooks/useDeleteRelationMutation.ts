import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import { invalidateRegistry } from './invalidate.js';

export const useDeleteRelationMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ relationId }: { relationId: string; fromId: string; toId: string }) =>
      apiRequest<void>(`/api/centres/${encodeURIComponent(centreId)}/relations/${encodeURIComponent(relationId)}`, { method: 'DELETE' }),
    onSuccess: (_, { fromId, toId }) => invalidateRegistry(client, centreId, [fromId, toId]),
  });
};
