import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TRun } from '../../../../shared/schemas/evaluation.js';
import { evaluationKeys, evaluationPath } from './keys.js';

/** A stored run: pipeline, versions, results, treatment report. A run never changes. */
export const useRunQuery = (centreId: string, id: string | null) =>
  useQuery({
    queryKey: evaluationKeys.run(centreId, id ?? ''),
    queryFn: ({ signal }) => apiGet<TRun>(evaluationPath(centreId, `runs/${encodeURIComponent(id ?? '')}`), undefined, signal),
    enabled: id !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
