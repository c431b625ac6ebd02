import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TCentre } from '../../../../shared/schemas/centres.js';
import { centreKeys } from './keys.js';

export const useCentreQuery = (centreId: string) =>
  useQuery({
    queryKey: centreKeys.detail(centreId),
    queryFn: ({ signal }) => apiGet<TCentre>(`/api/centres/${encodeURIComponent(centreId)}`, undefined, signal),
  });
