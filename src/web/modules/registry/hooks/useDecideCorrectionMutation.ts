import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import { correctionKeys } from './useCorrectionsQuery.js';
import { invalidateRegistry } from './invalidate.js';
import type { TCorrection } from './useProposeCorrectionMutation.js';

/** Approve (the change is applied) or reject a proposed correction, with a note. */
export const useDecideCorrectionMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ correctionId, decision, note }: { correctionId: string; decision: 'approve' | 'reject'; note: string | null }) =>
      apiRequest<TCorrection>(`/api/centres/${encodeURIComponent(centreId)}/corrections/${encodeURIComponent(correctionId)}/decision`, {
        method: 'POST',
        body: { decision, note },
      }),
    onSuccess: (correction) =>
      Promise.all([client.invalidateQueries({ queryKey: correctionKeys.all(centreId) }), invalidateRegistry(client, centreId, [correction.entityId])]),
  });
};
