/**
 * Loads the synthetic city (core/synth) into a centre through the bulk path:
 * COPY (db/copy.ts) in batches, each batch one transaction with its audit
 * event, so an interrupted load leaves whole batches only. Derived data is
 * kept as the modules keep it: the registry's search text (jieba + pinyin,
 * db/search-text.ts) per row, `entity_counts` by the entities triggers,
 * demand topic words, and the contract roll-up cells rebuilt from the
 * contracts as the contracts module rebuilds them. Development tooling only:
 * never part of the seed data.
 *
 * One synthetic city per centre: a second load is refused (whatever the seed)
 * because the identifier series (credit codes, patent serials) and the
 * statistics of two cities would mix. Reset the database to load another.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { createCity, type SynthArea, type SynthCity, type SynthCounts } from '../../core/synth/index.js';
import { appendAuditEvent, type Actor } from '../../db/audit-log.js';
import type { DbExecutor } from '../../db/client.js';
import { copyInto, type CopyValue } from '../../db/copy.js';
import { areas, auditEvents } from '../../db/schema/index.js';
import { buildSearchText, topicWords } from '../../db/search-text.js';
import { withWriteTx } from '../../db/tx.js';
import { ZProgrammeSettings, IP_TEMPLATES } from '../../shared/schemas/calls.js';
import { AppError } from '../errors.js';
import { rebuildStats } from '../modules/contracts/contracts.repository.js';

export const SYNTH_START_ACTION = 'dev.synth.start';

export type SynthTableTiming = { table: string; rows: number; seconds: number };
export type SynthProgress = { table: string; done: number; total: number; rowsPerSecond: number };
export type SynthLoadOptions = {
  centreId: string;
  seed: number;
  counts: SynthCounts;
  /** Rows per batch (one transaction each). */
  batchSize?: number;
  actor?: Actor;
  now: () => Date;
  onProgress?: (p: SynthProgress) => void;
  /**
   * Drop each big table's secondary indexes (those backing no constraint)
   * before its load and build them once after, as a bulk load does: building
   * an index over millions of rows is several times cheaper than maintaining
   * it row by row. Rows still commit batch by batch; the indexes are rebuilt
   * even when the load fails. For a database nobody else uses meanwhile.
   */
  deferIndexes?: boolean;
  /**
   * With deferred indexes on PostgreSQL: load the contracts on a second
   * connection while the other tables load (their foreign keys are restored
   * once the organisations are in), so generation and two backends overlap.
   */
  concurrent?: boolean;
  /** Called when a deferred index build starts and ends (for progress lines). */
  onIndexes?: (table: string, phase: 'dropped' | 'rebuilt', count: number, seconds: number) => void;
};
export type SynthLoadReport = { tables: SynthTableTiming[]; seconds: number };

/** The centre's areas the generator may use, in a stable order: districts (by sort order) and parks. */
export const synthAreas = async (db: DbExecutor, centreId: string): Promise<{ districts: SynthArea[]; parks: SynthArea[]; rootAreaCode: string | null }> => {
  const rows = await db
    .select({ id: areas.id, kind: areas.kind, code: areas.code, withinAreaIds: areas.withinAreaIds, parentId: areas.parentId })
    .from(areas)
    .where(and(eq(areas.centreId, centreId), eq(areas.isActive, true)))
    .orderBy(asc(areas.sortOrder), asc(areas.id));
  const pick = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => ({ id: r.id, code: r.code, withinAreaIds: r.withinAreaIds }));
  const root = rows.find((r) => r.parentId === null && r.code);
  return { districts: pick('district'), parks: pick('park'), rootAreaCode: root?.code ?? null };
};

/** The synthetic city already loaded into the centre, if any (its start event). */
export const existingSyntheticCity = async (db: DbExecutor, centreId: string): Promise<{ at: string; after: unknown } | null> => {
  const [row] = await db
    .select({ at: auditEvents.at, after: auditEvents.after })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, SYNTH_START_ACTION), eq(auditEvents.centreId, centreId)))
    .limit(1);
  return row ?? null;
};

