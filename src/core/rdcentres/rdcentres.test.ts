import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assess, checkCriteria, cumulativeRecognised, hiresIn, recognitionStatus, RD_FACT_CATALOGUE, ruleFacts } from './index.js';
import { RD_CRITERIA, RD_EVIDENCE_KINDS, type TRdFacts } from '../../shared/schemas/rdcentres.js';

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const facts: fc.Arbitrary<TRdFacts> = fc.record({
  centreType: maybe(fc.constantFrom('innovation_centre' as const, 'open_platform' as const)),
  foreignShare: maybe(fc.double({ min: 0, max: 100, noNaN: true })),
  investorMainlyOverseas: maybe(fc.boolean()),
  registeredInChina: maybe(fc.boolean()),
  naturalSciencesRd: maybe(fc.boolean()),
  independentTeam: maybe(fc.boolean()),
  openServices: maybe(fc.boolean()),
});
const evidence = fc.array(fc.record({ kind: fc.constantFrom(...RD_EVIDENCE_KINDS) }), { maxLength: 8 });
const fill = (f: TRdFacts, with_: Partial<TRdFacts>): TRdFacts => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v ?? (with_ as Record<string, unknown>)[k] ?? null])) as TRdFacts;

describe('the definition as three-valued rules', () => {
  test('a worked example: a wholly foreign-owned innovation centre with its team and evidence meets the definition', () => {
    const out = checkCriteria({ centreType: 'innovation_centre', foreignShare: 100, investorMainlyOverseas: true, registeredInChina: true, naturalSciencesRd: true, independentTeam: true }, ['shareholding', 'investor_profile', 'business_licence', 'rd_programme', 'team_roster'].map((kind) => ({ kind: kind as 'shareholding' })));
    expect(out.outcome).toBe('meets');
    expect(out.criteria.map((c) => c.code)).toEqual([...RD_CRITERIA]);
    // A domestic company fails the first criterion, whatever else it says.
    expect(checkCriteria({ foreignShare: 0 }, []).criteria[0]).toMatchObject({ code: 'foreign_funded', result: 'fail' });
    // An open platform is judged on its open services, not on a team.
    const platform = checkCriteria({ centreType: 'open_platform', openServices: true, independentTeam: false }, [{ kind: 'platform_rules' }]);
    expect(platform.criteria[4]).toMatchObject({ result: 'pass', evidenceKinds: ['platform_rules'], evidenceGiven: true });
  });

  test('a missing fact never fails a criterion: unknown names it; answering it decides', () => {
    fc.assert(
      fc.property(facts, evidence, (f, ev) => {
        const out = checkCriteria(f, ev);
        for (const c of out.criteria) {
          if (c.result === 'unknown') expect(c.missing.length).toBeGreaterThan(0);
          else expect(c.missing).toEqual([]);
          for (const m of c.missing) expect((f as Record<string, unknown>)[m] ?? null).toBeNull();
        }
        // Kleene monotonicity: filling the missing facts never changes a decided criterion.
        const filled = checkCriteria(fill(f, { centreType: 'innovation_centre', foreignShare: 50, investorMainlyOverseas: true, registeredInChina: true, naturalSciencesRd: true, independentTeam: true, openServices: true }), ev);
        out.criteria.forEach((c, i) => {
          if (c.result !== 'unknown') expect(filled.criteria[i]?.result).toBe(c.result);
          else expect(filled.criteria[i]?.result).not.toBe('unknown');
        });
      }),
    );
  });

  test('the outcome: fails iff a criterion fails; meets iff all pass with evidence', () => {
    fc.assert(
      fc.property(facts, evidence, (f, ev) => {
        const out = checkCriteria(f, ev);
        expect(out.outcome === 'fails').toBe(out.criteria.some((c) => c.result === 'fail'));
        expect(out.outcome === 'meets').toBe(out.criteria.every((c) => c.result === 'pass' && c.evidenceGiven));
        // Adding evidence never turns a met definition into an unmet one.
        expect(checkCriteria(f, [...ev, ...RD_EVIDENCE_KINDS.map((kind) => ({ kind }))]).outcome === 'fails').toBe(out.outcome === 'fails');
      }),
    );
  });

  test('every rule reads only catalogued facts, and the form maps onto them', () => {
    expect(Object.keys(ruleFacts({})).sort()).toEqual(RD_FACT_CATALOGUE.map((f) => f.name).sort());
  });
});

