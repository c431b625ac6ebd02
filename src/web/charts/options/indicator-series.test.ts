import { describe, expect, test } from 'vitest';
import { indicator, observation, tEn, testTheme, tZh } from '../../test-support/fixtures.js';
import { buildIndicatorSeriesOption, hasSeries, seriesBySubject, targetText, type IndicatorSeriesInput, type SeriesTarget } from './indicator-series.js';

type LineSeries = {
  type: string;
  name: string;
  color: string;
  data: { value: [number, number]; symbol?: string }[];
  symbol?: string;
  lineStyle: { type?: string; width?: number; color?: string };
};
type Tooltip = { formatter: (p: { seriesIndex: number; dataIndex: number }) => string };

const NAMES: Record<string, string> = { north: '北区', south: '南区', city: '全市' };
const subjectName = (id: string) => NAMES[id] ?? id;

const target = (over: Partial<SeriesTarget> = {}): SeriesTarget => ({
  id: 't1',
  nameZh: '北区目标',
  nameEn: 'North target',
  areaId: 'north',
  entityId: null,
  comparison: 'at_least',
  targetValue: 30,
  deadline: '2025',
  baselinePeriod: null,
  ...over,
});

const districts = (): IndicatorSeriesInput => ({
  indicator: indicator({
    unit: '%',
    observations: [
      observation({ id: 'n21', areaId: 'north', period: '2021', year: 2021, value: 10 }),
      observation({ id: 'n22', areaId: 'north', period: '2022', year: 2022, value: 12 }),
      observation({ id: 'n23e', areaId: 'north', period: '2023', year: 2023, value: 15, status: 'estimated' }),
      observation({ id: 'n25t', areaId: 'north', period: '2025', year: 2025, value: 25, status: 'target' }),
      observation({ id: 's22', areaId: 'south', period: '2022', year: 2022, value: 20 }),
      observation({ id: 's22q3', areaId: 'south', period: '2022-Q3', year: 2022, value: 21 }),
      observation({ id: 'undated', areaId: 'south', period: null, year: null, value: 5 }),
      observation({ id: 'redacted', areaId: 'south', period: '2021', year: 2021, value: null, qualifier: 'redacted' }),
    ],
  }),
  targets: [target()],
  subjectName,
});

const series = (input: IndicatorSeriesInput, t = tZh) => buildIndicatorSeriesOption(input, testTheme, t).series as LineSeries[];

describe('seriesBySubject', () => {
  test('groups figures by subject, oldest first, split by status; undated and redacted figures are left out', () => {
    const [south, north] = seriesBySubject(districts());
    expect(north?.name).toBe('北区');
    expect(north?.measured.map((p) => p.t)).toEqual([2021, 2022]);
    expect(north?.estimated.map((p) => p.t)).toEqual([2023]);
    expect(north?.targetFigures.map((p) => p.observation.id)).toEqual(['n25t']);
    expect(north?.targets.map((g) => g.id)).toEqual(['t1']);
    // Quarters sit in their place on the time axis.
    expect(south?.measured.map((p) => p.t)).toEqual([2022, 2022.5]);
  });
  test('orders subjects by their latest figure, largest first', () => {
    expect(seriesBySubject(districts()).map((s) => s.subjectId)).toEqual(['south', 'north']);
  });
  test('a subject with only a target still gets a line of its own', () => {
    const input = { ...districts(), targets: [target({ areaId: 'city' })] };
    expect(seriesBySubject(input).map((s) => s.subjectId)).toContain('city');
    expect(hasSeries({ indicator: indicator({ observations: [] }), targets: [], subjectName })).toBe(false);
    expect(hasSeries({ indicator: indicator({ observations: [] }), targets: [target()], subjectName })).toBe(true);
  });
  test('qualitative targets are not drawn', () => {
    const input = { ...districts(), targets: [target({ comparison: null, targetValue: null })] };
    expect(seriesBySubject(input).flatMap((s) => s.targets)).toEqual([]);
  });
});

