import { describe, expect, test } from 'vitest';
import { categoryColor } from '../palette.js';
import { categoryCounts, tEn, testTheme, tZh } from '../../test-support/fixtures.js';
import { buildCategoryBarOption, sortCategoryCounts } from './category-bar.js';

type Bar = { value: number; itemStyle: { color: string } };

describe('sortCategoryCounts', () => {
  test('drops empty categories and puts the largest first, ties by name', () => {
    expect(sortCategoryCounts(categoryCounts, tEn).map((c) => c.category)).toEqual(['enterprise', 'national_lab', 'university']);
  });
});

describe('buildCategoryBarOption', () => {
  test('lists translated categories with the largest at the top', () => {
    const option = buildCategoryBarOption(categoryCounts, testTheme, tZh);
    const labels = (option.yAxis as { data: string[] }).data;
    // ECharts draws a category y axis from the bottom, so the largest is last.
    expect(labels.at(-1)).toBe('企业');
    expect(labels).toHaveLength(3);
  });
  test('colours each bar with its category colour', () => {
    const option = buildCategoryBarOption(categoryCounts, testTheme, tEn);
    const bars = (option.series as Array<{ data: Bar[] }>)[0]!.data;
    expect(bars.at(-1)).toMatchObject({ value: 7, itemStyle: { color: categoryColor('enterprise') } });
  });
  test('is empty, not broken, without data', () => {
    const option = buildCategoryBarOption([], testTheme, tEn);
    expect((option.yAxis as { data: string[] }).data).toEqual([]);
  });
});
