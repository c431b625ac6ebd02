import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildTaskAgreement, type AgreementInput } from './agreement.js';

const input = (over: Partial<AgreementInput> = {}): AgreementInput => ({
  call: {
    id: 'call-1234567890',
    titleZh: '示例榜单',
    titleEn: 'Sample call',
    problem: 'A sample problem',
    fieldCodes: ['ai.vision'],
    chainPosition: 'midstream',
    trlExpected: 6,
    currency: 'CNY',
    frozenTerms: { ipTemplate: 'owner_licence', ipText: 'Terms as published', paymentSchedule: [{ label: 'On acceptance', share: 100 }], frozenAt: '2026-01-01T00:00:00.000Z' },
    decisionMemo: 'Memo',
    awardedAt: '2026-03-01T00:00:00.000Z',
    isSample: true,
  },
  owner: { id: 'owner', nameZh: '示例链主', nameEn: 'Sample owner' },
  criteria: [{ metric: 'Latency', unit: 'ms', comparator: '<=', threshold: 20, testMethod: 'Benchmark' }],
  application: { id: 'app-abcdefghij', title: 'Bid', plan: 'Plan', state: 'awarded', awardAmount: 1_000_000, decidedAt: '2026-03-01T00:00:00.000Z', selfFunded: 200_000 },
  lead: { id: 'lead', nameZh: '甲', nameEn: 'A' },
  partners: [],
  pi: { id: 'pi', nameZh: '负责人', nameEn: 'PI' },
  members: [],
  milestones: [
    { position: 2, title: 'M2', deliverable: 'd2', verification: 'v2', dueOn: '2026-12-31', trancheShare: 70 },
    { position: 1, title: 'M1', deliverable: 'd1', verification: 'v1', dueOn: '2026-06-30', trancheShare: 30 },
  ],
  ...over,
});

describe('buildTaskAgreement', () => {
  test('takes every clause from the records: terms as frozen, milestones in order with their tranches', () => {
    const a = buildTaskAgreement(input());
    expect(a.number).toBe('KC-CALL-123-APP-ABCD');
    expect(a.milestones.map((m) => [m.title, m.trancheAmount])).toEqual([
      ['M1', 300_000],
      ['M2', 700_000],
    ]);
    expect(a.ipTerms).toEqual({ template: 'owner_licence', text: 'Terms as published', frozenAt: '2026-01-01T00:00:00.000Z' });
    expect(a.missing).toEqual([]);
    expect(a.isSample).toBe(true);
  });

  test('says what is missing before it can be signed', () => {
    const a = buildTaskAgreement(input({ application: { ...input().application, awardAmount: null }, pi: null, milestones: [], criteria: [] }));
    expect(a.missing).toEqual(['award_amount', 'pi', 'milestones', 'criteria']);
    const shares = buildTaskAgreement(input({ milestones: [{ position: 1, title: 'M', deliverable: 'd', verification: 'v', dueOn: '2026-06-30', trancheShare: 60 }] }));
    expect(shares.missing).toEqual(['tranche_shares']);
  });

  test('tranches always add up to the award, to the cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 8 }), (award, shares) => {
        const a = buildTaskAgreement(input({ application: { ...input().application, awardAmount: award / 100 }, milestones: shares.map((s, i) => ({ position: i, title: `M${i}`, deliverable: 'd', verification: 'v', dueOn: '2026-06-30', trancheShare: s })) }));
        const cents = a.milestones.reduce((s, m) => s + Math.round((m.trancheAmount as number) * 100), 0);
        expect(cents).toBe(award);
      }),
    );
  });
});
