import { CsvReader } from '../tabular/csv.js';
import { EvaluationInputError, type Dataset, type Framework, type FrameworkElement, type IndexInput } from './model.js';

/**
 * COINr's input format: iMeta (one row per indicator, aggregate, group column
 * and denominator column) and iData (one row per unit). Every problem is
 * reported with the file, row (the header is row 1) and column.
 */

export interface CsvFile {
  /** The name used in error messages. */
  readonly name: string;
  readonly rows: readonly (readonly string[])[];
}

export const csvRows = (text: string): string[][] => {
  const reader = new CsvReader();
  // A blank last line is no row.
  return [...reader.push(text), ...reader.end()].filter((row) => !(row.length === 1 && row[0] === ''));
};

const META_COLUMNS = ['Level', 'iCode', 'iName', 'Direction', 'Weight', 'Unit', 'Target', 'Denominator', 'Parent', 'Type'] as const;
const TYPES = ['Indicator', 'Aggregate', 'Group', 'Denominator'] as const;
type MetaType = (typeof TYPES)[number];

/** Empty and R's NA are missing; anything else must be a finite number. */
const parseNumber = (text: string, file: string, row: number, column: string): number => {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'NA') return Number.NaN;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) throw new EvaluationInputError(file, `"${text}" is not a number`, row, column);
  return value;
};

const headerIndex = (file: CsvFile, required: readonly string[]): Map<string, number> => {
  const header = file.rows[0];
  if (!header) throw new EvaluationInputError(file.name, 'the file is empty');
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim();
    if (index.has(key)) throw new EvaluationInputError(file.name, `column "${key}" appears twice`, 1, key);
    index.set(key, i);
  });
  for (const name of required) if (!index.has(name)) throw new EvaluationInputError(file.name, `missing column "${name}"`, 1, name);
  return index;
};

