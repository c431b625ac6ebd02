import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TArea } from '../../../../shared/schemas/centres.js';
import { centreKeys } from './keys.js';

export const useAreasQuery = (centreId: string) =>
  useQuery({
    queryKey: centreKeys.areas(centreId),
    queryFn: ({ signal }) => apiGet<{ items: TArea[] }>(`/api/centres/${encodeURIComponent(centreId)}/areas`, undefined, signal),
    staleTime: 10 * 60_000,
  });
