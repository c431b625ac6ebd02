import { describe, expect, test } from 'vitest';
import { answersFromForm } from './answers.js';
import { clauseHolds, explainedClauses } from './explanation.js';
import { formatFactValue, formatYuan, nameCodesInText } from './format.js';

describe('answers from the questions form', () => {
  const questions = [
    { name: 'taxCompliant', type: 'boolean' as const },
    { name: 'employees', type: 'integer' as const },
    { name: 'rdIntensity', type: 'number' as const },
    { name: 'tiers', type: 'string[]' as const },
    { name: 'area', type: 'string' as const },
  ];
  test.each([
    [{ taxCompliant: true }, [{ fact: 'taxCompliant', value: true }]],
    [{ taxCompliant: 'false' }, [{ fact: 'taxCompliant', value: false }]],
    [{ employees: 12.4 }, [{ fact: 'employees', value: 12 }]],
    [{ rdIntensity: '4.5' }, [{ fact: 'rdIntensity', value: 4.5 }]],
    [{ tiers: ['little_giant', ' little_giant ', ''] }, [{ fact: 'tiers', value: ['little_giant'] }]],
    [{ tiers: 'a，b、c' }, [{ fact: 'tiers', value: ['a', 'b', 'c'] }]],
    [{ area: '  bj-110108 ' }, [{ fact: 'area', value: 'bj-110108' }]],
    [{ employees: '', area: null, rdIntensity: 'x' }, []],
  ])('%j → %j', (values, expected) => {
    expect(answersFromForm(questions, values)).toEqual(expected);
  });
});

describe('explanations for readers', () => {
  const tree = {
    path: '$.and',
    op: 'and',
    truth: 'unknown',
    facts: {},
    missing: ['taxCompliant'],
    children: [
      { path: '$.and[0].>=', op: '>=', truth: 'true', facts: { rdIntensity: 4.5 }, missing: [], children: [{ path: 'v', op: 'var', fact: 'rdIntensity', truth: 'true', facts: {}, missing: [], children: [] }, { path: 'l', op: 'literal', value: 3, truth: 'true', facts: {}, missing: [], children: [] }] },
      { path: '$.and[1].!', op: '!', truth: 'unknown', facts: {}, missing: ['taxCompliant'], children: [{ path: '$.and[1].![0].==', op: '==', truth: 'unknown', facts: { taxCompliant: null }, missing: ['taxCompliant'], children: [{ path: 'v', op: 'var', fact: 'taxCompliant', truth: 'unknown', facts: {}, missing: [], children: [] }, { path: 'l', op: 'literal', value: false, truth: 'false', facts: {}, missing: [], children: [] }] }] },
      { path: '$.and[2].in', op: 'in', truth: 'false', facts: { tiers: [] }, missing: [], children: [{ path: 'l', op: 'literal', value: 'little_giant', truth: 'true', facts: {}, missing: [], children: [] }, { path: 'v', op: 'var', fact: 'tiers', truth: 'false', facts: {}, missing: [], children: [] }] },
      { path: '$.and[3].<=', op: '<=', truth: 'false', facts: { foundedYear: 2010 }, missing: [], children: [{ path: 'a', op: 'literal', value: 2016, truth: 'true', facts: {}, missing: [], children: [] }, { path: 'v', op: 'var', fact: 'foundedYear', truth: 'true', facts: {}, missing: [], children: [] }, { path: 'b', op: 'literal', value: 2024, truth: 'true', facts: {}, missing: [], children: [] }] },
    ],
  };
  test('and/not are walked through; each comparison is a clause with its shape and whether it holds', () => {
    const clauses = explainedClauses(tree);
    expect(clauses.map((c) => [c.fact, c.shape, c.operand, c.negated, clauseHolds(c)])).toEqual([
      ['rdIntensity', 'compare', 3, false, 'yes'],
      ['taxCompliant', 'compare', false, true, 'unknown'],
      ['tiers', 'contains', 'little_giant', false, 'no'],
      ['foundedYear', 'between', 2016, false, 'no'],
    ]);
    expect(clauses[3]?.operand2).toBe(2024);
    expect(explainedClauses(null)).toEqual([]);
  });
});

describe('values for readers', () => {
  const words = { yes: '是', no: '否', missing: '未知', listSep: '、' };
  test.each([
    [500_000, 'zh-CN', '50 万元'],
    [123_000_000, 'zh-CN', '1.23 亿元'],
    [800, 'zh-CN', '800 元'],
    [500_000, 'en-US', 'CNY 500,000'],
  ] as const)('formatYuan(%d, %s) = %s', (value, locale, expected) => {
    expect(formatYuan(value, locale)).toBe(expected);
  });
  test('facts with their units', () => {
    const def = { name: 'rdIntensity', type: 'number', unitZh: '%', unitEn: '%' } as never;
    expect(formatFactValue(def, 4.5, 'zh-CN', words)).toBe('4.5 %');
    expect(formatFactValue(undefined, true, 'zh-CN', words)).toBe('是');
    expect(formatFactValue(undefined, null, 'zh-CN', words)).toBe('未知');
    expect(formatFactValue(undefined, ['a', 'b'], 'zh-CN', words, (c) => c.toUpperCase())).toBe('A、B');
    expect(formatFactValue({ name: 'foundedYear', unitZh: null, unitEn: null } as never, 2014, 'en-US', words)).toBe('2014');
  });
});

describe('codes named in the rule in words', () => {
  const names: Record<string, string> = { 'bj-110108': '海淀区', high_tech_enterprise: '高新技术企业' };
  test.each([
    ['注册地区域 = “bj-110108” 且 从业人员数 ≥ 50 人', '注册地区域 = “海淀区” 且 从业人员数 ≥ 50 人'],
    ['recognitions includes "high_tech_enterprise"', 'recognitions includes "高新技术企业"'],
    ['area = "bj-999999"', 'area = "bj-999999"'],
    ['no codes here', 'no codes here'],
  ])('%s', (text, expected) => {
    expect(nameCodesInText(text, (c) => names[c])).toBe(expected);
  });
});
