import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countsBySeries, countsByYear, withinEvent, type EventFacts, type ReleaseFacts, type SessionFacts } from './index.js';

const day = fc.tuple(fc.integer({ min: 2019, max: 2026 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const world = fc.array(fc.record({ series: fc.constantFrom(null, 'Forum', 'Expo'), startsOn: day, isSample: fc.boolean() }), { maxLength: 8 }).chain((es) => {
  const events: EventFacts[] = es.map((e, i) => ({ id: `e${i}`, ...e }));
  const ids = events.length ? events.map((e) => e.id) : ['missing'];
  return fc.tuple(
    fc.constant(events),
    fc.array(fc.record({ eventId: fc.constantFrom(...ids), heldOn: day }), { maxLength: 20 }).map((ss) => ss.map((s, i): SessionFacts => ({ id: `s${i}`, ...s }))),
    fc.array(fc.record({ eventId: fc.constantFrom(...ids), releasedOn: day }), { maxLength: 10 }).map((rs) => rs.map((r, i): ReleaseFacts => ({ id: `r${i}`, ...r }))),
  );
});

describe('event counts by year', () => {
  it('counts every record once, in the year of its own date', () => {
    fc.assert(
      fc.property(world, ([events, sessions, releases]) => {
        const rows = countsByYear(events, sessions, releases);
        const known = new Set(events.map((e) => e.id));
        expect(rows.reduce((s, r) => s + r.events, 0)).toBe(events.length);
        expect(rows.reduce((s, r) => s + r.sessions, 0)).toBe(sessions.filter((x) => known.has(x.eventId)).length);
        expect(rows.reduce((s, r) => s + r.releases, 0)).toBe(releases.filter((x) => known.has(x.eventId)).length);
        expect(rows.map((r) => r.year)).toEqual([...rows.map((r) => r.year)].sort((a, b) => a - b));
        for (const r of rows) expect(r.samples).toBeLessThanOrEqual(r.events + r.sessions + r.releases);
      }),
    );
  });

  it('splits by series without losing a record of a named series', () => {
    fc.assert(
      fc.property(world, ([events, sessions, releases]) => {
        const named = new Set(events.filter((e) => e.series).map((e) => e.id));
        const rows = countsBySeries(events, sessions, releases);
        expect(rows.reduce((s, r) => s + r.events, 0)).toBe(named.size);
        expect(rows.reduce((s, r) => s + r.sessions, 0)).toBe(sessions.filter((x) => named.has(x.eventId)).length);
      }),
    );
  });

  it('a 2024 forum with two sessions and one release', () => {
    const rows = countsByYear([{ id: 'f', series: 'Forum', startsOn: '2024-04-25', isSample: true }], [{ id: 's1', eventId: 'f', heldOn: '2024-04-25' }, { id: 's2', eventId: 'f', heldOn: '2024-04-26' }], [{ id: 'r', eventId: 'f', releasedOn: '2024-04-25' }]);
    expect(rows).toEqual([{ year: 2024, events: 1, sessions: 2, releases: 1, samples: 4 }]);
    expect(withinEvent('2024-04-29', { startsOn: '2024-04-25', endsOn: '2024-04-29' })).toBe(true);
    expect(withinEvent('2024-04-30', { startsOn: '2024-04-25', endsOn: '2024-04-29' })).toBe(false);
  });
});
