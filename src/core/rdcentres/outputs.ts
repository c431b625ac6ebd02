/**
 * The comprehensive assessment of a recognised centre from its records
 * (joint projects, technology contracts with local partners, local hires),
 * and the count of recognised centres per year and area. Pure: the service
 * reads the records, these functions decide.
 */

export type AssessmentMetric = 'jointProjects' | 'localContracts' | 'localHires';
export const ASSESSMENT_METRICS: readonly AssessmentMetric[] = ['jointProjects', 'localContracts', 'localHires'];

/** Hires recorded by the centre for a span of months (YYYY-MM, inclusive). */
export type HireRecord = { periodFrom: string; periodTo: string; count: number };

/** Whether a span of months overlaps a span of days (YYYY-MM-DD, inclusive). */
export const monthsOverlap = (periodFrom: string, periodTo: string, from: string, to: string): boolean => `${periodFrom}-01` <= to && `${periodTo}-31` >= from;

/** Whether a day (YYYY-MM-DD) lies in a window (inclusive). */
export const dayIn = (day: string | null, from: string, to: string): boolean => day !== null && day >= from && day <= to;

export type AssessmentLine = { metric: AssessmentMetric; value: number; threshold: number | null; met: boolean | null };
export type Assessment = { lines: AssessmentLine[]; outcome: 'met' | 'not_met' | 'no_floor' };

/**
 * Each output against the round's floor. Hires whose period overlaps the
 * window count in full (a centre records them per period; the window is the
 * recognition's). No floor for a metric means it is shown, not judged.
 */
export const assess = (values: Record<AssessmentMetric, number>, floors: Partial<Record<AssessmentMetric, number>>): Assessment => {
  const lines = ASSESSMENT_METRICS.map((metric) => {
    const threshold = floors[metric] ?? null;
    return { metric, value: values[metric], threshold, met: threshold === null ? null : values[metric] >= threshold };
  });
  const judged = lines.filter((l) => l.met !== null);
  return { lines, outcome: judged.length === 0 ? 'no_floor' : judged.every((l) => l.met) ? 'met' : 'not_met' };
};

export const hiresIn = (hires: readonly HireRecord[], from: string, to: string): number => hires.filter((h) => monthsOverlap(h.periodFrom, h.periodTo, from, to)).reduce((n, h) => n + h.count, 0);

/** A recognition as the count reads it: the year it took effect and the area of the organisation. */
export type RecognitionRecord = { id: string; validFrom: string; areaId: string | null; isSample: boolean };
export type CumulativeFigure = { period: string; areaId: string | null; value: number; records: string[]; isSample: boolean };

/**
 * Recognised centres, cumulative: for each year from the first recognition
 * to `lastYear`, every centre recognised in or before that year (a later
 * revocation does not undo "recognised and supported"), for the whole centre
 * (areaId null) and for each area that has one. Record ids sorted.
 */
export const cumulativeRecognised = (records: readonly RecognitionRecord[], lastYear: number): CumulativeFigure[] => {
  if (records.length === 0) return [];
  const years = records.map((r) => Number(r.validFrom.slice(0, 4)));
  const first = Math.min(...years);
  const areas = [null, ...[...new Set(records.flatMap((r) => (r.areaId ? [r.areaId] : [])))].sort()];
  const out: CumulativeFigure[] = [];
  for (let y = first; y <= Math.max(lastYear, first); y++) {
    for (const area of areas) {
      const counted = records.filter((r) => Number(r.validFrom.slice(0, 4)) <= y && (area === null || r.areaId === area));
      if (counted.length === 0) continue;
      out.push({ period: String(y), areaId: area, value: counted.length, records: counted.map((r) => r.id).sort(), isSample: counted.some((r) => r.isSample) });
    }
  }
  return out;
};

/** A recognition's standing on a day: revoked, expired (its validity ended before the day) or active. */
export const recognitionStatus = (r: { validTo: string | null; revokedOn: string | null }, today: string): 'active' | 'expired' | 'revoked' => {
  if (r.revokedOn !== null && r.revokedOn <= today) return 'revoked';
  if (r.validTo !== null && r.validTo < today) return 'expired';
  return 'active';
};
