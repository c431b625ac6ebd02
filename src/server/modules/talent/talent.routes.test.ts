import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listAuditEvents, verifyAuditChain } from '../../../db/audit-log.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';
import { talentStatusOf } from './talent.service.js';

/**
 * A talent programme through the API, sample records only (synthetic
 * scheme): an officer drafts a young-talent call with its merit-point scheme
 * and gates and publishes it through the calls engine; anyone runs the
 * self-assessment; an applicant applies as a person; after review the officer
 * awards and issues the credential (a recognition on the person's record);
 * the holder raises a housing request that lands in the demand ledger, routed
 * to the talent department; revocation is audited and shows in verification.
 */
let t: TestApp;
const C = '/api/centres/beijing';
const T = `${C}/talent`;
const HAIDIAN = 'bj-110108';
const DAY = 86_400_000;
const ids: Record<string, string> = {};
const s: Record<string, Session> = {};
const creds = new Map<Session, { username: string; password: string }>();

type Res = Awaited<ReturnType<TestApp['request']>>;
const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, session?: Session, payload?: unknown): Promise<Res> =>
  t.request({ method, url: url.startsWith('/api/') ? url : `${C}${url}`, session, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const ok = async (p: Promise<Res>, status = 200) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.statusCode === 204 ? null : r.json();
};
const refused = async (p: Promise<Res>, status: number) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json().error as { code: string; details?: { fields?: { path: string; reason: string }[] } };
};
const paths = (e: { details?: { fields?: { path: string; reason: string }[] } }) => (e.details?.fields ?? []).map((f) => `${f.path}:${f.reason}`).sort();
const as = async (role: Parameters<TestApp['userWithRole']>[0], extra?: Parameters<TestApp['userWithRole']>[1]) => {
  const u = await t.userWithRole(role, extra);
  creds.set(u, { username: u.username, password: u.password });
  return u;
};
const advanceDays = async (n: number) => {
  t.clock.advanceMinutes(n * 24 * 60);
  for (const [session, c] of creds) Object.assign(session, await t.login(c.username, c.password));
};
const entity = async (payload: Record<string, unknown>) => (await ok(req('POST', '/entities', s.officer, { isSample: true, confirmNotDuplicate: true, ...payload }), 201)).id as string;
const userId = async (session: Session) => (await ok(req('GET', '/api/auth/session', session))).user.id as string;
const dateIn = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString().slice(0, 10);

