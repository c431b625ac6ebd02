import { describe, expect, it } from 'vitest';
import { analyseMetric, analyseSoak, DEFAULT_SOAK_OPTIONS, linearFit, type SoakSample } from './soak-analysis.js';

/** One sample every 10 s over 30 minutes, value given by f(t). */
const series = (metric: string, f: (t: number) => number, seconds = 1800, every = 10): SoakSample[] =>
  Array.from({ length: seconds / every + 1 }, (_, i) => ({ t: i * every, values: { [metric]: f(i * every) } }));

describe('linearFit', () => {
  it('recovers the slope and intercept of points on a line', () => {
    const fit = linearFit([0, 1, 2, 3], [5, 7, 9, 11]);
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(fit.intercept).toBeCloseTo(5, 12);
  });

  it('gives a flat line through the mean when every x is the same', () => {
    expect(linearFit([4, 4, 4], [1, 2, 6])).toEqual({ slope: 0, intercept: 3 });
  });

  it('refuses empty or mismatched input', () => {
    expect(() => linearFit([], [])).toThrow('no points');
    expect(() => linearFit([1, 2], [1])).toThrow('differ');
  });
});

describe('analyseSoak', () => {
  const ok = { total: 10_000, failed: 0 };

  it('passes a flat metric with noise', () => {
    // Deterministic zig-zag noise of ±5 % around 200 MB.
    const v = analyseSoak(series('rssMb', (t) => 200 + (t % 20 === 0 ? 10 : -10)), ok);
    expect(v.pass).toBe(true);
    expect([190, 210]).toContain(v.metrics[0]?.warmupLevel);
    expect(Math.abs(v.metrics[0]?.growthPercent ?? 99)).toBeLessThan(1);
  });

  it('fails a steady leak of 20 % over the measured part of the run, and says by how much', () => {
    // 100 → 124 MB over 1,800 s: after the 360 s warm-up the line climbs from 104.8 to 124 (19.2 MB); the warm-up median is 102.4.
    const v = analyseSoak(series('heapMb', (t) => 100 + (24 * t) / 1800), ok);
    expect(v.pass).toBe(false);
    const m = v.metrics[0]!;
    expect(m.growth).toBeCloseTo(19.2, 6);
    expect(m.warmupLevel).toBeCloseTo(102.4, 6);
    expect(m.growthPercent).toBeCloseTo((100 * 19.2) / 102.4, 6);
    expect(v.reasons[0]).toMatch(/^heapMb grew 19\.2 \(18\.[78] % of the warm-up level 102;/);
  });

  it('passes growth just under the limit and fails it just over', () => {
    // Level 100 in warm-up, then a ramp whose fitted growth after warm-up is g.
    const ramp = (g: number) => series('m', (t) => (t <= 360 ? 100 : 100 + (g * (t - 360)) / 1440));
    expect(analyseSoak(ramp(9.5), ok).pass).toBe(true);
    expect(analyseSoak(ramp(10.5), ok).pass).toBe(false);
  });

  it('ignores the warm-up, where memory rises while caches fill', () => {
    const v = analyseSoak(series('rssMb', (t) => (t < 300 ? 100 + t / 3 : 200)), ok);
    expect(v.pass).toBe(true);
  });

  it('lets growth within the absolute tolerance pass (small gauges), but not beyond it', () => {
    // Event-loop delay 2 ms → 2.6 ms is 30 % but only 0.6 ms.
    const samples = series('eventLoopP99Ms', (t) => 2 + (0.6 * t) / 1800);
    const options = { ...DEFAULT_SOAK_OPTIONS, rules: { eventLoopP99Ms: { absoluteTolerance: 5 } } };
    expect(analyseSoak(samples, ok, options).pass).toBe(true);
    expect(analyseSoak(samples, ok).pass).toBe(false);
  });

  it('reports a metric that is not judged, with its growth, but never fails the run on it', () => {
    const samples = series('heapUsedMb', (t) => 100 + t / 10);
    const options = { ...DEFAULT_SOAK_OPTIONS, rules: { heapUsedMb: { absoluteTolerance: 0, judged: false } } };
    const v = analyseSoak(samples, ok, options);
    expect(v.pass).toBe(true);
    expect(v.metrics[0]).toMatchObject({ metric: 'heapUsedMb', judged: false, pass: true, reason: null });
    expect(v.metrics[0]?.growthPercent).toBeGreaterThan(10);
    expect(analyseSoak(samples, ok).metrics[0]).toMatchObject({ judged: true, pass: false });
  });

  it('judges a metric that starts at zero by its absolute growth', () => {
    const options = { ...DEFAULT_SOAK_OPTIONS, rules: { poolWaiting: { absoluteTolerance: 1 } } };
    expect(analyseSoak(series('poolWaiting', () => 0), ok, options).pass).toBe(true);
    const growing = analyseSoak(series('poolWaiting', (t) => (t <= 360 ? 0 : (t - 360) / 100)), ok, options);
    expect(growing.pass).toBe(false);
    expect(growing.metrics[0]?.growthPercent).toBeNull();
  });

  it('never fails a metric that shrinks', () => {
    expect(analyseSoak(series('rssMb', (t) => 300 - t / 10), ok).pass).toBe(true);
  });

  it('fails on any failed request even when every metric is flat', () => {
    const v = analyseSoak(series('rssMb', () => 100), { total: 5000, failed: 1 });
    expect(v.pass).toBe(false);
    expect(v.reasons).toEqual(['1 of 5000 requests failed (5xx, network error or an unexpected status)']);
  });

  it('fails a run with no requests or no samples', () => {
    expect(analyseSoak(series('rssMb', () => 100), { total: 0, failed: 0 }).pass).toBe(false);
    expect(analyseSoak([], ok)).toMatchObject({ pass: false, reasons: ['no samples'] });
  });

  it('analyses each metric on its own samples, skipping moments where one was not read', () => {
    const samples: SoakSample[] = series('a', () => 1).map((s, i) => ({ t: s.t, values: i % 2 ? { a: 1 } : { a: 1, b: 50 + s.t } }) as SoakSample);
    const v = analyseSoak(samples, ok);
    expect(v.metrics.map((m) => [m.metric, m.samples, m.pass])).toEqual([
      ['a', 181, true],
      ['b', 91, false],
    ]);
  });
});

describe('analyseMetric', () => {
  it('refuses to judge a series too short to fit', () => {
    const v = analyseMetric('rssMb', [{ t: 0, v: 1 }, { t: 100, v: 1 }], 0, 100, DEFAULT_SOAK_OPTIONS);
    expect(v.pass).toBe(false);
    expect(v.reason).toBe('rssMb: too few samples (1 in warm-up, 1 after)');
  });
});
