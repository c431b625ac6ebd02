import { describe, expect, test } from 'vitest';
import type { TArea } from '../../../../shared/schemas/centres.js';
import type { TTarget } from '../../../../shared/schemas/indicators.js';
import { ApiError } from '../../../app/api.js';
import { citation, indicator, observation, tEn, tZh } from '../../../test-support/fixtures.js';
import { formatAmount } from './amount.js';
import { catalogueRows, countByLevel, filterCatalogue } from './catalogue.js';
import { figuresColumnLabel, figuresFileProblem, figuresReasonText, refusedFigures } from './import.js';
import { compareNewestFirst, latestFigures } from './latest.js';
import { formatPeriod, periodOf } from './period.js';
import { countByStatus, paceKeepsUp, progressPercent, sortTargets, STATUS_COLOUR } from './progress.js';
import { areasForLevel, subjectOf } from './subjects.js';
import { targetInputOf } from './targets.js';
import { displayScale, unitLabel } from './unit-label.js';

const target = (over: Partial<TTarget> = {}): TTarget => ({
  id: 'tg-1',
  centreId: 'c1',
  code: 'T-1',
  nameZh: '目标',
  nameEn: 'Target',
  description: null,
  indicatorId: 'ind-1',
  indicatorCode: 'patents_per_10k',
  areaId: 'city',
  entityId: null,
  comparison: 'at_least',
  targetValue: 300,
  unit: null,
  baselineValue: null,
  baselinePeriod: null,
  deadline: '2025',
  assessment: null,
  assessmentNote: null,
  isSample: false,
  citation: null,
  progress: { status: 'on_track', basis: 'figures', latest: null, baseline: null, share: 0.5, remaining: 10, slopePerYear: 2, projected: 310, requiredPerYear: 1.5 },
  ...over,
});

const area = (id: string, kind: TArea['kind'], parentId: string | null = 'city'): TArea => ({
  id,
  centreId: 'c1',
  parentId,
  kind,
  code: null,
  nameZh: id,
  nameEn: id,
  nameStatus: 'in_source',
  withinAreaIds: [],
  centroid: null,
  hasBoundary: false,
  basis: null,
  sortOrder: 0,
});

describe('periods', () => {
  test('years, quarters and months in words', () => {
    expect(formatPeriod('2023', tZh)).toBe('2023年');
    expect(formatPeriod('2023', tEn)).toBe('2023');
    expect(formatPeriod('2023-Q2', tZh)).toBe('2023年第2季度');
    expect(formatPeriod('2023-Q2', tEn)).toBe('Q2 2023');
    expect(formatPeriod('2023-07', tZh)).toBe('2023年7月');
    expect(formatPeriod('2023-07', tEn)).toBe('Jul 2023');
  });
  test('a figure without a period falls back to its year', () => {
    expect(periodOf({ period: null, year: 2020 })).toBe('2020');
    expect(periodOf({ period: null, year: null })).toBeNull();
  });
  test('newest first, quarters in their place, measured before estimated, undated last', () => {
    const list = [
      observation({ id: 'y22', period: '2022' }),
      observation({ id: 'none', period: null, year: null }),
      observation({ id: 'q4', period: '2022-Q4' }),
      observation({ id: 'e22', period: '2022', status: 'estimated' }),
    ];
    expect([...list].sort(compareNewestFirst).map((o) => o.id)).toEqual(['q4', 'y22', 'e22', 'none']);
  });
});

