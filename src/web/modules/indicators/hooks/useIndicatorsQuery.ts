import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TIndicator } from '../../../../shared/schemas/indicators.js';
import { centreKeys } from '../../centres/hooks/keys.js';

export const useIndicatorsQuery = (centreId: string) =>
  useQuery({
    queryKey: centreKeys.indicators(centreId),
    queryFn: ({ signal }) =>
      apiGet<{ items: TIndicator[] }>(`/api/centres/${encodeURIComponent(centreId)}/indicators`, undefined, signal),
  });
