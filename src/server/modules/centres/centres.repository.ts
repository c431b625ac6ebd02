import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { areas, centres, citations, entities, entitySources, indicators, observations, sources } from '../../../db/schema/index.js';
import type { ReadTx } from '../../../db/tx.js';

export type CentreRow = typeof centres.$inferSelect;
export type AreaRow = typeof areas.$inferSelect;
export type EntityRow = typeof entities.$inferSelect;
export type SourceRow = typeof sources.$inferSelect;
export type IndicatorRow = typeof indicators.$inferSelect;
export type ObservationRow = typeof observations.$inferSelect;
export type CitationRow = typeof citations.$inferSelect;

export const listCentreRows = (tx: ReadTx): Promise<CentreRow[]> => tx.select().from(centres).orderBy(asc(centres.id));

export const findCentreRow = async (tx: ReadTx, id: string): Promise<CentreRow | undefined> =>
  (await tx.select().from(centres).where(eq(centres.id, id)).limit(1))[0];

/** Areas without their geometry (large); the map query fetches geometry separately. */
export const listAreaRows = (tx: ReadTx, centreId: string): Promise<Omit<AreaRow, 'geometry'>[]> =>
  tx
    .select({
      id: areas.id,
      centreId: areas.centreId,
      parentId: areas.parentId,
      kind: areas.kind,
      code: areas.code,
      nameZh: areas.nameZh,
      nameEn: areas.nameEn,
      nameStatus: areas.nameStatus,
      withinAreaIds: areas.withinAreaIds,
      centroid: areas.centroid,
      basis: areas.basis,
      sortOrder: areas.sortOrder,
      isActive: areas.isActive,
      hasBoundary: sql<boolean>`${areas.geometry} is not null`.as('has_boundary'),
    })
    .from(areas)
    .where(and(eq(areas.centreId, centreId), eq(areas.isActive, true)))
    .orderBy(asc(areas.sortOrder), asc(areas.id)) as unknown as Promise<Omit<AreaRow, 'geometry'>[]>;

export const listMapAreaRows = (tx: ReadTx, centreId: string, parentId: string): Promise<AreaRow[]> =>
  tx
    .select()
    .from(areas)
    .where(and(eq(areas.centreId, centreId), eq(areas.parentId, parentId), sql`${areas.geometry} is not null`))
    .orderBy(asc(areas.sortOrder));

export type EntityFilter = { category?: string | undefined; areaIds?: string[] | undefined; q?: string | undefined; limit: number; offset: number };

const entityWhere = (centreId: string, f: Omit<EntityFilter, 'limit' | 'offset'>): SQL => {
  const conditions: SQL[] = [eq(entities.centreId, centreId)];
  if (f.category) conditions.push(eq(entities.category, f.category));
  if (f.areaIds) conditions.push(inArray(entities.areaId, f.areaIds.length ? f.areaIds : ['']));
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(entities.nameEn, pattern), ilike(entities.nameZh, pattern)) as SQL);
  }
  return and(...conditions) as SQL;
};

export const listEntityRows = async (tx: ReadTx, centreId: string, f: EntityFilter): Promise<{ rows: EntityRow[]; total: number }> => {
  const where = entityWhere(centreId, f);
  const [rows, totals] = await Promise.all([
    tx.select().from(entities).where(where).orderBy(asc(entities.category), asc(entities.id)).limit(f.limit).offset(f.offset),
    tx.select({ n: count() }).from(entities).where(where),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0) };
};

export const listAllEntityRows = (tx: ReadTx, centreId: string): Promise<EntityRow[]> =>
  tx.select().from(entities).where(eq(entities.centreId, centreId)).orderBy(asc(entities.id));

export const findEntityRow = async (tx: ReadTx, centreId: string, id: string): Promise<EntityRow | undefined> =>
  (await tx.select().from(entities).where(and(eq(entities.centreId, centreId), eq(entities.id, id))).limit(1))[0];

export const listEntitySourceIds = async (tx: ReadTx, entityIds: string[]): Promise<Map<string, string[]>> => {
  const out = new Map<string, string[]>();
  if (entityIds.length === 0) return out;
  const rows = await tx.select().from(entitySources).where(inArray(entitySources.entityId, entityIds)).orderBy(asc(entitySources.sourceId));
  for (const r of rows) out.set(r.entityId, [...(out.get(r.entityId) ?? []), r.sourceId]);
  return out;
};

export const listCitationRows = (tx: ReadTx, subjectType: string, subjectId: string): Promise<CitationRow[]> =>
  tx.select().from(citations).where(and(eq(citations.subjectType, subjectType), eq(citations.subjectId, subjectId))).orderBy(asc(citations.id));

export const listSourceRows = (tx: ReadTx, centreId: string): Promise<SourceRow[]> =>
  tx.select().from(sources).where(eq(sources.centreId, centreId)).orderBy(asc(sources.id));

export const listIndicatorRows = (tx: ReadTx, centreId: string, headlineOnly: boolean): Promise<IndicatorRow[]> =>
  tx
    .select()
    .from(indicators)
    .where(headlineOnly ? and(eq(indicators.centreId, centreId), sql`${indicators.headlineRank} is not null`) : eq(indicators.centreId, centreId))
    .orderBy(sql`${indicators.headlineRank} asc nulls last`, asc(indicators.id));

export const listObservationRows = async (tx: ReadTx, indicatorIds: string[]): Promise<ObservationRow[]> =>
  indicatorIds.length === 0
    ? []
    : tx.select().from(observations).where(inArray(observations.indicatorId, indicatorIds)).orderBy(asc(observations.indicatorId), sql`${observations.year} asc nulls last`, asc(observations.id));

export const countCentreRecords = async (tx: ReadTx, centreId: string): Promise<{ indicators: number; observations: number; sources: number }> => {
  const [ind, obs, src] = await Promise.all([
    tx.select({ n: count() }).from(indicators).where(eq(indicators.centreId, centreId)),
    tx.select({ n: count() }).from(observations).innerJoin(indicators, eq(indicators.id, observations.indicatorId)).where(eq(indicators.centreId, centreId)),
    tx.select({ n: count() }).from(sources).where(eq(sources.centreId, centreId)),
  ]);
  return { indicators: Number(ind[0]?.n ?? 0), observations: Number(obs[0]?.n ?? 0), sources: Number(src[0]?.n ?? 0) };
};
