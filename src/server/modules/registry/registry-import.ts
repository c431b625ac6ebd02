import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { CsvReader } from '../../../core/tabular/csv.js';
import { formatOf, readTable } from '../../tabular.js';
import type { TEntityCategory } from '../../../shared/schemas/entities.js';
import { ZEntityInput } from '../../../shared/schemas/registry.js';
import { IMPORT_COLUMNS, LIST_SEPARATOR, type TImportField, type TImportReport } from '../../../shared/schemas/registry-import.js';
import { appendAuditEvent, type Actor } from '../../../db/audit-log.js';
import type { DbExecutor } from '../../../db/client.js';
import { areas, entities, importJobs } from '../../../db/schema/index.js';
import { buildSearchText } from '../../../db/search-text.js';
import { copyInto } from '../../../db/copy.js';
import { withWriteTx, type WriteTx } from '../../../db/tx.js';
import { AppError } from '../../errors.js';
import { normaliseIdentifiers } from './registry.service.js';
import { loadVocabulary, type Vocabulary } from './vocabulary.service.js';

type ImportError = TImportReport['errors'][number];
export type ImportProgress = (rowsDone: number) => void;

/** Keep at most this many errors per job; the count of failed rows stays exact. */
const MAX_ERRORS = 10_000;
const BATCH_ROWS = 2_000;
/** Rows prepared between two yields to the event loop (about 5 ms of work). */
const PREPARE_SLICE = 100;

const HEADER_LOOKUP = new Map<string, TImportField>(IMPORT_COLUMNS.flatMap((c) => [[c.zh.toLowerCase(), c.field], [c.en.toLowerCase(), c.field], [c.field.toLowerCase(), c.field]] as [string, TImportField][]));

const TRUE = new Set(['是', 'true', '1', 'yes', 'y']);
const FALSE = new Set(['否', 'false', '0', 'no', 'n', '']);

type RowResult = { ok: true; record: ReturnType<typeof ZEntityInput.parse>; category: TEntityCategory } | { ok: false; errors: Omit<ImportError, 'row'>[] };

/** Turn one row into a validated record, or the list of what is wrong with it (column, value, reason). */
const parseRow = (cells: string[], header: (TImportField | null)[], headerNames: string[], areaIds: Map<string, string>, vocabulary: Vocabulary): RowResult => {
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
      errors.push({ column: columnOf(field), value: valueOf.get(field) ?? '', reason: field === 'kind' && raw[field] !== undefined ? 'unknown_kind' : raw[field] === undefined ? 'required' : issue.code });
    }
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  const category = vocabulary.categoryOfKind(parsed.data.kind);
  if (!category) return { ok: false, errors: [{ column: columnOf('kind'), value: parsed.data.kind, reason: 'unknown_kind' }] };
  const { values, issues } = normaliseIdentifiers(parsed.data);
  for (const i of issues) errors.push({ column: columnOf(i.path), value: valueOf.get(i.path) ?? '', reason: i.reason });
  if (parsed.data.orcid && category !== 'person') errors.push({ column: columnOf('orcid'), value: parsed.data.orcid, reason: 'people_only' });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, record: { ...parsed.data, ...values }, category };
};

type ImportRecord = ReturnType<typeof ZEntityInput.parse>;
type Identifier = 'uscc' | 'ror' | 'orcid';
const IDENTIFIERS: readonly Identifier[] = ['uscc', 'ror', 'orcid'];

/** Entity columns an import may set, by template field (the same order as the template). */
const COLUMN_OF: Record<Exclude<TImportField, 'kind'>, { column: string; type: string }> = {
  nameZh: { column: 'name_zh', type: 'text' },
  nameEn: { column: 'name_en', type: 'text' },
  aliases: { column: 'aliases', type: 'text[]' },
  uscc: { column: 'uscc', type: 'text' },
  ror: { column: 'ror', type: 'text' },
  orcid: { column: 'orcid', type: 'text' },
  areaId: { column: 'area_id', type: 'text' },
  address: { column: 'address', type: 'text' },
  lon: { column: 'lon', type: 'float8' },
  lat: { column: 'lat', type: 'float8' },
  foundedOn: { column: 'founded_on', type: 'text' },
  sectorCodes: { column: 'sector_codes', type: 'text[]' },
  industryTags: { column: 'industry_tags', type: 'text[]' },
  isSample: { column: 'is_sample', type: 'boolean' },
};
const IMPORTED_FIELDS = Object.keys(COLUMN_OF) as (keyof typeof COLUMN_OF)[];

