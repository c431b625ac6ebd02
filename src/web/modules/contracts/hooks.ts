import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TStatistics, TTechContract, TTechContractInput, ZTechContractList } from '../../../shared/schemas/contracts.js';
import { apiGet, apiRequest } from '../../app/api.js';
import { useSession } from '../../app/session.js';

export type ContractList = z.infer<typeof ZTechContractList>;
export type ContractFilters = Partial<Record<'state' | 'year' | 'type' | 'field' | 'sellerKind' | 'districtId' | 'parkId' | 'buyerRegion' | 'q', string>> & { limit: number; offset: number };
export type ImportReport = { batch: string | null; rows: number; imported: number; dryRun: boolean; errors: { row: number; column: string; value: string; code: string; params?: Record<string, string | number>; reason: string }[] };

const base = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}/tech-contracts`;
/** Everything of one centre's contracts starts with this key; a write invalidates it all (lists, statistics). */
const all = (centreId: string) => ['centre', centreId, 'tech-contracts'] as const;

/** GET /tech-contracts: the centre's (registrars, analysts) or one's organisation's contracts; the viewer is in the key. */
export const useContractsQuery = (centreId: string, filters: ContractFilters) => {
  const { user } = useSession();
  return useQuery({
    queryKey: [...all(centreId), 'list', filters, user?.id ?? 'anonymous'],
    queryFn: ({ signal }) => apiGet<ContractList>(base(centreId), filters, signal),
    enabled: !!user,
    placeholderData: keepPreviousData,
  });
};

export const useContractQuery = (centreId: string, id: string) => {
  const { user } = useSession();
  return useQuery({ queryKey: [...all(centreId), 'one', id, user?.id ?? 'anonymous'], queryFn: ({ signal }) => apiGet<TTechContract>(`${base(centreId)}/${encodeURIComponent(id)}`, undefined, signal), enabled: !!user });
};

/** GET /tech-contracts/statistics: open data (small cells hidden unless the viewer may read contracts). */
export const useContractStatisticsQuery = (centreId: string, query: { dimension: string; year?: number | undefined }) => {
  const { user } = useSession();
  return useQuery({
    queryKey: [...all(centreId), 'statistics', query, user?.id ?? 'anonymous'],
    queryFn: ({ signal }) => apiGet<TStatistics>(`${base(centreId)}/statistics`, query, signal),
    placeholderData: keepPreviousData,
  });
};

export const statisticsCsvUrl = (centreId: string, query: { dimension: string; year?: number | undefined }): string =>
  `${base(centreId)}/statistics.csv?${new URLSearchParams({ dimension: query.dimension, ...(query.year ? { year: String(query.year) } : {}) })}`;
export const importTemplateUrl = (centreId: string): string => `${base(centreId)}/import-template?format=xlsx`;

export const useSubmitContractMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TTechContractInput) => apiRequest<TTechContract>(base(centreId), { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: all(centreId) }),
  });
};

export const useUpdateContractMutation = (centreId: string, id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TTechContractInput & { version: number }) => apiRequest<TTechContract>(`${base(centreId)}/${encodeURIComponent(id)}`, { method: 'PUT', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: all(centreId) }),
  });
};

export const useContractTransitionMutation = (centreId: string, id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { action: string; note: string | null; version: number }) => apiRequest<TTechContract>(`${base(centreId)}/${encodeURIComponent(id)}/transitions`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: all(centreId) }),
  });
};

export const useImportContractsMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun, sample }: { file: File; dryRun: boolean; sample: boolean }) =>
      apiRequest<ImportReport>(`${base(centreId)}/import`, {
        method: 'POST',
        query: { fileName: file.name, dryRun: String(dryRun), sample: String(sample) },
        file: { data: file, contentType: /\.csv$/i.test(file.name) ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      }),
    onSuccess: (report) => {
      if (report.imported > 0) void client.invalidateQueries({ queryKey: all(centreId) });
    },
  });
};
