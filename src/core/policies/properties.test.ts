import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compileRule, compileRuleSet } from './compile.js';
import { interpretRule } from './reference.js';
import type { Facts } from './values.js';

/**
 * Properties over random rules and facts (fixed seed): the compiler agrees
 * with the reference interpreter; supplying a missing fact never flips a
 * decided result; the missing list is what decides, and does not depend on
 * the order of operands.
 */

const SEED = 20_261_122;
const RUNS = 1000;

const NUMBER_FACTS = ['n0', 'n1', 'n2'] as const;
const FACT_NAMES = [...NUMBER_FACTS, 'b0', 'b1', 's0', 'a0'] as const;

const primitive = fc.constantFrom<unknown>(0, 1, 2, 3, -1, 2.5, '', 'a', 'ab', '1', true, false, null);
/** Elements of a list fact: facts come from JSON, so objects have Object's prototype. */
const element = fc.oneof(primitive, fc.record({ x: primitive }, { requiredKeys: [], noNullPrototype: true }), fc.array(primitive, { maxLength: 2 }));
/** A list written in a rule: no objects there (an object in a rule is an operation). */
const listLiteral = fc.array(fc.oneof(primitive, fc.array(primitive, { maxLength: 2 })), { maxLength: 3 });
const factValue = (name: string): fc.Arbitrary<unknown> => {
  switch (name[0]) {
    case 'n':
      return fc.oneof(fc.constantFrom(0, 1, 2, 3, -1, 2.5), fc.integer({ min: -5, max: 5 }));
    case 'b':
      return fc.boolean();
    case 's':
      return fc.constantFrom('', 'a', 'ab', '1', 'b');
    default:
      return fc.array(element, { maxLength: 3 });
  }
};
/** Each fact absent, null (also missing) or a value of its kind. */
const factsArb: fc.Arbitrary<Facts> = fc.record(Object.fromEntries(FACT_NAMES.map((n) => [n, fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: factValue(n) })])), { requiredKeys: [], noNullPrototype: true });
const completion = (facts: Facts): fc.Arbitrary<Facts> =>
  fc.record(Object.fromEntries(FACT_NAMES.filter((n) => facts[n] === undefined || facts[n] === null).map((n) => [n, factValue(n)])), { requiredKeys: [], noNullPrototype: true }).map((extra) => ({ ...facts, ...extra }));

/**
 * Random JSON Logic over the supported operators. `defaults`: whether `var`
 * at the top may carry a default (a default is the rule saying "absent means
 * this", so supplying the fact may change the result: excluded from the
 * monotonicity property).
 */
const rules = (defaults: boolean): fc.Arbitrary<unknown> => {
  const elementRule = fc.letrec<{ e: unknown }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      primitive,
      fc.constantFrom<unknown>({ var: '' }, { var: 'x' }, { var: '0' }, { var: ['x', 1] }),
      fc.tuple(fc.constantFrom('==', '===', '!=', '<', '>=', 'in'), tie('e'), tie('e')).map(([op, a, b]) => ({ [op]: [a, b] })),
      fc.tuple(fc.constantFrom('and', 'or'), fc.array(tie('e'), { minLength: 1, maxLength: 3 })).map(([op, xs]) => ({ [op]: xs })),
      tie('e').map((x) => ({ '!': [x] })),
    ),
  })).e;
  const factVar = defaults
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FACT_NAMES).map((n) => ({ var: n })) }, { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...FACT_NAMES), primitive).map(([n, d]) => ({ var: [n, d] })) })
    : fc.constantFrom(...FACT_NAMES).map((n) => ({ var: n }));
  return fc.letrec<{ r: unknown }>((tie) => ({
    r: fc.oneof(
      { depthSize: 'medium', maxDepth: 5 },
      { weight: 2, arbitrary: primitive },
      { weight: 4, arbitrary: factVar },
      fc.tuple(fc.constantFrom('==', '!=', '===', '!==', '<', '<=', '>', '>='), tie('r'), tie('r')).map(([op, a, b]) => ({ [op]: [a, b] })),
      fc.tuple(fc.constantFrom('<', '<='), tie('r'), tie('r'), tie('r')).map(([op, a, b, c]) => ({ [op]: [a, b, c] })),
      fc.tuple(fc.constantFrom('!', '!!'), tie('r')).map(([op, a]) => ({ [op]: [a] })),
      fc.tuple(fc.constantFrom('and', 'or'), fc.array(tie('r'), { minLength: 1, maxLength: 4 })).map(([op, xs]) => ({ [op]: xs })),
      fc.array(tie('r'), { minLength: 2, maxLength: 5 }).map((xs) => ({ if: xs })),
      fc.tuple(tie('r'), fc.oneof(tie('r'), fc.array(tie('r'), { maxLength: 3 }))).map(([a, b]) => ({ in: [a, b] })),
      fc.tuple(fc.constantFrom('+', '*', 'min', 'max'), fc.array(tie('r'), { minLength: 1, maxLength: 3 })).map(([op, xs]) => ({ [op]: xs })),
      fc.tuple(fc.constantFrom('-', '/'), tie('r'), tie('r')).map(([op, a, b]) => ({ [op]: [a, b] })),
      tie('r').map((a) => ({ '-': [a] })),
      fc.tuple(fc.constantFrom('some', 'all', 'none'), fc.oneof(fc.constant({ var: 'a0' }), fc.constant({ var: 'n0' }), listLiteral), elementRule).map(([op, a, p]) => ({ [op]: [a, p] })),
    ),
  })).r;
};

