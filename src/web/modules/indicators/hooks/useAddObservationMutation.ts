import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../app/api.js';
import type { TObservation, ZObservationInput } from '../../../../shared/schemas/indicators.js';
import { invalidateIndicators } from './invalidate.js';
import { indicatorsApi } from './keys.js';

export type ObservationInput = z.input<typeof ZObservationInput>;

/** POST /indicators/:code/observations: one figure typed in, with an existing source or a new document. */
export const useAddObservationMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: ObservationInput }) =>
      apiRequest<TObservation>(`${indicatorsApi(centreId)}/indicators/${encodeURIComponent(code)}/observations`, { method: 'POST', body }),
    onSuccess: () => invalidateIndicators(client, centreId),
  });
};