const scheme = {
  template: 'zgc_merit_points',
  sourceNote: 'weights and threshold from the Zhongguancun template; indicators synthetic (test)',
  weights: { personal: 70, enterprise: 30 },
  threshold: 70,
  indicators: [
    { id: 'doctorate', labelZh: '博士学位', labelEn: 'Doctorate', part: 'personal', points: 40, fact: 'hasDoctorate', measure: { kind: 'boolean' }, howZh: '学位证书', howEn: 'Degree certificate' },
    { id: 'patents', labelZh: '发明专利', labelEn: 'Invention patents', part: 'personal', points: 60, fact: 'patents', measure: { kind: 'linear', perUnit: 15 }, howZh: '专利证书', howEn: 'Patent certificates' },
    { id: 'hte', labelZh: '高新技术企业', labelEn: 'High-tech employer', part: 'enterprise', points: 100, fact: 'employerHighTech', measure: { kind: 'boolean' }, howZh: '认定证书', howEn: 'Recognition certificate' },
  ],
  gates: [{ id: 'age', labelZh: '年龄不超过40周岁', labelEn: 'Aged 40 or under', rule: { '<=': [{ var: 'age' }, 40] } }],
};
const callBody = () => ({
  category: 'young_talent',
  validityYears: 3,
  scheme,
  call: {
    programmeId: ids.programme,
    ownerEntityId: ids.office,
    isSample: true,
    titleZh: '示例：青年人才支持计划（2027）',
    titleEn: 'Sample: young talent support (2027)',
    problem: '示例：支持在京全职工作的青年科技人才。',
    budget: 2_000_000,
    deadline: new Date(t.clock.now().getTime() + 20 * DAY).toISOString(),
    ipTemplate: 'team_retains_licence',
    paymentSchedule: [{ label: 'On award', share: 100 }],
    acceptanceCriteria: [{ metric: '年度报告', unit: '份', comparator: '>=', threshold: 1, testMethod: '示例：项目办审阅年度报告' }],
  },
});
const full = { hasDoctorate: true, patents: 4, employerHighTech: true, age: 32 };

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  s.officer = await as('service_officer');
  s.analyst = await as('analyst');
  ids.office = await entity({ kind: 'organisation', nameZh: '示例人才工作办公室', nameEn: 'Sample talent office' });
  ids.employer = await entity({ kind: 'enterprise', nameZh: '示例芯片设计公司', nameEn: 'Sample Chip Design Co.', areaId: HAIDIAN });
  ids.other = await entity({ kind: 'enterprise', nameZh: '示例其他公司', nameEn: 'Sample Other Co.' });
  ids.reviewer = await entity({ kind: 'talent', nameZh: '示例评审专家', nameEn: 'Sample Reviewer' });
  s.applicant = await as('enterprise_member', { organisationId: ids.employer });
  s.stranger = await as('enterprise_member', { organisationId: ids.other });
  s.expert = await as('expert_reviewer');
  const form = { aggregation: 'mean', overallThreshold: null, criteria: [{ id: 'merit', label: 'Merit', kind: 'numeric', min: 0, max: 100, weight: 100 }] };
  ids.programme = (await ok(req('POST', '/call-programmes', s.officer, { kind: 'talent', titleZh: '示例青年人才计划', titleEn: 'Sample young talent programme', isSample: true, settings: { form, minReviewers: 1, minCompletedReviews: 1, appealDays: 1 } }), 201)).id;
  ids.scenarioProgramme = (await ok(req('POST', '/call-programmes', s.officer, { kind: 'scenario', titleEn: 'Sample scenario programme', isSample: true, settings: { form, minReviewers: 1, minCompletedReviews: 1 } }), 201)).id;
  ids.expert = (await ok(req('POST', '/experts', s.officer, { entityId: ids.reviewer, userId: await userId(s.expert), fields: ['ict'], maxLoad: 5 }), 201)).id;
  await ok(req('POST', '/service-departments', s.officer, { nameZh: '示例海淀区人才服务中心', nameEn: 'Sample Haidian talent services', level: 'district', areaId: HAIDIAN, demandTypes: ['talent_housing'], memberUserIds: [await userId(s.officer)] }), 201);
});
afterAll(() => t.close());

