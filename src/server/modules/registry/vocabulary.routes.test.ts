import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { csvLine } from '../../../core/tabular/csv.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
let admin: Session;
let officer: Session;
let analyst: Session;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  admin = await t.userWithRole('admin', { centreId: 'beijing' });
  officer = await t.userWithRole('service_officer');
  analyst = await t.userWithRole('analyst');
});
afterAll(() => t.close());

const C = '/api/centres/beijing';
const term = { category: 'platform', labelZh: '科学城公共平台', labelEn: 'Science-city public platform', description: '示例：配置新增的类型' };

describe('vocabulary', () => {
  test('anyone reads the built-in kinds and recognitions', async () => {
    const res = await t.request({ method: 'GET', url: `${C}/vocabulary` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.kinds).toContainEqual(expect.objectContaining({ code: 'national_key_lab', category: 'national_lab', builtIn: true }));
    expect(body.recognitions).toContainEqual(expect.objectContaining({ code: 'little_giant', builtIn: true }));
    expect((await t.request({ method: 'GET', url: '/api/centres/no-such-centre/vocabulary' })).statusCode).toBe(404);
  });

  test('a centre administrator adds a kind; actors can then be created, imported and filtered with it', async () => {
    expect((await t.request({ method: 'PUT', url: `${C}/vocabulary/kind/science_city_platform`, session: analyst, payload: term })).statusCode).toBe(403);
    const put = await t.request({ method: 'PUT', url: `${C}/vocabulary/kind/science_city_platform`, session: admin, payload: term });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ code: 'science_city_platform', category: 'platform', builtIn: false, labelZh: '科学城公共平台' });
    const vocabulary = (await t.request({ method: 'GET', url: `${C}/vocabulary` })).json();
    expect(vocabulary.kinds).toContainEqual(expect.objectContaining({ code: 'science_city_platform', labelEn: 'Science-city public platform' }));

    const created = await t.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'science_city_platform', nameZh: '示例科学城平台', nameEn: 'Sample Science City Platform', isSample: true } });
    expect(created.statusCode).toBe(201);
    const csv = Buffer.from(`\uFEFF${[['中文名称', '英文名称', '类型代码'], ['示例导入平台', 'Sample Imported Platform', 'science_city_platform'], ['示例未知', 'Sample Unknown', 'no_such_kind']].map(csvLine).join('')}`);
    const imported = (await t.request({ method: 'POST', url: `${C}/imports/organisations?fileName=v.csv`, session: officer, payload: csv, headers: { 'content-type': 'text/csv' } })).json();
    expect(imported).toMatchObject({ inserted: 1, failed: 1, errors: [{ row: 2, column: '类型代码', value: 'no_such_kind', reason: 'unknown_kind' }] });
    const found = (await t.request({ method: 'GET', url: `${C}/search?kind=science_city_platform` })).json();
    expect(found.total).toBe(2);
    expect(found.items.every((i: { category: string }) => i.category === 'platform')).toBe(true);
  });

  test('unknown codes are refused with a field error; built-in codes and a kind’s category are fixed', async () => {
    const unknown = await t.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'spaceship', nameEn: 'Sample Ship', isSample: true } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields).toContainEqual(expect.objectContaining({ path: 'kind', reason: 'unknown_kind' }));
    expect((await t.request({ method: 'PUT', url: `${C}/vocabulary/kind/unicorn_hub`, session: admin, payload: { ...term, category: null } })).statusCode).toBe(400);
    expect((await t.request({ method: 'PUT', url: `${C}/vocabulary/kind/enterprise`, session: admin, payload: term })).statusCode).toBe(409);
    expect((await t.request({ method: 'PUT', url: `${C}/vocabulary/kind/science_city_platform`, session: admin, payload: { ...term, category: 'enterprise' } })).statusCode).toBe(409);
    expect((await t.request({ method: 'PUT', url: `${C}/vocabulary/kind/Bad-Code`, session: admin, payload: term })).statusCode).toBe(400);
  });

  test('recognitions: a centre’s own tier can be awarded once configured, not before', async () => {
    const [entity] = (await t.request({ method: 'GET', url: `${C}/search?q=${encodeURIComponent('示例科学城平台')}` })).json().items;
    const award = () => t.request({ method: 'POST', url: `${C}/entities/${entity.id}/recognitions`, session: officer, payload: { type: 'district_gazelle', validFrom: '2024', sourceNote: '示例' } });
    const before = await award();
    expect(before.statusCode).toBe(400);
    expect(before.json().error.details.fields).toContainEqual(expect.objectContaining({ path: 'type', reason: 'unknown_recognition' }));
    await t.request({ method: 'PUT', url: `${C}/vocabulary/recognition/district_gazelle`, session: admin, payload: { category: null, labelZh: '区级瞪羚企业', labelEn: 'District gazelle firm', description: null } });
    expect((await award()).statusCode).toBe(201);
    const audit = (await t.request({ method: 'GET', url: '/api/audit?entityType=vocabulary_term', session: admin })).json();
    expect(JSON.stringify(audit)).toContain('recognition:district_gazelle');
  });
});
