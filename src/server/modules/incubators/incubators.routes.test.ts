import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listAuditEvents, verifyAuditChain } from '../../../db/audit-log.js';
import { investmentRounds, patentParties, patents, techContracts } from '../../../db/schema/index.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

/**
 * Incubators through the API, sample records only: an officer gives a
 * registry organisation an incubator profile, its own member records a 2021
 * cohort of three start-ups and their exits; rounds, a registered contract
 * and a patent (fixtures written straight to the tables) feed the funnel; a
 * corporate incubator's cohort makes the comparison by type; the survival
 * rate becomes a derived figure naming its records. Refusals along the way.
 */
let t: TestApp;
const C = '/api/centres/beijing';
const HAIDIAN = 'bj-110108';
let officer: Session;
let analyst: Session;
const ids: Record<string, string> = {};
const s: Record<string, Session> = {};

type Res = Awaited<ReturnType<TestApp['request']>>;
const req = (method: 'GET' | 'POST' | 'PATCH', url: string, session?: Session, payload?: unknown): Promise<Res> => t.request({ method, url: `${C}${url}`, session, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const ok = async (p: Promise<Res>, status = 200) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};
const refused = async (p: Promise<Res>, status: number) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json().error as { code: string; details: { fields: { path: string; reason: string }[] } };
};
const at = (e: { details: { fields: { path: string; reason: string }[] } }) => e.details.fields.map((f) => `${f.reason}@${f.path}`).sort();
const entity = async (payload: Record<string, unknown>) => (await ok(req('POST', '/entities', officer, { isSample: true, confirmNotDuplicate: true, ...payload }), 201)).id as string;

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  officer = await t.userWithRole('service_officer');
  analyst = await t.userWithRole('analyst');
  ids.inc = await entity({ kind: 'incubator', nameZh: '示例大学科技园孵化器', nameEn: 'Sample University Science Park Incubator', areaId: HAIDIAN });
  ids.uni = await entity({ kind: 'university', nameZh: '示例大学', nameEn: 'Sample University', areaId: HAIDIAN });
  ids.corp = await entity({ kind: 'incubator', nameZh: '示例企业孵化器', nameEn: 'Sample Corporate Incubator' });
  for (const k of ['a', 'b', 'c', 'd']) ids[k] = await entity({ kind: 'enterprise', nameZh: `示例初创企业${k.toUpperCase()}`, nameEn: `Sample Start-up ${k.toUpperCase()}`, areaId: HAIDIAN });
  ids.person = await entity({ kind: 'talent', nameZh: '示例创业者', nameEn: 'Sample Founder' });
  s.member = await t.userWithRole('enterprise_member', { organisationId: ids.inc });
  s.stranger = await t.userWithRole('enterprise_member', { organisationId: ids.corp });
  s.startup = await t.userWithRole('enterprise_member', { organisationId: ids.a });
});
afterAll(() => t.close());

