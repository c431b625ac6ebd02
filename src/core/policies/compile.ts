import { add, add2, compare, contains, divide, lessOrEqual, lessThan, looseEquals, maximum, minimum, multiply, multiply2, negate, subtract, type Comparison } from './operations.js';
import { formatPath, parseValidRule, visitNodes, type RuleNode } from './syntax.js';
import { isUnknown, joinOutcomes, readPath, truthOf, truthy, UNKNOWN, UNKNOWN_FALSY, UNKNOWN_TRUTHY, type Facts, type Need, type Value } from './values.js';

/**
 * Rules compiled once into closures, then evaluated against many
 * enterprises. The facts a rule reads are looked up once per enterprise into
 * numbered slots, so the closures index an array instead of probing objects
 * of many shapes. `evaluate` is the fast path: it computes only the rule's
 * truthiness and, when that is unknown, walks the rule again for the missing
 * facts. `explain` is the slow path: the same closures, traced node by node.
 */

export type EligibilityResult = 'eligible' | 'ineligible' | 'unknown';

export interface Evaluation {
  readonly result: EligibilityResult;
  /** For `unknown`: the missing facts it depends on, sorted; empty for decided results. */
  readonly missing: readonly string[];
}

/** One node of a rule with what it evaluated to: a tree mirroring the rule, for a UI to render "研发投入强度 ≥ 3 %: 4.5 % ✓". */
export interface ExplainNode {
  readonly path: string;
  /** The operator; `literal` for a constant, `array` for a list written in the rule. */
  readonly op: string;
  /** `var`: the fact read (inside some/all/none, the element's field; "" for the element itself). */
  readonly fact?: string;
  /** The computed value, when it is decided (a number may be NaN or ±Infinity, as JSON Logic computes it). */
  readonly value?: unknown;
  /** JSON Logic truthiness of the value; decided for `and`/`or`/`if` even when their exact value is not. */
  readonly truth: 'true' | 'false' | 'unknown';
  /** Facts read at and below this node: the value, or null when missing. */
  readonly facts: Readonly<Record<string, unknown>>;
  /** Missing facts this node depends on (for what its parent needs of it: the value, or only its truthiness). */
  readonly missing: readonly string[];
  readonly children: readonly ExplainNode[];
  /** A branch of `if` not taken, or a `var` default not used: shown, but it decides nothing. */
  readonly skipped?: true;
  /** Inside some/all/none: the predicate applied to this element of the array. */
  readonly element?: number;
}

export interface Explanation extends Evaluation {
  readonly tree: ExplainNode;
}

export interface CompiledRule {
  readonly rule: unknown;
  /** The rule as read (syntax tree). */
  readonly root: RuleNode;
  /** The facts the rule reads, sorted. */
  readonly facts: readonly string[];
  evaluate(facts: Facts): Evaluation;
  explain(facts: Facts): Explanation;
}

/** Many rules sharing one lookup of each enterprise's facts: what a batch match uses. */
export interface CompiledRuleSet {
  /** Each rule compiled on its own, for `explain` (compiled when first asked for). */
  readonly rules: readonly CompiledRule[];
  /** Every fact any of the rules reads, sorted. */
  readonly facts: readonly string[];
  /** Each rule's evaluation for one enterprise, in the rules' order. */
  evaluate(facts: Facts): Evaluation[];
}

/** The facts the rules read, by slot; undefined where missing (absent or null). */
type Slots = readonly unknown[];
type Evaluate = (facts: Slots, element: unknown) => Value;
/** Only the truthiness: true, false, or UNKNOWN. */
type Truth = (facts: Slots, element: unknown) => boolean | typeof UNKNOWN;
/** Adds missing fact names to `out` (each once; the lists are short, so an array beats a Set). */
type Collect = (facts: Slots, element: unknown, need: Need, out: string[]) => void;

interface Compiled {
  readonly node: RuleNode;
  /** The value, as JSON Logic computes it (for comparisons, arithmetic, `in`, lists …). */
  readonly evaluate: Evaluate;
  /**
   * Its truthiness alone, where that is all the parent needs (the top of the
   * rule, and/or there, conditions, `!`). `and`/`or` here may test their
   * operands in any order, cheap ones first: the Kleene result does not
   * depend on the order, only JSON Logic's returned operand would.
   */
  readonly truth: Truth;
  /** Add the missing facts the node's value (or truthiness) depends on; nothing when that is decided. */
  readonly collect: Collect;
  /** The same, for a node already known to be undecided. */
  readonly undecided: Collect;
  readonly children: readonly Compiled[];
  /** A `var` of a fact: its slot; else -1. */
  readonly slot: number;
  /** A sub-expression several rules share: the slot holding its truth once evaluated for an enterprise; else -1. */
  readonly memo: number;
  /** The truth computed afresh, without looking at the memo slot (for a caller that looks itself). */
  readonly compute: Truth;
  /** A rough cost of evaluating it, to order and/or operands. */
  readonly cost: number;
}

