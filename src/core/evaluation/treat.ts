import type { TPipelineStep } from '../../shared/schemas/evaluation.js';
import { column, type Dataset } from './model.js';
import { kurtosis, max, min, skewness } from './stats.js';

/**
 * Outlier treatment as COINr's Treat() with its defaults (winsorise, then
 * log_CT on the original column). An indicator passes when |skew| < skewThreshold
 * or kurt < kurtThreshold. A column whose skew or kurtosis is undefined (fewer
 * than 4 values, or all equal) is left as it is: COINr returns it untreated too.
 */

export type TreatStep = Extract<TPipelineStep, { op: 'treat' }>;

export interface TreatmentRecord {
  readonly code: string;
  readonly skewBefore: number;
  readonly kurtBefore: number;
  readonly skewAfter: number;
  readonly kurtAfter: number;
  /** COINr's nwin: the points replaced at the last high-side step plus at the last low-side step. */
  readonly winsorised: number;
  readonly logApplied: boolean;
  /** Units whose value was changed ("winhi"/"winlo"), or every present unit when the log was applied. */
  readonly treatedUnits: readonly number[];
  readonly passes: boolean;
}

const passes = (skew: number, kurt: number, step: TreatStep): boolean =>
  Number.isNaN(skew) || Number.isNaN(kurt) || Math.abs(skew) < step.skewThreshold || kurt < step.kurtThreshold;

/** Every point at the current extreme takes the extreme of the other points; returns how many moved. */
const winsoriseOnce = (x: Float64Array, high: boolean, moved: Set<number>): number => {
  const extreme = high ? max(x) : min(x);
  let next = high ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (const v of x) if (!Number.isNaN(v) && v !== extreme && (high ? v > next : v < next)) next = v;
  if (!Number.isFinite(next)) return 0;
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === extreme) {
      x[i] = next;
      moved.add(i);
      count++;
    }
  }
  return count;
};

/** log(x − min + 0.01·(max − min)) (COINr log_CT). */
const logCT = (x: Float64Array): Float64Array => {
  const lo = min(x);
  const shift = 0.01 * (max(x) - lo);
  return x.map((v) => Math.log(v - lo + shift));
};

export const treatColumn = (code: string, original: Float64Array, step: TreatStep): { values: Float64Array; record: TreatmentRecord } => {
  const skewBefore = skewness(original);
  const kurtBefore = kurtosis(original);
  const untouched = { code, skewBefore, kurtBefore, skewAfter: skewBefore, kurtAfter: kurtBefore, winsorised: 0, logApplied: false, treatedUnits: [] };
  if (passes(skewBefore, kurtBefore, step)) return { values: original, record: { ...untouched, passes: true } };

  const x = original.slice();
  const moved = new Set<number>();
  let lastHigh = 0;
  let lastLow = 0;
  let skew = skewBefore;
  let kurt = kurtBefore;
  while (!passes(skew, kurt, step) && lastHigh + lastLow < step.winmax) {
    const high = skew >= 0;
    const count = winsoriseOnce(x, high, moved);
    if (count === 0) break; // every present value equal: nothing left to pull in
    if (high) lastHigh = count;
    else lastLow = count;
    skew = skewness(x);
    kurt = kurtosis(x);
  }
  if (passes(skew, kurt, step)) {
    const record = { ...untouched, skewAfter: skew, kurtAfter: kurt, winsorised: lastHigh + lastLow, treatedUnits: [...moved].sort((a, b) => a - b), passes: true };
    return { values: x, record };
  }
  const logged = logCT(original);
  const skewAfter = skewness(logged);
  const kurtAfter = kurtosis(logged);
  const present = [...original.keys()].filter((i) => !Number.isNaN(original[i] as number));
  return {
    values: logged,
    record: { ...untouched, skewAfter, kurtAfter, winsorised: 0, logApplied: true, treatedUnits: present, passes: passes(skewAfter, kurtAfter, step) },
  };
};

export const treat = (dataset: Dataset, step: TreatStep): { dataset: Dataset; report: TreatmentRecord[] } => {
  const columns = new Map(dataset.columns);
  const report = dataset.codes.map((code) => {
    const { values, record } = treatColumn(code, column(dataset, code), step);
    columns.set(code, values);
    return record;
  });
  return { dataset: { units: dataset.units, codes: dataset.codes, columns }, report };
};
