import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TEnterpriseMatches } from '../../../shared/schemas/policies.js';
import { auditEvents, entities, entityFacts, recognitions } from '../../../db/schema/index.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';
import { publishSamplePolicies } from '../../test-support/policies-fixtures.js';

/**
 * Matching against SYNTHETIC policies (test-support/policies-fixtures.ts) and
 * synthetic registry figures written straight to the tables below: test data only.
 */

let t: TestApp;
let analyst: Session;
let officer: Session;
let member: Session;
let otherMember: Session;
let researcher: Session;
const C = '/api/centres/beijing';
const ENT = 'beijing-ent-040';
const OTHER = 'beijing-ent-041';

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  analyst = await t.userWithRole('analyst');
  officer = await t.userWithRole('service_officer');
  member = await t.userWithRole('enterprise_member', { organisationId: ENT });
  otherMember = await t.userWithRole('enterprise_member', { organisationId: OTHER });
  researcher = await t.userWithRole('research_member', { organisationId: ENT });
  await publishSamplePolicies((method, url, payload) => t.request({ method, url, session: analyst, ...(payload === undefined ? {} : { payload: payload as object }) }), C);
  const db = t.database.db;
  await db.update(entities).set({ foundedOn: '2014-06' }).where(eq(entities.id, ENT));
  await db.insert(entityFacts).values([
    { id: 'test-f-emp', entityId: ENT, metric: 'employees', year: 2024, value: 120, unit: '人' },
    { id: 'test-f-rev-23', entityId: ENT, metric: 'revenue', year: 2023, value: 9000, unit: '万元' },
    { id: 'test-f-rev', entityId: ENT, metric: 'revenue', year: 2024, value: 10_000, unit: '万元' },
    { id: 'test-f-rd', entityId: ENT, metric: 'rnd_expense', year: 2024, value: 450, unit: '万元' },
  ]);
  await db.insert(recognitions).values({ id: 'test-r-lg', entityId: ENT, type: 'little_giant', validFrom: '2022', validTo: null });
});
afterAll(() => t.close());

const get = (url: string, session?: Session) => t.request({ method: 'GET', url: `${C}${url}`, session });
const send = (method: 'POST' | 'PUT', url: string, payload: unknown, session: Session) => t.request({ method, url: `${C}${url}`, payload: payload as object, session });
type ErrorJson = { error: { code: string; details?: { fields?: { path: string; reason: string }[] } } };
const fields = (res: { json: () => ErrorJson }) => res.json().error.details?.fields?.map((f) => `${f.path}:${f.reason}`);
const byKey = (m: TEnterpriseMatches, key: string) => m.results.find((r) => r.key === key);

describe('an enterprise’s facts', () => {
  test('derived from the registry with their origin: district, founding year, latest figures, R&D intensity, tiers', async () => {
    const res = await get(`/enterprises/${ENT}/policy-facts`, member);
    expect(res.statusCode).toBe(200);
    const { facts, date } = res.json() as { facts: { fact: string; known: boolean; value: unknown; origin: { kind: string; records: { table: string; id: string }[]; year: number | null } | null }[]; date: string };
    expect(date).toBe('2026-03-01');
    const fact = (name: string) => facts.find((f) => f.fact === name);
    expect(fact('area')).toMatchObject({ known: true, value: 'bj-110108', origin: { kind: 'registry' } });
    expect(fact('foundedYear')?.value).toBe(2014);
    expect(fact('employees')).toMatchObject({ value: 120, origin: { year: 2024, records: [{ table: 'entity_facts', id: 'test-f-emp' }] } });
    expect(fact('revenue')?.value).toBe(100_000_000);
    expect(fact('rdIntensity')).toMatchObject({ value: 4.5, origin: { kind: 'derived', year: 2024 } });
    expect(fact('tiers')).toMatchObject({ value: ['little_giant'], origin: { records: [{ table: 'recognitions', id: 'test-r-lg' }] } });
    expect(fact('taxCompliant')).toMatchObject({ known: false, value: null, origin: null });
  });
});

