import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { areas, entities, incubatorCohorts, incubatorProfiles, incubatorResidents, investmentRounds, patentParties, patents, techContracts } from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';

export type ProfileRow = typeof incubatorProfiles.$inferSelect;
export type CohortRow = typeof incubatorCohorts.$inferSelect;
export type ResidentRow = typeof incubatorResidents.$inferSelect;

export const findEntities = async (tx: ReadTx, ids: string[]) =>
  ids.length === 0 ? [] : tx.select({ id: entities.id, centreId: entities.centreId, category: entities.category, status: entities.status, nameZh: entities.nameZh, nameEn: entities.nameEn, attributes: entities.attributes }).from(entities).where(inArray(entities.id, ids));

export const findArea = async (tx: ReadTx, centreId: string, areaId: string) => (await tx.select({ id: areas.id, nameZh: areas.nameZh, nameEn: areas.nameEn }).from(areas).where(and(eq(areas.centreId, centreId), eq(areas.id, areaId))).limit(1))[0];

export const listProfiles = (tx: ReadTx, centreId: string, ids?: string[]) =>
  tx
    .select({ p: incubatorProfiles, areaNameZh: areas.nameZh, areaNameEn: areas.nameEn })
    .from(incubatorProfiles)
    .leftJoin(areas, eq(areas.id, incubatorProfiles.areaId))
    .where(and(eq(incubatorProfiles.centreId, centreId), ids ? inArray(incubatorProfiles.id, ids) : undefined))
    .orderBy(asc(incubatorProfiles.incubatorType), asc(incubatorProfiles.id));

export const findProfile = async (tx: ReadTx, centreId: string, id: string): Promise<ProfileRow | undefined> => (await tx.select().from(incubatorProfiles).where(and(eq(incubatorProfiles.centreId, centreId), eq(incubatorProfiles.id, id))).limit(1))[0];
export const profileOfEntity = async (tx: ReadTx, entityId: string): Promise<ProfileRow | undefined> => (await tx.select().from(incubatorProfiles).where(eq(incubatorProfiles.entityId, entityId)).limit(1))[0];
export const insertProfile = async (tx: WriteTx, row: typeof incubatorProfiles.$inferInsert): Promise<ProfileRow> => (await tx.insert(incubatorProfiles).values(row).returning())[0] as ProfileRow;
export const updateProfile = async (tx: WriteTx, id: string, version: number, set: Partial<typeof incubatorProfiles.$inferInsert>): Promise<ProfileRow | undefined> =>
  (await tx.update(incubatorProfiles).set({ ...set, version: version + 1 }).where(and(eq(incubatorProfiles.id, id), eq(incubatorProfiles.version, version))).returning())[0];

export const cohortsOf = (tx: ReadTx, incubatorIds: string[]) => (incubatorIds.length === 0 ? Promise.resolve([] as CohortRow[]) : tx.select().from(incubatorCohorts).where(inArray(incubatorCohorts.incubatorId, incubatorIds)).orderBy(asc(incubatorCohorts.intakeYear), asc(incubatorCohorts.term)));
export const findCohort = async (tx: ReadTx, incubatorId: string, cohortId: string): Promise<CohortRow | undefined> => (await tx.select().from(incubatorCohorts).where(and(eq(incubatorCohorts.incubatorId, incubatorId), eq(incubatorCohorts.id, cohortId))).limit(1))[0];
export const cohortExists = async (tx: ReadTx, incubatorId: string, intakeYear: number, term: string): Promise<boolean> =>
  (await tx.select({ id: incubatorCohorts.id }).from(incubatorCohorts).where(and(eq(incubatorCohorts.incubatorId, incubatorId), eq(incubatorCohorts.intakeYear, intakeYear), eq(incubatorCohorts.term, term))).limit(1)).length > 0;
export const insertCohort = async (tx: WriteTx, row: typeof incubatorCohorts.$inferInsert): Promise<CohortRow> => (await tx.insert(incubatorCohorts).values(row).returning())[0] as CohortRow;

export const residentsOf = (tx: ReadTx, cohortIds: string[]) =>
  cohortIds.length === 0
    ? Promise.resolve([])
    : tx
        .select({ r: incubatorResidents, nameZh: entities.nameZh, nameEn: entities.nameEn, status: entities.status, attributes: entities.attributes })
        .from(incubatorResidents)
        .innerJoin(entities, eq(entities.id, incubatorResidents.entityId))
        .where(inArray(incubatorResidents.cohortId, cohortIds))
        .orderBy(asc(incubatorResidents.enteredOn), asc(incubatorResidents.id));
export const findResident = async (tx: ReadTx, cohortId: string, id: string): Promise<ResidentRow | undefined> => (await tx.select().from(incubatorResidents).where(and(eq(incubatorResidents.cohortId, cohortId), eq(incubatorResidents.id, id))).limit(1))[0];
export const residentExists = async (tx: ReadTx, cohortId: string, entityId: string): Promise<boolean> =>
  (await tx.select({ id: incubatorResidents.id }).from(incubatorResidents).where(and(eq(incubatorResidents.cohortId, cohortId), eq(incubatorResidents.entityId, entityId))).limit(1)).length > 0;
export const insertResident = async (tx: WriteTx, row: typeof incubatorResidents.$inferInsert): Promise<ResidentRow> => (await tx.insert(incubatorResidents).values(row).returning())[0] as ResidentRow;
export const updateResident = async (tx: WriteTx, id: string, version: number, set: Partial<typeof incubatorResidents.$inferInsert>): Promise<ResidentRow | undefined> =>
  (await tx.update(incubatorResidents).set({ ...set, version: version + 1 }).where(and(eq(incubatorResidents.id, id), eq(incubatorResidents.version, version))).returning())[0];

/** Dates of what the start-ups did: investment rounds announced, registered contracts they sold (signed on), patents they applied for. */
export const activityOf = async (tx: ReadTx, centreId: string, entityIds: string[]) => {
  if (entityIds.length === 0) return { rounds: [], contracts: [], patents: [] };
  const rounds = await tx.select({ entityId: investmentRounds.investeeId, day: investmentRounds.announcedOn }).from(investmentRounds).where(and(eq(investmentRounds.centreId, centreId), inArray(investmentRounds.investeeId, entityIds)));
  const contracts = await tx.select({ entityId: techContracts.sellerId, day: techContracts.signedOn }).from(techContracts).where(and(eq(techContracts.centreId, centreId), eq(techContracts.state, 'registered'), inArray(techContracts.sellerId, entityIds)));
  const filed = await tx
    .selectDistinct({ entityId: sql<string>`${patentParties.entityId}`, patentId: patents.id, day: patents.applicationDate })
    .from(patentParties)
    .innerJoin(patents, eq(patents.id, patentParties.patentId))
    .where(and(eq(patents.centreId, centreId), eq(patentParties.role, 'applicant'), inArray(patentParties.entityId, entityIds)));
  return { rounds, contracts, patents: filed.map((p) => ({ entityId: p.entityId, day: p.day })) };
};
