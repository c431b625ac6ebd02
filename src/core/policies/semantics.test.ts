import { describe, expect, test } from 'vitest';
import { compileRule, compileRuleSet } from './compile.js';
import { interpretRule } from './reference.js';
import type { Facts } from './values.js';

/**
 * The semantics of docs/POLICIES.md, case by case. Every case runs through
 * the compiler, the rule set and the reference interpreter, which must agree.
 */

const evaluate = (rule: unknown, facts: Facts = {}): { result: string; missing: readonly string[] } => {
  const compiled = compileRule(rule).evaluate(facts);
  expect(interpretRule(rule, facts)).toEqual(compiled);
  expect(compileRuleSet([rule])?.evaluate(facts)[0]).toEqual(compiled);
  expect(compileRule(rule).explain(facts)).toMatchObject(compiled);
  return { result: compiled.result, missing: compiled.missing };
};
const result = (rule: unknown, facts: Facts = {}): string => evaluate(rule, facts).result;

/** Three truth values as facts: T → true, F → false, U → missing. */
type Three = 'T' | 'F' | 'U';
const THREE: readonly Three[] = ['T', 'F', 'U'];
const factsFor = (values: readonly Three[]): Facts => Object.fromEntries(values.flatMap((v, i) => (v === 'U' ? [] : [[`x${i}`, v === 'T']])));
const operands = (n: number) => Array.from({ length: n }, (_, i) => ({ var: `x${i}` }));
const product = (n: number): Three[][] => (n === 0 ? [[]] : product(n - 1).flatMap((rest) => THREE.map((v) => [...rest, v])));
const asThree = (r: string): Three => (r === 'eligible' ? 'T' : r === 'ineligible' ? 'F' : 'U');
const unknownOperands = (values: readonly Three[], which = values.map((_, i) => i)): string[] => which.filter((i) => values[i] === 'U').map((i) => `x${i}`);

