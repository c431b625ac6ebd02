import { describe, expect, test } from 'vitest';
import { areaMap, tEn, testTheme, tZh } from '../../test-support/fixtures.js';
import { buildScoreMapOption, scoreColor, scoreLegend, scoreMapFit, scoreRange, type AreaScore } from './score-map.js';

/** A run whose units are the centre's areas (uCode = area id), as datasets built from the centre's own figures are. */
const scores: AreaScore[] = [
  { areaId: 'a-north', uName: '北区', score: 80, rank: 1 },
  { areaId: 'a-south', uName: '南区', score: 20, rank: 2 },
];
const data = { mapName: 'kc-test', features: areaMap.features, scores, unitCount: 2 };
type MapSeries = {
  type: string;
  map: string;
  data: Array<{ name: string; value: number; itemStyle: { areaColor: string } }>;
  label: { formatter: (p: { name: string }) => string };
};
const seriesOf = (option: ReturnType<typeof buildScoreMapOption>): MapSeries => (option.series as MapSeries[])[0] as MapSeries;
const tooltipOf = (option: ReturnType<typeof buildScoreMapOption>, name: string): string =>
  (option.tooltip as { formatter: (p: { name: string }) => string }).formatter({ name });

describe('scoreMapFit', () => {
  const areas = new Set(['a-north', 'a-south', 'a-east', 'a-park', 'city']);
  test('every unit an area, some on the map: fits; areas without a boundary listed', () => {
    expect(scoreMapFit(['a-north', 'a-south', 'a-park'], areas, areaMap.features)).toEqual({ fits: true, unmapped: ['a-park'] });
  });
  test('one unit that is no area (a country code, say): no map', () => {
    expect(scoreMapFit(['a-north', 'AUT'], areas, areaMap.features)).toEqual({ fits: false, unmapped: [] });
    expect(scoreMapFit([], areas, areaMap.features).fits).toBe(false);
  });
  test('areas, but none with a boundary: no map', () => {
    expect(scoreMapFit(['a-park', 'city'], areas, areaMap.features).fits).toBe(false);
  });
});

describe('colours', () => {
  test('linear from the lowest score (first step) to the highest (darkest); no score is the empty fill', () => {
    const range = scoreRange(scores);
    expect(range).toEqual({ min: 20, max: 80 });
    const ramp = testTheme.sequential.slice(1);
    expect(scoreColor(20, range, testTheme)).toBe(ramp[0]);
    expect(scoreColor(80, range, testTheme)).toBe(ramp[ramp.length - 1]);
    expect(scoreColor(50, range, testTheme)).toBe(ramp[3]);
    expect(scoreColor(null, range, testTheme)).toBe(testTheme.areaEmpty);
  });
  test('all equal: the darkest step', () => {
    expect(scoreColor(5, { min: 5, max: 5 }, testTheme)).toBe(testTheme.sequential.at(-1));
  });
  test('legend', () => {
    expect(scoreLegend(scores, testTheme)).toEqual({ range: { min: 20, max: 80 }, colors: testTheme.sequential.slice(1) });
    expect(scoreLegend([], testTheme).range).toBeNull();
  });
});

describe('buildScoreMapOption', () => {
  test('one datum per feature, scores as values, the area without a score empty', () => {
    const series = seriesOf(buildScoreMapOption(data, testTheme, tZh));
    expect(series).toMatchObject({ type: 'map', map: 'kc-test' });
    expect(series.data.map((d) => d.name)).toEqual(['北区', '南区', '东区']);
    expect(series.data[0]?.value).toBe(80);
    expect(Number.isNaN(series.data[2]?.value)).toBe(true);
    expect(series.data[2]?.itemStyle.areaColor).toBe(testTheme.areaEmpty);
  });
  test('labels and tooltips in the UI language, with score and rank', () => {
    const option = buildScoreMapOption(data, testTheme, tEn);
    expect(seriesOf(option).label.formatter({ name: '北区' })).toBe('North District\n{score|80}');
    expect(seriesOf(option).label.formatter({ name: '东区' })).toBe('East District');
    const tip = tooltipOf(option, '北区');
    expect(tip).toContain('North District');
    expect(tip).toContain('Score: 80');
    expect(tip).toContain('Rank 1 of 2');
    expect(tooltipOf(option, '东区')).toContain('No score');
    expect(tooltipOf(buildScoreMapOption(data, testTheme, tZh), '南区')).toContain('第 2 名');
  });
});
