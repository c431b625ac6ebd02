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

/** The centre's time zone (its `timezone` setting), in which its days and years are read; undefined when there is no such centre. */
export const findCentreTimeZone = async (tx: ReadTx, id: string): Promise<string | undefined> =>
  (await tx.select({ timezone: centres.timezone }).from(centres).where(eq(centres.id, id)).limit(1))[0]?.timezone;

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

export const findEntityRow = async (tx: ReadTx, centreId: string, id: string): Promise<EntityRow | undefined> =>
  (await tx.select().from(entities).where(and(eq(entities.centreId, centreId), eq(entities.id, id))).limit(1))[0];

export const listEntitySourceIds = async (tx: ReadTx, entityIds: string[]): Promise<Map<string, string[]>> => {
  const out = new Map<string, string[]>();
  if (entityIds.length === 0) return out;
  const rows = await tx.select().from(entitySources).where(inArray(entitySources.entityId, entityIds)).orderBy(asc(entitySources.sourceId));
  for (const r of rows) out.set(r.entityId, [...(out.get(r.entityId) ?? []), r.sourceId]);
  return out;
};

export type CitationWithSource = { sourceId: string; quote: string | null; quoteGlossEn: string | null; source: SourceRow | null };

/** A subject's citations, each with its source, in one query (an entity's profile used to read every source of the centre). */
export const listCitationsWithSource = async (tx: ReadTx, subjectType: string, subjectId: string): Promise<CitationWithSource[]> =>
  (
    await tx
      .select({ citation: citations, source: sources })
      .from(citations)
      .leftJoin(sources, eq(sources.id, citations.sourceId))
      .where(and(eq(citations.subjectType, subjectType), eq(citations.subjectId, subjectId)))
      .orderBy(asc(citations.id))
  ).map((r) => ({ sourceId: r.citation.sourceId, quote: r.citation.quote, quoteGlossEn: r.citation.quoteGlossEn, source: r.source }));

export const listSourceRows = (tx: ReadTx, centreId: string): Promise<SourceRow[]> =>
  tx.select().from(sources).where(eq(sources.centreId, centreId)).orderBy(asc(sources.id));

export const countCentreRecords = async (tx: ReadTx, centreId: string): Promise<{ indicators: number; observations: number; sources: number }> => {
  const [ind, obs, src] = await Promise.all([
    tx.select({ n: count() }).from(indicators).where(eq(indicators.centreId, centreId)),
    tx.select({ n: count() }).from(observations).innerJoin(indicators, eq(indicators.id, observations.indicatorId)).where(eq(indicators.centreId, centreId)),
    tx.select({ n: count() }).from(sources).where(eq(sources.centreId, centreId)),
  ]);
  return { indicators: Number(ind[0]?.n ?? 0), observations: Number(obs[0]?.n ?? 0), sources: Number(src[0]?.n ?? 0) };
};

/** What to count on the map: every active actor, or only one category, kind or recognition (tier). */
export type ActorFilter = { category?: string; kind?: string; recognition?: string };

/**
 * Active actors per area and category. Without a recognition this reads
 * entity_counts (kept by triggers), so a million actors cost a few hundred
 * rows; with one it counts that recognition's holders.
 */
export const countActorsByArea = async (tx: ReadTx, centreId: string, filter: ActorFilter): Promise<{ areaId: string | null; category: string; n: number }[]> => {
  const res = filter.recognition
    ? await tx.execute(sql`
        select e.area_id, e.category, count(distinct e.id)::int as n
        from recognitions r join entities e on e.id = r.entity_id
        where e.centre_id = ${centreId} and e.status = 'active' and r.type = ${filter.recognition}
          ${filter.category ? sql`and e.category = ${filter.category}` : sql``} ${filter.kind ? sql`and e.kind = ${filter.kind}` : sql``}
        group by 1, 2`)
    : await tx.execute(sql`
        select nullif(area_id, '') as area_id, category, sum(n)::int as n
        from entity_counts
        where centre_id = ${centreId} and n > 0
          ${filter.category ? sql`and category = ${filter.category}` : sql``} ${filter.kind ? sql`and kind = ${filter.kind}` : sql``}
        group by 1, 2`);
  return (res as unknown as { rows: { area_id: string | null; category: string; n: number }[] }).rows.map((r) => ({ areaId: r.area_id, category: r.category, n: Number(r.n) }));
};

/**
 * The first few matching actors placed directly in each area (index probes per area, never a scan of the centre).
 * The area is bounded by a range and ordered by (area, id) on purpose: with `area_id = a.id` the planner reads the
 * order as id alone and walks the primary key, filtering, which at 100,000 actors took 10 s for an area with none.
 */
export const listAreaExamples = async (
  tx: ReadTx,
  centreId: string,
  filter: ActorFilter,
  perArea: number,
): Promise<{ areaId: string; id: string; nameZh: string | null; nameEn: string; category: string; isSample: boolean }[]> => {
  const res = await tx.execute(sql`
    select a.id as area_id, x.id, x.name_zh, x.name_en, x.category, x.is_sample
    from areas a cross join lateral (
      select e.id, e.name_zh, e.name_en, e.category, e.is_sample from entities e
      where e.area_id >= a.id and e.area_id <= a.id and e.centre_id = ${centreId} and e.status = 'active'
        ${filter.category ? sql`and e.category = ${filter.category}` : sql``} ${filter.kind ? sql`and e.kind = ${filter.kind}` : sql``}
        ${filter.recognition ? sql`and exists (select 1 from recognitions r where r.entity_id = e.id and r.type = ${filter.recognition})` : sql``}
      order by e.area_id, e.id limit ${perArea}) x
    where a.centre_id = ${centreId}
    order by a.id, x.id`);
  return (res as unknown as { rows: { area_id: string; id: string; name_zh: string | null; name_en: string; category: string; is_sample: boolean }[] }).rows.map((r) => ({
    areaId: r.area_id,
    id: r.id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    category: r.category,
    isSample: Boolean(r.is_sample),
  }));
};
