import { describe, expect, test } from 'vitest';
import { ZPipeline, ZSensitivitySpec } from '../../shared/schemas/evaluation.js';
import { contributions, upOneRank } from './explain.js';
import { ASEM_IDATA, ASEM_IMETA, ASEM_PIPELINE, ASEM_SENSITIVITY } from './fixtures/asem.js';
import { csvRows, parseIndexInput } from './input.js';
import type { AggregateStep } from './aggregate.js';
import { runPipeline } from './pipeline.js';
import { planSensitivity, runSensitivityRange, summariseSensitivity } from './sensitivity.js';

/** COINr's ASEM example: 51 units, 49 indicators, 4 levels. */
const input = parseIndexInput({ name: 'iData.csv', rows: csvRows(ASEM_IDATA) }, { name: 'iMeta.csv', rows: csvRows(ASEM_IMETA) });
const pipeline = ZPipeline.parse(ASEM_PIPELINE);

describe('ASEM', () => {
  test('the framework: 49 indicators, 11 aggregates over 4 levels, 4 groups, 4 denominators', () => {
    expect(input.data.units.codes).toHaveLength(51);
    expect(input.framework.indicators).toHaveLength(49);
    expect(input.framework.aggregates.map((a) => a.code).slice(-3)).toEqual(['Conn', 'Sust', 'Index']);
    expect(input.framework.groups).toEqual(['GDP_group', 'GDPpc_group', 'Pop_group', 'EurAsia_group']);
    expect(input.framework.denominators).toEqual(['Area', 'Energy', 'GDP', 'Population']);
  });

  const result = runPipeline(input, pipeline.steps);
  const index = result.aggregated.columns.get('Index') as Float64Array;

  test('denominate → impute → treat → minmax → amean: every unit scored within [0, 100] and ranked 1…51', () => {
    expect(index.every((v) => v >= 0 && v <= 100)).toBe(true);
    expect([...result.ranks].sort((a, b) => a - b)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    const imputed = result.steps[1]?.dataset;
    for (const code of imputed?.codes ?? []) expect(imputed?.columns.get(code)?.some(Number.isNaN)).toBe(false);
  });

  test('Flights is divided by Population (denominate)', () => {
    const raw = input.data.columns.get('Flights') as Float64Array;
    const pop = input.data.units.denominators.get('Population') as Float64Array;
    expect(result.steps[0]?.dataset.columns.get('Flights')?.[0]).toBe((raw[0] as number) / (pop[0] as number));
  });

  test('the treatment report covers every indicator and leaves every treated indicator passing or logged', () => {
    expect(result.treatment?.map((r) => r.code)).toEqual(input.framework.indicators.map((e) => e.code));
    for (const r of result.treatment ?? []) {
      if (r.winsorised > 0) expect(Math.abs(r.skewAfter) < 2 || r.kurtAfter < 3.5).toBe(true);
    }
    expect(result.treatment?.some((r) => r.winsorised > 0)).toBe(true);
  });

  test('the leader is Switzerland; the index is the weighted mean of Conn and Sust', () => {
    const leader = result.ranks.indexOf(1);
    expect(input.data.units.codes[leader]).toBe('CHE');
    const conn = result.aggregated.columns.get('Conn') as Float64Array;
    const sust = result.aggregated.columns.get('Sust') as Float64Array;
    index.forEach((v, i) => expect(v).toBeCloseTo(((conn[i] as number) + (sust[i] as number)) / 2, 10));
  });

  test('contributions of the indicators sum to the index, and moving up one rank is what it says', () => {
    const step = pipeline.steps.at(-1) as AggregateStep;
    const unit = result.ranks.indexOf(10);
    const parts = contributions(input.framework, result.aggregated, step, unit).filter((c) => c.level === 1);
    expect(parts.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(index[unit] as number, 10);
    expect(parts.reduce((s, c) => s + c.effectiveWeight, 0)).toBeCloseTo(1, 12);

    const move = upOneRank(input.framework, result.aggregated, step, unit);
    expect(move?.rank).toBe(10);
    const smallest = move?.smallest;
    expect(smallest).toBeTruthy();
    if (!smallest) return;
    // apply the move to the normalised data, re-aggregate: the unit reaches rank 9 or better
    const normalised = result.steps[3]?.dataset;
    if (!normalised) throw new Error('no normalised dataset');
    const moved = new Map(normalised.columns).set(smallest.code, (normalised.columns.get(smallest.code) as Float64Array).map((v, i) => (i === unit ? smallest.required + 1e-9 : v)));
    const again = runPipeline({ framework: input.framework, data: { ...normalised, columns: moved } }, [step]);
    expect(again.ranks[unit]).toBeLessThanOrEqual(9);
    expect(upOneRank(input.framework, result.aggregated, step, result.ranks.indexOf(1))).toBeNull();
  });

  test('sensitivity (N = 30, weights × normalisation × aggregation): N·(d + 2) runs, indices and rank intervals', () => {
    const spec = ZSensitivitySpec.parse({ ...ASEM_SENSITIVITY, N: 30, bootstrap: 200 });
    const plan = planSensitivity(input, spec);
    const result = summariseSensitivity(plan, runSensitivityRange(plan, 0, plan.runCount));
    expect(result.runCount).toBe(150);
    expect(result.failedRuns).toBe(0);
    expect(result.indices.map((i) => i.input)).toEqual(['Weights', 'Normalisation', 'Aggregation']);
    for (const i of result.indices) {
      expect(i.STi).toBeGreaterThan(0);
      expect(i.SiQ5).toBeLessThanOrEqual(i.SiQ95);
      expect(i.STiQ5).toBeLessThanOrEqual(i.STiQ95);
    }
    expect(result.rankStats).toHaveLength(51);
    for (const r of result.rankStats) {
      expect(r.q5).toBeLessThanOrEqual(r.median);
      expect(r.median).toBeLessThanOrEqual(r.q95);
      expect(r.q5).toBeGreaterThanOrEqual(1);
      expect(r.q95).toBeLessThanOrEqual(51);
    }
    // the A block's first run under Sobol sampling is the point (½, ½, ½): set 51, zscore, gmean
    expect(result.runs[0]?.choices).toEqual(['set 51', '{"method":"zscore","mean":10,"sd":2}', '{"method":"gmean"}']);
  });
});
