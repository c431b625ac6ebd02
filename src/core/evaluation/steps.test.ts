import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ZPipelineStep, type TPipelineStep } from '../../shared/schemas/evaluation.js';
import { aggregate, type AggregateStep } from './aggregate.js';
import { csvRows, parseIndexInput } from './input.js';
import { EvaluationError, type Dataset, type IndexInput } from './model.js';
import { normalise, type NormaliseStep } from './normalise.js';
import { runPipeline } from './pipeline.js';
import { denominate, impute, screen } from './prepare.js';
import { kurtosis, mean, sampleSd, skewness } from './stats.js';
import { treat, treatColumn, type TreatStep } from './treat.js';

const NA = Number.NaN;
const step = <T extends TPipelineStep>(raw: Record<string, unknown>): T => ZPipelineStep.parse(raw) as T;

/**
 * A two-level framework by hand: Index = amean(P1, P2), P1 = amean(a, b), P2 = c.
 * Weights a 1, b 3, c 1, P1 2, P2 1; c has direction −1; a has denominator Pop.
 */
const META = `Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type
1,a,A,1,1,u,10,Pop,P1,Indicator
1,b,B,1,3,u,,,P1,Indicator
1,c,C,-1,1,u,2,,P2,Indicator
2,P1,Pillar 1,1,2,,,,Index,Aggregate
2,P2,Pillar 2,1,1,,,,Index,Aggregate
3,Index,Index,1,1,,,,,Aggregate
,Region,Region,,,,,,,Group
,Pop,Population,,,,,,,Denominator`;

const DATA = `uCode,uName,Region,Pop,a,b,c
U1,One,N,10,100,1,4
U2,Two,N,20,100,,2
U3,Three,S,5,,3,1
U4,Four,S,1,8,5,NA`;

const input = (): IndexInput => parseIndexInput({ name: 'iData.csv', rows: csvRows(DATA) }, { name: 'iMeta.csv', rows: csvRows(META) });
const values = (d: Dataset, code: string): number[] => [...(d.columns.get(code) ?? [])];

describe('denominate, impute, screen', () => {
  test('denominate divides by the unit’s denominator: a = 100/10, 100/20, NA, 8/1', () => {
    const { data, framework } = input();
    expect(values(denominate(data, framework), 'a')).toEqual([10, 5, NA, 8]);
    expect(values(denominate(data, framework), 'b')).toEqual([1, NA, 3, 5]);
  });
  test('impute mean / median over all units', () => {
    const { data } = input();
    // b: present 1, 3, 5 → mean 3, median 3; a: 100, 100, 8 → mean 69.33…, median 100
    expect(values(impute(data, step({ op: 'impute', method: 'mean' })), 'b')).toEqual([1, 3, 3, 5]);
    expect(values(impute(data, step({ op: 'impute', method: 'mean' })), 'a')[2]).toBeCloseTo(208 / 3, 12);
    expect(values(impute(data, step({ op: 'impute', method: 'median' })), 'a')).toEqual([100, 100, 100, 8]);
  });
  test('impute within the group column: U2 (N) gets b from U1 only; U3 (S) gets a from U4 only', () => {
    const { data } = input();
    const d = impute(data, step({ op: 'impute', method: 'groupMean', group: 'Region' }));
    expect(values(d, 'b')).toEqual([1, 1, 3, 5]);
    expect(values(d, 'a')).toEqual([100, 100, 8, 8]);
    expect(values(d, 'c')).toEqual([4, 2, 1, 1]);
    expect(() => impute(data, step({ op: 'impute', method: 'groupMedian', group: 'Nope' }))).toThrow(/not a group column/);
  });
  test('impute none changes nothing', () => {
    const { data } = input();
    expect(impute(data, step({ op: 'impute', method: 'none' }))).toBe(data);
  });
  test('screen drops units below the data availability threshold (U2, U3, U4 have 2 of 3)', () => {
    const { data } = input();
    // only U1 has all three: one unit is too few to rank
    expect(() => screen(data, step({ op: 'screen', minDataAvailability: 0.9 }))).toThrow(EvaluationError);
    const all = screen(data, step({ op: 'screen', minDataAvailability: 0.6 }));
    expect(all.units.codes).toEqual(['U1', 'U2', 'U3', 'U4']);
  });
  test('screen keeps group and denominator columns aligned with the units left', () => {
    const { data } = input();
    const full = impute(data, step({ op: 'impute', method: 'mean' }));
    const withGap = { ...full, columns: new Map(full.columns).set('c', Float64Array.from([4, NA, NA, 1])) };
    const kept = screen(withGap, step({ op: 'screen', minDataAvailability: 0.9 }));
    expect(kept.units.codes).toEqual(['U1', 'U4']);
    expect(kept.units.groups.get('Region')).toEqual(['N', 'S']);
    expect([...(kept.units.denominators.get('Pop') ?? [])]).toEqual([10, 1]);
    expect(values(kept, 'b')).toEqual([1, 5]);
  });
});

