import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createRandom, sobolPoints } from './random.js';
import { estimateSobolIndices, saltelliDesign } from './sensitivity.js';

/** y = x1 + 2·x2 + 3·x3, x ~ U(0, 1): V = (1 + 4 + 9)/12, Si = STi = 1/14, 4/14, 9/14. */
const analytic = [1 / 14, 4 / 14, 9 / 14];
const linear = (sample: Float64Array): Float64Array =>
  Float64Array.from({ length: sample.length / 3 }, (_, r) => (sample[r * 3] as number) + 2 * (sample[r * 3 + 1] as number) + 3 * (sample[r * 3 + 2] as number));

describe('Sobol indices (Saltelli 2010 first order, Jansen total)', () => {
  for (const [sampling, N] of [
    ['sobol', 2048],
    ['random', 20000],
  ] as const) {
    test(`recover 1/14, 4/14, 9/14 within 0.02 (${sampling}, N = ${N})`, () => {
      const sample = saltelliDesign({ N, seed: 7, sampling }, 3);
      expect(sample.length).toBe(N * 5 * 3);
      const { indices } = estimateSobolIndices(linear(sample), N, ['x1', 'x2', 'x3'], 7, 200);
      indices.forEach((index, i) => {
        expect(Math.abs(index.Si - (analytic[i] as number))).toBeLessThan(0.02);
        expect(Math.abs(index.STi - (analytic[i] as number))).toBeLessThan(0.02);
        expect(index.SiQ5).toBeLessThan(index.SiQ95);
      });
    });
  }

  test('the design: rows A, B, then AB_i = A with column i from B', () => {
    const N = 8;
    const s = saltelliDesign({ N, seed: 1, sampling: 'random' }, 2);
    for (let j = 0; j < N; j++) {
      expect(s[(2 * N + j) * 2]).toBe(s[(N + j) * 2]); // AB_1 col 1 = B col 1
      expect(s[(2 * N + j) * 2 + 1]).toBe(s[j * 2 + 1]); // AB_1 col 2 = A col 2
      expect(s[(3 * N + j) * 2]).toBe(s[j * 2]); // AB_2 col 1 = A col 1
      expect(s[(3 * N + j) * 2 + 1]).toBe(s[(N + j) * 2 + 1]); // AB_2 col 2 = B col 2
    }
  });

  test('equal seeds, equal results; different seeds, different bootstrap intervals', () => {
    const sample = saltelliDesign({ N: 256, seed: 3, sampling: 'random' }, 3);
    const y = linear(sample);
    expect(estimateSobolIndices(y, 256, ['a', 'b', 'c'], 5, 100)).toEqual(estimateSobolIndices(y, 256, ['a', 'b', 'c'], 5, 100));
    expect(estimateSobolIndices(y, 256, ['a', 'b', 'c'], 6, 100).indices[0]?.SiQ5).not.toBe(estimateSobolIndices(y, 256, ['a', 'b', 'c'], 5, 100).indices[0]?.SiQ5);
    expect(saltelliDesign({ N: 64, seed: 3, sampling: 'random' }, 3)).toEqual(saltelliDesign({ N: 64, seed: 3, sampling: 'random' }, 3));
  });
});

describe('sampling', () => {
  test('Sobol points: the first points of dimensions 1–3 are the known ones (½; ¾ ¼; ¼ ¾ …)', () => {
    const p = sobolPoints(4, 3);
    expect([...p]).toEqual([0.5, 0.5, 0.5, 0.75, 0.25, 0.25, 0.25, 0.75, 0.75, 0.375, 0.375, 0.625]);
  });
  test('every 2^k points of one dimension fill the 2^k equal cells once each (a (0, 1)-sequence)', () => {
    const dims = 40;
    const p = sobolPoints(1023, dims);
    for (let j = 0; j < dims; j++) {
      // points 1…1023 plus the skipped origin fill 1024 cells
      const cells = new Set([0]);
      for (let n = 0; n < 1023; n++) cells.add(Math.floor((p[n * dims + j] as number) * 1024));
      expect(cells.size).toBe(1024);
    }
  });
  test('the PRNG is deterministic per (seed, stream) and uniform in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 5 }), (seed, stream) => {
        const a = createRandom(seed, stream);
        const b = createRandom(seed, stream);
        for (let i = 0; i < 20; i++) {
          const v = a();
          expect(v).toBe(b());
          expect(v >= 0 && v < 1).toBe(true);
        }
      }),
    );
    const r = createRandom(1);
    const draws = Array.from({ length: 20000 }, r);
    expect(draws.reduce((s, v) => s + v, 0) / draws.length).toBeCloseTo(0.5, 2);
  });
});