const ENTITY_COLUMNS = ['id', 'centre_id', 'category', 'kind', 'name_zh', 'name_en', 'name_status', 'is_sample', 'area_id', 'attributes', 'founded_on', 'sector_codes', 'uscc', 'search_text'];
const PATENT_COLUMNS = ['id', 'centre_id', 'number', 'kind', 'title', 'ipc_classes', 'main_ipc', 'application_date', 'publication_date', 'grant_date', 'legal_status', 'legal_status_date', 'area_id', 'first_applicant_id', 'import_batch', 'is_sample', 'created_at', 'updated_at'];
const CONTRACT_COLUMNS = [
  'id', 'centre_id', 'state', 'contract_number', 'contract_key', 'title', 'type', 'field', 'seller_id', 'seller_kind', 'seller_district_id', 'seller_park_id', 'buyer_entity_id', 'buyer_name', 'buyer_region',
  'amount', 'technical_amount', 'signed_on', 'submitted_at', 'review_started_at', 'decided_at', 'registration_number', 'registered_on', 'import_batch', 'is_sample', 'created_at', 'updated_at',
];
const DEMAND_COLUMNS = [
  'id', 'centre_id', 'reference', 'enterprise_id', 'type', 'title', 'description', 'area_id', 'state', 'received_at', 'respond_by', 'resolve_by', 'accepted_at', 'resolved_at', 'confirmed_at',
  'last_activity_at', 'rating', 'topic_words', 'is_sample', 'created_at', 'updated_at',
];

export type SynthTable = { table: string; columns: readonly string[]; total: number; rows: () => Iterable<CopyValue[]> };
export type SynthTableName = 'entities' | 'entity_facts' | 'patents' | 'patent_parties' | 'tech_contracts' | 'demands' | 'call_applications' | 'call_application_members';

/**
 * The city's rows in stored form, table by table (COPY values): what the
 * loader writes, and what the benchmark's raw-COPY baseline reads. Search text
 * and topic words are computed here as the registry and services modules do.
 */
