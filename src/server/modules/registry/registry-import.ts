import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { and, desc, eq } from 'drizzle-orm';
import { loadExcel } from './excel.js';
import { CsvReader } from '../../../core/tabular/csv.js';
import { ENTITY_KINDS, ZEntityInput } from '../../../shared/schemas/registry.js';
import { IMPORT_COLUMNS, LIST_SEPARATOR, type TImportField, type TImportReport } from '../../../shared/schemas/registry-import.js';
import { appendAuditEvent, type Actor } from '../../../db/audit-log.js';
import type { DbExecutor } from '../../../db/client.js';
import { areas, entities, importJobs } from '../../../db/schema/index.js';
import { buildSearchText } from '../../../db/search-text.js';
import { withWriteTx, type WriteTx } from '../../../db/tx.js';
import { AppError } from '../../errors.js';
import { normaliseIdentifiers } from './registry.service.js';

type ImportError = TImportReport['errors'][number];
export type ImportProgress = (rowsDone: number) => void;

/** Keep at most this many errors per job; the count of failed rows stays exact. */
const MAX_ERRORS = 10_000;
const BATCH_ROWS = 500;

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
  for await (const sheet of workbook) {
    for await (const row of sheet as AsyncIterable<{ values: unknown }>) {
      const values = (row.values as unknown[]).slice(1);
      yield values.map((v) => cellText(v));
    }
    break; // the first sheet only
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

const HEADER_LOOKUP = new Map<string, TImportField>(IMPORT_COLUMNS.flatMap((c) => [[c.zh.toLowerCase(), c.field], [c.en.toLowerCase(), c.field], [c.field.toLowerCase(), c.field]] as [string, TImportField][]));

const TRUE = new Set(['是', 'true', '1', 'yes', 'y']);
const FALSE = new Set(['否', 'false', '0', 'no', 'n', '']);

type RowResult = { ok: true; record: ReturnType<typeof ZEntityInput.parse> } | { ok: false; errors: Omit<ImportError, 'row'>[] };

/** Turn one row into a validated record, or the list of what is wrong with it (column, value, reason). */
const parseRow = (cells: string[], header: (TImportField | null)[], headerNames: string[], areaIds: Map<string, string>): RowResult => {
  const raw: Record<string, unknown> = {};
  const errors: Omit<ImportError, 'row'>[] = [];
  const valueOf = new Map<string, string>();
  header.forEach((field, i) => {
    if (!field) return;
    const text = (cells[i] ?? '').trim();
    valueOf.set(field, text);
    const column = headerNames[i] ?? field;
    switch (field) {
      case 'aliases':
      case 'sectorCodes':
      case 'industryTags':
        raw[field] = text ? text.split(LIST_SEPARATOR).map((s) => s.trim()).filter(Boolean) : [];
        break;
      case 'lon':
      case 'lat': {
        if (!text) raw[field] = null;
        else if (Number.isFinite(Number(text))) raw[field] = Number(text);
        else errors.push({ column, value: text, reason: 'not_a_number' });
        break;
      }
      case 'isSample': {
        const t = text.toLowerCase();
        if (TRUE.has(t)) raw[field] = true;
        else if (FALSE.has(t)) raw[field] = false;
        else errors.push({ column, value: text, reason: 'not_yes_or_no' });
        break;
      }
      case 'areaId': {
        if (!text) raw[field] = null;
        else {
          const id = areaIds.get(text.toLowerCase());
          if (id) raw[field] = id;
          else errors.push({ column, value: text, reason: 'unknown_area' });
        }
        break;
      }
      default:
        raw[field] = text === '' ? (field === 'nameEn' || field === 'kind' ? undefined : null) : text;
    }
  });
  const columnOf = (field: string): string => headerNames[header.indexOf(field as TImportField)] ?? field;
  const parsed = ZEntityInput.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      errors.push({ column: columnOf(field), value: valueOf.get(field) ?? '', reason: issue.code === 'invalid_value' && field === 'kind' ? 'unknown_kind' : raw[field] === undefined ? 'required' : issue.code });
    }
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  const { values, issues } = normaliseIdentifiers(parsed.data);
  for (const i of issues) errors.push({ column: columnOf(i.path), value: valueOf.get(i.path) ?? '', reason: i.reason });
  if (parsed.data.orcid && ENTITY_KINDS[parsed.data.kind] !== 'person') errors.push({ column: columnOf('orcid'), value: parsed.data.orcid, reason: 'people_only' });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, record: { ...parsed.data, ...values } };
};

