import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TExit, TFinanceStatistics, TFxRate, TRound, TRoundImportReport, TUnicornReport } from '../../../shared/schemas/finance.js';
import { apiGet, apiRequest } from '../../app/api.js';

const base = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}/finance`;
/** Every finance read of a centre starts with this key; a write invalidates it all (rounds move the funnel and the tracker). */
const all = (centreId: string) => ['centre', centreId, 'finance'] as const;

export type RoundFilters = Partial<Record<'stage' | 'year' | 'investeeId', string>> & { limit: number; offset: number };

export const useRoundsQuery = (centreId: string, filters: RoundFilters) =>
  useQuery({ queryKey: [...all(centreId), 'rounds', filters], queryFn: ({ signal }) => apiGet<{ items: TRound[]; total: number }>(`${base(centreId)}/rounds`, filters, signal), placeholderData: keepPreviousData });
export const useExitsQuery = (centreId: string) => useQuery({ queryKey: [...all(centreId), 'exits'], queryFn: ({ signal }) => apiGet<{ items: TExit[] }>(`${base(centreId)}/exits`, undefined, signal) });
export const useRatesQuery = (centreId: string) => useQuery({ queryKey: [...all(centreId), 'rates'], queryFn: ({ signal }) => apiGet<{ items: TFxRate[] }>(`${base(centreId)}/rates`, undefined, signal) });
export const useUnicornsQuery = (centreId: string, date: string | undefined) =>
  useQuery({ queryKey: [...all(centreId), 'unicorns', date ?? ''], queryFn: ({ signal }) => apiGet<TUnicornReport>(`${base(centreId)}/unicorns`, date ? { date } : undefined, signal), placeholderData: keepPreviousData });
export const useFinanceStatisticsQuery = (centreId: string) => useQuery({ queryKey: [...all(centreId), 'statistics'], queryFn: ({ signal }) => apiGet<TFinanceStatistics>(`${base(centreId)}/statistics`, undefined, signal) });

/** Any write under /finance (path relative to it); invalidates the centre's finance reads. */
export const useFinanceWriteMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, method, body }: { path: string; method: 'POST' | 'PUT' | 'DELETE'; body?: unknown }) => apiRequest<unknown>(`${base(centreId)}${path}`, { method, body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: all(centreId) }),
  });
};

export const roundTemplateUrl = (centreId: string): string => `${base(centreId)}/rounds/import-template?format=xlsx`;

/** Upload a spreadsheet of rounds: a dry run checks it, a real run writes it whole (then every finance read refreshes). */
export const useImportRoundsMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun, sample }: { file: File; dryRun: boolean; sample: boolean }) =>
      apiRequest<TRoundImportReport>(`${base(centreId)}/rounds/import`, {
        method: 'POST',
        query: { fileName: file.name, dryRun: String(dryRun), sample: String(sample) },
        file: { data: file, contentType: /\.csv$/i.test(file.name) ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      }),
    onSuccess: (report) => {
      if (!report.dryRun && report.created > 0) void client.invalidateQueries({ queryKey: all(centreId) });
    },
  });
};
