import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { achievements, areas, callProgrammes, calls, chainInnovationLinks, chainMaps, chainMapVersions, chainPlacements, chainSupplies, entities, patents } from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';
import type { ChainSupplySnapshot } from '../../../db/schema/index.js';

export type MapRow = typeof chainMaps.$inferSelect;
export type VersionRow = typeof chainMapVersions.$inferSelect;
export type PlacementRow = typeof chainPlacements.$inferSelect;
export type SupplyRow = typeof chainSupplies.$inferSelect;
export type InnovationRow = typeof chainInnovationLinks.$inferSelect;

// ---------------------------------------------------------------- maps and versions
export const listMaps = (tx: ReadTx, centreId: string): Promise<MapRow[]> => tx.select().from(chainMaps).where(eq(chainMaps.centreId, centreId)).orderBy(asc(chainMaps.clusterCode), desc(chainMaps.updatedAt), asc(chainMaps.id));

export const findMap = async (tx: ReadTx, centreId: string, mapId: string): Promise<MapRow | undefined> =>
  (await tx.select().from(chainMaps).where(and(eq(chainMaps.centreId, centreId), eq(chainMaps.id, mapId))).limit(1))[0];

export const insertMap = async (tx: WriteTx, row: typeof chainMaps.$inferInsert): Promise<MapRow> => (await tx.insert(chainMaps).values(row).returning())[0] as MapRow;

/** Move the map on to the next version, only if it is still at the one the editor saw. */
export const advanceMap = async (tx: WriteTx, mapId: string, seen: number, now: Date): Promise<MapRow | undefined> =>
  (await tx.update(chainMaps).set({ latestVersion: seen + 1, updatedAt: now }).where(and(eq(chainMaps.id, mapId), eq(chainMaps.latestVersion, seen))).returning())[0];

/** A version without its frozen supply (which can hold a whole map's supply rows): what reading a map needs. */
export type VersionHead = Omit<VersionRow, 'suppliesAtSave'>;
export const findVersion = async (tx: ReadTx, mapId: string, version: number): Promise<VersionHead | undefined> =>
  (
    await tx
      .select({ id: chainMapVersions.id, mapId: chainMapVersions.mapId, version: chainMapVersions.version, content: chainMapVersions.content, note: chainMapVersions.note, createdBy: chainMapVersions.createdBy, createdAt: chainMapVersions.createdAt })
      .from(chainMapVersions)
      .where(and(eq(chainMapVersions.mapId, mapId), eq(chainMapVersions.version, version)))
      .limit(1)
  )[0];

/** The supply as it stood when `version` was saved over: kept in the next version's row. */
export const suppliesSavedWith = async (tx: ReadTx, mapId: string, version: number): Promise<ChainSupplySnapshot[]> =>
  (await tx.select({ s: chainMapVersions.suppliesAtSave }).from(chainMapVersions).where(and(eq(chainMapVersions.mapId, mapId), eq(chainMapVersions.version, version))).limit(1))[0]?.s ?? [];

export const insertVersion = async (tx: WriteTx, row: typeof chainMapVersions.$inferInsert): Promise<VersionRow> => (await tx.insert(chainMapVersions).values(row).returning())[0] as VersionRow;

// ---------------------------------------------------------------- registry look-ups
export const findEntities = async (tx: ReadTx, ids: string[]) =>
  ids.length === 0 ? [] : tx.select({ id: entities.id, centreId: entities.centreId, category: entities.category, kind: entities.kind, status: entities.status, areaId: entities.areaId, nameZh: entities.nameZh, nameEn: entities.nameEn }).from(entities).where(inArray(entities.id, ids));

/** The province-level GB/T 2260 code of the centre's top area (110000 for Beijing), if it has one. */
export const centreRegion = async (tx: ReadTx, centreId: string): Promise<string | null> => {
  const [root] = await tx.select({ code: areas.code }).from(areas).where(and(eq(areas.centreId, centreId), isNull(areas.parentId))).orderBy(asc(areas.sortOrder), asc(areas.id)).limit(1);
  return root?.code && /^\d{6}$/.test(root.code) ? `${root.code.slice(0, 2)}0000` : null;
};

export const findAchievement = async (tx: ReadTx, centreId: string, id: string) => (await tx.select({ id: achievements.id }).from(achievements).where(and(eq(achievements.centreId, centreId), eq(achievements.id, id))).limit(1))[0];
export const findCallIn = async (tx: ReadTx, centreId: string, id: string) => (await tx.select({ id: calls.id }).from(calls).where(and(eq(calls.centreId, centreId), eq(calls.id, id))).limit(1))[0];

