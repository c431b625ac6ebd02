import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TSource } from '../../../../shared/schemas/sources.js';
import { centreKeys } from '../../centres/hooks/keys.js';

export const useSourcesQuery = (centreId: string, options: { enabled?: boolean } = {}) =>
  useQuery({
    enabled: options.enabled ?? true,
    queryKey: centreKeys.sources(centreId),
    queryFn: ({ signal }) => apiGet<{ items: TSource[] }>(`/api/centres/${encodeURIComponent(centreId)}/sources`, undefined, signal),
    staleTime: 10 * 60_000,
  });
