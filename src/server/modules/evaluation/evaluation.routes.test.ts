import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ASEM_IDATA, ASEM_IMETA, ASEM_PIPELINE, ASEM_SENSITIVITY } from '../../../core/evaluation/fixtures/asem.js';
import { csvRows, metaCsvToElements, parseIndexInput, planSensitivity, runPipeline, runResults, runSensitivityRange, summariseSensitivity } from '../../../core/evaluation/index.js';
import { ZPipeline, ZSensitivitySpec, type TAnalysis, type TRun } from '../../../shared/schemas/evaluation.js';
import { auditEvents } from '../../../db/schema/index.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
let analyst: Session;
let officer: Session;
let member: Session;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  analyst = await t.userWithRole('analyst');
  officer = await t.userWithRole('service_officer');
  member = await t.userWithRole('enterprise_member');
});
afterAll(() => t.close());

const E = '/api/centres/beijing/evaluation';
const asem = { name: 'ASEM (COINr example data)', isExample: true, data: ASEM_IDATA, meta: ASEM_IMETA };
const input = parseIndexInput({ name: 'iData.csv', rows: csvRows(ASEM_IDATA) }, { name: 'iMeta.csv', rows: csvRows(ASEM_IMETA) });

const post = (url: string, payload: unknown, session: Session = analyst) => t.request({ method: 'POST', url: `${E}${url}`, payload: payload as object, session });
const get = (url: string, session: Session = analyst) => t.request({ method: 'GET', url: `${E}${url}`, session });
const fields = (body: { error: { details?: { fields?: { path: string; reason: string }[] } } }) => body.error.details?.fields?.map((f) => `${f.path}:${f.reason}`);

let datasetId: string;

describe('datasets', () => {
  test('an analyst uploads iData + iMeta; the same files again give the same dataset back', async () => {
    const res = await post('/datasets', asem);
    expect(res.statusCode).toBe(201);
    const dataset = res.json();
    expect(dataset).toMatchObject({ name: 'ASEM (COINr example data)', isExample: true, unitCount: 51, indicatorCount: 49, created: true });
    expect(dataset.dataSha256).toMatch(/^[0-9a-f]{64}$/);
    datasetId = dataset.id;
    const again = await post('/datasets', { ...asem, name: 'another name' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: datasetId, created: false });
    const list = (await get('/datasets', officer)).json();
    expect(list.items.map((d: { id: string }) => d.id)).toEqual([datasetId]);
    expect(list.items[0].data).toBeUndefined();
    expect((await get(`/datasets/${datasetId}`, officer)).json().data).toBe(ASEM_IDATA);
  });

  test('a bad file is a 400 naming the file, row and column, never a 500', async () => {
    const badData = ASEM_IDATA.replace('"AUT",', '"AUT",').replace(/^("Austria","AUT","L","XL","M","Europe",2018,83871,27,390.799991147468,8735.453,)4.097985/m, '$1four');
    const res = await post('/datasets', { ...asem, data: badData });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0]).toMatchObject({ path: 'data', reason: 'invalid_input', row: 2, column: 'LPI', file: 'iData.csv' });

    const badMeta = ASEM_IMETA.replace('1,"LPI","Logistics Performance Index",1,1,"Score 1-5",4.11803135,,"Physical"', '1,"LPI","Logistics Performance Index",1,1,"Score 1-5",4.11803135,,"Nowhere"');
    const meta = await post('/datasets', { ...asem, meta: badMeta });
    expect(meta.statusCode).toBe(400);
    expect(meta.json().error.details.fields[0]).toMatchObject({ path: 'meta', row: 2, column: 'Parent' });

    const notCsv = await post('/datasets', { ...asem, meta: 'hello' });
    expect(notCsv.statusCode).toBe(400);
    expect(fields(notCsv.json())).toEqual(['meta:invalid_input']);

    const missing = await post('/datasets', { name: 'x', data: ASEM_IDATA });
    expect(missing.statusCode).toBe(400);
    expect(fields(missing.json())).toContain('meta:invalid_type');
  });

  test('reading needs centre:read; writing needs evaluation:run', async () => {
    expect((await post('/datasets', asem, officer)).statusCode).toBe(403);
    expect((await get('/datasets', member)).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: `${E}/datasets` })).statusCode).toBe(401);
  });
});

