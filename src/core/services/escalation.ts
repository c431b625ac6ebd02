import type { EscalationLevel, LadderSettings } from './demand-types.js';

/**
 * What the scheduler should do with one open case now. Pure and idempotent:
 * the same case at the same time gives the same step, and the caller records
 * the step (reminder time, new level) so that it is not taken twice.
 */
const DAY_MS = 86_400_000;

export type LadderInput = {
  open: boolean;
  lastActivityAt: Date;
  /** When the people on the case were last reminded (null: never since the last activity). */
  remindedAt: Date | null;
  escalationLevel: EscalationLevel;
  resolveBy: Date;
};

export type LadderStep =
  | { kind: 'none' }
  | { kind: 'remind'; idleDays: number }
  | { kind: 'escalate'; toLevel: EscalationLevel; idleDays: number; reason: 'idle' | 'overdue' };

export const idleDays = (lastActivityAt: Date, now: Date): number => Math.max(0, (now.getTime() - lastActivityAt.getTime()) / DAY_MS);

export const ladderStep = (c: LadderInput, now: Date, settings: LadderSettings): LadderStep => {
  if (!c.open) return { kind: 'none' };
  const idle = idleDays(c.lastActivityAt, now);
  let target: EscalationLevel = 0;
  if (idle >= settings.escalateAfterDays[1]) target = 2;
  else if (idle >= settings.escalateAfterDays[0]) target = 1;
  const overdue = now.getTime() > c.resolveBy.getTime();
  // An overdue case reaches at least the district coordinator, whatever its activity.
  if (overdue && target < 1) target = 1;
  if (target > c.escalationLevel) return { kind: 'escalate', toLevel: target, idleDays: idle, reason: idle >= settings.escalateAfterDays[0] ? 'idle' : 'overdue' };
  const remindedSinceActivity = c.remindedAt !== null && c.remindedAt.getTime() >= c.lastActivityAt.getTime();
  if (idle >= settings.remindAfterDays && !remindedSinceActivity) return { kind: 'remind', idleDays: idle };
  return { kind: 'none' };
};
