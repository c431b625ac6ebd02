/**
 * Progress towards a target, from the figures recorded for its indicator.
 * Pure: the caller passes "now" as a time (see `periodTime`).
 */

export type Comparison = 'at_least' | 'at_most';

/** An analyst's judgement of a qualitative goal, or of a target the figures cannot settle. */
export const ASSESSMENTS = ['achieved', 'on_track', 'at_risk', 'off_track', 'missed'] as const;
export type Assessment = (typeof ASSESSMENTS)[number];

export const PROGRESS_STATUSES = [
  'achieved',
  'on_track',
  'at_risk',
  'off_track',
  'missed',
  /** The deadline has passed and no figure for a period at or after it is recorded yet. */
  'awaiting_figures',
  /** Figures exist, but too few (or no deadline) to project a trend. */
  'in_progress',
  'no_data',
  /** A qualitative goal nobody has assessed. */
  'not_assessed',
] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export type TargetSpec = {
  comparison: Comparison | null;
  targetValue: number | null;
  baselineValue: number | null;
  baselinePeriod: string | null;
  deadline: string | null;
  assessment: Assessment | null;
};

export type PeriodValue = { period: string; value: number };

export type Progress = {
  status: ProgressStatus;
  /** Where the status comes from: the recorded figures, an analyst's assessment, or nothing yet. */
  basis: 'figures' | 'assessment' | 'none';
  latest: PeriodValue | null;
  baseline: PeriodValue | null;
  /** Share of the way from baseline to target covered by the latest figure (below 0: moved away; above 1: passed). */
  share: number | null;
  /** Distance still to go, in the indicator's unit (0 once met). */
  remaining: number | null;
  /** Least-squares trend per year over the figures since the baseline. */
  slopePerYear: number | null;
  /** The trend carried on to the deadline. */
  projected: number | null;
  /** The pace per year needed from the latest figure to meet the target by the deadline. */
  requiredPerYear: number | null;
};

/** A pace this close to the one required still counts as "at risk", not "off track". */
export const AT_RISK_PACE = 0.8;

const PERIOD = /^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?))?$/;

/**
 * A period or deadline as a point in time, in years: `2023` → 2023,
 * `2023-Q2` → 2023.25, `2023-07` → 2023.5, `2023-07-01` → 2023.5. A year's
 * figure sits at the year's start so that it counts for a deadline in that year.
 */
export const periodTime = (period: string): number | null => {
  const m = PERIOD.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return year + (Number(m[2]) - 1) / 4;
  if (m[3]) return year + (Number(m[3]) - 1) / 12 + (m[4] ? (Number(m[4]) - 1) / 365 : 0);
  return year;
};

export const isPeriod = (text: string): boolean => periodTime(text) !== null;

const meets = (comparison: Comparison, value: number, target: number): boolean => (comparison === 'at_least' ? value >= target : value <= target);

/** Ordinary least-squares slope of value over time; null with fewer than two distinct times. */
export const trendSlope = (points: readonly { t: number; value: number }[]): number | null => {
  if (points.length < 2) return null;
  let st = 0;
  let sv = 0;
  for (const p of points) {
    st += p.t;
    sv += p.value;
  }
  const mt = st / points.length;
  const mv = sv / points.length;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mt) * (p.value - mv);
    den += (p.t - mt) ** 2;
  }
  return den === 0 ? null : num / den;
};

const EMPTY: Omit<Progress, 'status' | 'basis'> = { latest: null, baseline: null, share: null, remaining: null, slopePerYear: null, projected: null, requiredPerYear: null };

/**
 * How far a target has come. `figures` are the measured or estimated values of
 * its indicator for its subject (any order; periods that do not parse are
 * ignored); `now` is today as a time in years.
 */
export const assessProgress = (spec: TargetSpec, figures: readonly PeriodValue[], now: number): Progress => {
  const { comparison, targetValue: target } = spec;
  if (comparison === null || target === null) {
    return { ...EMPTY, status: spec.assessment ?? 'not_assessed', basis: spec.assessment ? 'assessment' : 'none' };
  }
  const points = figures
    .map((f) => ({ ...f, t: periodTime(f.period) }))
    .filter((p): p is PeriodValue & { t: number } => p.t !== null && Number.isFinite(p.value))
    .sort((a, b) => a.t - b.t);
  const explicitBaseline = spec.baselineValue !== null && spec.baselinePeriod !== null && periodTime(spec.baselinePeriod) !== null ? { period: spec.baselinePeriod, value: spec.baselineValue, t: periodTime(spec.baselinePeriod) as number } : null;
  const last = points.at(-1);
  if (!last) {
    return { ...EMPTY, baseline: explicitBaseline && { period: explicitBaseline.period, value: explicitBaseline.value }, status: spec.assessment ?? 'no_data', basis: spec.assessment ? 'assessment' : 'none' };
  }
  const first = points[0] as (typeof points)[number];
  const base = explicitBaseline ?? first;
  const share = target === base.value ? null : (last.value - base.value) / (target - base.value);
  const met = meets(comparison, last.value, target);
  const remaining = met ? 0 : Math.abs(target - last.value);
  // The trend runs over the figures from the baseline on, the baseline itself included.
  const trendPoints = [...(explicitBaseline && !points.some((p) => p.t === explicitBaseline.t) ? [explicitBaseline] : []), ...points.filter((p) => p.t >= base.t)];
  const slope = trendSlope(trendPoints);
  const deadline = spec.deadline === null ? null : periodTime(spec.deadline);
  const projected = slope !== null && deadline !== null ? last.value + slope * (deadline - last.t) : null;
  const requiredPerYear = deadline !== null && deadline > last.t ? (target - last.value) / (deadline - last.t) : null;
  const common = { basis: 'figures' as const, latest: { period: last.period, value: last.value }, baseline: { period: base.period, value: base.value }, share, remaining, slopePerYear: slope, projected, requiredPerYear };

  if (met) return { ...common, status: 'achieved' };
  if (deadline !== null && last.t >= deadline) return { ...common, status: 'missed' };
  if (deadline !== null && now > deadline) return { ...common, status: 'awaiting_figures' };
  if (deadline === null || projected === null || requiredPerYear === null || slope === null) return { ...common, status: 'in_progress' };
  if (meets(comparison, projected, target)) return { ...common, status: 'on_track' };
  // Moving the right way at most of the pace needed is a risk; slower, or backwards, is off track.
  return { ...common, status: slope / requiredPerYear >= AT_RISK_PACE ? 'at_risk' : 'off_track' };
};