describe('talent calls and the self-assessment', () => {
  test('drafting refuses bad schemes field by field; only officers draft', async () => {
    const e = await refused(req('POST', `${T}/calls`, s.officer, { ...callBody(), scheme: { ...scheme, weights: { personal: 70, enterprise: 20 }, gates: [{ id: 'x', labelZh: '甲', labelEn: 'x', rule: { '>=': [{ var: 'shoeSize' }, 1] } }] } }), 400);
    expect(paths(e)).toContain('scheme.weights:weights_sum');
    const g = await refused(req('POST', `${T}/calls`, s.officer, { ...callBody(), scheme: { ...scheme, gates: [{ id: 'x', labelZh: '甲', labelEn: 'x', rule: { '>=': [{ var: 'shoeSize' }, 1] } }] } }), 400);
    expect(paths(g)).toEqual(['scheme.gates.0.rule:unknown_fact']);
    const k = await refused(req('POST', `${T}/calls`, s.officer, { ...callBody(), call: { ...callBody().call, programmeId: ids.scenarioProgramme } }), 400);
    expect(paths(k)).toEqual(['call.programmeId:not_talent_programme']);
    await refused(req('POST', `${T}/calls`, s.applicant, callBody()), 403);
    await refused(req('POST', `${T}/calls`, undefined, callBody()), 401);
  });

  test('an officer drafts and publishes a call; the public sees its scheme only once published', async () => {
    const call = await ok(req('POST', `${T}/calls`, s.officer, callBody()), 201);
    ids.call = call.id;
    expect(call.gateText[0].zh).toContain('年龄');
    expect((await ok(req('GET', `${T}/calls`))).items.map((c: { id: string }) => c.id)).not.toContain(ids.call);
    await refused(req('GET', `${T}/calls/${ids.call}`), 404);
    await refused(req('POST', `${T}/calls/${ids.call}/self-assessment`, undefined, { answers: {} }), 404);
    await ok(req('POST', `/calls/${ids.call}/transitions`, s.officer, { action: 'submit_for_review' }));
    await ok(req('POST', `/calls/${ids.call}/transitions`, s.officer, { action: 'publish' }));
    const pub = await ok(req('GET', `${T}/calls/${ids.call}`));
    expect(pub.scheme.indicators).toHaveLength(3);
    expect(pub.scheme.weights).toEqual({ personal: 70, enterprise: 30 });
    expect(pub.category).toBe('young_talent');
    expect((await ok(req('GET', `${T}/calls`))).items.map((c: { id: string }) => c.id)).toContain(ids.call);
  });

  test('the self-assessment is open to anyone: unknowns with questions, then pass or fail', async () => {
    const start = await ok(req('POST', `${T}/calls/${ids.call}/self-assessment`, undefined, { answers: {} }));
    expect(start.result).toBe('unknown');
    expect(start.gates[0].result).toBe('unknown');
    expect(start.questions.map((q: { fact: string }) => q.fact)).toContain('age');
    const old = await ok(req('POST', `${T}/calls/${ids.call}/self-assessment`, undefined, { answers: { ...full, age: 45 } }));
    expect(old.gates[0].result).toBe('ineligible');
    expect(old.result).toBe('ineligible');
    const good = await ok(req('POST', `${T}/calls/${ids.call}/self-assessment`, undefined, { answers: full }));
    expect(good.result).toBe('eligible');
    expect(good.total.min).toBeCloseTo(100);
    const weak = await ok(req('POST', `${T}/calls/${ids.call}/self-assessment`, undefined, { answers: { ...full, hasDoctorate: false, patents: 1 } }));
    // personal (0 + 15) / 100 × 70 = 10.5, enterprise 100 × 30% = 30 → 40.5
    expect(weak.total.max).toBeCloseTo(40.5);
    expect(weak.thresholdResult).toBe('fail');
    const bad = await refused(req('POST', `${T}/calls/${ids.call}/self-assessment`, undefined, { answers: { age: 'thirty', hasDoctorate: 1 } }), 400);
    expect(paths(bad)).toEqual(['answers.age:wrong_type', 'answers.hasDoctorate:wrong_type']);
  });
});