/** A valid row ready to write; its search text is computed while the previous batch is being written. */
type BatchRow = { row: number; record: ImportRecord; category: TEntityCategory; searchText: string };
type BatchOutcome = { inserted: string[]; updated: string[]; errors: ImportError[] };

/**
 * Write one batch set-based: one query finds the records its identifiers
 * already name, one INSERT … SELECT adds the new ones and one UPDATE … FROM
 * changes the matched ones (only the columns the file carries, so a file
 * without an address column keeps the addresses on record). Rows repeating an
 * identifier within the batch update the record the earlier row wrote.
 */
const writeBatch = async (tx: WriteTx, centreId: string, rows: BatchRow[], present: ReadonlySet<TImportField>, now: Date): Promise<BatchOutcome> => {
  const wanted = (key: Identifier) => [...new Set(rows.flatMap((r) => (r.record[key] ? [r.record[key]] : [])))];
  const [uscc, ror, orcid] = IDENTIFIERS.map(wanted) as [string[], string[], string[]];
  // One index probe per identifier kind (each has its partial unique index); an OR across them would scan the centre.
  const lookup = (column: Identifier, values: string[]) =>
    sql`(select id, version, name_zh, aliases, uscc, ror, orcid from entities
         where centre_id = ${centreId} and status = 'active' and ${sql.identifier(column)} = any(${sql.param(values)}::text[]))`;
  const probes = ([['uscc', uscc], ['ror', ror], ['orcid', orcid]] as const).filter(([, values]) => values.length > 0).map(([column, values]) => lookup(column, values));
  const existing =
    probes.length === 0
      ? []
      : ((await tx.execute(sql.join(probes, sql` union `))) as unknown as { rows: { id: string; version: number; name_zh: string | null; aliases: string[]; uscc: string | null; ror: string | null; orcid: string | null }[] }).rows;
  const byIdentifier = new Map<string, string>();
  const onRecord = new Map(existing.map((e) => [e.id, e]));
  for (const e of existing) for (const key of IDENTIFIERS) if (e[key]) byIdentifier.set(`${key}:${e[key]}`, e.id);

  const errors: ImportError[] = [];
  /** Final values per record id, in first-seen order; inserts and updates apart. */
  const inserts = new Map<string, BatchRow>();
  const updates = new Map<string, BatchRow>();
  const inserted: string[] = [];
  const updated: string[] = [];
  for (const batchRow of rows) {
    const { row, record } = batchRow;
    const matches = IDENTIFIERS.flatMap((key) => {
      const id = record[key] ? byIdentifier.get(`${key}:${record[key]}`) : undefined;
      return id ? [{ key, id }] : [];
    });
    const target = matches[0]?.id;
    const clash = matches.find((m) => m.id !== target);
    if (clash) {
      errors.push({ row, column: IMPORT_COLUMNS.find((c) => c.field === clash.key)?.zh ?? clash.key, value: record[clash.key] ?? '', reason: 'identifier_conflict' });
      continue;
    }
    const id = target ?? randomUUID();
    for (const key of IDENTIFIERS) if (record[key]) byIdentifier.set(`${key}:${record[key]}`, id);
    if (inserts.has(id)) {
      inserts.set(id, batchRow);
      updated.push(id);
    } else if (target) {
      updates.set(id, batchRow);
      updated.push(id);
    } else {
      inserts.set(id, batchRow);
      inserted.push(id);
    }
  }

  // An update from a file without the Chinese-name or alias column keeps those on record, so its search text must include them.
  const searchTextOf = (id: string, { record: r, searchText }: BatchRow): string => {
    const before = onRecord.get(id);
    if (!before || (present.has('nameZh') && present.has('aliases'))) return searchText;
    return buildSearchText([present.has('nameZh') ? r.nameZh : before.name_zh, r.nameEn, ...(present.has('aliases') ? r.aliases : before.aliases)]);
  };
  const json = (records: Map<string, BatchRow>): string =>
    JSON.stringify([...records].map(([id, row]) => {
      const r = row.record;
      const out: Record<string, unknown> = { id, kind: r.kind, category: row.category, search_text: searchTextOf(id, row) };
      for (const field of IMPORTED_FIELDS) out[COLUMN_OF[field].column] = r[field];
      return out;
    }));
  const recordType = (fields: readonly (keyof typeof COLUMN_OF)[]) =>
    sql.raw(['id text', 'kind text', 'category text', 'search_text text', ...fields.map((f) => `${COLUMN_OF[f].column} ${COLUMN_OF[f].type}`)].join(', '));

  // New records go in through COPY, the database's bulk path; their triggers and constraints apply as for an INSERT.
  await copyInto(
    tx,
    'entities',
    ['id', 'centre_id', 'kind', 'category', 'search_text', 'name_status', 'created_at', 'updated_at', ...IMPORTED_FIELDS.map((f) => COLUMN_OF[f].column)],
    [...inserts].map(([id, row]) => [id, centreId, row.record.kind, row.category, searchTextOf(id, row), 'in_source', now, now, ...IMPORTED_FIELDS.map((f) => row.record[f] ?? null)]),
  );
  if (updates.size > 0) {
    const fields = IMPORTED_FIELDS.filter((f) => present.has(f));
    const assignments = sql.raw(fields.map((f) => `${COLUMN_OF[f].column} = ${COLUMN_OF[f].type === 'text[]' ? `coalesce(r.${COLUMN_OF[f].column}, '{}')` : f === 'isSample' ? 'coalesce(r.is_sample, false)' : `r.${COLUMN_OF[f].column}`}`).join(', '));
    await tx.execute(sql`
      update entities e set kind = r.kind, category = r.category, search_text = r.search_text, updated_at = ${now}, version = e.version + 1, ${assignments}
      from jsonb_to_recordset(${json(updates)}::jsonb) as r(${recordType(fields)})
      where e.id = r.id`);
  }
  return { inserted, updated, errors };
};

