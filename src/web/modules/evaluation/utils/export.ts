import type { TRunResults, TRunStep } from '../../../../shared/schemas/evaluation.js';

/**
 * Results and step datasets as tables for download, built in the browser:
 * CSV (UTF-8 with a byte-order mark, so Excel reads Chinese names right) and
 * Excel (ExcelJS, loaded only when someone asks for a workbook). Numbers are
 * written at full precision; a missing value is an empty cell.
 */

export type Cell = string | number | null;
export type Mark = 'filled' | 'treated';

export type Sheet = {
  /** The worksheet's name (Excel allows 31 characters). */
  name: string;
  header: string[];
  rows: Cell[][];
  /** Marked cells, by `${row}:${column}` (0-based, header not counted). */
  marks?: ReadonlyMap<string, Mark>;
};

/** Ranks and every aggregate's score, best first: rank, uCode, uName, then the aggregates from the index down. */
export const resultsSheet = (results: TRunResults, name = 'results'): Sheet => ({
  name,
  header: ['rank', 'uCode', 'uName', ...results.aggregates.map((a) => a.code)],
  rows: results.units.map((u) => [u.rank, u.uCode, u.uName, ...results.aggregates.map((a) => u.scores[a.code] ?? null)]),
});

/** The aggregates' codes, names, levels and parents: what the results' columns are. */
export const aggregatesSheet = (results: TRunResults, name = 'aggregates'): Sheet => ({
  name,
  header: ['code', 'name', 'level', 'parent'],
  rows: results.aggregates.map((a) => [a.code, a.name, a.level, a.parent]),
});

/** One step's dataset: uCode, uName, then its columns; imputed and treated cells marked. */
export const stepSheet = (step: TRunStep, name = `step-${step.index}-${step.op}`): Sheet => {
  const unitRow = new Map(step.units.map((u, i) => [u.uCode, i]));
  const column = new Map(step.codes.map((c, j) => [c, j + 2]));
  const marks = new Map<string, Mark>();
  const mark = (cells: readonly (readonly [string, string])[], kind: Mark) => {
    for (const [u, c] of cells) {
      const i = unitRow.get(u);
      const j = column.get(c);
      if (i !== undefined && j !== undefined) marks.set(`${i}:${j}`, kind);
    }
  };
  mark(step.filled, 'filled');
  mark(step.treated, 'treated');
  return {
    name,
    header: ['uCode', 'uName', ...step.codes],
    rows: step.units.map((u, i) => [u.uCode, u.uName, ...(step.values[i] ?? []).map((v) => v ?? null)]),
    marks,
  };
};

/** The marked cells as a list (uCode, code, mark): what a CSV cannot colour. */
export const marksSheet = (step: TRunStep, name = 'marks'): Sheet => ({
  name,
  header: ['uCode', 'code', 'mark'],
  rows: [...step.filled.map(([u, c]): Cell[] => [u, c, 'imputed']), ...step.treated.map(([u, c]): Cell[] => [u, c, 'treated'])],
});

/** A text cell a spreadsheet would run as a formula gets a leading apostrophe. */
const safeText = (text: string): string => (/^[=+\-@\t\r]/.test(text) && !Number.isFinite(Number(text)) ? `'${text}` : text);

const csvCell = (value: Cell): string => {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return '';
  const s = typeof value === 'number' ? String(value) : safeText(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export const BOM = '\uFEFF';

/** The sheet as CSV: a byte-order mark, then CRLF lines. */
export const toCsv = (sheet: Sheet): string => BOM + [sheet.header, ...sheet.rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');

/** What an Excel export needs from ExcelJS (the module is passed in, so tests use Node's and the page loads the browser build on demand). */
export type ExcelModule = { Workbook: new () => ExcelWorkbook };
type ExcelCell = { value: unknown; fill: unknown; note: unknown };
type ExcelWorksheet = {
  addRow: (values: unknown[]) => { font: unknown; getCell: (column: number) => ExcelCell };
  views: unknown[];
  columns: { width?: number }[];
};
type ExcelWorkbook = {
  creator: string;
  created: Date;
  addWorksheet: (name: string) => ExcelWorksheet;
  xlsx: { writeBuffer: () => Promise<ArrayBuffer | Uint8Array> };
};

/** Excel's rules for a worksheet name: 31 characters, none of []:*?/\ ; unique in the workbook. */
export const sheetName = (name: string, used: Set<string>): string => {
  const base = name.replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'sheet';
  let candidate = base;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)}-${n}`;
  used.add(candidate.toLowerCase());
  return candidate;
};

/** '#fffbe6' → 'FFFFFBE6' (ExcelJS colours are ARGB). */
const argb = (hex: string): string => `FF${hex.replace('#', '').slice(0, 6).toUpperCase().padEnd(6, 'F')}`;

export type MarkStyle = { fill: string; note: string };

/** A workbook of the sheets: bold frozen header, marked cells filled (with a note saying why). */
export const buildWorkbook = async (ExcelJS: ExcelModule, sheets: readonly Sheet[], markStyles: Readonly<Record<Mark, MarkStyle>>): Promise<Uint8Array> => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'KeChuang';
  workbook.created = new Date();
  const used = new Set<string>();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheetName(sheet.name, used));
    ws.addRow(sheet.header).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.rows.forEach((row, i) => {
      const added = ws.addRow(row.map((v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
      row.forEach((_, j) => {
        const kind = sheet.marks?.get(`${i}:${j}`);
        if (!kind) return;
        const cell = added.getCell(j + 1);
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(markStyles[kind].fill) } };
        cell.note = markStyles[kind].note;
      });
    });
    ws.columns = sheet.header.map((h) => ({ width: Math.min(40, Math.max(10, h.length + 2)) }));
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
};

/** ExcelJS's browser build, fetched on the first Excel export only (it is large). */
export const loadExcel = async (): Promise<ExcelModule> => {
  const module = (await import('exceljs/dist/exceljs.bare.min.js')) as { default?: ExcelModule } & Partial<ExcelModule>;
  return (module.default ?? module) as ExcelModule;
};

export const CSV_TYPE = 'text/csv;charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Saves a file from the page. */
export const download = (data: BlobPart, type: string, filename: string): void => {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

/** A file name from parts: letters, digits, - and _ only. */
export const fileName = (parts: readonly string[], extension: 'csv' | 'xlsx'): string =>
  `${parts
    .map((p) => p.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('-')}.${extension}`;

/** The weights a browser ranking used beside the framework's own (the lab's sliders). */
export const weightsSheet = (elements: readonly { code: string; name: string; level: number; weight: number }[], weights: ReadonlyMap<string, number>, name = 'weights'): Sheet => ({
  name,
  header: ['code', 'name', 'level', 'frameworkWeight', 'weightUsed'],
  rows: elements.map((e) => [e.code, e.name, e.level, e.weight, weights.get(e.code) ?? e.weight]),
});

/** What a stored run is, as key–value rows: enough to find and reproduce it. */
export const runInfoSheet = (info: Readonly<Record<string, string | number | null>>, name = 'run'): Sheet => ({
  name,
  header: ['field', 'value'],
  rows: Object.entries(info).map(([k, v]) => [k, v]),
});
