import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { computeCallStatistics, type StatApplication, type StatCall, type StatisticsInput, type StatMilestone } from './statistics.js';

const call = (id: string, over: Partial<StatCall> = {}): StatCall => ({ id, state: 'closed', publishedAt: '2025-03-01T00:00:00Z', endedAt: null, isSample: false, ...over });
const app = (id: string, callId: string, over: Partial<StatApplication> = {}): StatApplication => ({
  id,
  callId,
  state: 'submitted',
  submittedAt: '2025-04-01T00:00:00Z',
  decidedAt: null,
  leadOrgId: null,
  piId: null,
  budgetTotal: 0,
  isSample: false,
  ...over,
});
const ms = (id: string, applicationId: string, over: Partial<StatMilestone> = {}): StatMilestone => ({ id, applicationId, dueOn: '2025-09-30', state: 'planned', submittedAt: null, paidAt: null, paidAmount: null, ...over });
const input = (over: Partial<StatisticsInput>): StatisticsInput => ({ calls: [], applications: [], milestones: [], smeOrgIds: new Set(), birthYears: new Map(), today: '2026-03-01', ...over });
const find = (figures: ReturnType<typeof computeCallStatistics>, code: string, period: string) => {
  const f = figures.find((x) => x.code === code && x.period === period);
  return f && { ...f, recordIds: f.records.map((r) => r.id) };
};

describe('computeCallStatistics', () => {
  const figures = computeCallStatistics(
    input({
      calls: [call('c1', { state: 'accepted', endedAt: '2026-01-10T00:00:00Z' }), call('c2', { state: 'in_execution' }), call('c3', { state: 'published' }), call('c4', { state: 'draft', publishedAt: null }), call('c5', { state: 'terminated', endedAt: '2026-02-01T00:00:00Z', publishedAt: '2024-05-01T00:00:00Z' })],
      applications: [
        app('a1', 'c1', { state: 'completed', decidedAt: '2025-06-01T00:00:00Z', leadOrgId: 'o-sme', piId: 'p-young', budgetTotal: 5_000_000 }),
        app('a2', 'c1', { state: 'rejected', decidedAt: '2025-06-01T00:00:00Z' }),
        app('a3', 'c2', { state: 'awarded', decidedAt: '2025-07-01T00:00:00Z', leadOrgId: 'o-big', piId: 'p-old', budgetTotal: 3_000_000 }),
        app('a4', 'c2', { state: 'draft', submittedAt: null }),
        app('a5', 'c3'),
      ],
      milestones: [
        ms('m1', 'a1', { state: 'paid', submittedAt: '2025-09-30T15:00:00Z', paidAt: '2025-10-15T00:00:00Z', paidAmount: 1_000_000 }),
        ms('m2', 'a3', { state: 'accepted', submittedAt: '2025-10-02T00:00:00Z' }),
        ms('m3', 'a3', { dueOn: '2025-12-31' }),
        ms('m4', 'a3', { dueOn: '2026-06-30' }),
        ms('m5', 'a3', { dueOn: '2025-05-01', state: 'cancelled' }),
      ],
      smeOrgIds: new Set(['o-sme']),
      birthYears: new Map([
        ['p-young', 1990],
        ['p-old', 1960],
      ]),
    }),
  );

  test('counts published calls by year and bids per call whose bidding has ended', () => {
    expect(find(figures, 'calls_published', '2025')).toMatchObject({ value: 3, recordIds: ['c1', 'c2', 'c3'] });
    expect(find(figures, 'calls_published', '2024')).toMatchObject({ value: 1 });
    // c1 and c2 have ended bidding (c3 is still open): a1, a2, a3 submitted; a4 is a draft.
    expect(find(figures, 'call_bids_per_call', '2025')).toMatchObject({ value: 1.5, numerator: 3, denominator: 2 });
  });

  test('winners: SME leads and young PIs as percentages, funding committed by year of decision', () => {
    expect(find(figures, 'call_winners_sme_share', '2025')).toMatchObject({ value: 50, numerator: 1, denominator: 2, recordIds: ['a1', 'a3'] });
    expect(find(figures, 'call_winners_young_pi_share', '2025')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(find(figures, 'call_funding_committed', '2025')).toMatchObject({ value: 8_000_000 });
  });

  test('milestones on time: counted once due or submitted; the end of the due day counts; cancelled ones do not', () => {
    expect(find(figures, 'call_milestones_on_time_rate', '2025')).toMatchObject({ numerator: 1, denominator: 3, recordIds: ['m1', 'm2', 'm3'] });
    expect(find(figures, 'call_milestones_on_time_rate', '2026')).toBeUndefined();
    expect(find(figures, 'call_funding_paid', '2025')).toMatchObject({ value: 1_000_000, recordIds: ['m1'] });
  });

  test('acceptance rate over calls that ended, by year of ending', () => {
    expect(find(figures, 'call_acceptance_rate', '2026')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
  });

  test('a figure counting any sample record is a sample', () => {
    const withSample = computeCallStatistics(input({ calls: [call('c1'), call('c2', { isSample: true })] }));
    expect(find(withSample, 'calls_published', '2025')?.isSample).toBe(true);
    expect(find(figures, 'calls_published', '2025')?.isSample).toBe(false);
  });

  test('shares stay within 0–100 and name exactly the records they count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ won: fc.boolean(), sme: fc.boolean(), year: fc.integer({ min: 2020, max: 2026 }) }), { maxLength: 40 }),
        (rows) => {
          const apps = rows.map((r, i) => app(`a${i}`, 'c1', { state: r.won ? 'awarded' : 'rejected', decidedAt: `${r.year}-06-01`, leadOrgId: r.sme ? 'sme' : 'other' }));
          const out = computeCallStatistics(input({ calls: [call('c1')], applications: apps, smeOrgIds: new Set(['sme']) }));
          for (const f of out.filter((x) => x.code === 'call_winners_sme_share')) {
            expect(f.value).toBeGreaterThanOrEqual(0);
            expect(f.value).toBeLessThanOrEqual(100);
            expect(f.records).toHaveLength(f.denominator as number);
            expect(f.records.every((r) => r.kind === 'application' && apps.find((a) => a.id === r.id)?.decidedAt?.startsWith(f.period))).toBe(true);
          }
        },
      ),
    );
  });
});
