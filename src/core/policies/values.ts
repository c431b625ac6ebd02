/**
 * The values a rule computes. A value is either known (plain JSON, as
 * jsonlogic.js would return it) or unknown because it depends on a missing
 * fact. An unknown value may still have a known truthiness: `and` with one
 * operand decided falsy is falsy whatever the others are, even though which
 * falsy operand JSON Logic would return is not known yet.
 */

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Facts about one enterprise; an absent or null fact is missing. */
export type Facts = Readonly<Record<string, unknown>>;

/**
 * Unknown values are three symbols (no JSON value is a symbol, so telling
 * them apart costs one typeof): nothing known, known truthy, known falsy.
 */
export const UNKNOWN: unique symbol = Symbol('unknown');
export const UNKNOWN_TRUTHY: unique symbol = Symbol('unknown, truthy');
export const UNKNOWN_FALSY: unique symbol = Symbol('unknown, falsy');
export type Unknown = typeof UNKNOWN | typeof UNKNOWN_TRUTHY | typeof UNKNOWN_FALSY;

export const isUnknown = (value: unknown): value is Unknown => typeof value === 'symbol';

/** What an expression evaluates to: any JavaScript value JSON Logic can produce (NaN and Infinity included), or unknown. */
export type Value = unknown;

/** JSON Logic truthiness (jsonlogic.js `truthy`): JavaScript's, except that an empty array is falsy. */
export const truthy = (value: unknown): boolean => (Array.isArray(value) ? value.length > 0 : Boolean(value));

/** Truthiness of a possibly unknown value: null when it is not decided. */
export const truthOf = (value: Value): boolean | null => {
  if (typeof value !== 'symbol') return truthy(value);
  return value === UNKNOWN_TRUTHY ? true : value === UNKNOWN_FALSY ? false : null;
};

/** Which aspect of a value its consumer needs: the value itself, or only whether it is truthy. */
export type Need = 'value' | 'truth';

export const isDecided = (value: Value, need: Need): boolean => typeof value !== 'symbol' || (need === 'truth' && value !== UNKNOWN);

/**
 * The value of an expression that could have evaluated to any of `outcomes`
 * (an `if` whose condition is unknown): that value when all are the same
 * (Object.is: the same primitive, the same array), else unknown with the
 * truthiness they share, if they share one.
 */
export const joinOutcomes = (outcomes: readonly Value[]): Value => {
  const first = outcomes[0];
  if (!isUnknown(first) && outcomes.every((o) => Object.is(o, first))) return first;
  const truth = truthOf(first);
  if (truth === null || outcomes.some((o) => truthOf(o) !== truth)) return UNKNOWN;
  return truth ? UNKNOWN_TRUTHY : UNKNOWN_FALSY;
};

/**
 * Read a property as jsonlogic.js `var` does, but only the value's own
 * properties: a fact called `constructor` is missing, not Object's constructor.
 */
export const ownProperty = (data: unknown, key: string): unknown => {
  if (data === null || data === undefined) return undefined;
  if (typeof data !== 'object' && typeof data !== 'string') return undefined;
  return Object.hasOwn(data as object, key) ? (data as Record<string, unknown>)[key] : undefined;
};

/** Follow a dotted path; undefined when a step is absent or null. */
export const readPath = (data: unknown, segments: readonly string[]): unknown => {
  let current = data;
  for (const segment of segments) {
    current = ownProperty(current, segment);
    if (current === undefined || current === null) return undefined;
  }
  return current;
};
