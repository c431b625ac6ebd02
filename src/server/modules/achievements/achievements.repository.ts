import { and, arrayContains, asc, count, desc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import {
  achievementAccessRequests,
  achievementContracts,
  achievementDetailViews,
  achievementInventors,
  achievementOwners,
  achievementPatents,
  achievements,
  achievementSpinoffs,
  callProgrammes,
  entities,
  patents,
  techContracts,
  technologyNeeds,
  users,
} from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';

export type AchievementRow = typeof achievements.$inferSelect;
export type AchievementInsert = typeof achievements.$inferInsert;
export type AccessRequestRow = typeof achievementAccessRequests.$inferSelect;
export type NeedRow = typeof technologyNeeds.$inferSelect;
export type NeedInsert = typeof technologyNeeds.$inferInsert;

export type EntityBrief = { id: string; centreId: string; nameZh: string | null; nameEn: string; category: string; status: string };

export const findEntities = async (tx: ReadTx, ids: readonly string[]): Promise<Map<string, EntityBrief>> => {
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: entities.id, centreId: entities.centreId, nameZh: entities.nameZh, nameEn: entities.nameEn, category: entities.category, status: entities.status }).from(entities).where(inArray(entities.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
};

export const userNames = async (tx: ReadTx, ids: readonly string[]): Promise<Map<string, string>> => {
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.displayName]));
};

export const findContracts = async (tx: ReadTx, centreId: string, ids: readonly string[]) =>
  ids.length === 0 ? [] : tx.select({ id: techContracts.id, title: techContracts.title, type: techContracts.type, state: techContracts.state, registrationNumber: techContracts.registrationNumber, sellerId: techContracts.sellerId, buyerEntityId: techContracts.buyerEntityId }).from(techContracts).where(and(eq(techContracts.centreId, centreId), inArray(techContracts.id, [...new Set(ids)])));

// ---------------------------------------------------------------- achievements
export const findAchievement = async (tx: ReadTx, centreId: string, id: string): Promise<AchievementRow | undefined> =>
  (await tx.select().from(achievements).where(and(eq(achievements.centreId, centreId), eq(achievements.id, id))))[0];

export type Links = {
  owners: { entityId: string; share: number | null }[];
  inventors: { entityId: string; contribution: number | null; position: number }[];
  patents: string[];
  contracts: string[];
  spinoffs: string[];
};

export const linksOf = async (tx: ReadTx, ids: readonly string[]): Promise<Map<string, Links>> => {
  const out = new Map<string, Links>(ids.map((id) => [id, { owners: [], inventors: [], patents: [], contracts: [], spinoffs: [] }]));
  if (ids.length === 0) return out;
  const list = [...new Set(ids)];
  const owners = await tx.select().from(achievementOwners).where(inArray(achievementOwners.achievementId, list)).orderBy(asc(achievementOwners.entityId));
  const inventors = await tx.select().from(achievementInventors).where(inArray(achievementInventors.achievementId, list)).orderBy(asc(achievementInventors.position));
  const patents = await tx.select().from(achievementPatents).where(inArray(achievementPatents.achievementId, list)).orderBy(asc(achievementPatents.patentNumber));
  const contracts = await tx.select().from(achievementContracts).where(inArray(achievementContracts.achievementId, list));
  const spinoffs = await tx.select().from(achievementSpinoffs).where(inArray(achievementSpinoffs.achievementId, list));
  for (const o of owners) out.get(o.achievementId)?.owners.push({ entityId: o.entityId, share: o.share });
  for (const i of inventors) out.get(i.achievementId)?.inventors.push({ entityId: i.entityId, contribution: i.contribution, position: i.position });
  for (const p of patents) out.get(p.achievementId)?.patents.push(p.patentNumber);
  for (const c of contracts) out.get(c.achievementId)?.contracts.push(c.contractId);
  for (const s of spinoffs) out.get(s.achievementId)?.spinoffs.push(s.entityId);
  return out;
};

export const insertAchievement = async (tx: WriteTx, row: AchievementInsert): Promise<AchievementRow> => (await tx.insert(achievements).values(row).returning())[0] as AchievementRow;

export const updateAchievement = async (tx: WriteTx, id: string, version: number, patch: Partial<AchievementInsert>): Promise<AchievementRow | undefined> =>
  (await tx.update(achievements).set({ ...patch, version: version + 1 }).where(and(eq(achievements.id, id), eq(achievements.version, version))).returning())[0];

