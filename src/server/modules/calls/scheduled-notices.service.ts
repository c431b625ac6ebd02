import { randomUUID } from 'node:crypto';
import { and, eq, gt, inArray, lte } from 'drizzle-orm';
import { ROLE_PERMISSIONS, ROLES } from '../../../shared/access.js';
import type { Actor } from '../../../db/audit-log.js';
import type { DbExecutor } from '../../../db/client.js';
import { callApplications, callMilestones, calls, entities, notifications, users } from '../../../db/schema/index.js';
import { withWriteTx, type ReadTx, type WriteTx } from '../../../db/tx.js';
import type { ServiceContext } from '../../context.js';
import type { AppConfig } from '../../config.js';
import * as repo from './calls.repository.js';
import { transitionCallInTx } from './calls.service.js';

/**
 * What the calls engine does by the clock (issue 5, item 6): close calls whose
 * deadline has passed, warn of deadlines three days ahead, remind teams of
 * milestones due within a week and tell them (and officers) of overdue ones,
 * and send each member a weekly digest of the open calls in their fields.
 * Every notice carries a dedupe key, so running this again sends nothing twice.
 */

export const DEADLINE_NOTICE_DAYS = 3;
export const MILESTONE_NOTICE_DAYS = 7;

const DAY = 86_400_000;
const applicantRoles = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('calls:apply'));
const officerRoles = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('calls:manage'));

export type NoticeReport = { closed: number; deadlineNotices: number; milestoneNotices: number; overdueNotices: number; digests: number };

type Notice = { userId: string; centreId: string; template: string; subjectType: string; subjectId: string; payload: Record<string, unknown>; dedupeKey: string };

/** Insert notices; one already sent (same user, same key) is skipped. Returns how many were new. */
const send = async (tx: WriteTx, now: Date, notices: Notice[]): Promise<number> => {
  if (notices.length === 0) return 0;
  const rows = await tx
    .insert(notifications)
    .values(notices.map((n) => ({ id: randomUUID(), createdAt: now, ...n })))
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  return rows.length;
};

/** ISO week, e.g. 2026-W09: the digest's period. */
export const isoWeek = (d: Date): string => {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / DAY + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
};

const usersOfOrgs = async (tx: ReadTx, centreId: string, orgIds: string[], roles: readonly string[]): Promise<{ id: string; organisationId: string | null }[]> =>
  orgIds.length ? (await repo.listUsersBy(tx, { organisationIds: orgIds }, centreId)).filter((u) => roles.includes(u.role)) : [];

const callPayload = (c: { id: string; titleEn: string; titleZh: string | null }) => ({ callId: c.id, callTitle: c.titleEn, callTitleZh: c.titleZh });