describe('matching one enterprise', () => {
  test('eligible and unknown benefits ranked by value, with explanations, questions and advice', async () => {
    const res = await get(`/enterprises/${ENT}/policy-matches`, member);
    expect(res.statusCode).toBe(200);
    const m = res.json() as TEnterpriseMatches;
    expect(m.results.map((r) => [r.key, r.result, r.value.estimate])).toEqual([
      ['SAMPLE-D1/district-rd', 'eligible', 450_000],
      ['SAMPLE-M1/rd-grant', 'unknown', 500_000],
      ['SAMPLE-M1/hte-bonus', 'ineligible', 200_000],
      ['SAMPLE-P1/young-firm', 'ineligible', 100_000],
    ]);
    expect(m.counts).toEqual({ eligible: 1, unknown: 1, ineligible: 2 });
    const district = byKey(m, 'SAMPLE-D1/district-rd');
    expect(district).toMatchObject({ policy: { level: 'district', isSample: true }, version: 1, value: { basis: 'rate', capped: false }, declaredFacts: [] });
    expect(district?.benefit.tranches).toHaveLength(2);
    expect(district?.clauses.map((c) => c.number)).toEqual(['第三条']);
    expect(district?.explanation).toMatchObject({ op: 'and', truth: 'true', facts: { area: 'bj-110108', employees: 120 } });
    expect(byKey(m, 'SAMPLE-M1/rd-grant')).toMatchObject({ missing: ['taxCompliant'], explanation: { truth: 'unknown' } });
    // A yes/no fact's advice reads as the condition itself.
    expect(byKey(m, 'SAMPLE-M1/rd-grant')?.advice).toEqual(expect.arrayContaining([expect.objectContaining({ fact: 'taxCompliant', textZh: '若纳税信用良好，即可适用', textEn: 'If “tax compliant” holds, the benefit applies' })]));
    expect(m.questions).toMatchObject([{ name: 'taxCompliant', decides: 1, benefits: ['SAMPLE-M1/rd-grant'], type: 'boolean', origin: 'declared' }]);
    expect(m.questions[0]?.questionZh).toMatch(/税/);
    expect(m.conflicts).toEqual([]);
    expect(m.eligibleValue).toBe(450_000);
  });

  test('answering the question flips unknown to eligible; the stacking rule across levels names the one to choose', async () => {
    const res = await send('POST', `/enterprises/${ENT}/policy-facts`, { answers: [{ fact: 'taxCompliant', value: true }] }, member);
    expect(res.statusCode).toBe(200);
    const m = res.json() as TEnterpriseMatches;
    expect(byKey(m, 'SAMPLE-M1/rd-grant')).toMatchObject({ result: 'eligible', missing: [], declaredFacts: ['taxCompliant'] });
    expect(m.results.slice(0, 2).map((r) => r.key)).toEqual(['SAMPLE-M1/rd-grant', 'SAMPLE-D1/district-rd']);
    expect(m.questions).toEqual([]);
    expect(m.conflicts).toMatchObject([{ kind: 'no_double_funding', benefits: ['SAMPLE-M1/rd-grant', 'SAMPLE-D1/district-rd'], levels: ['municipal', 'district'], choose: 'SAMPLE-M1/rd-grant' }]);
    expect(m.eligibleValue).toBe(500_000);
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'policy_facts.answer'), eq(auditEvents.entityId, ENT)));
    expect(event?.after).toMatchObject({ taxCompliant: { value: true }, onBehalf: false });
    const facts = (await get(`/enterprises/${ENT}/policy-facts`, officer)).json() as { facts: { fact: string; value: unknown; origin: { kind: string; answeredBy: { displayName: string } } }[] };
    expect(facts.facts.find((f) => f.fact === 'taxCompliant')).toMatchObject({ value: true, origin: { kind: 'answer', answeredBy: { displayName: 'Test enterprise_member' } } });
  });

  test('an answer overrides the registry (kept beside it); the newest answer counts; null withdraws it', async () => {
    const answer = (value: unknown, session = officer) => send('POST', `/enterprises/${ENT}/policy-facts`, { answers: [{ fact: 'employees', value }] }, session);
    expect(byKey((await answer(30)).json() as TEnterpriseMatches, 'SAMPLE-D1/district-rd')?.result).toBe('ineligible');
    const facts = (await get(`/enterprises/${ENT}/policy-facts`, member)).json() as { facts: { fact: string; value: unknown; registryValue?: unknown }[] };
    expect(facts.facts.find((f) => f.fact === 'employees')).toMatchObject({ value: 30, registryValue: 120 });
    const m = (await answer(null)).json() as TEnterpriseMatches;
    expect(byKey(m, 'SAMPLE-D1/district-rd')?.result).toBe('eligible');
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'policy_facts.answer'), eq(auditEvents.entityId, ENT)));
    expect(events.filter((e) => (e.after as { onBehalf: boolean }).onBehalf)).toHaveLength(2);
  });

  test('an answered park counts as the district it lies in', async () => {
    await send('POST', `/enterprises/${OTHER}/policy-facts`, { answers: [{ fact: 'area', value: 'bj-zgc-chaoyang' }] }, officer);
    const { facts } = (await get(`/enterprises/${OTHER}/policy-facts`, otherMember)).json() as { facts: { fact: string; value: unknown; registryValue?: unknown; origin: { note: string | null } }[] };
    expect(facts.find((f) => f.fact === 'area')).toMatchObject({ value: 'bj-110105', registryValue: 'bj-110108', origin: { note: 'answered bj-zgc-chaoyang, which lies in bj-110105' } });
  });

  test('advice for what is not yet eligible comes from the engine', async () => {
    const m = (await get(`/enterprises/${ENT}/policy-matches`, member)).json() as TEnterpriseMatches;
    expect(byKey(m, 'SAMPLE-D1/district-rd')?.advice).toEqual([]);
    expect(byKey(m, 'SAMPLE-M1/hte-bonus')?.advice).toMatchObject([{ fact: 'tiers', operator: 'contains', threshold: 'high_tech_enterprise' }]);
    expect(byKey(m, 'SAMPLE-P1/young-firm')?.advice).toMatchObject([{ fact: 'foundedYear', current: 2014, operator: '>=', threshold: 2018, textZh: '若成立年份达到 2018，即可适用' }]);
  });

  test('on another date the version in force then is used; before any, nothing matches', async () => {
    const early = (await get(`/enterprises/${ENT}/policy-matches?date=2024-06-01`, member)).json() as TEnterpriseMatches;
    expect(early.results).toEqual([]);
    expect((await get(`/enterprises/${ENT}/policy-matches?date=2024-13-01`, member)).statusCode).toBe(400);
  });

  test('bad answers are refused at their field', async () => {
    const res = await send(
      'POST',
      `/enterprises/${ENT}/policy-facts`,
      { answers: [{ fact: 'employees', value: 'many' }, { fact: 'shoeSize', value: 42 }, { fact: 'employees', value: 3.5 }, { fact: 'tiers', value: [''] }] },
      member,
    );
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['answers.0.value:wrong_type', 'answers.1.fact:unknown_fact', 'answers.2.fact:duplicate_fact', 'answers.2.value:wrong_type', 'answers.3.value:wrong_type']);
    const codes = await send('POST', `/enterprises/${ENT}/policy-facts`, { answers: [{ fact: 'area', value: 'mars' }, { fact: 'tiers', value: ['galactic_champion', 'little_giant'] }, { fact: 'industryCodes', value: ['3911', 'C3911'] }] }, member);
    expect(fields(codes)).toEqual(['answers.0.value:unknown_area', 'answers.1.value:unknown_recognition', 'answers.2.value:not_an_industry_code']);
    expect((await send('POST', `/enterprises/${ENT}/policy-facts`, { answers: [] }, member)).statusCode).toBe(400);
    expect((await send('POST', `/enterprises/${ENT}/policy-facts`, { answers: [{ fact: 'employees', value: { a: 1 } }] }, member)).statusCode).toBe(400);
  });
});

