/** Helpers every benchmark shares: a seeded generator (so each run builds the same data) and order statistics. */

// The generator lives with the synthetic city (core/synth), which draws from the same PRNG.
export { picker, seededRandom } from '../src/core/synth/random.js';

const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);
export const median = (xs: readonly number[]): number => {
  const s = sorted(xs);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
export const p95 = (xs: readonly number[]): number => sorted(xs)[Math.floor(xs.length * 0.95)] as number;
