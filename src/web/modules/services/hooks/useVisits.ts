import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../app/api.js';
import type { Visit } from '../types.js';
import { servicesApi } from './base.js';
import { invalidateServices } from './invalidate.js';
import { serviceKeys } from './keys.js';

/** GET /service-visits (officers): visits, newest first, optionally of one enterprise. */
export const useVisitsQuery = (centreId: string, enterpriseId: string | null, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: serviceKeys.visits(centreId, enterpriseId),
    queryFn: ({ signal }) => apiGet<{ items: Visit[] }>(`${servicesApi(centreId)}/service-visits`, { enterpriseId: enterpriseId ?? undefined }, signal),
    enabled: options.enabled ?? true,
  });

export type VisitBody = {
  enterpriseId: string;
  visitedOn: string;
  participants: { name: string; side: 'government' | 'enterprise'; role: string | null }[];
  topics: string[];
  notes: string | null;
  demands: { type: string; title: string; description: string }[];
};

/** POST /service-visits: the visit; each need raised becomes a demand routed to its department. */
export const useRecordVisitMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: VisitBody) => apiRequest<Visit>(`${servicesApi(centreId)}/service-visits`, { method: 'POST', body }),
    onSuccess: () => invalidateServices(client, centreId),
  });
};
