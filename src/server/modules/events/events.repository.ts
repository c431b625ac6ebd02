import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { achievements, areas, entities, eventReleaseOrganisations, eventReleases, events, eventSessionOrganisers, eventSessions } from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';

export type EventRow = typeof events.$inferSelect;
export type SessionRow = typeof eventSessions.$inferSelect;
export type ReleaseRow = typeof eventReleases.$inferSelect;

export const findEntities = async (tx: ReadTx, ids: string[]) =>
  ids.length === 0 ? [] : tx.select({ id: entities.id, centreId: entities.centreId, category: entities.category, status: entities.status, nameZh: entities.nameZh, nameEn: entities.nameEn }).from(entities).where(inArray(entities.id, ids));
export const findArea = async (tx: ReadTx, centreId: string, areaId: string) => (await tx.select({ id: areas.id }).from(areas).where(and(eq(areas.centreId, centreId), eq(areas.id, areaId))).limit(1))[0];
export const findAchievement = async (tx: ReadTx, id: string) => (await tx.select({ id: achievements.id, centreId: achievements.centreId, state: achievements.state, titleZh: achievements.titleZh, titleEn: achievements.titleEn }).from(achievements).where(eq(achievements.id, id)).limit(1))[0];

export const listEvents = (tx: ReadTx, centreId: string, ids?: string[]) =>
  tx
    .select({ e: events, areaNameZh: areas.nameZh, areaNameEn: areas.nameEn, entityNameZh: entities.nameZh, entityNameEn: entities.nameEn })
    .from(events)
    .leftJoin(areas, eq(areas.id, events.areaId))
    .leftJoin(entities, eq(entities.id, events.entityId))
    .where(and(eq(events.centreId, centreId), ids ? inArray(events.id, ids) : undefined))
    .orderBy(sql`${events.startsOn} desc`, asc(events.id));
export const findEvent = async (tx: ReadTx, centreId: string, id: string): Promise<EventRow | undefined> => (await tx.select().from(events).where(and(eq(events.centreId, centreId), eq(events.id, id))).limit(1))[0];
export const insertEvent = async (tx: WriteTx, row: typeof events.$inferInsert): Promise<EventRow> => (await tx.insert(events).values(row).returning())[0] as EventRow;
export const updateEvent = async (tx: WriteTx, id: string, version: number, set: Partial<typeof events.$inferInsert>): Promise<EventRow | undefined> =>
  (await tx.update(events).set({ ...set, version: version + 1 }).where(and(eq(events.id, id), eq(events.version, version))).returning())[0];

export const sessionsOf = (tx: ReadTx, eventIds: string[]) => (eventIds.length === 0 ? Promise.resolve([] as SessionRow[]) : tx.select().from(eventSessions).where(inArray(eventSessions.eventId, eventIds)).orderBy(asc(eventSessions.heldOn), asc(eventSessions.createdAt), asc(eventSessions.id)));
export const releasesOf = (tx: ReadTx, eventIds: string[]) => (eventIds.length === 0 ? Promise.resolve([] as ReleaseRow[]) : tx.select().from(eventReleases).where(inArray(eventReleases.eventId, eventIds)).orderBy(asc(eventReleases.releasedOn), asc(eventReleases.createdAt), asc(eventReleases.id)));
export const findSession = async (tx: ReadTx, eventId: string, id: string): Promise<SessionRow | undefined> => (await tx.select().from(eventSessions).where(and(eq(eventSessions.eventId, eventId), eq(eventSessions.id, id))).limit(1))[0];

export const organisersOf = (tx: ReadTx, sessionIds: string[]) =>
  sessionIds.length === 0 ? Promise.resolve([]) : tx.select({ sessionId: eventSessionOrganisers.sessionId, id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn }).from(eventSessionOrganisers).innerJoin(entities, eq(entities.id, eventSessionOrganisers.entityId)).where(inArray(eventSessionOrganisers.sessionId, sessionIds));
export const releaseOrganisationsOf = (tx: ReadTx, releaseIds: string[]) =>
  releaseIds.length === 0 ? Promise.resolve([]) : tx.select({ releaseId: eventReleaseOrganisations.releaseId, id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn }).from(eventReleaseOrganisations).innerJoin(entities, eq(entities.id, eventReleaseOrganisations.entityId)).where(inArray(eventReleaseOrganisations.releaseId, releaseIds));
export const achievementsOf = (tx: ReadTx, ids: string[]) => (ids.length === 0 ? Promise.resolve([]) : tx.select({ id: achievements.id, state: achievements.state, titleZh: achievements.titleZh, titleEn: achievements.titleEn }).from(achievements).where(inArray(achievements.id, ids)));

export const insertSession = async (tx: WriteTx, row: typeof eventSessions.$inferInsert, organiserIds: string[]): Promise<SessionRow> => {
  const s = (await tx.insert(eventSessions).values(row).returning())[0] as SessionRow;
  if (organiserIds.length) await tx.insert(eventSessionOrganisers).values(organiserIds.map((entityId) => ({ sessionId: s.id, entityId })));
  return s;
};
export const insertRelease = async (tx: WriteTx, row: typeof eventReleases.$inferInsert, organisationIds: string[]): Promise<ReleaseRow> => {
  const r = (await tx.insert(eventReleases).values(row).returning())[0] as ReleaseRow;
  if (organisationIds.length) await tx.insert(eventReleaseOrganisations).values(organisationIds.map((entityId) => ({ releaseId: r.id, entityId })));
  return r;
};

/** Every event, session and release of a centre, as the counts need them. */
export const countFacts = async (tx: ReadTx, centreId: string) => {
  const es = await tx.select({ id: events.id, series: events.series, startsOn: events.startsOn, isSample: events.isSample }).from(events).where(eq(events.centreId, centreId));
  const ids = es.map((e) => e.id);
  const ss = ids.length ? await tx.select({ id: eventSessions.id, eventId: eventSessions.eventId, heldOn: eventSessions.heldOn }).from(eventSessions).where(inArray(eventSessions.eventId, ids)) : [];
  const rs = ids.length ? await tx.select({ id: eventReleases.id, eventId: eventReleases.eventId, releasedOn: eventReleases.releasedOn }).from(eventReleases).where(inArray(eventReleases.eventId, ids)) : [];
  return { events: es, sessions: ss, releases: rs };
};