describe('applying, award and the credential', () => {
  const applyBody = { nameZh: '示例青年学者', nameEn: 'Sample Young Scholar', statement: '示例：从事芯片设计自动化研究五年，计划在京开展新一代布局算法研究。', supportRequested: 300_000, answers: full };

  test('refusals: field-level, wrong role', async () => {
    const e = await refused(req('POST', `${T}/calls/${ids.call}/applications`, s.applicant, { ...applyBody, statement: 'short', firstReportDue: '2027-13-01' }), 400);
    expect(paths(e).map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['firstReportDue', 'statement']));
    await refused(req('POST', `${T}/calls/${ids.call}/applications`, s.analyst, { ...applyBody, firstReportDue: dateIn(365) }), 403);
    const wrong = await refused(req('POST', `${T}/calls/${ids.call}/applications`, s.applicant, { ...applyBody, firstReportDue: dateIn(365), personEntityId: ids.employer }), 400);
    expect(paths(wrong)).toEqual(['personEntityId:not_a_person']);
  });

  test('the applicant applies as a person; the application is submitted through the calls engine', async () => {
    const app = await ok(req('POST', `${T}/calls/${ids.call}/applications`, s.applicant, { ...applyBody, firstReportDue: dateIn(365) }), 201);
    ids.application = app.applicationId;
    ids.person = app.person.id;
    expect(app.state).toBe('eligible');
    expect(app.employer.id).toBe(ids.employer);
    expect(app.selfAssessment.result).toBe('eligible');
    const engine = await ok(req('GET', `/applications/${ids.application}`, s.applicant));
    expect(engine.state).toBe('eligible');
    expect((await ok(req('GET', `${T}/applications`, s.applicant))).items).toHaveLength(1);
    expect((await ok(req('GET', `${T}/applications`, s.stranger))).items).toHaveLength(0);
    await refused(req('GET', `${T}/applications/${ids.application}`, s.stranger), 404);
    const mine = await ok(req('GET', `${T}/applications/${ids.application}`, s.applicant));
    expect(mine.selfAssessment.total.min).toBeCloseTo(100);
    expect(mine.person.nameZh).toBe('示例青年学者');
    expect((await ok(req('GET', `${T}/applications?callId=${ids.call}`, s.officer))).items).toHaveLength(1);
  });

  test('a credential follows an award only; the officer awards and issues it in one step', async () => {
    const early = await refused(req('POST', `${T}/applications/${ids.application}/credential`, s.officer, { validFrom: dateIn(0), validTo: dateIn(3 * 365) }), 409);
    expect(paths(early)).toEqual(['applicationId:not_awarded']);
    await refused(req('POST', `${T}/applications/${ids.application}/credential`, s.applicant, { validFrom: dateIn(0), validTo: dateIn(3 * 365) }), 403);
    await advanceDays(21);
    await ok(req('POST', `/calls/${ids.call}/transitions`, s.officer, { action: 'close' }));
    await ok(req('POST', `/calls/${ids.call}/assignments`, s.officer, { applicationId: ids.application, expertId: ids.expert }), 201);
    await ok(req('POST', `/calls/${ids.call}/transitions`, s.officer, { action: 'start_review' }));
    const [assignment] = (await ok(req('GET', '/api/me/assignments', s.expert))).items;
    await ok(req('PUT', `/assignments/${assignment.id}/review`, s.expert, { scores: { merit: 85 }, comments: {} }));
    const backwards = await refused(req('POST', `${T}/applications/${ids.application}/credential`, s.officer, { awardAmount: 300_000, validFrom: dateIn(10), validTo: dateIn(1) }), 400);
    expect(paths(backwards)).toEqual(['validTo:ends_before_start']);
    const needsAmount = await refused(req('POST', `${T}/applications/${ids.application}/credential`, s.officer, { validFrom: dateIn(0), validTo: dateIn(3 * 365) }), 409);
    expect(paths(needsAmount)).toEqual(['applicationId:not_awarded', 'awardAmount:required']);
    const cred = await ok(req('POST', `${T}/applications/${ids.application}/credential`, s.officer, { awardAmount: 300_000, validFrom: dateIn(0), validTo: dateIn(3 * 365 - 1), note: '示例：评审通过' }), 201);
    ids.credential = cred.id;
    expect(cred.status).toBe('valid');
    expect(cred.category).toBe('young_talent');
    expect(cred.person.id).toBe(ids.person);
    expect((await ok(req('GET', `/applications/${ids.application}`, s.officer))).state).toBe('awarded');
    await refused(req('POST', `${T}/applications/${ids.application}/credential`, s.officer, { validFrom: dateIn(0), validTo: dateIn(100) }), 409);
    const profile = await ok(req('GET', `/entities/${ids.person}/profile`));
    expect(JSON.stringify(profile)).toContain('talent:young_talent');
    const vocab = await ok(req('GET', '/vocabulary'));
    expect(JSON.stringify(vocab)).toContain('人才计划认定：青年人才');
  });

  test('the holder sees the credential; others do not; anyone verifies it without a name', async () => {
    const mine = await ok(req('GET', `${T}/credentials`, s.applicant));
    expect(mine.items.map((c: { id: string; isMine: boolean }) => [c.id, c.isMine])).toEqual([[ids.credential, true]]);
    expect((await ok(req('GET', `${T}/credentials`, s.stranger))).items).toHaveLength(0);
    await refused(req('GET', `${T}/credentials/${ids.credential}`, s.stranger), 404);
    const v = await ok(req('GET', `${T}/credentials/${ids.credential}/verify`));
    expect(v.status).toBe('valid');
    expect(v.type).toBe('talent:young_talent');
    expect(JSON.stringify(v)).not.toContain('Sample Young Scholar');
    await refused(req('GET', `${T}/credentials/no-such/verify`), 404);
  });
});

