import type { TObservation } from '../../../../shared/schemas/indicators.js';
import { periodOf, periodPoint } from './period.js';

const STATUS_ORDER: Record<TObservation['status'], number> = { measured: 0, estimated: 1, target: 2 };

/** Newest period first (quarters and months in their place), then measured before estimated before target; undated last. */
export const compareNewestFirst = (a: TObservation, b: TObservation): number =>
  (periodPoint(periodOf(b)) ?? -Infinity) - (periodPoint(periodOf(a)) ?? -Infinity) || STATUS_ORDER[a.status] - STATUS_ORDER[b.status];

export type LatestFigures = {
  /** The period of the newest measured or estimated figure (or of any figure when there are only targets); null when undated. */
  period: string | null;
  /** The figures of that period, one per subject (measured preferred to estimated). */
  figures: TObservation[];
};

/**
 * What the catalogue shows as an indicator's latest figure: the newest period
 * that has a measured or estimated figure (targets only when nothing else),
 * with every subject's figure for it, measured preferred.
 */
export const latestFigures = (observations: readonly TObservation[]): LatestFigures | null => {
  if (observations.length === 0) return null;
  const actual = observations.filter((o) => o.status !== 'target');
  const pool = [...(actual.length > 0 ? actual : observations)].sort(compareNewestFirst);
  const newest = pool[0] as TObservation;
  const period = periodOf(newest);
  const bySubject = new Map<string, TObservation>();
  for (const o of pool) {
    if (periodOf(o) !== period) continue;
    const subject = o.entityId ?? o.areaId;
    if (!bySubject.has(subject)) bySubject.set(subject, o);
  }
  return { period, figures: [...bySubject.values()] };
};
