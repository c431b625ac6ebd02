import { aliasedTable, and, asc, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { callApplicationMembers, callApplications, callCriteria, callProgrammes, calls, entities, rdCentreApplications, rdCentreHires, rdCentreRecognitions, rdCentreSupport, recognitions, techContracts, users } from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';

export type RdApplicationRow = typeof rdCentreApplications.$inferSelect;
export type RdRecognitionRow = typeof rdCentreRecognitions.$inferSelect;
export type SupportRow = typeof rdCentreSupport.$inferSelect;
export type HireRow = typeof rdCentreHires.$inferSelect;

export const RECOGNITION_TYPE = 'foreign_rnd_centre';

// ---------------------------------------------------------------- rounds
/** Calls of the centre's recognition programmes, with how many applications left draft. */
export const listRounds = (tx: ReadTx, centreId: string, publicOnly: boolean) =>
  tx
    .select({
      call: calls,
      applications: sql<number>`(select count(*)::int from call_applications a where a.call_id = ${calls.id} and a.state <> 'draft')`,
    })
    .from(calls)
    .innerJoin(callProgrammes, eq(callProgrammes.id, calls.programmeId))
    .where(and(eq(calls.centreId, centreId), eq(callProgrammes.kind, 'recognition'), publicOnly ? sql`${calls.state} <> 'draft' and ${calls.state} <> 'internal_review'` : undefined))
    .orderBy(desc(calls.createdAt), asc(calls.id));

export const criteriaOf = (tx: ReadTx, callIds: string[]) =>
  callIds.length === 0 ? Promise.resolve([]) : tx.select().from(callCriteria).where(inArray(callCriteria.callId, callIds)).orderBy(asc(callCriteria.position));

export const programmeKindOf = async (tx: ReadTx, programmeId: string): Promise<string | undefined> =>
  (await tx.select({ kind: callProgrammes.kind }).from(callProgrammes).where(eq(callProgrammes.id, programmeId)).limit(1))[0]?.kind;

// ---------------------------------------------------------------- applications
export const insertRdApplication = async (tx: WriteTx, row: typeof rdCentreApplications.$inferInsert): Promise<RdApplicationRow> => (await tx.insert(rdCentreApplications).values(row).returning())[0] as RdApplicationRow;

export const updateRdApplicationRow = async (tx: WriteTx, id: string, version: number, patch: Partial<RdApplicationRow>): Promise<RdApplicationRow | undefined> =>
  (await tx.update(rdCentreApplications).set({ ...patch, version: version + 1 }).where(and(eq(rdCentreApplications.applicationId, id), eq(rdCentreApplications.version, version))).returning())[0];

const applicationSelect = { rd: rdCentreApplications, application: callApplications, call: calls, recognitionId: rdCentreRecognitions.recognitionId };

export const findRdApplication = async (tx: ReadTx, centreId: string, applicationId: string) =>
  (
    await tx
      .select(applicationSelect)
      .from(rdCentreApplications)
      .innerJoin(callApplications, eq(callApplications.id, rdCentreApplications.applicationId))
      .innerJoin(calls, eq(calls.id, callApplications.callId))
      .leftJoin(rdCentreRecognitions, eq(rdCentreRecognitions.applicationId, rdCentreApplications.applicationId))
      .where(and(eq(rdCentreApplications.centreId, centreId), eq(rdCentreApplications.applicationId, applicationId)))
      .limit(1)
  )[0];

/** Applications of the centre (drafts excluded), or only one organisation's (its drafts included). */
export const listRdApplications = (tx: ReadTx, centreId: string, organisationId: string | null) =>
  tx
    .select(applicationSelect)
    .from(rdCentreApplications)
    .innerJoin(callApplications, eq(callApplications.id, rdCentreApplications.applicationId))
    .innerJoin(calls, eq(calls.id, callApplications.callId))
    .leftJoin(rdCentreRecognitions, eq(rdCentreRecognitions.applicationId, rdCentreApplications.applicationId))
    .where(and(eq(rdCentreApplications.centreId, centreId), organisationId ? eq(callApplications.applicantOrgId, organisationId) : ne(callApplications.state, 'draft')))
    .orderBy(desc(callApplications.createdAt), asc(callApplications.id))
    .limit(500);

export const headOf = async (tx: ReadTx, applicationId: string): Promise<string | null> =>
  (await tx.select({ id: callApplicationMembers.entityId }).from(callApplicationMembers).where(and(eq(callApplicationMembers.applicationId, applicationId), eq(callApplicationMembers.role, 'pi'))).limit(1))[0]?.id ?? null;

/** Whether the organisation already holds a recognition that is not revoked (one recognised centre per organisation). */
export const liveRecognitionOf = async (tx: ReadTx, entityId: string): Promise<string | null> =>
  (
    await tx
      .select({ id: recognitions.id })
      .from(recognitions)
      .innerJoin(rdCentreRecognitions, eq(rdCentreRecognitions.recognitionId, recognitions.id))
      .where(and(eq(recognitions.entityId, entityId), eq(recognitions.type, RECOGNITION_TYPE), sql`${rdCentreRecognitions.revokedOn} is null`))
      .limit(1)
  )[0]?.id ?? null;

// ---------------------------------------------------------------- recognitions
export const insertRecognition = async (tx: WriteTx, registry: typeof recognitions.$inferInsert, own: typeof rdCentreRecognitions.$inferInsert): Promise<void> => {
  await tx.insert(recognitions).values(registry);
  await tx.insert(rdCentreRecognitions).values(own);
};

const recognitionSelect = { own: rdCentreRecognitions, registry: recognitions, housekeeper: { id: users.id, displayName: users.displayName } };

export const findRecognition = async (tx: ReadTx, centreId: string, id: string) =>
  (
    await tx
      .select(recognitionSelect)
      .from(rdCentreRecognitions)
      .innerJoin(recognitions, eq(recognitions.id, rdCentreRecognitions.recognitionId))
      .leftJoin(users, eq(users.id, rdCentreRecognitions.housekeeperUserId))
      .where(and(eq(rdCentreRecognitions.centreId, centreId), eq(rdCentreRecognitions.recognitionId, id)))
      .limit(1)
  )[0];

export const listRecognitions = (tx: ReadTx, centreId: string, entityId?: string) =>
  tx
    .select(recognitionSelect)
    .from(rdCentreRecognitions)
    .innerJoin(recognitions, eq(recognitions.id, rdCentreRecognitions.recognitionId))
    .leftJoin(users, eq(users.id, rdCentreRecognitions.housekeeperUserId))
    .where(and(eq(rdCentreRecognitions.centreId, centreId), entityId ? eq(recognitions.entityId, entityId) : undefined))
    .orderBy(desc(recognitions.validFrom), asc(rdCentreRecognitions.recognitionId))
    .limit(1000);

export const rdApplicationsByIds = (tx: ReadTx, ids: string[]) => (ids.length === 0 ? Promise.resolve([]) : tx.select().from(rdCentreApplications).where(inArray(rdCentreApplications.applicationId, ids)));

export const updateRecognitionRows = async (tx: WriteTx, id: string, version: number, own: Partial<RdRecognitionRow>, registry: Partial<typeof recognitions.$inferInsert> | null): Promise<RdRecognitionRow | undefined> => {
  const [row] = await tx.update(rdCentreRecognitions).set({ ...own, version: version + 1 }).where(and(eq(rdCentreRecognitions.recognitionId, id), eq(rdCentreRecognitions.version, version))).returning();
  if (row && registry) await tx.update(recognitions).set(registry).where(eq(recognitions.id, id));
  return row;
};

export const insertSupport = async (tx: WriteTx, row: typeof rdCentreSupport.$inferInsert): Promise<SupportRow> => (await tx.insert(rdCentreSupport).values(row).returning())[0] as SupportRow;
export const listSupport = (tx: ReadTx, recognitionIds: string[]): Promise<SupportRow[]> =>
  recognitionIds.length === 0 ? Promise.resolve([]) : tx.select().from(rdCentreSupport).where(inArray(rdCentreSupport.recognitionId, recognitionIds)).orderBy(asc(rdCentreSupport.grantedOn), asc(rdCentreSupport.id));

export const insertHire = async (tx: WriteTx, row: typeof rdCentreHires.$inferInsert): Promise<HireRow> => (await tx.insert(rdCentreHires).values(row).returning())[0] as HireRow;
export const listHires = (tx: ReadTx, recognitionIds: string[]): Promise<HireRow[]> =>
  recognitionIds.length === 0 ? Promise.resolve([]) : tx.select().from(rdCentreHires).where(inArray(rdCentreHires.recognitionId, recognitionIds)).orderBy(asc(rdCentreHires.periodFrom), asc(rdCentreHires.id));

export const findUser = async (tx: ReadTx, id: string) => (await tx.select({ id: users.id, role: users.role, centreId: users.centreId, disabled: users.disabled, displayName: users.displayName }).from(users).where(eq(users.id, id)).limit(1))[0];

export const listOfficerUsers = (tx: ReadTx, centreId: string, roles: string[]) =>
  tx
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.disabled, false), inArray(users.role, roles), or(eq(users.centreId, centreId), sql`${users.centreId} is null`)))
    .orderBy(asc(users.displayName))
    .limit(500);

