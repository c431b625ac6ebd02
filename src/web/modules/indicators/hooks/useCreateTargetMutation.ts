import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../app/api.js';
import type { TTarget, ZTargetInput } from '../../../../shared/schemas/indicators.js';
import { invalidateIndicators } from './invalidate.js';
import { indicatorsApi } from './keys.js';

export type TargetInput = z.input<typeof ZTargetInput>;

/** POST /targets: a quantitative target (indicator, comparison, value, deadline) or a qualitative goal. */
export const useCreateTargetMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TargetInput) => apiRequest<TTarget>(`${indicatorsApi(centreId)}/targets`, { method: 'POST', body }),
    onSuccess: () => invalidateIndicators(client, centreId),
  });
};