describe('three-valued truth tables (Kleene)', () => {
  // Rows: first operand T, F, U; columns: second operand T, F, U.
  const AND = ['TFU', 'FFF', 'UFU'];
  const OR = ['TTT', 'TFU', 'TUU'];

  test.each([
    ['and', AND],
    ['or', OR],
  ] as const)('%s of two operands, every combination; missing = the unknown operands when undecided', (op, table) => {
    for (const [a, b] of product(2) as [Three, Three][]) {
      const expected = (table[THREE.indexOf(a)] as string)[THREE.indexOf(b)] as Three;
      const r = evaluate({ [op]: operands(2) }, factsFor([a, b]));
      expect(asThree(r.result), `${a} ${op} ${b}`).toBe(expected);
      expect(r.missing).toEqual(expected === 'U' ? unknownOperands([a, b]) : []);
    }
  });

  test('and / or of three operands: false (true) as soon as any operand is, whatever the unknown ones', () => {
    for (const values of product(3)) {
      const and = values.includes('F') ? 'F' : values.includes('U') ? 'U' : 'T';
      const or = values.includes('T') ? 'T' : values.includes('U') ? 'U' : 'F';
      const a = evaluate({ and: operands(3) }, factsFor(values));
      const o = evaluate({ or: operands(3) }, factsFor(values));
      expect([asThree(a.result), asThree(o.result)], values.join('')).toEqual([and, or]);
      expect(a.missing).toEqual(and === 'U' ? unknownOperands(values) : []);
      expect(o.missing).toEqual(or === 'U' ? unknownOperands(values) : []);
    }
  });

  test('! and !!: unknown stays unknown', () => {
    for (const [v, not] of [
      ['T', 'F'],
      ['F', 'T'],
      ['U', 'U'],
    ] as const) {
      expect(asThree(evaluate({ '!': { var: 'x0' } }, factsFor([v])).result)).toBe(not);
      expect(asThree(evaluate({ '!!': [{ var: 'x0' }] }, factsFor([v])).result)).toBe(v);
      expect(evaluate({ '!': [{ var: 'x0' }] }, factsFor([v])).missing).toEqual(v === 'U' ? ['x0'] : []);
    }
  });

  test('if: a decided condition takes one branch (the other contributes no missing facts); an unknown one is decided only when both branches agree', () => {
    for (const [c, t, e] of product(3) as [Three, Three, Three][]) {
      const expected = c === 'T' ? t : c === 'F' ? e : t === e && t !== 'U' ? t : 'U';
      const r = evaluate({ if: operands(3) }, factsFor([c, t, e]));
      expect(asThree(r.result), `if ${c} then ${t} else ${e}`).toBe(expected);
      const reachable = c === 'T' ? [0, 1] : c === 'F' ? [0, 2] : [0, 1, 2];
      expect(r.missing).toEqual(expected === 'U' ? unknownOperands([c, t, e], reachable) : []);
    }
  });

  test('if with an unknown condition: branches of the same truthiness decide the result, not the value', () => {
    // true and 1 are both truthy: eligible whatever x is …
    expect(evaluate({ if: [{ var: 'x' }, true, 1] })).toEqual({ result: 'eligible', missing: [] });
    // … but the value itself is open: compared with 1 it is unknown.
    expect(evaluate({ '===': [{ if: [{ var: 'x' }, true, 1] }, 1] })).toEqual({ result: 'unknown', missing: ['x'] });
    expect(evaluate({ '===': [{ if: [{ var: 'x' }, 1, 1] }, 1] })).toEqual({ result: 'eligible', missing: [] });
    // A chain: only the branches still reachable count.
    const chain = { if: [{ var: 'a' }, { var: 'p' }, { var: 'b' }, { var: 'q' }, { var: 'r' }] };
    expect(evaluate(chain, { a: false })).toEqual({ result: 'unknown', missing: ['b', 'q', 'r'] });
    expect(evaluate(chain, { a: false, b: true })).toEqual({ result: 'unknown', missing: ['q'] });
    expect(evaluate(chain, { b: true })).toEqual({ result: 'unknown', missing: ['a', 'p', 'q'] });
    expect(evaluate(chain, { a: true, p: 0 })).toEqual({ result: 'ineligible', missing: [] });
    // An unknown first condition keeps its branch open even when a later condition is decided true.
    expect(evaluate(chain, { b: true, p: 0, q: 1 })).toEqual({ result: 'unknown', missing: ['a'] });
    expect(evaluate(chain, { b: true, p: 1, q: 1 })).toEqual({ result: 'eligible', missing: [] });
    // Two arguments and a false condition: null, as jsonlogic.js.
    expect(result({ if: [false, true] })).toBe('ineligible');
  });

  test('comparisons: a missing operand makes the comparison unknown; the between form too', () => {
    const cases: [unknown, Facts, string, string[]][] = [
      [{ '>=': [{ var: 'rdIntensity' }, 3] }, { rdIntensity: 4.5 }, 'eligible', []],
      [{ '>=': [{ var: 'rdIntensity' }, 3] }, { rdIntensity: 2 }, 'ineligible', []],
      [{ '>=': [{ var: 'rdIntensity' }, 3] }, {}, 'unknown', ['rdIntensity']],
      [{ '>=': [{ var: 'rdIntensity' }, 3] }, { rdIntensity: null }, 'unknown', ['rdIntensity']],
      [{ '<': [{ var: 'a' }, { var: 'b' }] }, { a: 1 }, 'unknown', ['b']],
      [{ '<': [{ var: 'a' }, { var: 'b' }] }, {}, 'unknown', ['a', 'b']],
      [{ '<=': [10, { var: 'employees' }, 300] }, { employees: 300 }, 'eligible', []],
      [{ '<': [10, { var: 'employees' }, 300] }, { employees: 300 }, 'ineligible', []],
      [{ '<': [10, { var: 'employees' }, 300] }, {}, 'unknown', ['employees']],
      [{ '<': [{ var: 'low' }, 5, { var: 'high' }] }, { high: 9 }, 'unknown', ['low']],
      // "a comparison with a missing fact is unknown", even when the other half of the between form already fails
      [{ '<': [{ var: 'low' }, 5, 1] }, {}, 'unknown', ['low']],
      [{ '>': [3, { var: 'x' }] }, { x: 2 }, 'eligible', []],
      [{ '!=': [{ var: 'area' }, 'haidian'] }, { area: 'chaoyang' }, 'eligible', []],
    ];
    for (const [rule, facts, expected, missing] of cases) expect(evaluate(rule, facts), JSON.stringify([rule, facts])).toEqual({ result: expected, missing });
  });
});

