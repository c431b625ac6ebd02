import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessProgress, periodTime, PROGRESS_STATUSES, trendSlope, type PeriodValue, type TargetSpec } from './progress.js';

const spec = (over: Partial<TargetSpec> = {}): TargetSpec => ({ comparison: 'at_least', targetValue: 100, baselineValue: null, baselinePeriod: null, deadline: '2030', assessment: null, ...over });
const series = (...pairs: [string, number][]): PeriodValue[] => pairs.map(([period, value]) => ({ period, value }));

describe('periodTime', () => {
  it('reads years, quarters, months and days', () => {
    expect(periodTime('2023')).toBe(2023);
    expect(periodTime('2023-Q2')).toBe(2023.25);
    expect(periodTime('2023-07')).toBe(2023.5);
    expect(periodTime('2023-07-01')).toBe(2023.5);
    expect(periodTime('2023-12-31')).toBeCloseTo(2023 + 11 / 12 + 30 / 365, 10);
  });
  it('refuses what is not a period', () => {
    for (const bad of ['23', '2023-13', '2023-Q5', '2023-00', 'abc', '2023-07-32', ' 2023']) expect(periodTime(bad), bad).toBeNull();
  });
  it('orders periods within a year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const m = periodTime(`${year}-${String(month).padStart(2, '0')}`) as number;
        expect(m).toBeGreaterThanOrEqual(year);
        expect(m).toBeLessThan(year + 1);
        expect(periodTime(`${year}-Q${Math.ceil(month / 3)}`) as number).toBeLessThanOrEqual(m);
      }),
    );
  });
});

describe('trendSlope', () => {
  it('recovers the slope of points on a line', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.uniqueArray(fc.integer({ min: 2000, max: 2040 }), { minLength: 2, maxLength: 12 }), (a, b, years) => {
        const slope = trendSlope(years.map((t) => ({ t, value: a + b * (t - 2000) }))) as number;
        expect(slope).toBeCloseTo(b, 6);
      }),
    );
  });
  it('is null for one point or one time', () => {
    expect(trendSlope([{ t: 2020, value: 1 }])).toBeNull();
    expect(trendSlope([{ t: 2020, value: 1 }, { t: 2020, value: 2 }])).toBeNull();
  });
});

