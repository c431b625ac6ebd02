import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listAuditEvents, verifyAuditChain } from '../../../db/audit-log.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

/**
 * A foreign-funded R&D centre through the API, sample records only: an
 * officer opens a recognition round on the calls engine; the centre's member
 * checks the definition, is refused field by field, then applies in English;
 * the application is reviewed and awarded through the engine; the officer
 * recognises it (a dated credential on the organisation's profile), support
 * is recorded within the measures' caps, the centre records local hires, its
 * joint projects and local contracts are read from the records, the count
 * reaches the indicators beside the published figure, and a revocation ends it.
 */
let t: TestApp;
const C = '/api/centres/beijing';
let officer: Session;
let analyst: Session;
const ids: Record<string, string> = {};
const s: Record<string, Session> = {};

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
  return r.json().error as { code: string; message: string; details: { fields: { path: string; reason: string; data?: Record<string, unknown> }[] } };
};
const reasons = (e: { details: { fields: { reason: string }[] } }) => e.details.fields.map((f) => f.reason).sort();
const entity = async (payload: Record<string, unknown>) => (await ok(req('POST', '/entities', officer, { isSample: true, confirmNotDuplicate: true, ...payload }), 201)).id as string;
const userId = async (session: Session) => (await ok(req('GET', '/api/auth/session', session))).user.id as string;
const DAY = 86_400_000;
const TODAY = () => t.clock.now().toISOString().slice(0, 10);
const creds = new Map<Session, { username: string; password: string }>();
const as = async (role: Parameters<TestApp['userWithRole']>[0], extra?: Parameters<TestApp['userWithRole']>[1]) => {
  const u = await t.userWithRole(role, extra);
  creds.set(u, { username: u.username, password: u.password });
  return u;
};
const advanceDays = async (n: number) => {
  t.clock.advanceMinutes(n * 24 * 60);
  for (const [session, c] of creds) Object.assign(session, await t.login(c.username, c.password));
};

const FORM = { aggregation: 'mean', overallThreshold: null, criteria: [{ id: 'merit', label: 'Merit of the centre', kind: 'numeric', min: 0, max: 10, weight: 100 }] };
const FACTS = { centreType: 'innovation_centre', foreignShare: 100, investorMainlyOverseas: true, registeredInChina: true, naturalSciencesRd: true, independentTeam: true, openServices: null };
const EVIDENCE = [
  { kind: 'shareholding', title: 'Sample: articles of association', reference: 'AoA 2026-01', language: 'en' },
  { kind: 'investor_profile', title: 'Sample: parent company annual report', reference: null, language: 'en' },
  { kind: 'business_licence', title: 'Sample: business licence', reference: '91110108MA00000000', language: 'zh' },
  { kind: 'rd_programme', title: 'Sample: R&D programme 2026–2028', reference: null, language: 'en' },
  { kind: 'team_roster', title: 'Sample: R&D team roster', reference: null, language: 'en' },
];
const application = (over: Record<string, unknown> = {}) => ({
  nameEn: 'Sample Materials Innovation Centre',
  nameZh: null,
  descriptionEn: 'Sample: applied research in battery materials, with a pilot line for cathode testing.',
  descriptionZh: null,
  facts: FACTS,
  evidence: EVIDENCE,
  headEntityId: ids.head,
  plannedRdSpend: 30_000_000,
  truthful: true,
  ...over,
});

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  officer = await as('service_officer');
  analyst = await as('analyst');
  ids.bureau = await entity({ kind: 'government_body', nameZh: '示例商务主管部门', nameEn: 'Sample Commerce Bureau' });
  ids.foreign = await entity({ kind: 'enterprise', nameZh: '示例外资材料公司', nameEn: 'Sample Foreign Materials Co.', areaId: 'bj-110108' });
  ids.local = await entity({ kind: 'enterprise', nameZh: '示例本地电池公司', nameEn: 'Sample Local Battery Co.' });
  ids.other = await entity({ kind: 'enterprise', nameZh: '示例其他公司', nameEn: 'Sample Other Co.' });
  ids.head = await entity({ kind: 'talent', nameZh: '示例中心负责人', nameEn: 'Sample Centre Head' });
  ids.reviewerPerson = await entity({ kind: 'talent', nameZh: '示例评审专家', nameEn: 'Sample Reviewer' });
  s.member = await as('enterprise_member', { organisationId: ids.foreign });
  s.stranger = await as('enterprise_member', { organisationId: ids.other });
  s.reviewer = await as('expert_reviewer');
});
afterAll(() => t.close());

