import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ZPipeline } from '../../shared/schemas/evaluation.js';
import { ASEM_IDATA, ASEM_IMETA, ASEM_PIPELINE } from './fixtures/asem.js';
import { csvRows, parseIndexInput } from './input.js';
import { runPipeline } from './pipeline.js';
import { createRandom } from './random.js';
import { elementsAtLevel, nelderMead, optimiseWeights, pcaWeights, pearson, symmetricEigen } from './weights.js';

const asem = parseIndexInput({ name: 'iData.csv', rows: csvRows(ASEM_IDATA) }, { name: 'iMeta.csv', rows: csvRows(ASEM_IMETA) });
const steps = ZPipeline.parse(ASEM_PIPELINE).steps;

const frameworkOf = (rows: string[][]) => parseIndexInput({ name: 'iData.csv', rows: rows.map((r) => r) }, { name: 'iMeta.csv', rows: csvRows(META3) });
const META3 = ['Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type', '1,a,a,1,1,,,,Index,Indicator', '1,b,b,1,1,,,,Index,Indicator', '1,c,c,1,1,,,,Index,Indicator', '2,Index,Index,,1,,,,,Aggregate'].join('\n');

describe('symmetricEigen', () => {
  test('A·v = λ·v with orthonormal vectors, eigenvalues descending', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 1e6 }), (n, seed) => {
        const random = createRandom(seed);
        const m = Array.from({ length: n }, () => Array.from({ length: n }, () => 0));
        for (let i = 0; i < n; i++) for (let j = i; j < n; j++) (m[i] as number[])[j] = (m[j] as number[])[i] = random() * 2 - 1;
        const { values, vectors } = symmetricEigen(m);
        for (let k = 0; k < n; k++) {
          const v = vectors[k] as number[];
          for (let i = 0; i < n; i++) expect((m[i] as number[]).reduce((s, x, j) => s + x * (v[j] as number), 0)).toBeCloseTo((values[k] as number) * (v[i] as number), 9);
          expect(v.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 12);
          if (k > 0) expect(values[k]).toBeLessThanOrEqual(values[k - 1] as number);
        }
      }),
    );
  });
});

describe('pcaWeights', () => {
  test('equicorrelated indicators load equally; the first component explains (1 + 2ρ)/3', () => {
    // x = 2·h1 + h(k+1) with rows of an 8×8 Hadamard matrix: centred, mutually orthogonal, so every pair correlates at 4/5.
    const hadamard = (i: number, j: number): number => ((i & j).toString(2).split('1').length % 2 === 1 ? 1 : -1);
    const rows = [['uCode', 'uName', 'a', 'b', 'c']];
    for (let u = 0; u < 8; u++) rows.push([`u${u}`, `u${u}`, ...[2, 3, 4].map((k) => String(2 * hadamard(1, u) + hadamard(k, u)))]);
    const input = frameworkOf(rows);
    const { weights, groups } = pcaWeights(input.data, input.framework, 1);
    const cols = ['a', 'b', 'c'].map((c) => input.data.columns.get(c) as Float64Array);
    const rho = pearson(cols[0] as Float64Array, cols[1] as Float64Array);
    expect(rho).toBeCloseTo(0.8, 12);
    expect(pearson(cols[1] as Float64Array, cols[2] as Float64Array)).toBeCloseTo(rho, 12);
    for (const c of ['a', 'b', 'c']) expect(weights.get(c)).toBeCloseTo(1 / Math.sqrt(3), 10);
    expect(groups[0]?.varianceExplained).toBeCloseTo((1 + 2 * rho) / 3, 10);
    expect(groups[0]?.rowsUsed).toBe(8);
  });

  test('on ASEM, by group at every level: loadings are unit vectors summing to ≥ 0', () => {
    const aggregated = runPipeline(asem, steps).aggregated;
    for (const level of [1, 2, 3]) {
      const { weights, groups } = pcaWeights(aggregated, asem.framework, level);
      expect([...weights.keys()].sort()).toEqual(elementsAtLevel(asem.framework, level).sort());
      for (const g of groups) {
        expect(g.loadings.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 10);
        expect(g.loadings.reduce((s, x) => s + x, 0)).toBeGreaterThanOrEqual(0);
        expect(g.varianceExplained).toBeGreaterThan(1 / g.codes.length - 1e-12);
        expect(g.varianceExplained).toBeLessThanOrEqual(1 + 1e-12);
      }
    }
  });

  test('too few complete units is a clear error', () => {
    const rows = [['uCode', 'uName', 'a', 'b', 'c'], ['u1', 'u1', '1', '2', '3'], ['u2', 'u2', '2', '', '1'], ['u3', 'u3', '3', '1', '2']];
    const input = frameworkOf(rows);
    expect(() => pcaWeights(input.data, input.framework, 1)).toThrow(/at least 3 units/);
  });
});

describe('nelderMead', () => {
  test('finds the minimum of a shifted quadratic bowl', () => {
    const out = nelderMead((x) => ((x[0] as number) - 3) ** 2 + 2 * ((x[1] as number) + 1) ** 2, [0, 0], { reltol: 1e-12, maxit: 2000 });
    expect(out.converged).toBe(true);
    expect(out.x[0]).toBeCloseTo(3, 4);
    expect(out.x[1]).toBeCloseTo(-1, 4);
  });
});

describe('optimiseWeights on ASEM', () => {
  const pillars = elementsAtLevel(asem.framework, 2);

  test('balance brings the pillars’ correlation shares closer to equal than the framework weights do', () => {
    const out = optimiseWeights(asem, steps, { level: 2, mode: 'balance' });
    expect(out.codes).toEqual(pillars);
    expect(out.weights.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(out.weights.every((w) => w >= 0)).toBe(true);
    const desired = pillars.map(() => 1 / pillars.length);
    expect(out.desired).toEqual(desired);
    const start = runPipeline(asem, steps).aggregated;
    const index = start.columns.get('Index') as Float64Array;
    const startCorr = pillars.map((c) => pearson(start.columns.get(c) as Float64Array, index));
    const startShares = startCorr.map((x) => x / startCorr.reduce((s, y) => s + y, 0));
    const sq = (shares: readonly number[]) => shares.reduce((s, x, i) => s + (x - (desired[i] as number)) ** 2, 0);
    expect(sq(out.shares)).toBeLessThan(sq(startShares));
  });

  test('infomax does not lower the sum of correlations; bad targets are refused', () => {
    const out = optimiseWeights(asem, steps, { level: 2, mode: 'infomax', maxit: 200 });
    const start = runPipeline(asem, steps).aggregated;
    const index = start.columns.get('Index') as Float64Array;
    const startSum = pillars.reduce((s, c) => s + pearson(start.columns.get(c) as Float64Array, index), 0);
    expect(out.correlations.reduce((s, x) => s + x, 0)).toBeGreaterThanOrEqual(startSum - 1e-9);
    expect(() => optimiseWeights(asem, steps, { level: 2, mode: 'balance', targets: [1, 2] })).toThrow(/target importances/);
    expect(() => optimiseWeights(asem, steps.slice(0, -1), { level: 2, mode: 'balance' })).toThrow(/aggregate/);
  });
});