/** Replace every link of an achievement with the given ones. */
export const replaceLinks = async (tx: WriteTx, centreId: string, id: string, links: Links): Promise<void> => {
  await tx.delete(achievementOwners).where(eq(achievementOwners.achievementId, id));
  await tx.delete(achievementInventors).where(eq(achievementInventors.achievementId, id));
  await tx.delete(achievementPatents).where(eq(achievementPatents.achievementId, id));
  await tx.delete(achievementContracts).where(eq(achievementContracts.achievementId, id));
  await tx.delete(achievementSpinoffs).where(eq(achievementSpinoffs.achievementId, id));
  if (links.owners.length) await tx.insert(achievementOwners).values(links.owners.map((o) => ({ achievementId: id, ...o })));
  if (links.inventors.length) await tx.insert(achievementInventors).values(links.inventors.map((i) => ({ achievementId: id, ...i })));
  if (links.patents.length) await tx.insert(achievementPatents).values(links.patents.map((patentNumber) => ({ achievementId: id, centreId, patentNumber })));
  if (links.contracts.length) await tx.insert(achievementContracts).values(links.contracts.map((contractId) => ({ achievementId: id, contractId })));
  if (links.spinoffs.length) await tx.insert(achievementSpinoffs).values(links.spinoffs.map((entityId) => ({ achievementId: id, entityId })));
};

export type AchievementFilter = {
  centreId: string;
  states: readonly string[];
  /** Only achievements one of these organisations owns. */
  ownerIds?: readonly string[] | undefined;
  field?: string | undefined;
  trlMin?: number | undefined;
  availability?: string | undefined;
  /** Segmented query words: each must be among the stored search terms, or in the title. */
  terms?: readonly string[] | undefined;
};

const whereOf = (f: AchievementFilter): SQL => {
  const parts: (SQL | undefined)[] = [eq(achievements.centreId, f.centreId), inArray(achievements.state, [...f.states])];
  if (f.ownerIds) parts.push(f.ownerIds.length ? sql`${achievements.id} in (select achievement_id from achievement_owners where entity_id in ${[...f.ownerIds]})` : sql`false`);
  if (f.field) parts.push(eq(achievements.field, f.field));
  if (f.trlMin !== undefined) parts.push(sql`${achievements.trl} >= ${f.trlMin}`);
  if (f.availability) parts.push(arrayContains(achievements.availability, [f.availability]));
  for (const t of f.terms ?? []) parts.push(or(sql`(' ' || ${achievements.searchTerms} || ' ') like ${`% ${t} %`}`, sql`lower(${achievements.titleZh}) like ${`%${t}%`}`, sql`lower(coalesce(${achievements.titleEn}, '')) like ${`%${t}%`}`));
  return and(...parts) as SQL;
};

export const listAchievements = async (tx: ReadTx, f: AchievementFilter, limit: number, offset: number): Promise<{ rows: AchievementRow[]; total: number }> => {
  const where = whereOf(f);
  const rows = await tx.select().from(achievements).where(where).orderBy(desc(achievements.publishedAt), desc(achievements.updatedAt), asc(achievements.id)).limit(limit).offset(offset);
  const [c] = await tx.select({ n: count() }).from(achievements).where(where);
  return { rows, total: Number(c?.n ?? 0) };
};

/** The published pool a need is matched against (id, words, field, TRL only). */
export const matchPool = (tx: ReadTx, centreId: string) =>
  tx.select({ id: achievements.id, searchTerms: achievements.searchTerms, field: achievements.field, trl: achievements.trl }).from(achievements).where(and(eq(achievements.centreId, centreId), eq(achievements.state, 'published'))).limit(20_000);

export const achievementsByIds = async (tx: ReadTx, ids: readonly string[]): Promise<AchievementRow[]> => (ids.length === 0 ? [] : tx.select().from(achievements).where(inArray(achievements.id, [...ids])));

/** Titles and legal statuses of linked patents known to the patents register (joined by number: an achievement may name a patent not imported yet). */
export const patentFacts = async (tx: ReadTx, centreId: string, numbers: readonly string[]): Promise<Map<string, { title: string; status: string }>> => {
  if (numbers.length === 0) return new Map();
  const rows = await tx.select({ number: patents.number, title: patents.title, status: patents.legalStatus }).from(patents).where(and(eq(patents.centreId, centreId), inArray(patents.number, [...numbers])));
  return new Map(rows.map((r) => [r.number, { title: r.title, status: r.status }]));
};

// ---------------------------------------------------------------- access
export const findRequest = async (tx: ReadTx, achievementId: string, id: string): Promise<AccessRequestRow | undefined> =>
  (await tx.select().from(achievementAccessRequests).where(and(eq(achievementAccessRequests.achievementId, achievementId), eq(achievementAccessRequests.id, id))))[0];

/** The caller's latest request for an achievement, live or not. */
export const latestRequestOf = async (tx: ReadTx, achievementId: string, userId: string): Promise<AccessRequestRow | undefined> =>
  (await tx.select().from(achievementAccessRequests).where(and(eq(achievementAccessRequests.achievementId, achievementId), eq(achievementAccessRequests.requesterId, userId))).orderBy(desc(achievementAccessRequests.createdAt)).limit(1))[0];

