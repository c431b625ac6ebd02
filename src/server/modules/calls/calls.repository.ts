import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import {
  callAppeals,
  callApplicationMembers,
  callApplications,
  callChangeLog,
  callCriteria,
  callMilestones,
  callProgrammes,
  calls,
  entities,
  experts,
  grantApplications,
  grantTracks,
  notifications,
  relations,
  reviewAssignments,
  reviews,
  users,
} from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';
import type { ScoringForm } from '../../../core/calls/index.js';

export type ProgrammeRow = typeof callProgrammes.$inferSelect;
export type CallRow = typeof calls.$inferSelect;
export type CriterionRow = typeof callCriteria.$inferSelect;
export type ApplicationRow = typeof callApplications.$inferSelect;
export type MemberRow = typeof callApplicationMembers.$inferSelect;
export type MilestoneRow = typeof callMilestones.$inferSelect;
export type ExpertRow = typeof experts.$inferSelect;
export type AssignmentRow = typeof reviewAssignments.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;
export type AppealRow = typeof callAppeals.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type EntityRef = { id: string; nameZh: string | null; nameEn: string; category: string; centreId: string; status: string; kind: string | null };

// ---------------------------------------------------------------- programmes and calls
export const insertProgramme = async (tx: WriteTx, row: typeof callProgrammes.$inferInsert): Promise<ProgrammeRow> => (await tx.insert(callProgrammes).values(row).returning())[0] as ProgrammeRow;
export const listProgrammes = (tx: ReadTx, centreId: string): Promise<ProgrammeRow[]> => tx.select().from(callProgrammes).where(eq(callProgrammes.centreId, centreId)).orderBy(desc(callProgrammes.createdAt), asc(callProgrammes.id));
export const updateProgrammeRow = async (tx: WriteTx, id: string, values: Partial<typeof callProgrammes.$inferInsert>): Promise<ProgrammeRow> =>
  (await tx.update(callProgrammes).set(values).where(eq(callProgrammes.id, id)).returning())[0] as ProgrammeRow;
/** Whether any call of the programme has gone beyond drafting (published or later). */
export const programmeHasPublishedCalls = async (tx: ReadTx, id: string): Promise<boolean> =>
  (await tx.select({ id: calls.id }).from(calls).where(and(eq(calls.programmeId, id), notInArray(calls.state, ['draft', 'internal_review']))).limit(1)).length > 0;
export const findProgramme = async (tx: ReadTx, id: string): Promise<ProgrammeRow | undefined> => (await tx.select().from(callProgrammes).where(eq(callProgrammes.id, id)).limit(1))[0];

export const insertCall = async (tx: WriteTx, row: typeof calls.$inferInsert): Promise<CallRow> => (await tx.insert(calls).values(row).returning())[0] as CallRow;
export const findCall = async (tx: ReadTx, centreId: string, id: string): Promise<CallRow | undefined> => (await tx.select().from(calls).where(and(eq(calls.centreId, centreId), eq(calls.id, id))).limit(1))[0];
export const findCallById = async (tx: ReadTx, id: string): Promise<CallRow | undefined> => (await tx.select().from(calls).where(eq(calls.id, id)).limit(1))[0];

/** Update only if the state and version are what the caller saw. */
export const updateCallRow = async (tx: WriteTx, id: string, version: number, patch: Partial<CallRow>): Promise<CallRow | undefined> =>
  (await tx.update(calls).set({ ...patch, version: version + 1 }).where(and(eq(calls.id, id), eq(calls.version, version))).returning())[0];

