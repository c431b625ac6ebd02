import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { PERIOD_PATTERN, OBSERVATION_IMPORT_COLUMNS, type TObservationImportField, type TObservationImportReport, type TObservationStatus, type TQualifier } from '../../../shared/schemas/indicators.js';
import { appendAuditEvent, type Actor } from '../../../db/audit-log.js';
import type { DbExecutor } from '../../../db/client.js';
import { indicators, observations } from '../../../db/schema/index.js';
import { asReadTx, withWriteTx, type ReadTx } from '../../../db/tx.js';
import { AppError } from '../../errors.js';
import { formatOf, readTable, writeTable } from '../../tabular.js';
import { areaLookup, findEntitiesByKey, findRootAreaId, listSourceRowsById, type IndicatorRow, type ObservationRow } from './indicators.repository.js';
import { assertCentre, createSource, yearOfPeriod } from './indicators.service.js';

/**
 * Figures from a spreadsheet: one row per indicator × subject × period ×
 * status. The file lands whole or not at all: any failed row leaves the
 * database untouched and the report lists every problem (row, column, value,
 * reason). A figure already recorded for the same cell is updated. The batch
 * becomes a source row of kind `import`, so each figure names the file it came from.
 */

type ImportError = TObservationImportReport['errors'][number];

/** Statistical tables are small; a file beyond this is a mistake or belongs in a bulk path. */
export const MAX_IMPORT_ROWS = 100_000;
const MAX_ERRORS = 1_000;

const HEADER_LOOKUP = new Map<string, TObservationImportField>(OBSERVATION_IMPORT_COLUMNS.flatMap((c) => [[c.zh.toLowerCase(), c.field], [c.en.toLowerCase(), c.field], [c.field.toLowerCase(), c.field]] as [string, TObservationImportField][]));

const STATUS_WORDS = new Map<string, TObservationStatus>([
  ['', 'measured'], ['实测', 'measured'], ['实际', 'measured'], ['measured', 'measured'], ['actual', 'measured'],
  ['估计', 'estimated'], ['预计', 'estimated'], ['estimated', 'estimated'], ['estimate', 'estimated'],
  ['目标', 'target'], ['target', 'target'],
]);
const QUALIFIER_WORDS = new Map<string, TQualifier>([
  ['', 'exact'], ['精确', 'exact'], ['exact', 'exact'],
  ['下限', 'lower_bound'], ['以上', 'lower_bound'], ['超过', 'lower_bound'], ['lower_bound', 'lower_bound'], ['lower bound', 'lower_bound'], ['at least', 'lower_bound'],
  ['上限', 'upper_bound'], ['以下', 'upper_bound'], ['upper_bound', 'upper_bound'], ['upper bound', 'upper_bound'], ['at most', 'upper_bound'],
  ['约', 'approximate'], ['约数', 'approximate'], ['approximate', 'approximate'], ['about', 'approximate'],
]);