export const synthTables = (city: SynthCity, centreId: string, seed: number, ts: Date): Record<SynthTableName, SynthTable> => {
  const { counts } = city;
  const batchTag = `synth:${seed}`;
  const attributes = JSON.stringify({ synthetic: seed });
  const words = new Map<string, string[]>();
  const wordsOf = (text: string): string[] => {
    let w = words.get(text);
    if (!w) words.set(text, (w = topicWords(text)));
    return w;
  };
  return {
    // Organisations, then people: one load of the entities table.
    entities: {
      table: 'entities',
      columns: ENTITY_COLUMNS,
      total: counts.organisations + counts.people,
      rows: function* () {
        for (const o of city.organisations()) yield [o.id, centreId, o.category, o.kind, o.nameZh, o.nameEn, 'in_source', true, o.areaId, attributes, o.foundedOn, o.sectorCodes, o.uscc, buildSearchText([o.nameZh, o.nameEn])];
        for (const p of city.people()) yield [p.id, centreId, 'person', 'person', p.nameZh, p.nameEn, 'in_source', true, p.areaId, attributes, null, [], null, buildSearchText([p.nameZh, p.nameEn])];
      },
    },
    // Size facts of each organisation (employees, revenue) as a profile shows them.
    entity_facts: {
      table: 'entity_facts',
      columns: ['id', 'entity_id', 'metric', 'year', 'value', 'unit', 'source_note'],
      total: counts.organisations * 2,
      rows: function* () {
        for (const o of city.organisations()) {
          yield [`${o.id}-employees`, o.id, 'employees', o.factYear, o.employees, 'persons', 'synthetic'];
          yield [`${o.id}-revenue`, o.id, 'revenue', o.factYear, o.revenue, 'CNY', 'synthetic'];
        }
      },
    },
    patents: {
      table: 'patents',
      columns: PATENT_COLUMNS,
      total: counts.patents,
      rows: function* () {
        for (const p of city.patents())
          yield [p.id, centreId, p.number, p.kind, p.title, p.ipcClasses, p.ipcClasses[0] ?? null, p.applicationDate, p.publicationDate, p.grantDate, p.legalStatus, p.legalStatusDate, p.areaId, p.applicantId, batchTag, true, ts, ts];
      },
    },
    patent_parties: {
      table: 'patent_parties',
      columns: ['patent_id', 'role', 'position', 'name', 'entity_id'],
      total: counts.patents * 2,
      rows: function* () {
        for (const p of city.patents()) {
          yield [p.id, 'applicant', 0, p.applicantName, p.applicantId];
          yield [p.id, 'inventor', 0, p.inventorName, p.inventorId];
        }
      },
    },
    tech_contracts: {
      table: 'tech_contracts',
      columns: CONTRACT_COLUMNS,
      total: counts.contracts,
      rows: function* () {
        for (const c of city.contracts())
          yield [
            c.id, centreId, c.state, c.contractNumber, c.contractKey, c.title, c.type, c.field, c.sellerId, c.sellerKind, c.sellerDistrictId, c.sellerParkId, c.buyerEntityId, c.buyerName, c.buyerRegion,
            c.amount, c.technicalAmount, c.signedOn, c.submittedAt, c.reviewStartedAt, c.decidedAt, c.registrationNumber, c.registeredOn, batchTag, true, ts, ts,
          ];
      },
    },
    demands: {
      table: 'demands',
      columns: DEMAND_COLUMNS,
      total: counts.demands,
      rows: function* () {
        for (const d of city.demands())
          yield [
            d.id, centreId, d.reference, d.enterpriseId, d.type, d.title, d.description, d.areaId, d.state, d.receivedAt, d.respondBy, d.resolveBy, d.acceptedAt, d.resolvedAt, d.confirmedAt,
            d.lastActivityAt, d.rating, wordsOf(`${d.title} ${d.description}`), true, d.receivedAt, d.lastActivityAt,
          ];
      },
    },
    call_applications: {
      table: 'call_applications',
      columns: ['id', 'call_id', 'state', 'title', 'applicant_org_id', 'budget', 'team_trl', 'submitted_at', 'decided_at', 'award_amount', 'created_at', 'updated_at'],
      total: counts.applications,
      rows: function* () {
        for (const a of city.applications())
          yield [a.id, a.callId, a.state, a.title, a.applicantOrgId, JSON.stringify({ total: a.budgetTotal, selfFunded: a.selfFunded, items: [] }), a.teamTrl, a.submittedAt, a.decidedAt, a.awardAmount, a.submittedAt ?? ts, a.decidedAt ?? a.submittedAt ?? ts];
      },
    },
    call_application_members: {
      table: 'call_application_members',
      columns: ['application_id', 'entity_id', 'role'],
      total: counts.applications,
      rows: function* () {
        for (const a of city.applications()) yield [a.id, a.applicantOrgId, 'lead'];
      },
    },
  };
};