describe('frameworks', () => {
  const elements = metaCsvToElements(ASEM_IMETA);

  test('each save is a new version; a broken tree is a 400 naming the element', async () => {
    const first = await post('/frameworks/asem/versions', { name: 'ASEM', elements });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ key: 'asem', version: 1 });
    const reweighted = elements.map((e) => (e.code === 'Conn' ? { ...e, weight: 3 } : e));
    const second = await post('/frameworks/asem/versions', { name: 'ASEM, connectivity ×3', note: 'what-if', elements: reweighted });
    expect(second.json()).toMatchObject({ key: 'asem', version: 2, note: 'what-if' });
    expect(second.json().metaSha256).not.toBe(first.json().metaSha256);
    const list = (await get('/frameworks?key=asem', officer)).json();
    expect(list.items.map((f: { version: number }) => f.version)).toEqual([2, 1]);

    const orphan = elements.map((e) => (e.code === 'Flights' ? { ...e, parent: 'Nowhere' } : e));
    const bad = await post('/frameworks/asem/versions', { name: 'broken', elements: orphan });
    expect(bad.statusCode).toBe(400);
    const index = elements.findIndex((e) => e.code === 'Flights');
    expect(fields(bad.json())).toEqual([`elements.${index}.parent:invalid_input`]);
    expect((await post('/frameworks/Bad%20Key/versions', { name: 'x', elements })).statusCode).toBe(400);
  });
});

