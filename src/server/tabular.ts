import { createReadStream } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type ExcelJS from 'exceljs';
import { CsvReader, csvLine } from '../core/tabular/csv.js';
import { AppError } from './errors.js';

/**
 * Tables in and out: CSV (UTF-8) and Excel (.xlsx) for every import and
 * export, so that each module reads and writes spreadsheets the same way.
 */

/** exceljs takes a quarter of a second to load: only imports and exports pay for it, not every start. */
export const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

/**
 * Limits on what an uploaded .xlsx (a ZIP of XML parts) may unpack to, checked
 * before exceljs sees it: a zip bomb (a small file whose XML inflates to
 * hundreds of MB, or one with thousands of parts) would otherwise keep the
 * server busy unpacking and parsing it (24 s for a 400 KB file that inflates
 * to 400 MB). The sizes are counted by inflating each part into nothing,
 * since a ZIP's declared sizes can lie.
 */
export const XLSX_LIMITS = { maxEntries: 2_000, maxInflatedBytes: 256 * 1024 * 1024 } as const;

const zipRefused = (message: string): AppError =>
  new AppError('VALIDATION_FAILED', `The Excel (.xlsx) file is refused: ${message}`, { fields: [{ in: 'body', path: 'file', reason: 'archive_too_large', message }] });

/** Inflated bytes of one deflated part, counted without keeping them; stops past `budget`. */
const inflatedSize = (data: Buffer, budget: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let total = 0;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > budget) {
        inflate.destroy();
        resolve(total);
      }
    });
    inflate.on('end', () => resolve(total));
    inflate.on('error', (error) => reject(error));
    inflate.end(data);
  });

/** Refuses an .xlsx whose ZIP has too many parts or inflates past the limits; leaves unreadable files to exceljs's own error. */
export const checkXlsxLimits = async (zip: Buffer, limits: { maxEntries: number; maxInflatedBytes: number } = XLSX_LIMITS): Promise<void> => {
  // End of central directory: 22 bytes plus a comment of up to 64 KiB, at the end.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return;
  const entries = zip.readUInt16LE(eocd + 10);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  // 0xffff / 0xffffffff mean ZIP64, which no spreadsheet of an upload's size needs.
  if (entries === 0xffff || cdOffset === 0xffffffff) throw zipRefused('ZIP64 archives are not accepted');
  if (entries > limits.maxEntries) throw zipRefused(`${entries} parts (at most ${limits.maxEntries})`);
  let declared = 0;
  let inflated = 0;
  let at = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return;
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    declared += zip.readUInt32LE(at + 24);
    const local = zip.readUInt32LE(at + 42);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (declared > limits.maxInflatedBytes) throw zipRefused(`it unpacks to more than ${limits.maxInflatedBytes} bytes`);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) return;
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, Math.min(zip.length, start + compressed));
    if (method === 0) inflated += data.length;
    else if (method === 8) {
      try {
        inflated += await inflatedSize(data, limits.maxInflatedBytes - inflated);
      } catch {
        return; // corrupt data: exceljs reports the file as unreadable
      }
    }
    if (inflated > limits.maxInflatedBytes) throw zipRefused(`it unpacks to more than ${limits.maxInflatedBytes} bytes`);
  }
};

/** Rows of a CSV (UTF-8) or Excel (.xlsx, first sheet) file, streamed. */
export async function* readTable(input: Buffer | string, format: 'csv' | 'xlsx'): AsyncGenerator<string[]> {
  if (format === 'csv') {
    const reader = new CsvReader();
    const stream = typeof input === 'string' ? createReadStream(input, { encoding: 'utf8', highWaterMark: 256 * 1024 }) : Readable.from([input.toString('utf8')]);
    for await (const chunk of stream) yield* reader.push(String(chunk));
    yield* reader.end();
    return;
  }
  if (typeof input !== 'string') await checkXlsxLimits(input);
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

/** The reader of a streamed table hung up: stop producing, so the caller's transaction and cursor are let go. */
class ReaderGone extends Error {
  constructor() {
    super('the reader hung up');
  }
}

/**
 * Wait while the reader is behind (the stream's buffer is full), and give up once it has gone: the HTTP
 * layer destroys the stream when the connection closes, which emits 'close' and never 'drain'.
 */
const readerKeptUp = async (out: PassThrough): Promise<void> => {
  if (!out.destroyed && out.writableNeedDrain) {
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off('drain', done);
        out.off('close', done);
        resolve();
      };
      out.on('drain', done);
      out.on('close', done);
    });
  }
  if (out.destroyed) throw new ReaderGone();
};

/**
 * A table as a stream, row by row, for downloads of any length: CSV (UTF-8 with BOM, so Excel reads the
 * Chinese) or XLSX through exceljs' streaming writer, whose ZIP compression runs off the event loop.
 * Building a whole workbook in memory instead held the loop for seconds at a city's scale (the soak, issue 10).
 * `rows` is opened by the stream: `produce` receives the sink and resolves when every row is written, so
 * the caller can hold a transaction (one snapshot) for exactly that long.
 * Rows are produced only as fast as the reader takes them, in both formats, and a reader who hangs up ends
 * the production: an abandoned download used to hold its transaction's connection for ever (CSV) or to
 * build the whole workbook for no one (XLSX), so a few cancelled downloads could stop the server.
 */
export const streamTable = (header: readonly string[], format: 'csv' | 'xlsx', sheetName: string, produce: (write: (rows: AsyncIterable<readonly unknown[]>) => Promise<void>) => Promise<void>): Readable => {
  const out = new PassThrough();
  void (async () => {
    try {
      if (format === 'csv') {
        out.write(`\uFEFF${csvLine([...header])}`);
        await produce(async (rows) => {
          for await (const row of rows) {
            out.write(csvLine([...row]));
            await readerKeptUp(out);
          }
        });
        out.end();
        return;
      }
      const Excel = await loadExcel();
      const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
      const sheet = workbook.addWorksheet(sheetName);
      const head = sheet.addRow([...header]);
      head.font = { bold: true };
      head.commit();
      await produce(async (rows) => {
        for await (const row of rows) {
          sheet.addRow([...row]).commit();
          await readerKeptUp(out);
        }
      });
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      if (!(error instanceof ReaderGone)) out.destroy(error as Error);
    }
  })();
  return out;
};

const unreadable = (error: unknown): AppError =>
  new AppError('VALIDATION_FAILED', 'The file is not a readable Excel (.xlsx) workbook', { fields: [{ in: 'body', path: 'file', reason: 'unreadable_file', message: (error as Error).message }] });

/** Every sheet of a small .xlsx workbook (a map document, not a million-row import) as rows of text, by sheet name. */
export const readWorkbook = async (input: Buffer): Promise<Record<string, string[][]>> => {
  await checkXlsxLimits(input);
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
