import { compileRule, type CompiledRule } from './compile.js';
import { FACT_CATALOGUE, type FactDefinition } from './facts.js';
import type { Comparison } from './operations.js';
import { visitNodes, type RuleNode } from './syntax.js';
import type { Facts } from './values.js';

/**
 * What an enterprise could change, or answer, to be decided eligible. Both
 * are found the same honest way: take the constants the rule compares a fact
 * with, try values at those thresholds, and keep only what re-evaluating the
 * rule confirms.
 */

export interface ThresholdAdvice {
  readonly fact: string;
  /** The fact's value now; null when it is missing. */
  readonly current: unknown;
  /** The clause the change satisfies: `fact operator threshold`; `in`: the fact is one of threshold's items; `contains`: the fact (a list) holds threshold. */
  readonly operator: Comparison | 'in' | 'contains';
  readonly threshold: unknown;
  /** The value tried: with it, and nothing else changed, the rule evaluates eligible. */
  readonly value: unknown;
}

export interface Question {
  readonly fact: string;
  /** Rules (of those given) still unknown that depend on this fact. */
  readonly rules: number;
  /** Of those, the rules some value of this fact alone would decide (found by trying the values the rules compare it with). */
  readonly decides: number;
}

type RuleInput = CompiledRule | unknown;

const isCompiled = (rule: RuleInput): rule is CompiledRule =>
  typeof rule === 'object' && rule !== null && typeof (rule as CompiledRule).evaluate === 'function' && 'root' in (rule as object);
const toCompiled = (rule: RuleInput): CompiledRule => (isCompiled(rule) ? rule : compileRule(rule));

/** The next double above x (and below: nextDown(x) = -nextUp(-x)), for `>` against a constant of a real-valued fact. */
const nextUp = (x: number): number => {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  const float = new Float64Array([x]);
  const bits = new BigInt64Array(float.buffer);
  bits[0] = (bits[0] as bigint) + (x > 0 ? 1n : -1n);
  return float[0] as number;
};
const nextDown = (x: number): number => -nextUp(-x);

interface Candidate {
  readonly fact: string;
  readonly operator: ThresholdAdvice['operator'];
  readonly threshold: unknown;
  /** A value that satisfies the clause. */
  readonly value: unknown;
  /** Values on the other side of it (tried too when looking for a value that decides the rule). */
  readonly others: readonly unknown[];
}

const factOf = (node: RuleNode): string | null => (node.kind === 'var' && node.scope === 'facts' ? node.name : null);
const constantOf = (node: RuleNode): { value: unknown } | null => (node.kind === 'literal' ? { value: node.value } : null);

const MIRROR: Record<Comparison, Comparison> = { '==': '==', '!=': '!=', '===': '===', '!==': '!==', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** A value of `fact operator threshold` on each side of the threshold: integers step by one, reals by one ulp. */
const sides = (operator: Comparison, threshold: number, integer: boolean): { satisfies: number; fails: number } | null => {
  const up = (x: number): number => (integer ? Math.floor(x) + 1 : nextUp(x));
  const down = (x: number): number => (integer ? Math.ceil(x) - 1 : nextDown(x));
  const at = integer ? null : threshold;
  switch (operator) {
    case '>=':
      return { satisfies: at ?? Math.ceil(threshold), fails: down(threshold) };
    case '>':
      return { satisfies: up(threshold), fails: at ?? Math.floor(threshold) };
    case '<=':
      return { satisfies: at ?? Math.floor(threshold), fails: up(threshold) };
    case '<':
      return { satisfies: down(threshold), fails: at ?? Math.ceil(threshold) };
    default:
      return null;
  }
};

/** Every clause comparing a fact with constants, as values to try. */
const candidatesOf = (root: RuleNode, facts: Facts, catalogue: readonly FactDefinition[]): Candidate[] => {
  const types = new Map(catalogue.map((f) => [f.name, f.type]));
  const isInteger = (fact: string): boolean => types.get(fact) === 'integer';
  const out: Candidate[] = [];
  const numeric = (fact: string, operator: Comparison, threshold: unknown): void => {
    if (typeof threshold !== 'number') return;
    const s = sides(operator, threshold, isInteger(fact));
    if (s) out.push({ fact, operator, threshold, value: s.satisfies, others: [s.fails] });
  };
  visitNodes(root, (node) => {
    if (node.kind === 'var' && node.scope === 'facts' && types.get(node.name) === 'boolean') {
      out.push({ fact: node.name, operator: '==', threshold: true, value: true, others: [false] });
      out.push({ fact: node.name, operator: '==', threshold: false, value: false, others: [true] });
    }
    if (node.kind !== 'op') return;
    const [a, b, c] = node.args as [RuleNode, RuleNode, RuleNode | undefined];
    const op = node.op;
    if ((op === '<' || op === '<=') && c) {
      // The between form: a fact between two constants, or against the middle constant.
      const [lo, mid, hi] = [constantOf(a), constantOf(b), constantOf(c)];
      const middle = factOf(b);
      if (middle !== null && lo && hi) {
        numeric(middle, MIRROR[op], lo.value);
        numeric(middle, op, hi.value);
      }
      if (factOf(a) !== null && mid && hi) numeric(factOf(a) as string, op, mid.value);
      if (factOf(c) !== null && lo && mid) numeric(factOf(c) as string, MIRROR[op], mid.value);
      return;
    }
    if (op === '==' || op === '===' || op === '<' || op === '<=' || op === '>' || op === '>=') {
      const [fact, constant, operator] = factOf(a) !== null && constantOf(b) ? [factOf(a) as string, constantOf(b)?.value, op] : factOf(b) !== null && constantOf(a) ? [factOf(b) as string, constantOf(a)?.value, MIRROR[op]] : [null, null, op];
      if (fact === null || constant === null) return;
      if (operator === '==' || operator === '===') out.push({ fact, operator, threshold: constant, value: constant, others: typeof constant === 'number' ? [constant + 1] : typeof constant === 'boolean' ? [!constant] : [''] });
      else numeric(fact, operator, constant);
      return;
    }
    if (op === 'in') {
      const fact = factOf(a);
      if (fact !== null && b.kind === 'array' && b.items.every((item) => item.kind === 'literal')) {
        const items = b.items.map((item) => (item as Extract<RuleNode, { kind: 'literal' }>).value);
        for (const item of items) if (item !== null) out.push({ fact, operator: 'in', threshold: items, value: item, others: [''] });
        return;
      }
      const list = factOf(b);
      const needle = constantOf(a);
      if (list !== null && needle) {
        const current = facts[list];
        if (current !== undefined && current !== null && !Array.isArray(current)) return; // a string: a substring, no single value to suggest
        const held = Array.isArray(current) ? current.filter((x) => x !== needle.value) : [];
        out.push({ fact: list, operator: 'contains', threshold: needle.value, value: [...held, needle.value], others: [held] });
      }
    }
  });
  return out;
};

/** The facts with one fact set (a dotted name sets the nested value). */
const withFact = (facts: Facts, name: string, value: unknown): Facts => {
  const [head, ...rest] = name.split('.') as [string, ...string[]];
  if (rest.length === 0 || Object.hasOwn(facts, name)) return { ...facts, [name]: value };
  const inner = facts[head];
  return { ...facts, [head]: withFact(typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Facts) : {}, rest.join('.'), value) };
};