describe('buildIndicatorSeriesOption', () => {
  test('measured solid, estimated dashed from the last measured figure, target figures as diamonds without a line', () => {
    const north = series(districts()).filter((s) => s.name === '北区');
    const [measured, estimated, targetFigures, targetLine] = north;
    expect(measured?.lineStyle.type).toBe('solid');
    expect(measured?.data.map((d) => d.value)).toEqual([
      [2021, 10],
      [2022, 12],
    ]);
    expect(estimated?.lineStyle.type).toBe('dashed');
    // The dashed line starts at the last measured figure, drawn without a symbol of its own.
    expect(estimated?.data.map((d) => d.value)).toEqual([
      [2022, 12],
      [2023, 15],
    ]);
    expect(estimated?.data[0]?.symbol).toBe('none');
    expect(targetFigures?.symbol).toBe('diamond');
    expect(targetFigures?.lineStyle.width).toBe(0);
    expect(targetLine?.lineStyle.type).toBe('dotted');
  });
  test('a target is a horizontal mark at its value, from the first figure (or its baseline) to its deadline', () => {
    const line = series(districts()).filter((s) => s.name === '北区').at(-1)!;
    expect(line.data.map((d) => d.value)).toEqual([
      [2021, 30],
      [2025, 30],
    ]);
    const withBaseline = { ...districts(), targets: [target({ baselinePeriod: '2022' })] };
    expect(series(withBaseline).filter((s) => s.name === '北区').at(-1)!.data[0]?.value).toEqual([2022, 30]);
  });
  test('every series of a subject has its name and colour, so the legend toggles them together', () => {
    const all = series(districts());
    const colours = new Map<string, Set<string>>();
    for (const s of all) colours.set(s.name, new Set([...(colours.get(s.name) ?? []), s.color]));
    expect([...colours.keys()].sort()).toEqual(['北区', '南区']);
    for (const set of colours.values()) expect(set.size).toBe(1);
    const option = buildIndicatorSeriesOption(districts(), testTheme, tZh);
    expect((option.legend as { data: string[] }).data).toEqual(['南区', '北区']);
  });
  test('one subject: no legend', () => {
    const input = { indicator: indicator(), targets: [], subjectName };
    expect((buildIndicatorSeriesOption(input, testTheme, tEn).legend as { show: boolean }).show).toBe(false);
  });
  test('the time axis spans whole years, deadlines included, labelled as years', () => {
    const option = buildIndicatorSeriesOption(districts(), testTheme, tZh);
    const x = option.xAxis as { min: number; max: number; axisLabel: { formatter: (v: number) => string } };
    expect([x.min, x.max]).toEqual([2021, 2025]);
    expect(x.axisLabel.formatter(2023)).toBe('2023年');
    expect(x.axisLabel.formatter(2023.5)).toBe('');
  });
  test('billions of yuan are drawn in 亿元 in Chinese and in billions in English', () => {
    const input = { indicator: indicator({ unit: 'billion yuan (CNY)', observations: [observation({ value: 853.69 }), observation({ id: 'b', period: '2022', year: 2022, value: 800 })] }), targets: [], subjectName };
    expect(series(input, tZh)[0]?.data.map((d) => d.value[1])).toEqual([8000, 8536.9]);
    expect(series(input, tEn)[0]?.data.map((d) => d.value[1])).toEqual([800, 853.69]);
    expect((buildIndicatorSeriesOption(input, testTheme, tZh).yAxis as { name: string }).name).toBe('亿元');
  });
  test('tooltips give the subject, period, status and the figure as worded, qualifier included', () => {
    const input = districts();
    input.indicator.observations.push(observation({ id: 'n20', areaId: 'north', period: '2020', year: 2020, value: 8, qualifier: 'lower_bound' }));
    const option = buildIndicatorSeriesOption(input, testTheme, tZh);
    const all = option.series as LineSeries[];
    const tooltip = option.tooltip as Tooltip;
    const northMeasured = all.findIndex((s) => s.name === '北区');
    expect(tooltip.formatter({ seriesIndex: northMeasured, dataIndex: 0 })).toBe('<strong>北区</strong><br/>2020年 · 实际值<br/>超过 8%');
    const estimated = northMeasured + 1;
    // The bridge point belongs to the measured line: no tooltip of its own.
    expect(tooltip.formatter({ seriesIndex: estimated, dataIndex: 0 })).toBe('');
    expect(tooltip.formatter({ seriesIndex: estimated, dataIndex: 1 })).toContain('估算值');
    const quarter = all.findIndex((s) => s.name === '南区');
    expect(tooltip.formatter({ seriesIndex: quarter, dataIndex: 1 })).toContain('2022年第3季度');
    const targetLine = all.length - 1;
    expect(tooltip.formatter({ seriesIndex: targetLine, dataIndex: 1 })).toBe('<strong>北区目标</strong><br/>北区<br/>不低于 30%（2025年）');
  });
  test('colours come from the theme', () => {
    const json = JSON.stringify(buildIndicatorSeriesOption(districts(), testTheme, tEn));
    const allowed = new Set([...testTheme.series, testTheme.primary, testTheme.text, testTheme.textSecondary, testTheme.border, testTheme.background]);
    for (const colour of json.match(/#[0-9a-f]{3,8}\b/gi) ?? []) expect(allowed).toContain(colour);
  });
});

describe('targetText', () => {
  test('says the comparison, the value in its unit and the deadline', () => {
    expect(targetText({ comparison: 'at_most', targetValue: 6, deadline: '2030-12-31' }, '%', tZh)).toBe('不高于 6%（2030年12月31日）');
    expect(targetText({ comparison: 'at_least', targetValue: 300, deadline: '2025' }, 'invention patents per 10,000 people', tEn)).toBe('at least 300 per 10,000 people by 2025');
    expect(targetText({ comparison: 'at_least', targetValue: 300, deadline: null }, null, tEn)).toBe('at least 300');
  });
});
