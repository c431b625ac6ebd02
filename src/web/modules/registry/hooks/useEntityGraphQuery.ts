import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TGraph } from '../../../../shared/schemas/registry.js';
import { centreKeys } from '../../centres/hooks/keys.js';

/** The relations around an actor, to `depth` steps, capped and clustered by the server. */
export const useEntityGraphQuery = (centreId: string, entityId: string, depth = 2, maxNodes = 60) =>
  useQuery({
    queryKey: centreKeys.graph(centreId, entityId, depth, maxNodes),
    queryFn: ({ signal }) =>
      apiGet<TGraph>(`/api/centres/${encodeURIComponent(centreId)}/entities/${encodeURIComponent(entityId)}/graph`, { depth, maxNodes }, signal),
  });
