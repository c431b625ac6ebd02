import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { callApplications, callProgrammes, calls, demands, serviceDepartments as departments, entities, recognitions, talentApplications, talentCalls, talentCredentials, talentServiceRequests, vocabularyTerms } from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';

export type TalentCallRow = typeof talentCalls.$inferSelect;
export type TalentApplicationRow = typeof talentApplications.$inferSelect;
export type CredentialRow = typeof talentCredentials.$inferSelect;
export type ServiceRequestRow = typeof talentServiceRequests.$inferSelect;

export const insertTalentCall = async (tx: WriteTx, row: TalentCallRow): Promise<void> => {
  await tx.insert(talentCalls).values(row);
};

/** Talent calls with their call and programme, in the given states (all when null). */
export const listTalentCalls = (tx: ReadTx, centreId: string, states: readonly string[] | null, callId?: string) =>
  tx
    .select({ talent: talentCalls, call: calls, programme: { id: callProgrammes.id, titleZh: callProgrammes.titleZh, titleEn: callProgrammes.titleEn, kind: callProgrammes.kind } })
    .from(talentCalls)
    .innerJoin(calls, eq(calls.id, talentCalls.callId))
    .innerJoin(callProgrammes, eq(callProgrammes.id, calls.programmeId))
    .where(and(eq(calls.centreId, centreId), states ? inArray(calls.state, [...states]) : undefined, callId ? eq(calls.id, callId) : undefined))
    .orderBy(desc(calls.createdAt), asc(calls.id));

export const insertTalentApplication = async (tx: WriteTx, row: TalentApplicationRow): Promise<void> => {
  await tx.insert(talentApplications).values(row);
};

export const findTalentApplication = async (tx: ReadTx, applicationId: string) =>
  (
    await tx
      .select({ talent: talentApplications, application: callApplications })
      .from(talentApplications)
      .innerJoin(callApplications, eq(callApplications.id, talentApplications.applicationId))
      .where(eq(talentApplications.applicationId, applicationId))
      .limit(1)
  )[0];

/** Talent applications of a centre; narrowed to one call, or to one applicant (their organisation's, or their own). */
export const listTalentApplications = (tx: ReadTx, centreId: string, f: { callId?: string | undefined; applicant?: { userId: string; orgId: string | null } | undefined }) => {
  const where: SQL[] = [eq(calls.centreId, centreId)];
  if (f.callId) where.push(eq(talentApplications.callId, f.callId));
  if (f.applicant) where.push(or(eq(callApplications.createdBy, f.applicant.userId), f.applicant.orgId ? eq(callApplications.applicantOrgId, f.applicant.orgId) : undefined) as SQL);
  return tx
    .select({ talent: talentApplications, application: callApplications })
    .from(talentApplications)
    .innerJoin(callApplications, eq(callApplications.id, talentApplications.applicationId))
    .innerJoin(calls, eq(calls.id, talentApplications.callId))
    .where(and(...where))
    .orderBy(desc(callApplications.createdAt), asc(callApplications.id));
};

export const insertRecognition = async (tx: WriteTx, row: typeof recognitions.$inferInsert) => (await tx.insert(recognitions).values(row).returning())[0] as typeof recognitions.$inferSelect;
export const updateRecognition = async (tx: WriteTx, id: string, patch: Partial<typeof recognitions.$inferInsert>): Promise<void> => {
  await tx.update(recognitions).set(patch).where(eq(recognitions.id, id));
};

export const insertCredential = async (tx: WriteTx, row: typeof talentCredentials.$inferInsert): Promise<CredentialRow> => (await tx.insert(talentCredentials).values(row).returning())[0] as CredentialRow;
export const findCredential = async (tx: ReadTx, centreId: string, id: string): Promise<CredentialRow | undefined> =>
  (await tx.select().from(talentCredentials).where(and(eq(talentCredentials.centreId, centreId), eq(talentCredentials.id, id))).limit(1))[0];
export const findCredentialOfApplication = async (tx: ReadTx, applicationId: string): Promise<CredentialRow | undefined> =>
  (await tx.select().from(talentCredentials).where(eq(talentCredentials.applicationId, applicationId)).limit(1))[0];
