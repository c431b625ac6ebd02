import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TFrameworkSave, TFrameworkVersion } from '../../../../shared/schemas/evaluation.js';
import { evaluationKeys, evaluationPath } from './keys.js';

/** Saves a framework as the next version under its key (the server checks the tree first). */
export const useSaveFrameworkMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ key, body }: { key: string; body: TFrameworkSave }) =>
      apiRequest<TFrameworkVersion>(evaluationPath(centreId, `frameworks/${encodeURIComponent(key)}/versions`), { method: 'POST', body }),
    onSuccess: (saved) => {
      // In the full list at once, so a page can switch to the new version before the lists refetch.
      client.setQueryData<{ items: TFrameworkVersion[] }>(evaluationKeys.frameworks(centreId, null), (old) => (old ? { items: [saved, ...old.items] } : old));
      return client.invalidateQueries({ queryKey: evaluationKeys.frameworkLists(centreId) });
    },
  });
};
