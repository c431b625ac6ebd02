import type { FactDefinition } from './facts.js';

/**
 * Reading a JSON Logic rule into a tree the compiler and the explainer walk,
 * with every problem found on the way and where it is. Operators outside the
 * supported list are refused here, so a rule that compiles never meets an
 * unknown operation when it runs.
 */

export const OPERATORS = ['==', '!=', '===', '!==', '<', '<=', '>', '>=', '!', '!!', 'and', 'or', 'if', 'in', 'var', '+', '-', '*', '/', 'min', 'max', 'some', 'all', 'none'] as const;
export type Operator = (typeof OPERATORS)[number];
export type Quantifier = 'some' | 'all' | 'none';
export type PlainOperator = Exclude<Operator, 'var' | Quantifier>;

/** Where a node sits in the rule: operators and argument positions from the root. */
export type RulePath = readonly (string | number)[];

export type RuleNode =
  | { readonly kind: 'literal'; readonly path: RulePath; readonly value: unknown }
  | { readonly kind: 'array'; readonly path: RulePath; readonly items: readonly RuleNode[] }
  | {
      readonly kind: 'var';
      readonly path: RulePath;
      /** The path as written ("" for the current element). */
      readonly name: string;
      readonly segments: readonly string[];
      /** `facts` at the top level; `element` inside the predicate of some/all/none. */
      readonly scope: 'facts' | 'element';
      /** The default (JSON Logic's second argument), or null when none is given. */
      readonly fallback: RuleNode | null;
    }
  | { readonly kind: 'op'; readonly path: RulePath; readonly op: PlainOperator; readonly args: readonly RuleNode[] }
  | { readonly kind: 'quantifier'; readonly path: RulePath; readonly op: Quantifier; readonly array: RuleNode; readonly predicate: RuleNode };

export type RuleProblemCode = 'unknown_operator' | 'arity' | 'not_an_operation' | 'var_path' | 'var_all_facts' | 'unknown_fact';

export interface RuleProblem {
  /** `$` is the rule; `$.and[1].>=[0]` the first operand of the comparison that is the second operand of the top `and`. */
  readonly path: string;
  readonly severity: 'error' | 'warning';
  readonly code: RuleProblemCode;
  readonly message: string;
}

/** A rule that cannot be compiled; `problems` holds every error (warnings are not a reason to refuse). */
export class RuleError extends Error {
  readonly problems: readonly RuleProblem[];
  constructor(problems: readonly RuleProblem[]) {
    const [first] = problems;
    super(first ? `${first.path}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''}` : 'invalid rule');
    this.name = 'RuleError';
    this.problems = problems;
  }
}

