import { randomUUID } from 'node:crypto';
import { DEFAULT_LADDER, ladderStep, type EscalationLevel } from '../../../core/services/index.js';
import { appendAuditEvent } from '../../../db/audit-log.js';
import { readTogether, withWriteTx } from '../../../db/tx.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { centreDay } from '../centres/centre-calendar.js';
import * as repo from './services.repository.js';
import { notifyCase, transitionDemand } from './services.service.js';


/**
 * The clock's part of the case ledger, run by the scheduler: remind the people
 * on an idle case, climb the escalation ladder (district, then municipal
 * coordinator), confirm resolved cases the enterprise left unanswered, and
 * remind housekeepers of check-ins that fall due. Idempotent: each step is
 * recorded, and a second run at the same moment finds nothing to do.
 */
export type ServiceJobReport = { reminded: number; escalated: number; autoConfirmed: number; checkInsDue: number };

const DAY_MS = 86_400_000;
const LEVEL_LABEL = ['housekeeper', 'district coordinator', 'municipal coordinator'] as const;

export const runServiceJobs = async (ctx: ServiceContext, centreId: string): Promise<ServiceJobReport> => {
  const report: ServiceJobReport = { reminded: 0, escalated: 0, autoConfirmed: 0, checkInsDue: 0 };
  const now = ctx.now;
  for (const c of await repo.openDemandsWithReminders(ctx.db, centreId)) {
    const step = ladderStep({ open: true, lastActivityAt: c.lastActivityAt, remindedAt: c.remindedAt, escalationLevel: c.escalationLevel as EscalationLevel, resolveBy: c.resolveBy }, now, DEFAULT_LADDER);
    if (step.kind === 'none') continue;
    await withWriteTx(ctx.db, async (tx) => {
      const d = await repo.findDemandForUpdate(tx, centreId, c.id);
      if (!d || d.lastActivityAt.getTime() !== c.lastActivityAt.getTime() || d.escalationLevel !== c.escalationLevel) return; // someone acted meanwhile
      // A reminder is no change to the case row: another worker's reminder since the list was read shows only in the thread.
      if (step.kind === 'remind' && (await repo.lastReminderAt(tx, d.id))?.getTime() !== c.remindedAt?.getTime()) return;
      const [departments, links, pkg] = await readTogether(tx, [() => repo.listDepartments(tx, centreId), () => repo.listAreaLinks(tx, centreId), () => repo.activePackageOf(tx, d.enterpriseId)]);
      const days = Math.floor(step.idleDays);
      if (step.kind === 'remind') {
        await repo.insertEvent(tx, { id: randomUUID(), demandId: d.id, kind: 'reminder', body: `idle for ${days} days`, authorLabel: 'system:scheduler', createdAt: now });
        await notifyCase(tx, { now }, d, { departments, links, pkg }, ['handlers', 'housekeeper'], 'demand_idle_reminder', null, `${d.id}:remind:${d.lastActivityAt.toISOString()}`, { idleDays: days });
        report.reminded += 1;
      } else {
        const updated = await repo.updateDemand(tx, d.id, { escalationLevel: step.toLevel, escalatedAt: now, updatedAt: now });
        await repo.insertEvent(tx, { id: randomUUID(), demandId: d.id, kind: 'escalation', body: `to the ${LEVEL_LABEL[step.toLevel]} (${step.reason === 'overdue' ? 'past its resolution deadline' : `idle for ${days} days`})`, authorLabel: 'system:scheduler', createdAt: now });
        await appendAuditEvent(tx, { actor: ctx.actor, at: now, action: 'demand.escalate', entityType: 'demand', entityId: d.id, centreId, before: { escalationLevel: d.escalationLevel }, after: { escalationLevel: step.toLevel, reason: step.reason, idleDays: days }, requestId: null });
        await notifyCase(tx, { now }, updated, { departments, links, pkg }, ['coordinators', 'handlers', 'housekeeper'], 'demand_escalated', null, `${d.id}:escalate:${step.toLevel}`, { level: step.toLevel, reason: step.reason, idleDays: days });
        report.escalated += 1;
      }
    });
  }
  for (const { id } of await repo.resolvedBefore(ctx.db, centreId, new Date(now.getTime() - DEFAULT_LADDER.autoConfirmDays * DAY_MS))) {
    try {
      await transitionDemand(ctx, centreId, id, { action: 'confirm', note: `confirmed by the system after ${DEFAULT_LADDER.autoConfirmDays} days without an answer`, departmentId: null }, ['system']);
    } catch (error) {
      // Confirmed (or reopened) meanwhile, by the enterprise or another worker: nothing left to do for this case.
      if (error instanceof AppError && error.details?.refusal === 'wrong_state') continue;
      throw error;
    }
    report.autoConfirmed += 1;
  }
  const today = await centreDay(ctx.db, centreId, now);
  for (const p of await repo.packagesDueForCheckIn(ctx.db, centreId, today)) {
    await withWriteTx(ctx.db, async (tx) => {
      await repo.insertNotifications(
        tx,
        [p.primaryHousekeeperId, ...(p.backupHousekeeperId ? [p.backupHousekeeperId] : [])].map((userId) => ({
          id: randomUUID(),
          userId,
          centreId,
          template: 'package_check_in_due',
          subjectType: 'service_package',
          subjectId: p.id,
          payload: { enterpriseId: p.enterpriseId, dueOn: p.nextCheckInOn },
          createdAt: now,
          dedupeKey: `${p.id}:check-in:${p.nextCheckInOn}`,
        })),
      );
    });
    report.checkInsDue += 1;
  }
  return report;
};
