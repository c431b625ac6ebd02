import type { TObservation } from '../../../../shared/schemas/indicators.js';
import { latestFigures as latestOf, type Latest } from '../../../../core/indicators/latest.js';

export { compareNewestFirst } from '../../../../core/indicators/latest.js';

export type LatestFigures = Latest<TObservation>;

/** What the catalogue shows as an indicator's latest figure (the rule lives in core, shared with the API's `figures=latest`). */
export const latestFigures = (observations: readonly TObservation[]): LatestFigures | null => latestOf(observations);
