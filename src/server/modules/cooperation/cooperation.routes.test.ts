import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditEvents, jointLabs, regionalRecords } from '../../../db/schema/index.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

/**
 * Cooperation through the API: joint laboratories need a local and a foreign
 * partner, agreements and hosted organisations carry their countries,
 * regional records move between the configured regions (Beijing–Tianjin–Hebei
 * by default), and the counts by country, year, kind and flow follow. Reads
 * need centre:read, writes cooperation:manage; refusals are field by field;
 * every write is audited.
 */
let t: TestApp;
let analyst: Session;
let officer: Session;
let member: Session;
const B = '/api/centres/beijing/cooperation';
const PARADIGM = 'beijing-ent-040';
const PERSON = 'beijing-ent-089';
const fields = (body: string) => (JSON.parse(body).error.details.fields as { path: string; reason: string }[]).map((f) => `${f.path}:${f.reason}`).sort();
const lab = (extra: Record<string, unknown> = {}) => ({ nameZh: '示例中德联合实验室', field: '人工智能', establishedOn: '2022-04-01', partners: [{ side: 'local', entityId: PARADIGM, country: 'CN' }, { side: 'foreign', name: 'Sample University', country: 'de' }], isSample: true, ...extra });
const move = (extra: Record<string, unknown> = {}) => ({ kind: 'relocation', fromRegion: '110000', toRegion: '130000', title: '示例：生产基地迁往河北', organisationName: '示例制造公司', occurredOn: '2023-06-01', isSample: true, ...extra });

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  analyst = await t.userWithRole('analyst');
  officer = await t.userWithRole('service_officer');
  member = await t.userWithRole('enterprise_member', { organisationId: PARADIGM });
});
afterAll(() => t.close());

describe('access', () => {
  test('reading needs centre:read, writing cooperation:manage', async () => {
    for (const path of ['joint-labs', 'agreements', 'hosted-organisations', 'regional-records', 'statistics', 'config']) {
      expect((await t.request({ method: 'GET', url: `${B}/${path}` })).statusCode).toBe(401);
      expect((await t.request({ method: 'GET', url: `${B}/${path}`, session: member })).statusCode).toBe(403);
      expect((await t.request({ method: 'GET', url: `${B}/${path}`, session: officer })).statusCode).toBe(200);
    }
    expect((await t.request({ method: 'POST', url: `${B}/joint-labs`, session: member, payload: lab() })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: `${B}/regional-records`, session: member, payload: move() })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/cooperation/vocabulary' })).json().defaultConfig.regions.map((r: { code: string }) => r.code)).toEqual(['110000', '120000', '130000']);
  });
});

describe('joint laboratories, agreements, hosted organisations', () => {
  test('a lab needs both sides; a foreign partner is not from the home country; nothing is written on refusal', async () => {
    const r = await t.request({ method: 'POST', url: `${B}/joint-labs`, session: analyst, payload: lab({ endedOn: '2020-01-01', partners: [{ side: 'foreign', name: 'X', country: 'CN' }, { side: 'foreign', entityId: PERSON, country: 'DEU' }] }) });
    expect(r.statusCode).toBe(400);
    expect(fields(r.body)).toEqual(['partners.1.country:invalid_format']);
    const r2 = await t.request({ method: 'POST', url: `${B}/joint-labs`, session: analyst, payload: lab({ endedOn: '2020-01-01', partners: [{ side: 'foreign', name: 'X', country: 'CN' }, { side: 'foreign', entityId: PERSON, country: 'DE' }] }) });
    expect(fields(r2.body)).toEqual(['endedOn:before_start', 'partners.0.country:home_country', 'partners.1.entityId:unknown_entity', 'partners:local_partner_required']);
    expect(await t.database.db.$count(jointLabs)).toBe(0);
  });

  test('a lab is recorded, changed with its version, deleted; each write audited', async () => {
    const r = await t.request({ method: 'POST', url: `${B}/joint-labs`, session: analyst, payload: lab() });
    expect(r.statusCode, r.body).toBe(201);
    const created = r.json();
    expect(created.partners).toEqual([{ side: 'local', entityId: PARADIGM, name: '第四范式（北京）技术有限公司', country: 'CN' }, { side: 'foreign', entityId: null, name: 'Sample University', country: 'DE' }]);
    const u = await t.request({ method: 'PUT', url: `${B}/joint-labs/${created.id}`, session: analyst, payload: { ...lab({ field: '机器学习' }), version: 1 } });
    expect(u.json()).toMatchObject({ field: '机器学习', version: 2 });
    const stale = await t.request({ method: 'PUT', url: `${B}/joint-labs/${created.id}`, session: analyst, payload: { ...lab(), version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect((await t.request({ method: 'PUT', url: `${B}/joint-labs/nope`, session: analyst, payload: { ...lab(), version: 1 } })).statusCode).toBe(404);
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'joint_lab'), eq(auditEvents.entityId, created.id)));
    expect(events.map((e) => e.action).sort()).toEqual(['joint_lab.create', 'joint_lab.update']);
  });

  test('agreements and hosted organisations count by partner country, without the home country', async () => {
    const a = await t.request({ method: 'POST', url: `${B}/agreements`, session: analyst, payload: { title: '示例：中法科技合作协议', subject: '联合研发与人才交流', signedOn: '2023-09-01', parties: [{ side: 'local', entityId: PARADIGM, country: 'CN' }, { side: 'foreign', name: 'Sample Institut', country: 'FR' }, { side: 'foreign', name: 'Sample GmbH', country: 'DE' }], isSample: true } });
    expect(a.statusCode, a.body).toBe(201);
    const badHosted = await t.request({ method: 'POST', url: `${B}/hosted-organisations`, session: analyst, payload: { nameZh: '示例国际组织', kind: 'committee', memberCountries: ['D'] } });
    expect(fields(badHosted.body)).toEqual(['kind:invalid_value', 'memberCountries.0:invalid_format']);
    const h = await t.request({ method: 'POST', url: `${B}/hosted-organisations`, session: analyst, payload: { nameZh: '示例国际科技组织', kind: 'organisation', memberCountries: ['DE', 'US', 'CN', 'DE'], hostedSince: '2021-01-01', isSample: true } });
    expect(h.json().memberCountries).toEqual(['DE', 'US', 'CN']);
    const s = (await t.request({ method: 'GET', url: `${B}/statistics`, session: officer })).json();
    expect(s.international.byCountry).toEqual([
      { country: 'DE', jointLabs: 1, agreements: 1, hostedOrganisations: 1, total: 3 },
      { country: 'FR', jointLabs: 0, agreements: 1, hostedOrganisations: 0, total: 1 },
      { country: 'US', jointLabs: 0, agreements: 0, hostedOrganisations: 1, total: 1 },
    ]);
    expect(s.international).toMatchObject({ jointLabs: 1, agreements: 1, hostedOrganisations: 1 });
    expect(s.published.map((p: { indicatorCode: string }) => p.indicatorCode).sort()).toEqual(['foreign_rnd_centres', 'zgc_forum_events']);
  });
});

