import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TAreaCounts } from '../../../../shared/schemas/dashboard.js';
import { centreKeys } from './keys.js';

export type AreaCountsFilter = { category?: string | undefined; kind?: string | undefined; recognition?: string | undefined };

/** Actors per map area, optionally of one category, kind or tier (exact counts from the server). */
export const useAreaCountsQuery = (centreId: string, filter: AreaCountsFilter) =>
  useQuery({
    queryKey: centreKeys.areaCounts(centreId, filter),
    queryFn: ({ signal }) => apiGet<TAreaCounts>(`/api/centres/${encodeURIComponent(centreId)}/area-counts`, filter, signal),
  });
