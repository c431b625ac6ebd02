import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TAreaMap } from '../../../../shared/schemas/centres.js';
import { centreKeys } from './keys.js';

/** District boundaries (GeoJSON) of the centre's map area. */
export const useAreaMapQuery = (centreId: string) =>
  useQuery({
    queryKey: centreKeys.map(centreId),
    queryFn: ({ signal }) => apiGet<TAreaMap>(`/api/centres/${encodeURIComponent(centreId)}/map`, undefined, signal),
    staleTime: Infinity,
  });
