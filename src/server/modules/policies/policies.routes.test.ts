import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TPolicy, TPolicyDetail, TPolicyVersion, TStackingRule } from '../../../shared/schemas/policies.js';
import { auditEvents } from '../../../db/schema/index.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';
import { SAMPLE_POLICIES } from '../../test-support/policies-fixtures.js';

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
type ErrorJson = { error: { code: string; message: string; details?: { fields?: { path: string; reason: string }[]; reason?: string; [k: string]: unknown } } };
const fields = (res: { json: () => ErrorJson }) => res.json().error.details?.fields?.map((f) => `${f.path}:${f.reason}`);

const [municipal] = SAMPLE_POLICIES as [(typeof SAMPLE_POLICIES)[number]];

describe('the catalogued policies of the fact sheet', () => {
  test('all 21 are listed publicly with level, issuer, source quotes, and no invented benefits or dates', async () => {
    const res = await get('/policies?limit=200');
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json() as { items: TPolicy[]; total: number };
    expect(total).toBe(21);
    expect(items.every((p) => p.status === 'catalogued' && p.versions.length === 0 && p.inForce === null && !p.isSample && p.sourceId !== null)).toBe(true);
    const detail = (await get('/policies/POL-01')).json() as TPolicyDetail;
    expect(detail.policy).toMatchObject({ code: 'POL-01', titleZh: '北京市促进科技成果转化条例', level: 'municipal', issuer: '北京市' });
    expect(detail.benefitsKnown).toBe(false);
    expect(detail.versions).toEqual([]);
    expect(detail.citations.map((c) => c.quote)).toContain('制定实施了《促进科技成果转化条例》');
    // A policy the sources name only in English keeps its English title.
    expect(((await get('/policies/POL-10')).json() as TPolicyDetail).policy.titleZh).toMatch(/^16 measures/);
  });

  test('filters: level, issuer, words of the title', async () => {
    const national = (await get('/policies?level=national&limit=200')).json() as { items: TPolicy[] };
    expect(national.items.length).toBeGreaterThan(0);
    expect(national.items.every((p) => p.level === 'national')).toBe(true);
    const found = (await get(`/policies?q=${encodeURIComponent('人才')}`)).json() as { items: TPolicy[] };
    expect(found.items.map((p) => p.code).sort()).toEqual(['POL-04', 'POL-16']);
    expect(((await get(`/policies?issuer=${encodeURIComponent('国家和')}`)).json() as { items: TPolicy[] }).items.map((p) => p.code)).toEqual(['POL-12']);
    expect(((await get('/policies?inForceOn=2026-01-01')).json() as { total: number }).total).toBe(0);
  });

  test('the fact catalogue is public and says where each fact comes from', async () => {
    const { items } = (await get('/policy-facts')).json() as { items: { name: string; origin: string; questionZh: string }[] };
    expect(items.find((f) => f.name === 'rdIntensity')).toMatchObject({ origin: 'derived' });
    expect(items.find((f) => f.name === 'taxCompliant')).toMatchObject({ origin: 'declared' });
    expect(items.find((f) => f.name === 'employees')?.questionZh).toMatch(/从业人员/);
    expect((await get('/policy-facts'.replace('', '')).then((r) => r.statusCode))).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/centres/nowhere/policy-facts' })).statusCode).toBe(404);
  });
});

