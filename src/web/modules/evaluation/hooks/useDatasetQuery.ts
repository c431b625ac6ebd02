import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TDataset } from '../../../../shared/schemas/evaluation.js';
import { evaluationKeys, evaluationPath } from './keys.js';

/** One dataset with both files' text: the browser runs the engine on it. Files never change, so it never goes stale. */
export const useDatasetQuery = (centreId: string, id: string | null) =>
  useQuery({
    queryKey: evaluationKeys.dataset(centreId, id ?? ''),
    queryFn: ({ signal }) => apiGet<TDataset>(evaluationPath(centreId, `datasets/${encodeURIComponent(id ?? '')}`), undefined, signal),
    enabled: id !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
