import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import { useSession } from '../../../app/session.js';
import type { TEntityProfile } from '../../../../shared/schemas/registry.js';
import { centreKeys } from '../../centres/hooks/keys.js';

/** Everything the registry knows about one actor (personal fields only for viewers allowed to see them). */
export const useEntityProfileQuery = (centreId: string, entityId: string | null) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: centreKeys.profile(centreId, entityId ?? '', user?.id ?? null),
    queryFn: ({ signal }) =>
      apiGet<TEntityProfile>(
        `/api/centres/${encodeURIComponent(centreId)}/entities/${encodeURIComponent(entityId ?? '')}/profile`,
        undefined,
        signal,
      ),
    // Wait for the session, so a signed-in viewer's first request already gets what they may see.
    enabled: entityId !== null && entityId !== '' && !isLoading,
  });
};
