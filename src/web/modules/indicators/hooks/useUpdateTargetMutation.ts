import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TTarget } from '../../../../shared/schemas/indicators.js';
import type { TargetInput } from './useCreateTargetMutation.js';
import { invalidateIndicators } from './invalidate.js';
import { indicatorsApi } from './keys.js';

/** PUT /targets/:id: the whole definition again (an assessment of a qualitative goal included); the code stays. */
export const useUpdateTargetMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TargetInput }) =>
      apiRequest<TTarget>(`${indicatorsApi(centreId)}/targets/${encodeURIComponent(id)}`, { method: 'PUT', body }),
    onSuccess: () => invalidateIndicators(client, centreId),
  });
};
