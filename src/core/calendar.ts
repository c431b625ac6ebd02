/**
 * Calendar readings of an instant in a centre's time zone (an IANA name such
 * as Asia/Shanghai, the centre's `timezone` setting): its day, month and year
 * as the centre's users see them, and the instant a local day begins. Deadlines,
 * "today" and the periods of statistics are all read this way, so that a centre
 * in another zone is configuration, not code.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building a DateTimeFormat costs far more than using one, and statistics read thousands of dates.
const formatter = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
};

export { isTimeZone } from '../shared/time-zone.js';

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const partsIn = (instant: Date, timeZone: string): Parts => {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as Parts;
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The local day of `instant` in `timeZone`, as YYYY-MM-DD. */
export const dayIn = (instant: Date, timeZone: string): string => {
  const p = partsIn(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
};

/** The local month of `instant` in `timeZone`, as YYYY-MM. */
export const monthIn = (instant: Date, timeZone: string): string => dayIn(instant, timeZone).slice(0, 7);

/** The local year of `instant` in `timeZone`. */
export const yearIn = (instant: Date, timeZone: string): number => partsIn(instant, timeZone).year;

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
export const offsetAt = (instant: Date, timeZone: string): number => {
  const p = partsIn(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
};

/**
 * The instant the local day `day` (YYYY-MM-DD) begins in `timeZone`: its
 * midnight, or on a day whose midnight a daylight-saving change skips, the
 * first instant of the day.
 */
export const startOfDayIn = (day: string, timeZone: string): Date => {
  const wall = Date.parse(`${day}T00:00:00Z`);
  // The offset at the guess, then at the corrected instant: two steps settle every zone's rules.
  let instant = wall - offsetAt(new Date(wall), timeZone);
  instant = wall - offsetAt(new Date(instant), timeZone);
  // A skipped midnight lands in the previous day; the day starts at the change.
  while (dayIn(new Date(instant), timeZone) < day) instant += 15 * 60_000;
  return new Date(instant);
};

/** The instant the local year `year` begins in `timeZone`. */
export const startOfYearIn = (year: number, timeZone: string): Date => startOfDayIn(`${pad(year, 4)}-01-01`, timeZone);
