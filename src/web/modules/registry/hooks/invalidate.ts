import type { QueryClient } from '@tanstack/react-query';
import { centreKeys } from '../../centres/hooks/keys.js';

/**
 * After a registry write: the changed profiles, every search and graph (names,
 * relations and facets may all have moved), and the dashboard's and map's counts.
 */
export const invalidateRegistry = (client: QueryClient, centreId: string, entityIds: ReadonlyArray<string | null | undefined>): Promise<unknown> =>
  Promise.all([
    ...entityIds.filter((id): id is string => Boolean(id)).map((id) => client.invalidateQueries({ queryKey: centreKeys.profiles(centreId, id) })),
    client.invalidateQueries({ queryKey: centreKeys.searches(centreId) }),
    client.invalidateQueries({ queryKey: centreKeys.graphs(centreId) }),
    client.invalidateQueries({ queryKey: centreKeys.dashboard(centreId) }),
    client.invalidateQueries({ queryKey: ['centre', centreId, 'area-counts'] }),
  ]);