const readFact = (facts: Facts, name: string): unknown => {
  let value: unknown = facts;
  for (const key of Object.hasOwn(facts, name) ? [name] : name.split('.')) {
    value = typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? (value as Facts)[key] : undefined;
    if (value === undefined || value === null) return null;
  }
  return value;
};

/**
 * For a rule an enterprise is not (yet) eligible for: the single-fact changes
 * that make it eligible, where a clause compares a fact with a constant ("if
 * rdIntensity reaches 4, eligible"). Each suggestion is confirmed by
 * evaluating the rule with the changed fact; at most one per fact (the value
 * nearest the current one), in the order the rule first mentions the facts.
 * Nothing when the result is already eligible.
 */
export const adviseThresholds = (rule: RuleInput, facts: Facts, catalogue: readonly FactDefinition[] = FACT_CATALOGUE): ThresholdAdvice[] => {
  const compiled = toCompiled(rule);
  if (compiled.evaluate(facts).result === 'eligible') return [];
  const best = new Map<string, ThresholdAdvice>();
  for (const candidate of candidatesOf(compiled.root, facts, catalogue)) {
    const current = readFact(facts, candidate.fact);
    if (compiled.evaluate(withFact(facts, candidate.fact, candidate.value)).result !== 'eligible') continue;
    const advice: ThresholdAdvice = { fact: candidate.fact, current, operator: candidate.operator, threshold: candidate.threshold, value: candidate.value };
    const kept = best.get(candidate.fact);
    const distance = (a: ThresholdAdvice): number => (typeof a.value === 'number' && typeof current === 'number' ? Math.abs(a.value - current) : Infinity);
    if (!kept || distance(advice) < distance(kept)) best.set(candidate.fact, advice);
  }
  return [...best.values()];
};

/**
 * The missing facts to ask for across several rules, most useful first: by
 * how many of the rules some answer would decide on its own, then by how many
 * undecided rules depend on the fact, then by name.
 */
export const questionsToDecideAcross = (rules: readonly RuleInput[], facts: Facts, catalogue: readonly FactDefinition[] = FACT_CATALOGUE): Question[] => {
  const tally = new Map<string, { rules: number; decides: number }>();
  const defaults: Record<string, readonly unknown[]> = { boolean: [true, false], number: [0], integer: [0], string: [''], 'string[]': [[]] };
  const types = new Map(catalogue.map((f) => [f.name, f.type]));
  for (const rule of rules.map(toCompiled)) {
    const { result, missing } = rule.evaluate(facts);
    if (result !== 'unknown') continue;
    const candidates = candidatesOf(rule.root, facts, catalogue);
    for (const fact of missing) {
      const entry = tally.get(fact) ?? { rules: 0, decides: 0 };
      tally.set(fact, entry);
      entry.rules++;
      const tries = [...candidates.filter((c) => c.fact === fact).flatMap((c) => [c.value, ...c.others]), ...(defaults[types.get(fact) ?? ''] ?? [])];
      const decided = (value: unknown): boolean => rule.evaluate(withFact(facts, fact, value)).result !== 'unknown';
      if (tries.some(decided)) entry.decides++;
    }
  }
  return [...tally]
    .map(([fact, t]) => ({ fact, rules: t.rules, decides: t.decides }))
    .sort((a, b) => b.decides - a.decides || b.rules - a.rules || (a.fact < b.fact ? -1 : a.fact > b.fact ? 1 : 0));
};

/** The missing facts that would decide one rule, most decisive first (see questionsToDecideAcross). */
export const questionsToDecide = (rule: RuleInput, facts: Facts, catalogue: readonly FactDefinition[] = FACT_CATALOGUE): Question[] => questionsToDecideAcross([rule], facts, catalogue);
