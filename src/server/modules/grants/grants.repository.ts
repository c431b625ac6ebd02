import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import {
  callApplications,
  callProgrammes,
  calls,
  entities,
  grantApplications,
  grantExpenseRejections,
  grantExpenses,
  grantFinalReports,
  grantFundingSources,
  grantOutputs,
  grantTracks,
  negativeListItems,
  negativeListVersions,
  patents,
} from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';

export type TrackRow = typeof grantTracks.$inferSelect;
export type GrantApplicationRow = typeof grantApplications.$inferSelect;
export type FundingRow = typeof grantFundingSources.$inferSelect;
export type ListVersionRow = typeof negativeListVersions.$inferSelect;
export type ListItemRow = typeof negativeListItems.$inferSelect;
export type ExpenseRow = typeof grantExpenses.$inferSelect;
export type RejectionRow = typeof grantExpenseRejections.$inferSelect;
export type ReportRow = typeof grantFinalReports.$inferSelect;
export type OutputRow = typeof grantOutputs.$inferSelect;

// ---------------------------------------------------------------- calls and tracks
export const insertTracks = async (tx: WriteTx, rows: TrackRow[]): Promise<void> => {
  if (rows.length) await tx.insert(grantTracks).values(rows);
};
export const listTracks = (tx: ReadTx, callIds: string[]): Promise<TrackRow[]> =>
  callIds.length === 0 ? Promise.resolve([]) : tx.select().from(grantTracks).where(inArray(grantTracks.callId, callIds)).orderBy(asc(grantTracks.callId), asc(grantTracks.code));

/** Calls of grant programmes, newest first, with their programme. */
export const listGrantCalls = (tx: ReadTx, centreId: string) =>
  tx
    .select({ call: calls, programme: { titleZh: callProgrammes.titleZh, titleEn: callProgrammes.titleEn, year: callProgrammes.year } })
    .from(calls)
    .innerJoin(callProgrammes, eq(callProgrammes.id, calls.programmeId))
    .where(and(eq(calls.centreId, centreId), eq(callProgrammes.kind, 'grant')))
    .orderBy(desc(calls.createdAt), asc(calls.id))
    .limit(500);

export const trackCounts = async (tx: ReadTx, callIds: string[]): Promise<{ callId: string; track: string; n: number }[]> =>
  callIds.length === 0
    ? []
    : tx
        .select({ callId: grantApplications.callId, track: grantApplications.track, n: sql<number>`count(*)::int` })
        .from(grantApplications)
        .innerJoin(callApplications, eq(callApplications.id, grantApplications.applicationId))
        .where(and(inArray(grantApplications.callId, callIds), ne(callApplications.state, 'draft')))
        .groupBy(grantApplications.callId, grantApplications.track);

// ---------------------------------------------------------------- grant applications
export const insertGrantApplication = async (tx: WriteTx, row: typeof grantApplications.$inferInsert): Promise<void> => {
  await tx.insert(grantApplications).values(row);
};
export const findGrantApplication = async (tx: ReadTx, applicationId: string): Promise<GrantApplicationRow | undefined> =>
  (await tx.select().from(grantApplications).where(eq(grantApplications.applicationId, applicationId)).limit(1))[0];
export const listGrantApplicationsOfCall = (tx: ReadTx, callId: string): Promise<GrantApplicationRow[]> => tx.select().from(grantApplications).where(eq(grantApplications.callId, callId));
export const updateGrantApplication = async (tx: WriteTx, applicationId: string, version: number, patch: Partial<GrantApplicationRow>): Promise<GrantApplicationRow | undefined> =>
  (
    await tx
      .update(grantApplications)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(grantApplications.applicationId, applicationId), eq(grantApplications.version, version)))
      .returning()
  )[0];

