import { describe, expect, test } from 'vitest';
import { ASEM_IMETA } from '../../../../core/evaluation/fixtures/asem.js';
import { metaCsvToElements } from '../../../../core/evaluation/index.js';
import { ZWeightsRequest, type TDerivedWeights } from '../../../../shared/schemas/evaluation.js';
import { changedWeights } from './framework.js';
import { negativeLoadings, parseTargets, usableWeights, weightLevels, weightsBody, withDerivedWeights } from './derived-weights.js';

const elements = metaCsvToElements(ASEM_IMETA);

const row = (code: string, derived: number) => ({ code, name: code, parent: null, current: 1, derived, usable: Math.max(0, derived), correlation: null, desiredShare: null, obtainedShare: null });
const derived: TDerivedWeights = { method: 'pca', level: 1, elements: [row('LPI', 0.3), row('Flights', -0.1)], groups: [], converged: null, iterations: null, dataset: 'Normalised' };

describe('weightLevels', () => {
  test('indicators up to the level below the index', () => {
    // ASEM: indicators (1), pillars (2), sub-indices (3), index (4).
    expect(weightLevels(elements)).toEqual([1, 2, 3]);
    expect(weightLevels([])).toEqual([]);
  });
});

describe('parseTargets and weightsBody', () => {
  test('targets for balance only; blank is equal (null); bad text is undefined', () => {
    expect(parseTargets('pca', '1, 2')).toBeNull();
    expect(parseTargets('balance', '  ')).toBeNull();
    expect(parseTargets('balance', '1, 2，0.5 3')).toEqual([1, 2, 0.5, 3]);
    expect(parseTargets('balance', '1, -2')).toBeUndefined();
    expect(parseTargets('balance', '1, x')).toBeUndefined();
  });
  test('bodies the server accepts, targets dropped unless balance', () => {
    expect(weightsBody('pca', 1, [1, 2])).toEqual({ method: 'pca', level: 1, targets: null });
    expect(weightsBody('balance', 2, [1, 2])).toEqual({ method: 'balance', level: 2, targets: [1, 2] });
    expect(ZWeightsRequest.safeParse(weightsBody('infomax', 3, null)).success).toBe(true);
  });
});

describe('withDerivedWeights', () => {
  test('replaces the level’s weights with the usable ones (negative loadings as 0), nothing else', () => {
    const next = withDerivedWeights(elements, derived);
    expect(next).toHaveLength(elements.length);
    expect(next.find((e) => e.code === 'LPI')?.weight).toBe(0.3);
    expect(next.find((e) => e.code === 'Flights')?.weight).toBe(0);
    expect(changedWeights(elements, next).sort()).toEqual(['Flights', 'LPI']);
    expect(usableWeights(derived).get('Flights')).toBe(0);
    expect(negativeLoadings(derived)).toEqual(['Flights']);
  });
});