describe('incubators: profiles, cohorts, funnel, comparison by type', () => {
  test('profiles: field-level refusals; only officers and analysts add them', async () => {
    const bad = await refused(req('POST', '/incubators', officer, { entityId: ids.person, incubatorType: 'castle', confirmedOn: '2024-13-01' }), 400);
    expect(bad.details.fields.map((f) => f.path).sort()).toEqual(['confirmedOn', 'incubatorType']);
    const notOrg = await refused(req('POST', '/incubators', officer, { entityId: ids.person, incubatorType: 'university', operatorId: 'nobody', areaId: 'bj-nowhere', confirmedOn: '2099-01-01' }), 400);
    expect(at(notOrg)).toEqual(['in_future@confirmedOn', 'not_an_organisation@entityId', 'not_found@areaId', 'not_found@operatorId']);
    expect((await refused(req('POST', '/incubators', s.member, { entityId: ids.inc, incubatorType: 'university' }), 403)).code).toBe('FORBIDDEN');
    expect((await refused(req('POST', '/incubators', undefined, { entityId: ids.inc, incubatorType: 'university' }), 401)).code).toBe('UNAUTHENTICATED');
    const created = await ok(req('POST', '/incubators', officer, { entityId: ids.inc, incubatorType: 'university', operatorId: ids.uni, areaId: HAIDIAN, parks: '示例园区', confirmedOn: '2024-03-01', isSample: true }), 201);
    expect(created).toMatchObject({ incubatorType: 'university', operator: { id: ids.uni }, areaId: HAIDIAN, confirmedOn: '2024-03-01', isSample: true, version: 1, cohorts: 0, funnel: { members: 0, survivalRate: null }, cohortList: [] });
    ids.profile = created.id;
    expect(at(await refused(req('POST', '/incubators', analyst, { entityId: ids.inc, incubatorType: 'corporate' }), 409))).toEqual(['profile_exists@entityId']);
    ids.corpProfile = (await ok(req('POST', '/incubators', analyst, { entityId: ids.corp, incubatorType: 'corporate', operatorName: '示例集团', isSample: true }), 201)).id;
    expect((await ok(req('GET', '/incubators'))).items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([ids.profile, ids.corpProfile]));
    expect((await refused(req('GET', '/incubators/no-such'), 404)).code).toBe('NOT_FOUND');
    expect((await refused(t.request({ method: 'GET', url: '/api/centres/nowhere/incubators' }), 404)).code).toBe('NOT_FOUND');
  });

  test('the incubator’s own member keeps its profile and cohorts; other organisations may not', async () => {
    const confirmed = await ok(req('PATCH', `/incubators/${ids.profile}`, s.member, { version: 1, confirmedOn: '2024-06-01', focus: '示例：硬科技' }));
    expect(confirmed).toMatchObject({ version: 2, confirmedOn: '2024-06-01', focus: '示例：硬科技' });
    expect(at(await refused(req('PATCH', `/incubators/${ids.profile}`, officer, { version: 1, parks: 'x' }), 409))).toEqual(['stale_version@version']);
    expect((await refused(req('PATCH', `/incubators/${ids.profile}`, s.stranger, { version: 2, parks: 'x' }), 403)).code).toBe('FORBIDDEN');
    expect((await refused(req('POST', `/incubators/${ids.profile}/cohorts`, s.startup, { intakeYear: 2021 }), 403)).code).toBe('FORBIDDEN');
    const cohort = await ok(req('POST', `/incubators/${ids.profile}/cohorts`, s.member, { intakeYear: 2021 }), 201);
    expect(cohort).toMatchObject({ intakeYear: 2021, term: 'year', isSample: true, residents: [], funnel: { members: 0 } });
    ids.cohort = cohort.id;
    expect(at(await refused(req('POST', `/incubators/${ids.profile}/cohorts`, officer, { intakeYear: 2021, term: 'year' }), 409))).toEqual(['cohort_exists@intakeYear']);
    expect((await refused(req('POST', `/incubators/${ids.profile}/cohorts`, officer, { intakeYear: 1900 }), 400)).details.fields.map((f) => f.path)).toEqual(['intakeYear']);
  });

  test('start-ups enter with checked dates; exits are recorded with their kind', async () => {
    const R = `/incubators/${ids.profile}/cohorts/${ids.cohort}/residents`;
    const bad = await refused(req('POST', R, s.member, { entityId: ids.a, enteredOn: '2022-01-05', exitedOn: '2021-12-01', exitKind: 'in_residence' }), 400);
    expect(at(bad)).toEqual(['before_entry@exitedOn', 'exit_without_kind@exitedOn', 'outside_intake_year@enteredOn']);
    expect(at(await refused(req('POST', R, s.member, { entityId: ids.inc, enteredOn: '2021-03-01' }), 400))).toEqual(['incubator_itself@entityId']);
    expect(at(await refused(req('POST', R, s.member, { entityId: ids.person, enteredOn: '2021-03-01' }), 400))).toEqual(['not_an_organisation@entityId']);
    await ok(req('POST', R, s.member, { entityId: ids.a, enteredOn: '2021-03-01' }), 201);
    await ok(req('POST', R, s.member, { entityId: ids.b, enteredOn: '2021-03-01', exitedOn: '2023-06-30', exitKind: 'graduated' }), 201);
    const three = await ok(req('POST', R, officer, { entityId: ids.c, enteredOn: '2021-04-01' }), 201);
    expect(at(await refused(req('POST', R, officer, { entityId: ids.c, enteredOn: '2021-04-01' }), 409))).toEqual(['resident_exists@entityId']);
    const c = three.residents.find((r: { entity: { id: string } }) => r.entity.id === ids.c);
    expect(at(await refused(req('PATCH', `${R}/${c.id}`, s.member, { version: 1, exitKind: 'failed' }), 400))).toEqual(['required@exitedOn']);
    const failed = await ok(req('PATCH', `${R}/${c.id}`, s.member, { version: 1, exitKind: 'failed', exitedOn: '2022-09-30' }));
    expect(failed.funnel).toMatchObject({ members: 3, surviving: 2, graduated: 1, failed: 1, inResidence: 1, survivalRate: 0.6667, graduationRate: 0.3333 });
    expect(at(await refused(req('PATCH', `${R}/${c.id}`, s.member, { version: 1, exitKind: 'relocated', exitedOn: '2022-09-30' }), 409))).toEqual(['stale_version@version']);
    expect((await refused(req('PATCH', `${R}/${c.id}`, s.stranger, { version: 2, exitKind: 'relocated' }), 403)).code).toBe('FORBIDDEN');
    expect((await refused(req('PATCH', `${R}/no-such`, s.member, { version: 1, exitKind: 'relocated', exitedOn: '2022-09-30' }), 404)).code).toBe('NOT_FOUND');
  });

  test('follow-on funding, contracts and patents count from entry on', async () => {
    const db = t.database.db;
    const now = new Date('2024-01-01T00:00:00Z');
    await db.insert(investmentRounds).values([
      { id: 'r-before', centreId: 'beijing', investeeId: ids.a, announcedOn: '2020-12-01', amount: 1, currency: 'CNY', stage: 'seed', isSample: true, createdAt: now, updatedAt: now },
      { id: 'r-after', centreId: 'beijing', investeeId: ids.b, announcedOn: '2022-05-01', amount: null, currency: 'CNY', stage: 'a', isSample: true, createdAt: now, updatedAt: now },
    ] as (typeof investmentRounds.$inferInsert)[]);
    await db.insert(techContracts).values({ id: 'tc-1', centreId: 'beijing', state: 'registered', contractNumber: 'S-1', contractKey: 's1', title: '示例合同', type: 'development', field: 'electronic_information', sellerId: ids.a, sellerKind: 'enterprise', buyerName: '示例买方', buyerRegion: '110000', amount: 100, technicalAmount: 100, signedOn: '2022-02-01', submittedAt: now, isSample: true, createdAt: now, updatedAt: now } as typeof techContracts.$inferInsert);
    await db.insert(patents).values({ id: 'p-1', centreId: 'beijing', number: 'CN202110000001.1', kind: 'invention', title: '示例专利', applicationDate: '2021-08-01', legalStatus: 'pending', isSample: true, createdAt: now, updatedAt: now } as typeof patents.$inferInsert);
    await db.insert(patentParties).values({ patentId: 'p-1', role: 'applicant', position: 1, name: '示例初创企业B', entityId: ids.b });
    const view = await ok(req('GET', `/incubators/${ids.profile}`));
    const cohort = view.cohortList[0];
    expect(cohort.funnel).toMatchObject({ members: 3, funded: 1, withContracts: 1, withPatents: 1, fundingRate: 0.3333 });
    const byId = Object.fromEntries(cohort.residents.map((r: { entity: { id: string } }) => [r.entity.id, r]));
    expect(byId[ids.a as string]).toMatchObject({ fundingRounds: 0, contracts: 1, patents: 0, surviving: true });
    expect(byId[ids.b as string]).toMatchObject({ fundingRounds: 1, contracts: 0, patents: 1, exitKind: 'graduated' });
    expect(view.funnel).toEqual(cohort.funnel);
  });

  test('comparison by type is like for like, and survival becomes a derived figure with its records', async () => {
    const cohort = await ok(req('POST', `/incubators/${ids.corpProfile}/cohorts`, analyst, { intakeYear: 2021 }), 201);
    await ok(req('POST', `/incubators/${ids.corpProfile}/cohorts/${cohort.id}/residents`, analyst, { entityId: ids.d, enteredOn: '2021-05-01', exitedOn: '2022-05-01', exitKind: 'relocated' }), 201);
    const cmp = await ok(req('GET', '/incubator-comparison'));
    const row = (type: string, year: number | null) => cmp.rows.find((r: { incubatorType: string; intakeYear: number | null }) => r.incubatorType === type && r.intakeYear === year);
    expect(row('university', 2021)).toMatchObject({ incubators: 1, cohorts: 1, funnel: { members: 3, survivalRate: 0.6667 } });
    expect(row('corporate', 2021)).toMatchObject({ incubators: 1, cohorts: 1, funnel: { members: 1, surviving: 1, relocated: 1, survivalRate: 1 } });
    expect(row('corporate', null).funnel.members).toBe(1);

    const refresh = await ok(req('POST', '/derived-figures/refresh', analyst));
    expect(refresh.items.find((r: { key: string }) => r.key === 'incubators')).toMatchObject({ withdrawn: 0 });
    const all = (await ok(req('GET', '/indicators/incubator_survival_rate'))).indicator.observations;
    expect(all).toEqual([expect.objectContaining({ period: '2021', value: 75, provenance: 'derived', isSample: true })]);
    const university = (await ok(req('GET', '/indicators/incubator_survival_rate_university'))).indicator.observations;
    expect(university).toEqual([expect.objectContaining({ period: '2021', value: 66.67 })]);
    const { observations } = await import('../../../db/schema/index.js');
    const { eq } = await import('drizzle-orm');
    const [fig] = await t.database.db.select().from(observations).where(eq(observations.id, all[0].id));
    const derivation = fig?.derivation as { numerator: number; denominator: number; records: unknown[] };
    expect(derivation).toMatchObject({ numerator: 3, denominator: 4 });
    expect(derivation.records).toHaveLength(4);
  });

  test('every write is audited and the chain holds', async () => {
    const actions = (await listAuditEvents(t.database.db, { limit: 100 })).map((e) => e.action).filter((a) => a.startsWith('incubator'));
    expect(new Set(actions)).toEqual(new Set(['incubator.create', 'incubator.update', 'incubator_cohort.create', 'incubator_resident.create', 'incubator_resident.update']));
    expect(actions.filter((a) => a === 'incubator_resident.create')).toHaveLength(4);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
