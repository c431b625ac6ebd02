import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TRun, TRunRequest } from '../../../../shared/schemas/evaluation.js';
import { evaluationKeys, evaluationPath } from './keys.js';

/** Runs a pipeline on the server and stores the run (its versions make it reproducible). */
export const useCreateRunMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TRunRequest) => apiRequest<TRun>(evaluationPath(centreId, 'runs'), { method: 'POST', body }),
    onSuccess: (run) => {
      client.setQueryData(evaluationKeys.run(centreId, run.id), run);
      return client.invalidateQueries({ queryKey: evaluationKeys.runs(centreId) });
    },
  });
};