/** Insert or update (matched on USCC, ROR or ORCID) one valid record inside the batch's transaction. */
const upsert = async (tx: WriteTx, centreId: string, record: ReturnType<typeof ZEntityInput.parse>, now: Date): Promise<{ id: string; inserted: boolean }> => {
  const { confirmNotDuplicate: _c, ...fields } = record;
  const match = record.uscc
    ? eq(entities.uscc, record.uscc)
    : record.ror
      ? eq(entities.ror, record.ror)
      : record.orcid
        ? eq(entities.orcid, record.orcid)
        : null;
  const row = { ...fields, category: ENTITY_KINDS[record.kind], searchText: buildSearchText([record.nameZh, record.nameEn, ...record.aliases]), updatedAt: now };
  if (match) {
    const [existing] = await tx.select({ id: entities.id, version: entities.version }).from(entities).where(and(eq(entities.centreId, centreId), eq(entities.status, 'active'), match)).limit(1);
    if (existing) {
      await tx.update(entities).set({ ...row, version: existing.version + 1 }).where(eq(entities.id, existing.id));
      return { id: existing.id, inserted: false };
    }
  }
  const id = randomUUID();
  await tx.insert(entities).values({ ...row, id, centreId, nameStatus: 'in_source', createdAt: now });
  return { id, inserted: true };
};

const hashFile = async (input: Buffer | string): Promise<string> => {
  const h = createHash('sha256');
  if (typeof input === 'string') for await (const chunk of createReadStream(input)) h.update(chunk as Buffer);
  else h.update(input);
  return h.digest('hex');
};

/**
 * Import actors from a file, in transactional batches. Each batch writes its
 * rows, one audit event listing them, and the job's checkpoint together; a
 * killed import re-run on the same file resumes after the last committed batch.
 * A dry run validates every row and writes only the job record.
 */
