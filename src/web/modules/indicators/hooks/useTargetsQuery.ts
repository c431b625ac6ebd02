import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TTarget } from '../../../../shared/schemas/indicators.js';
import { indicatorKeys, indicatorsApi } from './keys.js';

/** GET /targets: every target and goal with its progress, as of the server's clock (`asOf`). */
export const useTargetsQuery = (centreId: string) =>
  useQuery({
    queryKey: indicatorKeys.targets(centreId),
    queryFn: ({ signal }) => apiGet<{ items: TTarget[]; asOf: string }>(`${indicatorsApi(centreId)}/targets`, undefined, signal),
  });