export const sendScheduledNotices = async (db: DbExecutor, config: AppConfig, centreId: string, now: Date): Promise<NoticeReport> => {
  const actor: Actor = { kind: 'system', label: 'system:scheduler' };
  const report: NoticeReport = { closed: 0, deadlineNotices: 0, milestoneNotices: 0, overdueNotices: 0, digests: 0 };
  const today = now.toISOString().slice(0, 10);

  // 1. Close each call whose deadline has passed, one transaction per call, as the workflow's 'system' role.
  const expired = await db.select().from(calls).where(and(eq(calls.centreId, centreId), eq(calls.state, 'published'), lte(calls.deadline, now)));
  const ctx: ServiceContext = { db, config, now, user: null, actor, requestId: null, ip: null };
  for (const call of expired) {
    await withWriteTx(db, async (tx) => {
      // Locked: a second scheduler (another server) closing the same call waits here, then finds it closed.
      const [fresh] = await tx.select().from(calls).where(and(eq(calls.centreId, centreId), eq(calls.id, call.id))).for('update');
      if (fresh?.state !== 'published') return;
      await transitionCallInTx(tx, { ...ctx, db: tx }, fresh, { action: 'close', note: null }, ['system']);
      report.closed++;
    });
  }

  await withWriteTx(db, async (tx) => {
    // 2. Deadline in three days: teams with a draft bid, and members whose fields match.
    const soon = await tx.select().from(calls).where(and(eq(calls.centreId, centreId), eq(calls.state, 'published'), gt(calls.deadline, now), lte(calls.deadline, new Date(now.getTime() + DEADLINE_NOTICE_DAYS * DAY))));
    for (const call of soon) {
      const drafts = await tx.select({ org: callApplications.applicantOrgId, createdBy: callApplications.createdBy }).from(callApplications).where(and(eq(callApplications.callId, call.id), eq(callApplications.state, 'draft')));
      const tags = [...new Set(call.fieldCodes.flatMap((f) => [f, f.split('.')[0] as string]))];
      const orgs = [...new Set([...drafts.flatMap((d) => (d.org ? [d.org] : [])), ...(await repo.orgsWithTags(tx, centreId, tags))])];
      const recipients = new Set([...(await usersOfOrgs(tx, centreId, orgs, applicantRoles)).map((u) => u.id), ...drafts.flatMap((d) => (d.createdBy ? [d.createdBy] : []))]);
      report.deadlineNotices += await send(
        tx,
        now,
        [...recipients].map((userId) => ({ userId, centreId, template: 'deadline_soon', subjectType: 'call', subjectId: call.id, payload: { ...callPayload(call), deadline: call.deadline?.toISOString() ?? null }, dedupeKey: `deadline_soon:${call.id}` })),
      );
    }

    // 3. Milestones of awarded work: due within a week (the team), or overdue (the team and the officers).
    const horizon = new Date(now.getTime() + MILESTONE_NOTICE_DAYS * DAY).toISOString().slice(0, 10);
    const open = await tx
      .select({ m: callMilestones, app: callApplications, call: calls })
      .from(callMilestones)
      .innerJoin(callApplications, eq(callApplications.id, callMilestones.applicationId))
      .innerJoin(calls, eq(calls.id, callApplications.callId))
      .where(and(eq(calls.centreId, centreId), inArray(callApplications.state, ['awarded']), inArray(callMilestones.state, ['planned', 'rejected']), lte(callMilestones.dueOn, horizon)));
    const officers = open.length ? (await repo.listUsersBy(tx, { roles: officerRoles }, centreId)).map((u) => u.id) : [];
    for (const { m, app, call } of open) {
      const overdue = m.dueOn < today;
      const team = new Set([...(await usersOfOrgs(tx, centreId, app.applicantOrgId ? [app.applicantOrgId] : [], applicantRoles)).map((u) => u.id), ...(app.createdBy ? [app.createdBy] : [])]);
      const payload = { ...callPayload(call), applicationId: app.id, applicationTitle: app.title, milestoneTitle: m.title, dueOn: m.dueOn };
      const template = overdue ? 'milestone_overdue' : 'milestone_due';
      const recipients = overdue ? new Set([...team, ...officers]) : team;
      const n = await send(tx, now, [...recipients].map((userId) => ({ userId, centreId, template, subjectType: 'milestone', subjectId: m.id, payload, dedupeKey: `${template}:${m.id}:${m.dueOn}` })));
      if (overdue) report.overdueNotices += n;
      else report.milestoneNotices += n;
    }

    // 4. Weekly digest: each member whose organisation's fields match open calls, once per ISO week.
    const openCalls = await tx.select().from(calls).where(and(eq(calls.centreId, centreId), eq(calls.state, 'published'), gt(calls.deadline, now)));
    if (openCalls.length) {
      const week = isoWeek(now);
      const members = await tx
        .select({ id: users.id, tags: entities.industryTags })
        .from(users)
        .innerJoin(entities, eq(entities.id, users.organisationId))
        .where(and(eq(users.disabled, false), eq(users.centreId, centreId), inArray(users.role, applicantRoles)));
      const notices: Notice[] = [];
      for (const member of members) {
        const tags = new Set(member.tags ?? []);
        const matching = openCalls.filter((c) => c.fieldCodes.some((f) => tags.has(f) || tags.has(f.split('.')[0] as string)));
        if (matching.length === 0) continue;
        notices.push({
          userId: member.id,
          centreId,
          template: 'calls_digest',
          subjectType: 'digest',
          subjectId: week,
          payload: { week, calls: matching.map((c) => ({ id: c.id, title: c.titleEn, titleZh: c.titleZh, deadline: c.deadline?.toISOString() ?? null })) },
          dedupeKey: `calls_digest:${week}`,
        });
      }
      report.digests += await send(tx, now, notices);
    }
  });
  return report;
};
