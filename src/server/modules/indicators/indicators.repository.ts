import { and, asc, eq, getTableColumns, inArray, isNull, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { areas, entities, indicators, observations, sources, targets } from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';

export type IndicatorRow = typeof indicators.$inferSelect;
/** A figure as the modules use it; `derivationListed` is read in place of `derivation` by lists (`readObservations`). */
export type ObservationRow = Omit<typeof observations.$inferSelect, 'derivationListed'>;
export type TargetRow = typeof targets.$inferSelect;
export type SourceRow = typeof sources.$inferSelect;

export const listIndicatorRows = (tx: ReadTx, centreId: string, filter: { headlineOnly?: boolean; level?: string | undefined } = {}): Promise<IndicatorRow[]> => {
  const where: SQL[] = [eq(indicators.centreId, centreId)];
  if (filter.headlineOnly) where.push(sql`${indicators.headlineRank} is not null`);
  if (filter.level) where.push(eq(indicators.level, filter.level));
  return tx
    .select()
    .from(indicators)
    .where(and(...where))
    .orderBy(sql`${indicators.headlineRank} asc nulls last`, asc(indicators.id));
};

export const findIndicatorByCode = async (tx: ReadTx, centreId: string, code: string): Promise<IndicatorRow | undefined> =>
  (await tx.select().from(indicators).where(and(eq(indicators.centreId, centreId), eq(indicators.code, code))).limit(1))[0];

export { LISTED_RECORDS_MAX } from '../../../db/schema/index.js';

const { derivationListed, ...observationColumns } = getTableColumns(observations);

/** Figures as the catalogue reads them (provenance trimmed: `derivationListed`), by indicator, then year, period and id. */
const readObservations = (tx: ReadTx, where: SQL): Promise<ObservationRow[]> =>
  tx
    .select({ ...observationColumns, derivation: derivationListed })
    .from(observations)
    .where(where)
    .orderBy(asc(observations.indicatorId), sql`${observations.year} asc nulls last`, sql`${observations.period} asc nulls last`, asc(observations.id));

export const listObservationRows = async (tx: ReadTx, indicatorIds: string[]): Promise<ObservationRow[]> => (indicatorIds.length === 0 ? [] : readObservations(tx, inArray(observations.indicatorId, indicatorIds)));

/** What choosing an indicator's latest figures reads of each figure: no values, no provenance. */
export const listObservationHeads = (tx: ReadTx, indicatorIds: string[]) =>
  indicatorIds.length === 0
    ? Promise.resolve([])
    : tx
        .select({ id: observations.id, indicatorId: observations.indicatorId, period: observations.period, year: observations.year, status: observations.status, entityId: observations.entityId, areaId: observations.areaId })
        .from(observations)
        .where(inArray(observations.indicatorId, indicatorIds));

/** These figures, read as `listObservationRows` reads them and in its order; in chunks, as PostgreSQL takes at most 65,535 parameters. */
export const listObservationRowsByIds = async (tx: ReadTx, ids: string[]): Promise<ObservationRow[]> => {
  const out: ObservationRow[] = [];
  for (let i = 0; i < ids.length; i += 10_000) out.push(...(await readObservations(tx, inArray(observations.id, ids.slice(i, i + 10_000)))));
  if (ids.length <= 10_000) return out;
  const text = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  return out.sort((a, b) => text(a.indicatorId, b.indicatorId) || (a.year ?? Infinity) - (b.year ?? Infinity) || text(a.period, b.period) || text(a.id, b.id));
};

/** An observation with its indicator's centre, so a write can check the centre it belongs to. */
export const findObservationRow = async (tx: ReadTx, centreId: string, id: string): Promise<(ObservationRow & { indicatorCode: string }) | undefined> => {
  const [row] = await tx
    .select({ observation: observations, indicatorCode: indicators.code })
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .where(and(eq(observations.id, id), eq(indicators.centreId, centreId)))
    .limit(1);
  return row ? { ...row.observation, indicatorCode: row.indicatorCode } : undefined;
};

/** The figure already recorded for one cell (indicator × subject × period × status), if any. */
export const findObservationCell = async (tx: ReadTx, cell: { indicatorId: string; areaId: string | null; entityId: string | null; period: string; status: string }): Promise<ObservationRow | undefined> =>
  (
    await tx
      .select()
      .from(observations)
      .where(
        and(
          eq(observations.indicatorId, cell.indicatorId),
          cell.areaId === null ? isNull(observations.areaId) : eq(observations.areaId, cell.areaId),
          cell.entityId === null ? isNull(observations.entityId) : eq(observations.entityId, cell.entityId),
          eq(observations.period, cell.period),
          eq(observations.status, cell.status),
        ),
      )
      .limit(1)
  )[0];

export const listSourceRowsById = async (tx: ReadTx, ids: string[]): Promise<Map<string, SourceRow>> => {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  return new Map((await tx.select().from(sources).where(inArray(sources.id, unique))).map((s) => [s.id, s]));
};

export const findSourceRow = async (tx: ReadTx, centreId: string, id: string): Promise<SourceRow | undefined> =>
  (await tx.select().from(sources).where(and(eq(sources.centreId, centreId), eq(sources.id, id))).limit(1))[0];

export const insertSource = async (tx: WriteTx, row: typeof sources.$inferInsert): Promise<SourceRow> => {
  const [inserted] = await tx.insert(sources).values(row).returning();
  return inserted as SourceRow;
};

export const listTargetRows = (tx: ReadTx, centreId: string, indicatorId?: string): Promise<TargetRow[]> =>
  tx
    .select()
    .from(targets)
    .where(indicatorId ? and(eq(targets.centreId, centreId), eq(targets.indicatorId, indicatorId)) : eq(targets.centreId, centreId))
    .orderBy(sql`${targets.deadline} asc nulls last`, asc(targets.code));

export const findTargetRow = async (tx: ReadTx, centreId: string, id: string): Promise<TargetRow | undefined> =>
  (await tx.select().from(targets).where(and(eq(targets.centreId, centreId), eq(targets.id, id))).limit(1))[0];

/** The centre's top area (the city or zone the whole centre covers): the subject of figures that name none. */
export const findRootAreaId = async (tx: ReadTx, centreId: string): Promise<string | undefined> =>
  (await tx.select({ id: areas.id }).from(areas).where(and(eq(areas.centreId, centreId), isNull(areas.parentId))).orderBy(asc(areas.sortOrder), asc(areas.id)).limit(1))[0]?.id;

/** Areas of the centre by id and by either name, lower-cased: what an import may write in its area column. */
export const areaLookup = async (tx: ReadTx, centreId: string): Promise<Map<string, string>> => {
  const rows = await tx.select({ id: areas.id, nameZh: areas.nameZh, nameEn: areas.nameEn, code: areas.code }).from(areas).where(eq(areas.centreId, centreId));
  const out = new Map<string, string>();
  for (const r of rows) for (const key of [r.id, r.nameZh, r.nameEn, r.code]) if (key) out.set(key.toLowerCase(), r.id);
  return out;
};

/** Active organisations named by id or unified social credit code. */
export const findEntitiesByKey = async (tx: ReadTx, centreId: string, keys: string[]): Promise<Map<string, string>> => {
  const out = new Map<string, string>();
  if (keys.length === 0) return out;
  const rows = await tx
    .select({ id: entities.id, uscc: entities.uscc })
    .from(entities)
    .where(and(eq(entities.centreId, centreId), eq(entities.status, 'active'), sql`(${inArray(entities.id, keys)} or ${inArray(entities.uscc, keys)})`));
  for (const r of rows) {
    out.set(r.id, r.id);
    if (r.uscc) out.set(r.uscc, r.id);
  }
  return out;
};

export const entityExists = async (tx: ReadTx, centreId: string, id: string): Promise<boolean> =>
  (await tx.select({ id: entities.id }).from(entities).where(and(eq(entities.centreId, centreId), eq(entities.id, id), eq(entities.status, 'active'))).limit(1)).length > 0;

export const areaExists = async (tx: ReadTx, centreId: string, id: string): Promise<boolean> =>
  (await tx.select({ id: areas.id }).from(areas).where(and(eq(areas.centreId, centreId), eq(areas.id, id))).limit(1)).length > 0;

/** Which indicators a module's published figures are: exact codes, or codes starting or ending with a fixed text. */
export type IndicatorCodeFilter = { codes: readonly string[] } | { prefix: string } | { suffix: string };

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const codeCondition = (filter: IndicatorCodeFilter): SQL =>
  'codes' in filter ? inArray(indicators.code, [...filter.codes]) : 'prefix' in filter ? like(indicators.code, `${escapeLike(filter.prefix)}%`) : like(indicators.code, `%${escapeLike(filter.suffix)}`);

/**
 * The centre's published figures (seeded or imported observations, never the
 * platform's derived ones) of the indicators the filters name: what a module
 * shows beside its own counts, each with its source.
 */
export const publishedFigures = (tx: ReadTx, centreId: string, filters: readonly IndicatorCodeFilter[]) =>
  filters.length === 0
    ? Promise.resolve([])
    : tx
        .select({
          indicatorCode: indicators.code,
          nameZh: indicators.nameZh,
          nameEn: indicators.nameEn,
          unit: indicators.unit,
          period: observations.period,
          value: observations.value,
          valueAsGiven: observations.valueAsGiven,
          qualifier: observations.qualifier,
          sourceTitle: sql<string | null>`coalesce(${sources.titleZh}, ${sources.titleEn})`,
          sourceTitleZh: sources.titleZh,
          sourceTitleEn: sources.titleEn,
          sourceUrl: sources.url,
        })
        .from(observations)
        .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
        .leftJoin(sources, eq(sources.id, observations.sourceId))
        .where(and(eq(indicators.centreId, centreId), or(...filters.map(codeCondition)), ne(observations.provenance, 'derived')))
        .orderBy(asc(indicators.code), asc(observations.period));
