import { describe, expect, test } from 'vitest';
import { FACT_CATALOGUE } from './facts.js';
import { renderRule } from './render.js';

const both = (rule: unknown): [string, string] => [renderRule(rule, FACT_CATALOGUE, 'zh-CN'), renderRule(rule, FACT_CATALOGUE, 'en')];

describe('renderRule', () => {
  test('labels, symbols and units from the catalogue', () => {
    expect(both({ and: [{ '>=': [{ var: 'rdIntensity' }, 3] }, { '>=': [{ var: 'foundedYear' }, 2016] }] })).toEqual(['研发投入强度 ≥ 3 % 且 成立年份 ≥ 2016', 'R&D intensity ≥ 3 % and year founded ≥ 2016']);
    expect(both({ '<=': [10, { var: 'employees' }, 300] })).toEqual(['10 人 ≤ 从业人员数 ≤ 300 人', '10 people ≤ employees ≤ 300 people']);
    expect(both({ '==': [{ var: 'taxCompliant' }, true] })).toEqual(['纳税信用良好', 'tax compliant']);
    expect(both({ '===': [false, { var: 'hasInventionPatent' }] })).toEqual(['非（拥有发明专利）', 'not (holds an invention patent)']);
    expect(both({ '!=': [{ var: 'taxCompliant' }, true] })).toEqual(['非（纳税信用良好）', 'not (tax compliant)']);
    // Only yes/no facts: a text fact compared with a flag keeps the symbol.
    expect(both({ '==': [{ var: 'area' }, true] })).toEqual(['注册地区域 = 是', 'area = yes']);
  });

  test('or inside and is parenthesised; the same junction nested reads flat', () => {
    expect(both({ and: [{ var: 'taxCompliant' }, { or: [{ var: 'hasInventionPatent' }, { '>=': [{ var: 'inventionPatents' }, 2] }] }, { and: [{ '!': { var: 'hasInventionPatent' } }] }] })).toEqual([
      '纳税信用良好 且 （拥有发明专利 或 有效发明专利数 ≥ 2 件） 且 非（拥有发明专利）',
      'tax compliant and (holds an invention patent or invention patents in force ≥ 2 patents) and not (holds an invention patent)',
    ]);
  });

  test('in, some, if, arithmetic, defaults and facts outside the catalogue', () => {
    expect(both({ in: [{ var: 'area' }, ['bj-110108', 'bj-110105']] })).toEqual(['注册地区域 属于 “bj-110108”、“bj-110105” 之一', 'area is one of "bj-110108", "bj-110105"']);
    expect(both({ in: ['little_giant', { var: 'tiers' }] })).toEqual(['已获认定 包含 “little_giant”', 'recognitions includes "little_giant"']);
    expect(both({ some: [{ var: 'industryCodes' }, { in: ['C39', { var: '' }] }] })).toEqual(['行业代码 中至少一项满足（该项 包含 “C39”）', 'some of industry codes satisfy (it includes "C39")']);
    expect(both({ if: [{ '<': [{ var: 'revenue' }, 50000000] }, { '>=': [{ var: 'rdIntensity' }, 5] }, { '>=': [{ var: 'rdIntensity' }, 3] }] })).toEqual([
      '如果 营业收入 < 50000000 元 则 研发投入强度 ≥ 5 %，否则 研发投入强度 ≥ 3 %',
      'if revenue < 50000000 CNY then R&D intensity ≥ 5 %, otherwise R&D intensity ≥ 3 %',
    ]);
    expect(both({ '>=': [{ '/': [{ var: 'rdExpense' }, { var: 'revenue' }] }, 0.03] })).toEqual(['（研发费用 ÷ 营业收入） ≥ 0.03', '(R&D expense ÷ revenue) ≥ 0.03']);
    expect(both({ '>=': [{ var: ['employees', 0] }, 10] })).toEqual(['从业人员数（缺失时取 0 人） ≥ 10 人', 'employees (0 people when missing) ≥ 10 people']);
    expect(both({ '==': [{ var: 'boardSeats' }, 3] })).toEqual(['boardSeats = 3', 'boardSeats = 3']);
  });
});
