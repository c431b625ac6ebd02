import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TAnalysis, TAnalysisRequest } from '../../../../shared/schemas/evaluation.js';
import { evaluationKeys, evaluationPath } from './keys.js';

/** Starts a sensitivity analysis; the server answers 202 and runs it on worker threads (follow it with useAnalysisQuery). */
export const useStartAnalysisMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TAnalysisRequest) => apiRequest<TAnalysis>(evaluationPath(centreId, 'analyses'), { method: 'POST', body }),
    onSuccess: (analysis) => {
      client.setQueryData(evaluationKeys.analysis(centreId, analysis.id), analysis);
      return client.invalidateQueries({ queryKey: evaluationKeys.analyses(centreId) });
    },
  });
};