export const importEntities = async (
  db: DbExecutor,
  opts: { centreId: string; input: Buffer | string; fileName: string; dryRun: boolean; actor: Actor; now: () => Date; onProgress?: ImportProgress; batchRows?: number },
): Promise<TImportReport> => {
  const { centreId, dryRun } = opts;
  const format = formatOf(opts.fileName);
  const fileHash = await hashFile(opts.input);
  const areaRows = await db.select({ id: areas.id, nameZh: areas.nameZh, nameEn: areas.nameEn, code: areas.code }).from(areas).where(eq(areas.centreId, centreId));
  if (areaRows.length === 0) throw new AppError('NOT_FOUND', `No centre ${centreId}`);
  const areaIds = new Map<string, string>();
  for (const a of areaRows) for (const key of [a.id, a.nameZh, a.nameEn, a.code]) if (key) areaIds.set(key.toLowerCase(), a.id);

  const [unfinished] = dryRun
    ? []
    : await db.select().from(importJobs).where(and(eq(importJobs.centreId, centreId), eq(importJobs.fileHash, fileHash), eq(importJobs.status, 'running'), eq(importJobs.dryRun, false))).orderBy(desc(importJobs.startedAt)).limit(1);
  const job = unfinished ?? { id: randomUUID(), rowsDone: 0, inserted: 0, updated: 0, failed: 0, errors: [] as ImportError[] };
  const resumedFromRow = job.rowsDone;
  if (!unfinished) {
    await db.insert(importJobs).values({ id: job.id, centreId, fileName: basename(opts.fileName), fileHash, dryRun, status: 'running', actorLabel: opts.actor.label, startedAt: opts.now() });
  }
  const state = { rowsDone: job.rowsDone, inserted: job.inserted, updated: job.updated, failed: job.failed, errors: [...job.errors] };

  let header: (TImportField | null)[] | null = null;
  let headerNames: string[] = [];
  let rowNumber = 0;
  let batch: { row: number; cells: string[] }[] = [];

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    const results = rows.map((r) => ({ row: r.row, result: parseRow(r.cells, header ?? [], headerNames, areaIds) }));
    const failed = results.flatMap((r) => (r.result.ok ? [] : r.result.errors.map((e) => ({ ...e, row: r.row }))));
    const failedRows = results.filter((r) => !r.result.ok).length;
    const lastRow = rows[rows.length - 1]?.row ?? state.rowsDone;
    await withWriteTx(db, async (tx) => {
      const inserted: string[] = [];
      const updated: string[] = [];
      if (!dryRun) {
        for (const r of results) {
          if (!r.result.ok) continue;
          const done = await upsert(tx, centreId, r.result.record, opts.now());
          (done.inserted ? inserted : updated).push(done.id);
        }
        if (inserted.length + updated.length > 0) {
          // One event per batch, naming every record it wrote: per-row events would double the cost of a bulk load.
          await appendAuditEvent(tx, { actor: opts.actor, at: opts.now(), action: 'import.batch', entityType: 'import_job', entityId: job.id, centreId, before: null, after: { rows: [rows[0]?.row, lastRow], inserted, updated } });
        }
      }
      state.rowsDone = lastRow;
      state.inserted += dryRun ? results.filter((r) => r.result.ok).length : inserted.length;
      state.updated += updated.length;
      state.failed += failedRows;
      state.errors.push(...failed.slice(0, Math.max(0, MAX_ERRORS - state.errors.length)));
      await tx.update(importJobs).set({ rowsDone: state.rowsDone, inserted: state.inserted, updated: state.updated, failed: state.failed, errors: state.errors }).where(eq(importJobs.id, job.id));
    });
    opts.onProgress?.(state.rowsDone);
  };

  try {
    for await (const cells of readTable(opts.input, format)) {
      if (header === null) {
        headerNames = cells.map((c) => c.trim());
        header = headerNames.map((name) => HEADER_LOOKUP.get(name.toLowerCase()) ?? null);
        const missing = IMPORT_COLUMNS.filter((c) => 'required' in c && c.required && !header?.includes(c.field));
        if (missing.length > 0) {
          throw new AppError('VALIDATION_FAILED', `The header row lacks required columns: ${missing.map((m) => m.zh).join(', ')}`, {
            fields: missing.map((m) => ({ in: 'body' as const, path: m.field, reason: 'missing_column', message: `missing column ${m.zh} / ${m.en}` })),
          });
        }
        continue;
      }
      rowNumber++;
      if (cells.every((c) => c.trim() === '')) continue;
      if (rowNumber <= resumedFromRow) continue;
      batch.push({ row: rowNumber, cells });
      if (batch.length >= (opts.batchRows ?? BATCH_ROWS)) await flush();
    }
    await flush();
  } catch (error) {
    await db.update(importJobs).set({ status: error instanceof AppError ? 'failed' : 'running', finishedAt: error instanceof AppError ? opts.now() : null }).where(eq(importJobs.id, job.id));
    throw error;
  }
  await db.update(importJobs).set({ status: 'done', finishedAt: opts.now() }).where(eq(importJobs.id, job.id));
  return { jobId: job.id, dryRun, status: 'done', rows: state.rowsDone, inserted: state.inserted, updated: state.updated, failed: state.failed, resumedFromRow, errors: state.errors.slice(0, 200) };
};

export const findImportJob = async (db: DbExecutor, centreId: string, id: string) =>
  (await db.select().from(importJobs).where(and(eq(importJobs.centreId, centreId), eq(importJobs.id, id))).limit(1))[0];
