/**
 * The data model of the evaluation engine: a framework (COINr's iMeta) and
 * datasets of units × codes. Each column is a Float64Array with NaN for a
 * missing value. Columns are never written after a step has returned them, so
 * a step copies only the columns it changes and shares the rest.
 */

/** One row of iMeta that has a level: an indicator (level 1) or an aggregate above it. */
export interface FrameworkElement {
  readonly level: number;
  readonly code: string;
  readonly name: string;
  readonly direction: 1 | -1;
  readonly weight: number;
  readonly unit: string;
  /** NaN when iMeta gives none. */
  readonly target: number;
  readonly denominator: string | null;
  readonly parent: string | null;
}

export interface Framework {
  /** Level-1 elements in iMeta order. */
  readonly indicators: readonly FrameworkElement[];
  /** Elements of level ≥ 2, ordered by level, then iMeta order: the bottom-up aggregation order. */
  readonly aggregates: readonly FrameworkElement[];
  /** The single element of the highest level (the index). */
  readonly root: string;
  readonly groups: readonly string[];
  readonly denominators: readonly string[];
  readonly byCode: ReadonlyMap<string, FrameworkElement>;
  /** Children of each aggregate, in iMeta order. */
  readonly children: ReadonlyMap<string, readonly string[]>;
}

/** Units and what is known about them besides indicator values. */
export interface Units {
  readonly codes: readonly string[];
  readonly names: readonly string[];
  /** Group column → each unit's group ('' when missing). */
  readonly groups: ReadonlyMap<string, readonly string[]>;
  /** Denominator column → each unit's value. */
  readonly denominators: ReadonlyMap<string, Float64Array>;
}

export interface Dataset {
  readonly units: Units;
  /** Column codes in output order. */
  readonly codes: readonly string[];
  readonly columns: ReadonlyMap<string, Float64Array>;
}

/** What the engine starts from: a framework and the raw indicator data (iData). */
export interface IndexInput {
  readonly framework: Framework;
  readonly data: Dataset;
}

/** A bad input file: names the file and, when known, the row (1 = header) and column. */
export class EvaluationInputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(`${file}${row === undefined ? '' : `, row ${row}`}${column === undefined ? '' : `, column ${column}`}: ${reason}`);
    this.name = 'EvaluationInputError';
  }
}

/** A pipeline that cannot run on this data (e.g. a geometric mean over a zero). */
export class EvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationError';
  }
}

export const column = (dataset: Dataset, code: string): Float64Array => {
  const values = dataset.columns.get(code);
  if (!values) throw new EvaluationError(`no column "${code}" in the dataset`);
  return values;
};

/** A dataset restricted to the given columns, in the given order. */
export const selectColumns = (dataset: Dataset, codes: readonly string[]): Dataset => ({
  units: dataset.units,
  codes,
  columns: new Map(codes.map((code) => [code, column(dataset, code)])),
});