const hashFile = async (input: Buffer | string): Promise<string> => {
  const h = createHash('sha256');
  if (typeof input === 'string') for await (const chunk of createReadStream(input)) h.update(chunk as Buffer);
  else h.update(input);
  return h.digest('hex');
};

/** Data rows of a CSV file (records after the header, blank ones skipped): the progress bar's denominator. */
export const countCsvRows = (input: Buffer): number => {
  const reader = new CsvReader();
  let rows = -1;
  const tally = (records: Iterable<string[]>) => {
    for (const cells of records) if (rows < 0 || cells.some((c) => c.trim() !== '')) rows++;
  };
  tally(reader.push(input.toString('utf8')));
  tally(reader.end());
  return Math.max(0, rows);
};

type JobRow = typeof importJobs.$inferSelect;
export const reportOf = (job: JobRow, resumedFromRow = 0, maxErrors = 200): TImportReport => ({
  jobId: job.id,
  fileName: job.fileName,
  dryRun: job.dryRun,
  status: job.status as TImportReport['status'],
  totalRows: job.rowsTotal,
  rows: job.rowsDone,
  inserted: job.inserted,
  updated: job.updated,
  failed: job.failed,
  resumedFromRow,
  errors: job.errors.slice(0, maxErrors),
  actorLabel: job.actorLabel,
  startedAt: job.startedAt.toISOString(),
  finishedAt: job.finishedAt?.toISOString() ?? null,
});

export type ImportOptions = {
  centreId: string;
  input: Buffer | string;
  fileName: string;
  dryRun: boolean;
  actor: Actor;
  now: () => Date;
  onProgress?: ImportProgress;
  /** Called once the header is accepted and the job is on record, before any row is written. */
  onStarted?: (report: TImportReport) => void;
  /** Data rows in the file, when the caller counted them (for progress bars). */
  totalRows?: number | null;
  batchRows?: number;
  /** Stop after the batch in hand (the job is left interrupted, to resume). */
  signal?: AbortSignal;
};

/**
 * Import actors from a file, in transactional batches. Each batch writes its
 * rows, one audit event listing them, and the job's checkpoint together; a
 * killed or interrupted import re-run on the same file resumes after the last
 * committed batch. A dry run validates every row and writes only the job record.
 */
