import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { kurtosis, mean, median, quantileSorted, rank, sampleSd, skewness } from './stats.js';

const NA = Number.NaN;
const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });

describe('skewness and kurtosis (type 2, as COINr skew()/kurt())', () => {
  const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100];
  test('(1, 2, …, 10, 30, 100): skew 3.0632, kurtosis 9.7414', () => {
    expect(skewness(x)).toBeCloseTo(3.0632, 4);
    expect(kurtosis(x)).toBeCloseTo(9.7414, 4);
  });
  test('after 100 → 30: skew 1.7120, kurtosis 1.8158 (index-anchors.md §derived 10)', () => {
    const w = [...x.slice(0, 11), 30];
    expect(skewness(w)).toBeCloseTo(1.712, 4);
    expect(kurtosis(w)).toBeCloseTo(1.8158, 4);
  });
  test('hand-worked: (0, 0, 0, 3) has Σd² = 6.75, Σd³ = 10.125, skew = √4·10.125/6.75^1.5 · √12/2 = 2', () => {
    expect(skewness([0, 0, 0, 3])).toBeCloseTo(2, 12);
    // Σd⁴ = 26.578125, r = 4·Σd⁴/(Σd²)² = 7/3; ((4 + 1)(r − 3) + 6)·3/(2·1) = 4
    expect(kurtosis([0, 0, 0, 3])).toBeCloseTo(4, 12);
  });
  test('missing values are skipped; too few or constant values give NaN', () => {
    expect(skewness([NA, 0, 0, 0, 3])).toBeCloseTo(2, 12);
    expect(skewness([1, 2])).toBeNaN();
    expect(kurtosis([5, 5, 5, 5, 5])).toBeNaN();
  });
  test('both are unchanged by shifting and positive scaling', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 5, maxLength: 30 }), fc.integer({ min: -100, max: 100 }), fc.integer({ min: 1, max: 50 }), (xs, shift, factor) => {
        fc.pre(new Set(xs).size > 1);
        const moved = xs.map((v) => v * factor + shift);
        expect(skewness(moved)).toBeCloseTo(skewness(xs), 6);
        expect(kurtosis(moved)).toBeCloseTo(kurtosis(xs), 6);
      }),
    );
  });
});

describe('rank: descending, ties share the lowest rank', () => {
  test('(5, 3, 3, 1) → 1, 2, 2, 4; missing stays missing', () => {
    expect([...rank([5, 3, 3, 1], true)]).toEqual([1, 2, 2, 4]);
    expect([...rank([3, NA, 5, 3], true)]).toEqual([2, NA, 1, 2]);
    expect([...rank([5, 3, 3, 1], false)]).toEqual([4, 2, 2, 1]);
  });
  test('a rank is one more than the number of strictly better values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 40 }), (xs) => {
        const r = rank(xs, true);
        xs.forEach((v, i) => expect(r[i]).toBe(xs.filter((w) => w > v).length + 1));
      }),
    );
  });
});

describe('moments and quantiles', () => {
  test('sample sd uses n − 1: sd(2, 4, 4, 4, 5, 5, 7, 9) = √(32/7)', () => {
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(mean([1, NA, 3])).toBe(2);
    expect(median([1, NA, 2, 10])).toBe(2);
  });
  test('type-7 quantiles as R: quantile(1:10, c(.05, .95)) = 1.45, 9.55', () => {
    const x = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantileSorted(x, 0.05)).toBeCloseTo(1.45, 12);
    expect(quantileSorted(x, 0.95)).toBeCloseTo(9.55, 12);
    expect(quantileSorted(x, 0.5)).toBe(5.5);
  });
  test('the mean lies between min and max', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 1 }), (xs) => {
        const m = mean(xs);
        expect(m).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-6);
        expect(m).toBeLessThanOrEqual(Math.max(...xs) + 1e-6);
      }),
    );
  });
});