describe('a foreign-funded R&D centre, from application to recognition', () => {
  test('the definition check is three-valued and public; nothing is stored', async () => {
    const out = await ok(req('POST', '/rd-centres/criteria/check', undefined, { facts: { centreType: 'open_platform', foreignShare: 0 }, evidence: [] }));
    expect(out.outcome).toBe('fails');
    expect(out.criteria.map((c: { code: string; result: string }) => `${c.code}:${c.result}`)).toEqual(['foreign_funded:fail', 'investor_overseas:unknown', 'registered_in_china:unknown', 'natural_sciences:unknown', 'type_requirement:unknown']);
    expect(out.criteria[4]).toMatchObject({ missing: ['openServices'], evidenceKinds: ['platform_rules'] });
    expect((await ok(req('POST', '/rd-centres/criteria/check', undefined, { facts: FACTS, evidence: EVIDENCE }))).outcome).toBe('meets');
    const bad = await refused(req('POST', '/rd-centres/criteria/check', undefined, { facts: { foreignShare: 140 }, evidence: [{ kind: 'passport', title: 'x' }] }), 400);
    expect(bad.details.fields.map((f) => f.path).sort()).toEqual(['evidence.0.kind', 'facts.foreignShare']);
  });

  test('a round belongs to a recognition programme and is published through the call workflow', async () => {
    const grant = await ok(req('POST', '/call-programmes', officer, { kind: 'grant', titleEn: 'Sample grant programme', isSample: true, settings: { form: FORM, minReviewers: 1, minCompletedReviews: 1 } }), 201);
    const programme = await ok(req('POST', '/call-programmes', officer, { kind: 'recognition', titleZh: '示例外资研发中心认定', titleEn: 'Sample recognition of foreign-funded R&D centres', isSample: true, settings: { form: FORM, minReviewers: 1, minCompletedReviews: 1, appealDays: 3 } }), 201);
    ids.programme = programme.id;
    const round = (over: Record<string, unknown> = {}) => ({ programmeId: ids.programme, ownerEntityId: ids.bureau, titleZh: '示例：2027年度外资研发中心认定', titleEn: 'Sample: 2027 recognition round', deadline: new Date(t.clock.now().getTime() + 20 * DAY).toISOString(), budget: 100_000_000, isSample: true, assessment: { jointProjects: 1, localContracts: 1, localHires: 10 }, ...over });
    expect(reasons(await refused(req('POST', '/rd-centre-rounds', officer, round({ programmeId: grant.id })), 400))).toEqual(['not_recognition_programme']);
    expect(reasons(await refused(req('POST', '/rd-centre-rounds', officer, round({ deadline: '2020-01-01T00:00:00Z' })), 400))).toEqual(['deadline_past']);
    expect((await refused(req('POST', '/rd-centre-rounds', s.member, round()), 403)).code).toBe('FORBIDDEN');
    const bad = await refused(req('POST', '/rd-centre-rounds', officer, { ...round(), assessment: { jointProjects: -1, localContracts: 1 } }), 400);
    expect(bad.details.fields.map((f) => f.path).sort()).toEqual(['assessment.jointProjects', 'assessment.localHires']);
    ids.round = (await ok(req('POST', '/rd-centre-rounds', officer, round()), 201)).id;
    const { items } = await ok(req('GET', '/rd-centre-rounds'));
    expect(items).toEqual([expect.objectContaining({ id: ids.round, state: 'published', applications: 0, owner: expect.objectContaining({ id: ids.bureau }) })]);
    expect(items[0].assessment).toEqual([{ metric: 'jointProjects', threshold: 1 }, { metric: 'localContracts', threshold: 1 }, { metric: 'localHires', threshold: 10 }]);
    // The call itself is the engine's: the definition as its problem, the floors as acceptance criteria.
    const call = await ok(req('GET', `/calls/${ids.round}`));
    expect(call.problem).toContain('foreign investors operating mainly overseas');
    expect(call.acceptanceCriteria).toHaveLength(3);
  });

  test('applying: each refusal beside its field, nothing kept; then submitted in English through the engine', async () => {
    const bad = await refused(
      req('POST', `/rd-centre-rounds/${ids.round}/applications`, s.member, application({ nameEn: ' ', descriptionEn: 'too short', facts: { ...FACTS, foreignShare: 0, independentTeam: null }, evidence: EVIDENCE.slice(1), headEntityId: ids.local, truthful: false })),
      400,
    );
    expect(bad.details.fields.map((f) => `${f.reason}@${f.path}`).sort()).toEqual(['criterion_not_met@facts.foreignShare', 'declaration_missing@truthful', 'description_missing@descriptionEn', 'evidence_missing@evidence', 'name_missing@nameEn', 'not_a_person@headEntityId']);
    expect((await ok(req('GET', '/rd-centre-applications', s.member))).items).toEqual([]);
    expect((await refused(req('POST', `/rd-centre-rounds/${ids.round}/applications`, officer, application()), 403)).code).toBe('FORBIDDEN');
    expect((await refused(req('POST', `/rd-centre-rounds/no-such-round/applications`, s.member, application()), 404)).code).toBe('NOT_FOUND');
    const out = await ok(req('POST', `/rd-centre-rounds/${ids.round}/applications`, s.member, application()), 201);
    ids.app = out.id;
    // No eligibility rules on the round: the engine marks it eligible at once.
    expect(out.state).toBe('eligible');
    expect(reasons(await refused(req('POST', `/rd-centre-rounds/${ids.round}/applications`, s.member, application()), 409))).toEqual(['already_applied']);
    const engine = await ok(req('GET', `/applications/${ids.app}`, s.member));
    expect(engine).toMatchObject({ state: 'eligible', title: 'Sample Materials Innovation Centre' });
  });

  test('an enterprise sees only its own; officers see all; texts show which side is untranslated', async () => {
    const mine = await ok(req('GET', `/rd-centre-applications/${ids.app}`, s.member));
    expect(mine).toMatchObject({ centreType: 'innovation_centre', name: { en: 'Sample Materials Innovation Centre', zh: null, original: 'en', translatedBy: null }, criteria: { outcome: 'meets' }, head: { id: ids.head }, canRecognise: false });
    expect((await refused(req('GET', `/rd-centre-applications/${ids.app}`, s.stranger), 404)).code).toBe('NOT_FOUND');
    expect((await ok(req('GET', '/rd-centre-applications', s.stranger))).items).toEqual([]);
    expect((await refused(req('GET', '/rd-centre-applications'), 401)).code).toBe('UNAUTHENTICATED');
    expect((await refused(req('GET', '/rd-centre-applications', s.reviewer), 403)).code).toBe('FORBIDDEN');
    expect((await ok(req('GET', '/rd-centre-applications', officer))).items.map((a: { id: string }) => a.id)).toEqual([ids.app]);
    // An officer supplies the Chinese; the applicant's English stays the original.
    expect(reasons(await refused(req('PUT', `/rd-centre-applications/${ids.app}/translation`, officer, { version: mine.version, nameEn: 'Rewritten' }), 400))).toEqual(['original_text']);
    expect((await refused(req('PUT', `/rd-centre-applications/${ids.app}/translation`, s.member, { version: mine.version, nameZh: '示例' }), 403)).code).toBe('FORBIDDEN');
    expect(reasons(await refused(req('PUT', `/rd-centre-applications/${ids.app}/translation`, officer, { version: 99, nameZh: '示例' }), 409))).toEqual(['stale_version']);
    await ok(req('PUT', `/rd-centre-applications/${ids.app}/translation`, officer, { version: mine.version, nameZh: '示例材料创新中心' }));
    const after = await ok(req('GET', `/rd-centre-applications/${ids.app}`, officer));
    expect(after.name).toMatchObject({ en: 'Sample Materials Innovation Centre', zh: '示例材料创新中心', original: 'en', translatedBy: expect.any(String) });
    expect(after.description).toMatchObject({ zh: null, original: 'en' });
  });

  test('review and award run on the calls engine; only then is the centre recognised, with its dates', async () => {
    expect(reasons(await refused(req('POST', `/rd-centre-applications/${ids.app}/recognise`, officer, { version: 2, validFrom: '2027-01-01', validTo: '2029-12-31', decisionRef: 'Sample decision 1' }), 409))).toEqual(['not_awarded']);
    await advanceDays(21);
    await ok(req('POST', `/calls/${ids.round}/transitions`, officer, { action: 'close' }));
    const expert = await ok(req('POST', '/experts', officer, { entityId: ids.reviewerPerson, userId: await userId(s.reviewer as Session), fields: ['materials'], maxLoad: 5 }), 201);
    await ok(req('POST', `/calls/${ids.round}/assignments`, officer, { applicationId: ids.app, expertId: expert.id }), 201);
    await ok(req('POST', `/calls/${ids.round}/transitions`, officer, { action: 'start_review' }));
    // The assigned reviewer reads the centre's record (evidence, criteria) beside the engine's.
    expect((await ok(req('GET', `/rd-centre-applications/${ids.app}`, s.reviewer))).evidence).toHaveLength(5);
    const [assignment] = (await ok(req('GET', '/api/me/assignments', s.reviewer))).items;
    await ok(req('PUT', `/assignments/${assignment.id}/review`, s.reviewer, { scores: { merit: 8 }, comments: {} }));
    await ok(req('POST', `/applications/${ids.app}/transitions`, officer, { action: 'award', awardAmount: 40_000_000 }));
    const { version } = await ok(req('GET', `/rd-centre-applications/${ids.app}`, officer));
    const bad = await refused(req('POST', `/rd-centre-applications/${ids.app}/recognise`, officer, { version, validFrom: '2027-01-01', validTo: '2026-12-31', decisionRef: 'Sample decision 1', housekeeperUserId: await userId(s.member as Session) }), 400);
    expect(bad.details.fields.map((f) => `${f.reason}@${f.path}`).sort()).toEqual(['not_a_housekeeper@housekeeperUserId', 'validity_order@validTo']);
    expect((await refused(req('POST', `/rd-centre-applications/${ids.app}/recognise`, s.member, { version, validFrom: TODAY(), validTo: '2030-12-31', decisionRef: 'x' }), 403)).code).toBe('FORBIDDEN');
    const rec = await ok(req('POST', `/rd-centre-applications/${ids.app}/recognise`, officer, { version, validFrom: TODAY(), validTo: '2030-12-31', decisionRef: 'Sample decision 2027-1', housekeeperUserId: await userId(officer) }), 201);
    ids.rec = rec.id;
    expect(rec).toMatchObject({ centreType: 'innovation_centre', validFrom: TODAY(), validTo: '2030-12-31', status: 'active', decisionRef: 'Sample decision 2027-1', housekeeper: { id: await userId(officer) }, entity: { id: ids.foreign }, isSample: true });
    expect(reasons(await refused(req('POST', `/rd-centre-applications/${ids.app}/recognise`, officer, { version: version + 1, validFrom: TODAY(), validTo: '2030-12-31', decisionRef: 'again' }), 409))).toEqual(['already_recognised']);
    // The dated credential sits on the organisation's profile in the registry, its source the decision.
    const profile = await ok(req('GET', `/entities/${ids.foreign}/profile`));
    expect(profile.recognitions).toEqual([expect.objectContaining({ type: 'foreign_rnd_centre', validFrom: TODAY(), validTo: '2030-12-31', sourceNote: expect.stringContaining('Sample decision 2027-1') })]);
    // A recognised organisation does not apply again.
    const round2 = await ok(req('POST', '/rd-centre-rounds', officer, { programmeId: ids.programme, ownerEntityId: ids.bureau, titleEn: 'Sample: second round', deadline: new Date(t.clock.now().getTime() + 20 * DAY).toISOString(), budget: 100_000_000, isSample: true, assessment: { jointProjects: 0, localContracts: 0, localHires: 0 } }), 201);
    expect(reasons(await refused(req('POST', `/rd-centre-rounds/${round2.id}/applications`, s.member, application()), 409))).toEqual(['already_recognised']);
  });

  test('support within the caps of the 16 measures; local hires by the centre itself', async () => {
    const detail = await ok(req('GET', `/rd-centre-recognitions/${ids.rec}`, s.member));
    expect(detail.support).toEqual([expect.objectContaining({ measure: 'first_centre', amount: 40_000_000, decisionRef: 'Sample decision 2027-1' })]);
    const above = await refused(req('POST', `/rd-centre-recognitions/${ids.rec}/support`, officer, { measure: 'first_centre', amount: 15_000_000, grantedOn: TODAY(), decisionRef: 'Sample decision 2' }), 400);
    expect(above.details.fields).toEqual([expect.objectContaining({ path: 'amount', reason: 'amount_above_cap', data: { cap: 50_000_000, granted: 40_000_000 } })]);
    expect(reasons(await refused(req('POST', `/rd-centre-recognitions/${ids.rec}/support`, officer, { measure: 'upgrade', amount: 1, grantedOn: '2020-01-01', decisionRef: 'Sample decision 2' }), 400))).toEqual(['before_recognition']);
    expect((await refused(req('POST', `/rd-centre-recognitions/${ids.rec}/support`, s.member, { measure: 'upgrade', amount: 1, grantedOn: TODAY(), decisionRef: 'x' }), 403)).code).toBe('FORBIDDEN');
    await ok(req('POST', `/rd-centre-recognitions/${ids.rec}/support`, officer, { measure: 'upgrade', amount: 5_000_000, grantedOn: TODAY(), decisionRef: 'Sample decision 2', note: 'Sample: upgrade to a regional centre' }), 201);
    const month = TODAY().slice(0, 7);
    expect(reasons(await refused(req('POST', `/rd-centre-recognitions/${ids.rec}/hires`, s.member, { periodFrom: month, periodTo: '2020-01', count: 4 }), 400))).toEqual(['period_order']);
    expect((await refused(req('POST', `/rd-centre-recognitions/${ids.rec}/hires`, s.stranger, { periodFrom: month, periodTo: month, count: 4 }), 404)).code).toBe('NOT_FOUND');
    await ok(req('POST', `/rd-centre-recognitions/${ids.rec}/hires`, s.member, { periodFrom: month, periodTo: month, count: 12, note: 'Sample: graduates from Beijing universities' }), 201);
    expect((await refused(req('GET', `/rd-centre-recognitions/${ids.rec}`, s.stranger), 404)).code).toBe('NOT_FOUND');
    const keepers = await ok(req('GET', '/rd-centres/housekeepers', officer));
    expect(keepers.items.map((u: { id: string }) => u.id)).toContain(await userId(officer));
  });

  test('local open-innovation outputs come from the records and feed the comprehensive assessment', async () => {
    const { callApplications, callApplicationMembers, techContracts } = await import('../../../db/schema/index.js');
    const db = t.database.db;
    const local = ids.local as string;
    const foreign = ids.foreign as string;
    const grant = await ok(req('POST', '/call-programmes', officer, { kind: 'grant', titleEn: 'Sample joint programme', isSample: true, settings: { form: FORM, minReviewers: 1, minCompletedReviews: 1 } }), 201);
    const call = await ok(req('POST', '/calls', officer, { programmeId: grant.id, ownerEntityId: ids.bureau, titleEn: 'Sample joint call', isSample: true }), 201);
    // A joint project as the engine leaves it once awarded (its path is the calls tests'): the centre as partner of a local lead.
    await db.insert(callApplications).values({ id: 'joint-1', callId: call.id, state: 'awarded', title: 'Sample: joint battery project', applicantOrgId: local, createdAt: t.clock.now(), updatedAt: t.clock.now(), decidedAt: t.clock.now() });
    await db.insert(callApplicationMembers).values([{ applicationId: 'joint-1', entityId: local, role: 'lead' }, { applicationId: 'joint-1', entityId: foreign, role: 'partner' }]);
    await db.insert(techContracts).values({ id: 'contract-1', centreId: 'beijing', state: 'registered', contractNumber: 'S-1', contractKey: 's1', title: 'Sample: cathode testing service', type: 'technical_service', field: 'materials', sellerId: foreign, sellerKind: 'enterprise', buyerEntityId: local, buyerName: 'Sample Local Battery Co.', buyerRegion: '110000', amount: 1_000_000, technicalAmount: 800_000, signedOn: TODAY(), submittedAt: t.clock.now(), registeredOn: TODAY(), isSample: true, createdAt: t.clock.now(), updatedAt: t.clock.now() });
    const detail = await ok(req('GET', `/rd-centre-recognitions/${ids.rec}`, officer));
    expect(detail.outputs.jointProjects).toEqual([expect.objectContaining({ applicationId: 'joint-1', partners: [expect.objectContaining({ id: ids.local })] })]);
    expect(detail.outputs.localContracts).toEqual([expect.objectContaining({ id: 'contract-1', buyer: expect.objectContaining({ id: ids.local }), technicalAmount: 800_000 })]);
    expect(detail.outputs.assessment.lines).toEqual([
      { metric: 'jointProjects', value: 1, threshold: 1, met: true },
      { metric: 'localContracts', value: 1, threshold: 1, met: true },
      { metric: 'localHires', value: 12, threshold: 10, met: true },
    ]);
    expect(detail.outputs.assessment.outcome).toBe('met');
    const officerList = await ok(req('GET', '/rd-centre-recognitions', officer));
    expect(officerList.items[0]).toMatchObject({ id: ids.rec, supportTotal: 45_000_000, assessment: { jointProjects: 1, localContracts: 1, localHires: 12, outcome: 'met' } });
    const publicList = await ok(req('GET', `/rd-centre-recognitions?entityId=${ids.foreign}`));
    expect(publicList.items[0]).toMatchObject({ id: ids.rec, status: 'active', supportTotal: null, assessment: null, name: { zh: '示例材料创新中心' } });
    expect(publicList.items[0].housekeeper).toBeNull();
    expect(publicList.items[0].applicationId).toBeNull();
    expect(officerList.items[0].applicationId).toEqual(expect.any(String));
    const memberList = await ok(req('GET', '/rd-centre-recognitions', s.member));
    expect(memberList.items[0].housekeeper).toMatchObject({ id: await userId(officer) });
    expect(memberList.items[0].applicationId).toBe(officerList.items[0].applicationId);
  });

  test('the recognised count reaches the indicators, beside (never inside) the published 107', async () => {
    const refresh = await ok(req('POST', '/derived-figures/refresh', analyst));
    expect(refresh.items.find((r: { key: string }) => r.key === 'rdcentres')).toMatchObject({ withdrawn: 0 });
    const figures = (await ok(req('GET', '/indicators/rd_centres_recognised'))).indicator.observations;
    const year = TODAY().slice(0, 4);
    expect(figures.filter((o: { areaId: string }) => o.areaId === 'bj')).toEqual([expect.objectContaining({ period: year, value: 1, provenance: 'derived', isSample: true })]);
    expect(figures.filter((o: { areaId: string }) => o.areaId === 'bj-110108')).toEqual([expect.objectContaining({ period: year, value: 1 })]);
    const published = (await ok(req('GET', '/indicators/foreign_rnd_centres'))).indicator.observations;
    expect(published.map((o: { value: number; provenance: string }) => [o.value, o.provenance])).toEqual([[107, 'source']]);
  });

  test('revocation ends the credential from its date; a revoked centre takes no new support', async () => {
    const { recognition } = await ok(req('GET', `/rd-centre-recognitions/${ids.rec}`, officer));
    expect(reasons(await refused(req('POST', `/rd-centre-recognitions/${ids.rec}/revoke`, officer, { version: recognition.version, effectiveOn: '2020-01-01', reason: 'Sample: left Beijing' }), 400))).toEqual(['before_validity']);
    expect(reasons(await refused(req('POST', `/rd-centre-recognitions/${ids.rec}/revoke`, officer, { version: 99, effectiveOn: TODAY(), reason: 'Sample: left Beijing' }), 409))).toEqual(['stale_version']);
    await ok(req('POST', `/rd-centre-recognitions/${ids.rec}/revoke`, officer, { version: recognition.version, effectiveOn: TODAY(), reason: 'Sample: the centre moved its R&D out of Beijing' }), 204);
    const after = await ok(req('GET', `/rd-centre-recognitions/${ids.rec}`, officer));
    expect(after.recognition).toMatchObject({ status: 'revoked', revokedOn: TODAY(), validTo: TODAY() });
    expect(reasons(await refused(req('POST', `/rd-centre-recognitions/${ids.rec}/revoke`, officer, { version: after.recognition.version, effectiveOn: TODAY(), reason: 'again and again' }), 409))).toEqual(['already_revoked']);
    expect(reasons(await refused(req('POST', `/rd-centre-recognitions/${ids.rec}/support`, officer, { measure: 'project', amount: 1, grantedOn: TODAY(), decisionRef: 'x' }), 409))).toEqual(['recognition_revoked']);
    expect((await ok(req('GET', `/entities/${ids.foreign}/profile`))).recognitions[0]).toMatchObject({ validTo: TODAY() });
  });

  test('every write is audited in one verified chain', async () => {
    const recEvents = await listAuditEvents(t.database.db, { entityType: 'rd_centre_recognition', limit: 20 });
    expect(recEvents.map((e) => e.action).reverse()).toEqual(['rd_centre.recognise', 'rd_centre.revoke']);
    const appEvents = await listAuditEvents(t.database.db, { entityType: 'rd_centre_application', limit: 20 });
    expect(appEvents.map((e) => e.action).reverse()).toEqual(['rd_centre_application.create', 'rd_centre_application.translate']);
    expect((await listAuditEvents(t.database.db, { entityType: 'rd_centre_support', limit: 20 })).map((e) => e.action)).toEqual(['rd_centre_support.record', 'rd_centre_support.record']);
    expect((await listAuditEvents(t.database.db, { entityType: 'rd_centre_hire', limit: 20 })).map((e) => e.action)).toEqual(['rd_centre_hire.record']);
    const engine = await listAuditEvents(t.database.db, { entityType: 'call_application', entityId: ids.app, limit: 20 });
    expect(engine.map((e) => e.action).reverse().slice(0, 4)).toEqual(['application.create', 'application.submit', 'application.eligibility_checked', 'application.mark_eligible']);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