export const listCredentials = (tx: ReadTx, centreId: string, f: { holderUserId?: string | undefined; personEntityId?: string | undefined }): Promise<CredentialRow[]> =>
  tx
    .select()
    .from(talentCredentials)
    .where(and(eq(talentCredentials.centreId, centreId), f.holderUserId ? eq(talentCredentials.holderUserId, f.holderUserId) : undefined, f.personEntityId ? eq(talentCredentials.personEntityId, f.personEntityId) : undefined))
    .orderBy(desc(talentCredentials.issuedAt), asc(talentCredentials.id));
export const credentialIdsOfApplications = async (tx: ReadTx, applicationIds: string[]): Promise<Map<string, string>> =>
  new Map(applicationIds.length === 0 ? [] : (await tx.select({ id: talentCredentials.id, applicationId: talentCredentials.applicationId }).from(talentCredentials).where(inArray(talentCredentials.applicationId, applicationIds))).map((r) => [r.applicationId, r.id]));
export const updateCredentialRow = async (tx: WriteTx, id: string, version: number, patch: Partial<CredentialRow>): Promise<CredentialRow | undefined> =>
  (await tx.update(talentCredentials).set({ ...patch, version: version + 1 }).where(and(eq(talentCredentials.id, id), eq(talentCredentials.version, version))).returning())[0];

export const callsAndProgrammes = async (tx: ReadTx, callIds: string[]) =>
  callIds.length === 0
    ? []
    : tx
        .select({ call: { id: calls.id, titleZh: calls.titleZh, titleEn: calls.titleEn }, programme: { id: callProgrammes.id, titleZh: callProgrammes.titleZh, titleEn: callProgrammes.titleEn } })
        .from(calls)
        .innerJoin(callProgrammes, eq(callProgrammes.id, calls.programmeId))
        .where(inArray(calls.id, [...new Set(callIds)]));

export const areaOf = async (tx: ReadTx, entityId: string | null): Promise<string | null> =>
  entityId ? ((await tx.select({ areaId: entities.areaId }).from(entities).where(eq(entities.id, entityId)).limit(1))[0]?.areaId ?? null) : null;

export const insertServiceRequest = async (tx: WriteTx, row: ServiceRequestRow): Promise<void> => {
  await tx.insert(talentServiceRequests).values(row);
};
export const listServiceRequests = (tx: ReadTx, centreId: string, credentialIds: string[] | null) =>
  tx
    .select({
      request: talentServiceRequests,
      credential: { id: talentCredentials.id, category: talentCredentials.category, personEntityId: talentCredentials.personEntityId },
      demand: { id: demands.id, reference: demands.reference, title: demands.title, state: demands.state, type: demands.type, departmentId: demands.departmentId },
      department: { id: departments.id, nameZh: departments.nameZh, nameEn: departments.nameEn },
    })
    .from(talentServiceRequests)
    .innerJoin(talentCredentials, eq(talentCredentials.id, talentServiceRequests.credentialId))
    .innerJoin(demands, eq(demands.id, talentServiceRequests.demandId))
    .leftJoin(departments, eq(departments.id, demands.departmentId))
    .where(and(eq(talentServiceRequests.centreId, centreId), credentialIds ? (credentialIds.length ? inArray(talentServiceRequests.credentialId, credentialIds) : sql`false`) : undefined))
    .orderBy(desc(talentServiceRequests.createdAt), asc(talentServiceRequests.id));

/** Credentials of a centre for the indicator: category, validity, area of the employer, whether sample. */
export const credentialsForFigures = (tx: ReadTx, centreId: string) =>
  tx
    .select({ id: talentCredentials.id, category: talentCredentials.category, validFrom: talentCredentials.validFrom, validTo: talentCredentials.validTo, revokedAt: talentCredentials.revokedAt, areaId: talentCredentials.areaId, isSample: talentCredentials.isSample })
    .from(talentCredentials)
    .where(eq(talentCredentials.centreId, centreId));

/** The centre's label for a talent recognition type, so that registry profiles name it; true when it was added now. */
export const ensureRecognitionTerm = async (tx: WriteTx, row: { centreId: string; code: string; labelZh: string; labelEn: string; description: string; now: Date }): Promise<boolean> =>
  (await tx.insert(vocabularyTerms).values({ centreId: row.centreId, domain: 'recognition', code: row.code, category: null, labelZh: row.labelZh, labelEn: row.labelEn, description: row.description, updatedAt: row.now }).onConflictDoNothing().returning({ code: vocabularyTerms.code })).length > 0;
