import { describe, expect, test } from 'vitest';
import { compileRule, type ExplainNode } from './compile.js';

const find = (node: ExplainNode, path: string): ExplainNode | undefined => (node.path === path ? node : node.children.map((c) => find(c, path)).find((n) => n !== undefined));

describe('explain', () => {
  const rule = compileRule({ and: [{ '>=': [{ var: 'rdIntensity' }, 3] }, { '>=': [{ var: 'foundedYear' }, 2016] }, { var: 'taxCompliant' }] });

  test('a tree mirroring the rule: operator, value, truth, the fact values read, missing facts', () => {
    const { result, missing, tree } = rule.explain({ rdIntensity: 4.5, taxCompliant: true });
    expect({ result, missing }).toEqual({ result: 'unknown', missing: ['foundedYear'] });
    expect(tree).toMatchObject({ path: '$.and', op: 'and', truth: 'unknown', facts: { rdIntensity: 4.5, foundedYear: null, taxCompliant: true }, missing: ['foundedYear'] });
    expect(tree.value).toBeUndefined();
    // what a UI needs for "研发投入强度 ≥ 3 %: 4.5 % ✓"
    expect(tree.children[0]).toEqual({
      path: '$.and[0].>=',
      op: '>=',
      value: true,
      truth: 'true',
      facts: { rdIntensity: 4.5 },
      missing: [],
      children: [
        { path: '$.and[0].>=[0].var', op: 'var', fact: 'rdIntensity', value: 4.5, truth: 'true', facts: { rdIntensity: 4.5 }, missing: [], children: [] },
        { path: '$.and[0].>=[1]', op: 'literal', value: 3, truth: 'true', facts: {}, missing: [], children: [] },
      ],
    });
    expect(tree.children[1]).toMatchObject({ op: '>=', truth: 'unknown', facts: { foundedYear: null }, missing: ['foundedYear'] });
    expect(tree.children[1]?.children[0]).toMatchObject({ op: 'var', fact: 'foundedYear', truth: 'unknown', missing: ['foundedYear'] });
  });

  test('a failing clause decides; the others are still shown with their values', () => {
    const { result, missing, tree } = rule.explain({ rdIntensity: 2 });
    expect({ result, missing }).toEqual({ result: 'ineligible', missing: [] });
    expect(tree).toMatchObject({ truth: 'false', missing: [] });
    expect(tree.children.map((c) => c.truth)).toEqual(['false', 'unknown', 'unknown']);
  });

  test('if: the branch not taken is marked skipped and its facts are not counted as read', () => {
    const { tree } = compileRule({ if: [{ '<': [{ var: 'revenue' }, 50_000_000] }, { '>=': [{ var: 'rdIntensity' }, 5] }, { '>=': [{ var: 'rdIntensity' }, 3] }] }).explain({ revenue: 10_000_000, rdIntensity: 4 });
    expect(tree).toMatchObject({ op: 'if', value: false, truth: 'false' });
    expect(tree.children.map((c) => [c.path, c.skipped ?? false])).toEqual([
      ['$.if[0].<', false],
      ['$.if[1].>=', false],
      ['$.if[2].>=', true],
    ]);
    const unknownCondition = compileRule({ if: [{ var: 'a' }, { var: 'b' }, { var: 'c' }] }).explain({ b: 1 });
    expect(unknownCondition.tree.children.map((c) => c.skipped ?? false)).toEqual([false, false, false]);
    expect(unknownCondition.missing).toEqual(['a', 'c']);
  });

  test('some: the predicate once per element', () => {
    const { tree } = compileRule({ some: [{ var: 'industryCodes' }, { in: ['C39', { var: '' }] }] }).explain({ industryCodes: ['I6510', 'C3911'] });
    expect(tree).toMatchObject({ op: 'some', value: true, facts: { industryCodes: ['I6510', 'C3911'] } });
    expect(tree.children.map((c) => [c.element, c.value])).toEqual([
      [undefined, ['I6510', 'C3911']],
      [0, false],
      [1, true],
    ]);
    expect(find(tree, '$.some[1].in[1].var')).toMatchObject({ fact: '', value: 'I6510' });
  });

  test('a var default: used when the fact is missing, skipped when it is there', () => {
    const rule = compileRule({ '>=': [{ var: ['employees', 0] }, 10] });
    expect(rule.explain({}).tree.children[0]?.children[0]).toMatchObject({ op: 'literal', value: 0 });
    expect(rule.explain({}).tree.children[0]?.children[0]?.skipped).toBeUndefined();
    expect(rule.explain({ employees: 20 }).tree.children[0]?.children[0]?.skipped).toBe(true);
  });
});
