import type { TIndicator, TObservation } from '../../../../shared/schemas/indicators.js';

const rank = (o: TObservation): number => (o.status === 'target' ? 1 : 0);

/**
 * The observation a card leads with: the most recent measured or estimated
 * figure (a year beats no year), else the most recent target.
 */
export const headlineObservation = (indicator: Pick<TIndicator, 'observations'>): TObservation | null => {
  let best: TObservation | null = null;
  for (const o of indicator.observations) {
    if (!best) {
      best = o;
      continue;
    }
    if (rank(o) !== rank(best)) {
      if (rank(o) < rank(best)) best = o;
      continue;
    }
    if ((o.year ?? -Infinity) > (best.year ?? -Infinity)) best = o;
  }
  return best;
};

/** Observations newest first; those without a year last. */
export const observationsNewestFirst = (observations: readonly TObservation[]): TObservation[] =>
  [...observations].sort((a, b) => (b.year ?? -Infinity) - (a.year ?? -Infinity));
