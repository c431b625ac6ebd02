import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { CsvReader, csvLine } from '../core/tabular/csv.js';
import { AppError } from './errors.js';

/**
 * Tables in and out: CSV (UTF-8) and Excel (.xlsx) for every import and
 * export, so that each module reads and writes spreadsheets the same way.
 */

/** exceljs takes a quarter of a second to load: only imports and exports pay for it, not every start. */
export const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

/** Rows of a CSV (UTF-8) or Excel (.xlsx, first sheet) file, streamed. */
export async function* readTable(input: Buffer | string, format: 'csv' | 'xlsx'): AsyncGenerator<string[]> {
  if (format === 'csv') {
    const reader = new CsvReader();
    const stream = typeof input === 'string' ? createReadStream(input, { encoding: 'utf8', highWaterMark: 256 * 1024 }) : Readable.from([input.toString('utf8')]);
    for await (const chunk of stream) yield* reader.push(String(chunk));
    yield* reader.end();
    return;
  }
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(typeof input === 'string' ? input : Readable.from([input]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit' });
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet as AsyncIterable<{ values: unknown }>) {
        const values = (row.values as unknown[]).slice(1);
        yield values.map((v) => cellText(v));
      }
      break; // the first sheet only
    }
  } catch (error) {
    // A file named .xlsx that is not one is the user's mistake, not the server's.
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION_FAILED', 'The file is not a readable Excel (.xlsx) workbook', { fields: [{ in: 'body', path: 'file', reason: 'unreadable_file', message: (error as Error).message }] });
  }
}

const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return String(o.result);
  }
  return String(v);
};

export const formatOf = (fileName: string): 'csv' | 'xlsx' => {
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  if (/\.csv$/i.test(fileName)) return 'csv';
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Import .csv or .xlsx files');
};


/** A small table as a file: CSV with a BOM (so Excel reads the Chinese) or one XLSX sheet with a bold header. */
export const writeTable = async (header: readonly string[], rows: readonly (readonly unknown[])[], format: 'csv' | 'xlsx', sheetName: string): Promise<Buffer> => {
  if (format === 'csv') return Buffer.from(`\uFEFF${[header, ...rows].map((r) => csvLine([...r])).join('')}`, 'utf8');
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...header]).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  sheet.columns.forEach((col) => {
    col.width = 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

const unreadable = (error: unknown): AppError =>
  new AppError('VALIDATION_FAILED', 'The file is not a readable Excel (.xlsx) workbook', { fields: [{ in: 'body', path: 'file', reason: 'unreadable_file', message: (error as Error).message }] });

/** Every sheet of a small .xlsx workbook (a map document, not a million-row import) as rows of text, by sheet name. */
export const readWorkbook = async (input: Buffer): Promise<Record<string, string[][]>> => {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(input as unknown as ArrayBuffer);
  } catch (error) {
    throw unreadable(error);
  }
  const out: Record<string, string[][]> = {};
  workbook.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => cellText(v)));
    });
    out[sheet.name] = rows;
  });
  return out;
};

/** Several sheets in one .xlsx, each with a bold header row. */
export const writeWorkbook = async (sheets: Readonly<Record<string, readonly (readonly unknown[])[]>>): Promise<Buffer> => {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  for (const [name, [header = [], ...rows]] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([...header]).font = { bold: true };
    for (const row of rows) sheet.addRow([...row]);
    sheet.columns.forEach((col) => {
      col.width = 22;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
