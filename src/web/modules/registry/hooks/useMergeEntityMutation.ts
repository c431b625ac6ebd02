import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import { invalidateRegistry } from './invalidate.js';

export type MergeResult = { id: string; version: number; repointed: Record<string, number> };

/** Merges `duplicateId` into `survivorId`: references move, the duplicate stays as a tombstone. */
export const useMergeEntityMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ survivorId, duplicateId, note }: { survivorId: string; duplicateId: string; note: string | null }) =>
      apiRequest<MergeResult>(`/api/centres/${encodeURIComponent(centreId)}/entities/${encodeURIComponent(survivorId)}/merge`, {
        method: 'POST',
        body: { duplicateId, note },
      }),
    // Records on the other end of moved relations changed too: refresh every profile.
    onSuccess: () =>
      Promise.all([invalidateRegistry(client, centreId, []), client.invalidateQueries({ queryKey: ['centre', centreId, 'profile'] })]),
  });
};
