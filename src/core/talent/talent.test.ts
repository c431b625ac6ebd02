import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ZMeritScheme, type TMeritScheme } from '../../shared/schemas/talent.js';
import { TALENT_FACTS } from '../../shared/schemas/talent-vocabulary.js';
import { credentialStatus, validUntil } from './credential.js';
import { talentsByCategory, type CredentialRecord } from './figures.js';
import { answerProblems, gateProblems, gateSentences, indicatorPoints, selfAssess, weightedTotal } from './merit.js';

/** A synthetic scheme (tests only): weights and threshold as the Zhongguancun template, indicators invented for the test. */
const scheme: TMeritScheme = ZMeritScheme.parse({
  template: 'zgc_merit_points',
  weights: { personal: 70, enterprise: 30 },
  threshold: 70,
  indicators: [
    { id: 'doctorate', labelZh: '博士学位', labelEn: 'Doctorate', part: 'personal', points: 30, fact: 'hasDoctorate', measure: { kind: 'boolean' }, howZh: '学位证书', howEn: 'Degree certificate' },
    { id: 'patents', labelZh: '发明专利', labelEn: 'Patents', part: 'personal', points: 40, fact: 'patents', measure: { kind: 'linear', perUnit: 10 }, howZh: '专利证书', howEn: 'Patent certificates' },
    { id: 'salary', labelZh: '年薪', labelEn: 'Salary', part: 'personal', points: 30, fact: 'annualSalary', measure: { kind: 'bands', bands: [{ min: 30, points: 10 }, { min: 60, points: 20 }, { min: 100, points: 30 }] }, howZh: '完税证明', howEn: 'Tax records' },
    { id: 'hte', labelZh: '高新技术企业', labelEn: 'High-tech employer', part: 'enterprise', points: 50, fact: 'employerHighTech', measure: { kind: 'boolean' }, howZh: '认定证书', howEn: 'Certificate' },
    { id: 'rd', labelZh: '研发强度', labelEn: 'R&D intensity', part: 'enterprise', points: 50, fact: 'employerRdIntensity', measure: { kind: 'bands', bands: [{ min: 3, points: 25 }, { min: 5, points: 50 }] }, howZh: '审计报告', howEn: 'Audited accounts' },
  ],
  gates: [
    { id: 'age', labelZh: '年龄', labelEn: 'Age', rule: { '<=': [{ var: 'age' }, 45] } },
    { id: 'beijing', labelZh: '在京工作', labelEn: 'Works in Beijing', rule: { '==': [{ var: 'worksInBeijing' }, true] } },
  ],
});

const full = { hasDoctorate: true, patents: 4, annualSalary: 120, employerHighTech: true, employerRdIntensity: 6, age: 40, worksInBeijing: true };

