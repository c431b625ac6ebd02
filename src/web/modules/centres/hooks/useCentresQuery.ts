import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TCentre } from '../../../../shared/schemas/centres.js';
import { centreKeys } from './keys.js';

export const useCentresQuery = () =>
  useQuery({
    queryKey: centreKeys.list(),
    queryFn: ({ signal }) => apiGet<{ items: TCentre[] }>('/api/centres', undefined, signal),
    staleTime: 10 * 60_000,
  });