/** Awarded (or finished) grant projects of a centre, optionally of one applying organisation. */
export const listProjects = (tx: ReadTx, centreId: string, orgId: string | null) =>
  tx
    .select({ grant: grantApplications, app: callApplications, call: calls, reportState: grantFinalReports.state })
    .from(grantApplications)
    .innerJoin(callApplications, eq(callApplications.id, grantApplications.applicationId))
    .innerJoin(calls, eq(calls.id, grantApplications.callId))
    .leftJoin(grantFinalReports, eq(grantFinalReports.applicationId, grantApplications.applicationId))
    .where(and(eq(grantApplications.centreId, centreId), inArray(callApplications.state, ['awarded', 'completed', 'terminated']), orgId ? eq(callApplications.applicantOrgId, orgId) : undefined))
    .orderBy(desc(callApplications.decidedAt), asc(callApplications.id))
    .limit(1000);

export const leadOf = async (tx: ReadTx, applicationIds: string[]): Promise<Map<string, { id: string; nameZh: string | null; nameEn: string }>> => {
  if (applicationIds.length === 0) return new Map();
  const rows = await tx
    .select({ applicationId: sql<string>`m.application_id`, id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn })
    .from(sql`call_application_members m`)
    .innerJoin(entities, sql`${entities.id} = m.entity_id`)
    .where(sql`m.role = 'lead' and m.application_id in ${applicationIds}`);
  return new Map(rows.map((r) => [r.applicationId, { id: r.id, nameZh: r.nameZh, nameEn: r.nameEn }]));
};

// ---------------------------------------------------------------- co-funding
export const insertFunding = async (tx: WriteTx, row: typeof grantFundingSources.$inferInsert): Promise<FundingRow> => (await tx.insert(grantFundingSources).values(row).returning())[0] as FundingRow;
export const listFunding = (tx: ReadTx, applicationId: string): Promise<FundingRow[]> =>
  tx.select().from(grantFundingSources).where(eq(grantFundingSources.applicationId, applicationId)).orderBy(asc(grantFundingSources.year), asc(grantFundingSources.recordedAt), asc(grantFundingSources.id));

/** Every co-funding record of the centre's grant projects, with the project's programme. */
export const fundingRecords = (tx: ReadTx, centreId: string) =>
  tx
    .select({ id: grantFundingSources.id, year: grantFundingSources.year, nature: grantFundingSources.nature, amountFen: grantFundingSources.amountFen, isSample: grantFundingSources.isSample, programmeId: calls.programmeId, programmeTitleZh: callProgrammes.titleZh, programmeTitleEn: callProgrammes.titleEn })
    .from(grantFundingSources)
    .innerJoin(grantApplications, eq(grantApplications.applicationId, grantFundingSources.applicationId))
    .innerJoin(calls, eq(calls.id, grantApplications.callId))
    .innerJoin(callProgrammes, eq(callProgrammes.id, calls.programmeId))
    .where(eq(grantFundingSources.centreId, centreId));

/** Supporting units (依托单位): lead organisations of awarded grant projects. */
export const supportingUnits = async (tx: ReadTx, centreId: string): Promise<string[]> =>
  (
    await tx
      .selectDistinct({ id: callApplications.applicantOrgId })
      .from(grantApplications)
      .innerJoin(callApplications, eq(callApplications.id, grantApplications.applicationId))
      .where(and(eq(grantApplications.centreId, centreId), inArray(callApplications.state, ['awarded', 'completed'])))
  )
    .flatMap((r) => (r.id ? [r.id] : []))
    .sort();

// ---------------------------------------------------------------- negative list
export const listVersions = (tx: ReadTx, centreId: string): Promise<ListVersionRow[]> =>
  tx.select().from(negativeListVersions).where(eq(negativeListVersions.centreId, centreId)).orderBy(desc(negativeListVersions.number));
export const listItems = (tx: ReadTx, versionIds: string[]): Promise<ListItemRow[]> =>
  versionIds.length === 0 ? Promise.resolve([]) : tx.select().from(negativeListItems).where(inArray(negativeListItems.versionId, versionIds)).orderBy(asc(negativeListItems.versionId), asc(negativeListItems.position));
