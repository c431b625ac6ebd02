import type { TPipelineStep } from '../../shared/schemas/evaluation.js';
import { EvaluationError, column, type Dataset, type Framework, type Units } from './model.js';
import { countPresent, mean, median } from './stats.js';

/** The steps before treatment: denominate, impute and screen, with COINr's semantics. */

export type ImputeStep = Extract<TPipelineStep, { op: 'impute' }>;
export type ScreenStep = Extract<TPipelineStep, { op: 'screen' }>;

/** Each indicator with a denominator is divided by that unit's denominator value; a missing or zero denominator leaves the value missing. */
export const denominate = (dataset: Dataset, framework: Framework): Dataset => {
  const changed = new Map<string, Float64Array>();
  for (const code of dataset.codes) {
    const denominator = framework.byCode.get(code)?.denominator;
    if (!denominator) continue;
    const by = dataset.units.denominators.get(denominator);
    if (!by) throw new EvaluationError(`denominator column "${denominator}" is missing from the data`);
    const x = column(dataset, code);
    changed.set(
      code,
      x.map((v, i) => (by[i] === 0 ? Number.NaN : v / (by[i] as number))),
    );
  }
  return { units: dataset.units, codes: dataset.codes, columns: new Map([...dataset.columns, ...changed]) };
};

const fill = (x: Float64Array, value: (i: number) => number): Float64Array => x.map((v, i) => (Number.isNaN(v) ? value(i) : v));

/** Missing values → the mean or median of the indicator's present values, over all units or within the unit's group. */
export const impute = (dataset: Dataset, step: ImputeStep): Dataset => {
  if (step.method === 'none') return dataset;
  const changed = new Map<string, Float64Array>();
  const centre = step.method === 'mean' || step.method === 'groupMean' ? mean : median;
  let groupOf: readonly string[] | null = null;
  if (step.method === 'groupMean' || step.method === 'groupMedian') {
    groupOf = dataset.units.groups.get(step.group) ?? null;
    if (!groupOf) throw new EvaluationError(`impute: "${step.group}" is not a group column of the data (iMeta rows of Type Group)`);
  }
  for (const code of dataset.codes) {
    const x = column(dataset, code);
    if (countPresent(x) === x.length) continue;
    if (groupOf === null) {
      const value = centre(x);
      changed.set(code, fill(x, () => value));
      continue;
    }
    const groups = groupOf;
    const byGroup = new Map<string, number>();
    for (const g of new Set(groups)) {
      if (g === '') continue;
      byGroup.set(g, centre(x.filter((_, i) => groups[i] === g)));
    }
    changed.set(
      code,
      fill(x, (i) => byGroup.get(groups[i] as string) ?? Number.NaN),
    );
  }
  return { units: dataset.units, codes: dataset.codes, columns: new Map([...dataset.columns, ...changed]) };
};

/** Keep the units at these positions, in order. */
const keepUnits = (units: Units, keep: readonly number[]): Units => ({
  codes: keep.map((i) => units.codes[i] as string),
  names: keep.map((i) => units.names[i] as string),
  groups: new Map([...units.groups].map(([g, values]) => [g, keep.map((i) => values[i] as string)])),
  denominators: new Map([...units.denominators].map(([d, values]) => [d, Float64Array.from(keep, (i) => values[i] as number)])),
});

/** Units whose share of present indicators is below the threshold are dropped (COINr Screen, byNA). */
export const screen = (dataset: Dataset, step: ScreenStep): Dataset => {
  const n = dataset.units.codes.length;
  const columns = dataset.codes.map((c) => column(dataset, c));
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    let present = 0;
    for (const x of columns) if (!Number.isNaN(x[i] as number)) present++;
    if (present / columns.length >= step.minDataAvailability) keep.push(i);
  }
  if (keep.length === n) return dataset;
  if (keep.length < 2) throw new EvaluationError(`screen: only ${keep.length} unit(s) have at least ${step.minDataAvailability * 100}% of their data`);
  return {
    units: keepUnits(dataset.units, keep),
    codes: dataset.codes,
    columns: new Map(dataset.codes.map((c, k) => [c, Float64Array.from(keep, (i) => (columns[k] as Float64Array)[i] as number)])),
  };
};
