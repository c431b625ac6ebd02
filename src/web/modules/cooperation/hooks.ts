import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TAgreement, TCooperationStatistics, THostedOrg, TJointLab, TRegionalConfig, TRegionalRecord } from '../../../shared/schemas/cooperation.js';
import { apiGet, apiRequest } from '../../app/api.js';

const base = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}/cooperation`;
/** Every cooperation read of a centre starts with this key; a write invalidates it all. */
const all = (centreId: string) => ['centre', centreId, 'cooperation'] as const;

export type RegionalFilters = Partial<Record<'kind' | 'year' | 'fromRegion' | 'toRegion', string>> & { limit: number; offset: number };

export const useCooperationStatisticsQuery = (centreId: string) => useQuery({ queryKey: [...all(centreId), 'statistics'], queryFn: ({ signal }) => apiGet<TCooperationStatistics>(`${base(centreId)}/statistics`, undefined, signal) });
export const useRegionalConfigQuery = (centreId: string) => useQuery({ queryKey: [...all(centreId), 'config'], queryFn: ({ signal }) => apiGet<TRegionalConfig>(`${base(centreId)}/config`, undefined, signal) });
export const useRegionalRecordsQuery = (centreId: string, filters: RegionalFilters) =>
  useQuery({ queryKey: [...all(centreId), 'regional', filters], queryFn: ({ signal }) => apiGet<{ items: TRegionalRecord[]; total: number }>(`${base(centreId)}/regional-records`, filters, signal), placeholderData: keepPreviousData });
export const useJointLabsQuery = (centreId: string) => useQuery({ queryKey: [...all(centreId), 'labs'], queryFn: ({ signal }) => apiGet<{ items: TJointLab[] }>(`${base(centreId)}/joint-labs`, undefined, signal) });
export const useHostedQuery = (centreId: string) => useQuery({ queryKey: [...all(centreId), 'hosted'], queryFn: ({ signal }) => apiGet<{ items: THostedOrg[] }>(`${base(centreId)}/hosted-organisations`, undefined, signal) });
export const useAgreementsQuery = (centreId: string) => useQuery({ queryKey: [...all(centreId), 'agreements'], queryFn: ({ signal }) => apiGet<{ items: TAgreement[] }>(`${base(centreId)}/agreements`, undefined, signal) });

/** Any write under /cooperation (path relative to it); invalidates the centre's cooperation reads. */
export const useCooperationWriteMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, method, body }: { path: string; method: 'POST' | 'PUT' | 'DELETE'; body?: unknown }) => apiRequest<unknown>(`${base(centreId)}${path}`, { method, body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: all(centreId) }),
  });
};
