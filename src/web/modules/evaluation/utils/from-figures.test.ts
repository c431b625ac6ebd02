import { describe, expect, test } from 'vitest';
import type { FieldIssue } from '../../../../shared/errors.js';
import { ZDatasetFromFigures } from '../../../../shared/schemas/evaluation.js';
import type { TIndicator } from '../../../../shared/schemas/indicators.js';
import { figuresBody, figuresFieldFor, indicatorsAtLevel, initialFiguresValues, PERIOD_PATTERN, periodsAtLevel, placeFiguresIssues } from './from-figures.js';

const indicator = (code: string, level: TIndicator['level'], periods: string[] = []): TIndicator =>
  ({ id: code, centreId: 'c', code, nameZh: null, nameEn: code, level, isSample: false, observations: periods.map((period) => ({ period })) }) as unknown as TIndicator;

const issue = (path: string, reason: string): FieldIssue => ({ in: 'body', path, reason, message: reason });

describe('figuresBody', () => {
  test('trims, turns blanks into null and direction 0 into the catalogue’s', () => {
    const body = figuresBody({
      name: '  区域创新指数 ',
      description: '  ',
      level: 'district',
      period: ' 2023 ',
      includeEstimated: true,
      indicators: [
        { code: 'RD_INTENSITY', weight: 2, direction: 0, pillar: ' Inputs ' },
        { code: 'PATENTS', weight: null, direction: -1, pillar: '' },
      ],
    });
    expect(body).toEqual({
      name: '区域创新指数',
      description: null,
      level: 'district',
      period: '2023',
      includeEstimated: true,
      indicators: [
        { code: 'RD_INTENSITY', weight: 2, direction: null, pillar: 'Inputs' },
        { code: 'PATENTS', weight: 1, direction: -1, pillar: null },
      ],
    });
    expect(ZDatasetFromFigures.safeParse(body).success).toBe(true);
  });

  test('the initial values have two rows and last year', () => {
    const v = initialFiguresValues('2025');
    expect(v.indicators).toHaveLength(2);
    expect(v.period).toBe('2025');
  });
});

describe('periods', () => {
  test('accepts the server’s forms only', () => {
    expect(['2023', '2023-Q2', '2023-07', '2023-12'].every((p) => PERIOD_PATTERN.test(p))).toBe(true);
    expect(['23', '2023-Q5', '2023-13', '2023-7', '2023Q2'].some((p) => PERIOD_PATTERN.test(p))).toBe(false);
  });
});

describe('indicatorsAtLevel and periodsAtLevel', () => {
  const catalogue = [indicator('B', 'district', ['2023', '2022']), indicator('A', 'district', ['2024-Q1', 'bad']), indicator('C', 'park', ['2025']), indicator('D', 'centre')];
  test('filters by level and sorts by code', () => {
    expect(indicatorsAtLevel(catalogue, 'district').map((i) => i.code)).toEqual(['A', 'B']);
    expect(indicatorsAtLevel(catalogue, 'organisation')).toEqual([]);
  });
  test('periods newest first, well-formed only', () => {
    expect(periodsAtLevel(catalogue, 'district')).toEqual(['2024-Q1', '2023', '2022']);
  });
});

describe('placing field issues', () => {
  test('maps paths to form fields', () => {
    expect(figuresFieldFor('indicators.1.code', 3)).toEqual(['indicators', 1, 'code']);
    expect(figuresFieldFor('indicators.5.code', 3)).toBeNull();
    expect(figuresFieldFor('indicators', 3)).toBeNull();
    expect(figuresFieldFor('period', 3)).toEqual(['period']);
    expect(figuresFieldFor('data', 3)).toBeNull();
  });
  test('groups issues by field and keeps the rest', () => {
    const placed = placeFiguresIssues(
      [issue('indicators.1.code', 'unknown_indicator'), issue('indicators.1.code', 'duplicate_indicator'), issue('period', 'no_figures'), issue('indicators', 'too_small'), { ...issue('centreId', 'x'), in: 'params' }],
      2,
    );
    expect(placed.fields.map((f) => [f.name, f.issues.map((i) => i.reason)])).toEqual([
      [['indicators', 1, 'code'], ['unknown_indicator', 'duplicate_indicator']],
      [['period'], ['no_figures']],
    ]);
    expect(placed.rest.map((i) => i.path)).toEqual(['indicators', 'centreId']);
  });
});
