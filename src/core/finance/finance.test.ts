import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ORDERED_STAGES, ROUND_STAGES, type RoundStage } from '../../shared/finance-vocabulary.js';
import { FUNNEL_STEPS, computeFunnel, sumRounds, type FunnelRound } from './funnel.js';
import { parseAmount as parseAmountSync } from './import-row.js';
import { convert, nextDay, rateBook, toUsd } from './money.js';
import { unicornEvents, unicornsAt, unicornsAtYearEnd, type UnicornInput } from './unicorns.js';

const SEED = { seed: 20261207 };
const arbDate = fc.record({ y: fc.integer({ min: 2015, max: 2025 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const arbStage = fc.constantFrom(...ROUND_STAGES);
const arbRounds = fc.array(fc.record({ entityId: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5'), announcedOn: arbDate, stage: arbStage }), { maxLength: 30 }).map((rs) => rs.map((r, i) => ({ ...r, id: `r${i}` })));
const arbListings = fc.array(fc.record({ entityId: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e9'), exitOn: arbDate }), { maxLength: 4 });

describe('money', () => {
  test('converts only with entered rates; USD needs none', () => {
    const book = rateBook([{ currency: 'CNY', year: 2024, usdPerUnit: 0.14 }, { currency: 'HKD', year: 2024, usdPerUnit: 0.128 }]);
    expect(toUsd(book, 100, 'USD', 2020)).toBe(100);
    expect(toUsd(book, 100, 'CNY', 2024)).toBeCloseTo(14);
    expect(toUsd(book, 100, 'CNY', 2023)).toBeNull();
    expect(convert(book, 140, 'HKD', 'CNY', 2024)).toBeCloseTo(128);
    expect(convert(book, 140, 'EUR', 'CNY', 2024)).toBeNull();
    expect(convert(book, 7, 'EUR', 'EUR', 1999)).toBe(7);
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2023-12-31')).toBe('2024-01-01');
  });
  test('round trip through a rate book gives the amount back', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 10, noNaN: true }), fc.double({ min: 0.001, max: 10, noNaN: true }), fc.double({ min: 0, max: 1e12, noNaN: true }), (ra, rb, amount) => {
        const book = rateBook([{ currency: 'AAA', year: 2020, usdPerUnit: ra }, { currency: 'BBB', year: 2020, usdPerUnit: rb }]);
        const there = convert(book, amount, 'AAA', 'BBB', 2020) as number;
        expect(convert(book, there, 'BBB', 'AAA', 2020)).toBeCloseTo(amount, 0);
      }),
      SEED,
    );
  });
});

describe('funnel', () => {
  test('steps never grow, conversions lie in [0, 1], every company sits in exactly one cohort', () => {
    fc.assert(
      fc.property(arbRounds, arbListings, (rounds, listings) => {
        const rows = computeFunnel(rounds, listings);
        const companies = new Set(rounds.map((r) => r.entityId));
        expect(rows.reduce((n, r) => n + (r.steps[0]?.companies ?? 0), 0)).toBe(companies.size);
        for (const row of rows) {
          expect(row.steps.map((s) => s.step)).toEqual(FUNNEL_STEPS);
          for (let i = 1; i < row.steps.length; i++) {
            const [prev, cur] = [row.steps[i - 1], row.steps[i]] as [(typeof row.steps)[0], (typeof row.steps)[0]];
            expect(cur.companies).toBeLessThanOrEqual(prev.companies);
            expect(cur.entityIds.every((id) => prev.entityIds.includes(id))).toBe(true);
            if (cur.conversion !== null) expect(cur.conversion).toBeGreaterThanOrEqual(0), expect(cur.conversion).toBeLessThanOrEqual(1), expect(cur.conversion).toBeCloseTo(cur.companies / prev.companies);
            else expect(prev.companies).toBe(0);
          }
          // The cohort is the year of each company's earliest round.
          for (const id of row.steps[0]?.entityIds ?? []) expect(Math.min(...rounds.filter((r) => r.entityId === id).map((r) => Number(r.announcedOn.slice(0, 4))))).toBe(row.cohort);
        }
      }),
      SEED,
    );
  });
  test('adding a later-stage round never lowers a step', () => {
    fc.assert(
      fc.property(arbRounds, fc.constantFrom(...ORDERED_STAGES), (rounds, stage) => {
        if (!rounds.length) return;
        const first = rounds[0] as FunnelRound;
        const extra: FunnelRound = { id: 'extra', entityId: first.entityId, announcedOn: first.announcedOn, stage };
        const before = computeFunnel(rounds, []);
        const after = computeFunnel([...rounds, extra], []);
        const total = (rows: typeof before, step: string) => rows.reduce((n, r) => n + (r.steps.find((s) => s.step === step)?.companies ?? 0), 0);
        for (const step of FUNNEL_STEPS) expect(total(after, step)).toBeGreaterThanOrEqual(total(before, step));
      }),
      SEED,
    );
  });
  test('a worked example: a listing passes every stage; strategic rounds move no step', () => {
    const rows = computeFunnel(
      [
        { id: '1', entityId: 'x', announcedOn: '2020-03-01', stage: 'angel' },
        { id: '2', entityId: 'x', announcedOn: '2021-03-01', stage: 'b' },
        { id: '3', entityId: 'y', announcedOn: '2020-05-01', stage: 'a' },
        { id: '4', entityId: 'z', announcedOn: '2020-06-01', stage: 'strategic' },
        { id: '5', entityId: 'w', announcedOn: '2021-01-01', stage: 'seed' },
      ],
      [{ entityId: 'y', exitOn: '2023-01-01' }],
    );
    expect(rows.map((r) => r.cohort)).toEqual([2020, 2021]);
    expect(rows[0]?.steps.map((s) => s.companies)).toEqual([3, 2, 2, 1, 1, 1]);
    expect(rows[0]?.steps[1]?.conversion).toBeCloseTo(2 / 3);
    expect(rows[1]?.steps.map((s) => s.companies)).toEqual([1, 0, 0, 0, 0, 0]);
    expect(rows[1]?.steps[2]?.conversion).toBeNull();
  });
});

describe('sums of rounds', () => {
  test('rounds are counted once; amounts add up over the cells; unconverted amounts are set aside', () => {
    const arb = fc.array(fc.record({ stage: arbStage as fc.Arbitrary<RoundStage>, announcedOn: arbDate, amount: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null }), currency: fc.constantFrom('CNY', 'USD', 'EUR'), areaId: fc.constantFrom(null, 'a1', 'a2') }), { maxLength: 40 });
    fc.assert(
      fc.property(arb, (raw) => {
        const rounds = raw.map((r, i) => ({ ...r, id: `r${i}`, entityId: 'e' }));
        const rates = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025].map((year) => ({ currency: 'CNY', year, usdPerUnit: 0.125 }));
        const cells = sumRounds(rounds, rates);
        expect(cells.reduce((n, c) => n + c.rounds, 0)).toBe(rounds.length);
        expect(cells.reduce((n, c) => n + c.unconverted, 0)).toBe(rounds.filter((r) => r.amount !== null && r.currency === 'EUR').length);
        const expected = rounds.reduce((n, r) => n + (r.amount === null || r.currency === 'EUR' ? 0 : r.currency === 'USD' ? r.amount * 8 : r.amount), 0);
        expect(cells.reduce((n, c) => n + c.amount, 0)).toBeCloseTo(expected, 0);
      }),
      SEED,
    );
  });
});

describe('unicorns', () => {
  const base: UnicornInput = {
    recognitions: [{ entityId: 'rec', validFrom: '2020-01-01', validTo: '2022-06-30' }],
    rounds: [
      { id: 'v1', entityId: 'val', announcedOn: '2021-05-01', postMoneyValuation: 8e9, currency: 'CNY' },
      { id: 'v2', entityId: 'val', announcedOn: '2023-05-01', postMoneyValuation: 5e9, currency: 'CNY' },
      { id: 'u1', entityId: 'usd', announcedOn: '2019-01-01', postMoneyValuation: 1.2e9, currency: 'USD' },
      { id: 'n1', entityId: 'norate', announcedOn: '2021-01-01', postMoneyValuation: 9e9, currency: 'EUR' },
    ],
    exits: [{ id: 'x1', entityId: 'usd', kind: 'listing', exitOn: '2022-09-01' }],
    rates: [{ currency: 'CNY', year: 2021, usdPerUnit: 0.15 }, { currency: 'CNY', year: 2023, usdPerUnit: 0.14 }],
  };
  test('status at a date follows recognitions, valuations at the entered rates and exits', () => {
    const at = (d: string) => unicornsAt(base, d).filter((s) => s.unicorn).map((s) => s.entityId);
    expect(at('2019-06-01')).toEqual(['usd']);
    expect(at('2021-12-31')).toEqual(['rec', 'usd', 'val']);
    expect(at('2022-12-31')).toEqual(['val']);
    expect(at('2024-01-01')).toEqual([]);
    const noRate = unicornsAt(base, '2022-01-01').find((s) => s.entityId === 'norate');
    expect(noRate?.unicorn).toBe(false);
    expect(noRate?.latestValuation?.usd).toBeNull();
    expect(unicornsAtYearEnd(base, 2021).map((s) => s.entityId)).toEqual(['rec', 'usd', 'val']);
  });
  test('entries and exits carry their reasons', () => {
    const events = unicornEvents(base, '2025-12-31').map((e) => `${e.date} ${e.entityId} ${e.event} ${e.reason ?? ''}`.trim());
    expect(events).toEqual(['2019-01-01 usd entry', '2020-01-01 rec entry', '2021-05-01 val entry', '2022-07-01 rec exit recognition_ended', '2022-09-01 usd exit listing', '2023-05-01 val exit valuation_drop']);
  });
  test('events agree with the status on every day they name', () => {
    const arb = fc.record({
      recognitions: fc.array(fc.record({ entityId: fc.constantFrom('a', 'b', 'c'), validFrom: fc.option(arbDate, { nil: null }), validTo: fc.option(arbDate, { nil: null }) }), { maxLength: 3 }),
      rounds: fc.array(fc.record({ entityId: fc.constantFrom('a', 'b', 'c'), announcedOn: arbDate, postMoneyValuation: fc.option(fc.integer({ min: 1e8, max: 3e9 }), { nil: null }), currency: fc.constantFrom('USD', 'CNY') }), { maxLength: 8 }).map((rs) => rs.map((r, i) => ({ ...r, id: `r${i}` }))),
      exits: fc.array(fc.record({ entityId: fc.constantFrom('a', 'b', 'c'), kind: fc.constantFrom('listing' as const, 'acquisition' as const), exitOn: arbDate }), { maxLength: 2 }).map((xs) => xs.map((x, i) => ({ ...x, id: `x${i}` }))),
    });
    fc.assert(
      fc.property(arb, (partial) => {
        const input: UnicornInput = { ...partial, rates: [] };
        const events = unicornEvents(input, '2030-12-31');
        const alive = new Map<string, boolean>();
        for (const e of events) {
          expect(alive.get(e.entityId) ?? false).toBe(e.event === 'exit');
          alive.set(e.entityId, e.event === 'entry');
          const s = unicornsAt(input, e.date).find((x) => x.entityId === e.entityId);
          expect(s?.unicorn ?? false).toBe(e.event === 'entry');
        }
        // At the end, the open entries are exactly today's unicorns.
        const open = [...alive].filter(([, v]) => v).map(([k]) => k).sort();
        expect(unicornsAt(input, '2030-12-31').filter((s) => s.unicorn).map((s) => s.entityId)).toEqual(open);
      }),
      SEED,
    );
  });
});

describe('spreadsheet rows', () => {
  test('stages, dates, amounts with 万/亿, currencies and investors are read; problems are named by field', async () => {
    const { checkRoundRow, parseAmount, splitInvestors } = await import('./import-row.js');
    expect(parseAmount('1.5亿')).toBe(150_000_000);
    expect(parseAmount('3,000万')).toBe(30_000_000);
    expect(parseAmount('未披露')).toBeNull();
    expect(parseAmount('about 5')).toBeNaN();
    expect(splitInvestors('红杉中国（领投）、示例资本;某基金')).toEqual([{ name: '红杉中国', isLead: true }, { name: '示例资本', isLead: false }, { name: '某基金', isLead: false }]);
    expect(checkRoundRow({ investee: '示例公司', announcedOn: '2024/03/05', stage: 'B轮', amount: '2亿', postMoneyValuation: '20亿' })).toEqual({ ok: true, row: { investee: '示例公司', announcedOn: '2024-03-05', stage: 'b', amount: 2e8, currency: 'CNY', postMoneyValuation: 2e9, investors: [], sourceNote: null } });
    const bad = checkRoundRow({ investee: '', announcedOn: '2024-02-30', stage: 'Z轮', amount: 'x', currency: 'yuan', postMoneyValuation: '1' });
    expect(bad.ok ? [] : bad.problems.map((p) => `${p.field}:${p.code}`)).toEqual(['investee:required', 'announcedOn:date', 'stage:stage', 'amount:amount', 'currency:currency']);
  });
  test('any amount written with 万 or 亿 reads back to the same number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), fc.constantFrom('', '万', '亿'), (n, unit) => {
        expect(parseAmountSync(`${n}${unit}`)).toBe(n * (unit === '亿' ? 1e8 : unit === '万' ? 1e4 : 1));
      }),
      SEED,
    );
  });
});
