import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { FactDefinition } from '../types.js';
import { newCondition, OPERATORS_BY_TYPE } from './operators.js';
import { addChild, countLeaves, emptyTree, newId, nodeForPath, nodePaths, removeNode, ruleToTree, treeToRule, type ConditionNode, type ConditionOp } from './rule-tree.js';

type FactType = FactDefinition['type'];

const v = (name: string) => ({ var: name });

describe('JSON Logic ⇄ builder tree', () => {
  const TABLE: [string, unknown, string][] = [
    ['a comparison alone (implicit root)', { '>=': [v('rdIntensity'), 3] }, 'condition'],
    ['and of comparisons', { and: [{ '>=': [v('rdIntensity'), 3] }, { '==': [v('taxCompliant'), true] }] }, 'group'],
    ['or with a nested and', { or: [{ '<': [v('employees'), 50] }, { and: [{ '!=': [v('area'), 'bj-110108'] }, { '>': [v('revenue'), 1e7] }] }] }, 'group'],
    ['between', { '<=': [2016, v('foundedYear'), 2024] }, 'condition'],
    ['contains (JSON Logic in, value first)', { in: ['high_tech_enterprise', v('tiers')] }, 'condition'],
    ['one of', { in: [v('area'), ['bj-110108', 'bj-110105']] }, 'condition'],
    ['negated group', { '!': [{ or: [{ '==': [v('taxCompliant'), false] }, { '<': [v('employees'), 10] }] }] }, 'group'],
    ['negation without brackets stays raw', { '!': { var: 'hasInventionPatent' } }, 'raw'],
    ['double negation stays raw inside', { '!': [{ '!': [{ '>': [v('employees'), 1] }] }] }, 'raw'],
    ['some/all stay raw', { some: [v('industryCodes'), { in: [{ var: '' }, ['C39']] }] }, 'raw'],
    ['var with a default stays raw', { '>=': [{ var: ['employees', 0] }, 3] }, 'raw'],
    ['literal on the left stays raw', { '<': [3, v('employees')] }, 'raw'],
    ['an empty and is an empty group', { and: [] }, 'group'],
    ['and without brackets stays raw', { and: { var: 'taxCompliant' } }, 'raw'],
    ['true', true, 'raw'],
  ];
  test.each(TABLE)('%s round-trips', (_name, rule, kind) => {
    const tree = ruleToTree(rule);
    expect(treeToRule(tree)).toEqual(rule);
    const first = tree.implicit ? tree.children[0] : tree;
    expect(first?.kind).toBe(kind);
  });

  const facts = fc.constantFrom('rdIntensity', 'employees', 'area', 'tiers', 'taxCompliant', 'foundedYear');
  const scalar = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 8 }), fc.boolean());
  const leaf = fc.oneof(
    fc.tuple(fc.constantFrom('>', '>=', '<', '<=', '==', '!='), facts, scalar).map(([op, f, x]) => ({ [op]: [v(f), x] })),
    fc.tuple(fc.integer(), facts, fc.integer()).map(([lo, f, hi]) => ({ '<=': [lo, v(f), hi] })),
    fc.tuple(fc.string({ maxLength: 8 }), facts).map(([x, f]) => ({ in: [x, v(f)] })),
    fc.tuple(facts, fc.array(fc.string({ maxLength: 5 }), { minLength: 1, maxLength: 4 })).map(([f, xs]) => ({ in: [v(f), xs] })),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const { rule } = fc.letrec((tie) => ({
    rule: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('group'), tie('not')),
    group: fc.tuple(fc.constantFrom('and', 'or'), fc.array(tie('rule'), { maxLength: 4 })).map(([op, xs]) => ({ [op]: xs })),
    not: tie('rule').map((x) => ({ '!': [x] })),
  }));

  test('any rule read into the builder and written back is the same rule (property)', () => {
    fc.assert(
      fc.property(rule, (r) => {
        expect(treeToRule(ruleToTree(r))).toEqual(r);
      }),
      { numRuns: 400 },
    );
  });

  test('any tree written out and read back writes the same rule again (property)', () => {
    fc.assert(
      fc.property(rule, (r) => {
        const once = treeToRule(ruleToTree(r));
        expect(treeToRule(ruleToTree(once))).toEqual(once);
      }),
      { numRuns: 200 },
    );
  });
});

