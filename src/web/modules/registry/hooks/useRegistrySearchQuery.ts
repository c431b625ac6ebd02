import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TSearchResult } from '../../../../shared/schemas/registry.js';
import { centreKeys } from '../../centres/hooks/keys.js';

export type RegistrySearchParams = {
  q?: string | undefined;
  category?: string | undefined;
  kind?: string | undefined;
  areaId?: string | undefined;
  recognition?: string | undefined;
  sector?: string | undefined;
  limit: number;
};

/** One search over all actors, with facet counts; more pages through the cursor the server returns. */
export const useRegistrySearchQuery = (centreId: string, params: RegistrySearchParams, options: { enabled?: boolean } = {}) =>
  useInfiniteQuery({
    queryKey: centreKeys.search(centreId, params),
    queryFn: ({ pageParam, signal }) =>
      apiGet<TSearchResult>(`/api/centres/${encodeURIComponent(centreId)}/search`, { ...params, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
