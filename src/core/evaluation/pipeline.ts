import type { TPipelineOp, TPipelineStep } from '../../shared/schemas/evaluation.js';
import { aggregate, type WeightOverrides } from './aggregate.js';
import { EvaluationError, column, selectColumns, type Dataset, type IndexInput } from './model.js';
import { normalise } from './normalise.js';
import { denominate, impute, screen } from './prepare.js';
import { rank } from './stats.js';
import { treat, type TreatmentRecord } from './treat.js';

/**
 * A pipeline run: each step takes the previous step's dataset. A run is fully
 * determined by (input data, steps, options), which is what a stored run keeps.
 */

export const DATASET_NAMES: Record<TPipelineOp, string> = {
  denominate: 'denominated',
  impute: 'imputed',
  screen: 'screened',
  treat: 'treated',
  normalise: 'normalised',
  aggregate: 'aggregated',
};

export interface RunOptions {
  /** Weights replacing iMeta's for these element codes. */
  readonly weights?: WeightOverrides;
  /** Indicators left out of the run, as if absent from iMeta. */
  readonly exclude?: readonly string[];
}

export interface StepResult {
  /** The step with every default filled in: what reproduces it. */
  readonly step: TPipelineStep;
  readonly dataset: Dataset;
}

export interface PipelineResult {
  readonly steps: readonly StepResult[];
  /** The report of the (last) treat step, null without one. */
  readonly treatment: readonly TreatmentRecord[] | null;
  /** Indicators and every aggregate. */
  readonly aggregated: Dataset;
  /** Ranks of the framework's root (descending, ties share the lowest rank). */
  readonly ranks: Float64Array;
}

type Prepared = { dataset: Dataset; treatment: readonly TreatmentRecord[] | null };

const applyStep = (input: IndexInput, before: Prepared, step: TPipelineStep, options: RunOptions): Prepared => {
  const { framework } = input;
  switch (step.op) {
    case 'denominate':
      return { ...before, dataset: denominate(before.dataset, framework) };
    case 'impute':
      return { ...before, dataset: impute(before.dataset, step) };
    case 'screen':
      return { ...before, dataset: screen(before.dataset, step) };
    case 'treat': {
      const treated = treat(before.dataset, step);
      return { dataset: treated.dataset, treatment: treated.report };
    }
    case 'normalise':
      return { ...before, dataset: normalise(before.dataset, framework, step) };
    case 'aggregate':
      return { ...before, dataset: aggregate(before.dataset, framework, step, options.weights) };
  }
};

const startingData = (input: IndexInput, exclude: readonly string[] = []): Dataset => {
  if (exclude.length === 0) return input.data;
  for (const code of exclude) {
    if (!input.data.columns.has(code)) throw new EvaluationError(`cannot exclude "${code}": it is not an indicator of the framework`);
  }
  return selectColumns(input.data, input.data.codes.filter((c) => !exclude.includes(c)));
};

/**
 * Runs pipelines over one input, remembering the datasets before the
 * aggregate step by their exact step prefix: sensitivity runs that differ
 * only in weights or aggregation reuse imputation and treatment.
 */
export const createPipelineRunner = (input: IndexInput, cacheLimit = 256) => {
  const cache = new Map<string, Prepared>();
  const stepKeys = new WeakMap<TPipelineStep, string>();
  const keyOf = (step: TPipelineStep): string => {
    let key = stepKeys.get(step);
    if (key === undefined) {
      key = JSON.stringify(step);
      stepKeys.set(step, key);
    }
    return key;
  };
  return (steps: readonly TPipelineStep[], options: RunOptions = {}): PipelineResult => {
    let state: Prepared = { dataset: startingData(input, options.exclude), treatment: null };
    const results: StepResult[] = [];
    let key = JSON.stringify(options.exclude ?? []);
    for (const step of steps) {
      key += `|${keyOf(step)}`;
      const cached = step.op === 'aggregate' ? undefined : cache.get(key);
      if (cached) {
        state = cached;
      } else {
        state = applyStep(input, state, step, options);
        if (step.op !== 'aggregate') {
          if (cache.size >= cacheLimit) cache.clear();
          cache.set(key, state);
        }
      }
      results.push({ step, dataset: state.dataset });
    }
    const last = steps.at(-1);
    if (last?.op !== 'aggregate') throw new EvaluationError('the pipeline must end with an aggregate step');
    return { steps: results, treatment: state.treatment, aggregated: state.dataset, ranks: rank(column(state.dataset, input.framework.root), true) };
  };
};

export const runPipeline = (input: IndexInput, steps: readonly TPipelineStep[], options: RunOptions = {}): PipelineResult =>
  createPipelineRunner(input, 0)(steps, options);
