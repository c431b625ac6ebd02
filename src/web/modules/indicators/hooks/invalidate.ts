import type { QueryClient } from '@tanstack/react-query';
import { centreKeys } from '../../centres/hooks/keys.js';
import { indicatorKeys } from './keys.js';

/**
 * After a write to indicators, figures or targets: the catalogue, every
 * indicator page, the targets (their progress follows the figures), the
 * dashboard (it leads with figures) and the source list (a figure may bring a
 * new document).
 */
export const invalidateIndicators = (client: QueryClient, centreId: string): Promise<unknown> =>
  Promise.all([
    client.invalidateQueries({ queryKey: indicatorKeys.all(centreId) }),
    client.invalidateQueries({ queryKey: indicatorKeys.targets(centreId) }),
    client.invalidateQueries({ queryKey: centreKeys.dashboard(centreId) }),
    client.invalidateQueries({ queryKey: centreKeys.sources(centreId) }),
  ]);