describe('who may see and answer for an enterprise', () => {
  test('its own members and officers; not another enterprise’s member, not research teams, not anonymous', async () => {
    expect((await get(`/enterprises/${ENT}/policy-matches`, otherMember)).statusCode).toBe(403);
    expect((await get(`/enterprises/${OTHER}/policy-matches`, member)).statusCode).toBe(403);
    expect((await get(`/enterprises/${ENT}/policy-facts`, researcher)).statusCode).toBe(403);
    expect((await get(`/enterprises/${ENT}/policy-matches`)).statusCode).toBe(401);
    expect((await get(`/enterprises/${ENT}/policy-matches`, officer)).statusCode).toBe(200);
    expect((await get(`/enterprises/${ENT}/policy-matches`, analyst)).statusCode).toBe(200);
    expect((await send('POST', `/enterprises/${ENT}/policy-facts`, { answers: [{ fact: 'taxCompliant', value: false }] }, otherMember)).statusCode).toBe(403);
    expect((await send('POST', `/enterprises/${ENT}/policy-facts`, { answers: [{ fact: 'taxCompliant', value: false }] }, analyst)).statusCode).toBe(403);
    expect((await send('PUT', `/enterprises/${ENT}/push-consent`, { consent: true }, otherMember)).statusCode).toBe(403);
    expect((await get('/enterprises/beijing-no-such/policy-matches', officer)).statusCode).toBe(404);
    expect((await get('/enterprises/beijing-ent-044/policy-matches', officer)).statusCode).toBe(404); // a generic record, not an enterprise
  });
});

