import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TIndicator, TObservationImportReport, TTarget } from '../../../shared/schemas/indicators.js';
import { latestFigures } from '../../../core/indicators/latest.js';
import { auditEvents, sources } from '../../../db/schema/index.js';
import { writeTable } from '../../tabular.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
let analyst: Session;
let officer: Session;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  analyst = await t.userWithRole('analyst');
  officer = await t.userWithRole('service_officer');
});
afterAll(() => t.close());

const C = '/api/centres/beijing';
const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, session: Session | 'anonymous' = analyst) =>
  t.request({ method, url: `${C}${url}`, ...(payload === undefined ? {} : { payload: payload as object }), session: session === 'anonymous' ? undefined : session });
const get = (url: string, session?: Session) => t.request({ method: 'GET', url: `${C}${url}`, session });
const fields = (res: { json: () => { error: { details?: { fields?: { path: string; reason: string }[] } } } }) => res.json().error.details?.fields?.map((f) => `${f.path}:${f.reason}`);
const upload = (body: Buffer, query: string, session: Session = analyst) =>
  t.request({ method: 'POST', url: `${C}/observations/import?${query}`, payload: body, headers: { 'content-type': 'text/csv' }, session });
const csv = (rows: string[][]) => writeTable(rows[0] as string[], rows.slice(1), 'csv', 'x');

describe('the catalogue (open data)', () => {
  test('seed indicators carry definition, frequency, level and source; figures carry period and provenance', async () => {
    const res = await get('/indicators/invention_patents_per_10k');
    expect(res.statusCode).toBe(200);
    const { indicator } = res.json() as { indicator: TIndicator };
    expect(indicator).toMatchObject({ level: 'centre', frequency: 'annual', isSample: false });
    expect(indicator.definitionZh).toMatch(/有效发明专利/);
    expect(indicator.sourceId).toBeTruthy();
    expect(indicator.observations.map((o) => [o.period, o.value, o.provenance])).toEqual([
      ['2014', 48.2, 'source'],
      ['2023', 262.9, 'source'],
    ]);
    expect(indicator.observations[1]?.citation.quote).toMatch(/262\.9/);
  });

  test('rankings are city-level (international comparison); filtering by level works', async () => {
    const { items } = (await get('/indicators?level=city')).json() as { items: TIndicator[] };
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.level === 'city' && i.metricType === 'ranking')).toBe(true);
  });

  test('figures=latest returns each indicator with its latest figures and the counts of all of them, as the full catalogue would choose', async () => {
    const all = ((await get('/indicators')).json() as { items: TIndicator[] }).items;
    const res = await get('/indicators?figures=latest');
    expect(res.statusCode).toBe(200);
    const latest = (res.json() as { items: TIndicator[] }).items;
    expect(latest.map((i) => i.code)).toEqual(all.map((i) => i.code));
    const patents = latest.find((i) => i.code === 'invention_patents_per_10k');
    expect(patents?.observations.map((o) => [o.period, o.value])).toEqual([['2023', 262.9]]);
    expect(patents).toMatchObject({ figureCount: 2, subjectCount: 1 });
    for (const full of all) {
      const slim = latest.find((i) => i.code === full.code) as TIndicator;
      expect(slim.figureCount).toBe(full.observations.length);
      expect(slim.subjectCount).toBe(full.subjectCount);
      expect(slim.observations.map((o) => o.id).sort()).toEqual((latestFigures(full.observations)?.figures ?? []).map((o) => o.id).sort());
    }
    expect((await get('/indicators?figures=some')).statusCode).toBe(400);
  });

  test('the goals of the sources are qualitative targets with their deadline and quote, not yet assessed', async () => {
    const { items } = (await get('/targets')).json() as { items: TTarget[] };
    const goal = items.find((i) => i.code === 'GOAL-01');
    expect(goal).toMatchObject({ deadline: '2025', comparison: null, targetValue: null, progress: { status: 'not_assessed', basis: 'none' } });
    expect(goal?.citation?.quote).toMatch(/2025/);
    expect(items.length).toBe(21);
  });

  test('an unknown indicator or centre is a 404', async () => {
    expect((await get('/indicators/nope')).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/centres/nowhere/targets' })).statusCode).toBe(404);
  });
});