/** Rows in batches. */
function* batches<R>(source: Iterable<R>, size: number): Generator<R[]> {
  let batch: R[] = [];
  for (const row of source) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

export const loadSyntheticCity = async (db: DbExecutor, options: SynthLoadOptions): Promise<SynthLoadReport> => {
  const { centreId, seed, counts, now } = options;
  const size = options.batchSize ?? 20_000;
  const actor: Actor = options.actor ?? { kind: 'system', label: 'cli:dev-synth' };
  const existing = await existingSyntheticCity(db, centreId);
  if (existing) {
    throw new AppError('CONFLICT', `Centre ${centreId} already holds a synthetic city (loaded ${existing.at}: ${JSON.stringify(existing.after)}). One synthetic city per centre: its identifier series and statistics would mix with a second. Reset the database (kechuang db reset --yes) to load another.`);
  }
  const world = { seed, counts, ...(await synthAreas(db, centreId)) };
  if (world.districts.length === 0) throw new AppError('BAD_REQUEST', `Centre ${centreId} has no districts: the synthetic city places its records in the centre's configured districts`);
  const city = createCity(world);
  const started = performance.now();
  const ts = now();
  const batchTag = `synth:${seed}`;
  const rowsOf = synthTables(city, centreId, seed, ts);
  await withWriteTx(db, (tx) => appendAuditEvent(tx, { actor, at: ts, action: SYNTH_START_ACTION, entityType: 'centre', entityId: centreId, centreId, before: null, after: { seed, counts: city.counts } }));
  const tables: SynthTableTiming[] = [];

  /**
   * What a deferred load drops and restores, in the order pg_dump's restore
   * uses: secondary indexes (those backing no constraint) and the table's
   * foreign keys, re-added afterwards with one set-based check each.
   */
  const deferrable = async (table: string): Promise<{ indexes: string[][]; foreignKeys: string[][] }> => {
    const indexes = await db.execute(sql`select c.relname as name, pg_get_indexdef(i.indexrelid) as def from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = ${table}::regclass and not i.indisprimary and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid) order by c.relname`);
    const foreignKeys = await db.execute(sql`select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = ${table}::regclass and contype = 'f' order by conname`);
    const pairs = (rows: unknown[]) => (rows as { name: string; def: string }[]).map((r) => [r.name, r.def]);
    return { indexes: pairs((indexes as unknown as { rows: unknown[] }).rows), foreignKeys: pairs((foreignKeys as unknown as { rows: unknown[] }).rows) };
  };
  /**
   * One schema change at a time: dropping or adding a foreign key locks the
   * referenced table too (entities, areas), so two concurrent ones (the
   * contracts' and another table's) could take those locks in opposite orders.
   */
  let ddlQueue: Promise<unknown> = Promise.resolve();
  const ddl = <T>(work: () => Promise<T>): Promise<T> => {
    const next = ddlQueue.then(work, work);
    ddlQueue = next.catch(() => undefined);
    return next;
  };
  const withDeferredIndexes = async <T>(table: string, work: () => Promise<T>, restoreAfter?: Promise<unknown>): Promise<T> => {
    if (!options.deferIndexes) return work();
    const { indexes, foreignKeys } = await ddl(async () => {
      const found = await deferrable(table);
      await db.transaction(async (tx) => {
        for (const [name] of found.foreignKeys) await tx.execute(sql.raw(`alter table "${table}" drop constraint "${name}"`));
        for (const [name] of found.indexes) await tx.execute(sql.raw(`drop index "${name}"`));
      });
      return found;
    });
    options.onIndexes?.(table, 'dropped', indexes.length + foreignKeys.length, 0);
    try {
      return await work();
    } finally {
      // The foreign keys are checked against their parents: wait until those are loaded.
      await restoreAfter?.catch(() => undefined);
      const r0 = performance.now();
      await ddl(() =>
        db.transaction(async (tx) => {
          await tx.execute(sql.raw(`set local maintenance_work_mem = '512MB'`));
          for (const [, def] of indexes) await tx.execute(sql.raw(def as string));
          for (const [name, def] of foreignKeys) await tx.execute(sql.raw(`alter table "${table}" add constraint "${name}" ${def}`));
        }),
      );
      const seconds = (performance.now() - r0) / 1000;
      tables.push({ table: `${table} (indexes + foreign keys)`, rows: 0, seconds });
      options.onIndexes?.(table, 'rebuilt', indexes.length + foreignKeys.length, seconds);
    }
  };

  /** Load one table: each batch a transaction of COPY plus its audit event; progress with the rate so far. */
  const loadRows = async (table: string, columns: readonly string[], total: number, rows: Iterable<CopyValue[][]>) => {
    const t0 = performance.now();
    let done = 0;
    for (const batch of rows) {
      await withWriteTx(db, async (tx) => {
        await copyInto(tx, table, columns, batch);
        await appendAuditEvent(tx, { actor, at: now(), action: 'dev.synth.load', entityType: table, entityId: `${batchTag}:${done}`, centreId, before: null, after: { rows: batch.length } });
      });
      done += batch.length;
      options.onProgress?.({ table, done, total, rowsPerSecond: done / ((performance.now() - t0) / 1000) });
    }
    tables.push({ table, rows: done, seconds: (performance.now() - t0) / 1000 });
  };
  const load = (t: SynthTable, batchSize: number, restoreAfter?: Promise<unknown>) => withDeferredIndexes(t.table, () => loadRows(t.table, t.columns, t.total, batches(t.rows(), batchSize)), restoreAfter);

  const loadContracts = async (organisationsLoaded?: Promise<unknown>) => {
    await load(rowsOf.tech_contracts, size * 2, organisationsLoaded);
    if (counts.contracts === 0) return;
    // The roll-up cells the statistics read, rebuilt from the contracts as `POST …/statistics/rebuild` does.
    const r0 = performance.now();
    // Planner statistics first: the rebuild's grouped scans plan on a table that was empty when last analysed.
    await db.execute(sql`analyze tech_contracts`);
    await withWriteTx(db, async (tx) => {
      await rebuildStats(tx, centreId);
      await appendAuditEvent(tx, { actor, at: now(), action: 'tech_contract.rebuild_statistics', entityType: 'centre', entityId: centreId, centreId, before: null, after: null });
    });
    tables.push({ table: 'tech_contract_stats (rebuild)', rows: 0, seconds: (performance.now() - r0) / 1000 });
  };

  const loadCalls = async () => {
    if (city.calls.length === 0) return;
    const programmeId = `syn${seed}-programme`;
    const settings = ZProgrammeSettings.parse({ form: { criteria: [{ id: 'merit', label: '技术先进性（合成）', weight: 1, kind: 'rating', scale: 5 }], aggregation: 'mean' } });
    await withWriteTx(db, async (tx) => {
      await copyInto(tx, 'call_programmes', ['id', 'centre_id', 'kind', 'title_zh', 'title_en', 'year', 'settings', 'is_sample', 'created_at'], [
        [programmeId, centreId, 'unveil_list', '合成揭榜挂帅计划（合成）', 'Synthetic challenge programme (Synthetic)', null, JSON.stringify(settings), true, ts],
      ]);
      await copyInto(
        tx,
        'calls',
        ['id', 'centre_id', 'programme_id', 'state', 'title_zh', 'title_en', 'field_codes', 'budget', 'deadline', 'ip_template', 'frozen_terms', 'owner_entity_id', 'published_at', 'awarded_at', 'is_sample', 'created_at', 'updated_at'],
        city.calls.map((c) => [
          c.id, centreId, programmeId, c.state, c.titleZh, c.titleEn, c.fieldCodes, c.budget, c.deadline, 'negotiated',
          JSON.stringify({ ipTemplate: 'negotiated', ipText: IP_TEMPLATES.negotiated, paymentSchedule: [], frozenAt: c.publishedAt.toISOString() }), c.ownerEntityId, c.publishedAt, c.state === 'awarded' ? c.deadline : null, true, c.publishedAt, c.publishedAt,
        ]),
      );
      await appendAuditEvent(tx, { actor, at: now(), action: 'dev.synth.load', entityType: 'calls', entityId: `${batchTag}:0`, centreId, before: null, after: { rows: city.calls.length + 1 } });
    });
    tables.push({ table: 'calls', rows: city.calls.length, seconds: 0 });
  };

  let organisationsLoaded: () => void = () => undefined;
  const contractsDone = options.concurrent && options.deferIndexes ? loadContracts(new Promise<void>((resolve) => (organisationsLoaded = resolve))) : null;
  const rest = async () => {
    try {
      await load(rowsOf.entities, size);
    } finally {
      organisationsLoaded();
    }
    await load(rowsOf.entity_facts, size * 2);
    await load(rowsOf.patents, size * 2);
    await load(rowsOf.patent_parties, size * 4);
    if (!contractsDone) await loadContracts();
    await load(rowsOf.demands, size);
    await loadCalls();
    await load(rowsOf.call_applications, size);
    await load(rowsOf.call_application_members, size);
  };
  // Whatever happens to the other tables, the concurrent contracts load is awaited before returning.
  const [restDone, contractsResult] = await Promise.allSettled([rest(), contractsDone ?? Promise.resolve()]);
  if (restDone.status === 'rejected') throw restDone.reason;
  if (contractsResult.status === 'rejected') throw contractsResult.reason;
  // Fresh planner statistics, so the first queries on the loaded tables plan as they will later.
  for (const table of ['entities', 'entity_facts', 'patents', 'patent_parties', 'tech_contracts', 'tech_contract_stats', 'demands', 'calls', 'call_applications', 'call_application_members', 'entity_counts']) {
    await db.execute(sql.raw(`analyze ${table}`));
  }
  await withWriteTx(db, (tx) => appendAuditEvent(tx, { actor, at: now(), action: 'dev.synth.finish', entityType: 'centre', entityId: centreId, centreId, before: null, after: { seed, tables } }));
  return { tables, seconds: (performance.now() - started) / 1000 };
};