// ---------------------------------------------------------------- local open-innovation outputs
const other = aliasedTable(callApplicationMembers, 'other_member');
const otherOrg = aliasedTable(entities, 'other_org');

/**
 * Joint projects: awarded or completed applications of other programmes in
 * which the organisations lead or partner together with at least one other
 * organisation of the centre's registry (a local partner).
 */
export const jointProjects = async (tx: ReadTx, centreId: string, orgIds: string[]) => {
  if (orgIds.length === 0) return [];
  return tx
    .select({ orgId: callApplicationMembers.entityId, applicationId: callApplications.id, callId: calls.id, title: callApplications.title, state: callApplications.state, decidedAt: callApplications.decidedAt, partnerId: otherOrg.id, partnerZh: otherOrg.nameZh, partnerEn: otherOrg.nameEn })
    .from(callApplicationMembers)
    .innerJoin(callApplications, eq(callApplications.id, callApplicationMembers.applicationId))
    .innerJoin(calls, eq(calls.id, callApplications.callId))
    .innerJoin(callProgrammes, eq(callProgrammes.id, calls.programmeId))
    .innerJoin(other, and(eq(other.applicationId, callApplications.id), inArray(other.role, ['lead', 'partner']), ne(other.entityId, callApplicationMembers.entityId)))
    .innerJoin(otherOrg, and(eq(otherOrg.id, other.entityId), eq(otherOrg.centreId, centreId)))
    .where(and(inArray(callApplicationMembers.entityId, orgIds), inArray(callApplicationMembers.role, ['lead', 'partner']), eq(calls.centreId, centreId), ne(callProgrammes.kind, 'recognition'), inArray(callApplications.state, ['awarded', 'completed'])))
    .orderBy(asc(callApplications.decidedAt), asc(callApplications.id));
};

