import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TIndicator, TTarget } from '../../../../shared/schemas/indicators.js';
import { indicatorKeys, indicatorsApi } from './keys.js';

export type IndicatorDetail = { indicator: TIndicator; targets: TTarget[] };

/** GET /indicators/:code: one indicator's definition, every figure with its provenance, and its targets with progress. */
export const useIndicatorQuery = (centreId: string, code: string) =>
  useQuery({
    queryKey: indicatorKeys.detail(centreId, code),
    queryFn: ({ signal }) => apiGet<IndicatorDetail>(`${indicatorsApi(centreId)}/indicators/${encodeURIComponent(code)}`, undefined, signal),
    enabled: code !== '',
  });
