import { describe, expect, test } from 'vitest';
import { indicator, observation, tEn, testTheme, tZh } from '../../test-support/fixtures.js';
import { buildTrendOption, hasTrend, trendPoints, trendTooltip } from './trend.js';

type BarSeries = { type: string; data: number[]; label: { formatter: (p: { dataIndex: number }) => string } };

describe('trendPoints', () => {
  test('keeps observations with a year and a number, oldest first', () => {
    expect(trendPoints(indicator()).map((p) => [p.year, p.value])).toEqual([
      [2014, 48.2],
      [2023, 262.9],
    ]);
  });
  test('leaves out redacted figures, targets and figures without a year', () => {
    const ind = indicator({
      observations: [
        observation({ id: 'a', year: 2020, value: 1 }),
        observation({ id: 'b', year: 2021, value: null, qualifier: 'redacted' }),
        observation({ id: 'c', year: 2030, value: 9, status: 'target' }),
        observation({ id: 'd', year: null, value: 5 }),
      ],
    });
    expect(trendPoints(ind).map((p) => p.year)).toEqual([2020]);
    expect(hasTrend(ind)).toBe(false);
  });
  test('needs two years for a trend', () => {
    expect(hasTrend(indicator())).toBe(true);
  });
});

describe('buildTrendOption', () => {
  test('draws one bar per year with the years on the x axis', () => {
    const option = buildTrendOption(indicator(), testTheme, tZh);
    expect((option.xAxis as { data: string[] }).data).toEqual(['2014年', '2023年']);
    const series = (option.series as BarSeries[])[0]!;
    expect(series.type).toBe('bar');
    expect(series.data).toEqual([48.2, 262.9]);
  });
  test('labels bars with the value as the card shows it, qualifier included', () => {
    const ind = indicator({
      unit: '%',
      observations: [observation({ id: 'a', year: 2019, value: 6, qualifier: 'lower_bound' }), observation({ id: 'b', year: 2023, value: 6.5 })],
    });
    const series = (buildTrendOption(ind, testTheme, tZh).series as BarSeries[])[0]!;
    expect(series.label.formatter({ dataIndex: 0 })).toBe('超过 6%');
    expect((buildTrendOption(ind, testTheme, tEn).series as BarSeries[])[0]!.label.formatter({ dataIndex: 1 })).toBe('6.5%');
  });
  test('colours come from the theme', () => {
    const json = JSON.stringify(buildTrendOption(indicator(), testTheme, tEn));
    const allowed = new Set([testTheme.primary, testTheme.text, testTheme.textSecondary, testTheme.border]);
    for (const colour of json.match(/#[0-9a-f]{3,8}\b/gi) ?? []) expect(allowed).toContain(colour);
  });
});

describe('trendTooltip', () => {
  test('gives the year and the full figure with its unit', () => {
    expect(trendTooltip(indicator(), 1, tZh)).toEqual({ title: '2023年', lines: ['262.9 件/万人'] });
    expect(trendTooltip(indicator(), 0, tEn)).toEqual({ title: '2014', lines: ['48.2 per 10,000 people'] });
    expect(trendTooltip(indicator(), 5, tEn)).toBeNull();
  });
});
