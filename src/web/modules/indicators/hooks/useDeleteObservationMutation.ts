import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import { invalidateIndicators } from './invalidate.js';
import { indicatorsApi } from './keys.js';

/** DELETE /observations/:id: withdraw a figure (the audit log keeps it). */
export const useDeleteObservationMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`${indicatorsApi(centreId)}/observations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => invalidateIndicators(client, centreId),
  });
};
