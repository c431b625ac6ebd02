import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TDataset, TDatasetUpload } from '../../../../shared/schemas/evaluation.js';
import { evaluationKeys, evaluationPath } from './keys.js';

/** Uploads iData + iMeta as text; the same files again return the stored dataset. */
export const useUploadDatasetMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TDatasetUpload) => apiRequest<TDataset>(evaluationPath(centreId, 'datasets'), { method: 'POST', body }),
    onSuccess: (dataset) => {
      client.setQueryData(evaluationKeys.dataset(centreId, dataset.id), dataset);
      return client.invalidateQueries({ queryKey: evaluationKeys.datasets(centreId) });
    },
  });
};