describe('comprehensive assessment', () => {
  const metrics = fc.record({ jointProjects: fc.nat(20), localContracts: fc.nat(20), localHires: fc.nat(500) });
  const floors = fc.record({ jointProjects: fc.nat(20), localContracts: fc.nat(20), localHires: fc.nat(500) }, { requiredKeys: [] });
  test('met iff every floor given is reached; raising a value never breaks it', () => {
    fc.assert(
      fc.property(metrics, floors, (v, f) => {
        const out = assess(v, f);
        const judged = out.lines.filter((l) => l.threshold !== null);
        expect(out.outcome).toBe(judged.length === 0 ? 'no_floor' : judged.every((l) => l.value >= (l.threshold as number)) ? 'met' : 'not_met');
        if (out.outcome === 'met') expect(assess({ jointProjects: v.jointProjects + 1, localContracts: v.localContracts + 1, localHires: v.localHires + 1 }, f).outcome).toBe('met');
      }),
    );
  });
  test('hires count when their period overlaps the window', () => {
    expect(hiresIn([{ periodFrom: '2026-01', periodTo: '2026-06', count: 5 }, { periodFrom: '2027-07', periodTo: '2027-12', count: 3 }, { periodFrom: '2025-01', periodTo: '2025-12', count: 9 }], '2026-03-01', '2027-02-28')).toBe(5);
    expect(hiresIn([{ periodFrom: '2027-02', periodTo: '2027-02', count: 2 }], '2026-03-01', '2027-02-28')).toBe(2);
  });
});

describe('recognised centres, cumulative per year and area', () => {
  const record = fc.record({ id: fc.uuid(), validFrom: fc.integer({ min: 2018, max: 2027 }).map((y) => `${y}-06-01`), areaId: fc.constantFrom(null, 'bj-110108', 'bj-110105'), isSample: fc.boolean() });
  test('never falls from one year to the next, ends at the total, and each area sums to at most the whole', () => {
    fc.assert(
      fc.property(fc.uniqueArray(record, { selector: (r) => r.id, maxLength: 30 }), (rs) => {
        const out = cumulativeRecognised(rs, 2027);
        if (rs.length === 0) {
          expect(out).toEqual([]);
          return;
        }
        const whole = out.filter((f) => f.areaId === null);
        for (let i = 1; i < whole.length; i++) expect(whole[i]!.value).toBeGreaterThanOrEqual(whole[i - 1]!.value);
        expect(whole.at(-1)).toMatchObject({ period: '2027', value: rs.length });
        for (const f of out) expect(f.records.length).toBe(f.value);
        for (const y of new Set(out.map((f) => f.period))) {
          const areaSum = out.filter((f) => f.period === y && f.areaId !== null).reduce((n, f) => n + f.value, 0);
          expect(areaSum).toBeLessThanOrEqual(whole.find((f) => f.period === y)!.value);
        }
      }),
    );
  });
  test('status: revoked before expired before active', () => {
    expect(recognitionStatus({ validTo: '2027-12-31', revokedOn: null }, '2027-06-01')).toBe('active');
    expect(recognitionStatus({ validTo: '2026-12-31', revokedOn: null }, '2027-06-01')).toBe('expired');
    expect(recognitionStatus({ validTo: '2026-12-31', revokedOn: '2026-05-01' }, '2027-06-01')).toBe('revoked');
    expect(recognitionStatus({ validTo: '2027-12-31', revokedOn: '2027-07-01' }, '2027-06-01')).toBe('active');
  });
});
