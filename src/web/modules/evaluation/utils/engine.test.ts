import { describe, expect, test } from 'vitest';
import { ASEM_IDATA, ASEM_IMETA, ASEM_PIPELINE } from '../../../../core/evaluation/fixtures/asem.js';
import { runPipeline, runResults } from '../../../../core/evaluation/index.js';
import { ZPipeline, ZSensitivitySpec } from '../../../../shared/schemas/evaluation.js';
import { buildRankIntervalOption, sortRankStats } from '../../../charts/options/rank-interval.js';
import { buildSobolBarOption } from '../../../charts/options/sobol-bar.js';
import { testTheme, tEn } from '../../../test-support/fixtures.js';
import { buildPipeline, choicesFor, DEFAULT_CHOICE, explain, parseDataset, rankShift, rerank, sensitivitySpec, weighable } from './engine.js';

const input = parseDataset({ data: ASEM_IDATA, meta: ASEM_IMETA });

describe('the engine in the browser', () => {
  test('the default choices are the issue’s pipeline, and give the server’s numbers', () => {
    const pipeline = buildPipeline(input, DEFAULT_CHOICE);
    expect(pipeline).toEqual(ZPipeline.parse(ASEM_PIPELINE));
    const local = rerank(input, pipeline.steps, new Map());
    expect(local).toEqual({ ok: true, results: runResults(input, runPipeline(input, pipeline.steps)) });
  });

  test('a heavier weight re-ranks; the shift is counted against the framework’s weights', () => {
    const { steps } = buildPipeline(input, DEFAULT_CHOICE);
    const base = rerank(input, steps, new Map());
    const heavy = rerank(input, steps, new Map([['Sust', 5]]));
    if (!base.ok || !heavy.ok) throw new Error('engine failed');
    expect(heavy.results.units.map((u) => u.uCode)).not.toEqual(base.results.units.map((u) => u.uCode));
    const shift = rankShift(base.results, heavy.results);
    expect([...shift.values()].reduce((s, v) => s + v, 0)).toBe(0);
    expect(weighable(input).map((a) => a.code).slice(0, 2)).toEqual(['Conn', 'Sust']);
  });

  test('an impossible combination comes back as a message, not an exception', () => {
    const pipeline = ZPipeline.parse({ steps: [{ op: 'impute', method: 'mean' }, { op: 'normalise', method: 'minmax', range: [0, 100] }, { op: 'aggregate', method: 'gmean' }] });
    const result = rerank(input, pipeline.steps, new Map());
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/geometric mean/) });
    expect(explain(input, pipeline.steps, new Map(), 'AUT')).toBeNull();
    expect(buildPipeline(input, { ...DEFAULT_CHOICE, aggregate: 'gmean' }).steps.find((s) => s.op === 'normalise')).toMatchObject({ range: [1, 100] });
  });

  test('contributions add up to the score under new weights', () => {
    const { steps } = buildPipeline(input, DEFAULT_CHOICE);
    const weights = new Map([['Conn', 2]]);
    const e = explain(input, steps, weights, 'AUT');
    const total = (e?.contributions ?? []).filter((c) => c.level === 1).reduce((s, c) => s + (c.contribution ?? 0), 0);
    expect(total).toBeCloseTo(e?.score ?? Number.NaN, 9);
  });

  test('the offered sensitivity analysis is a valid spec over levels 2 and 3', () => {
    const spec = ZSensitivitySpec.parse(sensitivitySpec(input, DEFAULT_CHOICE, 50));
    expect(spec.inputs[0]).toMatchObject({ type: 'weightNoise', noise: [{ level: 2, factor: 0.25 }, { level: 3, factor: 0.25 }] });
    expect(spec.pipeline.steps.find((s) => s.op === 'normalise')).toEqual({ op: 'normalise', method: 'minmax', range: [1, 100] });
  });
});

describe('sensitivity charts', () => {
  const stats = [
    { uCode: 'B', uName: 'Bee', nominal: 2, mean: 2.5, median: 2, q5: 1, q95: 4 },
    { uCode: 'A', uName: 'Ay', nominal: 1, mean: 1.2, median: 1, q5: 1, q95: 2 },
    { uCode: 'C', uName: 'Cee', nominal: null, mean: null, median: null, q5: null, q95: null },
  ];
  test('rank intervals: by nominal rank, best at the top, a floating bar from q5 to q95', () => {
    expect(sortRankStats(stats).map((s) => s.uCode)).toEqual(['A', 'B']);
    const option = buildRankIntervalOption(stats, testTheme, tEn);
    expect((option.yAxis as { data: string[] }).data).toEqual(['B', 'A']);
    const series = option.series as { data: number[] }[];
    // B: base 0.5, span q95 − q5 + 1 = 4 → the bar covers [0.5, 4.5], ranks 1…4.
    expect(series[0]?.data[0]).toBe(0.5);
    expect(series[1]?.data[0]).toBe(4);
  });
  test('Sobol bars: Si and STi per input, negative estimates drawn at 0', () => {
    const option = buildSobolBarOption([{ input: 'w', Si: -0.01, STi: 0.2, SiQ5: null, SiQ95: null, STiQ5: 0.1, STiQ95: 0.3 }], (s) => s.toUpperCase(), testTheme, tEn);
    expect((option.xAxis as { data: string[] }).data).toEqual(['W']);
    expect((option.series as { data: number[] }[]).map((s) => s.data[0])).toEqual([0, 0.2]);
  });
});

describe('the lab offers the engine’s other methods where the dataset allows them', () => {
  test('group imputation with a group column, distance to target only when every indicator has a target, Copeland always', () => {
    const choices = choicesFor(input);
    expect(choices.impute).toEqual(expect.arrayContaining(['groupMean', 'groupMedian']));
    expect(choices.aggregate).toContain('copeland');
    expect(choices.normalise.includes('distanceToTarget')).toBe(input.framework.indicators.every((e) => !Number.isNaN(e.target)));
    const steps = buildPipeline(input, { ...DEFAULT_CHOICE, impute: 'groupMedian', normalise: 'distanceToFrontier', aggregate: 'copeland' }).steps;
    expect(steps.find((s) => s.op === 'impute')).toEqual({ op: 'impute', method: 'groupMedian', group: input.framework.groups[0] });
    expect(steps.find((s) => s.op === 'normalise')).toMatchObject({ method: 'distanceToFrontier' });
    const run = rerank(input, steps, new Map());
    expect(run.ok).toBe(true);
  });
});