/** The centre's newest 揭榜挂帅 programme. */
export const latestUnveilProgramme = async (tx: ReadTx, centreId: string) =>
  (await tx.select({ id: callProgrammes.id, kind: callProgrammes.kind, centreId: callProgrammes.centreId }).from(callProgrammes).where(and(eq(callProgrammes.centreId, centreId), eq(callProgrammes.kind, 'unveil_list'))).orderBy(desc(callProgrammes.createdAt), desc(callProgrammes.id)).limit(1))[0];
export const findProgramme = async (tx: ReadTx, id: string) => (await tx.select({ id: callProgrammes.id, kind: callProgrammes.kind, centreId: callProgrammes.centreId }).from(callProgrammes).where(eq(callProgrammes.id, id)).limit(1))[0];

// ---------------------------------------------------------------- placements
export const listPlacements = (tx: ReadTx, mapId: string, nodeId?: string) =>
  tx
    .select({ p: chainPlacements, e: { id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn, category: entities.category, kind: entities.kind, areaId: entities.areaId, address: entities.address, lon: entities.lon, lat: entities.lat }, areaNameZh: areas.nameZh, areaNameEn: areas.nameEn })
    .from(chainPlacements)
    .innerJoin(entities, eq(entities.id, chainPlacements.entityId))
    .leftJoin(areas, eq(areas.id, entities.areaId))
    .where(and(eq(chainPlacements.mapId, mapId), nodeId ? eq(chainPlacements.nodeId, nodeId) : undefined))
    .orderBy(asc(chainPlacements.nodeId), asc(chainPlacements.createdAt), asc(chainPlacements.id));

export const findPlacement = async (tx: ReadTx, mapId: string, id: string): Promise<PlacementRow | undefined> => (await tx.select().from(chainPlacements).where(and(eq(chainPlacements.mapId, mapId), eq(chainPlacements.id, id))).limit(1))[0];
export const placementExists = async (tx: ReadTx, mapId: string, nodeId: string, entityId: string): Promise<boolean> => (await tx.$count(chainPlacements, and(eq(chainPlacements.mapId, mapId), eq(chainPlacements.nodeId, nodeId), eq(chainPlacements.entityId, entityId)))) > 0;
export const insertPlacement = async (tx: WriteTx, row: typeof chainPlacements.$inferInsert): Promise<PlacementRow> => (await tx.insert(chainPlacements).values(row).returning())[0] as PlacementRow;
export const updatePlacementRow = async (tx: WriteTx, id: string, version: number, patch: Partial<PlacementRow>): Promise<PlacementRow | undefined> =>
  (await tx.update(chainPlacements).set({ ...patch, version: version + 1 }).where(and(eq(chainPlacements.id, id), eq(chainPlacements.version, version))).returning())[0];
export const deletePlacement = async (tx: WriteTx, id: string): Promise<void> => {
  await tx.delete(chainPlacements).where(eq(chainPlacements.id, id));
};

// ---------------------------------------------------------------- supplies
export const listSupplies = (tx: ReadTx, mapId: string) =>
  tx
    .select({ s: chainSupplies, supplierNameZh: entities.nameZh, supplierNameEn: entities.nameEn })
    .from(chainSupplies)
    .leftJoin(entities, eq(entities.id, chainSupplies.supplierId))
    .where(eq(chainSupplies.mapId, mapId))
    .orderBy(asc(chainSupplies.nodeId), desc(chainSupplies.share), asc(chainSupplies.id));

/**
 * The live supply as the engine reads it: no names, no order, and, for a
 * what-if, only the rows the removal takes (the rest cannot change its answer).
 */
export const supplyRelations = (tx: ReadTx, mapId: string, only?: { supplierId?: string; country?: string; region?: string }): Promise<ChainSupplySnapshot[]> =>
  tx
    .select({ id: chainSupplies.id, nodeId: chainSupplies.nodeId, supplierId: chainSupplies.supplierId, region: chainSupplies.region, country: chainSupplies.country, local: chainSupplies.local, share: chainSupplies.share, confidentialAggregate: chainSupplies.confidentialAggregate })
    .from(chainSupplies)
    .where(
      and(
        eq(chainSupplies.mapId, mapId),
        only?.supplierId !== undefined ? eq(chainSupplies.supplierId, only.supplierId) : undefined,
        only?.country !== undefined ? eq(chainSupplies.country, only.country) : undefined,
        only?.region !== undefined ? eq(chainSupplies.region, only.region) : undefined,
      ),
    )
    // A stable order (each node's largest share first), so that an export or a frozen version reads the same each time.
    .orderBy(asc(chainSupplies.nodeId), desc(chainSupplies.share), asc(chainSupplies.id));