describe('regional collaboration', () => {
  test('records go between configured regions; refusals name the field', async () => {
    const r = await t.request({ method: 'POST', url: `${B}/regional-records`, session: analyst, payload: move({ fromRegion: '130000', toRegion: '130000', organisationName: '' }) });
    expect(fields(r.body)).toEqual(['organisationName:required', 'toRegion:same_region']);
    const r2 = await t.request({ method: 'POST', url: `${B}/regional-records`, session: analyst, payload: move({ fromRegion: '310000', kind: 'moving' }) });
    expect(fields(r2.body)).toEqual(['kind:invalid_value']);
    const r3 = await t.request({ method: 'POST', url: `${B}/regional-records`, session: analyst, payload: move({ fromRegion: '310000' }) });
    expect(fields(r3.body)).toEqual(['fromRegion:unknown_region']);
    expect(await t.database.db.$count(regionalRecords)).toBe(0);
    for (const body of [move(), move({ occurredOn: '2024-02-01' }), move({ kind: 'tech_contract', toRegion: '120000', title: '示例：技术开发合同', amount: 3_000_000, entityId: PARADIGM, organisationName: '' })]) {
      const c = await t.request({ method: 'POST', url: `${B}/regional-records`, session: analyst, payload: body });
      expect(c.statusCode, c.body).toBe(201);
    }
    const list = (await t.request({ method: 'GET', url: `${B}/regional-records?kind=tech_contract`, session: officer })).json();
    expect(list.items).toEqual([expect.objectContaining({ organisationName: '第四范式（北京）技术有限公司', amount: 3_000_000 })]);
    const s = (await t.request({ method: 'GET', url: `${B}/statistics`, session: officer })).json();
    expect(s.regional.byYearKind).toEqual([{ year: 2023, kind: 'relocation', records: 1 }, { year: 2023, kind: 'tech_contract', records: 1 }, { year: 2024, kind: 'relocation', records: 1 }]);
    expect(s.regional.flows).toEqual([{ from: '110000', to: '120000', kind: 'tech_contract', records: 1, amount: 3_000_000 }, { from: '110000', to: '130000', kind: 'relocation', records: 2, amount: 0 }]);
    expect(s.regional.samples).toBe(3);
  });

  test('the regions are the centre’s configuration: a region in use cannot be dropped; versions guard changes', async () => {
    const cfg = (await t.request({ method: 'GET', url: `${B}/config`, session: officer })).json();
    expect(cfg).toMatchObject({ isDefault: true, version: null, homeCountry: 'CN' });
    const drop = await t.request({ method: 'PUT', url: `${B}/config`, session: analyst, payload: { nameZh: '京津协同', nameEn: 'Beijing–Tianjin', homeCountry: 'CN', regions: cfg.regions.slice(0, 2), version: null } });
    expect(drop.statusCode).toBe(400);
    expect(fields(drop.body)).toEqual(['regions:region_in_use']);
    const bad = await t.request({ method: 'PUT', url: `${B}/config`, session: analyst, payload: { ...cfg, regions: [...cfg.regions, { code: '11', nameZh: 'x', nameEn: 'x' }, { code: '110000', nameZh: 'y', nameEn: 'y' }], version: null } });
    expect(fields(bad.body)).toEqual(['regions.3.code:region_code', 'regions.4.code:duplicate_region']);
    const ok = await t.request({ method: 'PUT', url: `${B}/config`, session: analyst, payload: { nameZh: '京津冀及晋', nameEn: 'Beijing–Tianjin–Hebei and Shanxi', homeCountry: 'CN', regions: [...cfg.regions, { code: '140000', nameZh: '山西', nameEn: 'Shanxi' }], version: null } });
    expect(ok.statusCode, ok.body).toBe(200);
    const saved = ok.json() as Record<string, unknown>;
    expect(saved).toMatchObject({ isDefault: false, version: 1 });
    expect((await t.request({ method: 'PUT', url: `${B}/config`, session: analyst, payload: { ...saved, isDefault: undefined, version: null } })).statusCode).toBe(409);
    expect((await t.request({ method: 'POST', url: `${B}/regional-records`, session: analyst, payload: move({ fromRegion: '140000' }) })).statusCode).toBe(201);
    expect((await t.request({ method: 'PUT', url: `${B}/config`, session: member, payload: { ...saved, isDefault: undefined } })).statusCode).toBe(403);
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'collaboration_config'));
    expect(events).toHaveLength(1);
  });
});