/** `1,234.5`, `1 234.5`, `12.1%`, `（12.1）`: the number a statistician typed, or null. */
export const parseFigure = (text: string): number | null => {
  const cleaned = text.replace(/[\s,，]/g, '').replace(/[%％]$/, '').replace(/^[（(](.*)[）)]$/, '$1');
  if (cleaned === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : null;
};

type ParsedRow = {
  row: number;
  indicator: IndicatorRow;
  areaId: string | null;
  entityId: string | null;
  period: string;
  value: number;
  status: TObservationStatus;
  qualifier: TQualifier;
  valueAsGiven: string | null;
  quote: string | null;
};

export type ObservationImportOptions = {
  centreId: string;
  input: Buffer;
  fileName: string;
  dryRun: boolean;
  source: { titleZh?: string | undefined; publisher?: string | undefined; publishedOn?: string | undefined; url?: string | undefined };
  isSample: boolean;
  actor: Actor;
  requestId: string | null;
  now: Date;
};

const cellKey = (r: { indicatorId: string; areaId: string | null; entityId: string | null; period: string | null; status: string }): string => [r.indicatorId, r.areaId ?? '', r.entityId ?? '', r.period ?? '', r.status].join('\u0001');

/** Read and check every row; nothing is written here. */
const parseFile = async (tx: ReadTx, opts: ObservationImportOptions): Promise<{ rows: ParsedRow[]; errors: ImportError[]; failed: number; total: number }> => {
  const format = formatOf(opts.fileName);
  const indicatorByCode = new Map((await tx.select().from(indicators).where(eq(indicators.centreId, opts.centreId))).map((i) => [i.code.toLowerCase(), i]));
  const areas = await areaLookup(tx, opts.centreId);
  const rootAreaId = (await findRootAreaId(tx, opts.centreId)) ?? null;
  const errors: ImportError[] = [];
  let failed = 0;
  const raw: { row: number; cells: Map<TObservationImportField, string> }[] = [];
  let header: (TObservationImportField | null)[] | null = null;
  let headerNames: string[] = [];
  let rowNumber = 0;
  for await (const cells of readTable(opts.input, format)) {
    rowNumber++;
    if (!header) {
      headerNames = cells.map((c) => c.replace(/^\uFEFF/, '').trim());
      header = headerNames.map((h) => HEADER_LOOKUP.get(h.toLowerCase()) ?? null);
      const missing = OBSERVATION_IMPORT_COLUMNS.filter((c) => c.required && !header?.includes(c.field));
      if (missing.length) {
        throw new AppError('VALIDATION_FAILED', `The header lacks ${missing.map((m) => m.zh).join('、')}`, {
          fields: missing.map((m) => ({ in: 'body' as const, path: m.field, reason: 'missing_column', message: `missing column ${m.zh} / ${m.en}` })),
        });
      }
      continue;
    }
    if (cells.every((c) => c.trim() === '')) continue;
    if (raw.length >= MAX_IMPORT_ROWS) throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_IMPORT_ROWS} rows per file`);
    const byField = new Map<TObservationImportField, string>();
    header.forEach((field, i) => {
      if (field) byField.set(field, (cells[i] ?? '').trim());
    });
    raw.push({ row: rowNumber, cells: byField });
  }
  if (!header) throw new AppError('VALIDATION_FAILED', 'The file is empty', { fields: [{ in: 'body', path: '', reason: 'empty_file', message: 'no header row' }] });
  const columnName = (field: TObservationImportField): string => headerNames[(header as (TObservationImportField | null)[]).indexOf(field)] ?? field;

  const orgKeys = [...new Set(raw.map((r) => r.cells.get('organisation') ?? '').filter(Boolean))];
  const orgs = await findEntitiesByKey(tx, opts.centreId, orgKeys);

  const rows: ParsedRow[] = [];
  const firstRowOfCell = new Map<string, number>();
  for (const { row, cells } of raw) {
    const rowErrors: ImportError[] = [];
    const fail = (field: TObservationImportField, value: string, reason: string) => rowErrors.push({ row, column: columnName(field), value, reason });
    const get = (field: TObservationImportField): string => cells.get(field) ?? '';

    const code = get('indicator');
    const indicator = indicatorByCode.get(code.toLowerCase());
    if (!code) fail('indicator', code, 'required');
    else if (!indicator) fail('indicator', code, 'unknown_indicator');

    let areaId: string | null = null;
    let entityId: string | null = null;
    const areaText = get('area');
    const orgText = get('organisation');
    if (areaText && orgText) fail('organisation', orgText, 'area_or_organisation');
    else if (orgText) {
      entityId = orgs.get(orgText) ?? null;
      if (!entityId) fail('organisation', orgText, 'unknown_organisation');
    } else if (indicator?.level === 'organisation') fail('organisation', '', 'organisation_required');
    else if (areaText) {
      areaId = areas.get(areaText.toLowerCase()) ?? null;
      if (!areaId) fail('area', areaText, 'unknown_area');
    } else areaId = rootAreaId;

    const period = get('period');
    if (!period) fail('period', period, 'required');
    else if (!PERIOD_PATTERN.test(period)) fail('period', period, 'not_a_period');

    const valueText = get('value');
    const value = parseFigure(valueText);
    if (!valueText) fail('value', valueText, 'required');
    else if (value === null) fail('value', valueText, 'not_a_number');

    const status = STATUS_WORDS.get(get('status').toLowerCase());
    if (!status) fail('status', get('status'), 'unknown_status');
    const qualifier = QUALIFIER_WORDS.get(get('qualifier').toLowerCase());
    if (!qualifier) fail('qualifier', get('qualifier'), 'unknown_qualifier');

    if (rowErrors.length === 0 && indicator && value !== null && status && qualifier) {
      const key = cellKey({ indicatorId: indicator.id, areaId, entityId, period, status });
      const first = firstRowOfCell.get(key);
      if (first !== undefined) fail('period', period, `duplicate_of_row_${first}`);
      else firstRowOfCell.set(key, row);
    }
    if (rowErrors.length) {
      failed++;
      for (const e of rowErrors) if (errors.length < MAX_ERRORS) errors.push(e);
      continue;
    }
    rows.push({
      row,
      indicator: indicator as IndicatorRow,
      areaId,
      entityId,
      period,
      value: value as number,
      status: status as TObservationStatus,
      qualifier: qualifier as TQualifier,
      valueAsGiven: get('valueAsGiven') || null,
      quote: get('quote') || null,
    });
  }
  return { rows, errors, failed, total: raw.length };
};

/** Figures already recorded for the cells a file touches, by cell. */
const existingCells = async (tx: ReadTx, rows: ParsedRow[]): Promise<Map<string, ObservationRow>> => {
  const indicatorIds = [...new Set(rows.map((r) => r.indicator.id))];
  if (indicatorIds.length === 0) return new Map();
  const periods = [...new Set(rows.map((r) => r.period))];
  const found = await tx
    .select()
    .from(observations)
    .where(and(inArray(observations.indicatorId, indicatorIds), isNotNull(observations.period), inArray(observations.period, periods)));
  return new Map(found.map((o) => [cellKey(o), o]));
};

const sameFigure = (o: ObservationRow, r: ParsedRow): boolean => o.value === r.value && o.qualifier === r.qualifier && (o.valueAsGiven ?? null) === r.valueAsGiven && (o.quote ?? null) === r.quote;

export const importObservations = async (db: DbExecutor, opts: ObservationImportOptions): Promise<TObservationImportReport> => {
  await assertCentre(asReadTx(db), opts.centreId);
  const base = { fileName: opts.fileName, dryRun: opts.dryRun };
  const parsed = await parseFile(asReadTx(db), opts);
  const plan = async (tx: ReadTx) => {
    const existing = await existingCells(tx, parsed.rows);
    const inserts: ParsedRow[] = [];
    const updates: { row: ParsedRow; before: ObservationRow }[] = [];
    let unchanged = 0;
    for (const r of parsed.rows) {
      const before = existing.get(cellKey({ indicatorId: r.indicator.id, areaId: r.areaId, entityId: r.entityId, period: r.period, status: r.status }));
      if (!before) inserts.push(r);
      else if (sameFigure(before, r)) unchanged++;
      else updates.push({ row: r, before });
    }
    return { inserts, updates, unchanged };
  };
  const indicatorCodes = [...new Set(parsed.rows.map((r) => r.indicator.code))].sort();
  const counts = (p: Awaited<ReturnType<typeof plan>>) => ({ indicatorCodes, rows: parsed.total, inserted: p.inserts.length, updated: p.updates.length, unchanged: p.unchanged, failed: parsed.failed, errors: parsed.errors });

  if (opts.dryRun || parsed.failed > 0) {
    return { ...base, written: false, sourceId: null, ...counts(await plan(asReadTx(db))) };
  }
  return withWriteTx(db, async (tx) => {
    const p = await plan(tx);
    const sha256 = createHash('sha256').update(opts.input).digest('hex');
    const source = await createSource(tx, { now: opts.now }, opts.centreId, {
      kind: 'import',
      titleZh: opts.source.titleZh ?? opts.fileName,
      titleEn: null,
      publisher: opts.source.publisher ?? null,
      publishedOn: opts.source.publishedOn ?? null,
      url: opts.source.url ?? null,
      fileName: opts.fileName,
      extra: { sha256, rows: parsed.total, importedAt: opts.now.toISOString() },
    });
    const values = (r: ParsedRow) => ({
      year: yearOfPeriod(r.period),
      yearBasis: 'stated',
      period: r.period,
      value: r.value,
      valueAsGiven: r.valueAsGiven,
      qualifier: r.qualifier,
      status: r.status,
      sourceId: source.id,
      quote: r.quote,
      quoteGlossEn: null,
      provenance: 'import',
      isSample: opts.isSample,
      createdBy: opts.actor.kind === 'user' ? opts.actor.userId : null,
      updatedAt: opts.now,
    });
    const inserted = p.inserts.map((r) => ({ id: randomUUID(), indicatorId: r.indicator.id, areaId: r.areaId, entityId: r.entityId, ...values(r) }));
    for (let i = 0; i < inserted.length; i += 1000) await tx.insert(observations).values(inserted.slice(i, i + 1000));
    for (const u of p.updates) await tx.update(observations).set(values(u.row)).where(eq(observations.id, u.before.id));
    await appendAuditEvent(tx, {
      actor: opts.actor,
      at: opts.now,
      action: 'observations.import',
      entityType: 'source',
      entityId: source.id,
      centreId: opts.centreId,
      before: p.updates.length ? { replaced: p.updates.map((u) => ({ id: u.before.id, value: u.before.value, sourceId: u.before.sourceId })) } : null,
      after: { fileName: opts.fileName, sha256, inserted: inserted.map((r) => r.id), updated: p.updates.map((u) => u.before.id), unchanged: p.unchanged },
      requestId: opts.requestId,
    });
    return { ...base, written: true, sourceId: source.id, ...counts(p) };
  });
};

const STATUS_LABEL: Record<TObservationStatus, { zh: string; en: string }> = { measured: { zh: '实测', en: 'measured' }, estimated: { zh: '估计', en: 'estimated' }, target: { zh: '目标', en: 'target' } };
const QUALIFIER_LABEL: Partial<Record<TQualifier, { zh: string; en: string }>> = { exact: { zh: '', en: '' }, lower_bound: { zh: '下限', en: 'lower bound' }, upper_bound: { zh: '上限', en: 'upper bound' }, approximate: { zh: '约', en: 'approximate' } };

export const observationsTemplate = (format: 'csv' | 'xlsx', headers: 'zh' | 'en'): Promise<Buffer> =>
  writeTable(OBSERVATION_IMPORT_COLUMNS.map((c) => c[headers]), [], format, headers === 'zh' ? '指标数据' : 'Figures');

/**
 * Every figure of the centre (or of one indicator) in the import template's
 * columns, plus its source: dated figures can go back in as they come out.
 */
export const exportObservations = async (tx: ReadTx, centreId: string, format: 'csv' | 'xlsx', headers: 'zh' | 'en', indicatorCode?: string): Promise<Buffer> => {
  await assertCentre(tx, centreId);
  const rows = await tx
    .select({ o: observations, code: indicators.code })
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .where(and(eq(indicators.centreId, centreId), isNotNull(observations.value), indicatorCode ? eq(indicators.code, indicatorCode) : sql`true`))
    .orderBy(indicators.code, observations.period, observations.id);
  const sourceById = await listSourceRowsById(tx, rows.map((r) => r.o.sourceId));
  const header = [...OBSERVATION_IMPORT_COLUMNS.map((c) => c[headers]), headers === 'zh' ? '来源' : 'Source', headers === 'zh' ? '示例' : 'Sample'];
  const body = rows.map(({ o, code }) => {
    const source = sourceById.get(o.sourceId);
    return [
      code,
      o.areaId ?? '',
      o.entityId ?? '',
      o.period ?? (o.year === null ? '' : String(o.year)),
      o.value,
      STATUS_LABEL[o.status as TObservationStatus]?.[headers] ?? o.status,
      QUALIFIER_LABEL[o.qualifier as TQualifier]?.[headers] ?? o.qualifier,
      o.valueAsGiven ?? '',
      o.quote ?? '',
      (headers === 'zh' ? source?.titleZh ?? source?.titleEn : source?.titleEn ?? source?.titleZh) ?? '',
      o.isSample ? (headers === 'zh' ? '是' : 'yes') : '',
    ];
  });
  return writeTable(header, body, format, headers === 'zh' ? '指标数据' : 'Figures');
};
