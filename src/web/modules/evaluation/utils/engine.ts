import { csvRows, EvaluationError, EvaluationInputError, explainUnit, parseIndexInput, runPipeline, runResults, type IndexInput } from '../../../../core/evaluation/index.js';
import { ZPipeline, type TPipeline, type TPipelineStep, type TRunResults, type TSensitivitySpec } from '../../../../shared/schemas/evaluation.js';

/**
 * The evaluation engine in the browser: the same pure core the server runs,
 * so re-weighting re-ranks at once without a round trip, and a stored run
 * recomputed here gives the same numbers.
 */

export type PipelineChoice = {
  /** The group methods impute within the dataset's first group column. */
  impute: 'mean' | 'median' | 'groupMean' | 'groupMedian' | 'none';
  treat: boolean;
  normalise: 'minmax' | 'zscore' | 'rank' | 'distanceToFrontier' | 'distanceToTarget';
  aggregate: 'amean' | 'gmean' | 'hmean' | 'median' | 'copeland';
};

/** The choices this dataset allows: group imputation needs a group column, distance to target a target for every indicator. */
export const choicesFor = (input: IndexInput) => ({
  impute: ['mean', 'median', ...(input.framework.groups.length ? (['groupMean', 'groupMedian'] as const) : []), 'none'] as PipelineChoice['impute'][],
  normalise: ['minmax', 'zscore', 'rank', 'distanceToFrontier', ...(input.framework.indicators.every((e) => !Number.isNaN(e.target)) ? (['distanceToTarget'] as const) : [])] as PipelineChoice['normalise'][],
  aggregate: ['amean', 'gmean', 'hmean', 'median', 'copeland'] as PipelineChoice['aggregate'][],
});

export const DEFAULT_CHOICE: PipelineChoice = { impute: 'mean', treat: true, normalise: 'minmax', aggregate: 'amean' };

export const parseDataset = (files: { data: string; meta: string }): IndexInput =>
  parseIndexInput({ name: 'iData.csv', rows: csvRows(files.data) }, { name: 'iMeta.csv', rows: csvRows(files.meta) });

/** The pipeline for the choices: denominate when iMeta names denominators; min–max to [1, 100] when a mean needs values above 0. */
export const buildPipeline = (input: IndexInput, choice: PipelineChoice): TPipeline => {
  const steps: Record<string, unknown>[] = [];
  if (input.framework.indicators.some((e) => e.denominator !== null)) steps.push({ op: 'denominate' });
  const group = input.framework.groups[0];
  if (choice.impute === 'groupMean' || choice.impute === 'groupMedian') {
    // A dataset without a group column falls back to the plain method rather than failing.
    steps.push(group ? { op: 'impute', method: choice.impute, group } : { op: 'impute', method: choice.impute === 'groupMean' ? 'mean' : 'median' });
  } else if (choice.impute !== 'none') steps.push({ op: 'impute', method: choice.impute });
  if (choice.treat) steps.push({ op: 'treat' });
  if (choice.normalise === 'minmax') steps.push({ op: 'normalise', method: 'minmax', range: choice.aggregate === 'gmean' || choice.aggregate === 'hmean' ? [1, 100] : [0, 100] });
  else if (choice.normalise === 'zscore') steps.push({ op: 'normalise', method: 'zscore', mean: 10, sd: 2 });
  else if (choice.normalise === 'rank') steps.push({ op: 'normalise', method: 'rank' });
  else steps.push({ op: 'normalise', method: choice.normalise });
  steps.push({ op: 'aggregate', method: choice.aggregate });
  return ZPipeline.parse({ steps });
};

/** Aggregates below the index, highest level first: what the sliders weigh. */
export const weighable = (input: IndexInput) =>
  [...input.framework.aggregates].filter((a) => a.code !== input.framework.root).sort((a, b) => b.level - a.level);

export type Rerank = { ok: true; results: TRunResults } | { ok: false; message: string };

/** The pipeline with some weights replaced; an engine error (e.g. a geometric mean over 0) comes back as a message. */
export const rerank = (input: IndexInput, steps: readonly TPipelineStep[], weights: ReadonlyMap<string, number>): Rerank => {
  try {
    return { ok: true, results: runResults(input, runPipeline(input, steps, { weights })) };
  } catch (error) {
    if (error instanceof EvaluationError || error instanceof EvaluationInputError) return { ok: false, message: error.message };
    throw error;
  }
};

/** Contributions of one unit under the current weights (arithmetic mean only), null otherwise. */
export const explain = (input: IndexInput, steps: readonly TPipelineStep[], weights: ReadonlyMap<string, number>, uCode: string) => {
  const last = steps.at(-1);
  if (last?.op !== 'aggregate' || last.method !== 'amean') return null;
  try {
    const result = runPipeline(input, steps, { weights });
    const unit = result.aggregated.units.codes.indexOf(uCode);
    return unit < 0 ? null : explainUnit(input, result, unit, weights);
  } catch (error) {
    if (error instanceof EvaluationError) return null;
    throw error;
  }
};

/** Movement of each unit against a reference ranking: positive = moved up. */
export const rankShift = (reference: TRunResults, now: TRunResults): Map<string, number> => {
  const before = new Map(reference.units.map((u) => [u.uCode, u.rank]));
  const shift = new Map<string, number>();
  for (const u of now.units) {
    const was = before.get(u.uCode);
    if (was != null && u.rank != null) shift.set(u.uCode, was - u.rank);
  }
  return shift;
};

/**
 * The uncertainty analysis the page offers: noisy weights (±25 %) at every
 * level below the index, min–max or z-scores, arithmetic or geometric mean.
 * The nominal pipeline normalises min–max to [1, 100] so the geometric mean can run.
 */
export const sensitivitySpec = (input: IndexInput, choice: PipelineChoice, N: number): TSensitivitySpec => {
  const levels = [...new Set(weighable(input).map((a) => a.level))].sort((a, b) => a - b);
  const nominal = buildPipeline(input, { ...choice, normalise: 'minmax', aggregate: choice.aggregate === 'median' ? 'amean' : choice.aggregate });
  const steps = nominal.steps.map((s) => (s.op === 'normalise' ? { op: 'normalise' as const, method: 'minmax' as const, range: [1, 100] as [number, number] } : s));
  return {
    pipeline: { steps },
    target: input.framework.root,
    N,
    seed: 42,
    sampling: 'sobol',
    bootstrap: 500,
    inputs: [
      { name: 'weights', type: 'weightNoise', noise: (levels.length ? levels : [1]).map((level) => ({ level, factor: 0.25 })), sets: 100 },
      { name: 'normalisation', type: 'alternatives', op: 'normalise', options: [{ method: 'minmax', range: [1, 100] }, { method: 'zscore', mean: 10, sd: 2 }] },
      { name: 'aggregation', type: 'alternatives', op: 'aggregate', options: [{ method: 'amean' }, { method: 'gmean' }] },
    ],
  };
};
