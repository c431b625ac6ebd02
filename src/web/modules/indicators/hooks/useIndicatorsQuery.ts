import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TIndicator, TIndicatorFigures } from '../../../../shared/schemas/indicators.js';
import { indicatorKeys, indicatorsApi } from './keys.js';

/**
 * GET /indicators: the catalogue. `all`: each indicator with every figure and its source (building a
 * dataset, setting targets); `latest`: each with its latest figures and how many it has (the catalogue
 * page; an indicator's page reads its series).
 */
export const useIndicatorsQuery = (centreId: string, figures: TIndicatorFigures = 'all') =>
  useQuery({
    queryKey: indicatorKeys.list(centreId, figures),
    queryFn: ({ signal }) => apiGet<{ items: TIndicator[] }>(`${indicatorsApi(centreId)}/indicators`, figures === 'latest' ? { figures } : undefined, signal),
  });