export const importEntities = async (db: DbExecutor, opts: ImportOptions): Promise<TImportReport> => {
  const { centreId, dryRun } = opts;
  const format = formatOf(opts.fileName);
  const fileHash = await hashFile(opts.input);
  const areaRows = await db.select({ id: areas.id, nameZh: areas.nameZh, nameEn: areas.nameEn, code: areas.code }).from(areas).where(eq(areas.centreId, centreId));
  if (areaRows.length === 0) throw new AppError('NOT_FOUND', `No centre ${centreId}`);
  const vocabulary = await loadVocabulary(db, centreId);
  const areaIds = new Map<string, string>();
  for (const a of areaRows) for (const key of [a.id, a.nameZh, a.nameEn, a.code]) if (key) areaIds.set(key.toLowerCase(), a.id);

  const [unfinished] = dryRun
    ? []
    : await db
        .select()
        .from(importJobs)
        .where(and(eq(importJobs.centreId, centreId), eq(importJobs.fileHash, fileHash), inArray(importJobs.status, ['running', 'interrupted']), eq(importJobs.dryRun, false)))
        .orderBy(desc(importJobs.startedAt))
        .limit(1);
  const resumedFromRow = unfinished?.rowsDone ?? 0;

  let job: JobRow | undefined = unfinished;
  let header: (TImportField | null)[] | null = null;
  let headerNames: string[] = [];
  let present = new Set<TImportField>();
  let rowNumber = 0;
  let batch: { row: number; cells: string[] }[] = [];
  const insertedAtStart = unfinished?.inserted ?? 0;
  const state = { rowsDone: resumedFromRow, inserted: unfinished?.inserted ?? 0, updated: unfinished?.updated ?? 0, failed: unfinished?.failed ?? 0, errors: [...(unfinished?.errors ?? [])] };

  /** The job goes on record only once the header is accepted: a file that is not an import leaves nothing behind. */
  const startJob = async (): Promise<JobRow> => {
    if (job) {
      [job] = await db.update(importJobs).set({ status: 'running', finishedAt: null, rowsTotal: opts.totalRows ?? job.rowsTotal }).where(eq(importJobs.id, job.id)).returning();
    } else {
      [job] = await db
        .insert(importJobs)
        .values({ id: randomUUID(), centreId, fileName: basename(opts.fileName), fileHash, dryRun, status: 'running', rowsTotal: opts.totalRows ?? null, actorLabel: opts.actor.label, startedAt: opts.now() })
        .returning();
    }
    if (!job) throw new Error('import job row missing after write');
    opts.onStarted?.(reportOf(job, resumedFromRow));
    return job;
  };

  /**
   * Parse, validate and compute search text: CPU work, done for the next batch
   * while the database writes this one. It yields between slices so the
   * write's short statements (lookup, audit, checkpoint) are sent without
   * waiting for the whole batch to be prepared.
   */
  const prepare = async (rows: { row: number; cells: string[] }[]) => {
    const failed: ImportError[] = [];
    const valid: BatchRow[] = [];
    for (let start = 0; start < rows.length; start += PREPARE_SLICE) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      for (const { row, cells } of rows.slice(start, start + PREPARE_SLICE)) {
        const result = parseRow(cells, header ?? [], headerNames, areaIds, vocabulary);
        if (!result.ok) failed.push(...result.errors.map((e) => ({ ...e, row })));
        else valid.push({ row, record: result.record, category: result.category, searchText: dryRun ? '' : buildSearchText([result.record.nameZh, result.record.nameEn, ...result.record.aliases]) });
      }
    }
    return { failed, valid, firstRow: rows[0]?.row ?? state.rowsDone, lastRow: rows[rows.length - 1]?.row ?? state.rowsDone };
  };

  const write = async (current: JobRow, { failed, valid, firstRow, lastRow }: Awaited<ReturnType<typeof prepare>>): Promise<void> => {
    await withWriteTx(db, async (tx) => {
      const outcome: BatchOutcome = dryRun ? { inserted: valid.map(() => ''), updated: [], errors: [] } : await writeBatch(tx, centreId, valid, present, opts.now());
      if (!dryRun && outcome.inserted.length + outcome.updated.length > 0) {
        // One event per batch, naming every record it wrote: per-row events would double the cost of a bulk load.
        await appendAuditEvent(tx, { actor: opts.actor, at: opts.now(), action: 'import.batch', entityType: 'import_job', entityId: current.id, centreId, before: null, after: { rows: [firstRow, lastRow], inserted: outcome.inserted, updated: [...new Set(outcome.updated)] } });
      }
      failed.push(...outcome.errors);
      failed.sort((a, b) => a.row - b.row);
      state.rowsDone = lastRow;
      state.inserted += outcome.inserted.length;
      state.updated += outcome.updated.length;
      state.failed += new Set(failed.map((e) => e.row)).size;
      state.errors.push(...failed.slice(0, Math.max(0, MAX_ERRORS - state.errors.length)));
      await tx.update(importJobs).set({ rowsDone: state.rowsDone, inserted: state.inserted, updated: state.updated, failed: state.failed, errors: state.errors }).where(eq(importJobs.id, current.id));
    });
    // A table that grows from thousands to a million rows within minutes outruns autovacuum's statistics, and on
    // stale statistics the planner reads the whole identifier index for each batch's lookup. Refresh them each time
    // the import has doubled what it added since the last refresh.
    if (!dryRun && state.inserted - insertedAtStart >= nextAnalyzeAt) {
      nextAnalyzeAt *= 2;
      await db.execute(sql`analyze entities`);
    }
    opts.onProgress?.(state.rowsDone);
  };

  let nextAnalyzeAt = BATCH_ROWS;
  // At most one batch in flight: batches commit in file order, and each sees the ones before it.
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async (current: JobRow): Promise<void> => {
    if (batch.length === 0) return;
    const prepared = await prepare(batch);
    batch = [];
    await inFlight;
    inFlight = write(current, prepared);
    // Its failure surfaces at the next flush or at the end; until then it must not count as unhandled.
    inFlight.catch(() => undefined);
  };

  try {
    for await (const cells of readTable(opts.input, format)) {
      if (header === null) {
        headerNames = cells.map((c) => c.trim());
        header = headerNames.map((name) => HEADER_LOOKUP.get(name.toLowerCase()) ?? null);
        present = new Set(header.filter((f): f is TImportField => f !== null));
        const missing = IMPORT_COLUMNS.filter((c) => 'required' in c && c.required && !present.has(c.field));
        if (missing.length > 0) {
          throw new AppError('VALIDATION_FAILED', `The header row lacks required columns: ${missing.map((m) => m.zh).join(', ')}`, {
            fields: missing.map((m) => ({ in: 'body' as const, path: m.field, reason: 'missing_column', message: `missing column ${m.zh} / ${m.en}` })),
          });
        }
        job = await startJob();
        continue;
      }
      rowNumber++;
      if (cells.every((c) => c.trim() === '')) continue;
      if (rowNumber <= resumedFromRow) continue;
      batch.push({ row: rowNumber, cells });
      opts.signal?.throwIfAborted();
      if (job && batch.length >= (opts.batchRows ?? BATCH_ROWS)) await flush(job);
    }
    if (!job) throw new AppError('VALIDATION_FAILED', 'The file is empty: it has no header row', { fields: [{ in: 'body', path: '', reason: 'empty_file', message: 'no header row' }] });
    await flush(job);
    await inFlight;
  } catch (error) {
    await inFlight.catch(() => undefined);
    // A file the import refuses is finished; anything else (a lost connection, a shutdown) can be resumed.
    if (job) await db.update(importJobs).set({ status: error instanceof AppError ? 'failed' : 'interrupted', finishedAt: opts.now() }).where(eq(importJobs.id, job.id));
    throw error;
  }
  const [finished] = await db.update(importJobs).set({ status: 'done', finishedAt: opts.now() }).where(eq(importJobs.id, job.id)).returning();
  return reportOf(finished ?? job, resumedFromRow);
};

export const listImportJobs = async (db: DbExecutor, centreId: string, limit = 20): Promise<TImportReport[]> =>
  (await db.select().from(importJobs).where(eq(importJobs.centreId, centreId)).orderBy(desc(importJobs.startedAt)).limit(limit)).map((j) => reportOf(j, 0, 0));

export const findImportJob = async (db: DbExecutor, centreId: string, id: string) =>
  (await db.select().from(importJobs).where(and(eq(importJobs.centreId, centreId), eq(importJobs.id, id))).limit(1))[0];
