import { describe, expect, test } from 'vitest';
import { createTranslator } from '../../i18n/translate.js';
import zh from '../../i18n/locales/zh-CN/patents.json';
import { buildRankOption, buildYearKindOption } from './chart-options.js';
import { sectionLabel } from './labels.js';

const theme = { primary: '#1677ff', text: '#000', textSecondary: '#666', border: '#eee', background: '#fff', areaEmpty: '#eee', highlight: '#ccc', sequential: [], series: ['#1', '#2', '#3'], fontFamily: 'sans', fontSize: 12, animation: false };

describe('patent statistics charts', () => {
  test('years without patents are kept as gaps; one stack per kind', () => {
    const t = createTranslator(zh as never, 'zh-CN');
    const option = buildYearKindOption([{ year: 2019, kind: 'invention', patents: 2 }, { year: 2021, kind: 'design', patents: 1 }], theme, t);
    expect((option.xAxis as { data: string[] }).data).toEqual(['2019', '2020', '2021']);
    const series = option.series as { name: string; data: number[] }[];
    expect(series.map((s) => s.name)).toEqual(['发明', '实用新型', '外观设计']);
    expect(series.map((s) => s.data)).toEqual([[2, 0, 0], [0, 0, 0], [0, 0, 1]]);
    expect((buildYearKindOption([], theme, t).xAxis as { data: string[] }).data).toEqual([]);
  });

  test('ranked bars put the largest on top; sections read with their titles', () => {
    const option = buildRankOption([{ label: 'a', value: 5 }, { label: 'b', value: 2 }], theme, '专利数');
    expect((option.yAxis as { data: string[] }).data).toEqual(['b', 'a']);
    expect(sectionLabel('zh-CN', 'H')).toBe('H 电学');
    expect(sectionLabel('en-US', 'G')).toBe('G Physics');
  });
});
