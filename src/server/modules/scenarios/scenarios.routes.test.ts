import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listAuditEvents, verifyAuditChain } from '../../../db/audit-log.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

/**
 * A batch of application scenarios through the API, sample records only:
 * an officer drafts two scenarios in batch 1, publication refuses the batch
 * while one scenario is incomplete (and publishes nothing), then publishes
 * both; enterprises are suggested with their reasons; a team applies, is
 * selected through the calls engine, and its deployment is recorded with
 * measured results, which reach the enterprise's profile and the indicators.
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
  return r.json().error as { code: string; message: string; details: { fields: { path: string; reason: string }[] } };
};
const reasons = (e: { details: { fields: { reason: string }[] } }) => e.details.fields.map((f) => f.reason).sort();
const entity = async (payload: Record<string, unknown>) => (await ok(req('POST', '/entities', officer, { isSample: true, confirmNotDuplicate: true, ...payload }), 201)).id as string;
const userId = async (session: Session) => (await ok(req('GET', '/api/auth/session', session))).user.id as string;
const DAY = 86_400_000;
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

const FORM = { aggregation: 'mean', overallThreshold: null, criteria: [{ id: 'fit', label: 'Fit to the scenario', kind: 'numeric', min: 0, max: 10, weight: 100 }] };
const scenarioBody = (title: string, complete: boolean) => ({
  call: {
    ownerEntityId: ids.hospital,
    titleZh: title,
    titleEn: `Sample: ${title}`,
    problem: '示例：医院希望在门诊影像科试点人工智能辅助诊断，缩短阅片时间。',
    fieldCodes: ['bio.medical'],
    budget: 800_000,
    deadline: new Date(t.clock.now().getTime() + 20 * DAY).toISOString(),
    ...(complete
      ? {
          ipTemplate: 'team_retains_licence',
          paymentSchedule: [{ label: 'On acceptance', share: 100 }],
          acceptanceCriteria: [{ metric: '阅片时间缩短', unit: '%', comparator: '>=', threshold: 30, testMethod: '示例：试点前后各一个月的平均阅片时间对比' }],
        }
      : {}),
  },
  scenario: { ownerKind: 'hospital', site: '示例医院门诊影像科', dataAvailable: '示例：脱敏后的胸部CT影像约一万例', sandboxStatus: 'available', timelineStart: '2027-01-01', timelineEnd: '2027-06-30' },
});

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  officer = await as('service_officer');
  analyst = await as('analyst');
  ids.hospital = await entity({ kind: 'organisation', nameZh: '示例医院', nameEn: 'Sample Hospital' });
  ids.vendor = await entity({ kind: 'enterprise', nameZh: '示例医学影像智能公司', nameEn: 'Sample Medical Imaging AI Co.', industryTags: ['bio.medical'] });
  ids.other = await entity({ kind: 'enterprise', nameZh: '示例氢能公司', nameEn: 'Sample Hydrogen Co.', industryTags: ['energy.hydrogen'] });
  ids.reviewerPerson = await entity({ kind: 'talent', nameZh: '示例评审专家', nameEn: 'Sample Reviewer' });
  ids.pi = await entity({ kind: 'talent', nameZh: '示例项目负责人', nameEn: 'Sample Project Lead' });
  s.owner = await as('enterprise_member', { organisationId: ids.hospital });
  s.vendor = await as('enterprise_member', { organisationId: ids.vendor });
  s.reviewer = await as('expert_reviewer');
  s.stranger = await as('enterprise_member', { organisationId: ids.other });
});
afterAll(() => t.close());

describe('a batch of application scenarios, drafted to deployment', () => {
  test('batches belong to scenario programmes, are numbered per programme, and only officers open them', async () => {
    const unveil = await ok(req('POST', '/call-programmes', officer, { kind: 'unveil_list', titleEn: 'Sample unveil programme', isSample: true, settings: { form: FORM, minReviewers: 1, minCompletedReviews: 1 } }), 201);
    expect(reasons(await refused(req('POST', '/scenario-batches', officer, { programmeId: unveil.id, titleEn: 'Batch' }), 400))).toEqual(['not_scenario_programme']);
    const programme = await ok(req('POST', '/call-programmes', officer, { kind: 'scenario', titleZh: '示例应用场景计划', titleEn: 'Sample application-scenario programme', isSample: true, settings: { form: FORM, minReviewers: 1, minCompletedReviews: 1, appealDays: 3 } }), 201);
    ids.programme = programme.id;
    expect((await refused(req('POST', '/scenario-batches', s.owner, { programmeId: ids.programme, titleEn: 'Batch' }), 403)).code).toBe('FORBIDDEN');
    const first = await ok(req('POST', '/scenario-batches', officer, { programmeId: ids.programme, titleZh: '示例第一批应用场景', titleEn: 'Sample batch 1', isSample: true }), 201);
    expect(first.number).toBe(1);
    ids.batch = first.id;
    expect(reasons(await refused(req('POST', '/scenario-batches', officer, { programmeId: ids.programme, number: 1, titleEn: 'Again' }), 409))).toEqual(['batch_number_taken']);
    // Drafts are not public.
    expect((await ok(req('GET', '/scenario-batches'))).items).toEqual([]);
    expect((await req('GET', `/scenario-batches/${ids.batch}`)).statusCode).toBe(404);
  });

  test('scenarios: the call and the scenario fields in one write; bad fields are 400 with their paths and nothing is kept', async () => {
    const bad = await refused(req('POST', `/scenario-batches/${ids.batch}/scenarios`, officer, { ...scenarioBody('示例：坏场景', true), scenario: { ownerKind: 'castle', site: '' } }), 400);
    expect(bad.details.fields.map((f) => f.path).sort()).toEqual(['scenario.ownerKind', 'scenario.site']);
    const backwards = await refused(req('POST', `/scenario-batches/${ids.batch}/scenarios`, officer, { ...scenarioBody('示例：坏场景', true), scenario: { ...scenarioBody('x', true).scenario, timelineStart: '2027-06-01', timelineEnd: '2027-01-01' } }), 400);
    expect(backwards.details.fields.map((f) => `${f.reason}@${f.path}`)).toEqual(['timeline_order@scenario.timelineEnd']);
    const personOwner = await refused(req('POST', `/scenario-batches/${ids.batch}/scenarios`, officer, { ...scenarioBody('示例：个人不能发布场景', true), call: { ...scenarioBody('x', true).call, ownerEntityId: ids.reviewerPerson } }), 400);
    expect(reasons(personOwner)).toEqual(['not_an_organisation']);
    expect((await ok(req('GET', `/scenario-batches/${ids.batch}`, officer))).scenarios).toEqual([]);
    ids.ready = (await ok(req('POST', `/scenario-batches/${ids.batch}/scenarios`, officer, scenarioBody('示例：影像辅助诊断场景', true)), 201)).id;
    ids.incomplete = (await ok(req('POST', `/scenario-batches/${ids.batch}/scenarios`, officer, scenarioBody('示例：病历质控场景', false)), 201)).id;
    const batch = await ok(req('GET', `/scenario-batches/${ids.batch}`, officer));
    // Both were drafted in the same instant of the test clock, so their order is by id: compare as sets.
    const rows = batch.scenarios.map((x: { id: string; isSample: boolean; scenario: { sandboxStatus: string } }) => [x.id, x.isSample, x.scenario.sandboxStatus]);
    expect(rows.sort()).toEqual([
      [ids.ready, true, 'available'],
      [ids.incomplete, true, 'available'],
    ].sort());
    // The owner may correct its scenario before publication; strangers cannot see it.
    await ok(req('PUT', `/scenarios/${ids.incomplete}`, s.owner, { scenario: { ownerKind: 'hospital', site: '示例医院病案室', sandboxStatus: 'planned' } }), 204);
    expect((await refused(req('PUT', `/scenarios/${ids.incomplete}`, s.stranger, { scenario: { ownerKind: 'hospital', site: 'x' } }), 404)).code).toBe('NOT_FOUND');
  });

  test('publication is all or nothing: each refusal names its scenario; then both go out together', async () => {
    const { version } = await ok(req('GET', `/scenario-batches/${ids.batch}`, officer));
    const e = await refused(req('POST', `/scenario-batches/${ids.batch}/publish`, officer, { version }), 409);
    expect(reasons(e)).toEqual(['criteria_missing', 'ip_template_missing', 'payment_schedule_missing']);
    expect(e.details.fields.every((f) => f.path.startsWith(`scenarios.${ids.incomplete}.`))).toBe(true);
    // Nothing was published, not even the ready scenario.
    expect((await ok(req('GET', `/calls/${ids.ready}`, officer))).state).toBe('draft');
    const call = await ok(req('GET', `/calls/${ids.incomplete}`, officer));
    await ok(req('PATCH', `/calls/${ids.incomplete}`, officer, { version: call.version, ipTemplate: 'shared', paymentSchedule: [{ label: 'On acceptance', share: 100 }], acceptanceCriteria: [{ metric: '质控覆盖率', unit: '%', comparator: '>=', threshold: 90, testMethod: '示例：抽查三个月病历' }] }));
    const out = await ok(req('POST', `/scenario-batches/${ids.batch}/publish`, officer, { version }));
    expect(out.published.sort()).toEqual([ids.ready, ids.incomplete].sort());
    const pub = await ok(req('GET', '/scenario-batches'));
    expect(pub.items.map((b: { number: number; state: string; scenarios: unknown[] }) => [b.number, b.state, b.scenarios.length])).toEqual([[1, 'published', 2]]);
    expect(reasons(await refused(req('POST', `/scenario-batches/${ids.batch}/scenarios`, officer, scenarioBody('示例：迟到的场景', true)), 409))).toEqual(['batch_published']);
    expect(reasons(await refused(req('PUT', `/scenarios/${ids.ready}`, officer, { scenario: { ownerKind: 'hospital', site: '改动' } }), 409))).toEqual(['scenario_published']);
    const second = await ok(req('POST', '/scenario-batches', officer, { programmeId: ids.programme, titleEn: 'Sample batch 2', isSample: true }), 201);
    expect(second.number).toBe(2);
    const view = await ok(req('GET', `/scenarios/${ids.ready}`));
    expect(view).toMatchObject({ batch: { number: 1, state: 'published' }, scenario: { site: '示例医院门诊影像科' }, deployments: [], selected: [], canRecord: false });
  });

  test('suggestions: enterprises in the field, with the words they share, for the owner and officers only', async () => {
    const { items } = await ok(req('GET', `/scenarios/${ids.ready}/candidates`, s.owner));
    expect(items.map((c: { entity: { id: string } }) => c.entity.id)).toEqual([ids.vendor]);
    expect(items[0]).toMatchObject({ components: { field: 1, trackRecord: 0 }, matchedFields: ['bio.medical'], applied: false });
    expect(items[0].matchedWords).toEqual(expect.arrayContaining(['影像']));
    expect((await refused(req('GET', `/scenarios/${ids.ready}/candidates`, s.vendor), 403)).code).toBe('FORBIDDEN');
    expect((await refused(req('GET', `/scenarios/${ids.ready}/candidates`), 401)).code).toBe('UNAUTHENTICATED');
  });

  test('a solution is selected through the calls engine; only then is its deployment recorded', async () => {
    const app = await ok(
      req('POST', `/calls/${ids.ready}/applications`, s.vendor, {
        title: '示例：影像辅助诊断系统试点方案',
        leadEntityId: ids.vendor,
        piEntityId: ids.pi,
        plan: '示例方案：部署辅助诊断模型并与医院影像系统对接。',
        budget: { total: 600_000, items: [{ label: '部署', amount: 600_000 }] },
        milestones: [{ title: '试点上线', deliverable: '系统在影像科上线', verification: '医院签字确认', dueOn: '2027-03-31', trancheShare: 100 }],
      }),
      201,
    );
    ids.app = app.id;
    await ok(req('POST', `/applications/${ids.app}/transitions`, s.vendor, { action: 'submit' }));
    expect(reasons(await refused(req('POST', `/scenarios/${ids.ready}/deployments`, s.owner, { applicationId: ids.app, state: 'deploying' }), 400))).toEqual(['not_selected']);
    expect((await ok(req('GET', `/scenarios/${ids.ready}/candidates`, officer))).items[0].applied).toBe(true);
    await advanceDays(21);
    await ok(req('POST', `/calls/${ids.ready}/transitions`, officer, { action: 'close' }));
    const expert = await ok(req('POST', '/experts', officer, { entityId: ids.reviewerPerson, userId: await userId(s.reviewer as Session), fields: ['bio'], maxLoad: 5 }), 201);
    await ok(req('POST', `/calls/${ids.ready}/assignments`, officer, { applicationId: ids.app, expertId: expert.id }), 201);
    await ok(req('POST', `/calls/${ids.ready}/transitions`, officer, { action: 'start_review' }));
    const [assignment] = (await ok(req('GET', '/api/me/assignments', s.reviewer))).items;
    await ok(req('PUT', `/assignments/${assignment.id}/review`, s.reviewer, { scores: { fit: 8 }, comments: {} }));
    await ok(req('POST', `/applications/${ids.app}/transitions`, officer, { action: 'award', awardAmount: 600_000 }));
    const call = await ok(req('GET', `/calls/${ids.ready}`, officer));
    await ok(req('PATCH', `/calls/${ids.ready}`, officer, { version: call.version, decisionMemo: '示例：唯一方案，评审通过，予以选用。' }));
    await ok(req('POST', `/calls/${ids.ready}/transitions`, officer, { action: 'award' }));
    // Selection leaves its trace in the call's public log.
    expect((await ok(req('GET', `/calls/${ids.ready}`))).changeLog.map((l: { entry: string }) => l.entry)).toContain('results published');
  });

  test('deployment: recorded by the owner, checked against the scenario’s metrics, then closed with its outcome', async () => {
    const criterionId = (await ok(req('GET', `/calls/${ids.ready}`))).acceptanceCriteria[0].id as string;
    ids.achievement = (await ok(req('POST', '/achievements', officer, { titleZh: '示例：胸部CT影像辅助诊断模型', summary: '示例成果：基于深度学习的胸部CT影像辅助诊断模型。', field: 'biomedicine', trl: 7, stage: 'pilot', keywords: ['影像'], owners: [{ entityId: ids.vendor, share: 1 }], isSample: true }), 201)).id;
    expect((await refused(req('POST', `/scenarios/${ids.ready}/deployments`, s.vendor, { applicationId: ids.app, state: 'deploying' }), 403)).code).toBe('FORBIDDEN');
    expect(reasons(await refused(req('POST', `/scenarios/${ids.ready}/deployments`, s.owner, { applicationId: ids.app, state: 'deploying', achievementId: 'no-such-achievement' }), 400))).toEqual(['not_found']);
    const started = await ok(req('POST', `/scenarios/${ids.ready}/deployments`, s.owner, { applicationId: ids.app, state: 'deploying', startedOn: '2027-01-05' }));
    expect(started).toMatchObject({ state: 'deploying', enterprise: { id: ids.vendor }, version: 1 });
    const bad = await refused(req('POST', `/scenarios/${ids.ready}/deployments`, s.owner, { applicationId: ids.app, state: 'deployed', startedOn: '2027-01-05', finishedOn: '2027-01-01', outcome: 'short', results: [{ criterionId, value: 35 }], version: 1 }), 400);
    expect(reasons(bad)).toEqual(['outcome_required', 'timeline_order']);
    const unknown = await refused(req('POST', `/scenarios/${ids.ready}/deployments`, s.owner, { applicationId: ids.app, state: 'deployed', finishedOn: '2027-04-30', outcome: '示例：系统已在影像科常态化使用。', results: [{ criterionId: 'no-such-metric', value: 1 }], version: 1 }), 400);
    expect(unknown.details.fields.map((f) => `${f.reason}@${f.path}`)).toEqual(['unknown_criterion@results.0.criterionId']);
    expect(reasons(await refused(req('POST', `/scenarios/${ids.ready}/deployments`, s.owner, { applicationId: ids.app, state: 'deployed', finishedOn: '2027-04-30', outcome: '示例：系统已在影像科常态化使用。', version: 7 }), 409))).toEqual(['stale_version']);
    const done = await ok(req('POST', `/scenarios/${ids.ready}/deployments`, s.owner, { applicationId: ids.app, state: 'deployed', startedOn: '2027-01-05', finishedOn: '2027-04-30', outcome: '示例：系统已在影像科常态化使用，阅片时间缩短约三成。', achievementId: ids.achievement, results: [{ criterionId, value: 34 }], version: 1 }));
    expect(done.results).toEqual([expect.objectContaining({ criterionId, value: 34, met: true, metric: '阅片时间缩短' })]);
    expect(reasons(await refused(req('POST', `/scenarios/${ids.ready}/deployments`, s.owner, { applicationId: ids.app, state: 'failed', finishedOn: '2027-05-01', outcome: '示例：改写结果的尝试', version: done.version }), 409))).toEqual(['deployment_finished']);
  });

  test('the outcome flows to the enterprise’s profile, the public scenario and the indicators, with the records behind each figure', async () => {
    const profile = await ok(req('GET', `/scenario-deployments?enterpriseId=${ids.vendor}`));
    expect(profile.items).toEqual([expect.objectContaining({ state: 'deployed', batchNumber: 1, call: expect.objectContaining({ id: ids.ready }) })]);
    expect((await ok(req('GET', `/scenarios/${ids.ready}`))).deployments[0]).toMatchObject({ state: 'deployed', outcome: expect.stringContaining('阅片时间') });
    expect((await ok(req('GET', `/scenario-deployments?enterpriseId=${ids.other}`))).items).toEqual([]);
    // The achievement put to use lists the deployment too.
    expect((await ok(req('GET', `/scenario-deployments?achievementId=${ids.achievement}`))).items).toEqual([expect.objectContaining({ achievementId: ids.achievement, state: 'deployed' })]);
    const refresh = await ok(req('POST', '/derived-figures/refresh', analyst));
    expect(refresh.items.find((r: { key: string }) => r.key === 'scenarios')).toMatchObject({ withdrawn: 0 });
    const released = (await ok(req('GET', '/indicators/scenarios_released'))).indicator.observations.filter((o: { areaId: string }) => o.areaId === 'bj');
    expect(released).toEqual([expect.objectContaining({ value: 2, provenance: 'derived', isSample: true })]);
    const deployed = (await ok(req('GET', '/indicators/scenarios_deployed'))).indicator.observations.filter((o: { areaId: string }) => o.areaId === 'bj');
    expect(deployed).toEqual([expect.objectContaining({ period: '2027', value: 1 })]);
    const { observations } = await import('../../../db/schema/index.js');
    const { eq } = await import('drizzle-orm');
    const [row] = await t.database.db.select({ derivation: observations.derivation }).from(observations).where(eq(observations.id, deployed[0].id));
    expect((row?.derivation as { records: { kind: string }[]; query: string }).records).toEqual([{ kind: 'scenario_deployment', id: expect.any(String) }]);
  });

  test('every write is audited in one verified chain', async () => {
    const batchEvents = await listAuditEvents(t.database.db, { entityType: 'scenario_batch', limit: 20 });
    expect(batchEvents.map((e) => e.action).sort()).toEqual(['scenario_batch.create', 'scenario_batch.create', 'scenario_batch.publish']);
    const deployments = await listAuditEvents(t.database.db, { entityType: 'scenario_deployment', limit: 20 });
    expect(deployments.map((e) => e.action).reverse()).toEqual(['scenario_deployment.record', 'scenario_deployment.update']);
    const callEvents = await listAuditEvents(t.database.db, { entityType: 'call', entityId: ids.incomplete, limit: 20 });
    expect(callEvents.map((e) => e.action).reverse()).toEqual(['call.create', 'scenario.create', 'scenario.update', 'call.update', 'call.submit_for_review', 'call.publish']);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
