import type { EligibilityResult, Evaluation } from './compile.js';
import { add, compare, contains, divide, maximum, minimum, multiply, negate, subtract, type Comparison } from './operations.js';
import { isDecided, joinOutcomes, truthOf, isUnknown, UNKNOWN, UNKNOWN_FALSY, UNKNOWN_TRUTHY, type Facts, type Need, type Value } from './values.js';

/**
 * The reference: the rule interpreted from its JSON on every call, written
 * straight from the semantics in docs/POLICIES.md and independently of the
 * compiler. Tests check the compiler against it on random rules and facts,
 * and the benchmark measures the compiler against it. Expects a rule that
 * validateRule accepts.
 */

type Scope = 'facts' | 'element';

const operation = (logic: unknown): [string, unknown[]] | null => {
  if (logic === null || typeof logic !== 'object' || Array.isArray(logic)) return null;
  const [op] = Object.keys(logic);
  if (op === undefined) return null;
  const raw = (logic as Record<string, unknown>)[op];
  return [op, Array.isArray(raw) ? raw : [raw]];
};

/** A `var`: where it points and whether it found anything (an absent or null value is not found). */
const lookup = (args: unknown[], data: unknown): { name: string; found: boolean; value: unknown } => {
  const path = args[0] ?? null;
  const name = path === null ? '' : String(path);
  let value: unknown = data;
  for (const key of name === '' ? [] : name.split('.')) {
    const holder = value;
    const readable = holder !== null && holder !== undefined && (typeof holder === 'object' || typeof holder === 'string');
    value = readable && Object.hasOwn(holder as object, key) ? (holder as Record<string, unknown>)[key] : undefined;
    if (value === undefined || value === null) return { name, found: false, value: undefined };
  }
  return { name, found: value !== undefined && value !== null, value };
};

const interpret = (logic: unknown, data: unknown, scope: Scope): Value => {
  if (Array.isArray(logic)) {
    const items = logic.map((item) => interpret(item, data, scope));
    return items.some(isUnknown) ? UNKNOWN : items;
  }
  const parsed = operation(logic);
  if (!parsed) return logic;
  const [op, args] = parsed;
  switch (op) {
    case 'var': {
      const { found, value } = lookup(args, data);
      if (found) return value;
      if (args.length > 1) return interpret(args[1], data, scope);
      return scope === 'facts' ? UNKNOWN : null;
    }
    case 'and':
    case 'or': {
      // and stops at a falsy operand, or at a truthy one; an unknown operand before the stop leaves only the truthiness known.
      const stopAt = op === 'or';
      let sawUnknown = false;
      let last: Value = null;
      for (const arg of args) {
        const value = interpret(arg, data, scope);
        const truth = truthOf(value);
        if (truth === stopAt) {
          if (!sawUnknown && !isUnknown(value)) return value;
          return stopAt ? UNKNOWN_TRUTHY : UNKNOWN_FALSY;
        }
        if (truth === null) sawUnknown = true;
        last = value;
      }
      return sawUnknown ? UNKNOWN : last;
    }
    case 'if': {
      const possible: Value[] = [];
      let i = 0;
      for (; i + 1 < args.length; i += 2) {
        const truth = truthOf(interpret(args[i], data, scope));
        if (truth === false) continue;
        possible.push(interpret(args[i + 1], data, scope));
        if (truth === true) return joinOutcomes(possible);
      }
      possible.push(i < args.length ? interpret(args[i], data, scope) : null);
      return joinOutcomes(possible);
    }
    case '!':
    case '!!': {
      const truth = truthOf(interpret(args[0], data, scope));
      if (truth === null) return UNKNOWN;
      return op === '!' ? !truth : truth;
    }
    case 'some':
    case 'all':
    case 'none': {
      const array = interpret(args[0], data, scope);
      if (isUnknown(array)) return UNKNOWN;
      const truths = (Array.isArray(array) ? array : []).map((element) => truthOf(interpret(args[1], element, 'element')));
      if (op === 'some') return truths.includes(true) ? true : truths.includes(null) ? UNKNOWN : false;
      if (op === 'none') return truths.includes(true) ? false : truths.includes(null) ? UNKNOWN : true;
      if (truths.length === 0 || truths.includes(false)) return false;
      return truths.includes(null) ? UNKNOWN : true;
    }
    default: {
      const values = args.map((arg) => interpret(arg, data, scope));
      if (values.some(isUnknown)) return UNKNOWN;
      const [a, b, c] = values;
      switch (op) {
        case '<':
        case '<=':
          return values.length === 3 ? compare(op, a, b) && compare(op, b, c) : compare(op, a, b);
        case '==':
        case '!=':
        case '===':
        case '!==':
        case '>':
        case '>=':
          return compare(op as Comparison, a, b);
        case 'in':
          return contains(a, b);
        case '+':
          return add(values);
        case '*':
          return multiply(values);
        case '-':
          return values.length === 1 ? negate(a) : subtract(a, b);
        case '/':
          return divide(a, b);
        case 'min':
          return minimum(values);
        case 'max':
          return maximum(values);
        default:
          throw new Error(`unsupported operator "${op}"`);
      }
    }
  }
};

/** Missing facts inside every sub-expression whose value (or truthiness, when that is all its parent needs) is unknown; not in branches of `if` not taken. */
const collectMissing = (logic: unknown, data: unknown, scope: Scope, need: Need, out: Set<string>): void => {
  if (isDecided(interpret(logic, data, scope), need)) return;
  if (Array.isArray(logic)) {
    for (const item of logic) collectMissing(item, data, scope, 'value', out);
    return;
  }
  const parsed = operation(logic);
  if (!parsed) return;
  const [op, args] = parsed;
  switch (op) {
    case 'var': {
      const { name, found } = lookup(args, data);
      if (!found && scope === 'facts') out.add(name);
      if (!found && args.length > 1) collectMissing(args[1], data, scope, need, out);
      return;
    }
    case 'and':
    case 'or':
      for (const arg of args) collectMissing(arg, data, scope, need, out);
      return;
    case '!':
    case '!!':
      collectMissing(args[0], data, scope, 'truth', out);
      return;
    case 'if': {
      let i = 0;
      for (; i + 1 < args.length; i += 2) {
        collectMissing(args[i], data, scope, 'truth', out);
        const truth = truthOf(interpret(args[i], data, scope));
        if (truth === false) continue;
        collectMissing(args[i + 1], data, scope, need, out);
        if (truth === true) return;
      }
      if (i < args.length) collectMissing(args[i], data, scope, need, out);
      return;
    }
    case 'some':
    case 'all':
    case 'none': {
      collectMissing(args[0], data, scope, 'value', out);
      const array = interpret(args[0], data, scope);
      if (Array.isArray(array)) for (const element of array) collectMissing(args[1], element, 'element', 'truth', out);
      return;
    }
    default:
      for (const arg of args) collectMissing(arg, data, scope, 'value', out);
  }
};

/** Evaluate a rule by interpreting it (slow; the compiler's reference). */
export const interpretRule = (rule: unknown, facts: Facts): Evaluation => {
  const truth = truthOf(interpret(rule, facts, 'facts'));
  const result: EligibilityResult = truth === null ? 'unknown' : truth ? 'eligible' : 'ineligible';
  if (result !== 'unknown') return { result, missing: [] };
  const missing = new Set<string>();
  collectMissing(rule, facts, 'facts', 'truth', missing);
  return { result, missing: [...missing].sort() };
};
