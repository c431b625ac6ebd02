import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TAnalysis } from '../../../../shared/schemas/evaluation.js';
import { evaluationKeys, evaluationPath } from './keys.js';

/** The centre's recent sensitivity analyses, status only (results: useAnalysisQuery). */
export const useAnalysesQuery = (centreId: string, enabled = true) =>
  useQuery({
    queryKey: evaluationKeys.analyses(centreId),
    queryFn: ({ signal }) => apiGet<{ items: TAnalysis[] }>(evaluationPath(centreId, 'analyses'), undefined, signal),
    enabled,
  });