const buyer = aliasedTable(entities, 'buyer');
const seller = aliasedTable(entities, 'seller');

/** Registered technology contracts between the organisations and another organisation of the centre's registry, either side selling. */
export const localContracts = async (tx: ReadTx, centreId: string, orgIds: string[]) => {
  if (orgIds.length === 0) return [];
  return tx
    .select({ id: techContracts.id, title: techContracts.title, technicalAmount: techContracts.technicalAmount, registeredOn: techContracts.registeredOn, sellerId: techContracts.sellerId, buyerId: techContracts.buyerEntityId, sellerZh: seller.nameZh, sellerEn: seller.nameEn, buyerZh: buyer.nameZh, buyerEn: buyer.nameEn })
    .from(techContracts)
    .innerJoin(seller, eq(seller.id, techContracts.sellerId))
    .innerJoin(buyer, and(eq(buyer.id, techContracts.buyerEntityId), eq(buyer.centreId, centreId)))
    .where(and(eq(techContracts.centreId, centreId), eq(techContracts.state, 'registered'), or(inArray(techContracts.sellerId, orgIds), inArray(techContracts.buyerEntityId, orgIds)), ne(techContracts.sellerId, buyer.id)))
    .orderBy(asc(techContracts.registeredOn), asc(techContracts.id));
};

/** Recognitions with the organisation's area, for the indicator. */
export const recognitionRecords = (tx: ReadTx, centreId: string) =>
  tx
    .select({ id: recognitions.id, validFrom: recognitions.validFrom, areaId: entities.areaId, isSample: rdCentreRecognitions.isSample })
    .from(rdCentreRecognitions)
    .innerJoin(recognitions, eq(recognitions.id, rdCentreRecognitions.recognitionId))
    .innerJoin(entities, eq(entities.id, recognitions.entityId))
    .where(eq(rdCentreRecognitions.centreId, centreId));