/** Numbers the facts rules read and reads them off an enterprise, once per enterprise. */
class FactSlots {
  readonly names: string[] = [];
  private readonly segments: string[][] = [];
  /** A one-segment name Object.prototype does not answer to can be read directly; others go through readPath (own properties only). */
  private readonly direct: boolean[] = [];
  private readonly index = new Map<string, number>();
  /** Slots after the facts that hold, per enterprise, the truth of a sub-expression several rules share. */
  private memos = 0;

  /** A memo slot; all facts must be numbered first. */
  memoSlot(): number {
    return this.names.length + this.memos++;
  }

  slotOf(name: string, segments: readonly string[]): number {
    let slot = this.index.get(name);
    if (slot === undefined) {
      if (this.memos > 0) throw new Error('facts must be numbered before memo slots');
      slot = this.names.length;
      this.index.set(name, slot);
      this.names.push(name);
      this.segments.push([...segments]);
      this.direct.push(segments.length === 1 && !(name in Object.prototype));
    }
    return slot;
  }

  /** The enterprise's facts by slot, memo slots empty; into `into` when given (a buffer reused enterprise after enterprise). */
  read(facts: Facts, into?: unknown[]): unknown[] {
    const n = this.names.length;
    const values = into ?? new Array<unknown>(n + this.memos);
    for (let i = 0; i < n; i++) {
      const value = this.direct[i] ? facts[this.names[i] as string] : readPath(facts, this.segments[i] as string[]);
      values[i] = value === null ? undefined : value;
    }
    for (let i = n; i < n + this.memos; i++) values[i] = NOT_YET;
    return values;
  }
}

/** A memo slot not filled yet for this enterprise. */
const NOT_YET: unique symbol = Symbol('not evaluated yet');

/**
 * The key of a sub-expression: equal keys, equal meaning. Rules in a set
 * often share clauses (the same tax-compliance test, the same R&D band);
 * each distinct one is evaluated once per enterprise.
 */
const keyOf = (node: RuleNode, keys: Map<RuleNode, string>): string => {
  const known = keys.get(node);
  if (known !== undefined) return known;
  let key: string;
  switch (node.kind) {
    case 'literal':
      // Numbers by String, so -0 and NaN keep their own keys.
      key = typeof node.value === 'number' ? (Object.is(node.value, -0) ? '-0' : String(node.value)) : JSON.stringify(node.value);
      break;
    case 'array':
      key = `[${node.items.map((item) => keyOf(item, keys)).join(',')}]`;
      break;
    case 'var':
      key = `var:${node.scope}:${JSON.stringify(node.name)}${node.fallback ? `?${keyOf(node.fallback, keys)}` : ''}`;
      break;
    case 'op':
      key = `${node.op}(${node.args.map((arg) => keyOf(arg, keys)).join(',')})`;
      break;
    case 'quantifier':
      key = `${node.op}(${keyOf(node.array, keys)},${keyOf(node.predicate, keys)})`;
      break;
  }
  keys.set(node, key);
  return key;
};

