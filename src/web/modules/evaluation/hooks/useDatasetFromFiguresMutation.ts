import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TDataset, TDatasetFromFigures } from '../../../../shared/schemas/evaluation.js';
import { evaluationKeys, evaluationPath } from './keys.js';

/** Builds a dataset from the centre's own figures for one level and period (`POST /datasets/from-figures`). */
export const useDatasetFromFiguresMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TDatasetFromFigures) => apiRequest<TDataset>(evaluationPath(centreId, 'datasets/from-figures'), { method: 'POST', body }),
    onSuccess: (dataset) => {
      client.setQueryData(evaluationKeys.dataset(centreId, dataset.id), dataset);
      return client.invalidateQueries({ queryKey: evaluationKeys.datasets(centreId) });
    },
  });
};
