import { and, eq, inArray } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { appendAuditEvent, canonicalJson, type Actor } from '../audit-log.js';
import { areas, centres, citations, entities, entitySources, indicators, observations, sources } from '../schema/index.js';
import type { WriteTx } from '../tx.js';
import type { CentrePackage } from './centre-package.js';
import { planCentreRows } from './plan-rows.js';

export type SyncCounts = { inserted: number; updated: number; deleted: number; unchanged: number };
export type SeedReport = { centreId: string; tables: Record<string, SyncCounts> };
export type SeedProgress = (step: string, done: number, total: number) => void;

type Row = Record<string, unknown>;
type SyncContext = { tx: WriteTx; actor: Actor; now: Date; centreId: string };

/** The row as it would be stored, for comparison: only the columns the seed sets. */
const comparable = (row: Row, keys: string[]): string => canonicalJson(Object.fromEntries(keys.map((k) => [k, row[k] ?? null])));

/**
 * Make the table hold exactly `desired` for this scope: insert what is missing,
 * update what differs, delete what the package no longer has (if `scope` is
 * given), leave the rest untouched. Each change is audited; re-running with the
 * same package changes nothing.
 */
const syncTable = async (
  ctx: SyncContext,
  entityType: string,
  table: PgTable,
  keyColumns: PgColumn[],
  keyOf: (row: Row) => string,
  desired: Row[],
  existing: Row[],
): Promise<SyncCounts> => {
  const counts: SyncCounts = { inserted: 0, updated: 0, deleted: 0, unchanged: 0 };
  const byKey = new Map(existing.map((r) => [keyOf(r), r]));
  const desiredKeys = new Set<string>();
  for (const row of desired) {
    const key = keyOf(row);
    desiredKeys.add(key);
    const keys = Object.keys(row);
    const current = byKey.get(key);
    if (!current) {
      await ctx.tx.insert(table).values(row);
      await appendAuditEvent(ctx.tx, { actor: ctx.actor, at: ctx.now, action: 'seed.insert', entityType, entityId: key, centreId: ctx.centreId, before: null, after: row });
      counts.inserted++;
    } else if (comparable(current, keys) !== comparable(row, keys)) {
      const where = and(...keyColumns.map((col) => eq(col, (row as Record<string, unknown>)[fieldName(table, col)])));
      await ctx.tx.update(table).set(row).where(where);
      const before = Object.fromEntries(keys.map((k) => [k, current[k] ?? null]));
      await appendAuditEvent(ctx.tx, { actor: ctx.actor, at: ctx.now, action: 'seed.update', entityType, entityId: key, centreId: ctx.centreId, before, after: row });
      counts.updated++;
    } else {
      counts.unchanged++;
    }
  }
  for (const [key, row] of byKey) {
    if (desiredKeys.has(key)) continue;
    const where = and(...keyColumns.map((col) => eq(col, row[fieldName(table, col)])));
    await ctx.tx.delete(table).where(where);
    await appendAuditEvent(ctx.tx, { actor: ctx.actor, at: ctx.now, action: 'seed.delete', entityType, entityId: key, centreId: ctx.centreId, before: row, after: null });
    counts.deleted++;
  }
  return counts;
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
  opts: { actor: Actor; now: Date; onProgress?: SeedProgress },
): Promise<SeedReport> => {
  const planned = planCentreRows(pkg);
  const centreId = planned.centre.id;
  const ctx: SyncContext = { tx, actor: opts.actor, now: opts.now, centreId };
  const tables: Record<string, SyncCounts> = {};
  const progress = opts.onProgress ?? (() => undefined);
  const steps = 8;
  const byId = (r: Row): string => String(r['id']);

  progress('centre', 0, steps);
  tables['centres'] = await syncTable(ctx, 'centre', centres, [centres.id], byId, [planned.centre as Row], await tx.select().from(centres).where(eq(centres.id, centreId)));

  progress('areas', 1, steps);
  // Parents first, so a parent exists before its children reference it.
  tables['areas'] = await syncTable(ctx, 'area', areas, [areas.id], byId, planned.areas as Row[], await tx.select().from(areas).where(eq(areas.centreId, centreId)));

  progress('sources', 2, steps);
  tables['sources'] = await syncTable(ctx, 'source', sources, [sources.id], byId, planned.sources as Row[], await tx.select().from(sources).where(eq(sources.centreId, centreId)));

  progress('entities', 3, steps);
  tables['entities'] = await syncTable(ctx, 'entity', entities, [entities.id], byId, planned.entities as Row[], await tx.select().from(entities).where(eq(entities.centreId, centreId)));

  progress('entity sources', 4, steps);
  const entityIds = planned.entities.map((e) => e.id);
  const existingLinks = entityIds.length ? await tx.select().from(entitySources).where(inArray(entitySources.entityId, entityIds)) : [];
  tables['entity_sources'] = await syncTable(ctx, 'entity_source', entitySources, [entitySources.entityId, entitySources.sourceId], (r) => `${String(r['entityId'])}|${String(r['sourceId'])}`, planned.entitySources as Row[], existingLinks);

  progress('indicators', 5, steps);
  tables['indicators'] = await syncTable(ctx, 'indicator', indicators, [indicators.id], byId, planned.indicators as Row[], await tx.select().from(indicators).where(eq(indicators.centreId, centreId)));

  progress('observations', 6, steps);
  const indicatorIds = planned.indicators.map((i) => i.id);
  const existingObs = indicatorIds.length ? await tx.select().from(observations).where(inArray(observations.indicatorId, indicatorIds)) : [];
  tables['observations'] = await syncTable(ctx, 'observation', observations, [observations.id], byId, planned.observations as Row[], existingObs);

  progress('citations', 7, steps);
  const subjectIds = [...new Set(planned.citations.map((c) => c.subjectId))];
  const existingCitations = subjectIds.length ? await tx.select().from(citations).where(inArray(citations.subjectId, subjectIds)) : [];
  tables['citations'] = await syncTable(ctx, 'citation', citations, [citations.id], byId, planned.citations as Row[], existingCitations);
  progress('done', steps, steps);
  return { centreId, tables };
};
