import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TDatasetSummary } from '../../../../shared/schemas/evaluation.js';
import { evaluationKeys, evaluationPath } from './keys.js';

export const useDatasetsQuery = (centreId: string, enabled = true) =>
  useQuery({
    queryKey: evaluationKeys.datasets(centreId),
    queryFn: ({ signal }) => apiGet<{ items: TDatasetSummary[] }>(evaluationPath(centreId, 'datasets'), undefined, signal),
    enabled,
  });