export const findSupply = async (tx: ReadTx, mapId: string, id: string): Promise<SupplyRow | undefined> => (await tx.select().from(chainSupplies).where(and(eq(chainSupplies.mapId, mapId), eq(chainSupplies.id, id))).limit(1))[0];

/** The node's shares summed, leaving one row out (the one being changed). */
export const sharesOfNode = async (tx: ReadTx, mapId: string, nodeId: string, exceptId: string | null): Promise<number> =>
  (await tx.select({ total: sql<number>`coalesce(sum(${chainSupplies.share}), 0)::float8` }).from(chainSupplies).where(and(eq(chainSupplies.mapId, mapId), eq(chainSupplies.nodeId, nodeId), exceptId ? ne(chainSupplies.id, exceptId) : undefined)))[0]?.total ?? 0;

export const insertSupplies = async (tx: WriteTx, rows: (typeof chainSupplies.$inferInsert)[]): Promise<SupplyRow[]> => (rows.length === 0 ? [] : tx.insert(chainSupplies).values(rows).returning());
export const updateSupplyRow = async (tx: WriteTx, id: string, version: number, patch: Partial<SupplyRow>): Promise<SupplyRow | undefined> =>
  (await tx.update(chainSupplies).set({ ...patch, version: version + 1 }).where(and(eq(chainSupplies.id, id), eq(chainSupplies.version, version))).returning())[0];
export const deleteSupply = async (tx: WriteTx, id: string): Promise<void> => {
  await tx.delete(chainSupplies).where(eq(chainSupplies.id, id));
};

// ---------------------------------------------------------------- innovation links
export const listInnovation = (tx: ReadTx, mapId: string) =>
  tx
    .select({ l: chainInnovationLinks, nameZh: entities.nameZh, nameEn: entities.nameEn })
    .from(chainInnovationLinks)
    .leftJoin(entities, eq(entities.id, chainInnovationLinks.entityId))
    .where(eq(chainInnovationLinks.mapId, mapId))
    .orderBy(asc(chainInnovationLinks.nodeId), asc(chainInnovationLinks.kind), asc(chainInnovationLinks.id));
export const findInnovation = async (tx: ReadTx, mapId: string, id: string): Promise<InnovationRow | undefined> => (await tx.select().from(chainInnovationLinks).where(and(eq(chainInnovationLinks.mapId, mapId), eq(chainInnovationLinks.id, id))).limit(1))[0];
export const insertInnovation = async (tx: WriteTx, row: typeof chainInnovationLinks.$inferInsert): Promise<InnovationRow> => (await tx.insert(chainInnovationLinks).values(row).returning())[0] as InnovationRow;
export const deleteInnovation = async (tx: WriteTx, id: string): Promise<void> => {
  await tx.delete(chainInnovationLinks).where(eq(chainInnovationLinks.id, id));
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The centre's patents whose IPC symbols fall in each prefix (one count per prefix). */
export const patentCounts = async (tx: ReadTx, centreId: string, prefixes: string[]): Promise<Map<string, number>> => {
  const out = new Map<string, number>();
  for (const prefix of [...new Set(prefixes)]) {
    const pattern = `${escapeLike(prefix)}%`;
    // Symbols and prefixes share core/patents' normal form (H01L 21/02, H01L 21/), so a plain prefix match suffices.
    const n = await tx.$count(patents, and(eq(patents.centreId, centreId), sql`exists (select 1 from unnest(${patents.ipcClasses}) c where c like ${pattern})`));
    out.set(prefix, n);
  }
  return out;
};

// ---------------------------------------------------------------- derivation
/** Every version of the centre's maps (for the yearly chain figures). */
export const versionsOfCentre = (tx: ReadTx, centreId: string) =>
  tx
    .select({ map: chainMaps, version: { id: chainMapVersions.id, version: chainMapVersions.version, createdAt: chainMapVersions.createdAt, content: chainMapVersions.content, suppliesAtSave: chainMapVersions.suppliesAtSave } })
    .from(chainMapVersions)
    .innerJoin(chainMaps, eq(chainMaps.id, chainMapVersions.mapId))
    .where(eq(chainMaps.centreId, centreId))
    .orderBy(asc(chainMaps.id), asc(chainMapVersions.version));

export const suppliesOfMaps = async (tx: ReadTx, mapIds: string[]): Promise<SupplyRow[]> => (mapIds.length === 0 ? [] : tx.select().from(chainSupplies).where(inArray(chainSupplies.mapId, mapIds)));
export const innovationOfMaps = async (tx: ReadTx, mapIds: string[]): Promise<InnovationRow[]> => (mapIds.length === 0 ? [] : tx.select().from(chainInnovationLinks).where(inArray(chainInnovationLinks.mapId, mapIds)));
