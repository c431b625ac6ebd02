import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TDuplicateCandidate, TEntityInput } from '../../../../shared/schemas/registry.js';
import { invalidateRegistry } from './invalidate.js';

/** 201 `{ id, version }` when created; 200 `{ duplicates }` (nothing written) when similar records exist. */
export type CreateEntityResult = { id: string; version: number } | { duplicates: TDuplicateCandidate[] };

export const useCreateEntityMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TEntityInput) =>
      apiRequest<CreateEntityResult>(`/api/centres/${encodeURIComponent(centreId)}/entities`, { method: 'POST', body }),
    onSuccess: (result) => ('id' in result ? invalidateRegistry(client, centreId, []) : undefined),
  });
};
