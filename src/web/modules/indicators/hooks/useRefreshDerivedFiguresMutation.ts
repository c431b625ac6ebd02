import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import { invalidateIndicators } from './invalidate.js';
import { indicatorsApi } from './keys.js';

export type DerivationReport = { key: string; sourceId: string; figures: number; inserted: number; updated: number; unchanged: number; withdrawn: number };

/** POST /derived-figures/refresh: recompute the figures derived from the platform's own records (the calls engine's statistics…). */
export const useRefreshDerivedFiguresMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<{ items: DerivationReport[] }>(`${indicatorsApi(centreId)}/derived-figures/refresh`, { method: 'POST' }),
    onSuccess: () => invalidateIndicators(client, centreId),
  });
};