describe('merit points', () => {
  test('indicator measures', () => {
    const [doc, pat, sal] = scheme.indicators as [TMeritScheme['indicators'][number], TMeritScheme['indicators'][number], TMeritScheme['indicators'][number]];
    expect(indicatorPoints(doc, true)).toBe(30);
    expect(indicatorPoints(doc, false)).toBe(0);
    expect(indicatorPoints(doc, 1)).toBeNull();
    expect(indicatorPoints(pat, 2)).toBe(20);
    expect(indicatorPoints(pat, 9)).toBe(40);
    expect(indicatorPoints(pat, -1)).toBe(0);
    expect(indicatorPoints(sal, 29.9)).toBe(0);
    expect(indicatorPoints(sal, 60)).toBe(20);
    expect(indicatorPoints(sal, null)).toBeNull();
  });

  test('a full answer sheet gives a decided verdict with the weighted total', () => {
    const r = selfAssess(scheme, full);
    expect(r.total.min).toBeCloseTo(100);
    expect(r.total.min).toBe(r.total.max);
    expect(r.result).toBe('eligible');
    expect(r.questions).toEqual([]);
    const weak = selfAssess(scheme, { ...full, hasDoctorate: false, patents: 0, annualSalary: 10 });
    // personal 0 × 0.7 + enterprise 100 × 0.3 = 30
    expect(weak.total.max).toBeCloseTo(30);
    expect(weak.thresholdResult).toBe('fail');
    expect(weak.result).toBe('ineligible');
  });

  test('an unknown turns into pass or fail as the applicant answers', () => {
    const start = selfAssess(scheme, {});
    expect(start.result).toBe('unknown');
    expect(start.thresholdResult).toBe('unknown');
    expect(start.gates.map((g) => g.result)).toEqual(['unknown', 'unknown']);
    expect(start.questions.map((q) => q.fact)).toEqual(expect.arrayContaining(['age', 'worksInBeijing']));
    const aged = selfAssess(scheme, { age: 50 });
    expect(aged.gates[0]?.result).toBe('ineligible');
    expect(aged.result).toBe('ineligible');
    const young = selfAssess(scheme, { age: 30 });
    expect(young.gates[0]?.result).toBe('eligible');
  });

  test('gates are checked as policy rules; sentences in both languages', () => {
    expect(gateProblems(scheme)).toEqual([]);
    expect(gateProblems({ gates: [{ id: 'x', labelZh: 'x', labelEn: 'x', rule: { '>=': [{ var: 'shoeSize' }, 3] } }] })[0]?.problems[0]?.code).toBe('unknown_fact');
    expect(gateProblems({ gates: [{ id: 'x', labelZh: 'x', labelEn: 'x', rule: { frobnicate: [] } }] })).toHaveLength(1);
    const s = gateSentences(scheme);
    expect(s[0]?.zh).toContain('年龄');
    expect(s[0]?.en).toContain('age');
  });

  test('answers of the wrong type are named', () => {
    expect(answerProblems({ age: 40.5, hasDoctorate: 'yes', patents: 3 })).toEqual([
      { fact: 'age', expected: 'integer' },
      { fact: 'hasDoctorate', expected: 'boolean' },
    ]);
  });

  test('the scheme refuses weights that do not add up, falling bands and parts without indicators', () => {
    const bad = ZMeritScheme.safeParse({ ...scheme, weights: { personal: 60, enterprise: 30 }, indicators: [{ ...scheme.indicators[2], measure: { kind: 'bands', bands: [{ min: 10, points: 20 }, { min: 20, points: 10 }] } }] });
    expect(bad.success).toBe(false);
    const reasons = bad.error?.issues.map((i) => (i as { params?: { reason?: string } }).params?.reason);
    expect(reasons).toEqual(expect.arrayContaining(['weights_sum', 'bands_not_rising', 'part_without_indicators']));
  });
});

// ------------------------------------------------------------------ properties
const factArb = (name: string) => {
  const f = TALENT_FACTS.find((x) => x.name === name);
  if (f?.type === 'boolean') return fc.option(fc.boolean(), { nil: null });
  if (f?.type === 'integer') return fc.option(fc.integer({ min: 0, max: 80 }), { nil: null });
  return fc.option(fc.double({ min: 0, max: 200, noNaN: true }), { nil: null });
};
const answersArb = fc.record(Object.fromEntries(TALENT_FACTS.filter((f) => f.type !== 'string').map((f) => [f.name, factArb(f.name)])) as Record<string, fc.Arbitrary<unknown>>);
const pointsRowsArb = fc.array(fc.record({ part: fc.constantFrom('personal' as const, 'enterprise' as const), max: fc.double({ min: 1, max: 100, noNaN: true }), frac: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }) }), { minLength: 1, maxLength: 8 });
const weightsArb = fc.integer({ min: 0, max: 100 }).map((p) => ({ personal: p, enterprise: 100 - p }));

describe('properties', () => {
  test('more points never lowers the total', () => {
    fc.assert(
      fc.property(weightsArb, pointsRowsArb, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (weights, raw, pick, more) => {
        const rows = raw.map((r) => ({ part: r.part, max: r.max, points: r.frac === null ? null : r.frac * r.max }));
        const i = pick % rows.length;
        const row = rows[i] as (typeof rows)[number];
        const raised = rows.map((r, j) => (j === i ? { ...r, points: Math.min(r.max, (r.points ?? 0) + more * r.max) } : r));
        const before = weightedTotal({ weights }, rows.map((r, j) => (j === i ? { ...r, points: row.points ?? 0 } : r)));
        const after = weightedTotal({ weights }, raised);
        expect(after.total.min).toBeGreaterThanOrEqual(before.total.min - 1e-9);
        expect(after.total.max).toBeGreaterThanOrEqual(before.total.max - 1e-9);
      }),
    );
  });

  test('a higher answer never lowers the points or the total (measures rise)', () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom('patents', 'annualSalary', 'employerRdIntensity'), fc.double({ min: 0, max: 50, noNaN: true }), (answers, fact, delta) => {
        const base = typeof answers[fact] === 'number' ? (answers[fact] as number) : 0;
        const a = selfAssess(scheme, { ...answers, [fact]: base });
        const b = selfAssess(scheme, { ...answers, [fact]: base + delta });
        expect(b.total.min).toBeGreaterThanOrEqual(a.total.min - 1e-9);
        expect(b.total.max).toBeGreaterThanOrEqual(a.total.max - 1e-9);
      }),
    );
  });

  test('unknown is never shown as pass, and answering more never widens the range', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const r = selfAssess(scheme, answers);
        expect(r.total.min).toBeLessThanOrEqual(r.total.max + 1e-9);
        if (r.thresholdResult === 'pass') expect(r.total.min).toBeGreaterThanOrEqual(r.threshold - 1e-9);
        if (r.result === 'eligible') {
          expect(r.gates.every((g) => g.result === 'eligible')).toBe(true);
          expect(r.thresholdResult).toBe('pass');
        }
        for (const ind of r.indicators) if (ind.points === null) expect(answers[scheme.indicators.find((x) => x.id === ind.id)?.fact as string] ?? null).toBeNull();
        // Filling every unanswered fact keeps the total inside the range it showed.
        const filled = { ...full, ...Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== null)) };
        const f = selfAssess(scheme, filled);
        expect(f.total.min).toBeGreaterThanOrEqual(r.total.min - 1e-9);
        expect(f.total.max).toBeLessThanOrEqual(r.total.max + 1e-9);
        if (r.result !== 'unknown') expect(f.result).toBe(r.result);
      }),
    );
  });
});