describe('treat', () => {
  const defaults = step<TreatStep>({ op: 'treat' });
  test('(1, …, 10, 30, 100): one point winsorised (100 → 30), then it passes', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100]);
    const { values: treated, record } = treatColumn('x', x, defaults);
    expect([...treated]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 30]);
    expect(record).toMatchObject({ winsorised: 1, logApplied: false, passes: true, treatedUnits: [11] });
    expect(record.skewBefore).toBeCloseTo(3.0632, 4);
    expect(record.kurtAfter).toBeCloseTo(1.8158, 4);
    expect([...x]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100]); // the input is not modified
  });
  test('negative skew winsorises the low end', () => {
    const x = Float64Array.from([-100, -30, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1]);
    const { values: treated, record } = treatColumn('x', x, defaults);
    expect(treated[0]).toBe(-30);
    expect(record.winsorised).toBe(1);
  });
  test('when winmax points do not suffice, the log of the ORIGINAL column is kept', () => {
    // winmax 1: (1, …, 20, 100, 1000, 10000) with 10000 → 1000 still has skew 3.12, kurt 8.50,
    // so log(x − 1 + 0.01·9999) is applied to the original column.
    const x = Float64Array.from([...Array.from({ length: 20 }, (_, i) => i + 1), 100, 1000, 10000]);
    const { values: treated, record } = treatColumn('x', x, step<TreatStep>({ op: 'treat', winmax: 1 }));
    expect(record.logApplied).toBe(true);
    expect(record.winsorised).toBe(0);
    x.forEach((v, i) => expect(treated[i]).toBeCloseTo(Math.log(v - 1 + 99.99), 12));
    expect(record.skewAfter).toBeCloseTo(skewness(treated), 12);
    expect(record.kurtAfter).toBeCloseTo(kurtosis(treated), 12);
  });
  test('a column that passes is returned as it is; the report covers every indicator', () => {
    const { data } = input();
    const { dataset, report } = treat(data, defaults);
    expect(report.map((r) => r.code)).toEqual(['a', 'b', 'c']);
    expect(report.every((r) => r.passes && r.winsorised === 0 && !r.logApplied)).toBe(true);
    expect(dataset.columns.get('b')).toBe(data.columns.get('b'));
  });
});