export const nextVersionNumber = async (tx: ReadTx, centreId: string): Promise<number> =>
  ((await tx.select({ n: sql<number | null>`max(${negativeListVersions.number})` }).from(negativeListVersions).where(eq(negativeListVersions.centreId, centreId)))[0]?.n ?? 0) + 1;
export const insertVersion = async (tx: WriteTx, row: ListVersionRow, items: ListItemRow[]): Promise<void> => {
  await tx.insert(negativeListVersions).values(row);
  await tx.insert(negativeListItems).values(items);
};

// ---------------------------------------------------------------- ledger
export const insertExpense = async (tx: WriteTx, row: ExpenseRow): Promise<void> => {
  await tx.insert(grantExpenses).values(row);
};
export const listExpenses = (tx: ReadTx, applicationId: string): Promise<ExpenseRow[]> =>
  tx.select().from(grantExpenses).where(eq(grantExpenses.applicationId, applicationId)).orderBy(asc(grantExpenses.recordedAt), asc(grantExpenses.id));
export const insertRejection = async (tx: WriteTx, row: RejectionRow): Promise<void> => {
  await tx.insert(grantExpenseRejections).values(row);
};
export const listRejections = (tx: ReadTx, applicationId: string): Promise<RejectionRow[]> =>
  tx.select().from(grantExpenseRejections).where(eq(grantExpenseRejections.applicationId, applicationId)).orderBy(desc(grantExpenseRejections.attemptedAt), asc(grantExpenseRejections.id));
export const rejectionCounts = async (tx: ReadTx, applicationIds: string[]): Promise<Map<string, number>> => {
  if (applicationIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: grantExpenseRejections.applicationId, n: sql<number>`count(*)::int` })
    .from(grantExpenseRejections)
    .where(inArray(grantExpenseRejections.applicationId, applicationIds))
    .groupBy(grantExpenseRejections.applicationId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
};

// ---------------------------------------------------------------- final report
export const findReport = async (tx: ReadTx, applicationId: string): Promise<ReportRow | undefined> =>
  (await tx.select().from(grantFinalReports).where(eq(grantFinalReports.applicationId, applicationId)).limit(1))[0];
export const insertReport = async (tx: WriteTx, row: typeof grantFinalReports.$inferInsert): Promise<ReportRow> => (await tx.insert(grantFinalReports).values(row).returning())[0] as ReportRow;
export const updateReport = async (tx: WriteTx, applicationId: string, version: number, patch: Partial<ReportRow>): Promise<ReportRow | undefined> =>
  (
    await tx
      .update(grantFinalReports)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(grantFinalReports.applicationId, applicationId), eq(grantFinalReports.version, version)))
      .returning()
  )[0];
export const replaceOutputs = async (tx: WriteTx, applicationId: string, rows: OutputRow[]): Promise<void> => {
  await tx.delete(grantOutputs).where(eq(grantOutputs.applicationId, applicationId));
  if (rows.length) await tx.insert(grantOutputs).values(rows);
};
export const listOutputs = (tx: ReadTx, applicationId: string): Promise<OutputRow[]> => tx.select().from(grantOutputs).where(eq(grantOutputs.applicationId, applicationId)).orderBy(asc(grantOutputs.position));

export const findPatentsByNumber = (tx: ReadTx, centreId: string, numbers: string[]) =>
  numbers.length === 0 ? Promise.resolve([]) : tx.select({ id: patents.id, number: patents.number, title: patents.title, legalStatus: patents.legalStatus }).from(patents).where(and(eq(patents.centreId, centreId), inArray(patents.number, numbers)));
export const findPatents = (tx: ReadTx, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : tx.select({ id: patents.id, number: patents.number, title: patents.title, legalStatus: patents.legalStatus }).from(patents).where(inArray(patents.id, ids));

export const findActiveEntities = (tx: ReadTx, centreId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : tx.select({ id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn, category: entities.category }).from(entities).where(and(eq(entities.centreId, centreId), eq(entities.status, 'active'), inArray(entities.id, ids)));
