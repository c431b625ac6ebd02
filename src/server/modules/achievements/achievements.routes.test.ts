import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { achievementDetailViews, achievements, auditEvents, callProgrammes, calls, entities, technologyNeeds } from '../../../db/schema/index.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

/**
 * Achievements and technology needs through the API: owners record and
 * publish; the public sees the summary only; a stranger gets 404 for the
 * detail until an owner grants access, and every read is logged for the
 * owners; needs are matched with their score explained and turned into a
 * 揭榜挂帅 call draft in one transaction. Synthetic records only (is_sample).
 */
let t: TestApp;
let owner: Session;
let stranger: Session;
let enterprise: Session;
let officer: Session;
let researcher: Session;
const C = '/api/centres/beijing';
const OWNER = 'beijing-ent-040';
const STRANGER_ORG = 'beijing-ent-041';
const ENTERPRISE = 'beijing-ent-042';
const PERSON = 'test-person-achievements';

const achievement = (over: Record<string, unknown> = {}) => ({
  titleZh: '示例：固态锂电池电解质材料',
  titleEn: 'Sample: solid-state lithium battery electrolyte',
  summary: '示例成果：一种用于固态锂电池的硫化物电解质材料，提高储能安全性。',
  confidentialDetail: '示例保密内容：配方比例与烧结工艺参数。',
  field: 'new_energy',
  trl: 6,
  stage: 'pilot',
  keywords: ['固态电池', '电解质'],
  availability: ['licence', 'cooperation'],
  owners: [{ entityId: OWNER, share: 1 }],
  inventors: [{ entityId: PERSON, contribution: 0.6 }],
  patentNumbers: ['CN 202310123456.6'],
  isSample: true,
  ...over,
});
const need = (over: Record<string, unknown> = {}) => ({
  enterpriseId: ENTERPRISE,
  title: '示例：寻求固态电池电解质技术',
  description: '示例需求：我们需要提高储能电池安全性的固态电解质材料，可中试验证。',
  field: 'new_energy',
  trlMin: 5,
  keywords: ['固态电池'],
  budgetMin: 1_000_000,
  budgetMax: 3_000_000,
  isSample: true,
  ...over,
});
const fields = (body: string) => (JSON.parse(body).error.details.fields as { path: string; reason: string }[]).map((f) => `${f.path}:${f.reason}`).sort();

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  await t.database.db.insert(entities).values({ id: PERSON, centreId: 'beijing', category: 'person', kind: 'person', nameZh: '示例发明人', nameEn: 'Sample inventor', nameStatus: 'none', isSample: true });
  owner = await t.userWithRole('research_member', { organisationId: OWNER });
  stranger = await t.userWithRole('enterprise_member', { organisationId: STRANGER_ORG });
  enterprise = await t.userWithRole('enterprise_member', { organisationId: ENTERPRISE });
  researcher = await t.userWithRole('research_member', { organisationId: STRANGER_ORG });
  officer = await t.userWithRole('service_officer');
});
afterAll(() => t.close());

let id: string;
let version: number;

