import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TIndicator } from '../../../../shared/schemas/indicators.js';
import { indicatorKeys, indicatorsApi } from './keys.js';

/** GET /indicators: the whole catalogue, each indicator with every figure and its source. */
export const useIndicatorsQuery = (centreId: string) =>
  useQuery({
    queryKey: indicatorKeys.list(centreId),
    queryFn: ({ signal }) => apiGet<{ items: TIndicator[] }>(`${indicatorsApi(centreId)}/indicators`, undefined, signal),
  });
