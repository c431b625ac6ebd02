import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TImportReport } from '../../../../shared/schemas/registry-import.js';
import { importKeys } from './useImportJobsQuery.js';

/** How often a running import is asked for its progress. */
export const IMPORT_POLL_MS = 500;

/** One import: progress, counts and its first errors; polled every half second while it runs. */
export const useImportJobQuery = (centreId: string, jobId: string | null) =>
  useQuery({
    queryKey: importKeys.job(centreId, jobId ?? ''),
    queryFn: ({ signal }) =>
      apiGet<TImportReport>(`/api/centres/${encodeURIComponent(centreId)}/imports/${encodeURIComponent(jobId ?? '')}`, undefined, signal),
    enabled: Boolean(jobId),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? IMPORT_POLL_MS : false),
  });