describe('talent service requests', () => {
  test('the holder raises a housing request; it lands in the demand ledger, routed to the talent department', async () => {
    const bad = await refused(req('POST', `${T}/service-requests`, s.applicant, { credentialId: ids.credential, kind: 'spa', title: '', description: 'x' }), 400);
    expect(paths(bad).map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['kind', 'title']));
    const theirs = await refused(req('POST', `${T}/service-requests`, s.stranger, { credentialId: ids.credential, kind: 'housing', title: '示例：住房', description: '示例：申请人才公寓。' }), 400);
    expect(paths(theirs)).toEqual(['credentialId:not_found']);
    const r = await ok(req('POST', `${T}/service-requests`, s.applicant, { credentialId: ids.credential, kind: 'housing', title: '示例：申请人才公寓', description: '示例：全家三口来京，希望配租人才公寓。' }), 201);
    expect(r.kind).toBe('housing');
    expect(r.demand.type).toBe('talent_housing');
    expect(r.demand.department.nameEn).toBe('Sample Haidian talent services');
    const demand = await ok(req('GET', `/demands/${r.demand.id}`, s.officer));
    expect(demand.description).toContain(ids.credential);
    expect((await ok(req('GET', `${T}/service-requests`, s.applicant))).items).toHaveLength(1);
    expect((await ok(req('GET', `${T}/service-requests`, s.stranger))).items).toHaveLength(0);
    expect((await ok(req('GET', `${T}/service-requests`, s.officer))).items).toHaveLength(1);
  });

  test('revocation is audited, refuses stale versions, and ends services', async () => {
    const cred = await ok(req('GET', `${T}/credentials/${ids.credential}`, s.officer));
    await refused(req('POST', `${T}/credentials/${ids.credential}/revoke`, s.applicant, { version: cred.version, reason: '示例：撤销原因' }), 403);
    const stale = await refused(req('POST', `${T}/credentials/${ids.credential}/revoke`, s.officer, { version: cred.version + 5, reason: '示例：撤销原因' }), 409);
    expect(paths(stale)).toEqual(['version:stale_version']);
    const revoked = await ok(req('POST', `${T}/credentials/${ids.credential}/revoke`, s.officer, { version: cred.version, reason: '示例：材料不实，撤销认定' }));
    expect(revoked.status).toBe('revoked');
    expect((await ok(req('GET', `${T}/credentials/${ids.credential}/verify`))).status).toBe('revoked');
    // What other modules rely on: the person's talent statuses today.
    expect(await talentStatusOf(t.database.db, 'beijing', ids.person as string, t.clock.now())).toEqual([expect.objectContaining({ id: ids.credential, category: 'young_talent', status: 'revoked' })]);
    const after = await refused(req('POST', `${T}/service-requests`, s.applicant, { credentialId: ids.credential, kind: 'visa_permit', title: '示例：工作许可', description: '示例：办理工作许可。' }), 409);
    expect(paths(after)).toEqual(['credentialId:credential_revoked']);
    const events = await listAuditEvents(t.database.db, { entityType: 'talent_credential', limit: 20 });
    expect(events.map((e) => e.action).sort()).toEqual(['talent_credential.issue', 'talent_credential.revoke']);
    expect((await listAuditEvents(t.database.db, { entityType: 'talent_service_request', limit: 5 })).map((e) => e.action)).toEqual(['talent_service_request.create']);
    expect((await listAuditEvents(t.database.db, { action: 'talent_call.create', limit: 5 })).length).toBe(1);
    expect((await listAuditEvents(t.database.db, { action: 'talent_application.create', limit: 5 })).length).toBe(1);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  test('talents by category reach the indicators per year and area, flagged sample, with their records', async () => {
    const refresh = await ok(req('POST', '/derived-figures/refresh', s.analyst));
    expect(refresh.items.find((r: { key: string }) => r.key === 'talent')).toMatchObject({ withdrawn: 0 });
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(t.clock.now());
    const young = (await ok(req('GET', '/indicators/talent_credentials_young_talent'))).indicator.observations;
    expect(young.filter((o: { areaId: string }) => o.areaId === 'bj')).toEqual([expect.objectContaining({ period: year, value: 1, provenance: 'derived', isSample: true })]);
    expect(young.filter((o: { areaId: string }) => o.areaId === HAIDIAN)).toEqual([expect.objectContaining({ period: year, value: 1 })]);
    const all = (await ok(req('GET', '/indicators/talent_credentials'))).indicator.observations;
    expect(all.filter((o: { areaId: string }) => o.areaId === 'bj').map((o: { value: number }) => o.value)).toEqual([1]);
    await refused(req('GET', '/indicators/talent_credentials_foreign_talent'), 404);
  });
});