describe('authoring: drafts, rules, publishing, versions', () => {
  const url = `/policies/${municipal.code}`;

  test('only policies:write may author; a new policy starts as a draft nobody else sees', async () => {
    const input = { code: municipal.code, titleZh: municipal.titleZh, titleEn: municipal.titleEn, issuer: municipal.issuer, level: municipal.level, isSample: true, validFrom: '2025-01-01' };
    expect((await send('POST', '/policies', input, officer)).statusCode).toBe(403);
    expect((await send('POST', '/policies', input, 'anonymous')).statusCode).toBe(401);
    const res = await send('POST', '/policies', input);
    expect(res.statusCode).toBe(201);
    const created = res.json() as TPolicyDetail;
    expect(created.policy).toMatchObject({ status: 'draft', isSample: true, inForce: null });
    expect(created.versions).toMatchObject([{ version: 1, state: 'draft', validFrom: '2025-01-01', validTo: null, benefits: [] }]);
    expect((await send('POST', '/policies', input)).statusCode).toBe(409);
    expect((await get(url)).statusCode).toBe(404);
    expect((await get(url, officer)).statusCode).toBe(404);
    expect((await get(url, analyst)).statusCode).toBe(200);
    const listed = (await get(`/policies?q=${municipal.code}`)).json() as { total: number };
    expect(listed.total).toBe(0);
  });

  test('a rule the engine refuses is a 400 pointing into the rule; a good one is saved with its facts and text', async () => {
    const bad = structuredClone(municipal.benefits);
    (bad[0] as { rule: unknown }).rule = { and: [{ '>=': [{ var: 'rdIntensity' }, 3] }, { frobnicate: [1] }] };
    (bad[1] as { rule: unknown }).rule = { in: ['high_tech_enterprise', { var: 'tierz' }] };
    const res = await send('PATCH', `${url}/versions/1`, { clauses: municipal.clauses, benefits: bad });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(expect.arrayContaining(['benefits.0.rule.and.1.frobnicate:unknown_operator', 'benefits.1.rule.in.1.var:unknown_fact']));
    const refs = structuredClone(municipal.benefits);
    (refs[0] as { clauseRefs: string[] }).clauseRefs = ['第九条'];
    (refs[1] as { code: string }).code = 'rd-grant';
    const refsRes = await send('PATCH', `${url}/versions/1`, { clauses: municipal.clauses, benefits: refs, validTo: '2024-01-01' });
    expect(fields(refsRes)).toEqual(expect.arrayContaining(['validTo:before_valid_from', 'benefits.0.clauseRefs.0:unknown_clause', 'benefits.1.code:duplicate_code']));
    const rate = await send('PATCH', `${url}/versions/1`, { benefits: [{ ...municipal.benefits[0], amount: null, rate: 10, rateBase: 'taxCompliant' }] });
    expect(fields(rate)).toEqual(['benefits.0.clauseRefs.0:unknown_clause', 'benefits.0.rateBase:unknown_fact']);
    const good = await send('PATCH', `${url}/versions/1`, { clauses: municipal.clauses, benefits: municipal.benefits, legalText: '示例文本' });
    expect(good.statusCode).toBe(200);
    const version = good.json() as TPolicyVersion;
    expect(version.benefits[0]).toMatchObject({ code: 'rd-grant', amount: 500_000, factsUsed: ['rdIntensity', 'taxCompliant'] });
    expect(version.benefits[0]?.ruleText.zh.length).toBeGreaterThan(0);
  });

  test('publishing makes the version public and immutable', async () => {
    const res = await send('POST', `${url}/versions/1/publish`, {});
    expect(res.statusCode).toBe(200);
    const detail = res.json() as TPolicyDetail;
    expect(detail.policy.status).toBe('published');
    expect(detail.versions[0]).toMatchObject({ state: 'published', validFrom: '2025-01-01', validTo: null });
    expect((await get(url)).statusCode).toBe(200);
    const edit = await send('PATCH', `${url}/versions/1`, { legalText: 'changed' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.details.reason).toBe('published_immutable');
    expect((await send('POST', `${url}/versions/1/publish`, {})).json().error.details.reason).toBe('already_published');
    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'policy_version.publish'));
    expect(event).toMatchObject({ entityType: 'policy_version', centreId: 'beijing' });
  });

  test('a second version overlapping the first is refused with a clear message, then supersedes it', async () => {
    const draft = await send('POST', `${url}/versions`, { validFrom: '2026-01-01', changeNote: '示例修订' });
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ version: 2, state: 'draft', validFrom: '2026-01-01', benefits: [{ code: 'rd-grant' }, { code: 'hte-bonus' }] });
    expect((await send('POST', `${url}/versions`, {})).json().error.details.reason).toBe('draft_exists');
    // Drafts are for authors only.
    expect((await get(`${url}/versions/2`)).statusCode).toBe(404);
    expect((await get(`${url}/versions/2`, analyst)).statusCode).toBe(200);
    await send('PATCH', `${url}/versions/2`, { benefits: [{ ...municipal.benefits[0], amount: 600_000 }, municipal.benefits[1]] });
    const clash = await send('POST', `${url}/versions/2/publish`, {});
    expect(clash.statusCode).toBe(409);
    const body = clash.json() as ErrorJson;
    expect(body.error.details).toMatchObject({ reason: 'validity_overlap', canSupersede: true, overlaps: [{ version: 1, validFrom: '2025-01-01', validTo: null }] });
    expect(body.error.message).toMatch(/overlaps version 1 \(2025-01-01 – open\).*supersede.*2025-12-31/);
    const published = await send('POST', `${url}/versions/2/publish`, { supersede: true });
    expect(published.statusCode).toBe(200);
    expect((published.json() as TPolicyDetail).versions.map((v) => [v.version, v.validFrom, v.validTo])).toEqual([
      [1, '2025-01-01', '2025-12-31'],
      [2, '2026-01-01', null],
    ]);
    const superseded = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'policy_version.supersede'));
    expect(superseded).toHaveLength(1);
  });

  test('the version in force at a date', async () => {
    const at = async (date: string) => (await get(`${url}/in-force?date=${date}`)).json() as TPolicyVersion;
    expect((await at('2025-06-30')).version).toBe(1);
    expect((await at('2025-12-31')).version).toBe(1);
    expect((await at('2026-01-01')).version).toBe(2);
    expect((await at('2026-01-01')).benefits[0]?.amount).toBe(600_000);
    const before = await get(`${url}/in-force?date=2024-12-31`);
    expect(before.statusCode).toBe(404);
    expect((await get(`${url}/in-force`)).json()).toMatchObject({ version: 2 }); // today (2026-03-01 on the test clock)
    expect(((await get(`/policies?inForceOn=2025-03-01`)).json() as { items: TPolicy[] }).items.map((p) => [p.code, p.inForce?.version])).toEqual([[municipal.code, 1]]);
    expect((await get(`${url}/in-force?date=2025-02-30`)).statusCode).toBe(400);
  });

  test('a closed published version cannot be superseded: the overlap is refused whatever the flag', async () => {
    await send('POST', `${url}/versions`, { validFrom: '2025-06-01' });
    await send('PATCH', `${url}/versions/3`, { validTo: '2025-09-30' });
    const res = await send('POST', `${url}/versions/3/publish`, { supersede: true });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toMatchObject({ reason: 'validity_overlap', canSupersede: false });
    expect(res.json().error.message).toMatch(/Change this draft's dates/);
  });

  test('metadata edits keep the code and are audited', async () => {
    const res = await send('PATCH', url, { titleEn: 'Sample: renamed (test data)', code: 'ignored' });
    expect(res.statusCode).toBe(200);
    expect((res.json() as TPolicyDetail).policy).toMatchObject({ code: municipal.code, titleEn: 'Sample: renamed (test data)' });
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'policy.update')));
    expect(events.length).toBeGreaterThan(0);
  });
});

