import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, max, or, sql, type SQL } from 'drizzle-orm';
import { areas, callApplications, calls, demandEvents, demands, entities, notifications, recognitions, serviceDepartments, servicePackages, serviceVisits, users } from '../../../db/schema/index.js';
import { readTogether, type ReadTx, type WriteTx } from '../../../db/tx.js';

export type DepartmentRow = typeof serviceDepartments.$inferSelect;
export type PackageRow = typeof servicePackages.$inferSelect;
export type VisitRow = typeof serviceVisits.$inferSelect;
export type DemandRow = typeof demands.$inferSelect;

/** What a line of the ledger shows (and its SLA clocks read): a page reads these, not the case's text and thread fields. */
const DEMAND_SUMMARY_COLUMNS = {
  id: demands.id,
  reference: demands.reference,
  enterpriseId: demands.enterpriseId,
  type: demands.type,
  title: demands.title,
  state: demands.state,
  departmentId: demands.departmentId,
  areaId: demands.areaId,
  receivedAt: demands.receivedAt,
  lastActivityAt: demands.lastActivityAt,
  escalationLevel: demands.escalationLevel,
  reopenCount: demands.reopenCount,
  rating: demands.rating,
  respondBy: demands.respondBy,
  resolveBy: demands.resolveBy,
  acceptedAt: demands.acceptedAt,
  resolvedAt: demands.resolvedAt,
  isSample: demands.isSample,
};
export type DemandSummaryRow = Pick<DemandRow, keyof typeof DEMAND_SUMMARY_COLUMNS>;
export type DemandEventRow = typeof demandEvents.$inferSelect;
export type AreaLink = { id: string; kind: string; parentId: string | null; withinAreaIds: string[] };
export type Named = { id: string; nameZh: string | null; nameEn: string | null };

// ---------------------------------------------------------------- reference data
export const listAreaLinks = (tx: ReadTx, centreId: string): Promise<AreaLink[]> =>
  tx.select({ id: areas.id, kind: areas.kind, parentId: areas.parentId, withinAreaIds: areas.withinAreaIds }).from(areas).where(eq(areas.centreId, centreId));

export const areaNames = async (tx: ReadTx, centreId: string): Promise<Map<string, { nameZh: string; nameEn: string }>> =>
  new Map((await tx.select({ id: areas.id, nameZh: areas.nameZh, nameEn: areas.nameEn }).from(areas).where(eq(areas.centreId, centreId))).map((r) => [r.id, { nameZh: r.nameZh, nameEn: r.nameEn }]));

export const findEnterprise = async (tx: ReadTx, centreId: string, id: string) =>
  (
    await tx
      .select({ id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn, areaId: entities.areaId, kind: entities.kind, category: entities.category, status: entities.status, isSample: entities.isSample })
      .from(entities)
      .where(and(eq(entities.centreId, centreId), eq(entities.id, id)))
  )[0];

