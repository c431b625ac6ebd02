import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COHORT_EXIT_KINDS, INCUBATOR_TYPES } from '../../shared/schemas/incubators.js';
import { compareByType, funnelOf, residentIssues, residentOutcome, type CohortFacts, type ResidentFacts } from './index.js';

const day = fc.integer({ min: 2015, max: 2026 }).chain((y) => fc.tuple(fc.constant(y), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const resident = fc.record({
  id: fc.uuid(),
  enteredOn: day,
  exitKind: fc.constantFrom(...COHORT_EXIT_KINDS),
  registryStatus: fc.constantFrom('active' as const, 'dissolved' as const, null),
  rounds: fc.array(day, { maxLength: 4 }),
  contracts: fc.array(day, { maxLength: 4 }),
  patents: fc.array(day, { maxLength: 4 }),
}) satisfies fc.Arbitrary<ResidentFacts>;
const cohort = fc.record({ id: fc.uuid(), incubatorId: fc.constantFrom('a', 'b', 'c'), incubatorType: fc.constantFrom(...INCUBATOR_TYPES), intakeYear: fc.integer({ min: 2018, max: 2024 }), residents: fc.array(resident, { maxLength: 8 }) }) satisfies fc.Arbitrary<CohortFacts>;

const base: ResidentFacts = { id: 'r', enteredOn: '2020-03-01', exitKind: 'in_residence', registryStatus: null, rounds: [], contracts: [], patents: [] };

describe('cohort funnel', () => {
  it('counts each step once per start-up, within the members; rates are shares', () => {
    fc.assert(
      fc.property(fc.array(resident, { maxLength: 30 }), (rs) => {
        const f = funnelOf(rs);
        expect(f.members).toBe(rs.length);
        for (const k of ['surviving', 'graduated', 'funded', 'withContracts', 'withPatents'] as const) expect(f[k]).toBeLessThanOrEqual(f.members);
        expect(f.graduated + f.failed + f.relocated + f.inResidence).toBe(f.members);
        // Every failed start-up is lost; a dissolved one is lost whatever its exit record says.
        expect(f.surviving).toBe(rs.filter((r) => r.exitKind !== 'failed' && r.registryStatus !== 'dissolved').length);
        for (const k of ['survivalRate', 'graduationRate', 'fundingRate', 'contractRate', 'patentRate'] as const) {
          const v = f[k];
          if (rs.length === 0) expect(v).toBeNull();
          else expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('does not depend on the order of the start-ups', () => {
    fc.assert(fc.property(fc.array(resident, { maxLength: 20 }), (rs) => {
      expect(funnelOf([...rs].reverse())).toEqual(funnelOf(rs));
    }));
  });

  it('counts only what happened on or after entry', () => {
    const o = residentOutcome({ ...base, rounds: ['2019-12-31', '2020-03-01', '2022-01-01'], contracts: ['2018-01-01'], patents: ['2020-03-02'] });
    expect(o).toMatchObject({ fundingRounds: 2, contracts: 0, patents: 1, surviving: true });
  });

  it('lets the registry overrule the exit record, and keeps relocated start-ups alive', () => {
    expect(residentOutcome({ ...base, exitKind: 'graduated', registryStatus: 'dissolved' }).surviving).toBe(false);
    expect(residentOutcome({ ...base, exitKind: 'relocated' }).surviving).toBe(true);
    expect(residentOutcome({ ...base, exitKind: 'failed', registryStatus: 'active' }).surviving).toBe(false);
  });
});

describe('comparison by incubator type', () => {
  it('pools per type and year, and the all-years row of a type adds up its years', () => {
    fc.assert(
      fc.property(fc.array(cohort, { maxLength: 12 }), (cs) => {
        const rows = compareByType(cs);
        for (const type of new Set(cs.map((c) => c.incubatorType))) {
          const years = rows.filter((r) => r.incubatorType === type && r.intakeYear !== null);
          const all = rows.find((r) => r.incubatorType === type && r.intakeYear === null);
          expect(all).toBeDefined();
          expect(years.reduce((s, r) => s + r.funnel.members, 0)).toBe(all?.funnel.members);
          expect(years.reduce((s, r) => s + r.funnel.surviving, 0)).toBe(all?.funnel.surviving);
          expect(years.reduce((s, r) => s + r.cohorts, 0)).toBe(all?.cohorts);
        }
        expect(rows.filter((r) => r.intakeYear === null).reduce((s, r) => s + r.funnel.members, 0)).toBe(cs.reduce((s, c) => s + c.residents.length, 0));
      }),
    );
  });

  it('never mixes types or years in one row', () => {
    const rows = compareByType([
      { id: '1', incubatorId: 'u', incubatorType: 'university', intakeYear: 2020, residents: [base, { ...base, id: 'x', exitKind: 'failed' }] },
      { id: '2', incubatorId: 'c', incubatorType: 'corporate', intakeYear: 2020, residents: [{ ...base, exitKind: 'graduated', enteredOn: '2020-01-01' }] },
      { id: '3', incubatorId: 'u', incubatorType: 'university', intakeYear: 2021, residents: [base] },
    ]);
    expect(rows.map((r) => [r.incubatorType, r.intakeYear, r.funnel.members, r.funnel.survivalRate])).toEqual([
      ['corporate', 2020, 1, 1],
      ['corporate', null, 1, 1],
      ['university', 2020, 2, 0.5],
      ['university', 2021, 1, 1],
      ['university', null, 3, 0.6667],
    ]);
    expect(rows.find((r) => r.incubatorType === 'university' && r.intakeYear === null)?.incubators).toBe(1);
  });
});

describe('resident checks', () => {
  it('refuses an entry outside the intake year and an exit without a kind or before entry', () => {
    expect(residentIssues({ enteredOn: '2021-01-01', exitedOn: null, exitKind: 'in_residence' }, 2020).map((i) => i.reason)).toEqual(['outside_intake_year']);
    expect(residentIssues({ enteredOn: '2020-05-01', exitedOn: '2020-04-01', exitKind: 'in_residence' }, 2020).map((i) => i.reason)).toEqual(['exit_without_kind', 'before_entry']);
    expect(residentIssues({ enteredOn: '2020-05-01', exitedOn: null, exitKind: 'graduated' }, 2020).map((i) => i.reason)).toEqual(['required']);
    expect(residentIssues({ enteredOn: '2020-05-01', exitedOn: '2023-05-01', exitKind: 'graduated' }, 2020)).toEqual([]);
  });
});
