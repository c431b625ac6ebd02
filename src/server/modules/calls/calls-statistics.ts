import { and, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import { computeCallStatistics, DEFAULT_STATISTICS_PARAMS, type StatisticFigure, type StatisticsParams } from '../../../core/calls/statistics.js';
import { callApplicationMembers, callApplications, callChangeLog, callMilestones, calls, personPrivate, recognitions } from '../../../db/schema/index.js';
import { readTogether, type ReadTx } from '../../../db/tx.js';
import { dayIn } from '../../../core/calendar.js';

/**
 * Load the calls engine's records of one centre and compute its statistics
 * (issue 5, item 8). Each figure names the records it counts; the indicators
 * module stores them as derived figures.
 */
/** Instants reach the engine as the centre's local days, so that a figure's year and a milestone's "on time" are the centre's. */
export const loadCallStatistics = async (tx: ReadTx, centreId: string, now: Date, timeZone: string, params: StatisticsParams = DEFAULT_STATISTICS_PARAMS): Promise<StatisticFigure[]> => {
  const callRows = await tx.select({ id: calls.id, state: calls.state, publishedAt: calls.publishedAt, isSample: calls.isSample }).from(calls).where(eq(calls.centreId, centreId));
  if (callRows.length === 0) return [];
  // Subqueries rather than lists of ids: a city's 50,000 applications came close to PostgreSQL's
  // 65,535 parameters a statement, and the lists cost more to send than the join costs to run.
  const centreCalls = tx.select({ id: calls.id }).from(calls).where(eq(calls.centreId, centreId));
  const centreApps = tx.select({ id: callApplications.id }).from(callApplications).where(inArray(callApplications.callId, centreCalls));
  const today = dayIn(now, timeZone);
  const [apps, endings, milestones, pis, smeRows, births] = await readTogether(tx, [
    () =>
      tx
        .select({ id: callApplications.id, callId: callApplications.callId, state: callApplications.state, submittedAt: callApplications.submittedAt, decidedAt: callApplications.decidedAt, leadOrgId: callApplications.applicantOrgId, budget: callApplications.budget })
        .from(callApplications)
        .where(inArray(callApplications.callId, centreCalls)),
    () => tx.select({ callId: callChangeLog.callId, at: callChangeLog.at }).from(callChangeLog).where(and(inArray(callChangeLog.callId, centreCalls), inArray(callChangeLog.entry, ['accepted', 'terminated']))),
    () => tx.select().from(callMilestones).where(inArray(callMilestones.applicationId, centreApps)),
    () => tx.select({ applicationId: callApplicationMembers.applicationId, entityId: callApplicationMembers.entityId }).from(callApplicationMembers).where(and(inArray(callApplicationMembers.applicationId, centreApps), eq(callApplicationMembers.role, 'pi'))),
    () =>
      params.smeRecognitions.length
        ? tx
            .selectDistinct({ entityId: recognitions.entityId })
            .from(recognitions)
            // Held now by a lead applicant: no end date, or one not yet passed.
            .where(and(inArray(recognitions.entityId, tx.select({ id: callApplications.applicantOrgId }).from(callApplications).where(inArray(callApplications.callId, centreCalls))), inArray(recognitions.type, [...params.smeRecognitions]), or(isNull(recognitions.validTo), gte(recognitions.validTo, today))))
        : Promise.resolve([]),
    () =>
      tx
        .select({ entityId: personPrivate.entityId, birthYear: personPrivate.birthYear })
        .from(personPrivate)
        .where(inArray(personPrivate.entityId, tx.select({ id: callApplicationMembers.entityId }).from(callApplicationMembers).where(and(inArray(callApplicationMembers.applicationId, centreApps), eq(callApplicationMembers.role, 'pi'))))),
  ] as const);
  const piOf = new Map(pis.map((p) => [p.applicationId, p.entityId]));
  const endedAt = new Map<string, string>();
  for (const e of endings) endedAt.set(e.callId, dayIn(e.at, timeZone));
  const iso = (d: Date | null) => (d ? dayIn(d, timeZone) : null);
  const callSample = new Map(callRows.map((c) => [c.id, c.isSample]));
  return computeCallStatistics(
    {
      calls: callRows.map((c) => ({ id: c.id, state: c.state, publishedAt: iso(c.publishedAt), endedAt: endedAt.get(c.id) ?? null, isSample: c.isSample })),
      applications: apps.map((a) => ({ id: a.id, callId: a.callId, state: a.state, submittedAt: iso(a.submittedAt), decidedAt: iso(a.decidedAt), leadOrgId: a.leadOrgId, piId: piOf.get(a.id) ?? null, budgetTotal: Number(a.budget?.total ?? 0), isSample: callSample.get(a.callId) ?? false })),
      milestones: milestones.map((m) => ({ id: m.id, applicationId: m.applicationId, dueOn: m.dueOn, state: m.state, submittedAt: iso(m.submittedAt), paidAt: iso(m.paidAt), paidAmount: m.paidAmount })),
      smeOrgIds: new Set(smeRows.map((r) => r.entityId)),
      birthYears: new Map(births.filter((b) => b.birthYear !== null).map((b) => [b.entityId, b.birthYear as number])),
      today,
    },
    params,
  );
};