/** Operations outside some/all/none predicates (those read only the facts), counted by key across all the rules. */
const countShared = (roots: readonly RuleNode[], keys: Map<RuleNode, string>): Map<string, number> => {
  const counts = new Map<string, number>();
  const walk = (node: RuleNode): void => {
    if (node.kind === 'op' || node.kind === 'quantifier') {
      const key = keyOf(node, keys);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    switch (node.kind) {
      case 'array':
        node.items.forEach(walk);
        return;
      case 'var':
        if (node.fallback) walk(node.fallback);
        return;
      case 'op':
        node.args.forEach(walk);
        return;
      case 'quantifier':
        walk(node.array);
        return;
      case 'literal':
        return;
    }
  };
  roots.forEach(walk);
  return counts;
};

const truthFrom =
  (evaluate: Evaluate): Truth =>
  (facts, element) => {
    const truth = truthOf(evaluate(facts, element));
    return truth === null ? UNKNOWN : truth;
  };

interface Parts {
  readonly children: readonly Compiled[];
  readonly undecided: Collect;
  /** Defaults to the truthiness of `evaluate`; give it when the value is already true/false/UNKNOWN, or a faster way exists. */
  readonly truth?: Truth;
  readonly slot?: number;
  readonly cost?: number;
}

/** Every compiled node has the same fields in the same order, so the hot paths see one object shape. */
const compiledNode = (
  node: RuleNode,
  evaluate: Evaluate,
  truth: Truth,
  collect: Collect,
  undecided: Collect,
  children: readonly Compiled[],
  slot: number,
  memo: number,
  compute: Truth,
  cost: number,
): Compiled => ({ node, evaluate, truth, collect, undecided, children, slot, memo, compute, cost });

const build = (node: RuleNode, evaluate: Evaluate, parts: Parts): Compiled => {
  const { undecided } = parts;
  const truth = parts.truth ?? truthFrom(evaluate);
  const collect: Collect = (facts, element, need, out) => {
    if (need === 'truth' ? truth(facts, element) !== UNKNOWN : !isUnknown(evaluate(facts, element))) return;
    undecided(facts, element, need, out);
  };
  const cost = parts.cost ?? 1 + parts.children.reduce((sum, c) => sum + c.cost, 0);
  return compiledNode(node, evaluate, truth, collect, undecided, parts.children, parts.slot ?? -1, -1, truth, cost);
};

/** A node whose value is always true, false or UNKNOWN: its truth is its value. */
const booleanNode = (node: RuleNode, evaluate: Evaluate, parts: Omit<Parts, 'truth'>): Compiled => build(node, evaluate, { ...parts, truth: evaluate as Truth });

/** Every child's missing facts, each needed for its value (comparisons, arithmetic, `in`, lists). */
const collectValues =
  (children: readonly Compiled[]): Collect =>
  (facts, element, _need, out) => {
    for (const child of children) child.collect(facts, element, 'value', out);
  };

const noMissing: Collect = () => undefined;

/** Values of all operands, or null when one is unknown. */
const knownValues = (args: readonly Compiled[], facts: Slots, element: unknown): unknown[] | null => {
  const values = new Array<unknown>(args.length);
  for (let i = 0; i < args.length; i++) {
    const value = (args[i] as Compiled).evaluate(facts, element);
    if (isUnknown(value)) return null;
    values[i] = value;
  }
  return values;
};

/** `fact OP constant` for a fact without default: the shape most rules are made of, one closure per operator. */
const factAgainstConstant = (op: Comparison, slot: number, c: unknown): Evaluate => {
  switch (op) {
    case '==':
      return (f) => (f[slot] === undefined ? UNKNOWN : looseEquals(f[slot], c));
    case '!=':
      return (f) => (f[slot] === undefined ? UNKNOWN : !looseEquals(f[slot], c));
    case '===':
      return (f) => (f[slot] === undefined ? UNKNOWN : f[slot] === c);
    case '!==':
      return (f) => (f[slot] === undefined ? UNKNOWN : f[slot] !== c);
    case '<':
      return (f) => (f[slot] === undefined ? UNKNOWN : lessThan(f[slot], c));
    case '<=':
      return (f) => (f[slot] === undefined ? UNKNOWN : lessOrEqual(f[slot], c));
    case '>':
      return (f) => (f[slot] === undefined ? UNKNOWN : lessThan(c, f[slot]));
    case '>=':
      return (f) => (f[slot] === undefined ? UNKNOWN : lessOrEqual(c, f[slot]));
  }
};

/** `expression OP constant` (a ratio against a threshold, say). */
const expressionAgainstConstant = (op: Comparison, x: Evaluate, c: unknown): Evaluate => {
  const test =
    (f: (v: unknown) => boolean): Evaluate =>
    (facts, element) => {
      const v = x(facts, element);
      return isUnknown(v) ? UNKNOWN : f(v);
    };
  switch (op) {
    case '==':
      return test((v) => looseEquals(v, c));
    case '!=':
      return test((v) => !looseEquals(v, c));
    case '===':
      return test((v) => v === c);
    case '!==':
      return test((v) => v !== c);
    case '<':
      return test((v) => lessThan(v, c));
    case '<=':
      return test((v) => lessOrEqual(v, c));
    case '>':
      return test((v) => lessThan(c, v));
    case '>=':
      return test((v) => lessOrEqual(c, v));
  }
};

/** `low < fact < high` / `low <= fact <= high` with constant bounds. */
const factBetweenConstants = (op: '<' | '<=', slot: number, low: unknown, high: unknown): Evaluate =>
  op === '<'
    ? (f) => (f[slot] === undefined ? UNKNOWN : lessThan(low, f[slot]) && lessThan(f[slot], high))
    : (f) => (f[slot] === undefined ? UNKNOWN : lessOrEqual(low, f[slot]) && lessOrEqual(f[slot], high));

/** c OP x ⇔ x MIRROR(OP) c for JSON values (no side effects in the coercions, so order does not matter). */
const MIRROR: Record<Comparison, Comparison> = { '==': '==', '!=': '!=', '===': '===', '!==': '!==', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const COMPARISONS = new Set<string>(Object.keys(MIRROR));

const isConstant = (node: RuleNode): node is Extract<RuleNode, { kind: 'literal' }> => node.kind === 'literal';
const isPlainFact = (node: RuleNode): boolean => node.kind === 'var' && node.scope === 'facts' && node.fallback === null;
const isElement = (node: RuleNode): boolean => node.kind === 'var' && node.scope === 'element' && node.segments.length === 0 && node.fallback === null;

/** Cheapest first, keeping the written order among equals. */
const byCost = (children: readonly Compiled[]): Compiled[] => children.map((c, i) => ({ c, i })).sort((a, b) => a.c.cost - b.c.cost || a.i - b.i).map(({ c }) => c);

class Compiler {
  /** Inside a some/all/none predicate: nothing there is shared (it reads the element). */
  private inPredicate = 0;
  private readonly compiled = new Map<string, Compiled>();

  constructor(
    private readonly slots: FactSlots,
    private readonly sharing: { readonly counts: Map<string, number>; readonly keys: Map<RuleNode, string> } | null = null,
  ) {}

  compile(node: RuleNode): Compiled {
    if (!this.sharing || this.inPredicate > 0 || (node.kind !== 'op' && node.kind !== 'quantifier')) return this.compileNode(node);
    const key = keyOf(node, this.sharing.keys);
    if ((this.sharing.counts.get(key) ?? 0) < 2) return this.compileNode(node);
    const done = this.compiled.get(key);
    if (done) return done;
    // The first rule to use it evaluates it; the others read the result.
    const fresh = this.compileNode(node);
    const slot = this.slots.memoSlot();
    const inner = fresh.truth;
    const truth: Truth = (facts, element) => {
      const memo = facts[slot];
      if (memo !== NOT_YET) return memo as boolean | typeof UNKNOWN;
      const t = inner(facts, element);
      (facts as unknown[])[slot] = t;
      return t;
    };
    // So is the list of missing facts its truth depends on, when it is undecided: many rules may be unknown for the same reason.
    const missingSlot = this.slots.memoSlot();
    const collect: Collect = (facts, element, need, out) => {
      if (need === 'value') return fresh.collect(facts, element, need, out);
      if (truth(facts, element) !== UNKNOWN) return;
      let names = facts[missingSlot] as string[] | typeof NOT_YET;
      if (names === NOT_YET) {
        names = [];
        fresh.collect(facts, element, 'truth', names);
        (facts as unknown[])[missingSlot] = names;
      }
      for (const name of names) if (!out.includes(name)) out.push(name);
    };
    const shared = compiledNode(fresh.node, fresh.evaluate, truth, collect, fresh.undecided, fresh.children, fresh.slot, slot, inner, fresh.cost);
    this.compiled.set(key, shared);
    return shared;
  }

  private compileNode(node: RuleNode): Compiled {
    switch (node.kind) {
      case 'literal': {
        const { value } = node;
        const truth = truthy(value);
        return build(node, () => value, { children: [], undecided: noMissing, truth: () => truth, cost: 0 });
      }
      case 'array': {
        const items = node.items.map((item) => this.compile(item));
        if (node.items.every(isConstant)) {
          // Built once: a constant list is the same array every time (=== between two different lists is still false).
          const constant = node.items.map((item) => (item as Extract<RuleNode, { kind: 'literal' }>).value);
          const truth = constant.length > 0;
          return build(node, () => constant, { children: items, undecided: noMissing, truth: () => truth, cost: 0 });
        }
        return build(node, (facts, element) => knownValues(items, facts, element) ?? UNKNOWN, { children: items, undecided: collectValues(items) });
      }
      case 'var':
        return this.compileVar(node);
      case 'quantifier':
        return this.compileQuantifier(node);
      case 'op': {
        const args = node.args.map((arg) => this.compile(arg));
        if (COMPARISONS.has(node.op)) return this.compileComparison(node, args);
        switch (node.op) {
          case 'and':
          case 'or':
            return compileJunction(node, node.op, args);
          case 'if':
            return compileIf(node, args);
          case '!':
          case '!!': {
            const [a] = args as [Compiled];
            const negated = node.op === '!';
            const inner = a.truth;
            const evaluate: Evaluate = negated
              ? (facts, element) => {
                  const t = inner(facts, element);
                  return t === UNKNOWN ? UNKNOWN : !t;
                }
              : inner;
            return booleanNode(node, evaluate, { children: args, undecided: (facts, element, _need, out) => a.collect(facts, element, 'truth', out) });
          }
          case 'in':
            return compileIn(node, args);
          default:
            return compileArithmetic(node, args);
        }
      }
    }
  }

  private compileVar(node: Extract<RuleNode, { kind: 'var' }>): Compiled {
    const fallback = node.fallback ? this.compile(node.fallback) : null;
    const children = fallback ? [fallback] : [];
    if (node.scope === 'element') {
      // Inside some/all/none the element is data in hand: an absent field is null (or the default), never missing.
      const { segments } = node;
      const evaluate: Evaluate = fallback
        ? (facts, element) => readPath(element, segments) ?? fallback.evaluate(facts, element)
        : segments.length === 0
          ? (_facts, element) => element ?? null
          : (_facts, element) => readPath(element, segments) ?? null;
      return build(node, evaluate, { children, undecided: (facts, element, need, out) => fallback?.collect(facts, element, need, out) });
    }
    const slot = this.slots.slotOf(node.name, node.segments);
    const { name } = node;
    const evaluate: Evaluate = fallback ? (facts, element) => facts[slot] ?? fallback.evaluate(facts, element) : (facts) => facts[slot] ?? UNKNOWN;
    const truth: Truth | undefined = fallback
      ? undefined
      : (facts) => {
          const value = facts[slot];
          return value === undefined ? UNKNOWN : typeof value === 'boolean' ? value : truthy(value);
        };
    return build(node, evaluate, {
      children,
      slot,
      ...(truth ? { truth } : {}),
      undecided: (facts, element, need, out) => {
        if (!out.includes(name)) out.push(name);
        fallback?.collect(facts, element, need, out);
      },
    });
  }

  private compileComparison(node: Extract<RuleNode, { kind: 'op' }>, args: readonly Compiled[]): Compiled {
    const op = node.op as Comparison;
    const [a, b, c] = args as [Compiled, Compiled, Compiled | undefined];
    const parts = { children: args, undecided: collectValues(args) };
    if (c && isConstant(a.node) && isPlainFact(b.node) && isConstant(c.node)) return booleanNode(node, factBetweenConstants(op as '<' | '<=', b.slot, a.node.value, c.node.value), parts);
    if (c) {
      // The between form a < b < c: both comparisons, of known values (jsonlogic.js: (a < b) && (b < c)).
      return booleanNode(
        node,
        (facts, element) => {
          const x = a.evaluate(facts, element);
          const y = b.evaluate(facts, element);
          const z = c.evaluate(facts, element);
          if (isUnknown(x) || isUnknown(y) || isUnknown(z)) return UNKNOWN;
          return compare(op, x, y) && compare(op, y, z);
        },
        parts,
      );
    }
    if (isPlainFact(a.node) && isConstant(b.node)) return booleanNode(node, factAgainstConstant(op, a.slot, b.node.value), parts);
    if (isPlainFact(b.node) && isConstant(a.node)) return booleanNode(node, factAgainstConstant(MIRROR[op], b.slot, a.node.value), parts);
    if (isConstant(b.node)) return booleanNode(node, expressionAgainstConstant(op, a.evaluate, b.node.value), parts);
    if (isConstant(a.node)) return booleanNode(node, expressionAgainstConstant(MIRROR[op], b.evaluate, a.node.value), parts);
    return booleanNode(
      node,
      (facts, element) => {
        const x = a.evaluate(facts, element);
        if (isUnknown(x)) return UNKNOWN;
        const y = b.evaluate(facts, element);
        return isUnknown(y) ? UNKNOWN : compare(op, x, y);
      },
      parts,
    );
  }

  private compileQuantifier(node: Extract<RuleNode, { kind: 'quantifier' }>): Compiled {
    const array = this.compile(node.array);
    this.inPredicate++;
    const predicate = this.compile(node.predicate);
    this.inPredicate--;
    const test = predicate.truth;
    const { op } = node;
    // A predicate of this truthiness ends the scan with `stopValue`; a scan to the end gives `exhausted`.
    const stopOn = op !== 'all';
    const stopValue = op === 'some';
    const exhausted = op !== 'some';
    return booleanNode(
      node,
      (facts, element) => {
        const value = array.evaluate(facts, element);
        if (isUnknown(value)) return UNKNOWN;
        // A value that is not an array has no elements.
        if (!Array.isArray(value)) return op === 'none';
        if (op === 'all' && value.length === 0) return false; // jsonlogic.js: `all` of nothing is false
        // The predicate reads only the element, which is in hand: its truth is always decided.
        for (let i = 0; i < value.length; i++) if (test(facts, value[i]) === stopOn) return stopValue;
        return exhausted;
      },
      { children: [array, predicate], undecided: (facts, element, _need, out) => array.collect(facts, element, 'value', out), cost: 4 + array.cost + 2 * predicate.cost },
    );
  }
}

/**
 * `and` / `or`. The value, as JSON Logic returns it: the first operand that
 * stops the scan (falsy for and, truthy for or), else the last; an unknown
 * operand before that leaves the value open, and then only its truthiness
 * may be known. The truth: Kleene's, on the operands' truths, cheapest first.
 */
const compileJunction = (node: RuleNode, op: 'and' | 'or', args: readonly Compiled[]): Compiled => {
  const isAnd = op === 'and';
  const stopTruth = !isAnd;
  const stopUnknown = isAnd ? UNKNOWN_FALSY : UNKNOWN_TRUTHY;
  const evaluate: Evaluate = (facts, element) => {
    let unknownBefore = false;
    let last: Value = null;
    for (let i = 0; i < args.length; i++) {
      const value = (args[i] as Compiled).evaluate(facts, element);
      if (value === !stopTruth) {
        last = value;
        continue;
      }
      if (value === stopTruth) return unknownBefore ? stopUnknown : value;
      const truth = truthOf(value);
      if (truth === stopTruth) return unknownBefore || isUnknown(value) ? stopUnknown : value;
      if (truth === null) unknownBefore = true;
      last = value;
    }
    return unknownBefore ? UNKNOWN : last;
  };
  const ordered = byCost(args);
  const tests = ordered.map((a) => a.compute);
  // A shared operand's truth is read from its memo slot, or computed and left there for the other rules.
  const memos = Int32Array.from(ordered, (a) => a.memo);
  const truth: Truth =
    tests.length === 1
      ? (ordered[0] as Compiled).truth
      : (facts, element) => {
          let open = false;
          for (let i = 0; i < tests.length; i++) {
            const memo = memos[i] as number;
            let t: unknown;
            if (memo < 0) t = (tests[i] as Truth)(facts, element);
            else {
              t = facts[memo];
              if (t === NOT_YET) (facts as unknown[])[memo] = t = (tests[i] as Truth)(facts, element);
            }
            if (t === stopTruth) return stopTruth;
            if (t === UNKNOWN) open = true;
          }
          return open ? UNKNOWN : !stopTruth;
        };
  return build(node, evaluate, {
    children: args,
    truth,
    undecided: (facts, element, need, out) => {
      for (const arg of args) arg.collect(facts, element, need, out);
    },
  });
};

/**
 * `if` (JSON Logic's chain: cond, then, cond, then, …, else). A condition
 * decided truthy takes its branch and one decided falsy skips it; an unknown
 * one leaves both ways open, and the value is the join of every branch that
 * could be taken.
 */
const compileIf = (node: RuleNode, args: readonly Compiled[]): Compiled => {
  const pairs = Math.floor(args.length / 2);
  const otherwise = args.length % 2 === 1 ? (args[args.length - 1] as Compiled) : null;
  const conditions = Array.from({ length: pairs }, (_, i) => (args[2 * i] as Compiled).truth);
  const evaluate: Evaluate = (facts, element) => {
    let open: Value[] | null = null;
    for (let i = 0; i < pairs; i++) {
      const truth = (conditions[i] as Truth)(facts, element);
      if (truth === false) continue;
      const branch = (args[2 * i + 1] as Compiled).evaluate(facts, element);
      if (truth === true) {
        if (open === null) return branch;
        open.push(branch);
        return joinOutcomes(open);
      }
      (open ??= []).push(branch);
    }
    const last = otherwise ? otherwise.evaluate(facts, element) : null;
    if (open === null) return last;
    open.push(last);
    return joinOutcomes(open);
  };
  const branches = Array.from({ length: pairs }, (_, i) => (args[2 * i + 1] as Compiled).truth);
  const otherwiseTruth: Truth = otherwise ? otherwise.truth : () => false;
  // The truth of the join: the branches' truths when they all agree.
  const truth: Truth = (facts, element) => {
    let joined: boolean | typeof UNKNOWN | null = null;
    for (let i = 0; i < pairs; i++) {
      const condition = (conditions[i] as Truth)(facts, element);
      if (condition === false) continue;
      const branch = (branches[i] as Truth)(facts, element);
      joined = joined === null || joined === branch ? branch : UNKNOWN;
      if (condition === true) return joined;
    }
    const last = otherwiseTruth(facts, element);
    return joined === null || joined === last ? last : UNKNOWN;
  };
  return build(node, evaluate, {
    children: args,
    truth,
    undecided: (facts, element, need, out) => {
      for (let i = 0; i < pairs; i++) {
        const condition = args[2 * i] as Compiled;
        condition.collect(facts, element, 'truth', out);
        const t = (conditions[i] as Truth)(facts, element);
        if (t === false) continue;
        (args[2 * i + 1] as Compiled).collect(facts, element, need, out);
        if (t === true) return;
      }
      otherwise?.collect(facts, element, need, out);
    },
  });
};

/** `in`: membership or substring; with a constant list, or a constant looked for in a fact, one operand to evaluate. */
const compileIn = (node: RuleNode, args: readonly Compiled[]): Compiled => {
  const [a, b] = args as [Compiled, Compiled];
  const parts = { children: args, undecided: collectValues(args) };
  if (isConstant(a.node)) {
    const needle = a.node.value;
    const haystack = b.evaluate;
    if (isElement(b.node)) return booleanNode(node, (_facts, element) => contains(needle, element ?? null), parts);
    return booleanNode(
      node,
      (facts, element) => {
        const h = haystack(facts, element);
        return isUnknown(h) ? UNKNOWN : contains(needle, h);
      },
      parts,
    );
  }
  if (b.node.kind === 'array' && b.node.items.every(isConstant)) {
    const list = b.evaluate(EMPTY, undefined) as unknown[];
    const needle = a.evaluate;
    return booleanNode(
      node,
      (facts, element) => {
        const n = needle(facts, element);
        return isUnknown(n) ? UNKNOWN : list.indexOf(n) !== -1;
      },
      parts,
    );
  }
  return booleanNode(
    node,
    (facts, element) => {
      const x = a.evaluate(facts, element);
      if (isUnknown(x)) return UNKNOWN;
      const y = b.evaluate(facts, element);
      return isUnknown(y) ? UNKNOWN : contains(x, y);
    },
    parts,
  );
};
const EMPTY: Slots = [];

/** Arithmetic: unknown when an operand is; else jsonlogic.js's result. */
const compileArithmetic = (node: Extract<RuleNode, { kind: 'op' }>, args: readonly Compiled[]): Compiled => {
  const parts = { children: args, undecided: collectValues(args) };
  const [a, b] = args as [Compiled, Compiled | undefined];
  const binary = (f: (x: unknown, y: unknown) => unknown): Compiled =>
    build(
      node,
      (facts, element) => {
        const x = a.evaluate(facts, element);
        if (isUnknown(x)) return UNKNOWN;
        const y = (b as Compiled).evaluate(facts, element);
        return isUnknown(y) ? UNKNOWN : f(x, y);
      },
      parts,
    );
  const variadic = (f: (xs: readonly unknown[]) => unknown): Compiled =>
    build(
      node,
      (facts, element) => {
        const values = knownValues(args, facts, element);
        return values === null ? UNKNOWN : f(values);
      },
      parts,
    );
  switch (node.op) {
    case '-':
      if (b) return binary(subtract);
      return build(
        node,
        (facts, element) => {
          const x = a.evaluate(facts, element);
          return isUnknown(x) ? UNKNOWN : negate(x);
        },
        parts,
      );
    case '/':
      return binary(divide);
    case '+':
      return args.length === 2 ? binary(add2) : variadic(add);
    case '*':
      return args.length === 2 ? binary(multiply2) : variadic(multiply);
    case 'min':
      return variadic(minimum);
    default:
      return variadic(maximum);
  }
};

const ELIGIBLE: Evaluation = Object.freeze({ result: 'eligible', missing: Object.freeze([]) });
const INELIGIBLE: Evaluation = Object.freeze({ result: 'ineligible', missing: Object.freeze([]) });


/** The top-level result: eligible when decided truthy, ineligible when decided falsy; else unknown with what it depends on. */
const evaluateRoot = (root: Compiled, facts: Slots): Evaluation => {
  const truth = root.truth(facts, undefined);
  return truth === true ? ELIGIBLE : truth === false ? INELIGIBLE : unknownResult(root, facts);
};

/** An unknown result and the missing facts it depends on (the slow path, taken only for unknown results). */
const unknownResult = (root: Compiled, facts: Slots): Evaluation => {
  const missing: string[] = [];
  root.undecided(facts, undefined, 'truth', missing);
  return { result: 'unknown', missing: missing.length > 1 ? missing.sort() : missing };
};

interface Part {
  readonly child: Compiled;
  readonly element: unknown;
  readonly need: Need;
  readonly skipped?: true;
  readonly index?: number;
}

/** The parts of a node as the explanation shows them: each child with the element and need it is evaluated with, and whether it counts. */
const parts = (c: Compiled, facts: Slots, element: unknown, need: Need): Part[] => {
  const { node, children } = c;
  switch (node.kind) {
    case 'literal':
      return [];
    case 'array':
      return children.map((child) => ({ child, element, need: 'value' }));
    case 'var': {
      const [fallback] = children;
      if (!fallback) return [];
      const present = node.scope === 'facts' ? facts[c.slot] !== undefined : readPath(element, node.segments) !== undefined;
      return [{ child: fallback, element, need, ...(present ? { skipped: true as const } : {}) }];
    }
    case 'quantifier': {
      const [array, predicate] = children as [Compiled, Compiled];
      const value = array.evaluate(facts, element);
      const elements = Array.isArray(value) ? (value as unknown[]) : [];
      return [{ child: array, element, need: 'value' }, ...elements.map((item, index) => ({ child: predicate, element: item, need: 'truth' as const, index }))];
    }
    case 'op':
      switch (node.op) {
        case 'and':
        case 'or':
          return children.map((child) => ({ child, element, need }));
        case '!':
        case '!!':
          return children.map((child) => ({ child, element, need: 'truth' }));
        case 'if': {
          const result: Part[] = [];
          let reached = true;
          for (let i = 0; i < children.length; i++) {
            const child = children[i] as Compiled;
            const isCondition = i % 2 === 0 && i < children.length - 1;
            result.push({ child, element, need: isCondition ? 'truth' : need, ...(reached ? {} : { skipped: true as const }) });
            if (!isCondition || !reached) continue;
            const truth = truthOf(child.evaluate(facts, element));
            if (truth === null) continue;
            // A decided condition: its branch is taken (truthy) or skipped (falsy); nothing after a taken branch is reached.
            result.push({ child: children[i + 1] as Compiled, element, need, ...(truth ? {} : { skipped: true as const }) });
            i++;
            if (truth) reached = false;
          }
          return result;
        }
        default:
          return children.map((child) => ({ child, element, need: 'value' }));
      }
  }
};

const truthName = (value: Value): ExplainNode['truth'] => {
  const truth = truthOf(value);
  return truth === null ? 'unknown' : truth ? 'true' : 'false';
};

const trace = (c: Compiled, facts: Slots, element: unknown, need: Need, names: readonly string[], extra: { skipped?: true; element?: number } = {}): ExplainNode => {
  const value = c.evaluate(facts, element);
  const missing: string[] = [];
  c.collect(facts, element, need, missing);
  const children = parts(c, facts, element, need).map((p) =>
    trace(p.child, facts, p.element, p.need, names, { ...(p.skipped ? { skipped: p.skipped } : {}), ...(p.index === undefined ? {} : { element: p.index }) }),
  );
  const read: Record<string, unknown> = {};
  const { node } = c;
  if (c.slot >= 0) read[names[c.slot] as string] = facts[c.slot] ?? null;
  for (const child of children) if (child.element === undefined && !child.skipped) Object.assign(read, child.facts);
  return {
    path: formatPath(node.path),
    op: node.kind === 'op' || node.kind === 'quantifier' ? node.op : node.kind,
    ...(node.kind === 'var' ? { fact: node.name } : {}),
    ...(isUnknown(value) ? {} : { value }),
    truth: truthName(value),
    facts: read,
    missing: missing.sort(),
    children,
    ...extra,
  };
};

const compileWith = (slots: FactSlots, rule: unknown): { root: RuleNode; compiled: Compiled } => {
  const root = parseValidRule(rule);
  return { root, compiled: new Compiler(slots).compile(root) };
};

/** Compile a rule once (throws RuleError naming each problem and its path); evaluate it against any number of enterprises. */
export const compileRule = (rule: unknown): CompiledRule => {
  const slots = new FactSlots();
  const { root, compiled } = compileWith(slots, rule);
  const names = slots.names;
  return {
    rule,
    root,
    facts: [...names].sort(),
    evaluate: (facts) => evaluateRoot(compiled, slots.read(facts)),
    explain: (facts) => {
      const values = slots.read(facts);
      return { ...evaluateRoot(compiled, values), tree: trace(compiled, values, undefined, 'truth', names) };
    },
  };
};

/**
 * Compile many rules over one numbering of facts: each enterprise's facts are
 * read once for all of them, and a clause several rules share is evaluated
 * once per enterprise (unless `shareClauses` is false: for measuring).
 */
export const compileRuleSet = (rules: readonly unknown[], options: { readonly shareClauses?: boolean } = {}): CompiledRuleSet => {
  const slots = new FactSlots();
  const roots = rules.map(parseValidRule);
  for (const root of roots) visitNodes(root, (node) => (node.kind === 'var' && node.scope === 'facts' ? void slots.slotOf(node.name, node.segments) : undefined));
  const keys = new Map<RuleNode, string>();
  const compiler = new Compiler(slots, options.shareClauses === false ? null : { counts: countShared(roots, keys), keys });
  const compiled = roots.map((root) => compiler.compile(root));
  const truths = compiled.map((c) => c.truth);
  // One buffer for every enterprise: evaluation is synchronous and nothing keeps the slots.
  const buffer = slots.read({});
  let separately: CompiledRule[] | null = null;
  return {
    get rules() {
      return (separately ??= rules.map(compileRule));
    },
    facts: [...slots.names].sort(),
    evaluate: (facts) => {
      const values = slots.read(facts, buffer);
      const results = new Array<Evaluation>(truths.length);
      for (let i = 0; i < truths.length; i++) {
        const truth = (truths[i] as Truth)(values, undefined);
        results[i] = truth === true ? ELIGIBLE : truth === false ? INELIGIBLE : unknownResult(compiled[i] as Compiled, values);
      }
      return results;
    },
  };
};
