import { describe, expect, test } from 'vitest';
import { ASEM_PIPELINE } from '../../../../core/evaluation/fixtures/asem.js';
import { ZPipeline } from '../../../../shared/schemas/evaluation.js';
import { tEn, tZh } from '../../../test-support/fixtures.js';
import { describePipeline, describeStep, stepOpName } from './pipeline-text.js';

describe('a stored pipeline in words', () => {
  const steps = ZPipeline.parse(ASEM_PIPELINE).steps as unknown as Record<string, unknown>[];
  test('every step of the ASEM pipeline, with its parameters', () => {
    expect(steps.map((s) => describeStep(s, tEn))).toEqual([
      'Denominate (divide by population, area and the like)',
      'Fill missing values: Mean',
      'Outlier treatment: indicators with |skew| ≥ 2 and kurtosis ≥ 3.5 are winsorised (at most 5 points), then log-transformed if that is not enough',
      'Normalise: Min–max to [0, 100]',
      "Aggregate level by level: Arithmetic mean, with the framework's weights",
    ]);
    expect(describePipeline(steps, tZh)).toContain('缺失值填补：均值 → ');
  });
  test('other methods, and codes the catalogs do not know', () => {
    expect(describeStep({ op: 'normalise', method: 'zscore', mean: 10, sd: 2 }, tEn)).toBe('Normalise: Z-score (mean 10, standard deviation 2)');
    expect(describeStep({ op: 'impute', method: 'groupMean', group: 'GDP_group' }, tZh)).toBe('缺失值填补：按“GDP_group”分组取组内均值');
    expect(describeStep({ op: 'aggregate', method: 'copeland', weights: 'equal' }, tEn)).toBe('Aggregate level by level: Copeland (pairwise), equal weights');
    expect(describeStep({ op: 'normalise', method: 'newMethod' }, tEn)).toBe('Normalise: newMethod');
    expect(describeStep({ op: 'screen', minDataAvailability: 0.66 }, tEn)).toBe('Keep units with at least 66% of their data');
    expect(stepOpName('treat', tZh)).toBe('异常值处理');
    expect(stepOpName('mystery', tEn)).toBe('mystery');
  });
});
