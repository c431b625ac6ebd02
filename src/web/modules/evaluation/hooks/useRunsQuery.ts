import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TRunSummary } from '../../../../shared/schemas/evaluation.js';
import { evaluationKeys, evaluationPath } from './keys.js';

/** The centre's recent stored runs (without results), newest first. */
export const useRunsQuery = (centreId: string) =>
  useQuery({
    queryKey: evaluationKeys.runs(centreId),
    queryFn: ({ signal }) => apiGet<{ items: TRunSummary[] }>(evaluationPath(centreId, 'runs'), undefined, signal),
  });