describe('the catalogue', () => {
  const patents = indicator({ observations: [observation({ id: 'obs-2014', period: '2014', year: 2014 }), observation({ id: 'obs-2023', period: '2023' })] });
  const twoDistricts = indicator({
    id: 'd',
    code: 'district_rnd',
    nameZh: '各区研发投入',
    nameEn: 'R&D spending by district',
    level: 'district',
    observations: [
      observation({ id: 'n', areaId: 'north', period: '2023' }),
      observation({ id: 's', areaId: 'south', period: '2023' }),
      observation({ id: 'old', areaId: 'north', period: '2022' }),
    ],
  });
  const empty = indicator({ id: 'e', code: 'empty', nameZh: '空指标', nameEn: 'Empty', observations: [] });
  const rows = catalogueRows([patents, twoDistricts, empty], [target(), target({ id: 'x', indicatorCode: 'patents_per_10k' }), target({ id: 'q', indicatorCode: null })]);

  test('each indicator with its latest figures, how many figures, subjects and targets', () => {
    expect(rows.map((r) => [r.indicator.code, r.figures, r.subjects, r.targets])).toEqual([
      ['patents_per_10k', 2, 1, 2],
      ['district_rnd', 3, 2, 0],
      ['empty', 0, 0, 0],
    ]);
    expect(rows[0]?.latest?.figures.map((o) => o.id)).toEqual(['obs-2023']);
    expect(rows[1]?.latest).toMatchObject({ period: '2023' });
    expect(rows[1]?.latest?.figures.map((o) => o.id).sort()).toEqual(['n', 's']);
    expect(rows[2]?.latest).toBeNull();
  });
  test('latest prefers actual figures to a later target', () => {
    const latest = latestFigures([observation({ id: 'm', period: '2023' }), observation({ id: 't', period: '2030', status: 'target' })]);
    expect(latest?.figures.map((o) => o.id)).toEqual(['m']);
    expect(latestFigures([observation({ id: 't', period: '2030', status: 'target' })])?.period).toBe('2030');
  });
  test('search (names, code, definition), level and "has figures"', () => {
    const codes = (f: Parameters<typeof filterCatalogue>[1]) => filterCatalogue(rows, f).map((r) => r.indicator.code);
    expect(codes({ q: '专利', level: null, hasFigures: false })).toEqual(['patents_per_10k']);
    expect(codes({ q: 'DISTRICT_', level: null, hasFigures: false })).toEqual(['district_rnd']);
    expect(codes({ q: '', level: 'district', hasFigures: false })).toEqual(['district_rnd']);
    expect(codes({ q: '', level: null, hasFigures: true })).toEqual(['patents_per_10k', 'district_rnd']);
    expect(countByLevel(rows)).toEqual({ centre: 2, district: 1 });
  });
});

describe('subjects', () => {
  test('an organisation when one is named, else the area', () => {
    expect(subjectOf({ areaId: 'city', entityId: null })).toBe('city');
    expect(subjectOf({ areaId: 'ent-1', entityId: 'ent-1' })).toBe('ent-1');
  });
  test('the areas that fit an indicator level', () => {
    const areas = [area('city', 'city', null), area('d1', 'district'), area('p1', 'park'), area('z1', 'zone')];
    expect(areasForLevel(areas, 'district').map((a) => a.id)).toEqual(['d1']);
    expect(areasForLevel(areas, 'park').map((a) => a.id)).toEqual(['p1', 'z1']);
    expect(areasForLevel(areas, 'centre').map((a) => a.id)).toEqual(['city']);
    expect(areasForLevel([area('d1', 'district')], 'park').map((a) => a.id)).toEqual(['d1']);
  });
});

describe('units and amounts', () => {
  test('the unit as read, or as given', () => {
    expect(unitLabel('billion yuan (CNY)', tZh)).toBe('亿元');
    expect(unitLabel('billion yuan (CNY)', tEn)).toBe('billion yuan');
    expect(unitLabel('rank (global)', tZh)).toBe('位次');
    expect(unitLabel('widgets', tEn)).toBe('widgets');
    expect(unitLabel(null, tEn)).toBeNull();
    expect(displayScale('billion yuan', 'zh-CN')).toBe(10);
    expect(displayScale('billion yuan', 'en-US')).toBe(1);
  });
  test('computed amounts are rounded sensibly and signed when asked', () => {
    expect(formatAmount(12.345, '%', tEn)).toBe('12.3%');
    // A change of a percentage is in percentage points.
    expect(formatAmount(12.345, '%', tEn, true)).toBe('+12.3 percentage points');
    expect(formatAmount(0.2, '%', tZh, true)).toBe('+0.2 个百分点');
    expect(formatAmount(-0.256, 'invention patents per 10,000 people', tZh, true)).toBe('-0.26 件/万人');
    expect(formatAmount(853.69, 'billion yuan', tZh)).toBe('8,537 亿元');
    expect(formatAmount(0, null, tEn, true)).toBe('0');
  });
});

