import { describe, expect, test } from 'vitest';
import { compileRule } from './compile.js';
import { FACT_CATALOGUE } from './facts.js';
import { factsUsed, OPERATORS, RuleError, validateRule } from './syntax.js';

describe('validateRule', () => {
  test('a valid rule against the catalogue: no problems', () => {
    expect(validateRule({ and: [{ '>=': [{ var: 'rdIntensity' }, 3] }, { in: ['little_giant', { var: 'tiers' }] }] }, FACT_CATALOGUE)).toEqual([]);
  });

  test('unknown operators, wrong arity and malformed objects, each with its path', () => {
    const problems = validateRule({
      and: [{ '>=': [{ var: 'rdIntensity' }, 3] }, { cat: ['a', 'b'] }, { '>': [1, 2, 3] }, { '!': [1, 2] }, { a: 1, b: 2 }, {}, { if: [true] }, { some: [{ var: 'xs' }, { merge: [] }] }],
    });
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['$.and[1].cat', 'unknown_operator'],
      ['$.and[2].>', 'arity'],
      ['$.and[3].!', 'arity'],
      ['$.and[4]', 'not_an_operation'],
      ['$.and[5]', 'not_an_operation'],
      ['$.and[6].if', 'arity'],
      ['$.and[7].some[1].merge', 'unknown_operator'],
    ]);
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
    expect(problems[0]?.message).toBe('unsupported operator "cat"');
    expect(problems[1]?.message).toBe('">" takes 2 arguments, got 3');
    expect(problems[3]?.message).toBe('an operation has exactly one key, the operator; this object has 2 (a, b)');
    expect(problems[4]?.message).toBe('an empty object is not an operation');
  });

  test('var: a computed name, "" outside some/all/none and too many arguments are errors; a fact outside the catalogue a warning', () => {
    expect(validateRule({ var: { cat: ['a'] } })).toMatchObject([{ path: '$.var', code: 'var_path' }]);
    expect(validateRule({ var: '' })).toMatchObject([{ path: '$.var', code: 'var_all_facts' }]);
    expect(validateRule({ var: [] })).toMatchObject([{ path: '$.var', code: 'var_all_facts' }]);
    expect(validateRule({ var: ['a', 1, 2] })).toMatchObject([{ path: '$.var', code: 'arity' }]);
    expect(validateRule({ some: [{ var: 'industryCodes' }, { in: ['C39', { var: '' }] }] }, FACT_CATALOGUE)).toEqual([]);
    expect(validateRule({ and: [{ var: 'rdIntensty' }, { var: ['patents.count', 0] }] }, FACT_CATALOGUE)).toEqual([
      { path: '$.and[0].var', severity: 'warning', code: 'unknown_fact', message: 'fact "rdIntensty" is not in the catalogue' },
      { path: '$.and[1].var[0]', severity: 'warning', code: 'unknown_fact', message: 'fact "patents.count" is not in the catalogue' },
    ]);
    // without a catalogue, no opinion on fact names
    expect(validateRule({ var: 'anything' })).toEqual([]);
  });

  test('every supported operator is accepted in its documented arity', () => {
    const two = [{ var: 'a' }, 1];
    for (const op of OPERATORS) {
      const args = op === 'var' ? 'a' : op === '!' || op === '!!' ? [true] : op === 'some' || op === 'all' || op === 'none' ? [{ var: 'xs' }, { var: '' }] : two;
      expect(validateRule({ [op]: args }), op).toEqual([]);
    }
    expect(validateRule({ '<': [1, { var: 'a' }, 3] })).toEqual([]);
    expect(validateRule({ '-': [1] })).toEqual([]);
    expect(validateRule({ '!': { var: 'a' } })).toEqual([]);
  });
});

describe('compileRule refuses what validateRule calls an error', () => {
  test('RuleError names the path and counts the rest; warnings do not stop compilation', () => {
    const error = (() => {
      try {
        compileRule({ and: [{ cat: [] }, { '>': [1] }] });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).message).toBe('$.and[0].cat: unsupported operator "cat" (and 1 more problem)');
    expect((error as RuleError).problems).toHaveLength(2);
    expect(() => compileRule({ var: 'notInTheCatalogue' })).not.toThrow();
  });
});

describe('factsUsed', () => {
  test('the facts a rule reads, sorted, without the fields of elements', () => {
    expect(
      factsUsed({
        and: [{ '>=': [{ var: 'rdIntensity' }, 3] }, { some: [{ var: 'industryCodes' }, { in: ['C39', { var: '' }] }] }, { var: ['finance.revenue', 0] }, { if: [{ var: 'taxCompliant' }, true, { var: 'rdIntensity' }] }],
      }),
    ).toEqual(['finance.revenue', 'industryCodes', 'rdIntensity', 'taxCompliant']);
    expect(compileRule({ '<': [{ var: 'b' }, { var: 'a' }] }).facts).toEqual(['a', 'b']);
    expect(factsUsed(true)).toEqual([]);
  });
});