describe('editing the tree', () => {
  const cond = (fact: string, op: ConditionNode['op'], value: ConditionNode['value']): ConditionNode => ({ kind: 'condition', id: newId(), not: false, fact, op, value });

  test('adding conditions to an empty rule writes an and; the implicit root disappears with a second condition', () => {
    let tree = emptyTree();
    tree = addChild(tree, tree.id, cond('rdIntensity', '>=', 3));
    expect(treeToRule(tree)).toEqual({ and: [{ '>=': [v('rdIntensity'), 3] }] });
    let single = ruleToTree({ '>=': [v('rdIntensity'), 3] });
    expect(single.implicit).toBe(true);
    single = addChild(single, single.id, cond('tiers', 'contains', 'little_giant'));
    expect(treeToRule(single)).toEqual({ and: [{ '>=': [v('rdIntensity'), 3] }, { in: ['little_giant', v('tiers')] }] });
    expect(countLeaves(single)).toBe(2);
    const second = single.children[1]!;
    expect(treeToRule(removeNode(single, second.id))).toEqual({ and: [{ '>=': [v('rdIntensity'), 3] }] });
  });

  test('the server’s problem paths land on their rows', () => {
    const tree = ruleToTree({ and: [{ '>=': [v('rdIntensity'), 3] }, { '!': [{ or: [{ '==': [v('taxCompliant'), false] }, { cat: [1] }] }] }] });
    const paths = nodePaths(tree);
    const group = tree.children[1]!;
    expect(paths.get(group.id)).toBe('and.1');
    const rawId = group.kind === 'group' ? group.children[1]!.id : '';
    expect(paths.get(rawId)).toBe('and.1.!.0.or.1');
    expect(nodeForPath(paths, 'and.1.!.0.or.1.cat')).toBe(rawId);
    expect(nodeForPath(paths, 'and.0.>=.1')).toBe(tree.children[0]!.id);
    expect(nodeForPath(paths, '')).toBe(tree.id);
    const implicit = ruleToTree({ '>=': [v('nope'), 3] });
    expect(nodeForPath(nodePaths(implicit), '>=.0')).toBe(implicit.children[0]!.id);
  });
});

describe('operators by fact type', () => {
  const cases: [FactType, ConditionOp, ConditionNode['value'], number | undefined, unknown][] = [
    ['number', '>=', 3, undefined, { '>=': [v('f'), 3] }],
    ['integer', 'between', 2016, 2024, { '<=': [2016, v('f'), 2024] }],
    ['boolean', '==', true, undefined, { '==': [v('f'), true] }],
    ['string', 'oneOf', ['bj-110108', 'bj-110105'], undefined, { in: [v('f'), ['bj-110108', 'bj-110105']] }],
    ['string', '!=', 'bj-110108', undefined, { '!=': [v('f'), 'bj-110108'] }],
    ['string[]', 'contains', 'little_giant', undefined, { in: ['little_giant', v('f')] }],
  ];
  test.each(cases)('%s %s writes the JSON Logic expected and reads back', (type, op, value, value2, rule) => {
    expect(OPERATORS_BY_TYPE[type]).toContain(op);
    const node: ConditionNode = { ...newCondition({ type }, 'f'), op, value, ...(value2 === undefined ? {} : { value2 }) };
    const single = { ...emptyTree(), children: [node], implicit: true };
    expect(treeToRule(single)).toEqual(rule);
    expect(ruleToTree(rule).children[0]).toMatchObject({ kind: 'condition', fact: 'f', op, value });
  });
  test('a new condition starts with its type’s first operator; yes/no facts start at yes', () => {
    expect(newCondition({ type: 'boolean' }, 'taxCompliant')).toMatchObject({ op: '==', value: true });
    expect(newCondition({ type: 'string[]' }, 'tiers')).toMatchObject({ op: 'contains', value: null });
    expect(newCondition(undefined, 'x')).toMatchObject({ op: '>=', value: null });
  });
});
