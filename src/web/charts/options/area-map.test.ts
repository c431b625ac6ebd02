import { describe, expect, test } from 'vitest';
import { areaCounts, areaMap, tEn, testTheme, tZh } from '../../test-support/fixtures.js';
import { areaTooltip, boxArea, buildAreaMapOption, choroplethColor, choroplethLegend, labelledAreas, mapData, regionAreaId } from './area-map.js';

const data = { mapName: 'kc-test', features: areaMap.features, counts: areaCounts };
type MapSeries = {
  type: string;
  map: string;
  data: Array<{ name: string; value: number; itemStyle: { areaColor: string } }>;
  label: { formatter: (p: { name: string }) => string };
};
const seriesOf = (option: ReturnType<typeof buildAreaMapOption>): MapSeries => (option.series as MapSeries[])[0] as MapSeries;

describe('mapData', () => {
  test('gives every feature a datum, zero where there are no records', () => {
    expect(mapData(data, tZh).map((d) => [d.name, d.value])).toEqual([
      ['北区', 9],
      ['南区', 1],
      ['东区', 0],
    ]);
  });
  test('labels areas in the UI language', () => {
    expect(mapData(data, tEn).map((d) => d.label)).toEqual(['North District', 'South District', 'East District']);
  });
});

describe('choroplethColor', () => {
  test('uses the empty fill for zero and the darkest step for the maximum', () => {
    expect(choroplethColor(0, 9, testTheme)).toBe(testTheme.areaEmpty);
    expect(choroplethColor(9, 9, testTheme)).toBe(testTheme.sequential[testTheme.sequential.length - 1]);
  });
  test('makes one record visibly different from none', () => {
    expect(choroplethColor(1, 100, testTheme)).not.toBe(testTheme.areaEmpty);
  });
  test('never gets lighter as the count grows', () => {
    const ramp = testTheme.sequential.slice(1);
    const steps = [1, 2, 3, 5, 8, 13, 20].map((v) => ramp.indexOf(choroplethColor(v, 20, testTheme)));
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  });
  test('legend runs from the empty fill to the darkest step, up to the largest count', () => {
    const legend = choroplethLegend(data, testTheme);
    expect(legend.max).toBe(9);
    expect(legend.colors[0]).toBe(testTheme.areaEmpty);
  });
});

describe('labelledAreas', () => {
  const tiny = {
    ...areaMap.features[2]!,
    properties: { ...areaMap.features[2]!.properties, areaId: 'a-tiny', name: '小区' },
    geometry: { type: 'Polygon' as const, coordinates: [[[5, 5], [5.1, 5], [5.1, 5.1], [5, 5]]] },
  };
  test('measures bounding boxes', () => {
    expect(boxArea(areaMap.features[0]!)).toBe(1);
    expect(boxArea(tiny)).toBeCloseTo(0.01);
  });
  test('labels every area with records and every area of ordinary size', () => {
    const labelled = labelledAreas({ ...data, features: [...areaMap.features, tiny] });
    expect([...labelled].sort()).toEqual(['a-east', 'a-north', 'a-south']);
  });
  test('labels a tiny area when it has records', () => {
    const counts = [...areaCounts, { ...areaCounts[1]!, areaId: 'a-tiny' }];
    expect(labelledAreas({ ...data, features: [...areaMap.features, tiny], counts }).has('a-tiny')).toBe(true);
  });
});

describe('buildAreaMapOption', () => {
  test('draws the registered map with one coloured region per feature', () => {
    const series = seriesOf(buildAreaMapOption(data, testTheme, tZh));
    expect(series.type).toBe('map');
    expect(series.map).toBe('kc-test');
    expect(series.data).toHaveLength(3);
    expect(series.data[2]?.itemStyle.areaColor).toBe(testTheme.areaEmpty);
    expect(series.data[0]?.itemStyle.areaColor).not.toBe(testTheme.areaEmpty);
  });
  test('labels regions with their name and, when they have records, the count', () => {
    const series = seriesOf(buildAreaMapOption(data, testTheme, tEn));
    expect(series.label.formatter({ name: '北区' })).toBe('North District\n{count|9}');
    expect(series.label.formatter({ name: '东区' })).toBe('East District');
  });
  test('writes labels in a colour that reads on their fill', () => {
    const series = seriesOf(buildAreaMapOption(data, testTheme, tZh)) as unknown as { data: Array<{ label: { color?: string; show?: boolean } }> };
    // North has the most records, so the darkest fill and a light label; East has none.
    expect(series.data[0]?.label.color).toBe(testTheme.background);
    expect(series.data[2]?.label.color).toBe(testTheme.text);
  });
  test('takes animation from the theme', () => {
    expect(buildAreaMapOption(data, testTheme, tZh).animation).toBe(false);
  });
  test('has no colour literal of its own', () => {
    const json = JSON.stringify(buildAreaMapOption(data, testTheme, tZh));
    const allowed = new Set([testTheme.areaEmpty, testTheme.background, testTheme.text, testTheme.highlight, ...testTheme.sequential]);
    for (const colour of json.match(/#[0-9a-f]{3,8}\b/gi) ?? []) expect(allowed).toContain(colour);
  });
});

describe('areaTooltip', () => {
  test('lists the total, the categories largest first, and example names', () => {
    const tip = areaTooltip('North District', areaCounts[0], tEn);
    expect(tip.title).toBe('North District');
    expect(tip.lines).toEqual([
      '9 records',
      'Enterprises: 6',
      'Universities: 2',
      'National laboratories: 1',
      'e.g. North University, Acme <Robotics> & Co and more',
    ]);
  });
  test('reads naturally in Chinese', () => {
    const tip = areaTooltip('北区', areaCounts[0], tZh);
    expect(tip.lines[0]).toBe('创新主体 9 条');
    expect(tip.lines.at(-1)).toBe('例如：北方大学、Acme <Robotics> & Co等');
  });
  test('marks sample records', () => {
    const withSample = { ...areaCounts[1]!, examples: [{ ...areaCounts[1]!.examples[0]!, isSample: true }] };
    expect(areaTooltip('South', withSample, tZh).lines.at(-1)).toBe('例如：南方科技（示例）');
  });
  test('says zero for an area without records', () => {
    expect(areaTooltip('East District', undefined, tEn).lines).toEqual(['0 records']);
  });
});

describe('regionAreaId', () => {
  test('finds the area behind a clicked region by its feature name', () => {
    expect(regionAreaId(areaMap, '南区')).toBe('a-south');
    expect(regionAreaId(areaMap, 'Nowhere')).toBeNull();
    expect(regionAreaId(areaMap, undefined)).toBeNull();
  });
});
