import type { QueryClient } from '@tanstack/react-query';
import { serviceKeys } from './keys.js';

/**
 * After any services write: a case's move changes the worklists, the ledger,
 * the enterprise's view and the metrics; a visit moves its package's next
 * check-in. Everything under the centre's services and the viewer's inbox is
 * refreshed.
 */
export const invalidateServices = (client: QueryClient, centreId: string): Promise<unknown> =>
  Promise.all([client.invalidateQueries({ queryKey: serviceKeys.all(centreId) }), client.invalidateQueries({ queryKey: ['me'] })]);