describe('credential validity', () => {
  test('status by date, revocation first', () => {
    const c = { validFrom: '2027-01-01', validTo: '2029-12-31', revokedAt: null };
    expect(credentialStatus(c, '2026-12-31')).toBe('not_yet_valid');
    expect(credentialStatus(c, '2027-01-01')).toBe('valid');
    expect(credentialStatus(c, '2029-12-31')).toBe('valid');
    expect(credentialStatus(c, '2030-01-01')).toBe('expired');
    expect(credentialStatus({ ...c, revokedAt: new Date() }, '2028-01-01')).toBe('revoked');
  });
  test('years of validity end the day before the anniversary', () => {
    expect(validUntil('2027-01-01', 3)).toBe('2029-12-31');
    expect(validUntil('2024-02-29', 1)).toBe('2025-02-28');
    expect(validUntil('2026-03-15', 5)).toBe('2031-03-14');
  });
});

describe('talents by category', () => {
  const rec = (id: string, category: string, validFrom: string, validTo: string, extra: Partial<CredentialRecord> = {}): CredentialRecord => ({ id, category, validFrom, validTo, revokedOn: null, areaId: 'a1', isSample: false, ...extra });
  test('in force during the year, per category, in all and per area; revoked ones stop counting', () => {
    const figs = talentsByCategory([rec('c1', 'young_talent', '2025-06-01', '2028-05-31'), rec('c2', 'young_talent', '2026-01-01', '2026-12-31', { areaId: null }), rec('c3', 'foreign_talent', '2025-01-01', '2030-01-01', { revokedOn: '2025-09-01', isSample: true })], 2027);
    const at = (period: string, category: string | null, areaId: string | null) => figs.find((f) => f.period === period && f.category === category && f.areaId === areaId);
    expect(at('2025', null, null)?.records).toEqual(['c1', 'c3']);
    expect(at('2025', null, null)?.isSample).toBe(true);
    expect(at('2026', 'young_talent', null)?.value).toBe(2);
    expect(at('2026', 'young_talent', 'a1')?.value).toBe(1);
    expect(at('2026', 'foreign_talent', null)).toBeUndefined();
    expect(at('2027', null, null)?.records).toEqual(['c1']);
    expect(at('2027', null, null)?.isSample).toBe(false);
  });
  test('property: each category figure is at most the all-categories figure, and categories add up to it', () => {
    const recArb = fc.record({ id: fc.uuid(), category: fc.constantFrom('young_talent', 'leading_talent'), start: fc.integer({ min: 2020, max: 2026 }), years: fc.integer({ min: 0, max: 5 }), areaId: fc.constantFrom(null, 'a1', 'a2'), isSample: fc.boolean() });
    fc.assert(
      fc.property(fc.array(recArb, { maxLength: 12 }), (raw) => {
        const records = raw.map((r, i) => rec(`${i}-${r.id}`, r.category, `${r.start}-03-01`, `${r.start + r.years}-02-28`, { areaId: r.areaId, isSample: r.isSample }));
        const figs = talentsByCategory(records, 2027);
        for (const total of figs.filter((f) => f.category === null)) {
          const parts = figs.filter((f) => f.category !== null && f.period === total.period && f.areaId === total.areaId);
          expect(parts.reduce((s, f) => s + f.value, 0)).toBe(total.value);
        }
      }),
    );
  });
});