export const formatPath = (path: RulePath): string => `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;

const ARITY: Record<Exclude<Operator, 'var'>, readonly [number, number]> = {
  '==': [2, 2],
  '!=': [2, 2],
  '===': [2, 2],
  '!==': [2, 2],
  '<': [2, 3],
  '<=': [2, 3],
  '>': [2, 2],
  '>=': [2, 2],
  '!': [1, 1],
  '!!': [1, 1],
  and: [1, Infinity],
  or: [1, Infinity],
  if: [2, Infinity],
  in: [2, 2],
  '+': [1, Infinity],
  '-': [1, 2],
  '*': [1, Infinity],
  '/': [2, 2],
  min: [1, Infinity],
  max: [1, Infinity],
  some: [2, 2],
  all: [2, 2],
  none: [2, 2],
};

const arityText = ([min, max]: readonly [number, number]): string =>
  min === max ? `${min} argument${min === 1 ? '' : 's'}` : max === Infinity ? `at least ${min} argument${min === 1 ? '' : 's'}` : `${min} or ${max} arguments`;

const isOperator = (key: string): key is Operator => (OPERATORS as readonly string[]).includes(key);

export interface ParsedRule {
  readonly root: RuleNode;
  readonly problems: readonly RuleProblem[];
}

/** Read a rule; a node with a problem is replaced by a null literal so the rest is still read and checked. */
export const parseRule = (rule: unknown, catalogue?: readonly FactDefinition[]): ParsedRule => {
  const problems: RuleProblem[] = [];
  const known = catalogue ? new Set(catalogue.map((f) => f.name)) : null;
  const problem = (path: RulePath, severity: RuleProblem['severity'], code: RuleProblemCode, message: string): RuleNode => {
    problems.push({ path: formatPath(path), severity, code, message });
    return { kind: 'literal', path, value: null };
  };

  const readVar = (raw: unknown, argsGiven: boolean, path: RulePath, scope: 'facts' | 'element'): RuleNode => {
    const args = argsGiven ? (raw as unknown[]) : [raw];
    if (args.length > 2) return problem(path, 'error', 'arity', `var takes a fact name and an optional default, got ${args.length} arguments`);
    const [name = null, fallbackRaw] = args;
    const namePath = argsGiven && args.length > 0 ? [...path, 0] : path;
    if (name !== null && typeof name !== 'string' && typeof name !== 'number') return problem(namePath, 'error', 'var_path', 'var takes a fact name (a string), not an expression');
    const text = name === null ? '' : String(name);
    if (text === '' && scope === 'facts') return problem(namePath, 'error', 'var_all_facts', 'var "" reads all the facts at once; name a fact (var "" means the current element only inside some, all and none)');
    if (scope === 'facts' && known && !known.has(text)) problem(namePath, 'warning', 'unknown_fact', `fact "${text}" is not in the catalogue`);
    const fallback = args.length === 2 ? walk(fallbackRaw, [...path, 1], scope) : null;
    return { kind: 'var', path, name: text, segments: text === '' ? [] : text.split('.'), scope, fallback };
  };

  const walk = (value: unknown, path: RulePath, scope: 'facts' | 'element'): RuleNode => {
    if (Array.isArray(value)) return { kind: 'array', path, items: value.map((item, i) => walk(item, [...path, i], scope)) };
    if (value === null || typeof value !== 'object') return { kind: 'literal', path, value };
    const keys = Object.keys(value);
    if (keys.length !== 1) {
      return problem(path, 'error', 'not_an_operation', keys.length === 0 ? 'an empty object is not an operation' : `an operation has exactly one key, the operator; this object has ${keys.length} (${keys.join(', ')})`);
    }
    const op = keys[0] as string;
    const opPath = [...path, op];
    if (!isOperator(op)) return problem(opPath, 'error', 'unknown_operator', `unsupported operator "${op}"`);
    const raw = (value as Record<string, unknown>)[op];
    const argsGiven = Array.isArray(raw);
    if (op === 'var') return readVar(raw, argsGiven, opPath, scope);
    const args: unknown[] = argsGiven ? (raw as unknown[]) : [raw];
    const arity = ARITY[op];
    if (args.length < arity[0] || args.length > arity[1]) return problem(opPath, 'error', 'arity', `"${op}" takes ${arityText(arity)}, got ${args.length}`);
    const argPath = (i: number): RulePath => (argsGiven ? [...opPath, i] : opPath);
    if (op === 'some' || op === 'all' || op === 'none') {
      return { kind: 'quantifier', path: opPath, op, array: walk(args[0], argPath(0), scope), predicate: walk(args[1], argPath(1), 'element') };
    }
    return { kind: 'op', path: opPath, op, args: args.map((a, i) => walk(a, argPath(i), scope)) };
  };

  const root = rule === undefined ? problem([], 'error', 'not_an_operation', 'no rule') : walk(rule, [], 'facts');
  return { root, problems };
};

/**
 * Problems in a rule, each with its path: unsupported operators, wrong numbers
 * of arguments, malformed `var`s (errors), and facts the catalogue does not
 * know (warnings: the rule still runs; such a fact is simply missing unless an
 * enterprise supplies it).
 */
export const validateRule = (rule: unknown, catalogue?: readonly FactDefinition[]): RuleProblem[] => [...parseRule(rule, catalogue).problems];

/** Parse or throw RuleError naming every error. */
export const parseValidRule = (rule: unknown): RuleNode => {
  const { root, problems } = parseRule(rule);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new RuleError(errors);
  return root;
};

/** Visit every node, parents before children. */
export const visitNodes = (node: RuleNode, visit: (node: RuleNode) => void): void => {
  visit(node);
  switch (node.kind) {
    case 'array':
      for (const item of node.items) visitNodes(item, visit);
      return;
    case 'var':
      if (node.fallback) visitNodes(node.fallback, visit);
      return;
    case 'op':
      for (const arg of node.args) visitNodes(arg, visit);
      return;
    case 'quantifier':
      visitNodes(node.array, visit);
      visitNodes(node.predicate, visit);
      return;
    case 'literal':
      return;
  }
};

/** The facts a rule reads (dotted paths as written), sorted; not the fields of elements inside some/all/none. */
export const factsUsed = (rule: unknown): string[] => {
  const names = new Set<string>();
  visitNodes(parseRule(rule).root, (node) => {
    if (node.kind === 'var' && node.scope === 'facts') names.add(node.name);
  });
  return [...names].sort();
};
