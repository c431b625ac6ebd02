import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TAnalysis } from '../../../../shared/schemas/evaluation.js';
import { evaluationKeys, evaluationPath } from './keys.js';

/** A sensitivity analysis, polled every 500 ms while it runs. */
export const useAnalysisQuery = (centreId: string, id: string | null) =>
  useQuery({
    queryKey: evaluationKeys.analysis(centreId, id ?? ''),
    queryFn: ({ signal }) => apiGet<TAnalysis>(evaluationPath(centreId, `analyses/${encodeURIComponent(id ?? '')}`), undefined, signal),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false),
  });