export const liveGrant = async (tx: ReadTx, achievementId: string, userId: string, now: Date): Promise<AccessRequestRow | undefined> =>
  (
    await tx
      .select()
      .from(achievementAccessRequests)
      .where(and(eq(achievementAccessRequests.achievementId, achievementId), eq(achievementAccessRequests.requesterId, userId), eq(achievementAccessRequests.state, 'granted'), or(sql`${achievementAccessRequests.expiresAt} is null`, gt(achievementAccessRequests.expiresAt, now))))
      .limit(1)
  )[0];

export const listRequests = (tx: ReadTx, achievementId: string, requesterId?: string) =>
  tx
    .select()
    .from(achievementAccessRequests)
    .where(and(eq(achievementAccessRequests.achievementId, achievementId), ...(requesterId ? [eq(achievementAccessRequests.requesterId, requesterId)] : [])))
    .orderBy(desc(achievementAccessRequests.createdAt));

export const insertRequest = async (tx: WriteTx, row: typeof achievementAccessRequests.$inferInsert): Promise<AccessRequestRow> => (await tx.insert(achievementAccessRequests).values(row).returning())[0] as AccessRequestRow;

export const updateRequest = async (tx: WriteTx, id: string, fromState: string, patch: Partial<typeof achievementAccessRequests.$inferInsert>): Promise<AccessRequestRow | undefined> =>
  (await tx.update(achievementAccessRequests).set(patch).where(and(eq(achievementAccessRequests.id, id), eq(achievementAccessRequests.state, fromState))).returning())[0];

/** The read log is append-only: this module only ever inserts into it. */
export const logDetailView = async (tx: WriteTx, row: typeof achievementDetailViews.$inferInsert): Promise<void> => {
  await tx.insert(achievementDetailViews).values(row);
};

export const listDetailViews = (tx: ReadTx, achievementId: string) =>
  tx.select().from(achievementDetailViews).where(eq(achievementDetailViews.achievementId, achievementId)).orderBy(desc(achievementDetailViews.viewedAt), desc(achievementDetailViews.id)).limit(1000);

// ---------------------------------------------------------------- needs
export const findNeed = async (tx: ReadTx, centreId: string, id: string): Promise<NeedRow | undefined> =>
  (await tx.select().from(technologyNeeds).where(and(eq(technologyNeeds.centreId, centreId), eq(technologyNeeds.id, id))))[0];

export const insertNeed = async (tx: WriteTx, row: NeedInsert): Promise<NeedRow> => (await tx.insert(technologyNeeds).values(row).returning())[0] as NeedRow;

export const updateNeed = async (tx: WriteTx, id: string, version: number, patch: Partial<NeedInsert>): Promise<NeedRow | undefined> =>
  (await tx.update(technologyNeeds).set({ ...patch, version: version + 1 }).where(and(eq(technologyNeeds.id, id), eq(technologyNeeds.version, version))).returning())[0];

export const listNeeds = async (tx: ReadTx, f: { centreId: string; enterpriseId?: string | undefined; state?: string | undefined; field?: string | undefined }, limit: number, offset: number): Promise<{ rows: NeedRow[]; total: number }> => {
  const where = and(eq(technologyNeeds.centreId, f.centreId), ...(f.enterpriseId ? [eq(technologyNeeds.enterpriseId, f.enterpriseId)] : []), ...(f.state ? [eq(technologyNeeds.state, f.state)] : []), ...(f.field ? [eq(technologyNeeds.field, f.field)] : []));
  const rows = await tx.select().from(technologyNeeds).where(where).orderBy(desc(technologyNeeds.updatedAt), asc(technologyNeeds.id)).limit(limit).offset(offset);
  const [c] = await tx.select({ n: count() }).from(technologyNeeds).where(where);
  return { rows, total: Number(c?.n ?? 0) };
};

/** The centre's latest 揭榜挂帅 programme: where a need's call is drafted unless the caller names one. */
export const latestUnveilProgramme = async (tx: ReadTx, centreId: string) =>
  (await tx.select({ id: callProgrammes.id }).from(callProgrammes).where(and(eq(callProgrammes.centreId, centreId), eq(callProgrammes.kind, 'unveil_list'))).orderBy(sql`${callProgrammes.year} desc nulls last`, desc(callProgrammes.createdAt)).limit(1))[0];

export const findProgramme = async (tx: ReadTx, id: string) => (await tx.select({ id: callProgrammes.id, centreId: callProgrammes.centreId, kind: callProgrammes.kind }).from(callProgrammes).where(eq(callProgrammes.id, id)))[0];