/** Parse iMeta alone (the tree, levels, parents, weights); throws EvaluationInputError on the first problem. */
export const parseFramework = (meta: CsvFile): Framework => {
  const at = headerIndex(meta, META_COLUMNS);
  const cell = (row: readonly string[], name: (typeof META_COLUMNS)[number]): string => (row[at.get(name) as number] ?? '').trim();
  const elements: FrameworkElement[] = [];
  const groups: string[] = [];
  const denominators: string[] = [];
  const rowOf = new Map<string, number>();
  meta.rows.slice(1).forEach((row, i) => {
    const r = i + 2;
    const code = cell(row, 'iCode');
    if (code === '') throw new EvaluationInputError(meta.name, 'empty iCode', r, 'iCode');
    if (rowOf.has(code)) throw new EvaluationInputError(meta.name, `iCode "${code}" already used in row ${rowOf.get(code)}`, r, 'iCode');
    rowOf.set(code, r);
    const type = cell(row, 'Type');
    if (!(TYPES as readonly string[]).includes(type)) throw new EvaluationInputError(meta.name, `Type "${type}" is not one of ${TYPES.join(', ')}`, r, 'Type');
    if ((type as MetaType) === 'Group') return void groups.push(code);
    if ((type as MetaType) === 'Denominator') return void denominators.push(code);
    const level = parseNumber(cell(row, 'Level'), meta.name, r, 'Level');
    const isIndicator = type === 'Indicator';
    if (!Number.isInteger(level) || level < 1 || (isIndicator ? level !== 1 : level < 2)) {
      throw new EvaluationInputError(meta.name, isIndicator ? 'an indicator has Level 1' : 'an aggregate has a whole Level of 2 or more', r, 'Level');
    }
    const directionText = cell(row, 'Direction');
    const direction = directionText === '' && !isIndicator ? 1 : parseNumber(directionText, meta.name, r, 'Direction');
    if (direction !== 1 && direction !== -1) throw new EvaluationInputError(meta.name, 'Direction must be 1 or -1', r, 'Direction');
    const weight = parseNumber(cell(row, 'Weight'), meta.name, r, 'Weight');
    if (!(weight >= 0)) throw new EvaluationInputError(meta.name, 'Weight must be a number ≥ 0', r, 'Weight');
    elements.push({
      level,
      code,
      name: cell(row, 'iName') || code,
      direction,
      weight,
      unit: cell(row, 'Unit'),
      target: parseNumber(cell(row, 'Target'), meta.name, r, 'Target'),
      denominator: cell(row, 'Denominator') || null,
      parent: cell(row, 'Parent') || null,
    });
  });

  const byCode = new Map(elements.map((e) => [e.code, e]));
  const children = new Map<string, string[]>();
  for (const e of elements) if (e.level >= 2) children.set(e.code, []);
  const maxLevel = Math.max(0, ...elements.map((e) => e.level));
  if (maxLevel < 2) throw new EvaluationInputError(meta.name, 'no aggregate: the framework needs at least one element of Level 2 or more');
  for (const e of elements) {
    const r = rowOf.get(e.code) as number;
    if (e.denominator !== null && !denominators.includes(e.denominator)) {
      throw new EvaluationInputError(meta.name, `denominator "${e.denominator}" is not a row of Type Denominator`, r, 'Denominator');
    }
    if (e.level === maxLevel) {
      if (e.parent !== null) throw new EvaluationInputError(meta.name, 'the top-level element has no Parent', r, 'Parent');
      continue;
    }
    const parent = e.parent === null ? undefined : byCode.get(e.parent);
    if (!parent || parent.level !== e.level + 1) {
      throw new EvaluationInputError(meta.name, `Parent must be an aggregate of Level ${e.level + 1}${e.parent ? ` ("${e.parent}" is not)` : ''}`, r, 'Parent');
    }
    children.get(parent.code)?.push(e.code);
  }
  const roots = elements.filter((e) => e.level === maxLevel);
  if (roots.length !== 1) throw new EvaluationInputError(meta.name, `one element must sit at the top level ${maxLevel}; found ${roots.map((e) => e.code).join(', ')}`);
  for (const [code, kids] of children) {
    if (kids.length === 0) throw new EvaluationInputError(meta.name, `aggregate "${code}" has no children`, rowOf.get(code), 'iCode');
  }
  const indicators = elements.filter((e) => e.level === 1);
  const aggregates = elements.filter((e) => e.level >= 2).sort((a, b) => a.level - b.level);
  return { indicators, aggregates, root: (roots[0] as FrameworkElement).code, groups, denominators, byCode, children };
};

const parseData = (data: CsvFile, framework: Framework): Dataset => {
  const indicatorCodes = framework.indicators.map((e) => e.code);
  const at = headerIndex(data, ['uCode', ...framework.groups, ...framework.denominators, ...indicatorCodes]);
  const rows = data.rows.slice(1);
  const cell = (row: readonly string[], name: string): string => row[at.get(name) as number] ?? '';
  const codes: string[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const code = cell(row, 'uCode').trim();
    if (code === '') throw new EvaluationInputError(data.name, 'empty uCode', i + 2, 'uCode');
    if (seen.has(code)) throw new EvaluationInputError(data.name, `uCode "${code}" already used in row ${seen.get(code)}`, i + 2, 'uCode');
    seen.set(code, i + 2);
    codes.push(code);
  });
  if (codes.length < 2) throw new EvaluationInputError(data.name, 'at least two units are needed to rank');
  const numeric = (name: string): Float64Array => Float64Array.from(rows, (row, i) => parseNumber(cell(row, name), data.name, i + 2, name));
  const units = {
    codes,
    names: rows.map((row, i) => (at.has('uName') ? cell(row, 'uName').trim() : '') || (codes[i] as string)),
    groups: new Map(framework.groups.map((g) => [g, rows.map((row) => cell(row, g).trim())])),
    denominators: new Map(framework.denominators.map((d) => [d, numeric(d)])),
  };
  return { units, codes: indicatorCodes, columns: new Map(indicatorCodes.map((c) => [c, numeric(c)])) };
};

/** Parse iMeta and iData into the engine's input; throws EvaluationInputError on the first problem. */
export const parseIndexInput = (data: CsvFile, meta: CsvFile): IndexInput => {
  const framework = parseFramework(meta);
  return { framework, data: parseData(data, framework) };
};
