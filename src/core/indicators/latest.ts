import { periodTime } from '../targets/progress.js';

/** What the rule reads of a figure. */
export type DatedFigure = { period: string | null; year: number | null; status: 'measured' | 'estimated' | 'target'; entityId: string | null; areaId: string | null };

const STATUS_ORDER: Record<DatedFigure['status'], number> = { measured: 0, estimated: 1, target: 2 };

/** The period a figure measures: its `period`, else its year, else null (the source gives no date). */
export const figurePeriod = (o: Pick<DatedFigure, 'period' | 'year'>): string | null => o.period ?? (o.year === null ? null : String(o.year));

const point = (o: Pick<DatedFigure, 'period' | 'year'>): number => {
  const p = figurePeriod(o);
  return (p === null ? null : periodTime(p)) ?? -Infinity;
};

/** Newest period first (quarters and months in their place), then measured before estimated before target; undated last. */
export const compareNewestFirst = (a: DatedFigure, b: DatedFigure): number => point(b) - point(a) || STATUS_ORDER[a.status] - STATUS_ORDER[b.status];

export type Latest<T> = {
  /** The period of the newest measured or estimated figure (or of any figure when there are only targets); null when undated. */
  period: string | null;
  /** The figures of that period, one per subject (measured preferred to estimated). */
  figures: T[];
};

/**
 * An indicator's latest figures: the newest period that has a measured or
 * estimated figure (targets only when nothing else), with every subject's
 * figure for it, measured preferred. The catalogue shows these; the API's
 * `figures=latest` returns only these.
 */
export const latestFigures = <T extends DatedFigure>(observations: readonly T[]): Latest<T> | null => {
  if (observations.length === 0) return null;
  const actual = observations.filter((o) => o.status !== 'target');
  const pool = [...(actual.length > 0 ? actual : observations)].sort(compareNewestFirst);
  const period = figurePeriod(pool[0] as T);
  const bySubject = new Map<string, T>();
  for (const o of pool) {
    if (figurePeriod(o) !== period) continue;
    const subject = o.entityId ?? o.areaId ?? '';
    if (!bySubject.has(subject)) bySubject.set(subject, o);
  }
  return { period, figures: [...bySubject.values()] };
};

/** How many distinct subjects (areas, organisations) the figures are about. */
export const subjectCount = (observations: readonly Pick<DatedFigure, 'entityId' | 'areaId'>[]): number => new Set(observations.map((o) => o.entityId ?? o.areaId ?? '')).size;