describe('runs', () => {
  let run: TRun;

  test('a pipeline run is stored with its versions, ranks and treatment report, and matches the engine', async () => {
    const res = await post('/runs', { datasetId, pipeline: ASEM_PIPELINE });
    expect(res.statusCode).toBe(201);
    run = res.json();
    const expected = runResults(input, runPipeline(input, ZPipeline.parse(ASEM_PIPELINE).steps));
    expect(run.results).toEqual(expected);
    expect(run.results.units).toHaveLength(51);
    expect(run.results.units[0]?.rank).toBe(1);
    expect(run.pipeline.steps[2]).toEqual({ op: 'treat', winmax: 5, skewThreshold: 2, kurtThreshold: 3.5 });
    expect(run.versions.data).toMatch(/^[0-9a-f]{64}$/);
    expect(run.treatment?.length).toBe(49);
    expect(run.treatment?.some((r) => r.winsorised > 0 || r.logApplied)).toBe(true);
    const stored = (await get(`/runs/${run.id}`, officer)).json();
    expect(stored).toEqual(run);
    expect((await get('/runs')).json().items[0].id).toBe(run.id);
  });

  test('re-running a stored run gives identical numbers', async () => {
    const check = (await get(`/runs/${run.id}/check`)).json();
    expect(check).toMatchObject({ identical: true, maxAbsDiff: 0 });
    expect(check.compared).toBeGreaterThan(51 * 10);
    const again = (await post('/runs', { datasetId, pipeline: ASEM_PIPELINE })).json();
    expect(again.results).toEqual(run.results);
    expect(again.versions).toEqual(run.versions);
  });

  test("each step's dataset, with imputed and treated cells", async () => {
    const imputed = (await get(`/runs/${run.id}/steps/1`)).json();
    expect(imputed).toMatchObject({ index: 1, op: 'imputed' });
    expect(imputed.values).toHaveLength(51);
    expect(imputed.filled.length).toBeGreaterThan(0);
    expect(imputed.values.flat().includes(null)).toBe(false);
    const treated = (await get(`/runs/${run.id}/steps/2`)).json();
    expect(treated.treated.length).toBeGreaterThan(0);
    const aggregated = (await get(`/runs/${run.id}/steps/4`)).json();
    expect(aggregated.codes).toContain('Index');
    expect((await get(`/runs/${run.id}/steps/5`)).statusCode).toBe(404);
  });

  test('contributions sum to the score; the move up one rank is named', async () => {
    const second = run.results.units[19] as TRun['results']['units'][number];
    const res = await get(`/runs/${run.id}/explain/${second.uCode}`);
    expect(res.statusCode).toBe(200);
    const explanation = res.json();
    const total = explanation.contributions.filter((c: { level: number }) => c.level === 1).reduce((s: number, c: { contribution: number }) => s + c.contribution, 0);
    expect(total).toBeCloseTo(second.scores.Index as number, 9);
    expect(explanation.upOneRank).toMatchObject({ rank: 20 });
    expect(explanation.upOneRank.moves.length).toBe(49);
    expect(explanation.upOneRank.smallestCode).toBe(explanation.upOneRank.moves.find((m: { withinObservedRange: boolean }) => m.withinObservedRange)?.code);
    expect((await get(`/runs/${run.id}/explain/${run.results.units[0]?.uCode}`)).json().upOneRank).toBeNull();
    expect((await get(`/runs/${run.id}/explain/NOPE`)).statusCode).toBe(404);
  });

  test('a framework version replaces iMeta and changes the ranks', async () => {
    const frameworks = (await get('/frameworks?key=asem')).json().items;
    const v2 = frameworks.find((f: { version: number }) => f.version === 2);
    const res = await post('/runs', { datasetId, frameworkId: v2.id, pipeline: ASEM_PIPELINE });
    expect(res.statusCode).toBe(201);
    const reweighted: TRun = res.json();
    expect(reweighted.frameworkId).toBe(v2.id);
    expect(reweighted.versions.meta).toBe(v2.metaSha256);
    expect(reweighted.results.units.map((u) => u.uCode)).not.toEqual(run.results.units.map((u) => u.uCode));
  });

  test('a pipeline that cannot run (gmean over zeros), an unknown dataset or a bad step: 400 with the field, never 500', async () => {
    const gmean = { steps: [...ASEM_PIPELINE.steps.slice(0, -1), { op: 'aggregate', method: 'gmean' }] };
    const res = await post('/runs', { datasetId, pipeline: gmean });
    expect(res.statusCode).toBe(400);
    expect(fields(res.json())).toEqual(['pipeline:pipeline_failed']);
    expect(res.json().error.message).toMatch(/geometric mean/);
    expect(fields((await post('/runs', { datasetId: 'nope', pipeline: ASEM_PIPELINE })).json())).toEqual(['datasetId:unknown_dataset']);
    expect(fields((await post('/runs', { datasetId, frameworkId: 'nope', pipeline: ASEM_PIPELINE })).json())).toEqual(['frameworkId:unknown_framework']);
    const typo = await post('/runs', { datasetId, pipeline: { steps: [{ op: 'normalise', method: 'minmax', rnage: [0, 1] }, { op: 'aggregate', method: 'amean' }] } });
    expect(typo.statusCode).toBe(400);
    const group = await post('/runs', { datasetId, pipeline: { steps: [{ op: 'impute', method: 'groupMean', group: 'NoSuchGroup' }, { op: 'normalise', method: 'minmax' }, { op: 'aggregate', method: 'amean' }] } });
    expect(group.statusCode).toBe(400);
    expect((await post('/runs', { datasetId, pipeline: ASEM_PIPELINE }, officer)).statusCode).toBe(403);
  });

  test('weights derived from a run: PCA by group, balance and infomax; nothing saved; mistakes on the field', async () => {
    const pca = await post(`/runs/${run.id}/weights`, { method: 'pca', level: 1 });
    expect(pca.statusCode).toBe(200);
    const derived = pca.json();
    expect(derived).toMatchObject({ method: 'pca', level: 1, dataset: 'normalised' });
    expect(derived.elements).toHaveLength(49);
    expect(derived.groups.length).toBeGreaterThan(1);
    for (const g of derived.groups) expect(g.varianceExplained).toBeGreaterThan(0);
    const balance = (await post(`/runs/${run.id}/weights`, { method: 'balance', level: 2 })).json();
    expect(balance.elements.map((e: { desiredShare: number }) => e.desiredShare)).toEqual(balance.elements.map(() => 1 / balance.elements.length));
    expect(balance.elements.reduce((s: number, e: { derived: number }) => s + e.derived, 0)).toBeCloseTo(1, 10);
    expect(typeof balance.converged).toBe('boolean');
    const wrong = await post(`/runs/${run.id}/weights`, { method: 'balance', level: 2, targets: [1, 2] });
    expect(wrong.statusCode).toBe(400);
    expect(fields(wrong.json())).toEqual(['targets:wrong_length']);
    expect(fields((await post(`/runs/${run.id}/weights`, { method: 'pca', level: 4 })).json())).toEqual(['level:index_level']);
    expect(fields((await post(`/runs/${run.id}/weights`, { method: 'pca', level: 9 })).json())).toEqual(['level:no_such_level']);
    expect((await post(`/runs/${run.id}/weights`, { method: 'pca', level: 1 }, officer)).statusCode).toBe(403);
  });

  test('every write is audited', async () => {
    const rows = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(and(like(auditEvents.action, 'evaluation.%'), eq(auditEvents.centreId, 'beijing')));
    const actions = rows.map((r) => r.action);
    expect(actions.filter((a) => a === 'evaluation.dataset.create')).toHaveLength(1);
    expect(actions.filter((a) => a === 'evaluation.framework.save')).toHaveLength(2);
    expect(actions.filter((a) => a === 'evaluation.run.create').length).toBeGreaterThanOrEqual(3);
  });
});

