import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../app/api.js';
import type { TIndicator, ZIndicatorInput } from '../../../../shared/schemas/indicators.js';
import { invalidateIndicators } from './invalidate.js';
import { indicatorsApi } from './keys.js';

export type IndicatorInput = z.input<typeof ZIndicatorInput>;

/** POST /indicators: define an indicator (a code already in use is a 409 with a field issue on `code`). */
export const useCreateIndicatorMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: IndicatorInput) => apiRequest<TIndicator>(`${indicatorsApi(centreId)}/indicators`, { method: 'POST', body }),
    onSuccess: () => invalidateIndicators(client, centreId),
  });
};
