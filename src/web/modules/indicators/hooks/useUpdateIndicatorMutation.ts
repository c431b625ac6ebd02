import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../app/api.js';
import type { TIndicator, ZIndicatorPatch } from '../../../../shared/schemas/indicators.js';
import { invalidateIndicators } from './invalidate.js';
import { indicatorsApi } from './keys.js';

export type IndicatorPatch = z.input<typeof ZIndicatorPatch>;

/** PATCH /indicators/:code: change a definition (the code stays). */
export const useUpdateIndicatorMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, patch }: { code: string; patch: IndicatorPatch }) =>
      apiRequest<TIndicator>(`${indicatorsApi(centreId)}/indicators/${encodeURIComponent(code)}`, { method: 'PATCH', body: patch }),
    onSuccess: () => invalidateIndicators(client, centreId),
  });
};