describe('rule tools', () => {
  test('checking a rule gives problems with their paths, or the facts it reads and its text', async () => {
    const bad = (await send('POST', '/policy-rules/check', { rule: { or: [{ '>': [{ var: 'employees' }] }] } })).json() as { valid: boolean; problems: { path: string; reason: string }[] };
    expect(bad.valid).toBe(false);
    expect(bad.problems.map((p) => `${p.path}:${p.reason}`)).toEqual(['or.0.>:arity']);
    const good = (await send('POST', '/policy-rules/check', { rule: { and: [{ '>=': [{ var: 'employees' }, 50] }, { var: 'taxCompliant' }] } })).json();
    expect(good).toMatchObject({ valid: true, problems: [], factsUsed: ['employees', 'taxCompliant'] });
    expect(good.text.en.length).toBeGreaterThan(0);
    expect(fields(await send('POST', '/policy-rules/check', {}))).toEqual(['rule:invalid_type']);
    expect((await send('POST', '/policy-rules/check', { rule: {} }, officer)).statusCode).toBe(403);
  });
});

describe('stacking rules', () => {
  beforeAll(async () => {
    const district = SAMPLE_POLICIES[1] as (typeof SAMPLE_POLICIES)[number];
    await send('POST', '/policies', { code: district.code, titleZh: district.titleZh, issuer: district.issuer, level: district.level, isSample: true, validFrom: district.validFrom });
    await send('PATCH', `/policies/${district.code}/versions/1`, { clauses: district.clauses, benefits: district.benefits });
    await send('POST', `/policies/${district.code}/versions/1/publish`, {});
  });

  test('a rule must name benefits that exist, two different ones', async () => {
    const res = await send('POST', '/policy-stacking-rules', { kind: 'exclusive', benefitA: 'SAMPLE-M1/rd-grant', benefitB: 'SAMPLE-D1/nope' });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['benefitB:unknown_benefit']);
    expect(fields(await send('POST', '/policy-stacking-rules', { kind: 'exclusive', benefitA: 'NOPE/x', benefitB: 'SAMPLE-M1/rd-grant' }))).toEqual(['benefitA:unknown_policy']);
    expect(fields(await send('POST', '/policy-stacking-rules', { kind: 'exclusive', benefitA: 'SAMPLE-M1/rd-grant', benefitB: 'SAMPLE-M1/rd-grant' }))).toEqual(['benefitB:same_benefit']);
    expect(fields(await send('POST', '/policy-stacking-rules', { kind: 'both', benefitA: 'a', benefitB: 'b' }))).toEqual(expect.arrayContaining(['kind:invalid_value', 'benefitA:invalid_format']));
  });

  test('create across levels, list publicly with names, refuse the same pair reversed, delete (audited)', async () => {
    const res = await send('POST', '/policy-stacking-rules', { kind: 'no_double_funding', benefitA: 'SAMPLE-M1/rd-grant', benefitB: 'SAMPLE-D1/district-rd', note: '示例' });
    expect(res.statusCode).toBe(201);
    const rule = res.json() as TStackingRule;
    expect([rule.benefitA.level, rule.benefitB.level].sort()).toEqual(['district', 'municipal']);
    expect((await send('POST', '/policy-stacking-rules', { kind: 'exclusive', benefitA: 'SAMPLE-D1/district-rd', benefitB: 'SAMPLE-M1/rd-grant' })).statusCode).toBe(409);
    const { items } = (await get('/policy-stacking-rules')).json() as { items: TStackingRule[] };
    expect(items).toHaveLength(1);
    expect(items[0]?.benefitB.nameZh ?? items[0]?.benefitA.nameZh).toBeTruthy();
    expect((await send('DELETE', `/policy-stacking-rules/${rule.id}`, undefined, officer)).statusCode).toBe(403);
    expect((await send('DELETE', `/policy-stacking-rules/${rule.id}`)).statusCode).toBe(204);
    expect((await send('DELETE', `/policy-stacking-rules/${rule.id}`)).statusCode).toBe(404);
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, rule.id)).orderBy(auditEvents.seq);
    expect(events.map((e) => e.action)).toEqual(['policy_stacking_rule.create', 'policy_stacking_rule.delete']);
  });
});