describe('assessProgress', () => {
  it('follows a qualitative goal by its assessment', () => {
    expect(assessProgress(spec({ comparison: null, targetValue: null }), [], 2026).status).toBe('not_assessed');
    const p = assessProgress(spec({ comparison: null, targetValue: null, assessment: 'on_track' }), [], 2026);
    expect(p).toMatchObject({ status: 'on_track', basis: 'assessment' });
  });

  it('has no data without figures', () => {
    expect(assessProgress(spec(), [], 2026)).toMatchObject({ status: 'no_data', latest: null, basis: 'none' });
  });

  it('is achieved once the latest figure meets the target, whatever the trend', () => {
    expect(assessProgress(spec(), series(['2020', 120], ['2024', 101]), 2026).status).toBe('achieved');
    expect(assessProgress(spec({ comparison: 'at_most', targetValue: 10 }), series(['2020', 40], ['2024', 10]), 2026).status).toBe('achieved');
  });

  it('projects the trend to the deadline', () => {
    // 10 a year from 50 (2020): 2030 projects 150 ≥ 100.
    const onTrack = assessProgress(spec(), series(['2020', 50], ['2021', 60], ['2022', 70]), 2023);
    expect(onTrack.status).toBe('on_track');
    expect(onTrack.slopePerYear).toBeCloseTo(10, 10);
    expect(onTrack.projected).toBeCloseTo(150, 10);
    expect(onTrack.share).toBeCloseTo(0.4, 10);
    expect(onTrack.remaining).toBeCloseTo(30, 10);
    expect(onTrack.requiredPerYear).toBeCloseTo(30 / 8, 10);
    // 1 a year from 70 (2022): 78 by 2030 needs 3.75 a year; 1/3.75 is off track.
    expect(assessProgress(spec(), series(['2020', 68], ['2022', 70]), 2023).status).toBe('off_track');
    // 3.5 a year where 3.75 is needed: at risk.
    expect(assessProgress(spec(), series(['2021', 66.5], ['2022', 70]), 2023).status).toBe('at_risk');
  });

  it('uses the stated baseline for the share and the trend', () => {
    const p = assessProgress(spec({ baselineValue: 0, baselinePeriod: '2020' }), series(['2022', 50]), 2023);
    expect(p.baseline).toEqual({ period: '2020', value: 0 });
    expect(p.share).toBeCloseTo(0.5, 10);
    expect(p.slopePerYear).toBeCloseTo(25, 10);
    expect(p.status).toBe('on_track');
  });

  it('says missed when the deadline period has a figure short of the target, awaiting figures when it has none yet', () => {
    expect(assessProgress(spec({ deadline: '2025' }), series(['2024', 80], ['2025', 90]), 2026).status).toBe('missed');
    expect(assessProgress(spec({ deadline: '2025' }), series(['2023', 80], ['2024', 90]), 2026.5).status).toBe('awaiting_figures');
  });

  it('stays in progress with a single figure or no deadline', () => {
    expect(assessProgress(spec(), series(['2022', 50]), 2023).status).toBe('in_progress');
    expect(assessProgress(spec({ deadline: null }), series(['2021', 40], ['2022', 50]), 2023).status).toBe('in_progress');
  });

  it('ignores figures whose period does not parse', () => {
    expect(assessProgress(spec(), series(['n/a', 500]), 2023).status).toBe('no_data');
  });

  const figure = fc.record({ period: fc.integer({ min: 2000, max: 2030 }).map(String), value: fc.double({ min: -1e4, max: 1e4, noNaN: true }) });
  const target = fc.record({
    comparison: fc.constantFrom('at_least' as const, 'at_most' as const),
    targetValue: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
    baselineValue: fc.constant(null),
    baselinePeriod: fc.constant(null),
    deadline: fc.option(fc.integer({ min: 2000, max: 2040 }).map(String)),
    assessment: fc.constant(null),
  });

  it('achieved exactly when the latest figure meets the target', () => {
    fc.assert(
      fc.property(target, fc.uniqueArray(figure, { minLength: 1, maxLength: 8, selector: (f) => f.period }), fc.integer({ min: 2000, max: 2045 }), (t, figures, now) => {
        const p = assessProgress(t, figures, now);
        expect(PROGRESS_STATUSES).toContain(p.status);
        const latest = [...figures].sort((a, b) => Number(a.period) - Number(b.period)).at(-1) as PeriodValue;
        const met = t.comparison === 'at_least' ? latest.value >= (t.targetValue as number) : latest.value <= (t.targetValue as number);
        expect(p.status === 'achieved').toBe(met);
        expect(p.latest).toEqual(latest);
        expect(p.remaining).toBeGreaterThanOrEqual(0);
        expect(p.remaining === 0).toBe(met);
      }),
    );
  });

  it('never ranks a better latest figure worse', () => {
    const rank = { achieved: 0, on_track: 1, at_risk: 2, in_progress: 3, off_track: 4, awaiting_figures: 5, missed: 6 } as Record<string, number>;
    fc.assert(
      fc.property(fc.integer({ min: 2001, max: 2029 }), fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }), (year, earlier, raise, latest) => {
        const base = series([String(year - 1), earlier], [String(year), latest]);
        const better = series([String(year - 1), earlier], [String(year), latest + raise]);
        const a = assessProgress(spec(), base, year + 0.5);
        const b = assessProgress(spec(), better, year + 0.5);
        expect(rank[b.status] as number).toBeLessThanOrEqual(rank[a.status] as number);
      }),
    );
  });
});
