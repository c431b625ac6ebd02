import { countsByYear } from '../../../core/events/index.js';
import type { ReadTx } from '../../../db/tx.js';
import type { DerivedFigure } from '../indicators/derived-figures.service.js';
import * as repo from './events.repository.js';

/** The platform's own counts of events, sessions and releases per year (never added to a published figure). */
export const EVENT_INDICATORS = [
  { code: 'events_recorded', nameZh: '平台记录的活动数', nameEn: 'Events recorded', unit: 'events', direction: 1 as const, definitionZh: '平台记录的、当年开始的活动（如论坛）数量。', definitionEn: 'Events (such as forums) recorded on the platform that started in the year.' },
  { code: 'event_sessions_recorded', nameZh: '平台记录的活动场次数', nameEn: 'Event sessions recorded', unit: 'sessions', direction: 1 as const, definitionZh: '平台记录的、当年举办的活动分场（论坛的各场活动）数量。', definitionEn: 'Sessions of events (a forum’s individual events) recorded on the platform and held in the year.' },
  { code: 'event_releases_recorded', nameZh: '平台记录的成果发布数', nameEn: 'Achievement releases recorded', unit: 'releases', direction: 1 as const, definitionZh: '平台记录的、当年在活动上发布的成果数量。', definitionEn: 'Achievement releases at events recorded on the platform in the year.' },
];

const yearOf = (day: string) => day.slice(0, 4);

export const loadEventFigures = async (tx: ReadTx, centreId: string): Promise<DerivedFigure[]> => {
  const f = await repo.countFacts(tx, centreId);
  const sample = new Map(f.events.map((e) => [e.id, e.isSample]));
  const figures: DerivedFigure[] = [];
  for (const row of countsByYear(f.events, f.sessions, f.releases)) {
    const period = String(row.year);
    const evs = f.events.filter((e) => yearOf(e.startsOn) === period);
    const ss = f.sessions.filter((s) => yearOf(s.heldOn) === period && sample.has(s.eventId));
    const rs = f.releases.filter((r) => yearOf(r.releasedOn) === period && sample.has(r.eventId));
    const sorted = (kind: string, xs: { id: string }[]) => xs.map((x) => ({ kind, id: x.id })).sort((a, b) => a.id.localeCompare(b.id));
    if (row.events) figures.push({ code: 'events_recorded', period, value: row.events, numerator: row.events, denominator: null, records: sorted('event', evs), isSample: evs.some((e) => e.isSample) });
    if (row.sessions) figures.push({ code: 'event_sessions_recorded', period, value: row.sessions, numerator: row.sessions, denominator: null, records: sorted('event_session', ss), isSample: ss.some((s) => sample.get(s.eventId)) });
    if (row.releases) figures.push({ code: 'event_releases_recorded', period, value: row.releases, numerator: row.releases, denominator: null, records: sorted('event_release', rs), isSample: rs.some((r) => sample.get(r.eventId)) });
  }
  return figures;
};
