import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TPatent, TPatentImportReport, TPatentStatistics, TPool, TPoolInput, TPoolSummary, ZPatentList } from '../../../shared/schemas/patents.js';
import { apiGet, apiRequest } from '../../app/api.js';

export type PatentList = z.infer<typeof ZPatentList>;
export type PatentFilters = Partial<Record<'kind' | 'status' | 'ipc' | 'applicantId' | 'areaId' | 'year' | 'yearOf' | 'inForceAt' | 'unlinked' | 'q', string>> & { limit: number; offset: number };

const base = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}/patents`;
const poolsBase = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}/patent-pools`;
/** Everything of one centre's patents and pools starts with this key; a write invalidates it all. */
const all = (centreId: string) => ['centre', centreId, 'patents'] as const;

/** GET /patents: public records, so the key does not carry the viewer. */
export const usePatentsQuery = (centreId: string, filters: PatentFilters) =>
  useQuery({ queryKey: [...all(centreId), 'list', filters], queryFn: ({ signal }) => apiGet<PatentList>(base(centreId), filters, signal), placeholderData: keepPreviousData });

export const usePatentQuery = (centreId: string, id: string) =>
  useQuery({ queryKey: [...all(centreId), 'one', id], queryFn: ({ signal }) => apiGet<TPatent>(`${base(centreId)}/${encodeURIComponent(id)}`, undefined, signal) });

export type PatentStatsQuery = { dimension: string; kind?: string | undefined; year?: number | undefined };
export const usePatentStatisticsQuery = (centreId: string, query: PatentStatsQuery) =>
  useQuery({ queryKey: [...all(centreId), 'statistics', query], queryFn: ({ signal }) => apiGet<TPatentStatistics>(`${base(centreId)}/statistics`, query, signal), placeholderData: keepPreviousData });

export const patentStatisticsCsvUrl = (centreId: string, query: PatentStatsQuery): string =>
  `${base(centreId)}/statistics.csv?${new URLSearchParams({ dimension: query.dimension, ...(query.kind ? { kind: query.kind } : {}), ...(query.year ? { year: String(query.year) } : {}) })}`;
export const patentTemplateUrl = (centreId: string): string => `${base(centreId)}/import-template?format=xlsx`;

export const useImportPatentsMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun, sample }: { file: File; dryRun: boolean; sample: boolean }) =>
      apiRequest<TPatentImportReport>(`${base(centreId)}/import`, {
        method: 'POST',
        query: { fileName: file.name, dryRun: String(dryRun), sample: String(sample) },
        file: { data: file, contentType: /\.csv$/i.test(file.name) ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      }),
    onSuccess: (report) => {
      if (!report.dryRun && report.batch) void client.invalidateQueries({ queryKey: all(centreId) });
    },
  });
};

export const useLinkApplicantMutation = (centreId: string, patentId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ position, entityId }: { position: number; entityId: string | null }) => apiRequest<TPatent>(`${base(centreId)}/${encodeURIComponent(patentId)}/applicants/${position}`, { method: 'PUT', body: { entityId } }),
    onSuccess: () => client.invalidateQueries({ queryKey: all(centreId) }),
  });
};

export const usePoolsQuery = (centreId: string) =>
  useQuery({ queryKey: [...all(centreId), 'pools'], queryFn: ({ signal }) => apiGet<{ items: TPoolSummary[] }>(poolsBase(centreId), undefined, signal) });

export const usePoolQuery = (centreId: string, id: string) =>
  useQuery({ queryKey: [...all(centreId), 'pool', id], queryFn: ({ signal }) => apiGet<TPool>(`${poolsBase(centreId)}/${encodeURIComponent(id)}`, undefined, signal) });

/** Every pool write: create (no id), update, members, patents; each answers with the pool. */
export const usePoolWriteMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, method, body }: { path: string; method: 'POST' | 'PUT' | 'DELETE'; body?: unknown }) => apiRequest<TPool>(`${poolsBase(centreId)}${path}`, { method, ...(body === undefined ? {} : { body }) }),
    onSuccess: () => client.invalidateQueries({ queryKey: all(centreId) }),
  });
};
export type { TPoolInput };