describe('recording and publishing', () => {
  test('bad input is refused at each field and nothing is written', async () => {
    const r = await t.request({ method: 'POST', url: `${C}/achievements`, session: owner, payload: achievement({ trl: 10, owners: [{ entityId: OWNER, share: 1 }], stage: 'nowhere' }) });
    expect(r.statusCode, r.body).toBe(400);
    expect(fields(r.body)).toEqual(expect.arrayContaining([expect.stringMatching(/^trl:/), expect.stringMatching(/^stage:/)]));
    const links = await t.request({ method: 'POST', url: `${C}/achievements`, session: owner, payload: achievement({ owners: [{ entityId: OWNER, share: 0.8 }, { entityId: PERSON, share: 0.5 }], inventors: [{ entityId: ENTERPRISE, contribution: null }], contractIds: ['no-such-contract'], patentNumbers: ['CN 202310123456.7'] }) });
    expect(links.statusCode, links.body).toBe(400);
    expect(fields(links.body)).toEqual(['contractIds.0:unknown_contract', 'inventors.0.entityId:not_a_person', 'owners.1.entityId:not_an_organisation', 'owners:shares_exceed_one', 'patentNumbers.0:patent_number_invalid']);
    expect(await t.database.db.$count(achievements)).toBe(0);
  });

  test('only an owner’s members (or an officer) record it; anonymous callers must sign in', async () => {
    expect((await t.request({ method: 'POST', url: `${C}/achievements`, session: researcher, payload: achievement() })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: `${C}/achievements`, payload: achievement() })).statusCode).toBe(401);
  });

  test('the owner records a draft, invisible to the public until published', async () => {
    const r = await t.request({ method: 'POST', url: `${C}/achievements`, session: owner, payload: achievement() });
    expect(r.statusCode, r.body).toBe(201);
    const a = r.json();
    ({ id, version } = a);
    expect(a).toMatchObject({ state: 'draft', trl: 6, hasDetail: true, access: { canEdit: true, canReadDetail: true }, actions: ['publish'], patents: [{ number: '202310123456.6' }], inventors: [{ id: PERSON, contribution: 0.6 }] });
    expect(r.body).not.toContain('配方比例');
    expect((await t.request({ method: 'GET', url: `${C}/achievements/${id}` })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `${C}/achievements` })).json().total).toBe(0);
    expect((await t.request({ method: 'GET', url: `${C}/achievements?mine=true`, session: owner })).json().items.map((x: { id: string; state: string }) => [x.id, x.state])).toEqual([[id, 'draft']]);
    expect((await t.request({ method: 'GET', url: `${C}/achievements?mine=true`, session: stranger })).json().total).toBe(0);
    const pub = await t.request({ method: 'POST', url: `${C}/achievements/${id}/transitions`, session: owner, payload: { action: 'publish', version } });
    expect(pub.statusCode, pub.body).toBe(200);
    version = pub.json().version;
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(audit.map((e) => e.action)).toEqual(['achievement.create', 'achievement.publish']);
    expect(JSON.stringify(audit)).not.toContain('配方比例');
  });

  test('the marketplace: public summary, search by Chinese words, filters; never the detail', async () => {
    const list = await t.request({ method: 'GET', url: `${C}/achievements?q=${encodeURIComponent('电解质')}&field=new_energy&trlMin=5&availability=licence` });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(list.body).not.toContain('配方比例');
    expect((await t.request({ method: 'GET', url: `${C}/achievements?q=${encodeURIComponent('光刻机')}` })).json().total).toBe(0);
    expect((await t.request({ method: 'GET', url: `${C}/achievements?trlMin=7` })).json().total).toBe(0);
    const page = await t.request({ method: 'GET', url: `${C}/achievements/${id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('配方比例');
    expect(page.json().access).toMatchObject({ canEdit: false, canReadDetail: false, canRequest: false });
  });
});

describe('the confidential detail', () => {
  let requestId: string;
  test('reading the detail is a POST with the session’s CSRF token: a GET or a forged cross-site POST logs nothing', async () => {
    expect((await t.request({ method: 'GET', url: `${C}/achievements/${id}/detail-reads`, session: owner })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `${C}/achievements/${id}/detail`, session: owner })).statusCode).toBe(404);
    const forged = await t.request({ method: 'POST', url: `${C}/achievements/${id}/detail-reads`, session: { ...owner, csrf: 'forged' } });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).not.toContain('配方比例');
    expect(await t.database.db.$count(achievementDetailViews)).toBe(0);
  });

  test('a stranger gets 404 for the detail, and for the read log', async () => {
    expect((await t.request({ method: 'POST', url: `${C}/achievements/${id}/detail-reads`, session: stranger })).statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url: `${C}/achievements/${id}/detail-reads` })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: `${C}/achievements/${id}/detail-views`, session: researcher })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `${C}/achievements/${id}`, session: stranger })).json().access).toMatchObject({ canRequest: true, canReadDetail: false, myRequest: null });
  });

  test('a request must accept the terms and give a purpose', async () => {
    const r = await t.request({ method: 'POST', url: `${C}/achievements/${id}/access-requests`, session: stranger, payload: { purpose: '短', acceptTerms: false } });
    expect(r.statusCode).toBe(400);
    expect(fields(r.body)).toEqual(['acceptTerms:invalid_value', 'purpose:too_small']);
  });

  test('the stranger asks; only an owner’s member decides; refusal needs a reason', async () => {
    const r = await t.request({ method: 'POST', url: `${C}/achievements/${id}/access-requests`, session: stranger, payload: { purpose: '评估在储能产品中的应用可行性', acceptTerms: true } });
    expect(r.statusCode, r.body).toBe(201);
    requestId = r.json().id;
    expect(r.json()).toMatchObject({ state: 'requested', organisation: { id: STRANGER_ORG } });
    expect((await t.request({ method: 'POST', url: `${C}/achievements/${id}/access-requests`, session: stranger, payload: { purpose: '评估在储能产品中的应用可行性', acceptTerms: true } })).statusCode).toBe(409);
    expect((await t.request({ method: 'POST', url: `${C}/achievements/${id}/access-requests/${requestId}/decision`, session: researcher, payload: { decision: 'grant' } })).statusCode).toBe(403);
    const noReason = await t.request({ method: 'POST', url: `${C}/achievements/${id}/access-requests/${requestId}/decision`, session: owner, payload: { decision: 'refuse' } });
    expect(noReason.statusCode).toBe(400);
    expect(fields(noReason.body)).toEqual(['note:note_required']);
    expect((await t.request({ method: 'GET', url: `${C}/achievements/${id}/access-requests`, session: owner })).json()).toHaveLength(1);
    expect((await t.request({ method: 'GET', url: `${C}/achievements/${id}/access-requests`, session: researcher })).json()).toHaveLength(0);
  });

  test('once granted, the requester reads the detail; each read is logged under the grant and shown to the owner', async () => {
    const g = await t.request({ method: 'POST', url: `${C}/achievements/${id}/access-requests/${requestId}/decision`, session: owner, payload: { decision: 'grant', expiresOn: '2026-06-30' } });
    expect(g.statusCode, g.body).toBe(200);
    expect(g.json()).toMatchObject({ state: 'granted', expiresAt: '2026-06-30T23:59:59.999Z' });
    for (let i = 0; i < 2; i++) {
      const d = await t.request({ method: 'POST', url: `${C}/achievements/${id}/detail-reads`, session: stranger });
      expect(d.statusCode, d.body).toBe(200);
      expect(d.json()).toMatchObject({ detail: '示例保密内容：配方比例与烧结工艺参数。', basis: 'grant', requestId });
    }
    await t.request({ method: 'POST', url: `${C}/achievements/${id}/detail-reads`, session: owner });
    const log = await t.request({ method: 'GET', url: `${C}/achievements/${id}/detail-views`, session: owner });
    expect(log.statusCode).toBe(200);
    expect(log.json().map((v: { basis: string; requestId: string | null; organisation: { id: string } | null }) => [v.basis, v.requestId, v.organisation?.id])).toEqual(
      expect.arrayContaining([
        ['grant', requestId, STRANGER_ORG],
        ['grant', requestId, STRANGER_ORG],
        ['owner', null, OWNER],
      ]),
    );
    expect(await t.database.db.$count(achievementDetailViews)).toBe(3);
  });

  test('a revoked grant, or an expired one, closes the detail again', async () => {
    const rv = await t.request({ method: 'POST', url: `${C}/achievements/${id}/access-requests/${requestId}/decision`, session: owner, payload: { decision: 'revoke', note: '合作终止' } });
    expect(rv.statusCode, rv.body).toBe(200);
    expect((await t.request({ method: 'POST', url: `${C}/achievements/${id}/detail-reads`, session: stranger })).statusCode).toBe(404);
    expect(await t.database.db.$count(achievementDetailViews)).toBe(3);
  });

  test('an edit that leaves out the detail keeps it and logs no reading; null clears it', async () => {
    const { titleEn: _t, confidentialDetail: _d, ...rest } = achievement();
    const put = await t.request({ method: 'PUT', url: `${C}/achievements/${id}`, session: owner, payload: { ...rest, titleEn: 'Sample: sulfide electrolyte', version } });
    expect(put.statusCode, put.body).toBe(200);
    ({ version } = put.json());
    expect(put.json()).toMatchObject({ titleEn: 'Sample: sulfide electrolyte', hasDetail: true });
    expect(await t.database.db.$count(achievementDetailViews)).toBe(3);
    const [row] = await t.database.db.select().from(achievements).where(eq(achievements.id, id));
    expect(row?.confidentialDetail).toBe('示例保密内容：配方比例与烧结工艺参数。');
    const cleared = await t.request({ method: 'PUT', url: `${C}/achievements/${id}`, session: owner, payload: { ...rest, confidentialDetail: null, version } });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().hasDetail).toBe(false);
    const restored = await t.request({ method: 'PUT', url: `${C}/achievements/${id}`, session: owner, payload: { ...achievement(), version: cleared.json().version } });
    ({ version } = restored.json());
    expect(restored.json().hasDetail).toBe(true);
    expect(await t.database.db.$count(achievementDetailViews)).toBe(3);
  });

  test('an officer curates and sees the log but does not decide on an owner’s secret', async () => {
    const a = (await t.request({ method: 'GET', url: `${C}/achievements/${id}`, session: officer })).json();
    expect(a.access).toMatchObject({ canEdit: true, canDecide: false, canReadDetail: true });
    expect((await t.request({ method: 'GET', url: `${C}/achievements/${id}`, session: owner })).json().access).toMatchObject({ canEdit: true, canDecide: true });
  });
});

describe('technology needs', () => {
  let needId: string;
  let needVersion: number;
  test('an enterprise posts a need; others cannot see it; a bad budget range is refused at its field', async () => {
    const bad = await t.request({ method: 'POST', url: `${C}/technology-needs`, session: enterprise, payload: need({ budgetMin: 5, budgetMax: 1 }) });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad.body)).toEqual(['budgetMax:budget_range']);
    expect((await t.request({ method: 'POST', url: `${C}/technology-needs`, session: stranger, payload: need() })).statusCode).toBe(403);
    const r = await t.request({ method: 'POST', url: `${C}/technology-needs`, session: enterprise, payload: need() });
    expect(r.statusCode, r.body).toBe(201);
    ({ id: needId, version: needVersion } = r.json());
    expect(r.json()).toMatchObject({ state: 'open', canConvert: true });
    expect((await t.request({ method: 'GET', url: `${C}/technology-needs/${needId}`, session: stranger })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `${C}/technology-needs`, session: officer })).json().total).toBe(1);
  });

  test('matches are ranked with each score’s parts explained', async () => {
    // A second published achievement in another field shares only the label 示例 (sample) with the need, which matching does not count: it is left out or ranks far behind.
    const other = await t.request({ method: 'POST', url: `${C}/achievements`, session: officer, payload: achievement({ titleZh: '示例：医学影像辅助诊断', titleEn: null, summary: '示例成果：基于深度学习的医学影像辅助诊断系统。', field: 'biomedicine', keywords: ['医学影像'], patentNumbers: [], inventors: [] }) });
    expect(other.statusCode, other.body).toBe(201);
    await t.request({ method: 'POST', url: `${C}/achievements/${other.json().id}/transitions`, session: officer, payload: { action: 'publish', version: other.json().version } });
    const m = await t.request({ method: 'GET', url: `${C}/technology-needs/${needId}/matches`, session: enterprise });
    expect(m.statusCode, m.body).toBe(200);
    const items = m.json().items;
    expect(items[0].achievement.id).toBe(id);
    expect(items.slice(1).every((x: { score: number; components: { field: { relation: string } } }) => x.components.field.relation === 'different' && x.score < items[0].score / 4)).toBe(true);
    expect(items[0].components.field).toEqual({ value: 1, weight: 0.4, relation: 'same' });
    expect(items[0].components.trl).toMatchObject({ achievementTrl: 6, needMin: 5, meetsMinimum: true });
    expect(items[0].components.text.sharedTerms).toEqual(expect.arrayContaining(['固态', '电解质']));
    expect(items[0].score).toBeGreaterThan(0);
    expect(items[0].score).toBeLessThanOrEqual(1);
    expect(m.body).not.toContain('配方比例');
    expect((await t.request({ method: 'GET', url: `${C}/technology-needs/${needId}/matches`, session: stranger })).statusCode).toBe(404);
  });

  test('without a 揭榜挂帅 programme the conversion is refused, and nothing changes', async () => {
    const r = await t.request({ method: 'POST', url: `${C}/technology-needs/${needId}/call-draft`, session: enterprise, payload: {} });
    expect(r.statusCode).toBe(409);
    expect(fields(r.body)).toEqual(['programmeId:no_unveil_programme']);
    expect(await t.database.db.$count(calls)).toBe(0);
  });

  test('the need becomes a call draft owned by the enterprise, prefilled, in one audited transaction', async () => {
    await t.database.db.insert(callProgrammes).values({ id: 'test-unveil', centreId: 'beijing', kind: 'unveil_list', titleEn: 'Sample unveil-the-list programme', year: 2026, isSample: true, settings: { form: { criteria: [] }, minReviewers: 1, minCompletedReviews: 1, coiYears: 3, consortiumYears: 3, appealDays: 5, requiredDeclarations: [], discloseReviewers: false } as never, createdAt: new Date('2026-01-01') });
    const r = await t.request({ method: 'POST', url: `${C}/technology-needs/${needId}/call-draft`, session: enterprise, payload: {} });
    expect(r.statusCode, r.body).toBe(201);
    const { need: converted, callId } = r.json();
    expect(converted).toMatchObject({ state: 'converted', callId, canConvert: false, version: needVersion + 1 });
    const [call] = await t.database.db.select().from(calls).where(eq(calls.id, callId));
    expect(call).toMatchObject({ state: 'draft', programmeId: 'test-unveil', ownerEntityId: ENTERPRISE, titleZh: '示例：寻求固态电池电解质技术', titleEn: '[Translation needed] 示例：寻求固态电池电解质技术', fieldCodes: ['new_energy'], trlExpected: 5, budget: 3_000_000, isSample: true });
    const actions = (await t.database.db.select().from(auditEvents)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['call.create', 'technology_need.convert']));
    const again = await t.request({ method: 'POST', url: `${C}/technology-needs/${needId}/call-draft`, session: enterprise, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(await t.database.db.$count(calls)).toBe(1);
    const [row] = await t.database.db.select().from(technologyNeeds).where(eq(technologyNeeds.id, needId));
    expect(row?.callId).toBe(callId);
  });
});