describe('normalise', () => {
  const { framework } = input();
  const dataset = (a: number[], b: number[], c: number[]): Dataset => {
    const { data } = input();
    return { ...data, columns: new Map([['a', Float64Array.from(a)], ['b', Float64Array.from(b)], ['c', Float64Array.from(c)]]) };
  };
  const d = dataset([2, 4, 6, 10], [1, 1, 2, 3], [4, 2, 1, NA]);
  test('minmax [0, 100]: a → 0, 25, 50, 100; c reversed (direction −1): 4 → 0, 1 → 100', () => {
    const n = normalise(d, framework, step<NormaliseStep>({ op: 'normalise', method: 'minmax' }));
    expect(values(n, 'a')).toEqual([0, 25, 50, 100]);
    expect(values(n, 'c')).toEqual([0, (2 / 3) * 100, 100, NA]);
  });
  test('zscore to mean 10, sd 2 with the sample sd', () => {
    const n = normalise(d, framework, step<NormaliseStep>({ op: 'normalise', method: 'zscore', mean: 10, sd: 2 }));
    expect(mean(n.columns.get('a') as Float64Array)).toBeCloseTo(10, 12);
    expect(sampleSd(n.columns.get('a') as Float64Array)).toBeCloseTo(2, 12);
    // a: mean 5.5, sd √(35/3); (2 − 5.5)/√(35/3)·2 + 10
    expect(values(n, 'a')[0]).toBeCloseTo(10 - (3.5 / Math.sqrt(35 / 3)) * 2, 12);
  });
  test('rank, distance to frontier and to target (targets from iMeta, reversed with the direction)', () => {
    expect(values(normalise(d, framework, step<NormaliseStep>({ op: 'normalise', method: 'rank' })), 'b')).toEqual([1, 1, 3, 4]);
    expect(values(normalise(d, framework, step<NormaliseStep>({ op: 'normalise', method: 'distanceToFrontier' })), 'a')).toEqual([0, 0.25, 0.5, 1]);
    const t = normalise(selectAC(d), framework, step<NormaliseStep>({ op: 'normalise', method: 'distanceToTarget', capMax: true }));
    // a: target 10, min 2 → 1 − (10 − x)/8; c: −x vs target −2, min −4 → 1 − (−2 + x)/2, capped at 1
    expect(values(t, 'a')).toEqual([0, 0.25, 0.5, 1]);
    expect(values(t, 'c')).toEqual([0, 1, 1, NA]);
    expect(() => normalise(d, framework, step<NormaliseStep>({ op: 'normalise', method: 'distanceToTarget' }))).toThrow(/"b" has no Target/);
  });
  test('goalposts truncate to [0, 1] and scale; reversed posts for direction −1', () => {
    const g = normalise(d, framework, step<NormaliseStep>({ op: 'normalise', method: 'goalposts', posts: { a: [3, 7], b: [0, 4], c: [0, 4] } }));
    expect(values(g, 'a')).toEqual([0, 25, 75, 100]);
    expect(values(g, 'c')).toEqual([0, 50, 75, NA]);
  });
  test('minmax output lies within [lo, hi] (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        (xs, lo, width) => {
          fc.pre(new Set(xs).size > 1);
          const n = normalise(dataset(xs, xs, xs), framework, step<NormaliseStep>({ op: 'normalise', method: 'minmax', range: [lo, lo + width] }));
          for (const code of ['a', 'b', 'c']) for (const v of n.columns.get(code) ?? []) expect(v >= lo - 1e-9 && v <= lo + width + 1e-9).toBe(true);
        },
      ),
    );
  });
});

const selectAC = (d: Dataset): Dataset => ({ ...d, codes: ['a', 'c'], columns: new Map([['a', d.columns.get('a') as Float64Array], ['c', d.columns.get('c') as Float64Array]]) });

