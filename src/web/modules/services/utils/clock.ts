import type { Translator } from '../../../i18n/translate.js';
import type { DemandClock, DemandSummary } from '../types.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A length of time in the largest two units that matter: "2 天 3 小时", "5 小时 10 分", "12 分钟". */
export const formatDuration = (ms: number, t: Translator): string => {
  const abs = Math.abs(ms);
  const days = Math.floor(abs / DAY_MS);
  const hours = Math.floor((abs % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((abs % HOUR_MS) / MINUTE_MS);
  if (days > 0) return hours > 0 ? t('services.duration.daysHours', { days, hours }) : t('services.duration.days', { count: days });
  if (hours > 0) return minutes > 0 ? t('services.duration.hoursMinutes', { hours, minutes }) : t('services.duration.hours', { count: hours });
  return t('services.duration.minutes', { count: Math.max(1, minutes) });
};

/** What a clock says in words: time left, how late, met with a margin, missed by. */
export const clockText = (clock: Pick<DemandClock, 'state' | 'marginMs'>, t: Translator): string => {
  const margin = clock.marginMs ?? 0;
  switch (clock.state) {
    case 'running':
      return t('services.clockText.running', { duration: formatDuration(margin, t) });
    case 'overdue':
      return t('services.clockText.overdue', { duration: formatDuration(margin, t) });
    case 'met':
      return t('services.clockText.met', { duration: formatDuration(margin, t) });
    case 'missed':
      return t('services.clockText.missed', { duration: formatDuration(margin, t) });
    default:
      return t('services.clockText.stopped');
  }
};

/** The antd Tag colour of a clock state. */
export const clockColor = (state: string): string => ({ running: 'processing', overdue: 'error', met: 'success', missed: 'warning' })[state] ?? 'default';

export const isOverdue = (d: Pick<DemandSummary, 'response' | 'resolution'>): boolean => d.response.state === 'overdue' || d.resolution.state === 'overdue';

/** The clock that matters now: the response clock until the case is accepted, then the resolution clock. */
export const currentClock = (d: Pick<DemandSummary, 'response' | 'resolution'>): { which: 'response' | 'resolution'; clock: DemandClock } =>
  d.response.state === 'running' || d.response.state === 'overdue' ? { which: 'response', clock: d.response } : { which: 'resolution', clock: d.resolution };

const lateness = (d: DemandSummary): number => Math.max(d.response.state === 'overdue' ? -(d.response.marginMs ?? 0) : 0, d.resolution.state === 'overdue' ? -(d.resolution.marginMs ?? 0) : 0);
const nextDue = (d: DemandSummary): number => {
  const { clock } = currentClock(d);
  return clock.state === 'running' || clock.state === 'overdue' ? Date.parse(clock.dueAt) : Number.POSITIVE_INFINITY;
};

/** A worklist in the order to work it: overdue first (the latest first), then the highest escalation, then the nearest deadline. */
export const sortWorklist = <T extends DemandSummary>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => {
    const late = Number(isOverdue(b)) - Number(isOverdue(a));
    if (late !== 0) return late;
    if (isOverdue(a)) return lateness(b) - lateness(a);
    return b.escalationLevel - a.escalationLevel || nextDue(a) - nextDue(b) || a.reference.localeCompare(b.reference);
  });
