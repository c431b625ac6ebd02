import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TCorrection } from './useProposeCorrectionMutation.js';

export type CorrectionStatus = TCorrection['status'];

/** Not open data: under 'admin', so signing out drops it from the cache. */
export const correctionKeys = {
  all: (centreId: string) => ['admin', 'corrections', centreId] as const,
  list: (centreId: string, status: CorrectionStatus) => ['admin', 'corrections', centreId, status] as const,
};

export const useCorrectionsQuery = (centreId: string, status: CorrectionStatus) =>
  useQuery({
    queryKey: correctionKeys.list(centreId, status),
    queryFn: ({ signal }) => apiGet<{ items: TCorrection[] }>(`/api/centres/${encodeURIComponent(centreId)}/corrections`, { status }, signal),
  });
