import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { periodTime } from '../targets/progress.js';
import { figurePeriod, latestFigures, subjectCount, type DatedFigure } from './latest.js';

type F = DatedFigure & { id: string };

const figure = fc.record({
  id: fc.uuid(),
  period: fc.option(fc.oneof(fc.integer({ min: 2010, max: 2030 }).map(String), fc.tuple(fc.integer({ min: 2010, max: 2030 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`)), { nil: null }),
  year: fc.option(fc.integer({ min: 2010, max: 2030 }), { nil: null }),
  status: fc.constantFrom('measured' as const, 'estimated' as const, 'target' as const),
  entityId: fc.option(fc.constantFrom('e1', 'e2'), { nil: null }),
  areaId: fc.constantFrom('beijing', 'haidian', 'chaoyang'),
});
const subject = (f: F) => f.entityId ?? f.areaId;
const time = (f: F) => {
  const p = figurePeriod(f);
  return (p === null ? null : periodTime(p)) ?? -Infinity;
};

describe('an indicator’s latest figures', () => {
  test('one period, the newest of the measured or estimated figures (of any when there are only targets), one figure per subject, measured preferred', () => {
    fc.assert(
      fc.property(fc.array(figure, { maxLength: 30 }), (figures) => {
        const latest = latestFigures(figures);
        if (figures.length === 0) {
          expect(latest).toBeNull();
          return;
        }
        const pool = figures.some((f) => f.status !== 'target') ? figures.filter((f) => f.status !== 'target') : figures;
        const newest = Math.max(...pool.map(time));
        const chosen = latest?.figures ?? [];
        expect(chosen.every((f) => figurePeriod(f) === latest?.period && time(f) === newest)).toBe(true);
        const inPeriod = pool.filter((f) => figurePeriod(f) === latest?.period);
        expect(new Set(chosen.map(subject))).toEqual(new Set(inPeriod.map(subject)));
        expect(chosen.length).toBe(new Set(chosen.map(subject)).size);
        for (const f of chosen) {
          const rivals = inPeriod.filter((g) => subject(g) === subject(f));
          if (rivals.some((g) => g.status === 'measured')) expect(f.status).toBe('measured');
        }
      }),
    );
  });

  test('subjects are counted once, an organisation apart from its area', () => {
    const f = (entityId: string | null, areaId: string) => ({ entityId, areaId });
    expect(subjectCount([f(null, 'haidian'), f(null, 'haidian'), f('e1', 'haidian'), f(null, 'chaoyang')])).toBe(3);
    expect(subjectCount([])).toBe(0);
  });
});
