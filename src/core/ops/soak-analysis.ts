/**
 * The soak test's verdict (issue 10): does a long steady run leak? Each
 * resource the soak samples (memory, event-loop delay, database connections)
 * is fitted with a least-squares line after a warm-up, and its growth over the
 * measured part of the run is read as a share of its warm-up level. A metric
 * fails when that growth exceeds the limit (10 % by default) and also an
 * absolute tolerance of its own (so that 1 ms of event-loop delay becoming
 * 1.2 ms, or 3 pooled connections becoming 4, is noise rather than a leak).
 * Any failed request fails the run.
 */

export type SoakSample = {
  /** Seconds since the soak started. */
  t: number;
  /** Metric name → value at that moment; a metric missing from a sample is skipped there. */
  values: Readonly<Record<string, number>>;
};

export type SoakMetricRule = {
  /** Growth within this many units (the metric's own) passes whatever the percentage. */
  absoluteTolerance: number;
  /**
   * false: the metric is fitted and reported but never fails the run. For
   * diagnostics whose level is not a leak measure, such as the heap in use at
   * an arbitrary moment (mostly garbage awaiting collection).
   */
  judged?: boolean;
};

export type SoakOptions = {
  /** Share of the run (by time) that is warm-up, excluded from the fit. */
  warmupFraction: number;
  /** Growth above this share of the warm-up level fails (percent). */
  maxGrowthPercent: number;
  rules: Readonly<Record<string, SoakMetricRule>>;
};

export const DEFAULT_SOAK_OPTIONS: SoakOptions = { warmupFraction: 0.2, maxGrowthPercent: 10, rules: {} };

export type SoakMetricVerdict = {
  metric: string;
  /** Median of the warm-up samples. */
  warmupLevel: number;
  /** Least-squares slope after warm-up, units per second. */
  slopePerSecond: number;
  /** The fitted line at the end of warm-up and at the last sample. */
  fittedFrom: number;
  fittedTo: number;
  /** fittedTo − fittedFrom, in the metric's units. */
  growth: number;
  /** Growth as a percentage of the warm-up level (null when that level is 0). */
  growthPercent: number | null;
  min: number;
  max: number;
  samples: number;
  /** Whether the metric can fail the run (see SoakMetricRule.judged). */
  judged: boolean;
  pass: boolean;
  reason: string | null;
};

export type SoakRequests = { total: number; failed: number };

export type SoakVerdict = {
  pass: boolean;
  metrics: SoakMetricVerdict[];
  requests: SoakRequests;
  reasons: string[];
};

export type LinearFit = { slope: number; intercept: number };

/** Ordinary least squares y = intercept + slope·x; a single point (or all x equal) gives a flat line through the mean. */
export const linearFit = (xs: readonly number[], ys: readonly number[]): LinearFit => {
  if (xs.length !== ys.length) throw new Error('linearFit: xs and ys differ in length');
  if (xs.length === 0) throw new Error('linearFit: no points');
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    sxy += dx * ((ys[i] as number) - my);
    sxx += dx * dx;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: my - slope * mx };
};

const medianOf = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** The verdict on one metric's (t, value) series; `start` and `end` bound the run in seconds. */
export const analyseMetric = (metric: string, points: readonly { t: number; v: number }[], start: number, end: number, options: SoakOptions): SoakMetricVerdict => {
  const warmupEnd = start + (end - start) * options.warmupFraction;
  const warm = points.filter((p) => p.t <= warmupEnd);
  const measured = points.filter((p) => p.t > warmupEnd);
  const tolerance = options.rules[metric]?.absoluteTolerance ?? 0;
  const values = points.map((p) => p.v);
  const judged = options.rules[metric]?.judged ?? true;
  const base = { metric, judged, samples: points.length, min: values.length ? Math.min(...values) : 0, max: values.length ? Math.max(...values) : 0 };
  if (warm.length === 0 || measured.length < 2) {
    return { ...base, warmupLevel: 0, slopePerSecond: 0, fittedFrom: 0, fittedTo: 0, growth: 0, growthPercent: null, pass: !judged, reason: judged ? `${metric}: too few samples (${warm.length} in warm-up, ${measured.length} after)` : null };
  }
  const warmupLevel = medianOf(warm.map((p) => p.v));
  const fit = linearFit(
    measured.map((p) => p.t),
    measured.map((p) => p.v),
  );
  const lastT = (measured[measured.length - 1] as { t: number }).t;
  const fittedFrom = fit.intercept + fit.slope * warmupEnd;
  const fittedTo = fit.intercept + fit.slope * lastT;
  const growth = fittedTo - fittedFrom;
  const growthPercent = warmupLevel === 0 ? null : (100 * growth) / Math.abs(warmupLevel);
  const overPercent = growthPercent === null ? growth > 0 : growthPercent > options.maxGrowthPercent;
  const pass = !judged || !(overPercent && growth > tolerance);
  const reason = pass ? null : `${metric} grew ${growth.toPrecision(3)} (${growthPercent === null ? 'from 0' : `${growthPercent.toFixed(1)} %`} of the warm-up level ${warmupLevel.toPrecision(3)}; limit ${options.maxGrowthPercent} % and ${tolerance})`;
  return { ...base, warmupLevel, slopePerSecond: fit.slope, fittedFrom, fittedTo, growth, growthPercent, pass, reason };
};

/** The soak's verdict: every sampled metric within its growth limit, and no failed request. */
export const analyseSoak = (samples: readonly SoakSample[], requests: SoakRequests, options: SoakOptions = DEFAULT_SOAK_OPTIONS): SoakVerdict => {
  const reasons: string[] = [];
  if (samples.length === 0) return { pass: false, metrics: [], requests, reasons: ['no samples'] };
  const start = Math.min(...samples.map((s) => s.t));
  const end = Math.max(...samples.map((s) => s.t));
  const names = [...new Set(samples.flatMap((s) => Object.keys(s.values)))].sort();
  const metrics = names.map((name) =>
    analyseMetric(
      name,
      samples.flatMap((s) => (Number.isFinite(s.values[name]) ? [{ t: s.t, v: s.values[name] as number }] : [])),
      start,
      end,
      options,
    ),
  );
  for (const m of metrics) if (m.reason) reasons.push(m.reason);
  if (requests.failed > 0) reasons.push(`${requests.failed} of ${requests.total} requests failed (5xx, network error or an unexpected status)`);
  if (requests.total === 0) reasons.push('no requests were made');
  return { pass: reasons.length === 0, metrics, requests, reasons };
};