describe('one benefit’s enterprises and consent to proactive push', () => {
  test('officers list the eligible enterprises (and count the unknown); members may not', async () => {
    expect((await get('/policies/SAMPLE-D1/benefits/district-rd/enterprises', member)).statusCode).toBe(403);
    const res = await get('/policies/SAMPLE-D1/benefits/district-rd/enterprises', officer);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { counts: { eligible: number; unknown: number; ineligible: number }; total: number; evaluated: number; items: { enterpriseId: string; value: number; pushConsent: unknown }[] };
    expect(body.counts.eligible).toBe(1);
    expect(body.counts.unknown).toBeGreaterThan(0);
    expect(body.evaluated).toBe(body.counts.eligible + body.counts.unknown + body.counts.ineligible);
    expect(body.items).toMatchObject([{ enterpriseId: ENT, value: 450_000, pushConsent: null }]);
    const unknown = (await get('/policies/SAMPLE-D1/benefits/district-rd/enterprises?result=unknown&limit=2', officer)).json() as { total: number; items: { missing: string[] }[] };
    expect(unknown.total).toBe(body.counts.unknown);
    expect(unknown.items.length).toBeLessThanOrEqual(2);
    expect(unknown.items[0]?.missing.length).toBeGreaterThan(0);
    expect((await get('/policies/SAMPLE-D1/benefits/nope/enterprises', officer)).statusCode).toBe(404);
    expect((await get('/policies/SAMPLE-D1/benefits/district-rd/enterprises?date=2020-01-01', officer)).statusCode).toBe(404);
  });

  test('consent: the member records it; an officer needs a note; both audited; the list shows it', async () => {
    const mine = await send('PUT', `/enterprises/${ENT}/push-consent`, { consent: true }, member);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ consent: true, recordedBy: { displayName: 'Test enterprise_member' } });
    const noNote = await send('PUT', `/enterprises/${ENT}/push-consent`, { consent: false }, officer);
    expect(noNote.statusCode).toBe(400);
    expect(fields(noNote)).toEqual(['note:required']);
    const onBehalf = await send('PUT', `/enterprises/${ENT}/push-consent`, { consent: true, note: '走访时企业书面同意（测试）' }, officer);
    expect(onBehalf.statusCode).toBe(200);
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'policy_push_consent.record'), eq(auditEvents.entityId, ENT))).orderBy(auditEvents.seq);
    expect(events.map((e) => (e.after as { onBehalf: boolean; note: string | null }).note)).toEqual([null, '走访时企业书面同意（测试）']);
    expect(events[1]?.before).toMatchObject({ consent: true });
    const list = (await get('/policies/SAMPLE-D1/benefits/district-rd/enterprises', officer)).json() as { items: { pushConsent: { consent: boolean } | null }[] };
    expect(list.items[0]?.pushConsent).toMatchObject({ consent: true });
    const facts = (await get(`/enterprises/${ENT}/policy-facts`, member)).json() as { pushConsent: { consent: boolean } };
    expect(facts.pushConsent.consent).toBe(true);
  });

  test('thousands of enterprises: one compiled rule, facts read in bulk', async () => {
    const n = 3000;
    const db = t.database.db;
    const ids = Array.from({ length: n }, (_, i) => `test-bulk-${String(i).padStart(5, '0')}`);
    for (let i = 0; i < n; i += 1000) {
      await db.insert(entities).values(ids.slice(i, i + 1000).map((id, j) => ({ id, centreId: 'beijing', category: 'enterprise', kind: 'enterprise', nameEn: `Synthetic enterprise ${i + j}`, nameStatus: 'none', isSample: true, areaId: (i + j) % 2 === 0 ? 'bj-110108' : 'bj-110105' })));
      await db.insert(entityFacts).values(ids.slice(i, i + 1000).map((id, j) => ({ id: `${id}-emp`, entityId: id, metric: 'employees', year: 2024, value: (i + j) % 100, unit: '人' })));
    }
    await db.execute(sql`analyze`);
    const started = performance.now();
    const res = await get('/policies/SAMPLE-D1/benefits/district-rd/enterprises?limit=10', officer);
    const ms = performance.now() - started;
    expect(res.statusCode).toBe(200);
    const body = res.json() as { counts: { eligible: number }; total: number };
    // Half are in bj-110108; of those (even i), employees = i % 100 ≥ 50 for 25 of every 50.
    expect(body.counts.eligible).toBe(1 + n / 4);
    expect(ms).toBeLessThan(5000);
  });
});
