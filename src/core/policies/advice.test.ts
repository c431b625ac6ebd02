import { describe, expect, test } from 'vitest';
import { adviseThresholds, questionsToDecide, questionsToDecideAcross } from './advice.js';
import { compileRule } from './compile.js';

const hnte = {
  and: [
    { '>=': [{ var: 'rdIntensity' }, 4] },
    { '<=': [{ var: 'foundedYear' }, 2024] },
    { '>': [{ var: 'employees' }, 10] },
    { in: [{ var: 'area' }, ['bj-110108', 'bj-110105']] },
    { in: ['high_tech_enterprise', { var: 'tiers' }] },
    { var: 'taxCompliant' },
  ],
};
const eligibleFacts = { rdIntensity: 4.5, foundedYear: 2016, employees: 50, area: 'bj-110108', tiers: ['high_tech_enterprise'], taxCompliant: true };

describe('adviseThresholds', () => {
  test('one clause short: the threshold to reach, confirmed by evaluation', () => {
    expect(adviseThresholds(hnte, { ...eligibleFacts, rdIntensity: 3.2 })).toEqual([{ fact: 'rdIntensity', current: 3.2, operator: '>=', threshold: 4, value: 4 }]);
    // integers step by one past a strict threshold
    expect(adviseThresholds(hnte, { ...eligibleFacts, employees: 3 })).toEqual([{ fact: 'employees', current: 3, operator: '>', threshold: 10, value: 11 }]);
    expect(adviseThresholds(hnte, { ...eligibleFacts, area: 'bj-110101' })).toEqual([{ fact: 'area', current: 'bj-110101', operator: 'in', threshold: ['bj-110108', 'bj-110105'], value: 'bj-110108' }]);
    expect(adviseThresholds(hnte, { ...eligibleFacts, tiers: ['little_giant'] })).toEqual([
      { fact: 'tiers', current: ['little_giant'], operator: 'contains', threshold: 'high_tech_enterprise', value: ['little_giant', 'high_tech_enterprise'] },
    ]);
    expect(adviseThresholds(hnte, { ...eligibleFacts, taxCompliant: false })).toEqual([{ fact: 'taxCompliant', current: false, operator: '==', threshold: true, value: true }]);
  });

  test('a real-valued fact past a strict threshold: the next representable number, still an honest "more than 3"', () => {
    const [advice] = adviseThresholds({ '>': [{ var: 'rdIntensity' }, 3] }, { rdIntensity: 2 });
    expect(advice).toMatchObject({ fact: 'rdIntensity', operator: '>', threshold: 3 });
    expect(advice?.value as number).toBeGreaterThan(3);
    expect(advice?.value as number).toBeLessThan(3.000001);
  });

  test('a missing fact that alone decides it: advice to supply it at the threshold', () => {
    const { rdIntensity: _, ...rest } = eligibleFacts;
    expect(adviseThresholds(hnte, rest)).toEqual([{ fact: 'rdIntensity', current: null, operator: '>=', threshold: 4, value: 4 }]);
  });

  test('honest: nothing when no single change is enough, or when already eligible', () => {
    expect(adviseThresholds(hnte, { ...eligibleFacts, rdIntensity: 1, employees: 2 })).toEqual([]);
    expect(adviseThresholds(hnte, eligibleFacts)).toEqual([]);
    // a ratio is not a fact against a constant: no suggestion is derived from it
    expect(adviseThresholds({ '>=': [{ '/': [{ var: 'rdExpense' }, { var: 'revenue' }] }, 0.03] }, { rdExpense: 1, revenue: 100 })).toEqual([]);
    // a threshold the rest of the rule contradicts is not suggested
    expect(adviseThresholds({ and: [{ '>=': [{ var: 'x' }, 5] }, { '<': [{ var: 'x' }, 3] }] }, { x: 1 })).toEqual([]);
  });

  test('the nearest of several thresholds for one fact; the between form from either side', () => {
    const tiered = { or: [{ '>=': [{ var: 'rdIntensity' }, 6] }, { and: [{ '>=': [{ var: 'rdIntensity' }, 3] }, { var: 'hasInventionPatent' }] }] };
    expect(adviseThresholds(tiered, { rdIntensity: 2, hasInventionPatent: true })).toEqual([{ fact: 'rdIntensity', current: 2, operator: '>=', threshold: 3, value: 3 }]);
    expect(adviseThresholds(tiered, { rdIntensity: 2, hasInventionPatent: false })).toEqual([{ fact: 'rdIntensity', current: 2, operator: '>=', threshold: 6, value: 6 }]);
    const size = { '<=': [10, { var: 'employees' }, 300] };
    expect(adviseThresholds(size, { employees: 500 })).toEqual([{ fact: 'employees', current: 500, operator: '<=', threshold: 300, value: 300 }]);
    expect(adviseThresholds(size, { employees: 4 })).toEqual([{ fact: 'employees', current: 4, operator: '>=', threshold: 10, value: 10 }]);
  });

  test('takes a compiled rule as well', () => {
    expect(adviseThresholds(compileRule(hnte), { ...eligibleFacts, rdIntensity: 3.2 })).toHaveLength(1);
  });
});

describe('questionsToDecide', () => {
  test('the missing facts of one rule, those that alone decide it first', () => {
    const rule = { and: [{ '>=': [{ var: 'rdIntensity' }, 3] }, { or: [{ var: 'hasInventionPatent' }, { '>=': [{ var: 'inventionPatents' }, 1] }] }] };
    // rdIntensity alone can make it ineligible; neither patent fact alone can make it anything (the or needs both, or one true and rdIntensity).
    expect(questionsToDecide(rule, {})).toEqual([
      { fact: 'rdIntensity', rules: 1, decides: 1 },
      { fact: 'hasInventionPatent', rules: 1, decides: 0 },
      { fact: 'inventionPatents', rules: 1, decides: 0 },
    ]);
    expect(questionsToDecide(rule, { rdIntensity: 4 })).toEqual([
      { fact: 'hasInventionPatent', rules: 1, decides: 1 },
      { fact: 'inventionPatents', rules: 1, decides: 1 },
    ]);
    expect(questionsToDecide(rule, { rdIntensity: 1 })).toEqual([]);
  });

  test('across rules: ordered by how many rules an answer decides, then how many depend on it', () => {
    const rules = [
      { '>=': [{ var: 'rdIntensity' }, 3] },
      { and: [{ '>=': [{ var: 'rdIntensity' }, 5] }, { var: 'taxCompliant' }] },
      { and: [{ var: 'taxCompliant' }, { '>=': [{ var: 'employees' }, 10] }] },
      { '<=': [{ var: 'foundedYear' }, 2020] },
    ].map(compileRule);
    expect(questionsToDecideAcross(rules, { employees: 20 })).toEqual([
      { fact: 'rdIntensity', rules: 2, decides: 2 },
      { fact: 'taxCompliant', rules: 2, decides: 2 },
      { fact: 'foundedYear', rules: 1, decides: 1 },
    ]);
  });
});