const districtIndicator = { code: 'test_rnd_spend_district', nameZh: '区研发经费（测试）', nameEn: 'District R&D spending (test)', unit: 'billion yuan (CNY)', level: 'district', frequency: 'annual', isSample: true };

describe('defining indicators and recording figures', () => {
  test('only indicators:write holders within the centre may write', async () => {
    expect((await send('POST', '/indicators', districtIndicator, officer)).statusCode).toBe(403);
    expect((await send('POST', '/indicators', districtIndicator, 'anonymous')).statusCode).toBe(401);
  });

  test('an analyst defines an indicator; a repeated code is a 409, a bad one a 400 on the field', async () => {
    const res = await send('POST', '/indicators', districtIndicator);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: districtIndicator.code, level: 'district', direction: 1, observations: [] });
    expect((await send('POST', '/indicators', districtIndicator)).statusCode).toBe(409);
    const bad = await send('POST', '/indicators', { ...districtIndicator, code: '1 bad code' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toContain('code:invalid_format');
    const patched = await send('PATCH', `/indicators/${districtIndicator.code}`, { definitionEn: 'Intramural R&D expenditure of the district.' });
    expect(patched.json()).toMatchObject({ definitionEn: 'Intramural R&D expenditure of the district.', nameEn: districtIndicator.nameEn });
    // The defining source must be one of the centre's.
    const stray = await send('PATCH', `/indicators/${districtIndicator.code}`, { sourceId: 'no-such-source' });
    expect(stray.statusCode).toBe(400);
    expect(fields(stray)).toContain('sourceId:unknown_source');
    const { items: sources } = (await get('/sources')).json() as { items: { id: string }[] };
    const defined = await send('PATCH', `/indicators/${districtIndicator.code}`, { sourceId: sources[0]?.id });
    expect(defined.json()).toMatchObject({ sourceId: sources[0]?.id });
  });

  test('a figure typed in names its subject, period and source; the same cell twice is a 409', async () => {
    const figure = { areaId: 'bj-110108', period: '2022', value: 100, source: { titleZh: '测试统计公报', publishedOn: '2023-03' } };
    const res = await send('POST', `/indicators/${districtIndicator.code}/observations`, figure);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ areaId: 'bj-110108', entityId: null, period: '2022', year: 2022, provenance: 'entry', status: 'measured', citation: { titleZh: '测试统计公报' } });
    const again = await send('POST', `/indicators/${districtIndicator.code}/observations`, figure);
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual(['period:duplicate_period']);
    const noSource = await send('POST', `/indicators/${districtIndicator.code}/observations`, { areaId: 'bj-110108', period: '2023', value: 1 });
    expect(noSource.statusCode).toBe(400);
    expect(fields(noSource)).toContain('sourceId:custom');
    const badPeriod = await send('POST', `/indicators/${districtIndicator.code}/observations`, { ...figure, period: '2023-13' });
    expect(fields(badPeriod)).toContain('period:invalid_format');
    const unknownArea = await send('POST', `/indicators/${districtIndicator.code}/observations`, { ...figure, areaId: 'bj-nowhere', period: '2024' });
    expect(unknownArea.statusCode).toBe(400);
    expect(fields(unknownArea)).toEqual(['areaId:unknown_area']);
  });

  test('a correction and a withdrawal are audited with the value before', async () => {
    const { indicator } = (await get(`/indicators/${districtIndicator.code}`)).json() as { indicator: TIndicator };
    const id = indicator.observations[0]?.id as string;
    const fixed = await send('PATCH', `/observations/${id}`, { value: 101.5 });
    expect(fixed.json()).toMatchObject({ value: 101.5 });
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'observation.update'), eq(auditEvents.entityId, id)));
    expect((event?.before as { value: number }).value).toBe(100);
    expect((await send('DELETE', `/observations/${id}`)).statusCode).toBe(204);
    expect((await send('DELETE', `/observations/${id}`)).statusCode).toBe(404);
  });
});

