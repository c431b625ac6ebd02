import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TDerivedWeights, TWeightsRequest } from '../../../../shared/schemas/evaluation.js';
import { evaluationPath } from './keys.js';

/** Derives one level's weights from a stored run's data (PCA or optimisation); nothing is saved. */
export const useDeriveWeightsMutation = (centreId: string, runId: string) =>
  useMutation({
    mutationFn: (body: TWeightsRequest) => apiRequest<TDerivedWeights>(evaluationPath(centreId, `runs/${encodeURIComponent(runId)}/weights`), { method: 'POST', body }),
  });
