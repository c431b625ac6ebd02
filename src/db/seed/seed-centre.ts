import { createHash } from 'node:crypto';
import { and, eq, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { appendAuditEvent, canonicalJson, type Actor } from '../audit-log.js';
import { areas, centres, citations, entities, entitySources, indicators, observations, policies, relations, seedFingerprints, sources, targets, vocabularyTerms } from '../schema/index.js';
import type { WriteTx } from '../tx.js';
import type { CentrePackage } from './centre-package.js';
import { planCentreRows } from './plan-rows.js';

export type SyncCounts = { inserted: number; updated: number; deleted: number; unchanged: number };
/** `skipped`: the package was the one already loaded, so no row was compared. */
export type SeedReport = { centreId: string; tables: Record<string, SyncCounts>; skipped: boolean };
export type SeedProgress = (step: string, done: number, total: number) => void;

type Row = Record<string, unknown>;
type SyncContext = { tx: WriteTx; actor: Actor; now: Date; centreId: string };

const hashRow = (row: Row): string => createHash('sha256').update(canonicalJson(row)).digest('hex');

/**
 * Bring the package's rows of one table into the database. The seed owns only
 * the rows it wrote (seed_fingerprints): a row is inserted when the seed never
 * wrote it, updated when the package's version of it changed since the last
 * seed, deleted when the package dropped it. Rows users created, and edits
 * users made to seeded rows, are left alone until the package itself changes
 * that row. Every change is audited; re-running the same package changes nothing.
 */
const syncTable = async (
  ctx: SyncContext,
  entityType: string,
  table: PgTable,
  keyColumns: PgColumn[],
  keyOf: (row: Row) => string,
  desired: Row[],
): Promise<SyncCounts> => {
  const tableName = getTableName(table);
  const counts: SyncCounts = { inserted: 0, updated: 0, deleted: 0, unchanged: 0 };
  const prints = new Map(
    (await ctx.tx.select().from(seedFingerprints).where(and(eq(seedFingerprints.tableName, tableName), eq(seedFingerprints.centreId, ctx.centreId)))).map((f) => [f.rowKey, f.hash]),
  );
  const whereKey = (row: Row): SQL => and(...keyColumns.map((col) => eq(col, row[fieldName(table, col)]))) as SQL;
  const current = async (row: Row): Promise<Row | undefined> => (await ctx.tx.select().from(table).where(whereKey(row)).limit(1))[0] as Row | undefined;
  const remember = async (key: string, hash: string): Promise<void> => {
    await ctx.tx
      .insert(seedFingerprints)
      .values({ tableName, rowKey: key, centreId: ctx.centreId, hash })
      .onConflictDoUpdate({ target: [seedFingerprints.tableName, seedFingerprints.rowKey], set: { hash } });
  };
  const audit = (action: string, key: string, before: unknown, after: unknown) =>
    appendAuditEvent(ctx.tx, { actor: ctx.actor, at: ctx.now, action, entityType, entityId: key, centreId: ctx.centreId, before, after });

  const desiredKeys = new Set<string>();
  for (const row of desired) {
    const key = keyOf(row);
    desiredKeys.add(key);
    const hash = hashRow(row);
    if (prints.get(key) === hash) {
      counts.unchanged++;
      continue;
    }
    const existing = await current(row);
    const keys = Object.keys(row);
    const pick = (r: Row): Row => Object.fromEntries(keys.map((k) => [k, r[k] ?? null]));
    if (!existing) {
      await ctx.tx.insert(table).values(row);
      await audit('seed.insert', key, null, row);
      counts.inserted++;
    } else if (canonicalJson(pick(existing)) !== canonicalJson(pick(row))) {
      await ctx.tx.update(table).set(row).where(whereKey(row));
      await audit('seed.update', key, pick(existing), row);
      counts.updated++;
    } else {
      counts.unchanged++;
    }
    await remember(key, hash);
  }
  for (const key of prints.keys()) {
    if (desiredKeys.has(key)) continue;
    await ctx.tx.delete(seedFingerprints).where(and(eq(seedFingerprints.tableName, tableName), eq(seedFingerprints.rowKey, key)));
    const deleted = (await ctx.tx.delete(table).where(keyPredicate(table, keyColumns, key)).returning()) as Row[];
    if (deleted[0]) {
      await audit('seed.delete', key, deleted[0], null);
      counts.deleted++;
    }
  }
  return counts;
};

/** Rebuild a key predicate from a row key: single keys are the id, composite keys are joined with '|'. */
const keyPredicate = (table: PgTable, keyColumns: PgColumn[], key: string): SQL => {
  const parts = keyColumns.length === 1 ? [key] : key.split('|');
  return and(...keyColumns.map((col, i) => eq(col, parts[i] ?? ''))) as SQL;
};

/** The JS property name of a column in a table. */
const fieldName = (table: PgTable, column: PgColumn): string => {
  for (const [name, col] of Object.entries(table as unknown as Record<string, unknown>)) if (col === column) return name;
  throw new Error(`column ${column.name} not in table`);
};

/**
 * Load a centre package into the database inside the caller's transaction.
 * Idempotent: the second run reports every row unchanged and writes nothing.
 */
export const seedCentre = async (
  tx: WriteTx,
  pkg: CentrePackage,
  opts: { actor: Actor; now: Date; onProgress?: SeedProgress; force?: boolean },
): Promise<SeedReport> => {
  const packageKey = and(eq(seedFingerprints.tableName, '__package__'), eq(seedFingerprints.rowKey, pkg.manifest.centre.id));
  const [loaded] = await tx.select().from(seedFingerprints).where(packageKey);
  // The usual start: the same package as last time. Skip planning (and loading the segmenter) entirely.
  if (!opts.force && loaded?.hash === pkg.digest) return { centreId: pkg.manifest.centre.id, tables: {}, skipped: true };
  const planned = planCentreRows(pkg);
  const centreId = planned.centre.id;
  const ctx: SyncContext = { tx, actor: opts.actor, now: opts.now, centreId };
  const tables: Record<string, SyncCounts> = {};
  const progress = opts.onProgress ?? (() => undefined);
  const steps = 12;
  const byId = (r: Row): string => String(r['id']);

  const sync = (name: string, entityType: string, table: PgTable, keyColumns: PgColumn[], rows: Row[], keyOf: (r: Row) => string = byId) =>
    syncTable(ctx, entityType, table, keyColumns, keyOf, rows).then((c) => {
      tables[name] = c;
    });

  progress('centre', 0, steps);
  await sync('centres', 'centre', centres, [centres.id], [planned.centre as Row]);
  progress('areas', 1, steps);
  await sync('areas', 'area', areas, [areas.id], planned.areas as Row[]);
  progress('sources', 2, steps);
  await sync('sources', 'source', sources, [sources.id], planned.sources as Row[]);
  progress('entities', 3, steps);
  await sync('entities', 'entity', entities, [entities.id], planned.entities as Row[]);
  progress('entity sources', 4, steps);
  await sync('entity_sources', 'entity_source', entitySources, [entitySources.entityId, entitySources.sourceId], planned.entitySources as Row[], (r) => `${String(r['entityId'])}|${String(r['sourceId'])}`);
  progress('indicators', 5, steps);
  await sync('indicators', 'indicator', indicators, [indicators.id], planned.indicators as Row[]);
  progress('observations', 6, steps);
  await sync('observations', 'observation', observations, [observations.id], planned.observations as Row[]);
  progress('targets', 7, steps);
  await sync('targets', 'target', targets, [targets.id], planned.targets as Row[]);
  progress('policies', 8, steps);
  // Times are stamped here: they are not part of the package (dates hash alike, so an unchanged row stays unchanged).
  await sync('policies', 'policy', policies, [policies.id], planned.policies.map((p) => ({ ...p, createdAt: opts.now, updatedAt: opts.now })) as Row[]);
  progress('citations', 9, steps);
  await sync('citations', 'citation', citations, [citations.id], planned.citations as Row[]);
  progress('relations', 10, steps);
  await sync('relations', 'relation', relations, [relations.id], planned.relations as Row[]);
  progress('vocabulary', 11, steps);
  await sync('vocabulary_terms', 'vocabulary_term', vocabularyTerms, [vocabularyTerms.centreId, vocabularyTerms.domain, vocabularyTerms.code], planned.vocabularyTerms as Row[], (r) => `${String(r['centreId'])}|${String(r['domain'])}|${String(r['code'])}`);
  await tx
    .insert(seedFingerprints)
    .values({ tableName: '__package__', rowKey: centreId, centreId, hash: pkg.digest })
    .onConflictDoUpdate({ target: [seedFingerprints.tableName, seedFingerprints.rowKey], set: { hash: pkg.digest } });
  progress('done', steps, steps);
  return { centreId, tables, skipped: false };
};
