import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TRelation, TRelationInput } from '../../../../shared/schemas/registry.js';
import { invalidateRegistry } from './invalidate.js';

export const useCreateRelationMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TRelationInput) => apiRequest<TRelation>(`/api/centres/${encodeURIComponent(centreId)}/relations`, { method: 'POST', body }),
    onSuccess: (relation) => invalidateRegistry(client, centreId, [relation.fromId, relation.toId]),
  });
};
