/**
 * Counts by year (issue 9), pure: events by the year they start, sessions by
 * the day they are held, releases by the day they are announced. A sample
 * record is counted and also reported in `samples`, so a page can say how
 * many of a year's records are illustrative.
 */

export type EventFacts = { id: string; series: string | null; startsOn: string; isSample: boolean };
export type SessionFacts = { id: string; eventId: string; heldOn: string };
export type ReleaseFacts = { id: string; eventId: string; releasedOn: string };
export type YearCount = { year: number; events: number; sessions: number; releases: number; samples: number };

const yearOf = (day: string): number => Number(day.slice(0, 4));

const tally = (events: readonly EventFacts[], sessions: readonly SessionFacts[], releases: readonly ReleaseFacts[]): YearCount[] => {
  const rows = new Map<number, YearCount>();
  const row = (year: number): YearCount => {
    const r = rows.get(year) ?? { year, events: 0, sessions: 0, releases: 0, samples: 0 };
    rows.set(year, r);
    return r;
  };
  const byId = new Map(events.map((e) => [e.id, e]));
  for (const e of events) {
    const r = row(yearOf(e.startsOn));
    r.events += 1;
    if (e.isSample) r.samples += 1;
  }
  for (const s of sessions) {
    const e = byId.get(s.eventId);
    if (!e) continue;
    const r = row(yearOf(s.heldOn));
    r.sessions += 1;
    if (e.isSample) r.samples += 1;
  }
  for (const x of releases) {
    const e = byId.get(x.eventId);
    if (!e) continue;
    const r = row(yearOf(x.releasedOn));
    r.releases += 1;
    if (e.isSample) r.samples += 1;
  }
  return [...rows.values()].sort((a, b) => a.year - b.year);
};

/** Events, sessions and releases per year, over all events. */
export const countsByYear = (events: readonly EventFacts[], sessions: readonly SessionFacts[], releases: readonly ReleaseFacts[]): YearCount[] => tally(events, sessions, releases);

/** The same per named series (events without a series are left out). */
export const countsBySeries = (events: readonly EventFacts[], sessions: readonly SessionFacts[], releases: readonly ReleaseFacts[]): (YearCount & { series: string })[] => {
  const names = [...new Set(events.flatMap((e) => (e.series ? [e.series] : [])))].sort();
  return names.flatMap((series) => {
    const mine = events.filter((e) => e.series === series);
    const ids = new Set(mine.map((e) => e.id));
    return tally(
      mine,
      sessions.filter((s) => ids.has(s.eventId)),
      releases.filter((r) => ids.has(r.eventId)),
    ).map((r) => ({ ...r, series }));
  });
};

/** A session or release must fall within its event's days. */
export const withinEvent = (day: string, event: { startsOn: string; endsOn: string }): boolean => day >= event.startsOn && day <= event.endsOn;
