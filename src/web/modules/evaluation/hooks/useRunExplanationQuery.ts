import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TExplanation } from '../../../../shared/schemas/evaluation.js';
import { evaluationKeys, evaluationPath } from './keys.js';

/** One unit's contributions in a stored run (arithmetic-mean runs only; the server says 400 otherwise). */
export const useRunExplanationQuery = (centreId: string, runId: string, uCode: string | null, enabled = true) =>
  useQuery({
    queryKey: evaluationKeys.explanation(centreId, runId, uCode ?? ''),
    queryFn: ({ signal }) => apiGet<TExplanation>(evaluationPath(centreId, `runs/${encodeURIComponent(runId)}/explain/${encodeURIComponent(uCode ?? '')}`), undefined, signal),
    enabled: enabled && uCode !== null,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
