import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TRunStep } from '../../../../shared/schemas/evaluation.js';
import { evaluationKeys, evaluationPath } from './keys.js';

/** One step's output dataset of a stored run, with its imputed and treated cells (recomputed by the server; never changes). */
export const useRunStepQuery = (centreId: string, runId: string, step: number | null) =>
  useQuery({
    queryKey: evaluationKeys.runStep(centreId, runId, step ?? -1),
    queryFn: ({ signal }) => apiGet<TRunStep>(evaluationPath(centreId, `runs/${encodeURIComponent(runId)}/steps/${step ?? 0}`), undefined, signal),
    enabled: step !== null,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
  });