describe('importing figures', () => {
  const header = ['指标代码', '地区', '期间', '数值', '状态', '原文数值'];
  const good = [
    header,
    [districtIndicator.code, '海淀区', '2021', '80', '', ''],
    [districtIndicator.code, 'Haidian District', '2022', '1,000.5', '实测', '1000.5亿元'],
    [districtIndicator.code, 'bj-110105', '2022', '300', 'measured', ''],
    [districtIndicator.code, '朝阳区', '2025', '500', '目标', ''],
  ];

  test('a file with bad rows writes nothing and says what is wrong with each row', async () => {
    const bad = [header, ...good.slice(1, 3), ['no_such_indicator', '海淀区', '2022', '1', '', ''], [districtIndicator.code, '火星', '22', 'abc', '猜的', ''], [districtIndicator.code, '海淀区', '2021', '81', '', '']];
    const res = await upload(await csv(bad), 'fileName=bad.csv');
    expect(res.statusCode).toBe(200);
    const report = res.json() as TObservationImportReport;
    expect(report).toMatchObject({ written: false, rows: 5, failed: 3, sourceId: null });
    expect(report.errors.map((e) => `${e.row}:${e.column}:${e.reason}`)).toEqual(['4:指标代码:unknown_indicator', '5:地区:unknown_area', '5:期间:not_a_period', '5:数值:not_a_number', '5:状态:unknown_status', '6:期间:duplicate_of_row_2']);
    const { indicator } = (await get(`/indicators/${districtIndicator.code}`)).json() as { indicator: TIndicator };
    expect(indicator.observations).toHaveLength(0);
  });

  test('a missing required column is a 400 before any row is read', async () => {
    const res = await upload(await csv([['指标代码', '数值'], ['x', '1']]), 'fileName=x.csv');
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['period:missing_column']);
  });

  test('a dry run counts; the import writes every row under one source row of kind import, audited once', async () => {
    const file = await csv(good);
    const dry = (await upload(file, 'fileName=district-rnd.csv&dryRun=true')).json() as TObservationImportReport;
    expect(dry).toMatchObject({ written: false, inserted: 4, updated: 0, failed: 0 });
    const res = await upload(file, 'fileName=district-rnd.csv&sourceTitle=测试区统计年鉴&publishedOn=2026-01');
    const report = res.json() as TObservationImportReport;
    expect(report).toMatchObject({ written: true, rows: 4, inserted: 4, updated: 0, unchanged: 0, failed: 0 });
    const [source] = await t.database.db.select().from(sources).where(eq(sources.id, report.sourceId as string));
    expect(source).toMatchObject({ kind: 'import', titleZh: '测试区统计年鉴', fileName: 'district-rnd.csv', publishedOn: '2026-01' });
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'observations.import'), eq(auditEvents.entityId, report.sourceId as string)));
    expect(events).toHaveLength(1);
    const { indicator } = (await get(`/indicators/${districtIndicator.code}`)).json() as { indicator: TIndicator };
    const haidian2022 = indicator.observations.find((o) => o.areaId === 'bj-110108' && o.period === '2022');
    expect(haidian2022).toMatchObject({ value: 1000.5, valueAsGiven: '1000.5亿元', provenance: 'import', isSample: false, citation: { sourceId: report.sourceId, titleZh: '测试区统计年鉴' } });
    expect(indicator.observations.filter((o) => o.status === 'target')).toHaveLength(1);
  });

  test('the same file again changes nothing; a changed figure is updated, not added', async () => {
    expect((await upload(await csv(good), 'fileName=district-rnd.csv')).json()).toMatchObject({ written: true, inserted: 0, updated: 0, unchanged: 4 });
    const changed = [header, [districtIndicator.code, '海淀区', '2022', '1100', '', ''], [districtIndicator.code, '海淀区', '2023', '1200', '', '']];
    expect((await upload(await csv(changed), 'fileName=revised.csv')).json()).toMatchObject({ written: true, inserted: 1, updated: 1, unchanged: 0 });
    const { indicator } = (await get(`/indicators/${districtIndicator.code}`)).json() as { indicator: TIndicator };
    expect(indicator.observations.filter((o) => o.areaId === 'bj-110108' && o.status === 'measured').map((o) => [o.period, o.value])).toEqual([
      ['2021', 80],
      ['2022', 1100],
      ['2023', 1200],
    ]);
  });

  test('the export goes back in unchanged, and the template has the headers', async () => {
    const exported = await get(`/observations/export?format=csv&indicator=${districtIndicator.code}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    const back = (await upload(exported.rawPayload, 'fileName=roundtrip.csv')).json() as TObservationImportReport;
    expect(back).toMatchObject({ failed: 0, inserted: 0, updated: 0, unchanged: 5 });
    const template = await get('/observations/template?format=csv', analyst);
    expect(template.body).toMatch(/^\uFEFF指标代码,地区,机构,期间,数值/);
    expect((await get('/observations/template?format=csv')).statusCode).toBe(401);
  });

  test('a file that is not what its name says is a 400, not a 500', async () => {
    const res = await t.request({ method: 'POST', url: `${C}/observations/import?fileName=broken.xlsx`, payload: Buffer.from('not a zip at all'), headers: { 'content-type': 'application/octet-stream' }, session: analyst });
    expect(res.statusCode).toBe(400);
    const empty = await upload(Buffer.from(''), 'fileName=empty.csv');
    expect(empty.statusCode).toBe(400);
  });

  test('an XLSX file imports like a CSV', async () => {
    const file = await writeTable(header, [[districtIndicator.code, '朝阳区', '2023', 320, '', '']], 'xlsx', 'x');
    const res = await t.request({ method: 'POST', url: `${C}/observations/import?fileName=a.xlsx`, payload: file, headers: { 'content-type': 'application/octet-stream' }, session: analyst });
    expect(res.json()).toMatchObject({ written: true, inserted: 1, failed: 0 });
  });
});

describe('targets and progress', () => {
  let targetId: string;
  const target = {
    code: 'TEST-HAIDIAN-RND',
    nameZh: '海淀研发经费目标（测试）',
    nameEn: 'Haidian R&D spending target (test)',
    indicatorCode: districtIndicator.code,
    areaId: 'bj-110108',
    comparison: 'at_least',
    targetValue: 2000,
    deadline: '2027',
    isSample: true,
  };

  test('a quantitative target gets its progress from the figures: trend, projection, status', async () => {
    const res = await send('POST', '/targets', target);
    expect(res.statusCode).toBe(201);
    const created = res.json() as TTarget;
    targetId = created.id;
    // 80 (2021), 1100 (2022), 1200 (2023): least squares 560 a year, projects 3440 by 2027.
    expect(created.progress).toMatchObject({ status: 'on_track', basis: 'figures', latest: { period: '2023', value: 1200 }, baseline: { period: '2021', value: 80 }, remaining: 800 });
    expect(created.progress.slopePerYear).toBeCloseTo(560, 6);
    expect(created.progress.share).toBeCloseTo(1120 / 1920, 10);
    expect(created.unit).toBe('billion yuan (CNY)');
  });

  test('a new figure moves the target; an inconsistent definition is refused on its field', async () => {
    await upload(await csv([['指标代码', '地区', '期间', '数值'], [districtIndicator.code, '海淀区', '2024', '2100']]), 'fileName=2024.csv');
    const { targets } = (await get(`/indicators/${districtIndicator.code}`)).json() as { targets: TTarget[] };
    expect(targets.find((x) => x.id === targetId)?.progress.status).toBe('achieved');
    const half = await send('POST', '/targets', { ...target, code: 'TEST-X', targetValue: null });
    expect(fields(half)).toContain('targetValue:custom');
    const noIndicator = await send('POST', '/targets', { ...target, code: 'TEST-Y', indicatorCode: 'missing_one' });
    expect(fields(noIndicator)).toEqual(['indicatorCode:unknown_indicator']);
    expect((await send('POST', '/targets', target)).statusCode).toBe(409);
  });

  test('analysts assess a qualitative goal; the assessment is its status', async () => {
    const { items } = (await get('/targets')).json() as { items: TTarget[] };
    const goal = items.find((i) => i.code === 'GOAL-01') as TTarget;
    const res = await send('PUT', `/targets/${goal.id}`, { code: goal.code, nameZh: goal.nameZh, nameEn: goal.nameEn, deadline: goal.deadline, assessment: 'achieved', assessmentNote: 'test note', sourceId: goal.citation?.sourceId, quote: goal.citation?.quote });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ assessment: 'achieved', progress: { status: 'achieved', basis: 'assessment' } });
    expect((await send('DELETE', `/targets/${targetId}`)).statusCode).toBe(204);
    expect((await send('DELETE', `/targets/${targetId}`)).statusCode).toBe(404);
  });
});
