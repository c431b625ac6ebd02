import type { TPipelineStep } from '../../shared/schemas/evaluation.js';
import { EvaluationError, type Dataset, type Framework, type FrameworkElement } from './model.js';
import { countPresent, median } from './stats.js';

/**
 * Bottom-up aggregation through every level with one method (COINr
 * Aggregate(): a_amean, a_gmean, a_hmean, median, a_copeland). Missing
 * children are skipped and the weights of the others renormalised.
 */

export type AggregateStep = Extract<TPipelineStep, { op: 'aggregate' }>;

/** Weight per element code, overriding iMeta (the sensitivity analysis's noisy weights). */
export type WeightOverrides = ReadonlyMap<string, number>;

export const elementWeight = (element: FrameworkElement, step: Pick<AggregateStep, 'weights'>, overrides?: WeightOverrides): number =>
  overrides?.get(element.code) ?? (step.weights === 'equal' ? 1 : element.weight);

type RowAggregator = (values: Float64Array, weights: Float64Array, parent: string, unit: string) => number;

const amean: RowAggregator = (x, w) => {
  let sw = 0;
  let swx = 0;
  for (let k = 0; k < x.length; k++) {
    const v = x[k] as number;
    if (Number.isNaN(v)) continue;
    sw += w[k] as number;
    swx += (w[k] as number) * v;
  }
  return swx / sw;
};

const gmean: RowAggregator = (x, w, parent, unit) => {
  let sw = 0;
  let swl = 0;
  for (let k = 0; k < x.length; k++) {
    const v = x[k] as number;
    if (Number.isNaN(v)) continue;
    if (v <= 0) throw new EvaluationError(`geometric mean of "${parent}" for unit ${unit}: a child value is ${v}; it needs values > 0 (normalise to a range above 0, e.g. minmax [1, 100])`);
    sw += w[k] as number;
    swl += (w[k] as number) * Math.log(v);
  }
  return Math.exp(swl / sw);
};

const hmean: RowAggregator = (x, w, parent, unit) => {
  let sw = 0;
  let swInv = 0;
  for (let k = 0; k < x.length; k++) {
    const v = x[k] as number;
    if (Number.isNaN(v)) continue;
    if (v === 0) throw new EvaluationError(`harmonic mean of "${parent}" for unit ${unit}: a child value is 0; it needs non-zero values`);
    sw += w[k] as number;
    swInv += (w[k] as number) / v;
  }
  return sw / swInv;
};

const rowAggregators: Record<Exclude<AggregateStep['method'], 'copeland'>, RowAggregator> = {
  amean,
  gmean,
  hmean,
  // COINr has no weighted median: the median of the children present.
  median: (x) => median(x),
};

/**
 * Copeland as COINr's a_copeland: a unit's score is the sum over the other units
 * of the weight of the children on which it is higher plus half the weight of
 * those on which it ties (weights summing to 1). Unlike COINr, which fills the
 * lower triangle as 1 − upper, both directions are counted from the data, so
 * a comparison with a missing value credits neither unit (the same numbers
 * when nothing is missing).
 */
const copeland = (children: readonly Float64Array[], weights: Float64Array, nUnits: number): Float64Array => {
  let total = 0;
  for (const w of weights) total += w;
  const scores = new Float64Array(nUnits);
  for (let a = 0; a < nUnits; a++) {
    let score = 0;
    let anyPresent = false;
    for (let b = 0; b < nUnits; b++) {
      for (let k = 0; k < children.length; k++) {
        const xa = (children[k] as Float64Array)[a] as number;
        if (Number.isNaN(xa)) continue;
        anyPresent = true;
        if (a === b) continue;
        const xb = (children[k] as Float64Array)[b] as number;
        if (xa > xb) score += (weights[k] as number) / total;
        else if (xa === xb) score += (weights[k] as number) / total / 2;
      }
    }
    scores[a] = anyPresent ? score : Number.NaN;
  }
  return scores;
};

/** The dataset with one column per aggregate added after the indicators, lowest level first. */
export const aggregate = (dataset: Dataset, framework: Framework, step: AggregateStep, overrides?: WeightOverrides): Dataset => {
  const columns = new Map(dataset.columns);
  const codes = [...dataset.codes];
  const nUnits = dataset.units.codes.length;
  for (const parent of framework.aggregates) {
    const childCodes = (framework.children.get(parent.code) ?? []).filter((c) => columns.has(c));
    const children = childCodes.map((c) => columns.get(c) as Float64Array);
    const weights = Float64Array.from(childCodes, (c) => elementWeight(framework.byCode.get(c) as FrameworkElement, step, overrides));
    let out: Float64Array;
    if (children.length === 0) {
      out = new Float64Array(nUnits).fill(Number.NaN);
    } else if (step.method === 'copeland') {
      out = copeland(children, weights, nUnits);
    } else {
      const f = rowAggregators[step.method];
      out = new Float64Array(nUnits);
      const row = new Float64Array(children.length);
      for (let i = 0; i < nUnits; i++) {
        for (let k = 0; k < children.length; k++) row[k] = (children[k] as Float64Array)[i] as number;
        out[i] = countPresent(row) === 0 ? Number.NaN : f(row, weights, parent.code, dataset.units.codes[i] as string);
      }
    }
    if (step.dataThreshold > 0) {
      for (let i = 0; i < nUnits; i++) {
        const present = children.filter((x) => !Number.isNaN(x[i] as number)).length;
        if (present / children.length < step.dataThreshold) out[i] = Number.NaN;
      }
    }
    columns.set(parent.code, out);
    codes.push(parent.code);
  }
  return { units: dataset.units, codes, columns };
};
