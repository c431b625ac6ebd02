import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TDataset, TRun } from '../../../shared/schemas/evaluation.js';
import type { TIndicator } from '../../../shared/schemas/indicators.js';
import { writeTable } from '../../tabular.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
let analyst: Session;
let officer: Session;
const C = '/api/centres/beijing';

// Synthetic district figures (test data only), marked as samples.
const districts = ['bj-110108', 'bj-110105', 'bj-110115', 'bj-110114'];
const rows = [
  ['test_eval_patents', 'bj-110108', '2023', '900'],
  ['test_eval_patents', 'bj-110105', '2023', '300'],
  ['test_eval_patents', 'bj-110115', '2023', '150'],
  ['test_eval_patents', 'bj-110114', '2023', '120'],
  ['test_eval_rnd', 'bj-110108', '2023', '12.5'],
  ['test_eval_rnd', 'bj-110105', '2023', '4.1'],
  ['test_eval_rnd', 'bj-110115', '2023', '5.2'],
  ['test_eval_rnd', 'bj-110108', '2022', '11.9'],
];

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  analyst = await t.userWithRole('analyst');
  officer = await t.userWithRole('service_officer');
  for (const code of ['test_eval_patents', 'test_eval_rnd']) {
    const res = await t.request({ method: 'POST', url: `${C}/indicators`, session: analyst, payload: { code, nameEn: code, nameZh: `测试${code}`, level: 'district', unit: 'x', isSample: true } });
    expect(res.statusCode).toBe(201);
  }
  const file = await writeTable(['indicator', 'area', 'period', 'value'], rows, 'csv', 'x');
  const imported = await t.request({ method: 'POST', url: `${C}/observations/import?fileName=eval.csv&sample=true`, session: analyst, payload: file, headers: { 'content-type': 'text/csv' } });
  expect(imported.json()).toMatchObject({ written: true, inserted: rows.length });
});
afterAll(() => t.close());

const build = (payload: object, session: Session = analyst) => t.request({ method: 'POST', url: `${C}/evaluation/datasets/from-figures`, session, payload });
const fields = (res: { json: () => { error: { details?: { fields?: { path: string; reason: string }[] } } } }) => res.json().error.details?.fields?.map((f) => `${f.path}:${f.reason}`);
const spec = { name: '区创新测试指数', level: 'district', period: '2023', indicators: [{ code: 'test_eval_patents' }, { code: 'test_eval_rnd', weight: 2 }] };

describe('datasets from the centre’s own figures', () => {
  let dataset: TDataset;

  test('every district is a unit; each filled cell names the figure it holds', async () => {
    const res = await build(spec);
    expect(res.statusCode).toBe(201);
    dataset = res.json() as TDataset;
    expect(dataset).toMatchObject({ unitCount: 16, indicatorCount: 2, isExample: false, origin: { kind: 'figures', level: 'district', period: '2023', sample: true, filledCells: 7, emptyCells: 25 } });
    const { indicator } = (await t.request({ method: 'GET', url: `${C}/indicators/test_eval_rnd` })).json() as { indicator: TIndicator };
    const haidian2023 = indicator.observations.find((o) => o.areaId === 'bj-110108' && o.period === '2023');
    expect(dataset.cellSources?.['bj-110108']?.['test_eval_rnd']).toBe(haidian2023?.id);
    expect(dataset.cellSources?.['bj-110114']).toEqual({ test_eval_patents: expect.any(String) });
    expect(dataset.data.split('\r\n')[0]).toBe('uCode,uName,test_eval_patents,test_eval_rnd');
    expect(dataset.data).toContain('bj-110108,海淀区,900,12.5');
    // The same figures again are the same dataset.
    expect((await build(spec)).statusCode).toBe(200);
  });

  test('it runs like any dataset: screen the empty districts, normalise, aggregate with the weights given', async () => {
    const res = await t.request({
      method: 'POST',
      url: `${C}/evaluation/runs`,
      session: analyst,
      payload: { datasetId: dataset.id, pipeline: { steps: [{ op: 'screen', minDataAvailability: 0.5 }, { op: 'impute', method: 'mean' }, { op: 'normalise', method: 'minmax', range: [0, 100] }, { op: 'aggregate', method: 'amean' }] } },
    });
    expect(res.statusCode).toBe(201);
    const run = res.json() as TRun;
    expect(run.results.units.map((u) => u.uCode).sort()).toEqual([...districts].sort());
    const haidian = run.results.units.find((u) => u.uCode === 'bj-110108');
    expect(haidian).toMatchObject({ rank: 1 });
    expect(haidian?.scores['Index']).toBeCloseTo(100, 10);
  });

  test('mistakes are 400s on the field; writing needs evaluation:run', async () => {
    const unknown = await build({ ...spec, indicators: [{ code: 'test_eval_patents' }, { code: 'nope' }] });
    expect(unknown.statusCode).toBe(400);
    expect(fields(unknown)).toEqual(['indicators.1.code:unknown_indicator']);
    const twice = await build({ ...spec, indicators: [{ code: 'test_eval_patents' }, { code: 'test_eval_patents' }] });
    expect(fields(twice)).toEqual(['indicators.1.code:duplicate_indicator']);
    const empty = await build({ ...spec, period: '2019' });
    expect(fields(empty)).toEqual(['period:no_figures']);
    const one = await build({ ...spec, indicators: [{ code: 'test_eval_patents' }] });
    expect(one.statusCode).toBe(400);
    expect((await build(spec, officer)).statusCode).toBe(403);
  });
});
