import { describe, expect, test } from 'vitest';
import { indicator, observation, tEn, testTheme, tZh } from '../../test-support/fixtures.js';
import { buildSubjectComparisonOption, comparisonFigures, comparisonHeight, comparisonPeriods, comparisonRows } from './subject-comparison.js';

const NAMES: Record<string, string> = { a: '东区', b: '西区', c: '南区', city: '全市' };
const subjectName = (id: string) => NAMES[id] ?? id;

const figures = [
  observation({ id: 'a23', areaId: 'a', period: '2023', value: 5 }),
  observation({ id: 'b23', areaId: 'b', period: '2023', value: 9, qualifier: 'approximate' }),
  observation({ id: 'c23e', areaId: 'c', period: '2023', value: 7, status: 'estimated' }),
  observation({ id: 'c23t', areaId: 'c', period: '2023', value: 70, status: 'target' }),
  observation({ id: 'city23', areaId: 'city', period: '2023', value: 21 }),
  observation({ id: 'a22', areaId: 'a', period: '2022', value: 4 }),
  observation({ id: 'b22', areaId: 'b', period: '2022', value: 8 }),
  observation({ id: 'a21', areaId: 'a', period: '2021', value: 3 }),
  observation({ id: 'b21r', areaId: 'b', period: '2021', value: null, qualifier: 'redacted' }),
];

type Bar = { type: string; data: { value: number; itemStyle: { opacity: number } }[]; label: { formatter: (p: { dataIndex: number }) => string } };

describe('comparison figures', () => {
  test('one figure per subject for the period: measured before estimated, no targets, no redacted figures', () => {
    expect(comparisonFigures(figures, '2023').map((o) => o.id).sort()).toEqual(['a23', 'b23', 'c23e', 'city23']);
    const both = [...figures, observation({ id: 'c23m', areaId: 'c', period: '2023', value: 6 })];
    expect(comparisonFigures(both, '2023', 'city').map((o) => o.id).sort()).toEqual(['a23', 'b23', 'c23m']);
  });
  test('periods with at least two subjects, newest first (the excluded total does not count)', () => {
    expect(comparisonPeriods(figures, 'city')).toEqual(['2023', '2022']);
    expect(comparisonPeriods([observation({ areaId: 'a' }), observation({ id: 'x', areaId: 'city' })], 'city')).toEqual([]);
  });
  test('rows are best first: largest first, smallest first when less is better', () => {
    expect(comparisonRows(figures, '2023', 1, subjectName, 'city').map((r) => r.name)).toEqual(['西区', '南区', '东区']);
    expect(comparisonRows(figures, '2023', -1, subjectName, 'city').map((r) => r.name)).toEqual(['东区', '南区', '西区']);
  });
  test('the chart is tall enough for its rows', () => {
    expect(comparisonHeight(2)).toBe(160);
    expect(comparisonHeight(16)).toBe(16 * 30 + 48);
  });
});

describe('buildSubjectComparisonOption', () => {
  const rows = comparisonRows(figures, '2023', 1, subjectName, 'city');
  const option = buildSubjectComparisonOption(rows, indicator({ unit: '%' }), '2023', testTheme, tZh);
  const bar = (option.series as Bar[])[0]!;

  test('draws the best at the top (ECharts fills a category axis bottom-up)', () => {
    expect((option.yAxis as { data: string[] }).data).toEqual(['东区', '南区', '西区']);
    expect(bar.data.map((d) => d.value)).toEqual([5, 7, 9]);
  });
  test('labels keep the qualifier; estimates are paler and say so in the tooltip', () => {
    expect(bar.label.formatter({ dataIndex: 2 })).toBe('约 9%');
    expect(bar.data[1]?.itemStyle.opacity).toBeLessThan(1);
    const tooltip = (option.tooltip as { formatter: (p: { dataIndex: number }) => string }).formatter({ dataIndex: 1 });
    expect(tooltip).toBe('<strong>南区</strong><br/>2023年 · 估算值<br/>7%');
  });
  test('values are drawn in the unit as read (亿元 in Chinese)', () => {
    const money = comparisonRows([observation({ id: 'x', areaId: 'a', value: 1.5 }), observation({ id: 'y', areaId: 'b', value: 2 })], '2023', 1, subjectName);
    const zh = buildSubjectComparisonOption(money, indicator({ unit: 'billion yuan' }), '2023', testTheme, tZh);
    expect(((zh.series as Bar[])[0]!).data.map((d) => d.value)).toEqual([15, 20]);
    expect((zh.xAxis as { name: string }).name).toBe('亿元');
    const en = buildSubjectComparisonOption(money, indicator({ unit: 'billion yuan' }), '2023', testTheme, tEn);
    expect(((en.series as Bar[])[0]!).data.map((d) => d.value)).toEqual([1.5, 2]);
  });
  test('colours come from the theme', () => {
    const json = JSON.stringify(option);
    const allowed = new Set([testTheme.primary, testTheme.text, testTheme.textSecondary, testTheme.border]);
    for (const colour of json.match(/#[0-9a-f]{3,8}\b/gi) ?? []) expect(allowed).toContain(colour);
  });
});