describe('sensitivity analyses', () => {
  const poll = async (id: string): Promise<TAnalysis> => {
    for (let i = 0; i < 600; i++) {
      const analysis: TAnalysis = (await get(`/analyses/${id}`, officer)).json();
      if (analysis.status !== 'running') return analysis;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('analysis did not finish');
  };

  test('a job runs on worker threads and gives the same numbers as the engine in one thread', async () => {
    const spec = { ...ASEM_SENSITIVITY, N: 40, bootstrap: 200 };
    const res = await post('/analyses', { datasetId, spec });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'running', runCount: 200 });
    const done = await poll(res.json().id);
    expect(done.status).toBe('succeeded');
    expect(done.result?.rankStats).toHaveLength(51);
    expect(done.result?.indices.map((i) => i.input)).toEqual(['Weights', 'Normalisation', 'Aggregation']);

    const parsed = ZSensitivitySpec.parse(spec);
    const plan = planSensitivity(input, parsed);
    const expected = summariseSensitivity(plan, runSensitivityRange(plan, 0, plan.runCount));
    expect(done.result?.indices.map((i) => i.STi)).toEqual(expected.indices.map((i) => i.STi));
    expect(done.result?.rankStats.map((r) => [r.uCode, r.q5, r.q95])).toEqual(expected.rankStats.map((r) => [r.uCode, r.q5, r.q95]));
    expect((await get('/analyses')).json().items[0]).toMatchObject({ id: done.id, status: 'succeeded', result: null });
  });

  test('a design too large, a target that does not exist, or a nominal pipeline that fails: 400', async () => {
    const big = await post('/analyses', { datasetId, spec: { ...ASEM_SENSITIVITY, N: 5000 } });
    expect(fields(big.json())).toEqual(['spec.N:too_many_runs']);
    const target = await post('/analyses', { datasetId, spec: { ...ASEM_SENSITIVITY, N: 10, target: 'Nope' } });
    expect(target.statusCode).toBe(400);
    const gmean = { ...ASEM_SENSITIVITY, N: 10, pipeline: { steps: [...ASEM_SENSITIVITY.pipeline.steps.slice(0, 3), { op: 'normalise', method: 'minmax', range: [0, 100] }, { op: 'aggregate', method: 'gmean' }] } };
    const failing = await post('/analyses', { datasetId, spec: gmean });
    expect(failing.statusCode).toBe(400);
    expect(fields(failing.json())).toEqual(['spec.pipeline:pipeline_failed']);
    expect((await post('/analyses', { datasetId, spec: { ...ASEM_SENSITIVITY, N: 10 } }, officer)).statusCode).toBe(403);
  });
});