describe('JSON Logic semantics on known values (as jsonlogic.js)', () => {
  test('truthiness: 0, "", [], null and false are falsy; "0", [0], -1 and "a" are truthy', () => {
    for (const falsy of [0, '', [], null, false]) expect(result({ '!!': [falsy] }), JSON.stringify(falsy)).toBe('ineligible');
    for (const truthy of ['0', [0], -1, 'a', true, 0.5]) expect(result({ '!!': [truthy] }), JSON.stringify(truthy)).toBe('eligible');
    expect(result({ '!': [[]] })).toBe('eligible');
    expect(result({ var: 'tiers' }, { tiers: [] })).toBe('ineligible');
    expect(result({ var: 'tiers' }, { tiers: ['little_giant'] })).toBe('eligible');
  });

  test('== is loose equality (JavaScript ==); === is strict', () => {
    const loose: [unknown, unknown, boolean][] = [
      [1, '1', true],
      [0, false, true],
      ['', 0, true],
      ['', false, true],
      [null, 0, false],
      [null, null, true],
      [[1], 1, true],
      [[1, 2], '1,2', true],
      [true, 'true', false],
      [1, true, true],
      [2, true, false],
    ];
    for (const [a, b, equal] of loose) {
      expect(result({ '==': [a, b] }), `${JSON.stringify(a)} == ${JSON.stringify(b)}`).toBe(equal ? 'eligible' : 'ineligible');
      expect(result({ '!=': [a, b] })).toBe(equal ? 'ineligible' : 'eligible');
    }
    expect(result({ '===': [1, '1'] })).toBe('ineligible');
    expect(result({ '!==': [1, '1'] })).toBe('eligible');
    expect(result({ '===': [{ var: 'n' }, 1] }, { n: 1 })).toBe('eligible');
    // Two lists are two objects: never ===, even with the same items (as in JavaScript).
    expect(result({ '===': [[1], [1]] })).toBe('ineligible');
    expect(result({ '<': ['10', 9] })).toBe('ineligible');
    expect(result({ '<': ['a', 'b'] })).toBe('eligible');
  });

  test('and / or return operand values, not booleans', () => {
    expect(result({ '==': [{ and: [1, 'x', 3] }, 3] })).toBe('eligible');
    expect(result({ '===': [{ and: [1, 0, 3] }, 0] })).toBe('eligible');
    expect(result({ '===': [{ or: [0, '', 'y'] }, 'y'] })).toBe('eligible');
    expect(result({ '===': [{ or: [0, ''] }, ''] })).toBe('eligible');
    // a decided falsy operand after an unknown one: falsy for sure, but which falsy value is open
    expect(evaluate({ and: [{ var: 'x' }, 0] })).toEqual({ result: 'ineligible', missing: [] });
    expect(evaluate({ '===': [{ and: [{ var: 'x' }, 0] }, 0] })).toEqual({ result: 'unknown', missing: ['x'] });
    expect(evaluate({ '===': [{ and: [0, { var: 'x' }] }, 0] })).toEqual({ result: 'eligible', missing: [] });
    expect(evaluate({ '===': [{ and: [{ var: 'x' }, false] }, false] })).toEqual({ result: 'unknown', missing: ['x'] });
    expect(evaluate({ '===': [{ or: [{ var: 'x' }, true] }, true] })).toEqual({ result: 'unknown', missing: ['x'] });
    expect(evaluate({ '===': [{ or: [{ var: 'x' }, true] }, true] }, { x: 'yes' })).toEqual({ result: 'ineligible', missing: [] });
  });

  test('in: membership of a list (===) and substring of a string; anything else is false', () => {
    expect(result({ in: [{ var: 'area' }, ['haidian', 'chaoyang']] }, { area: 'haidian' })).toBe('eligible');
    expect(result({ in: [{ var: 'area' }, ['haidian', 'chaoyang']] }, { area: 'dongcheng' })).toBe('ineligible');
    expect(result({ in: ['little_giant', { var: 'tiers' }] }, { tiers: ['high_tech_enterprise', 'little_giant'] })).toBe('eligible');
    expect(result({ in: ['C39', { var: 'code' }] }, { code: 'C3911' })).toBe('eligible');
    expect(result({ in: [1, ['1']] })).toBe('ineligible');
    expect(result({ in: [1, 'a1'] })).toBe('eligible');
    expect(result({ in: ['', ''] })).toBe('ineligible');
    expect(result({ in: ['a', 5] })).toBe('ineligible');
    expect(evaluate({ in: ['little_giant', { var: 'tiers' }] })).toEqual({ result: 'unknown', missing: ['tiers'] });
  });

  test('arithmetic: parseFloat for + and *, unary minus, min/max; a missing operand makes it unknown', () => {
    expect(result({ '==': [{ '+': ['3', 4] }, 7] })).toBe('eligible');
    expect(result({ '===': [{ '+': ['3'] }, 3] })).toBe('eligible');
    expect(result({ '===': [{ '*': ['3'] }, '3'] })).toBe('eligible'); // one operand comes back as it is
    expect(result({ '===': [{ '*': [2, '3', 2] }, 12] })).toBe('eligible');
    expect(result({ '===': [{ '-': [5] }, -5] })).toBe('eligible');
    expect(result({ '===': [{ '-': [5, 7] }, -2] })).toBe('eligible');
    expect(result({ '===': [{ min: [3, 1, 2] }, 1] })).toBe('eligible');
    expect(result({ '===': [{ max: [3, '4', 2] }, 4] })).toBe('eligible');
    expect(evaluate({ '>': [{ '*': [{ '/': [{ var: 'rdExpense' }, { var: 'revenue' }] }, 100] }, 3] }, { rdExpense: 5 })).toEqual({ result: 'unknown', missing: ['revenue'] });
    expect(result({ '>': [{ '*': [{ '/': [{ var: 'rdExpense' }, { var: 'revenue' }] }, 100] }, 3] }, { rdExpense: 5, revenue: 100 })).toBe('eligible');
  });

  test('division by zero follows jsonlogic.js: Infinity (truthy, greater than any threshold) and NaN (falsy, fails every comparison)', () => {
    expect(result({ '>=': [{ '/': [{ var: 'rdExpense' }, { var: 'revenue' }] }, 0.03] }, { rdExpense: 10, revenue: 0 })).toBe('eligible');
    expect(result({ '/': [1, 0] })).toBe('eligible');
    expect(result({ '/': [0, 0] })).toBe('ineligible');
    expect(result({ '>=': [{ '/': [0, 0] }, 0] })).toBe('ineligible');
    expect(result({ '<': [{ '/': [0, 0] }, 0] })).toBe('ineligible');
    // the guard a rule needs
    expect(result({ and: [{ '>': [{ var: 'revenue' }, 0] }, { '>=': [{ '/': [{ var: 'rdExpense' }, { var: 'revenue' }] }, 0.03] }] }, { rdExpense: 10, revenue: 0 })).toBe('ineligible');
  });

  test('var: dotted paths; a default makes an absent fact not missing; null is missing; own properties only', () => {
    expect(result({ '==': [{ var: 'finance.revenue' }, 10] }, { finance: { revenue: 10 } })).toBe('eligible');
    expect(evaluate({ '==': [{ var: 'finance.revenue' }, 10] }, { finance: {} })).toEqual({ result: 'unknown', missing: ['finance.revenue'] });
    expect(evaluate({ '==': [{ var: 'finance.revenue' }, 10] }, { finance: null })).toEqual({ result: 'unknown', missing: ['finance.revenue'] });
    expect(evaluate({ '>=': [{ var: ['employees', 0] }, 10] })).toEqual({ result: 'ineligible', missing: [] });
    expect(evaluate({ '>=': [{ var: ['employees', 0] }, 10] }, { employees: null })).toEqual({ result: 'ineligible', missing: [] });
    expect(evaluate({ '>=': [{ var: ['employees', 0] }, 10] }, { employees: 50 })).toEqual({ result: 'eligible', missing: [] });
    // an explicit null default is a default too
    expect(evaluate({ '==': [{ var: ['x', null] }, null] })).toEqual({ result: 'eligible', missing: [] });
    // a default that is itself unknown: the fact and what the default needs
    expect(evaluate({ var: ['x', { var: 'y' }] })).toEqual({ result: 'unknown', missing: ['x', 'y'] });
    expect(evaluate({ var: ['x', { var: 'y' }] }, { y: 1 })).toEqual({ result: 'eligible', missing: [] });
    expect(evaluate({ '!!': { var: 'constructor' } })).toEqual({ result: 'unknown', missing: ['constructor'] });
    expect(evaluate({ '!!': { var: 'toString' } }, { toString: 1 })).toEqual({ result: 'eligible', missing: [] });
    expect(result({ var: 1 }, { 1: true })).toBe('eligible');
    // a fact that is 0, "" or false is present, not missing
    expect(evaluate({ '==': [{ var: 'n' }, 0] }, { n: 0 })).toEqual({ result: 'eligible', missing: [] });
    expect(evaluate({ '!': { var: 'b' } }, { b: false })).toEqual({ result: 'eligible', missing: [] });
    expect(evaluate({ '==': [{ var: 's' }, ''] }, { s: '' })).toEqual({ result: 'eligible', missing: [] });
  });

  test('some / all / none: over a missing array unknown; inside, var "" and var "field" read the current element', () => {
    const codes = { some: [{ var: 'industryCodes' }, { in: ['C39', { var: '' }] }] };
    expect(evaluate(codes)).toEqual({ result: 'unknown', missing: ['industryCodes'] });
    expect(result(codes, { industryCodes: ['I6510', 'C3911'] })).toBe('eligible');
    expect(result(codes, { industryCodes: ['I6510'] })).toBe('ineligible');
    expect(result(codes, { industryCodes: [] })).toBe('ineligible');
    expect(result({ all: [{ var: 'xs' }, { '>': [{ var: '' }, 0] }] }, { xs: [1, 2] })).toBe('eligible');
    expect(result({ all: [{ var: 'xs' }, { '>': [{ var: '' }, 0] }] }, { xs: [1, -2] })).toBe('ineligible');
    expect(result({ all: [{ var: 'xs' }, { '>': [{ var: '' }, 0] }] }, { xs: [] })).toBe('ineligible'); // jsonlogic.js: all of nothing is false
    expect(result({ none: [{ var: 'xs' }, { '>': [{ var: '' }, 0] }] }, { xs: [] })).toBe('eligible');
    expect(result({ none: [{ var: 'xs' }, { '>': [{ var: '' }, 0] }] }, { xs: [-1, 3] })).toBe('ineligible');
    const patents = { some: [{ var: 'patents' }, { and: [{ '==': [{ var: 'kind' }, 'invention'] }, { '>=': [{ var: 'year' }, 2020] }] }] };
    expect(result(patents, { patents: [{ kind: 'utility', year: 2023 }, { kind: 'invention', year: 2021 }] })).toBe('eligible');
    // An element's absent field is null (or the default), not a missing fact: the data is in hand.
    expect(evaluate(patents, { patents: [{ kind: 'invention' }] })).toEqual({ result: 'ineligible', missing: [] });
    expect(result({ some: [{ var: 'patents' }, { '>=': [{ var: ['year', 2030] }, 2025] }] }, { patents: [{}] })).toBe('eligible');
    // A value that is not a list has no elements.
    expect(result({ some: [{ var: 'n' }, true] }, { n: 5 })).toBe('ineligible');
    expect(result({ some: [[1, 2, 3], { '===': [{ var: '' }, 2] }] })).toBe('eligible');
  });

  test('constants and lists as rules; a list holding an unknown value is unknown', () => {
    expect(result(true)).toBe('eligible');
    expect(result(0)).toBe('ineligible');
    expect(result([1])).toBe('eligible');
    expect(evaluate({ in: ['a', [{ var: 'x' }, 'b']] })).toEqual({ result: 'unknown', missing: ['x'] });
    expect(evaluate({ in: ['a', [{ var: 'x' }, 'a']] }, { x: 'z' })).toEqual({ result: 'eligible', missing: [] });
  });
});

describe('the top-level result and its missing facts', () => {
  test('a decided sub-expression contributes no missing facts; the list is sorted and independent of order', () => {
    const rule = { and: [{ or: [{ var: 'hasInventionPatent' }, { '>=': [{ var: 'inventionPatents' }, 1] }] }, { '>=': [{ var: 'rdIntensity' }, 3] }, { var: 'taxCompliant' }] };
    expect(evaluate(rule, { hasInventionPatent: true })).toEqual({ result: 'unknown', missing: ['rdIntensity', 'taxCompliant'] });
    expect(evaluate(rule, { rdIntensity: 4, taxCompliant: true })).toEqual({ result: 'unknown', missing: ['hasInventionPatent', 'inventionPatents'] });
    expect(evaluate(rule, { rdIntensity: 2 })).toEqual({ result: 'ineligible', missing: [] });
    const reversed = { and: [...rule.and].reverse() };
    expect(evaluate(reversed, { hasInventionPatent: true })).toEqual(evaluate(rule, { hasInventionPatent: true }));
  });
});
