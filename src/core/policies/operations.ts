/**
 * JSON Logic's operations on known values, as jsonlogic.js computes them
 * (JavaScript's coercions included: `==` is JavaScript's loose equality,
 * `+` and `*` go through parseFloat, division by zero gives Infinity or NaN).
 * The three-valued layer above calls these only when every operand is known.
 */

type Loose = string | number | boolean | null;

export const looseEquals = (a: unknown, b: unknown): boolean => (a as Loose) == (b as Loose);
export const strictEquals = (a: unknown, b: unknown): boolean => a === b;
export const lessThan = (a: unknown, b: unknown): boolean => (a as Loose as number) < (b as Loose as number);
export const lessOrEqual = (a: unknown, b: unknown): boolean => (a as Loose as number) <= (b as Loose as number);

export type Comparison = '==' | '!=' | '===' | '!==' | '<' | '<=' | '>' | '>=';

export const compare = (op: Comparison, a: unknown, b: unknown): boolean => {
  switch (op) {
    case '==':
      return looseEquals(a, b);
    case '!=':
      return !looseEquals(a, b);
    case '===':
      return a === b;
    case '!==':
      return a !== b;
    case '<':
      return lessThan(a, b);
    case '<=':
      return lessOrEqual(a, b);
    case '>':
      return lessThan(b, a);
    case '>=':
      return lessOrEqual(b, a);
  }
};

/** `in`: substring of a string, element of an array (===); anything else: false. */
export const contains = (needle: unknown, haystack: unknown): boolean => {
  if (typeof haystack === 'string') return haystack !== '' && haystack.indexOf(needle as string) !== -1;
  if (Array.isArray(haystack)) return haystack.indexOf(needle) !== -1;
  return false;
};

/** parseFloat as jsonlogic.js applies it; a number parses back to itself (String round-trips), except -0, which reads as 0. */
const float = (x: unknown): number => (typeof x === 'number' ? (x === 0 ? 0 : x) : parseFloat(x as string));

/** `+`: parseFloat of each operand, summed from 0 (so {"+": ["3"]} is 3). */
export const add = (xs: readonly unknown[]): number => {
  let sum: unknown = 0;
  for (const x of xs) sum = float(sum) + float(x);
  return sum as number;
};

/** `*`: parseFloat products; a single operand comes back as it is, as in jsonlogic.js. */
export const multiply = (xs: readonly unknown[]): unknown => {
  let product: unknown = xs[0];
  for (let i = 1; i < xs.length; i++) product = float(product) * float(xs[i]);
  return product;
};

/** The two-operand forms, without building an array. */
export const add2 = (a: unknown, b: unknown): number => float(0 + float(a)) + float(b);
export const multiply2 = (a: unknown, b: unknown): number => float(a) * float(b);

export const negate = (a: unknown): number => -(a as number);
export const subtract = (a: unknown, b: unknown): number => (a as number) - (b as number);
export const divide = (a: unknown, b: unknown): number => (a as number) / (b as number);
export const minimum = (xs: readonly unknown[]): number => Math.min(...(xs as number[]));
export const maximum = (xs: readonly unknown[]): number => Math.max(...(xs as number[]));
