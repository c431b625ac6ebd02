import type { TAreaMap } from '../../shared/schemas/centres.js';
import type { TDashboard } from '../../shared/schemas/dashboard.js';
import type { TIndicator, TObservation } from '../../shared/schemas/indicators.js';
import type { TCitation } from '../../shared/schemas/sources.js';
import type { ChartTheme } from '../charts/chart-theme.js';
import { createTranslator, type Translator } from '../i18n/translate.js';
import { enUS, zhCN } from './catalogs.js';

/** Test data for the pure builders; not tied to any real centre. */
export const tZh: Translator = createTranslator(zhCN, 'zh-CN');
export const tEn: Translator = createTranslator(enUS, 'en-US');

export const testTheme: ChartTheme = {
  primary: '#0000ff',
  text: '#111111',
  textSecondary: '#666666',
  border: '#dddddd',
  background: '#ffffff',
  areaEmpty: '#f0f0f0',
  highlight: '#ffcc00',
  sequential: ['#e6f0ff', '#bad4ff', '#8fb8ff', '#639cff', '#3880ff', '#0c64ff', '#0048d9'],
  series: ['#0000ff', '#ff8800'],
  fontFamily: 'sans-serif',
  fontSize: 12,
  animation: false,
};

export const citation = (over: Partial<TCitation> = {}): TCitation => ({
  sourceId: 'src-1',
  titleZh: '示例报道',
  titleEn: 'An example report',
  publisher: 'Example Daily',
  publishedOn: '2024-08-14',
  quote: 'rose from 48.2 to 262.9',
  quoteGlossEn: null,
  ...over,
});

export const observation = (over: Partial<TObservation> = {}): TObservation => ({
  id: 'obs-1',
  indicatorId: 'ind-1',
  areaId: 'city',
  entityId: null,
  year: 2023,
  period: '2023',
  yearBasis: 'stated',
  value: 262.9,
  valueAsGiven: '262.9 in 2023',
  qualifier: 'exact',
  status: 'measured',
  provenance: 'source',
  derivation: null,
  isSample: false,
  citation: citation(),
  ...over,
});

export const indicator = (over: Partial<TIndicator> = {}): TIndicator => {
  const observations = over.observations ?? [observation({ id: 'obs-2014', year: 2014, value: 48.2, valueAsGiven: '48.2 in 2014' }), observation({ id: 'obs-2023', year: 2023, value: 262.9 })];
  return { ...indicatorDefinition(over), observations, figureCount: observations.length, subjectCount: new Set(observations.map((o) => o.entityId ?? o.areaId)).size, ...over };
};

const indicatorDefinition = (over: Partial<TIndicator>): Omit<TIndicator, 'observations' | 'figureCount' | 'subjectCount'> => ({
  id: 'ind-1',
  centreId: 'c1',
  code: 'patents_per_10k',
  nameZh: '每万人发明专利拥有量',
  nameEn: 'Invention patents per 10,000 people',
  unit: 'invention patents per 10,000 people',
  metricType: 'intensity',
  definitionZh: null,
  definitionEn: null,
  frequency: 'annual',
  level: 'centre',
  sourceId: null,
  isSample: false,
  direction: 1,
  ...over,
});

const square = (x: number, y: number): number[][][] => [
  [
    [x, y],
    [x + 1, y],
    [x + 1, y + 1],
    [x, y + 1],
    [x, y],
  ],
];

export const areaMap: TAreaMap = {
  type: 'FeatureCollection',
  attribution: 'test boundaries',
  features: [
    {
      type: 'Feature',
      properties: { areaId: 'a-north', name: '北区', nameZh: '北区', nameEn: 'North District', code: '001' },
      geometry: { type: 'Polygon', coordinates: square(0, 1) },
    },
    {
      type: 'Feature',
      properties: { areaId: 'a-south', name: '南区', nameZh: '南区', nameEn: 'South District', code: '002' },
      geometry: { type: 'Polygon', coordinates: square(0, 0) },
    },
    {
      type: 'Feature',
      properties: { areaId: 'a-east', name: '东区', nameZh: '东区', nameEn: 'East District', code: '003' },
      geometry: { type: 'Polygon', coordinates: square(1, 0) },
    },
  ],
};

export const areaCounts: TDashboard['areaCounts'] = [
  {
    areaId: 'a-north',
    code: '001',
    nameZh: '北区',
    nameEn: 'North District',
    centroid: [0.5, 1.5],
    total: 9,
    byCategory: { university: 2, enterprise: 6, national_lab: 1 },
    examples: [
      { id: 'e1', nameZh: '北方大学', nameEn: 'North University', category: 'university', isSample: false },
      { id: 'e2', nameZh: null, nameEn: 'Acme <Robotics> & Co', category: 'enterprise', isSample: false },
    ],
  },
  {
    areaId: 'a-south',
    code: '002',
    nameZh: '南区',
    nameEn: 'South District',
    centroid: [0.5, 0.5],
    total: 1,
    byCategory: { enterprise: 1 },
    examples: [{ id: 'e3', nameZh: '南方科技', nameEn: 'South Tech', category: 'enterprise', isSample: false }],
  },
];

export const categoryCounts: TDashboard['categoryCounts'] = [
  { category: 'enterprise', total: 7 },
  { category: 'university', total: 2 },
  { category: 'national_lab', total: 2 },
  { category: 'event', total: 0 },
];
