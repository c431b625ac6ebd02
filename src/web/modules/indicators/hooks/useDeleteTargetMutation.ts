import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import { invalidateIndicators } from './invalidate.js';
import { indicatorsApi } from './keys.js';

/** DELETE /targets/:id: remove a target (the audit log keeps it). */
export const useDeleteTargetMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`${indicatorsApi(centreId)}/targets/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => invalidateIndicators(client, centreId),
  });
};
