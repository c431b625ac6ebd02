import type { TFrameworkElement, TRunResults, TRunStep, TTreatmentRow } from '../../shared/schemas/evaluation.js';
import { csvLine } from '../tabular/csv.js';
import { contributions, upOneRank } from './explain.js';
import { csvRows } from './input.js';
import type { AggregateStep, WeightOverrides } from './aggregate.js';
import { EvaluationInputError, type Dataset, type IndexInput } from './model.js';
import type { PipelineResult } from './pipeline.js';
import { DATASET_NAMES } from './pipeline.js';

/**
 * The shapes the API stores and the browser shows, built from a pipeline
 * result. One builder for both, so a run re-computed in the browser (e.g. with
 * new weights) reads exactly like a stored one. Missing values are null.
 */

const num = (x: number | undefined): number | null => (x === undefined || !Number.isFinite(x) ? null : x);

const META_HEADER = ['Level', 'iCode', 'iName', 'Direction', 'Weight', 'Unit', 'Target', 'Denominator', 'Parent', 'Type'];

const META_FIELDS: Readonly<Record<string, keyof TFrameworkElement>> = {
  Level: 'level',
  iCode: 'code',
  iName: 'name',
  Direction: 'direction',
  Weight: 'weight',
  Unit: 'unit',
  Target: 'target',
  Denominator: 'denominator',
  Parent: 'parent',
  Type: 'type',
};

/** An iMeta column name as the framework element field it fills (how an engine error on a file names a form field). */
export const metaField = (column: string | undefined | null): keyof TFrameworkElement | null => (column ? (META_FIELDS[column] ?? null) : null);

/** A framework's elements as an iMeta CSV (what the engine parses and a run's version hashes). */
export const elementsToMetaCsv = (elements: readonly TFrameworkElement[]): string =>
  [META_HEADER, ...elements.map((e) => [e.level ?? '', e.code, e.name, e.direction ?? '', e.weight ?? '', e.unit, e.target ?? '', e.denominator ?? '', e.parent ?? '', e.type])]
    .map((row) => csvLine(row))
    .join('');

const TYPES = ['Indicator', 'Aggregate', 'Group', 'Denominator'] as const;

/** iMeta CSV → elements, for showing and editing a dataset's framework. Checks shape only; the engine checks the tree. */
export const metaCsvToElements = (metaCsv: string, file = 'iMeta.csv'): TFrameworkElement[] => {
  const rows = csvRows(metaCsv);
  const header = (rows[0] ?? []).map((h) => h.trim());
  for (const name of META_HEADER) if (!header.includes(name)) throw new EvaluationInputError(file, `missing column "${name}"`, 1, name);
  const at = (row: readonly string[], name: string): string => (row[header.indexOf(name)] ?? '').trim();
  const number = (row: readonly string[], name: string, r: number): number | null => {
    const text = at(row, name);
    if (text === '' || text === 'NA') return null;
    const value = Number(text);
    if (!Number.isFinite(value)) throw new EvaluationInputError(file, `"${text}" is not a number`, r, name);
    return value;
  };
  return rows.slice(1).map((row, i) => {
    const r = i + 2;
    const type = at(row, 'Type');
    if (!(TYPES as readonly string[]).includes(type)) throw new EvaluationInputError(file, `Type "${type}" is not one of ${TYPES.join(', ')}`, r, 'Type');
    const direction = number(row, 'Direction', r);
    if (direction !== null && direction !== 1 && direction !== -1) throw new EvaluationInputError(file, 'Direction must be 1 or -1', r, 'Direction');
    return {
      type: type as TFrameworkElement['type'],
      level: number(row, 'Level', r),
      code: at(row, 'iCode'),
      name: at(row, 'iName'),
      direction: direction as 1 | -1 | null,
      weight: number(row, 'Weight', r),
      unit: at(row, 'Unit'),
      target: number(row, 'Target', r),
      denominator: at(row, 'Denominator') || null,
      parent: at(row, 'Parent') || null,
    };
  });
};

