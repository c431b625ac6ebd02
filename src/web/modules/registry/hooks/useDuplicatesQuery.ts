import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TDuplicateCandidate } from '../../../../shared/schemas/registry.js';
import { centreKeys } from '../../centres/hooks/keys.js';

export type DuplicateProbe = {
  nameZh: string | null;
  nameEn: string;
  uscc: string | null;
  ror: string | null;
  orcid: string | null;
  excludeId: string | null;
};

/** Records that look like the probe (identifiers exactly, names fuzzily). A read, though sent as POST. */
export const useDuplicatesQuery = (centreId: string, probe: DuplicateProbe | null) =>
  useQuery({
    queryKey: centreKeys.duplicates(centreId, probe ?? {}),
    queryFn: ({ signal }) =>
      apiRequest<{ duplicates: TDuplicateCandidate[] }>(`/api/centres/${encodeURIComponent(centreId)}/duplicates`, {
        method: 'POST',
        body: probe,
        signal,
      }),
    enabled: probe !== null,
    staleTime: 0,
  });