export const namesOf = async (tx: ReadTx, ids: readonly string[]): Promise<Map<string, Named>> => {
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn }).from(entities).where(inArray(entities.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
};

export const tiersOf = async (tx: ReadTx, entityIds: readonly string[]): Promise<Map<string, string[]>> => {
  const out = new Map<string, string[]>();
  if (entityIds.length === 0) return out;
  const rows = await tx.selectDistinct({ entityId: recognitions.entityId, type: recognitions.type }).from(recognitions).where(inArray(recognitions.entityId, [...new Set(entityIds)]));
  for (const r of rows) out.set(r.entityId, [...(out.get(r.entityId) ?? []), r.type]);
  return out;
};

export const usersByIds = async (tx: ReadTx, ids: readonly string[]) => {
  if (ids.length === 0) return new Map<string, { id: string; displayName: string; role: string; centreId: string | null; disabled: boolean }>();
  const rows = await tx.select({ id: users.id, displayName: users.displayName, role: users.role, centreId: users.centreId, disabled: users.disabled }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
};

export const enterpriseMemberIds = async (tx: ReadTx, enterpriseId: string): Promise<string[]> =>
  (await tx.select({ id: users.id }).from(users).where(and(eq(users.organisationId, enterpriseId), eq(users.role, 'enterprise_member'), eq(users.disabled, false)))).map((r) => r.id);

// ---------------------------------------------------------------- departments
export const listDepartments = (tx: ReadTx, centreId: string): Promise<DepartmentRow[]> =>
  tx.select().from(serviceDepartments).where(eq(serviceDepartments.centreId, centreId)).orderBy(asc(serviceDepartments.createdAt), asc(serviceDepartments.id));
export const findDepartment = async (tx: ReadTx, centreId: string, id: string): Promise<DepartmentRow | undefined> =>
  (await tx.select().from(serviceDepartments).where(and(eq(serviceDepartments.centreId, centreId), eq(serviceDepartments.id, id))))[0];
export const insertDepartment = async (tx: WriteTx, row: typeof serviceDepartments.$inferInsert): Promise<DepartmentRow> => (await tx.insert(serviceDepartments).values(row).returning())[0] as DepartmentRow;
export const updateDepartment = async (tx: WriteTx, id: string, version: number, patch: Partial<typeof serviceDepartments.$inferInsert>): Promise<DepartmentRow | undefined> =>
  (await tx.update(serviceDepartments).set({ ...patch, version: version + 1 }).where(and(eq(serviceDepartments.id, id), eq(serviceDepartments.version, version))).returning())[0];

// ---------------------------------------------------------------- packages
export const listPackages = (tx: ReadTx, centreId: string, filter: { housekeeperId?: string; enterpriseId?: string; state?: string }): Promise<PackageRow[]> =>
  tx
    .select()
    .from(servicePackages)
    .where(
      and(
        eq(servicePackages.centreId, centreId),
        filter.housekeeperId ? or(eq(servicePackages.primaryHousekeeperId, filter.housekeeperId), eq(servicePackages.backupHousekeeperId, filter.housekeeperId)) : undefined,
        filter.enterpriseId ? eq(servicePackages.enterpriseId, filter.enterpriseId) : undefined,
        filter.state ? eq(servicePackages.state, filter.state) : undefined,
      ),
    )
    .orderBy(asc(servicePackages.nextCheckInOn), asc(servicePackages.id));
export const findPackage = async (tx: ReadTx, centreId: string, id: string): Promise<PackageRow | undefined> =>
  (await tx.select().from(servicePackages).where(and(eq(servicePackages.centreId, centreId), eq(servicePackages.id, id))))[0];
/** The enterprise's package that is not ended (at most one). */
export const activePackageOf = async (tx: ReadTx, enterpriseId: string): Promise<PackageRow | undefined> =>
  (await tx.select().from(servicePackages).where(and(eq(servicePackages.enterpriseId, enterpriseId), sql`${servicePackages.state} <> 'ended'`)).orderBy(desc(servicePackages.createdAt)))[0];
export const insertPackage = async (tx: WriteTx, row: typeof servicePackages.$inferInsert): Promise<PackageRow> => (await tx.insert(servicePackages).values(row).returning())[0] as PackageRow;
export const updatePackage = async (tx: WriteTx, id: string, version: number, patch: Partial<typeof servicePackages.$inferInsert>): Promise<PackageRow | undefined> =>
  (await tx.update(servicePackages).set({ ...patch, version: version + 1 }).where(and(eq(servicePackages.id, id), eq(servicePackages.version, version))).returning())[0];

/** Enterprises holding any of the recognition types: candidates for the key list. */
export const enterprisesWithTiers = (tx: ReadTx, centreId: string, types: readonly string[], limit: number) =>
  tx
    .selectDistinct({ id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn, areaId: entities.areaId })
    .from(entities)
    .innerJoin(recognitions, eq(recognitions.entityId, entities.id))
    .where(and(eq(entities.centreId, centreId), eq(entities.status, 'active'), inArray(recognitions.type, [...types])))
    .orderBy(asc(entities.id))
    .limit(limit);

// ---------------------------------------------------------------- visits
export const insertVisit = async (tx: WriteTx, row: typeof serviceVisits.$inferInsert): Promise<VisitRow> => (await tx.insert(serviceVisits).values(row).returning())[0] as VisitRow;
export const listVisits = (tx: ReadTx, centreId: string, enterpriseId: string | null, limit: number): Promise<VisitRow[]> =>
  tx
    .select()
    .from(serviceVisits)
    .where(and(eq(serviceVisits.centreId, centreId), enterpriseId ? eq(serviceVisits.enterpriseId, enterpriseId) : undefined))
    .orderBy(desc(serviceVisits.visitedOn), desc(serviceVisits.createdAt))
    .limit(limit);
export const demandIdsOfVisits = async (tx: ReadTx, visitIds: readonly string[]): Promise<Map<string, string[]>> => {
  const out = new Map<string, string[]>();
  if (visitIds.length === 0) return out;
  for (const r of await tx.select({ id: demands.id, visitId: demands.visitId }).from(demands).where(inArray(demands.visitId, [...visitIds])).orderBy(asc(demands.createdAt))) {
    if (r.visitId) out.set(r.visitId, [...(out.get(r.visitId) ?? []), r.id]);
  }
  return out;
};

// ---------------------------------------------------------------- demands
export const insertDemand = async (tx: WriteTx, row: typeof demands.$inferInsert): Promise<DemandRow> => (await tx.insert(demands).values(row).returning())[0] as DemandRow;
export const findDemand = async (tx: ReadTx, centreId: string, id: string): Promise<DemandRow | undefined> =>
  (await tx.select().from(demands).where(and(eq(demands.centreId, centreId), eq(demands.id, id))))[0];
export const findDemandForUpdate = async (tx: WriteTx, centreId: string, id: string): Promise<DemandRow | undefined> =>
  (await tx.select().from(demands).where(and(eq(demands.centreId, centreId), eq(demands.id, id))).for('update'))[0];
export const updateDemand = async (tx: WriteTx, id: string, patch: Partial<typeof demands.$inferInsert>): Promise<DemandRow> =>
  (await tx.update(demands).set({ ...patch, version: sql`${demands.version} + 1` }).where(eq(demands.id, id)).returning())[0] as DemandRow;
export const insertEvent = async (tx: WriteTx, row: typeof demandEvents.$inferInsert): Promise<void> => {
  await tx.insert(demandEvents).values(row);
};
/** One entry of a case's thread (undefined when it belongs to another case). */
export const findEvent = async (tx: ReadTx, demandId: string, eventId: string): Promise<DemandEventRow | undefined> =>
  (await tx.select().from(demandEvents).where(and(eq(demandEvents.demandId, demandId), eq(demandEvents.id, eventId))))[0];
export const listEvents = (tx: ReadTx, demandId: string): Promise<DemandEventRow[]> => tx.select().from(demandEvents).where(eq(demandEvents.demandId, demandId)).orderBy(asc(demandEvents.createdAt), asc(demandEvents.id));

export type DemandFilter = {
  centreId: string;
  states?: readonly string[];
  type?: string;
  departmentIds?: readonly string[];
  enterpriseIds?: readonly string[];
  /** Either of these: cases of these departments, of these enterprises, or escalated to these levels in these areas. */
  worklist?: { departmentIds: string[]; enterpriseIds: string[]; escalatedAreaIds: string[]; escalatedAnywhereLevel: number | null };
  overdueAt?: Date;
  receivedFrom?: Date;
  receivedTo?: Date;
  rated?: boolean;
};

const whereDemands = (f: DemandFilter): SQL | undefined => {
  const parts: (SQL | undefined)[] = [eq(demands.centreId, f.centreId)];
  if (f.states) parts.push(inArray(demands.state, [...f.states]));
  if (f.type) parts.push(eq(demands.type, f.type));
  if (f.departmentIds) parts.push(f.departmentIds.length ? inArray(demands.departmentId, [...f.departmentIds]) : sql`false`);
  if (f.enterpriseIds) parts.push(f.enterpriseIds.length ? inArray(demands.enterpriseId, [...f.enterpriseIds]) : sql`false`);
  if (f.worklist) {
    const w = f.worklist;
    const any: SQL[] = [];
    if (w.departmentIds.length) any.push(inArray(demands.departmentId, w.departmentIds));
    if (w.enterpriseIds.length) any.push(inArray(demands.enterpriseId, w.enterpriseIds));
    if (w.escalatedAreaIds.length) any.push(and(gte(demands.escalationLevel, 1), inArray(demands.areaId, w.escalatedAreaIds)) as SQL);
    if (w.escalatedAnywhereLevel !== null) any.push(gte(demands.escalationLevel, w.escalatedAnywhereLevel));
    parts.push(any.length ? or(...any) : sql`false`);
  }
  if (f.overdueAt) parts.push(lt(demands.resolveBy, f.overdueAt), inArray(demands.state, ['received', 'accepted', 'in_progress', 'reopened']));
  if (f.receivedFrom) parts.push(gte(demands.receivedAt, f.receivedFrom));
  if (f.receivedTo) parts.push(lt(demands.receivedAt, f.receivedTo));
  if (f.rated !== undefined) parts.push(f.rated ? isNotNull(demands.rating) : isNull(demands.rating));
  return and(...parts);
};

/**
 * A page of the ledger in its order (`demands_worklist_idx`) and how many cases match, counted up to
 * `countCap + 1`: an exact count of a city's 500,000 cases cost every page ~100 ms (the API load benchmark,
 * issue 10); counting stops past the cap, so the caller can say "more than 1,000".
 */
export const listDemands = async (tx: ReadTx, f: DemandFilter, page: { limit: number; offset: number }, countCap: number): Promise<{ counted: number; rows: DemandSummaryRow[] }> => {
  const where = whereDemands(f);
  const capped = tx.select({ one: sql`1` }).from(demands).where(where).limit(countCap + 1).as('capped');
  const [rows, counted] = await readTogether(tx, [
    () => tx.select(DEMAND_SUMMARY_COLUMNS).from(demands).where(where).orderBy(desc(demands.escalationLevel), asc(demands.resolveBy), asc(demands.id)).limit(page.limit).offset(page.offset),
    async () => (await tx.select({ n: sql<number>`count(*)::int` }).from(capped))[0]?.n ?? 0,
  ]);
  return { counted, rows };
};

/** Every case matching the filter (metrics, clustering): only the columns they need. */
export const demandsForMetrics = (tx: ReadTx, f: DemandFilter) =>
  tx
    .select({
      id: demands.id,
      reference: demands.reference,
      title: demands.title,
      type: demands.type,
      state: demands.state,
      enterpriseId: demands.enterpriseId,
      departmentId: demands.departmentId,
      areaId: demands.areaId,
      receivedAt: demands.receivedAt,
      respondBy: demands.respondBy,
      resolveBy: demands.resolveBy,
      acceptedAt: demands.acceptedAt,
      rating: demands.rating,
      reopenCount: demands.reopenCount,
      topicWords: demands.topicWords,
      isSample: demands.isSample,
    })
    .from(demands)
    .where(whereDemands(f));

/** The first and last receipt of the centre's cases (read off `demands_received_idx`). */
export const receiptSpan = async (tx: ReadTx, centreId: string): Promise<{ first: Date; last: Date } | null> => {
  const [first] = await tx.select({ at: demands.receivedAt }).from(demands).where(eq(demands.centreId, centreId)).orderBy(asc(demands.receivedAt)).limit(1);
  const [last] = await tx.select({ at: demands.receivedAt }).from(demands).where(eq(demands.centreId, centreId)).orderBy(desc(demands.receivedAt)).limit(1);
  return first && last ? { first: first.at, last: last.at } : null;
};

/** Only what the yearly statistics read, for the cases received in [from, to). */
export const casesForStatistics = (tx: ReadTx, centreId: string, from: Date, to: Date) =>
  tx
    .select({ id: demands.id, state: demands.state, receivedAt: demands.receivedAt, respondBy: demands.respondBy, resolveBy: demands.resolveBy, acceptedAt: demands.acceptedAt, rating: demands.rating, isSample: demands.isSample })
    .from(demands)
    .where(and(eq(demands.centreId, centreId), gte(demands.receivedAt, from), lt(demands.receivedAt, to)));

/** Resolve and reopen transitions of the cases received in [from, to), in order: one join, not a list of ids. */
export const resolutionEventsReceivedIn = async (tx: ReadTx, centreId: string, from: Date, to: Date): Promise<{ demandId: string; action: string; createdAt: Date }[]> =>
  (
    await tx
      .select({ demandId: demandEvents.demandId, action: demandEvents.action, createdAt: demandEvents.createdAt })
      .from(demandEvents)
      .innerJoin(demands, eq(demands.id, demandEvents.demandId))
      .where(and(eq(demands.centreId, centreId), gte(demands.receivedAt, from), lt(demands.receivedAt, to), eq(demandEvents.kind, 'transition'), inArray(demandEvents.action, ['resolve', 'reopen'])))
      .orderBy(asc(demandEvents.demandId), asc(demandEvents.createdAt), asc(demandEvents.id))
  ).map((r) => ({ demandId: r.demandId, action: r.action ?? '', createdAt: r.createdAt }));

/** Resolve and reopen transitions of these cases, in order: the reopen-aware metric reads them. */
export const resolutionEvents = async (tx: ReadTx, demandIds: readonly string[]): Promise<{ demandId: string; action: string; createdAt: Date }[]> => {
  if (demandIds.length === 0) return [];
  const out: { demandId: string; action: string; createdAt: Date }[] = [];
  // Chunked so a city-sized report does not build one enormous IN list.
  for (let i = 0; i < demandIds.length; i += 5000) {
    const chunk = demandIds.slice(i, i + 5000);
    const rows = await tx
      .select({ demandId: demandEvents.demandId, action: demandEvents.action, createdAt: demandEvents.createdAt })
      .from(demandEvents)
      .where(and(inArray(demandEvents.demandId, chunk), eq(demandEvents.kind, 'transition'), inArray(demandEvents.action, ['resolve', 'reopen'])))
      .orderBy(asc(demandEvents.demandId), asc(demandEvents.createdAt), asc(demandEvents.id));
    for (const r of rows) out.push({ demandId: r.demandId, action: r.action ?? '', createdAt: r.createdAt });
  }
  return out;
};

/** When the case was last reminded (read inside the transaction that holds the case's row lock). */
export const lastReminderAt = async (tx: ReadTx, demandId: string): Promise<Date | null> => {
  const [row] = await tx.select({ at: max(demandEvents.createdAt) }).from(demandEvents).where(and(eq(demandEvents.demandId, demandId), eq(demandEvents.kind, 'reminder')));
  return row?.at ? new Date(row.at) : null;
};

/** Open cases with the time of their latest reminder (for the ladder). */
export const openDemandsWithReminders = async (tx: ReadTx, centreId: string) => {
  const open = await tx
    .select({ id: demands.id, lastActivityAt: demands.lastActivityAt, escalationLevel: demands.escalationLevel, resolveBy: demands.resolveBy })
    .from(demands)
    .where(and(eq(demands.centreId, centreId), inArray(demands.state, ['received', 'accepted', 'in_progress', 'reopened'])));
  const reminded = new Map<string, Date>();
  for (let i = 0; i < open.length; i += 5000) {
    const ids = open.slice(i, i + 5000).map((d) => d.id);
    const rows = await tx
      .select({ demandId: demandEvents.demandId, at: max(demandEvents.createdAt) })
      .from(demandEvents)
      .where(and(inArray(demandEvents.demandId, ids), eq(demandEvents.kind, 'reminder')))
      .groupBy(demandEvents.demandId);
    for (const r of rows) if (r.at) reminded.set(r.demandId, new Date(r.at));
  }
  return open.map((d) => ({ ...d, remindedAt: reminded.get(d.id) ?? null }));
};

export const resolvedBefore = (tx: ReadTx, centreId: string, before: Date) =>
  tx.select({ id: demands.id }).from(demands).where(and(eq(demands.centreId, centreId), eq(demands.state, 'resolved'), lte(demands.resolvedAt, before)));

export const packagesDueForCheckIn = (tx: ReadTx, centreId: string, today: string): Promise<PackageRow[]> =>
  tx.select().from(servicePackages).where(and(eq(servicePackages.centreId, centreId), inArray(servicePackages.state, ['offered', 'signed']), lte(servicePackages.nextCheckInOn, today)));

export const latestActivity = (tx: ReadTx, demandId: string) => tx.select({ at: max(demandEvents.createdAt) }).from(demandEvents).where(eq(demandEvents.demandId, demandId));

export const insertNotifications = async (tx: WriteTx, rows: (typeof notifications.$inferInsert)[]): Promise<void> => {
  if (rows.length) await tx.insert(notifications).values(rows).onConflictDoNothing();
};

export const applicationsOf = (tx: ReadTx, organisationId: string) =>
  tx
    .select({ id: callApplications.id, callId: callApplications.callId, callTitleZh: calls.titleZh, callTitleEn: calls.titleEn, title: callApplications.title, state: callApplications.state })
    .from(callApplications)
    .innerJoin(calls, eq(calls.id, callApplications.callId))
    .where(eq(callApplications.applicantOrgId, organisationId))
    .orderBy(desc(callApplications.createdAt))
    .limit(50);
