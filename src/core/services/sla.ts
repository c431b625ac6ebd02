import type { ServiceLevel } from './demand-types.js';

/**
 * SLA clocks of one case, computed, never stored: the response clock stops
 * when the department accepts; the resolution clock when it resolves (the
 * latest resolution counts, so a reopened case runs on its original deadline).
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export type ClockState = 'running' | 'overdue' | 'met' | 'missed' | 'stopped';

export type Clock = {
  dueAt: Date;
  state: ClockState;
  /** Positive: time left (running) or margin (met); negative: how late (overdue, missed). Null once stopped. */
  marginMs: number | null;
  /** When the clock stopped (accepted / resolved), if it has. */
  stoppedAt: Date | null;
};

export const deadlines = (receivedAt: Date, level: ServiceLevel): { respondBy: Date; resolveBy: Date } => ({
  respondBy: new Date(receivedAt.getTime() + level.respondHours * HOUR_MS),
  resolveBy: new Date(receivedAt.getTime() + level.resolveDays * DAY_MS),
});

const clock = (dueAt: Date, stoppedAt: Date | null, now: Date, cancelled: boolean): Clock => {
  if (stoppedAt) {
    const margin = dueAt.getTime() - stoppedAt.getTime();
    return { dueAt, state: margin >= 0 ? 'met' : 'missed', marginMs: margin, stoppedAt };
  }
  if (cancelled) return { dueAt, state: 'stopped', marginMs: null, stoppedAt: null };
  const left = dueAt.getTime() - now.getTime();
  return { dueAt, state: left >= 0 ? 'running' : 'overdue', marginMs: left, stoppedAt: null };
};

export type ClockInput = {
  state: string;
  respondBy: Date;
  resolveBy: Date;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
};

export const slaClocks = (d: ClockInput, now: Date): { response: Clock; resolution: Clock } => {
  const withdrawn = d.state === 'withdrawn';
  // A reopened or transferred case is being worked again: its resolution clock runs anew against the original deadline.
  const resolvedAt = d.state === 'resolved' || d.state === 'confirmed' ? d.resolvedAt : null;
  return {
    response: clock(d.respondBy, d.acceptedAt, now, withdrawn),
    resolution: clock(d.resolveBy, resolvedAt, now, withdrawn),
  };
};
