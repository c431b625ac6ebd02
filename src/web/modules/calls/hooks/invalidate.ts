import type { QueryClient } from '@tanstack/react-query';
import { callKeys } from './keys.js';

/**
 * After any calls-engine write: a transition may cascade (a call starting
 * review moves its applications, an award changes the ranking, a milestone
 * pays out), so every call query of the centre and the viewer's own lists and
 * inbox are refreshed.
 */
export const invalidateCalls = (client: QueryClient, centreId: string): Promise<unknown> =>
  Promise.all([client.invalidateQueries({ queryKey: callKeys.all(centreId) }), client.invalidateQueries({ queryKey: ['me'] })]);