/** Ranks and every aggregate's score per unit, best first (units without a score last, in data order). */
export const runResults = (input: IndexInput, result: PipelineResult): TRunResults => {
  const { framework } = input;
  const aggregates = [...framework.aggregates].sort((a, b) => b.level - a.level);
  const { aggregated, ranks } = result;
  const order = [...ranks.keys()].sort(
    (a, b) => (Number.isNaN(ranks[a] as number) ? 1 : 0) - (Number.isNaN(ranks[b] as number) ? 1 : 0) || (ranks[a] as number) - (ranks[b] as number) || a - b,
  );
  return {
    root: framework.root,
    aggregates: aggregates.map((a) => ({ code: a.code, name: a.name, level: a.level, parent: a.parent })),
    units: order.map((i) => ({
      uCode: aggregated.units.codes[i] as string,
      uName: aggregated.units.names[i] as string,
      rank: num(ranks[i]),
      scores: Object.fromEntries(aggregates.map((a) => [a.code, num(aggregated.columns.get(a.code)?.[i])])),
    })),
  };
};

/** The treat step's report with unit codes, null without a treat step. */
export const treatmentRows = (result: PipelineResult): TTreatmentRow[] | null => {
  if (!result.treatment) return null;
  const treatedUnits = [...result.steps].reverse().find((s) => s.step.op === 'treat')?.dataset.units.codes ?? [];
  return result.treatment.map((r) => ({
    code: r.code,
    skewBefore: num(r.skewBefore),
    kurtBefore: num(r.kurtBefore),
    skewAfter: num(r.skewAfter),
    kurtAfter: num(r.kurtAfter),
    winsorised: r.winsorised,
    logApplied: r.logApplied,
    passes: r.passes,
    treatedUnits: r.treatedUnits.map((u) => treatedUnits[u] as string),
  }));
};

/** One step's dataset as rows, with the cells it filled (missing before, present after) and, for treat, the cells it changed. */
export const stepTable = (input: IndexInput, result: PipelineResult, index: number): TRunStep => {
  const current = result.steps[index];
  if (!current) throw new RangeError(`no step ${index}`);
  const dataset: Dataset = current.dataset;
  const before: Dataset = index === 0 ? input.data : (result.steps[index - 1] as { dataset: Dataset }).dataset;
  const beforeRow = new Map(before.units.codes.map((u, i) => [u, i]));
  const filled: [string, string][] = [];
  const treated: [string, string][] = [];
  const units = dataset.units.codes;
  for (const code of dataset.codes) {
    const now = dataset.columns.get(code) as Float64Array;
    const was = before.columns.get(code);
    if (!was || was === now) continue;
    units.forEach((u, i) => {
      const j = beforeRow.get(u);
      const old = j === undefined ? Number.NaN : (was[j] as number);
      const value = now[i] as number;
      if (Number.isNaN(old) && !Number.isNaN(value) && current.step.op === 'impute') filled.push([u, code]);
      else if (current.step.op === 'treat' && !Object.is(old, value)) treated.push([u, code]);
    });
  }
  return {
    index,
    op: DATASET_NAMES[current.step.op],
    step: current.step as unknown as Record<string, unknown>,
    codes: [...dataset.codes],
    units: units.map((u, i) => ({ uCode: u, uName: dataset.units.names[i] as string })),
    values: units.map((_, i) => dataset.codes.map((c) => num(dataset.columns.get(c)?.[i]))),
    filled,
    treated,
  };
};

/** Contributions and the smallest single-indicator move up one rank, for one unit (arithmetic mean only). */
export const explainUnit = (input: IndexInput, result: PipelineResult, unit: number, overrides?: WeightOverrides) => {
  const step = result.steps.at(-1)?.step as AggregateStep;
  const { framework } = input;
  const name = (code: string): string => framework.byCode.get(code)?.name ?? code;
  const parts = contributions(framework, result.aggregated, step, unit, overrides);
  const up = upOneRank(framework, result.aggregated, step, unit, overrides);
  return {
    uCode: result.aggregated.units.codes[unit] as string,
    uName: result.aggregated.units.names[unit] as string,
    rank: num(result.ranks[unit]),
    score: num(result.aggregated.columns.get(framework.root)?.[unit]),
    contributions: parts.map((c) => ({ code: c.code, name: name(c.code), level: c.level, value: num(c.value), effectiveWeight: c.effectiveWeight, contribution: num(c.contribution) })),
    upOneRank: up && {
      rank: up.rank,
      score: up.score,
      scoreToReach: up.scoreToReach,
      moves: up.moves.map((m) => ({ code: m.code, current: num(m.current), required: num(m.required), change: num(m.change), withinObservedRange: m.withinObservedRange })),
      smallestCode: up.smallest?.code ?? null,
    },
  };
};