describe('aggregate', () => {
  const { framework, data } = input();
  const normalised = (a: number[], b: number[], c: number[]): Dataset => ({
    ...data,
    columns: new Map([['a', Float64Array.from(a)], ['b', Float64Array.from(b)], ['c', Float64Array.from(c)]]),
  });
  const agg = (method: string, d: Dataset, extra: Record<string, unknown> = {}) => aggregate(d, framework, step<AggregateStep>({ op: 'aggregate', method, ...extra }));

  test('amean by hand: P1 = (1·a + 3·b)/4, P2 = c, Index = (2·P1 + P2)/3; a missing child renormalises', () => {
    const out = agg('amean', normalised([10, 20, NA, 0], [30, 20, 40, 0], [60, 0, 10, NA]));
    expect(values(out, 'P1')).toEqual([25, 20, 40, 0]);
    expect(values(out, 'P2')).toEqual([60, 0, 10, NA]);
    expect(values(out, 'Index')).toEqual([(50 + 60) / 3, 40 / 3, 30, 0]);
    expect(out.codes).toEqual(['a', 'b', 'c', 'P1', 'P2', 'Index']);
  });
  test('equal weights ignore iMeta', () => {
    const out = agg('amean', normalised([10, 0, 0, 0], [30, 0, 0, 0], [60, 0, 0, 0]), { weights: 'equal' });
    expect(values(out, 'Index')[0]).toBe((20 + 60) / 2);
  });
  test('gmean and hmean by hand; gmean refuses values ≤ 0 with a clear message', () => {
    const d = normalised([1, 1, 1, 1], [16, 1, 1, 1], [4, 1, 1, 1]);
    // P1 = exp((ln 1 + 3 ln 16)/4) = 16^(3/4) = 8; Index = exp((2 ln 8 + ln 4)/3) = (64·4)^(1/3)
    expect(values(agg('gmean', d), 'P1')[0]).toBeCloseTo(8, 12);
    expect(values(agg('gmean', d), 'Index')[0]).toBeCloseTo(256 ** (1 / 3), 12);
    // P1 = 4/(1/1 + 3/16) = 64/19
    expect(values(agg('hmean', d), 'P1')[0]).toBeCloseTo(64 / 19, 12);
    expect(() => agg('gmean', normalised([0, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]))).toThrow(/geometric mean of "P1" for unit U1: a child value is 0/);
  });
  test('median of the children present', () => {
    expect(values(agg('median', normalised([1, 5, NA, 0], [3, 1, 2, 0], [0, 0, 0, 0])), 'P1')).toEqual([2, 3, 2, 0]);
  });
  test('Copeland by hand: 1 per win, ½ per tie, weights summing to 1', () => {
    // P1 over units with (a, b), weights ¼, ¾: U1 (1,1) U2 (1,0) U3 (0,0) U4 (0,2)
    // U1: vs U2 ¼·½ + ¾ = 7/8; vs U3 1; vs U4 ¼ → 17/8
    const out = agg('copeland', normalised([1, 1, 0, 0], [1, 0, 0, 2], [0, 0, 0, 0]));
    expect(values(out, 'P1')[0]).toBeCloseTo(17 / 8, 12);
    // U4: vs U1 ¾; vs U2 ¾; vs U3 ¼·½ + ¾ → 2.375
    expect(values(out, 'P1')[3]).toBeCloseTo(2.375, 12);
  });
  test('amean of equal children is that value, whatever the weights (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (v) => {
        const out = agg('amean', normalised([v, v, v, v], [v, v, v, v], [v, v, v, v]));
        for (const x of out.columns.get('Index') ?? []) expect(x).toBeCloseTo(v, 6);
      }),
    );
  });
});

describe('the pipeline', () => {
  const pipeline = [
    { op: 'denominate' },
    { op: 'impute', method: 'mean' },
    { op: 'treat' },
    { op: 'normalise', method: 'minmax', range: [0, 100] },
    { op: 'aggregate', method: 'amean' },
  ].map((s) => ZPipelineStep.parse(s));

  test('every step is recorded with its defaults and output; the index is ranked', () => {
    const result = runPipeline(input(), pipeline);
    expect(result.steps.map((s) => s.step.op)).toEqual(['denominate', 'impute', 'treat', 'normalise', 'aggregate']);
    expect(result.steps[2]?.step).toEqual({ op: 'treat', winmax: 5, skewThreshold: 2, kurtThreshold: 3.5 });
    expect(result.treatment?.length).toBe(3);
    expect([...result.ranks].sort()).toEqual([1, 2, 3, 4]);
  });
  test('a unit’s index never falls when one of its positive-direction indicators rises (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('a', 'b'),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (raw, unit, code, rise) => {
          const base = input();
          const cols = new Map([
            ['a', Float64Array.from(raw.slice(0, 4))],
            ['b', Float64Array.from(raw.slice(4, 8))],
            ['c', Float64Array.from(raw.slice(8, 12))],
          ]);
          fc.pre([...cols.values()].every((x) => new Set(x).size > 1));
          const steps = [pipeline[3], pipeline[4]] as TPipelineStep[];
          const before = runPipeline({ ...base, data: { ...base.data, columns: cols } }, steps).aggregated.columns.get('Index') as Float64Array;
          const raised = new Map(cols).set(code, (cols.get(code) as Float64Array).map((v, i) => (i === unit ? v + rise : v)));
          const after = runPipeline({ ...base, data: { ...base.data, columns: raised } }, steps).aggregated.columns.get('Index') as Float64Array;
          expect(after[unit] as number).toBeGreaterThanOrEqual((before[unit] as number) - 1e-9);
        },
      ),
    );
  });
});
