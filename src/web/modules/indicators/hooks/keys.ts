import type { TIndicatorFigures } from '../../../../shared/schemas/indicators.js';
import { centreKeys } from '../../centres/hooks/keys.js';

/** Query keys of the indicator catalogue, its figures and the targets; all under ['centre', id]. */
export const indicatorKeys = {
  /** Every indicator query of a centre (prefix, for invalidation after a write). */
  all: (centreId: string) => centreKeys.indicators(centreId),
  list: (centreId: string, figures: TIndicatorFigures = 'all') => [...centreKeys.indicators(centreId), 'list', figures] as const,
  detail: (centreId: string, code: string) => [...centreKeys.indicators(centreId), 'detail', code] as const,
  targets: (centreId: string) => ['centre', centreId, 'targets'] as const,
};

export const indicatorsApi = (centreId: string): string => `/api/centres/${encodeURIComponent(centreId)}`;
