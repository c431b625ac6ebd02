import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../app/api.js';
import type { TObservation, ZObservationPatch } from '../../../../shared/schemas/indicators.js';
import { invalidateIndicators } from './invalidate.js';
import { indicatorsApi } from './keys.js';

export type ObservationPatch = z.input<typeof ZObservationPatch>;

/** PATCH /observations/:id: correct a figure (the audit log keeps its previous value). */
export const useUpdateObservationMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ObservationPatch }) =>
      apiRequest<TObservation>(`${indicatorsApi(centreId)}/observations/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSuccess: () => invalidateIndicators(client, centreId),
  });
};
