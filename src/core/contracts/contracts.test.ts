import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkMachine, fire } from '../workflow/machine.js';
import { techContractWorkflow } from '../workflow/tech-contract.js';
import { canonicalPatentNumber, checkContract, contractKey, patentCheckCharacter, patentNumberProblem, registrationNumber, reviewClock, technicalTransactionAmount, type ContractFacts } from './contract.js';
import { aggregate, cellId, cellsOf, growth, STAT_DIMENSIONS, suppressSmallCells, type RegisteredContract, type StatRow } from './statistics.js';
import { AMOUNT_ITEMS, isBuyerRegion, SELLER_KINDS, sellerKindOf, TECH_CONTRACT_TYPES, TECHNICAL_FIELDS } from '../../shared/contracts-vocabulary.js';

const base: ContractFacts = { type: 'development_commissioned', sellerId: 's', buyerEntityId: null, amount: 1000, breakdown: [], patentNumbers: [], signedOn: '2026-03-01', validUntil: null };
const codes = (c: ContractFacts) => checkContract(c, '2026-12-06').map((i) => `${i.path}:${i.code}`);
const withCheck = (digits: string) => `${digits}.${patentCheckCharacter(digits)}`;

describe('technology contract checks', () => {
  test('a plain development contract passes', () => expect(codes(base)).toEqual([]));

  test('each inconsistency is reported at its field', () => {
    expect(codes({ ...base, amount: 0 })).toContain('amount:amount_positive');
    expect(codes({ ...base, breakdown: [{ item: 'technical_fee', amount: 600 }, { item: 'equipment', amount: 300 }] })).toEqual(['breakdown:breakdown_sum']);
    expect(codes({ ...base, breakdown: [{ item: 'technical_fee', amount: 500 }, { item: 'technical_fee', amount: 500 }] })).toEqual(['breakdown.1.item:duplicate_item']);
    expect(codes({ ...base, buyerEntityId: 's' })).toEqual(['buyer.entityId:same_party']);
    expect(codes({ ...base, signedOn: '2026-12-07' })).toEqual(['signedOn:signed_in_future']);
    expect(codes({ ...base, validUntil: '2026-02-28' })).toEqual(['validUntil:ends_before_signed']);
    expect(codes({ ...base, type: 'licensing_patent' })).toEqual(['patentNumbers:patent_required']);
  });

  test('patent numbers carry a check digit; a wrong one is named, a good one passes in any spelling', () => {
    const good = withCheck('202310123456');
    expect(patentNumberProblem(good)).toBeNull();
    expect(patentNumberProblem(`ZL${good}`)).toBeNull();
    expect(patentNumberProblem(`cn ${good.replace('.', '')}`)).toBeNull();
    expect(canonicalPatentNumber(`ZL ${good}`)).toBe(good);
    const wrongCheck = good.slice(0, -1) + (good.endsWith('1') ? '2' : '1');
    expect(patentNumberProblem(wrongCheck)).toMatch(/check digit/);
    expect(patentNumberProblem('US1234567')).toMatch(/not a Chinese patent number/);
    expect(codes({ ...base, type: 'transfer_patent_right', patentNumbers: [good, `ZL${good}`] })).toEqual(['patentNumbers.1:duplicate_patent']);
  });

  test('any single changed digit breaks the check (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.nat(11), fc.integer({ min: 1, max: 9 }), (digits, at, bump) => {
        const changed = digits.slice(0, at) + String((Number(digits[at]) + bump) % 10) + digits.slice(at + 1);
        expect(patentNumberProblem(`${changed}.${patentCheckCharacter(digits)}`)).not.toBeNull();
      }),
    );
  });

  test('the technical transaction amount is the price less the non-technical items, never more than the price (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...AMOUNT_ITEMS)), fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 5, maxLength: 5 }), (items, cents) => {
        const breakdown = items.map((item, i) => ({ item, amount: (cents[i] as number) / 100 }));
        const amount = Math.round(breakdown.reduce((s, b) => s + b.amount, 0) * 100) / 100;
        const technical = technicalTransactionAmount(amount, breakdown);
        expect(technical).toBeLessThanOrEqual(amount + 1e-9);
        expect(technical).toBeGreaterThanOrEqual(-1e-9);
        if (amount > 0) expect(codes({ ...base, amount, breakdown })).toEqual([]);
      }),
    );
  });

  test('a second submission of the same contract is recognised whatever the spacing and case of its number', () => {
    expect(contractKey('BJ-2026/001')).toBe(contractKey(' bj 2026 001 '));
    expect(contractKey('ＢＪ２０２６００１')).toBe(contractKey('bj2026001'));
    expect(contractKey('BJ2026001')).not.toBe(contractKey('BJ2026002'));
  });

  test('the review clock runs 30 days from submission and stops at the decision', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(reviewClock(at, new Date('2026-01-11T01:00:00Z'))).toMatchObject({ daysUsed: 10, daysLeft: 20, overdue: false });
    expect(reviewClock(at, new Date('2026-02-05T00:00:00Z'))).toMatchObject({ daysUsed: 35, overdue: true });
    expect(reviewClock(at, new Date('2026-03-01T00:00:00Z'), new Date('2026-01-05T00:00:00Z'))).toMatchObject({ daysUsed: 4, overdue: false });
    expect(registrationNumber(2026, '110000', 42)).toBe('2026110000000042');
  });

  test('seller kinds and buyer regions', () => {
    expect(sellerKindOf('university')).toBe('university');
    expect(sellerKindOf('national_lab')).toBe('institute');
    expect(sellerKindOf('person')).toBe('other');
    expect(isBuyerRegion('44')).toBe(true);
    expect(isBuyerRegion('abroad:DE')).toBe(true);
    expect(isBuyerRegion('99')).toBe(false);
    expect(isBuyerRegion('abroad:de')).toBe(false);
  });
});

