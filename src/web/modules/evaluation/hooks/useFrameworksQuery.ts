import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TFrameworkVersion } from '../../../../shared/schemas/evaluation.js';
import { evaluationKeys, evaluationPath } from './keys.js';

/** Saved framework versions, by key and newest version first; one key's versions when `key` is given. */
export const useFrameworksQuery = (centreId: string, key: string | null = null, enabled = true) =>
  useQuery({
    queryKey: evaluationKeys.frameworks(centreId, key),
    queryFn: ({ signal }) => apiGet<{ items: TFrameworkVersion[] }>(evaluationPath(centreId, 'frameworks'), key ? { key } : undefined, signal),
    enabled,
  });