/** Rules shaped as eligibility conditions: junctions, negations and conditions over comparisons of facts. */
const conditions = fc.letrec<{ c: unknown }>((tie) => {
  const operand = fc.oneof(fc.constantFrom(...FACT_NAMES).map((n) => ({ var: n })), primitive);
  return {
    c: fc.oneof(
      { depthSize: 'small', maxDepth: 4 },
      fc.constantFrom('b0', 'b1').map((n) => ({ var: n })),
      fc.tuple(fc.constantFrom('==', '!=', '===', '!==', '<', '<=', '>', '>='), operand, operand).map(([op, a, b]) => ({ [op]: [a, b] })),
      fc.constantFrom<unknown>({ in: ['a', { var: 'a0' }] }, { in: [{ var: 's0' }, ['a', 'ab']] }, { some: [{ var: 'a0' }, { '==': [{ var: '' }, 1] }] }),
      tie('c').map((a) => ({ '!': [a] })),
      fc.tuple(fc.constantFrom('and', 'or'), fc.array(tie('c'), { minLength: 1, maxLength: 4 })).map(([op, xs]) => ({ [op]: xs })),
      fc.tuple(tie('c'), tie('c'), tie('c')).map((xs) => ({ if: xs })),
    ),
  };
}).c;

/** The same condition with the operands of every and/or shuffled and both sides of every (in)equality swapped. */
const reorder = (rule: unknown, next: () => number): unknown => {
  if (Array.isArray(rule)) return rule.map((r) => reorder(r, next));
  if (rule === null || typeof rule !== 'object') return rule;
  const [op, raw] = Object.entries(rule)[0] as [string, unknown];
  const args = (Array.isArray(raw) ? raw : [raw]).map((a) => reorder(a, next));
  if (op === 'and' || op === 'or') {
    for (let i = args.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [args[i], args[j]] = [args[j], args[i]];
    }
  }
  if (['==', '!=', '===', '!=='].includes(op) && next() % 2 === 0) args.reverse();
  return { [op]: args };
};

const settings = { seed: SEED, numRuns: RUNS };

describe('properties (fast-check, fixed seed)', () => {
  test('the compiled evaluator, the rule set and explain equal the reference interpreter on random rules and facts', () => {
    fc.assert(
      fc.property(fc.array(rules(true), { minLength: 1, maxLength: 3 }), factsArb, (rs, facts) => {
        const set = compileRuleSet(rs).evaluate(facts);
        rs.forEach((rule, i) => {
          const expected = interpretRule(rule, facts);
          const compiled = compileRule(rule);
          expect(compiled.evaluate(facts)).toEqual(expected);
          expect(set[i]).toEqual(expected);
          const { result, missing, tree } = compiled.explain(facts);
          expect({ result, missing }).toEqual(expected);
          expect(tree.missing).toEqual(expected.missing);
        });
      }),
      settings,
    );
  });

  test('a rule set whose rules share sub-expressions (evaluated once per enterprise) gives each rule its own result', () => {
    fc.assert(
      fc.property(rules(true), rules(true), factsArb, (a, b, facts) => {
        // the same clauses again and again, inside other rules and as whole rules
        const rs = [a, b, { and: [a, b] }, { or: [b, a] }, { '!': [a] }, { if: [a, b, { and: [b, a] }] }, a, { '==': [{ or: [a, b] }, b] }];
        const set = compileRuleSet(rs).evaluate(facts);
        rs.forEach((rule, i) => expect(set[i]).toEqual(interpretRule(rule, facts)));
      }),
      settings,
    );
  });

  test('unknown always names a missing fact the rule reads; a decided result names none', () => {
    fc.assert(
      fc.property(rules(true), factsArb, (rule, facts) => {
        const compiled = compileRule(rule);
        const { result, missing } = compiled.evaluate(facts);
        if (result === 'unknown') {
          expect(missing.length).toBeGreaterThan(0);
          for (const name of missing) {
            expect(compiled.facts).toContain(name);
            expect(facts[name] ?? null).toBeNull();
          }
        } else expect(missing).toEqual([]);
      }),
      settings,
    );
  });

  test('supplying missing facts never flips a decided result (rules without defaults)', () => {
    fc.assert(
      fc.property(
        rules(false),
        factsArb.chain((facts) => fc.tuple(fc.constant(facts), completion(facts))),
        (rule, [partial, fuller]) => {
          const compiled = compileRule(rule);
          const before = compiled.evaluate(partial).result;
          if (before !== 'unknown') expect(compiled.evaluate(fuller).result).toBe(before);
        },
      ),
      settings,
    );
  });

  test('the missing list is enough: supplying every fact in it decides the result', () => {
    fc.assert(
      fc.property(rules(true), factsArb, fc.infiniteStream(fc.nat()), (rule, facts, stream) => {
        const compiled = compileRule(rule);
        const { result, missing } = compiled.evaluate(facts);
        if (result !== 'unknown') return;
        const values = stream[Symbol.iterator]();
        const pool: Record<string, unknown[]> = { n: [0, 1, 2, 3, -1, 2.5], b: [true, false], s: ['', 'a', 'ab', '1'], a: [[], [1], ['a', 1], [{ x: 1 }]] };
        const pick = (name: string): unknown => {
          const options = pool[name[0] as string] as unknown[];
          return options[(values.next().value as number) % options.length];
        };
        const supplied = { ...facts, ...Object.fromEntries(missing.map((name) => [name, pick(name)])) };
        expect(compiled.evaluate(supplied).result).not.toBe('unknown');
      }),
      settings,
    );
  });

  test('result and missing list do not depend on the order of operands', () => {
    fc.assert(
      fc.property(conditions, factsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (rule, facts, draws) => {
        let i = 0;
        const next = (): number => draws[i++ % draws.length] as number;
        const shuffled = reorder(rule, next);
        expect(compileRule(shuffled).evaluate(facts)).toEqual(compileRule(rule).evaluate(facts));
      }),
      settings,
    );
  });
});