describe('the registration workflow', () => {
  test('is well formed', () => expect(checkMachine(techContractWorkflow)).toEqual([]));
  test('only a registrar registers, only a complete contract, and registering asks for a number', () => {
    const ctx = { note: null, openIssues: 0 };
    expect(fire(techContractWorkflow, { state: 'under_review', action: 'register', roles: ['seller'], context: ctx })).toMatchObject({ ok: false, kind: 'role_not_allowed' });
    expect(fire(techContractWorkflow, { state: 'under_review', action: 'register', roles: ['registrar'], context: { ...ctx, openIssues: 2 } })).toMatchObject({ ok: false, kind: 'guard_failed' });
    expect(fire(techContractWorkflow, { state: 'submitted', action: 'register', roles: ['registrar'], context: ctx })).toMatchObject({ ok: false, kind: 'wrong_state' });
    const ok = fire(techContractWorkflow, { state: 'under_review', action: 'register', roles: ['registrar'], context: ctx });
    expect(ok).toMatchObject({ ok: true, to: 'registered' });
    expect(ok.ok && ok.effects).toContainEqual({ type: 'assign_registration_number' });
    expect(fire(techContractWorkflow, { state: 'under_review', action: 'decline', roles: ['registrar'], context: ctx })).toMatchObject({ ok: false, kind: 'guard_failed' });
  });
});

const arbContract: fc.Arbitrary<RegisteredContract> = fc.record({
  registeredOn: fc.tuple(fc.integer({ min: 2021, max: 2026 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  type: fc.constantFrom(...TECH_CONTRACT_TYPES),
  field: fc.constantFrom(...TECHNICAL_FIELDS),
  sellerKind: fc.constantFrom(...SELLER_KINDS),
  sellerDistrictId: fc.option(fc.constantFrom('d1', 'd2', 'd3')),
  sellerParkId: fc.option(fc.constantFrom('p1', 'p2')),
  buyerRegion: fc.constantFrom('11', '13', '44', 'abroad:DE'),
  amount: fc.integer({ min: 1, max: 1_000_000 }),
  technicalAmount: fc.integer({ min: 0, max: 1_000_000 }),
  isSample: fc.boolean(),
});

describe('contract statistics', () => {
  test('every dimension partitions the total: per year, the cells of any dimension add up to the total cell (property)', () => {
    fc.assert(
      fc.property(fc.array(arbContract, { maxLength: 60 }), (contracts) => {
        const cells = aggregate(contracts);
        const totals = new Map(cells.filter((c) => c.dimension === 'total').map((c) => [`${c.year}|${c.month}`, c]));
        for (const dimension of STAT_DIMENSIONS) {
          const sums = new Map<string, { n: number; a: number }>();
          for (const c of cells.filter((x) => x.dimension === dimension)) {
            const k = `${c.year}|${c.month}`;
            const s = sums.get(k) ?? { n: 0, a: 0 };
            sums.set(k, { n: s.n + c.contracts, a: s.a + c.amount });
          }
          for (const [k, s] of sums) {
            expect(s.n).toBe(totals.get(k)?.contracts);
            expect(s.a).toBe(totals.get(k)?.amount);
          }
        }
      }),
    );
  });

  test('adding contracts one at a time gives the same cells as aggregating them at once (property)', () => {
    fc.assert(
      fc.property(fc.array(arbContract, { maxLength: 40 }), (contracts) => {
        const incremental = new Map<string, number>();
        for (const c of contracts) for (const k of cellsOf(c)) incremental.set(cellId(k), (incremental.get(cellId(k)) ?? 0) + 1);
        const direct = new Map(aggregate(contracts).map((c) => [cellId(c), c.contracts]));
        expect(incremental).toEqual(direct);
      }),
    );
  });

  const row = (key: string, contracts: number): StatRow => ({ key, key2: '', contracts, amount: contracts * 10, technicalAmount: contracts * 5, isSample: false, suppressed: false });
  test('small cells are hidden, and a lone hidden cell takes the next smallest with it', () => {
    const out = suppressSmallCells([row('a', 10), row('b', 2), row('c', 5)], 3);
    expect(out.map((r) => [r.key, r.suppressed, r.contracts])).toEqual([['a', false, 10], ['b', true, null], ['c', true, null]]);
    expect(suppressSmallCells([row('a', 1), row('b', 2), row('c', 5)], 3).map((r) => r.suppressed)).toEqual([true, true, false]);
  });

  test('no shown cell is ever below the threshold, and a single hidden cell never stands alone (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 5 }), (counts, min) => {
        const out = suppressSmallCells(counts.map((n, i) => row(String(i), n)), min);
        for (const r of out) if (!r.suppressed) expect(r.contracts).toBeGreaterThanOrEqual(min);
        const hidden = out.filter((r) => r.suppressed).length;
        expect(hidden === 1 && out.length > 1).toBe(false);
      }),
    );
  });

  test('growth is in percent and absent without a base year', () => {
    expect(growth(106_552, 95_048)).toBe(12.1);
    expect(growth(5, 0)).toBeNull();
    expect(growth(5, null)).toBeNull();
  });
});