export type CallFilter = { state?: string | undefined; field?: string | undefined; chain?: string | undefined; trl?: number | undefined; programmeId?: string | undefined; states: readonly string[]; limit: number; offset: number };
export const listCalls = async (tx: ReadTx, centreId: string, f: CallFilter): Promise<{ rows: (CallRow & { programmeKind: string })[]; total: number }> => {
  const where: SQL[] = [eq(calls.centreId, centreId), inArray(calls.state, [...f.states])];
  if (f.state) where.push(eq(calls.state, f.state));
  if (f.programmeId) where.push(eq(calls.programmeId, f.programmeId));
  if (f.trl !== undefined) where.push(eq(calls.trlExpected, f.trl));
  if (f.chain) where.push(sql`${calls.chainPosition} ilike ${`%${f.chain.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (f.field) where.push(sql`exists (select 1 from unnest(${calls.fieldCodes}) fc where fc = ${f.field} or fc like ${`${f.field.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`})`);
  const cond = and(...where);
  const [rows, total] = await Promise.all([
    tx
      .select({ call: calls, programmeKind: callProgrammes.kind })
      .from(calls)
      .innerJoin(callProgrammes, eq(callProgrammes.id, calls.programmeId))
      .where(cond)
      .orderBy(desc(calls.deadline), asc(calls.id))
      .limit(f.limit)
      .offset(f.offset),
    tx.$count(calls, cond),
  ]);
  return { rows: rows.map((r) => ({ ...r.call, programmeKind: r.programmeKind })), total };
};

export const listCriteria = (tx: ReadTx, callId: string): Promise<CriterionRow[]> => tx.select().from(callCriteria).where(eq(callCriteria.callId, callId)).orderBy(asc(callCriteria.position));
export const replaceCriteria = async (tx: WriteTx, callId: string, rows: (typeof callCriteria.$inferInsert)[]): Promise<void> => {
  await tx.delete(callCriteria).where(eq(callCriteria.callId, callId));
  if (rows.length) await tx.insert(callCriteria).values(rows);
};
export const updateCriterion = async (tx: WriteTx, id: string, patch: Partial<CriterionRow>): Promise<void> => {
  await tx.update(callCriteria).set(patch).where(eq(callCriteria.id, id));
};

export const insertChangeLog = async (tx: WriteTx, row: typeof callChangeLog.$inferInsert): Promise<void> => {
  await tx.insert(callChangeLog).values(row);
};
export const listChangeLog = (tx: ReadTx, callId: string) => tx.select().from(callChangeLog).where(eq(callChangeLog.callId, callId)).orderBy(asc(callChangeLog.at), asc(callChangeLog.seq));

// ---------------------------------------------------------------- applications
export const insertApplication = async (tx: WriteTx, row: typeof callApplications.$inferInsert): Promise<ApplicationRow> => (await tx.insert(callApplications).values(row).returning())[0] as ApplicationRow;
export const findApplication = async (tx: ReadTx, id: string): Promise<ApplicationRow | undefined> => (await tx.select().from(callApplications).where(eq(callApplications.id, id)).limit(1))[0];
export const updateApplicationRow = async (tx: WriteTx, id: string, version: number, patch: Partial<ApplicationRow>): Promise<ApplicationRow | undefined> =>
  (await tx.update(callApplications).set({ ...patch, version: version + 1 }).where(and(eq(callApplications.id, id), eq(callApplications.version, version))).returning())[0];
export const listApplicationsOfCall = (tx: ReadTx, callId: string): Promise<ApplicationRow[]> => tx.select().from(callApplications).where(eq(callApplications.callId, callId)).orderBy(asc(callApplications.createdAt), asc(callApplications.id));
export const listApplicationsOfOrg = (tx: ReadTx, orgId: string, userId: string): Promise<ApplicationRow[]> =>
  tx.select().from(callApplications).where(or(eq(callApplications.applicantOrgId, orgId), eq(callApplications.createdBy, userId))).orderBy(desc(callApplications.updatedAt));

export const listMembers = (tx: ReadTx, applicationIds: string[]): Promise<MemberRow[]> =>
  applicationIds.length ? tx.select().from(callApplicationMembers).where(inArray(callApplicationMembers.applicationId, applicationIds)) : Promise.resolve([]);
export const replaceMembers = async (tx: WriteTx, applicationId: string, rows: MemberRow[]): Promise<void> => {
  await tx.delete(callApplicationMembers).where(eq(callApplicationMembers.applicationId, applicationId));
  if (rows.length) await tx.insert(callApplicationMembers).values(rows);
};

export const listMilestones = (tx: ReadTx, applicationIds: string[]): Promise<MilestoneRow[]> =>
  applicationIds.length ? tx.select().from(callMilestones).where(inArray(callMilestones.applicationId, applicationIds)).orderBy(asc(callMilestones.applicationId), asc(callMilestones.position)) : Promise.resolve([]);
export const findMilestone = async (tx: ReadTx, id: string): Promise<MilestoneRow | undefined> => (await tx.select().from(callMilestones).where(eq(callMilestones.id, id)).limit(1))[0];
export const replaceMilestones = async (tx: WriteTx, applicationId: string, rows: (typeof callMilestones.$inferInsert)[]): Promise<void> => {
  await tx.delete(callMilestones).where(eq(callMilestones.applicationId, applicationId));
  if (rows.length) await tx.insert(callMilestones).values(rows);
};
export const updateMilestoneRow = async (tx: WriteTx, id: string, version: number, patch: Partial<MilestoneRow>): Promise<MilestoneRow | undefined> =>
  (await tx.update(callMilestones).set({ ...patch, version: version + 1 }).where(and(eq(callMilestones.id, id), eq(callMilestones.version, version))).returning())[0];

export const insertAppeal = async (tx: WriteTx, row: typeof callAppeals.$inferInsert): Promise<void> => {
  await tx.insert(callAppeals).values(row);
};
export const answerOpenAppeal = async (tx: WriteTx, applicationId: string, patch: Partial<AppealRow>): Promise<void> => {
  await tx.update(callAppeals).set(patch).where(and(eq(callAppeals.applicationId, applicationId), eq(callAppeals.outcome, 'open')));
};
export const listAppeals = (tx: ReadTx, applicationId: string): Promise<AppealRow[]> => tx.select().from(callAppeals).where(eq(callAppeals.applicationId, applicationId)).orderBy(asc(callAppeals.lodgedAt));

// ---------------------------------------------------------------- registry look-ups
export const findEntities = async (tx: ReadTx, ids: string[]): Promise<EntityRef[]> =>
  ids.length
    ? tx.select({ id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn, category: entities.category, centreId: entities.centreId, status: entities.status, kind: entities.kind }).from(entities).where(inArray(entities.id, [...new Set(ids)]))
    : [];

/** Affiliations (person → organisation) of these people, as the registry records them. */
export const listAffiliations = (tx: ReadTx, personIds: string[]) =>
  personIds.length
    ? tx.select({ personId: relations.fromId, orgId: relations.toId, from: relations.validFrom, to: relations.validTo }).from(relations).where(and(eq(relations.type, 'affiliated_with'), inArray(relations.fromId, personIds)))
    : Promise.resolve([]);

/** Relations between organisations touching any of these (for conflict detection), and the parents of these. */
export const listOrgLinks = (tx: ReadTx, orgIds: string[], types: readonly string[]) =>
  orgIds.length
    ? tx
        .select({ id: relations.id, type: relations.type, fromId: relations.fromId, toId: relations.toId, validTo: relations.validTo })
        .from(relations)
        .where(and(inArray(relations.type, [...types, 'subsidiary_of']), eq(relations.toKind, 'entity'), or(inArray(relations.fromId, orgIds), inArray(relations.toId, orgIds))))
    : Promise.resolve([]);

/** Past teams (submitted or later) that include any of these organisations or people. */
export const listConsortiaTouching = async (tx: ReadTx, entityIds: string[]): Promise<{ applicationId: string; year: number; entityId: string; role: string }[]> => {
  if (!entityIds.length) return [];
  const apps = tx
    .selectDistinct({ id: callApplicationMembers.applicationId })
    .from(callApplicationMembers)
    .where(inArray(callApplicationMembers.entityId, entityIds));
  const rows = await tx
    .select({ applicationId: callApplicationMembers.applicationId, entityId: callApplicationMembers.entityId, role: callApplicationMembers.role, submittedAt: callApplications.submittedAt })
    .from(callApplicationMembers)
    .innerJoin(callApplications, eq(callApplications.id, callApplicationMembers.applicationId))
    .where(and(inArray(callApplicationMembers.applicationId, apps), ne(callApplications.state, 'draft')));
  return rows.filter((r) => r.submittedAt !== null).map((r) => ({ applicationId: r.applicationId, entityId: r.entityId, role: r.role, year: (r.submittedAt as Date).getUTCFullYear() }));
};

// ---------------------------------------------------------------- experts and review
export const insertExpert = async (tx: WriteTx, row: typeof experts.$inferInsert): Promise<ExpertRow> => (await tx.insert(experts).values(row).returning())[0] as ExpertRow;
export const listExperts = (tx: ReadTx, centreId: string): Promise<ExpertRow[]> => tx.select().from(experts).where(eq(experts.centreId, centreId)).orderBy(asc(experts.id));
export const findExpert = async (tx: ReadTx, id: string): Promise<ExpertRow | undefined> => (await tx.select().from(experts).where(eq(experts.id, id)).limit(1))[0];
export const findExpertByUser = async (tx: ReadTx, userId: string): Promise<ExpertRow | undefined> => (await tx.select().from(experts).where(eq(experts.userId, userId)).limit(1))[0];
export const findExpertByEntity = async (tx: ReadTx, centreId: string, entityId: string): Promise<ExpertRow | undefined> =>
  (await tx.select().from(experts).where(and(eq(experts.centreId, centreId), eq(experts.entityId, entityId))).limit(1))[0];

/** Active (assigned, not yet completed) reviews per expert, across all calls. */
export const expertLoads = async (tx: ReadTx, expertIds: string[]): Promise<Map<string, number>> => {
  if (!expertIds.length) return new Map();
  const rows = await tx
    .select({ expertId: reviewAssignments.expertId, n: sql<number>`count(*)::int` })
    .from(reviewAssignments)
    .where(and(inArray(reviewAssignments.expertId, expertIds), eq(reviewAssignments.state, 'assigned')))
    .groupBy(reviewAssignments.expertId);
  return new Map(rows.map((r) => [r.expertId, Number(r.n)]));
};

export const insertAssignments = async (tx: WriteTx, rows: (typeof reviewAssignments.$inferInsert)[]): Promise<AssignmentRow[]> => (rows.length ? tx.insert(reviewAssignments).values(rows).returning() : []);
export const findAssignment = async (tx: ReadTx, id: string): Promise<AssignmentRow | undefined> => (await tx.select().from(reviewAssignments).where(eq(reviewAssignments.id, id)).limit(1))[0];
export const updateAssignmentRow = async (tx: WriteTx, id: string, fromState: string, patch: Partial<AssignmentRow>): Promise<AssignmentRow | undefined> =>
  (await tx.update(reviewAssignments).set(patch).where(and(eq(reviewAssignments.id, id), eq(reviewAssignments.state, fromState))).returning())[0];
export const listAssignmentsOfCall = (tx: ReadTx, callId: string): Promise<AssignmentRow[]> => tx.select().from(reviewAssignments).where(eq(reviewAssignments.callId, callId)).orderBy(asc(reviewAssignments.applicationId), asc(reviewAssignments.createdAt), asc(reviewAssignments.id));
export const listAssignmentsOfApplication = (tx: ReadTx, applicationId: string): Promise<AssignmentRow[]> =>
  tx.select().from(reviewAssignments).where(eq(reviewAssignments.applicationId, applicationId)).orderBy(asc(reviewAssignments.createdAt), asc(reviewAssignments.id));
export const listAssignmentsOfExpert = (tx: ReadTx, expertId: string): Promise<AssignmentRow[]> => tx.select().from(reviewAssignments).where(eq(reviewAssignments.expertId, expertId)).orderBy(desc(reviewAssignments.createdAt));

export const upsertReview = async (tx: WriteTx, row: typeof reviews.$inferInsert): Promise<void> => {
  await tx.insert(reviews).values(row).onConflictDoUpdate({ target: reviews.assignmentId, set: row });
};
export const listReviews = (tx: ReadTx, assignmentIds: string[]): Promise<ReviewRow[]> => (assignmentIds.length ? tx.select().from(reviews).where(inArray(reviews.assignmentId, assignmentIds)) : Promise.resolve([]));

// ---------------------------------------------------------------- notifications
export type UserRef = { id: string; role: string; centreId: string | null; organisationId: string | null };
export const listUsersBy = (tx: ReadTx, where: { roles?: string[]; organisationIds?: string[]; ids?: string[] }, centreId: string): Promise<UserRef[]> => {
  const conds: SQL[] = [eq(users.disabled, false)];
  const any: SQL[] = [];
  if (where.roles?.length) any.push(and(inArray(users.role, where.roles), or(eq(users.centreId, centreId), isNull(users.centreId))) as SQL);
  if (where.organisationIds?.length) any.push(inArray(users.organisationId, where.organisationIds));
  if (where.ids?.length) any.push(inArray(users.id, where.ids));
  if (!any.length) return Promise.resolve([]);
  return tx.select({ id: users.id, role: users.role, centreId: users.centreId, organisationId: users.organisationId }).from(users).where(and(...conds, or(...any)));
};

/** Members' organisations whose industry tags overlap these field codes (the "new call in your field" audience). */
export const orgsWithTags = async (tx: ReadTx, centreId: string, tags: string[]): Promise<string[]> =>
  tags.length
    ? (await tx.select({ id: entities.id }).from(entities).where(and(eq(entities.centreId, centreId), sql`${entities.industryTags} && ${sql`${`{${tags.map((t) => `"${t.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]`}`)).limit(5000)).map((r) => r.id)
    : [];

export const insertNotifications = async (tx: WriteTx, rows: (typeof notifications.$inferInsert)[]): Promise<void> => {
  if (rows.length) await tx.insert(notifications).values(rows);
};
export const listNotifications = (tx: ReadTx, userId: string, unreadOnly: boolean, limit: number): Promise<NotificationRow[]> =>
  tx
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
export const countUnread = (tx: ReadTx, userId: string): Promise<number> => tx.$count(notifications, and(eq(notifications.userId, userId), isNull(notifications.readAt)));
export const markRead = async (tx: WriteTx, userId: string, id: string, at: Date): Promise<NotificationRow | undefined> =>
  (await tx.update(notifications).set({ readAt: at }).where(and(eq(notifications.id, id), eq(notifications.userId, userId))).returning())[0];

// ---------------------------------------------------------------- open data
const AWARDED_CALL_STATES = ['awarded', 'in_execution', 'accepted', 'terminated'];
const AWARDED_BID_STATES = ['awarded', 'completed', 'terminated'];

/**
 * Where a page of open results resumes: after this award time (as the
 * database prints it, so to the microsecond), call id and bid id ('' for an
 * awarded call without an awarded bid).
 */
export type AwardedKey = { awardedAt: string; callId: string; bidId: string };

const bidKey = sql<string>`coalesce(${callApplications.id}, '')`;
const awardedResults = (centreId: string, callId: string | undefined): SQL =>
  and(eq(calls.centreId, centreId), inArray(calls.state, AWARDED_CALL_STATES), isNotNull(calls.awardedAt), callId ? eq(calls.id, callId) : undefined) as SQL;
const awardedBids = and(eq(callApplications.callId, calls.id), inArray(callApplications.state, AWARDED_BID_STATES));

/**
 * Awarded results, one row an awarded bid (or one for an awarded call with
 * none), newest award first, then call and bid id: a keyset order that
 * calls_centre_awarded_idx walks, so a page costs a page however deep.
 */
export const listAwardedResults = (tx: ReadTx, centreId: string, opts: { callId?: string | undefined; after?: AwardedKey | null; limit: number }) => {
  const { after } = opts;
  return tx
    .select({
      callId: calls.id,
      titleEn: calls.titleEn,
      titleZh: calls.titleZh,
      ownerEntityId: calls.ownerEntityId,
      state: calls.state,
      currency: calls.currency,
      awardedAt: calls.awardedAt,
      isSample: calls.isSample,
      awardedKey: sql<string>`${calls.awardedAt}::text`,
      bidId: bidKey,
      amount: callApplications.awardAmount,
    })
    .from(calls)
    .leftJoin(callApplications, awardedBids)
    .where(
      and(
        awardedResults(centreId, opts.callId),
        after
          ? sql`${calls.awardedAt} <= ${after.awardedAt}::timestamptz and (${calls.awardedAt} < ${after.awardedAt}::timestamptz or (${calls.id}, ${bidKey}) > (${after.callId}::text, ${after.bidId}::text))`
          : undefined,
      ),
    )
    .orderBy(desc(calls.awardedAt), asc(calls.id), asc(bidKey))
    .limit(opts.limit);
};
export type AwardedResultRow = Awaited<ReturnType<typeof listAwardedResults>>[number];

/** How many awarded results match, counting no further than `upTo` (a count stops early instead of reading a city's every row). */
export const countAwardedResults = async (tx: ReadTx, centreId: string, callId: string | undefined, upTo: number): Promise<number> => {
  const matches = tx.select({ one: sql<number>`1`.as('one') }).from(calls).leftJoin(callApplications, awardedBids).where(awardedResults(centreId, callId)).limit(upTo).as('matches');
  return (await tx.select({ n: sql<number>`count(*)::int` }).from(matches))[0]?.n ?? 0;
};

/** The lead organisation of each bid (the first by id should a bid name two). */
export const findLeads = async (tx: ReadTx, applicationIds: string[]): Promise<Map<string, string>> => {
  if (applicationIds.length === 0) return new Map();
  const rows = await tx
    .select({ applicationId: callApplicationMembers.applicationId, entityId: callApplicationMembers.entityId })
    .from(callApplicationMembers)
    .where(and(inArray(callApplicationMembers.applicationId, [...new Set(applicationIds)]), eq(callApplicationMembers.role, 'lead')))
    .orderBy(asc(callApplicationMembers.applicationId), asc(callApplicationMembers.entityId));
  const leads = new Map<string, string>();
  for (const r of rows) if (!leads.has(r.applicationId)) leads.set(r.applicationId, r.entityId);
  return leads;
};

/**
 * The forms applications are scored on where it is not the programme's: a
 * foundation grant application is scored on the review form of the track it
 * chose (free exploration or task-oriented). Applications absent from the map
 * use their programme's form.
 */
export const findTrackReviewForms = async (tx: ReadTx, applicationIds: readonly string[]): Promise<Map<string, ScoringForm>> => {
  if (applicationIds.length === 0) return new Map();
  const rows = await tx
    .select({ applicationId: grantApplications.applicationId, form: grantTracks.reviewForm })
    .from(grantApplications)
    .innerJoin(grantTracks, and(eq(grantTracks.callId, grantApplications.callId), eq(grantTracks.code, grantApplications.track)))
    .where(inArray(grantApplications.applicationId, [...applicationIds]));
  return new Map(rows.map((r) => [r.applicationId, r.form]));
};