describe('bad input is a 4xx, never a 500', () => {
  test('odd bodies, params and queries', async () => {
    const cases = [
      await send('PATCH', '/policies/SAMPLE-M1/versions/abc', {}),
      await send('PATCH', '/policies/SAMPLE-M1/versions/99', { legalText: 'x' }),
      await send('PATCH', '/policies/bad code!/versions/1', {}),
      await send('PATCH', '/policies/SAMPLE-M1/versions/3', { benefits: [{ code: 'x', nameZh: 'x', kind: 'grant', rule: { var: [] } }] }),
      await send('PATCH', '/policies/SAMPLE-M1/versions/3', { benefits: [{ code: 'x', nameZh: 'x', kind: 'grant', rule: { and: { not: 'an array' } } }] }),
      await send('PATCH', '/policies/SAMPLE-M1/versions/3', { benefits: [{ code: 'x', nameZh: 'x', kind: 'grant', rule: { '==': [{ var: 'constructor' }, 1] } }] }),
      await send('PATCH', '/policies/SAMPLE-M1/versions/3', { benefits: 'nope' }),
      await send('POST', '/policies', { code: 'X', titleZh: 'x', issuer: 'x', level: 'galactic' }),
      await send('POST', '/policies/NOPE/versions', {}),
      await get('/policies?limit=0'),
      await get('/policies?inForceOn=yesterday'),
    ];
    for (const res of cases) expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    for (const res of cases) expect(res.statusCode, res.body).toBeLessThan(500);
    // Checking a rule answers 200 with its problems, whatever the rule.
    for (const rule of [{ if: [] }, [[[[[[[[[{ var: 'x' }]]]]]]]]], { var: { a: 1 } }, { '<': [1, 2, 3, 4] }, 'text', null, 1e308]) {
      const res = await send('POST', '/policy-rules/check', { rule });
      expect(res.statusCode, res.body).toBe(200);
    }
  });
});
