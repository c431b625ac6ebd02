import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkExpense, effectiveTo, fundingRatios, outputGap, ratioLabel, runningBalance, toFen, versionInForce, type ListVersion } from './index.js';

const item = (code: string) => ({ code, nameZh: `禁止${code}`, nameEn: `No ${code}`, explanationZh: '示例说明', explanationEn: 'Sample explanation' });
const day = fc.integer({ min: 0, max: 3650 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const code = fc.constantFrom('gifts', 'fines', 'salary_top_up', 'entertainment', 'equipment', 'materials');
const version = fc.record({ id: fc.uuid(), number: fc.integer({ min: 1, max: 20 }), effectiveFrom: day, items: fc.uniqueArray(code, { maxLength: 4 }).map((cs) => cs.map(item)) });
const fen = fc.integer({ min: 1, max: 10_000_000_00 }).map((n) => n / 100);

describe('negative list in force', () => {
  const v1: ListVersion = { id: 'a', number: 1, effectiveFrom: '2024-01-01', items: [item('gifts')] };
  const v2: ListVersion = { id: 'b', number: 2, effectiveFrom: '2025-07-01', items: [item('gifts'), item('fines')] };

  it('takes the version in force on the expense date, not the newest', () => {
    expect(versionInForce([v1, v2], '2023-12-31')).toBeNull();
    expect(versionInForce([v1, v2], '2024-01-01')?.number).toBe(1);
    expect(versionInForce([v1, v2], '2025-06-30')?.number).toBe(1);
    expect(versionInForce([v2, v1], '2025-07-01')?.number).toBe(2);
    expect(effectiveTo([v1, v2], v1)).toBe('2025-06-30');
    expect(effectiveTo([v1, v2], v2)).toBeNull();
    // "fines" was allowed under version 1 and is forbidden from version 2 on.
    expect(checkExpense({ lumpSum: 100, spent: 0, versions: [v1, v2], attempt: { spentOn: '2025-06-30', category: 'fines', amount: 1 } }).ok).toBe(true);
    const out = checkExpense({ lumpSum: 100, spent: 0, versions: [v1, v2], attempt: { spentOn: '2025-07-01', category: 'fines', amount: 1 } });
    expect(out).toMatchObject({ ok: false, refusals: [{ reason: 'negative_list', path: 'category', version: 2, item: { code: 'fines' } }] });
  });

  it('property: the version in force took effect on or before the day, and none later did', () => {
    fc.assert(
      fc.property(fc.array(version, { maxLength: 6 }), day, (vs, d) => {
        const v = versionInForce(vs, d);
        if (v === null) expect(vs.every((o) => o.effectiveFrom > d)).toBe(true);
        else {
          expect(v.effectiveFrom <= d).toBe(true);
          expect(vs.some((o) => o.effectiveFrom <= d && (o.effectiveFrom > v.effectiveFrom || (o.effectiveFrom === v.effectiveFrom && o.number > v.number)))).toBe(false);
        }
      }),
    );
  });

  it('property: a category is refused exactly when the version in force lists it', () => {
    fc.assert(
      fc.property(fc.array(version, { maxLength: 5 }), day, code, (vs, d, c) => {
        const out = checkExpense({ lumpSum: 1e9, spent: 0, versions: vs, attempt: { spentOn: d, category: c, amount: 1 } });
        const listed = versionInForce(vs, d)?.items.some((i) => i.code === c) ?? false;
        expect(out.ok).toBe(!listed);
        if (!out.ok) expect(out.refusals.map((r) => r.reason)).toEqual(['negative_list']);
      }),
    );
  });
});

describe('lump-sum ledger', () => {
  it('refuses what would overspend, naming what remains; both refusals at once', () => {
    const out = checkExpense({ lumpSum: 1000, spent: 999.99, versions: [{ id: 'a', number: 1, effectiveFrom: '2020-01-01', items: [item('gifts')] }], attempt: { spentOn: '2024-05-01', category: 'gifts', amount: 0.02 } });
    expect(out).toMatchObject({ ok: false, refusals: [{ reason: 'negative_list' }, { reason: 'over_lump_sum', remaining: 0.01 }] });
    expect(checkExpense({ lumpSum: 0.3, spent: 0.1, versions: [], attempt: { spentOn: '2024-01-01', category: 'materials', amount: 0.2 } })).toEqual({ ok: true, version: null, remainingAfter: 0 });
  });

  it('property: accepting expenses one by one never takes the balance below zero, and the balance is the lump sum less the sum accepted, to the fen', () => {
    fc.assert(
      fc.property(fen, fc.array(fen, { maxLength: 30 }), (lumpSum, attempts) => {
        let spent = 0;
        const accepted: number[] = [];
        for (const amount of attempts) {
          const out = checkExpense({ lumpSum, spent, versions: [], attempt: { spentOn: '2024-01-01', category: 'materials', amount } });
          const fits = toFen(spent) + toFen(amount) <= toFen(lumpSum);
          expect(out.ok).toBe(fits);
          if (out.ok) {
            accepted.push(amount);
            spent = (toFen(spent) + toFen(amount)) / 100;
            expect(out.remainingAfter).toBeGreaterThanOrEqual(0);
            expect(toFen(out.remainingAfter)).toBe(toFen(lumpSum) - toFen(spent));
          }
        }
        const balances = runningBalance(lumpSum, accepted);
        expect(balances.every((b) => b >= 0)).toBe(true);
        if (balances.length) expect(toFen(balances.at(-1) as number)).toBe(toFen(lumpSum) - accepted.reduce((a, b) => a + toFen(b), 0));
      }),
    );
  });
});

describe('fiscal:external ratio', () => {
  it('reads as the seeds write it', () => {
    expect(ratioLabel(171_000_000, 171_000_000)).toBe('1:1');
    expect(ratioLabel(200, 170)).toBe('1:0.85');
    expect(ratioLabel(0, 5)).toBe('0:1');
    expect(ratioLabel(0, 0)).toBeNull();
    const cells = fundingRatios([
      { id: 'r1', group: 'p', year: 2023, nature: 'fiscal', amount: 0.1, isSample: false },
      { id: 'r2', group: 'p', year: 2023, nature: 'fiscal', amount: 0.2, isSample: false },
      { id: 'r3', group: 'p', year: 2023, nature: 'external', amount: 0.3, isSample: true },
      { id: 'r4', group: 'p', year: 2024, nature: 'external', amount: 5, isSample: false },
    ]);
    expect(cells).toEqual([
      { group: 'p', year: 2023, fiscal: 0.3, external: 0.3, externalPerFiscal: 1, label: '1:1', records: ['r1', 'r2', 'r3'], isSample: true },
      { group: 'p', year: 2024, fiscal: 0, external: 5, externalPerFiscal: null, label: '0:1', records: ['r4'], isSample: false },
    ]);
  });

  it('property: sums are exact to the fen, every record is counted once, and the ratio is external over fiscal', () => {
    const rec = fc.record({ id: fc.uuid(), group: fc.constantFrom('a', 'b', null), year: fc.integer({ min: 2020, max: 2024 }), nature: fc.constantFrom('fiscal' as const, 'external' as const), amount: fen, isSample: fc.boolean() });
    fc.assert(
      fc.property(fc.uniqueArray(rec, { selector: (r) => r.id, maxLength: 40 }), (rs) => {
        const cells = fundingRatios(rs);
        expect(cells.flatMap((c) => c.records).sort()).toEqual(rs.map((r) => r.id).sort());
        for (const c of cells) {
          const mine = rs.filter((r) => r.group === c.group && r.year === c.year);
          expect(toFen(c.fiscal)).toBe(mine.filter((r) => r.nature === 'fiscal').reduce((a, r) => a + toFen(r.amount), 0));
          expect(toFen(c.external)).toBe(mine.filter((r) => r.nature === 'external').reduce((a, r) => a + toFen(r.amount), 0));
          if (c.fiscal > 0) expect(c.externalPerFiscal).toBeCloseTo(c.external / c.fiscal, 5);
          else expect(c.externalPerFiscal).toBeNull();
          expect(c.isSample).toBe(mine.some((r) => r.isSample));
        }
      }),
    );
  });
});

describe('output commitments', () => {
  it('shows what is still missing, never a negative gap', () => {
    expect(outputGap({ paper: 3, patent: 1, dataset: 0, talent: 2 }, [{ kind: 'paper' }, { kind: 'patent' }, { kind: 'patent' }, { kind: 'dataset' }])).toEqual([
      { kind: 'paper', committed: 3, delivered: 1, gap: 2 },
      { kind: 'patent', committed: 1, delivered: 2, gap: 0 },
      { kind: 'dataset', committed: 0, delivered: 1, gap: 0 },
      { kind: 'talent', committed: 2, delivered: 0, gap: 2 },
    ]);
  });
});