describe('progress', () => {
  test('the bar shows the share of the way, kept between 0 and 100', () => {
    expect(progressPercent(0.456)).toBe(45.6);
    expect(progressPercent(-0.2)).toBe(0);
    expect(progressPercent(1.7)).toBe(100);
    expect(progressPercent(null)).toBeNull();
  });
  test('status colours: achieved green, on track blue, at risk orange, off track and missed red, the rest grey', () => {
    expect([STATUS_COLOUR.achieved, STATUS_COLOUR.on_track, STATUS_COLOUR.at_risk, STATUS_COLOUR.off_track, STATUS_COLOUR.missed, STATUS_COLOUR.no_data]).toEqual([
      'green',
      'blue',
      'orange',
      'red',
      'red',
      'default',
    ]);
  });
  test('whether the pace so far keeps up with the pace needed (either direction)', () => {
    expect(paceKeepsUp(2, 1.5)).toBe(true);
    expect(paceKeepsUp(1, 1.5)).toBe(false);
    expect(paceKeepsUp(-2, -1)).toBe(true);
    expect(paceKeepsUp(1, -1)).toBe(false);
    expect(paceKeepsUp(null, 1)).toBeNull();
  });
  test('targets by deadline, then code (numbers in order)', () => {
    const sorted = sortTargets([target({ code: 'GOAL-10', deadline: null }), target({ code: 'GOAL-2', deadline: null }), target({ code: 'T', deadline: '2025' })]);
    expect(sorted.map((g) => g.code)).toEqual(['T', 'GOAL-2', 'GOAL-10']);
    expect(countByStatus([target(), target(), target({ progress: { ...target().progress, status: 'missed' } })])).toEqual({ on_track: 2, missed: 1 });
  });
  test('a PUT sends the whole definition back, source and quote included', () => {
    const input = targetInputOf(target({ citation: citation({ sourceId: 'src-9', quote: '到2025年' }), assessment: 'at_risk', assessmentNote: 'slow' }));
    expect(input).toMatchObject({ code: 'T-1', indicatorCode: 'patents_per_10k', areaId: 'city', comparison: 'at_least', targetValue: 300, sourceId: 'src-9', quote: '到2025年', assessment: 'at_risk', assessmentNote: 'slow' });
    expect(targetInputOf(target()).sourceId).toBeNull();
  });
});

describe('the figures import', () => {
  test('row reasons in words; a duplicate names its row; an unknown code is shown as given', () => {
    expect(figuresReasonText('unknown_indicator', tZh)).toBe('指标目录中没有这个代码');
    expect(figuresReasonText('duplicate_of_row_3', tZh)).toBe('与第 3 行重复');
    expect(figuresReasonText('duplicate_of_row_12', tEn)).toBe('Duplicates row 12');
    expect(figuresReasonText('not_a_period', tEn)).toBe('A period looks like 2023, 2023-Q2 or 2023-07');
    expect(figuresReasonText('something_new', tEn)).toBe('something_new');
  });
  test('files are checked before sending', () => {
    expect(figuresFileProblem({ name: 'a.xls', size: 10 })).toBe('format');
    expect(figuresFileProblem({ name: 'a.csv', size: 0 })).toBe('empty');
    expect(figuresFileProblem({ name: 'a.xlsx', size: 17 * 1024 * 1024 })).toBe('size');
    expect(figuresFileProblem({ name: 'a.CSV', size: 10 })).toBeNull();
  });
  test('a header without required columns names them in both header languages', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'x', { fields: [{ in: 'body', path: 'period', reason: 'missing_column', message: '' }] });
    expect(refusedFigures(error, 'zh-CN')).toEqual({ kind: 'missing_columns', columns: ['期间（Period）'] });
    expect(refusedFigures(error, 'en-US')).toEqual({ kind: 'missing_columns', columns: ['Period (期间)'] });
    expect(figuresColumnLabel('nope', 'en-US')).toBe('nope');
    expect(refusedFigures(new Error('x'), 'en-US')).toBeNull();
  });
});
