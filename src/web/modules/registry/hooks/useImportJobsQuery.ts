import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TImportReport } from '../../../../shared/schemas/registry-import.js';

/** Imports are not open data: under 'admin', so signing out drops them from the cache. */
export const importKeys = {
  all: (centreId: string) => ['admin', 'imports', centreId] as const,
  list: (centreId: string) => ['admin', 'imports', centreId, 'list'] as const,
  job: (centreId: string, jobId: string) => ['admin', 'imports', centreId, 'job', jobId] as const,
};

/** Recent imports into a centre, newest first (without their errors). Polled while one of them runs. */
export const useImportJobsQuery = (centreId: string) =>
  useQuery({
    queryKey: importKeys.list(centreId),
    queryFn: ({ signal }) => apiGet<{ items: TImportReport[] }>(`/api/centres/${encodeURIComponent(centreId)}/imports`, undefined, signal),
    refetchInterval: (query) => (query.state.data?.items.some((j) => j.status === 'running') ? 2000 : false),
  });
