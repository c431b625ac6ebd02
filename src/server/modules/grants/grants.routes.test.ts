import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listAuditEvents, verifyAuditChain } from '../../../db/audit-log.js';
import { patents } from '../../../db/schema/index.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

/**
 * A foundation grant through the API, sample and synthetic records only: the
 * negative list is published in versions; a grant call offers two review
 * tracks; a researcher applies on the task-oriented track and is reviewed on
 * its criteria, awarded and co-funded; expenses on the negative list in force
 * on their date (or beyond the lump sum) are refused at once with the version
 * and item, and kept for oversight; the outputs-only final report is evaluated
 * on the track's end-of-project criteria; the co-funding reaches the indicators.
 */
let t: TestApp;
const C = '/api/centres/beijing';
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
type Refusal = { code: string; message: string; details: { fields: { path: string; reason: string; message: string; [k: string]: unknown }[] } };
const refused = async (p: Promise<Res>, status: number): Promise<Refusal> => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json().error as Refusal;
};
const reasons = (e: Refusal) => e.details.fields.map((f) => `${f.reason}@${f.path}`).sort();
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
const entity = async (payload: Record<string, unknown>) => (await ok(req('POST', '/entities', s.officer, { isSample: true, confirmNotDuplicate: true, ...payload }), 201)).id as string;

const form = (prefix: string) => ({
  aggregation: 'mean',
  overallThreshold: null,
  criteria: [
    { id: `${prefix}_a`, label: `${prefix} A`, kind: 'numeric', min: 0, max: 10, weight: 60 },
    { id: `${prefix}_b`, label: `${prefix} B`, kind: 'rating', scale: 5, weight: 40 },
  ],
});
const TRACKS = [
  { code: 'free_exploration', descriptionZh: '示例：自由探索类', reviewForm: form('originality'), evaluationForm: form('scientific_value') },
  { code: 'task_oriented', descriptionZh: '示例：任务导向类', reviewForm: form('demand_fit'), evaluationForm: form('goal_attainment') },
];
const ITEM = { code: 'gifts_entertainment', nameZh: '示例：礼品与宴请', nameEn: 'Sample: gifts and entertainment', explanationZh: '示例说明：项目经费不得用于礼品和宴请。', explanationEn: 'Sample explanation: project money may not pay for gifts or entertainment.' };
// A lump sum: the total only, no line items (包干制).
const APPLICATION = {
  title: '示例：面向城市需求的材料研究',
  plan: '示例研究计划：围绕城市需求开展新型材料的基础研究。',
  budget: { total: 500_000, items: [] },
  milestones: [{ title: '结题', deliverable: '示例：结题成果报告', verification: '示例：按类别结题评价', dueOn: '2027-12-31', trancheShare: 100 }],
};
const FINES = { code: 'fines_penalties', nameZh: '示例：罚款', nameEn: 'Sample: fines', explanationZh: '示例说明：不得支付罚款。', explanationEn: 'Sample explanation: project money may not pay fines.' };

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  s.officer = await as('service_officer');
  s.analyst = await as('analyst');
  ids.foundation = await entity({ kind: 'organisation', nameZh: '示例基金委员会', nameEn: 'Sample Foundation Board' });
  ids.university = await entity({ kind: 'university', nameZh: '示例大学', nameEn: 'Sample University' });
  ids.other = await entity({ kind: 'university', nameZh: '示例学院', nameEn: 'Sample College' });
  ids.enterprise = await entity({ kind: 'enterprise', nameZh: '示例联合资助企业', nameEn: 'Sample Co-funding Enterprise' });
  ids.pi = await entity({ kind: 'talent', nameZh: '示例负责人', nameEn: 'Sample PI' });
  ids.student = await entity({ kind: 'talent', nameZh: '示例博士生', nameEn: 'Sample Doctoral Student' });
  ids.reviewerPerson = await entity({ kind: 'talent', nameZh: '示例评审专家', nameEn: 'Sample Reviewer' });
  s.researcher = await as('research_member', { organisationId: ids.university });
  s.stranger = await as('research_member', { organisationId: ids.other });
  s.reviewer = await as('expert_reviewer');
});
afterAll(() => t.close());

describe('a foundation grant from call to final outputs', () => {
  test('the negative list: versions published by officers, never before today or the newest, public to read', async () => {
    expect((await refused(req('POST', '/negative-lists', s.researcher, { effectiveFrom: '2026-03-01', items: [ITEM] }), 403)).code).toBe('FORBIDDEN');
    const bad = await refused(req('POST', '/negative-lists', s.officer, { effectiveFrom: '2026-03-01', items: [ITEM, ITEM, { ...ITEM, code: 'equipment' }] }), 400);
    expect(reasons(bad)).toEqual(['general_category@items.2.code', 'item_duplicate@items.1.code']);
    expect(reasons(await refused(req('POST', '/negative-lists', s.officer, { effectiveFrom: '2026-02-28', items: [ITEM] }), 400))).toEqual(['effective_in_past@effectiveFrom']);
    expect(await ok(req('POST', '/negative-lists', s.officer, { effectiveFrom: '2026-03-01', noteZh: '示例清单', items: [ITEM] }), 201)).toMatchObject({ number: 1, effectiveFrom: '2026-03-01' });
    expect(await ok(req('POST', '/negative-lists', s.officer, { effectiveFrom: '2026-04-01', items: [ITEM, FINES] }), 201)).toMatchObject({ number: 2 });
    expect(reasons(await refused(req('POST', '/negative-lists', s.officer, { effectiveFrom: '2026-03-15', items: [ITEM] }), 400))).toEqual(['before_latest_version@effectiveFrom']);
    const { items } = await ok(req('GET', '/negative-lists'));
    expect(items.map((v: { number: number; inForce: boolean; effectiveTo: string | null; items: unknown[] }) => [v.number, v.inForce, v.effectiveTo, v.items.length])).toEqual([
      [2, false, null, 2],
      [1, true, '2026-03-31', 1],
    ]);
  });

  test('a grant call: on a grant programme, with tracks whose forms are checked; drafts stay with officers', async () => {
    const unveil = await ok(req('POST', '/call-programmes', s.officer, { kind: 'unveil_list', titleEn: 'Sample unveil programme', isSample: true, settings: { form: form('x'), minReviewers: 1, minCompletedReviews: 1 } }), 201);
    ids.programme = (await ok(req('POST', '/call-programmes', s.officer, { kind: 'grant', titleZh: '示例自然科学基金', titleEn: 'Sample natural science foundation', year: 2026, isSample: true, settings: { form: form('general'), minReviewers: 1, minCompletedReviews: 1 } }), 201)).id;
    const call = (programmeId: string) => ({
      programmeId,
      ownerEntityId: ids.foundation,
      isSample: true,
      titleZh: '示例：2026年度基金项目',
      titleEn: 'Sample: 2026 foundation projects',
      problem: '示例：支持基础研究。',
      budget: 2_000_000,
      deadline: new Date(t.clock.now().getTime() + 20 * DAY).toISOString(),
      ipTemplate: 'open_source',
      paymentSchedule: [{ label: 'Lump sum', share: 100 }],
      acceptanceCriteria: [{ metric: '结题评价得分', unit: 'points', comparator: '>=', threshold: 60, testMethod: '示例：按类别结题评价' }],
    });
    expect(reasons(await refused(req('POST', '/grant-calls', s.officer, { call: call(unveil.id as string), tracks: TRACKS }), 400))).toEqual(['not_grant_programme@call.programmeId']);
    const weightless = { ...TRACKS[0], reviewForm: { ...form('o'), criteria: [{ id: 'o_a', label: 'A', kind: 'numeric', min: 0, max: 10, weight: 50 }] } };
    expect(reasons(await refused(req('POST', '/grant-calls', s.officer, { call: call(ids.programme as string), tracks: [weightless] }), 400))).toEqual(['weights_sum@tracks.0.reviewForm.criteria']);
    expect(reasons(await refused(req('POST', '/grant-calls', s.officer, { call: call(ids.programme as string), tracks: [TRACKS[0], TRACKS[0]] }), 400))).toEqual(['track_duplicate@tracks.1.code']);
    expect((await refused(req('POST', '/grant-calls', s.researcher, { call: call(ids.programme as string), tracks: TRACKS }), 403)).code).toBe('FORBIDDEN');
    ids.call = (await ok(req('POST', '/grant-calls', s.officer, { call: call(ids.programme as string), tracks: TRACKS }), 201)).id;
    expect((await ok(req('GET', '/grant-calls'))).items).toEqual([]);
    expect((await req('GET', `/grant-calls/${ids.call}`)).statusCode).toBe(404);
    await ok(req('POST', `/calls/${ids.call}/transitions`, s.officer, { action: 'submit_for_review' }));
    await ok(req('POST', `/calls/${ids.call}/transitions`, s.officer, { action: 'publish' }));
    const pub = await ok(req('GET', `/grant-calls/${ids.call}`));
    expect(pub).toMatchObject({ state: 'published', isSample: true, applications: null, programme: { year: 2026 } });
    expect(pub.tracks.map((x: { code: string }) => x.code)).toEqual(['free_exploration', 'task_oriented']);
  });

  test('applying on a track; the panel scores on that track’s criteria only', async () => {
    expect((await refused(req('POST', `/grant-calls/${ids.call}/applications`, s.researcher, { track: 'basic', application: { title: 'x' } }), 400)).details.fields[0]?.path).toBe('track');
    const app = await ok(req('POST', `/grant-calls/${ids.call}/applications`, s.researcher, { track: 'task_oriented', application: { ...APPLICATION, piEntityId: ids.pi } }), 201);
    ids.app = app.id;
    await ok(req('POST', `/applications/${ids.app}/transitions`, s.researcher, { action: 'submit' }));
    expect((await ok(req('GET', `/grant-calls/${ids.call}`, s.officer))).applications).toEqual({ free_exploration: 0, task_oriented: 1 });
    await advanceDays(21);
    await ok(req('POST', `/calls/${ids.call}/transitions`, s.officer, { action: 'close' }));
    const me = (await ok(req('GET', '/api/auth/session', s.reviewer))).user.id as string;
    const expert = await ok(req('POST', '/experts', s.officer, { entityId: ids.reviewerPerson, userId: me, fields: ['materials'], maxLoad: 5 }), 201);
    await ok(req('POST', `/calls/${ids.call}/assignments`, s.officer, { applicationId: ids.app, expertId: expert.id }), 201);
    await ok(req('POST', `/calls/${ids.call}/transitions`, s.officer, { action: 'start_review' }));
    const [assignment] = (await ok(req('GET', '/api/me/assignments', s.reviewer))).items;
    // The reviewer's page gets the track's form; the engine's own review route scores on it too, so the
    // free-exploration criteria are refused there as well as on /grant-reviews.
    expect((await ok(req('GET', `/applications/${ids.app}`, s.reviewer))).scoringForm.criteria.map((c: { id: string }) => c.id)).toEqual(['demand_fit_a', 'demand_fit_b']);
    const generic = await refused(req('PUT', `/assignments/${assignment.id}/review`, s.reviewer, { scores: { originality_a: 8, originality_b: 4 } }), 409);
    expect(reasons(generic)).toContain('criterion_unknown@scores.originality_a');
    const wrong = await refused(req('PUT', `/grant-reviews/${assignment.id}`, s.reviewer, { scores: { originality_a: 8, originality_b: 4 } }), 409);
    expect(reasons(wrong)).toEqual(['criterion_unknown@scores.originality_a', 'criterion_unknown@scores.originality_b', 'score_missing@scores.demand_fit_a', 'score_missing@scores.demand_fit_b']);
    expect((await refused(req('PUT', `/grant-reviews/${assignment.id}`, s.officer, { scores: {} }), 403)).code).toBe('FORBIDDEN');
    const done = await ok(req('PUT', `/grant-reviews/${assignment.id}`, s.reviewer, { scores: { demand_fit_a: 8, demand_fit_b: 4 } }));
    // 0.6 × 8/10 + 0.4 × (4−1)/(5−1) = 0.78
    expect(done).toMatchObject({ to: 'completed', track: 'task_oriented', total: 78 });
    expect((await ok(req('GET', `/grant-calls/${ids.call}/ranking`, s.officer))).items).toEqual([expect.objectContaining({ applicationId: ids.app, track: 'task_oriented', total: 78, rank: 1, reviews: 1 })]);
    expect((await refused(req('GET', `/grant-calls/${ids.call}/ranking`, s.researcher), 403)).code).toBe('FORBIDDEN');
    await ok(req('POST', `/applications/${ids.app}/transitions`, s.officer, { action: 'award', awardAmount: 500_000 }));
    const c = await ok(req('GET', `/calls/${ids.call}`, s.officer));
    await ok(req('PATCH', `/calls/${ids.call}`, s.officer, { version: c.version, decisionMemo: '示例：评审通过，予以资助。' }));
    await ok(req('POST', `/calls/${ids.call}/transitions`, s.officer, { action: 'award' }));
  });

  test('the project: seen by its team and officers only; co-funding recorded by officers, fiscal vs external', async () => {
    const mine = await ok(req('GET', `/grant-projects/${ids.app}`, s.researcher));
    expect(mine).toMatchObject({ track: 'task_oriented', lumpSum: 500_000, funding: [], commitments: null, report: null, can: { manage: false, team: true } });
    expect((await refused(req('GET', `/grant-projects/${ids.app}`, s.stranger), 404)).code).toBe('NOT_FOUND');
    expect((await refused(req('GET', `/grant-projects/${ids.app}`, s.reviewer), 403)).code).toBe('FORBIDDEN');
    expect((await ok(req('GET', '/grant-projects', s.stranger))).items).toEqual([]);
    const fiscal = { level: 'city', nature: 'fiscal', funderName: '示例市级财政', amount: 500_000, year: 2026 };
    expect((await refused(req('POST', `/grant-projects/${ids.app}/funding`, s.researcher, fiscal), 403)).code).toBe('FORBIDDEN');
    expect(reasons(await refused(req('POST', `/grant-projects/${ids.app}/funding`, s.officer, { ...fiscal, amount: 1.234, level: 'galactic' }), 400))).toEqual(['invalid_value@level', 'too_many_decimals@amount']);
    expect(reasons(await refused(req('POST', `/grant-projects/${ids.app}/funding`, s.officer, { ...fiscal, funderEntityId: ids.pi }), 400))).toEqual(['not_an_organisation@funderEntityId']);
    await ok(req('POST', `/grant-projects/${ids.app}/funding`, s.officer, fiscal), 201);
    const ext = await ok(req('POST', `/grant-projects/${ids.app}/funding`, s.officer, { level: 'enterprise', nature: 'external', funderEntityId: ids.enterprise, funderName: '示例联合资助企业', amount: 300_000.5, year: 2026 }), 201);
    expect(ext).toMatchObject({ funder: { id: ids.enterprise }, amount: 300_000.5, isSample: true });
    const summary = await ok(req('GET', '/grant-funding'));
    expect(summary.byProgramme).toEqual([expect.objectContaining({ programmeId: ids.programme, year: 2026, fiscal: 500_000, external: 300_000.5, label: '1:0.6', isSample: true })]);
    expect(summary.centre[0].records).toHaveLength(2);
    expect(summary.supportingUnits).toEqual({ count: 1, records: [ids.university] });
    // The published figures stand beside, with their sources.
    expect(summary.published.map((p: { indicatorCode: string }) => p.indicatorCode)).toEqual(expect.arrayContaining(['nsf_external_funding', 'nsf_fiscal_external_ratio', 'lump_sum_supporting_units']));
    expect(summary.published.every((p: { sourceTitle: string | null }) => p.sourceTitle)).toBe(true);
  });

  test('commitments are declared once', async () => {
    const { version } = await ok(req('GET', `/grant-projects/${ids.app}`, s.researcher));
    expect(version).toBe(1);
    await ok(req('PUT', `/grant-projects/${ids.app}/commitments`, s.researcher, { commitments: { paper: 2, patent: 1, dataset: 1, talent: 2 }, version }));
    expect(reasons(await refused(req('PUT', `/grant-projects/${ids.app}/commitments`, s.officer, { commitments: { paper: 9, patent: 0, dataset: 0, talent: 0 }, version: 2 }), 409))).toEqual(['already_declared@commitments']);
  });

  test('expenses: refused at once by the negative list in force on their date, or beyond the lump sum; kept for oversight', async () => {
    const E = `/grant-projects/${ids.app}/expenses`;
    const gift = { spentOn: '2026-03-20', category: ITEM.code, amount: 1200, description: '示例：节日礼品' };
    const e = await refused(req('POST', E, s.researcher, gift), 422);
    expect(e.code).toBe('UNPROCESSABLE');
    expect(e.details.fields).toEqual([expect.objectContaining({ path: 'category', reason: 'negative_list', listVersion: 1, effectiveFrom: '2026-03-01', item: expect.objectContaining({ code: ITEM.code, explanationZh: ITEM.explanationZh }) })]);
    // Fines were allowed under version 1 and are forbidden from version 2 (1 April) on.
    const fineMarch = await ok(req('POST', E, s.researcher, { spentOn: '2026-03-25', category: FINES.code, amount: 100, description: '示例：三月的一笔支出' }), 201);
    expect(fineMarch).toMatchObject({ listVersion: 1, balanceAfter: 499_900 });
    const fineApril = await refused(req('POST', E, s.researcher, { spentOn: '2026-04-02', category: FINES.code, amount: 100, description: '示例：四月的一笔支出' }), 422);
    expect(fineApril.details.fields[0]).toMatchObject({ reason: 'negative_list', listVersion: 2, effectiveFrom: '2026-04-01' });
    const over = await refused(req('POST', E, s.researcher, { spentOn: '2026-03-26', category: 'equipment', amount: 499_900.01, description: '示例：超出包干额度' }), 422);
    expect(over.details.fields).toEqual([expect.objectContaining({ path: 'amount', reason: 'over_lump_sum', remaining: 499_900 })]);
    expect(reasons(await refused(req('POST', E, s.researcher, { ...gift, category: 'spaceships' }), 400))).toEqual(['unknown_category@category']);
    expect(reasons(await refused(req('POST', E, s.researcher, { ...gift, spentOn: '2026-13-01', amount: -1 }), 400))).toEqual(['invalid_format@spentOn', 'too_small@amount']);
    expect((await refused(req('POST', E, s.stranger, { ...gift, category: 'equipment' }), 404)).code).toBe('NOT_FOUND');
    expect((await refused(req('POST', E, s.officer, { ...gift, category: 'equipment' }), 403)).code).toBe('FORBIDDEN');
    const ok1 = await ok(req('POST', E, s.researcher, { spentOn: '2026-03-26', category: 'equipment', amount: 80_000.25, description: '示例：购置光谱仪' }), 201);
    expect(ok1.balanceAfter).toBe(419_899.75);
    const team = await ok(req('GET', `/grant-projects/${ids.app}/ledger`, s.researcher));
    expect(team).toMatchObject({ lumpSum: 500_000, spent: 80_100.25, remaining: 419_899.75, rejectedCount: 3, rejected: null, canRecord: true });
    expect(team.categories).toEqual(expect.arrayContaining(['equipment', ITEM.code, FINES.code]));
    const officer = await ok(req('GET', `/grant-projects/${ids.app}/ledger`, s.officer));
    expect(officer.rejected.map((r: { reason: string; listVersion: number | null; itemCode: string | null }) => [r.reason, r.listVersion, r.itemCode]).sort()).toEqual([
      ['negative_list', 1, ITEM.code],
      ['negative_list', 2, FINES.code],
      ['over_lump_sum', 1, null],
    ]);
    expect((await ok(req('GET', '/grant-projects', s.officer))).items).toEqual([expect.objectContaining({ applicationId: ids.app, spent: 80_100.25, rejectedAttempts: 3, reportState: null })]);
  });

  test('the final report lists outputs only, linked to the registry; the gap to the commitments shows', async () => {
    await t.database.db.insert(patents).values({ id: 'grant-test-patent', centreId: 'beijing', number: '202310123456.6', kind: 'invention', title: '示例：一种复合材料', applicationDate: '2023-05-01', legalStatus: 'pending', isSample: true, createdAt: t.clock.now(), updatedAt: t.clock.now() });
    const R = `/grant-projects/${ids.app}/final-report`;
    const narrative = await refused(req('PUT', R, s.researcher, { summary: '示例总结', outputs: [], financialNarrative: '经费使用情况……' }), 400);
    expect(narrative.details.fields.map((f) => f.reason)).toEqual(['unrecognized_keys']);
    const bad = await refused(
      req('PUT', R, s.researcher, {
        summary: '示例总结',
        outputs: [
          { kind: 'patent', title: 'x', patentNumber: '202310123456.1' },
          { kind: 'talent', title: 'y', personEntityId: ids.enterprise },
          { kind: 'paper', title: 'z', doi: 'not-a-doi' },
        ],
      }),
      400,
    );
    expect(reasons(bad)).toEqual(['invalid_format@outputs.2.doi']);
    const bad2 = await refused(req('PUT', R, s.researcher, { summary: '示例总结', outputs: [{ kind: 'patent', title: 'x', patentNumber: '202310123456.1' }, { kind: 'talent', title: 'y', personEntityId: ids.enterprise }] }), 400);
    expect(reasons(bad2)).toEqual(['not_a_person@outputs.1.personEntityId', 'patent_check_digit@outputs.0.patentNumber']);
    const report = {
      summary: '示例：项目完成了预定研究任务。',
      outputs: [
        { kind: 'paper', title: '示例论文', doi: '10.1000/sample.2026.1', year: 2026 },
        { kind: 'patent', title: '示例：一种复合材料', patentNumber: 'CN202310123456.6' },
        { kind: 'dataset', title: '示例数据集', url: 'https://example.org/dataset/1' },
        { kind: 'talent', title: '博士研究生', personEntityId: ids.student },
      ],
    };
    expect((await refused(req('PUT', R, s.stranger, report), 404)).code).toBe('NOT_FOUND');
    expect(await ok(req('PUT', R, s.researcher, report))).toEqual({ version: 1, outputs: 4, linkedPatents: 1 });
    expect(reasons(await refused(req('PUT', `${R}?version=7`, s.researcher, report), 409))).toEqual(['stale_version@version']);
    const project = await ok(req('GET', `/grant-projects/${ids.app}`, s.officer));
    expect(project.report.outputs.map((o: { kind: string; patent: { id: string } | null; person: { id: string } | null }) => [o.kind, o.patent?.id ?? null, o.person?.id ?? null])).toEqual([
      ['paper', null, null],
      ['patent', 'grant-test-patent', null],
      ['dataset', null, null],
      ['talent', null, ids.student],
    ]);
    expect(project.report.gap).toEqual([
      { kind: 'paper', committed: 2, delivered: 1, gap: 1 },
      { kind: 'patent', committed: 1, delivered: 1, gap: 0 },
      { kind: 'dataset', committed: 1, delivered: 1, gap: 0 },
      { kind: 'talent', committed: 2, delivered: 1, gap: 1 },
    ]);
    expect(project.evaluationForm.criteria.map((c: { id: string }) => c.id)).toEqual(['goal_attainment_a', 'goal_attainment_b']);
  });

  test('the end-of-project evaluation uses the track’s criteria', async () => {
    const V = `/grant-projects/${ids.app}/evaluation`;
    expect((await refused(req('POST', V, s.researcher, { scores: {}, version: 1 }), 403)).code).toBe('FORBIDDEN');
    expect(reasons(await refused(req('POST', V, s.officer, { scores: { scientific_value_a: 9, goal_attainment_a: 11 }, version: 1 }), 400))).toEqual(['criterion_unknown@scores.scientific_value_a', 'score_missing@scores.goal_attainment_b', 'score_out_of_range@scores.goal_attainment_a']);
    expect(await ok(req('POST', V, s.officer, { scores: { goal_attainment_a: 9, goal_attainment_b: 5 }, version: 1 }))).toEqual({ total: 94, version: 2 });
    expect(reasons(await refused(req('POST', V, s.officer, { scores: { goal_attainment_a: 9, goal_attainment_b: 5 }, version: 2 }), 409))).toEqual(['report_evaluated@state']);
    expect(reasons(await refused(req('PUT', `/grant-projects/${ids.app}/final-report?version=2`, s.researcher, { summary: 'x', outputs: [] }), 409))).toEqual(['report_evaluated@state']);
    expect((await ok(req('GET', `/grant-projects/${ids.app}`, s.researcher))).report).toMatchObject({ state: 'evaluated', evaluation: { total: 94 } });
  });

  test('the co-funding reaches the indicators with its records; published figures stay apart', async () => {
    const refresh = await ok(req('POST', '/derived-figures/refresh', s.analyst));
    expect(refresh.items.find((r: { key: string }) => r.key === 'grants')).toMatchObject({ figures: 3, withdrawn: 0 });
    const ext = (await ok(req('GET', '/indicators/grant_external_funding'))).indicator.observations;
    expect(ext).toEqual([expect.objectContaining({ period: '2026', value: 300_000.5, provenance: 'derived', isSample: true })]);
    const ratio = (await ok(req('GET', '/indicators/grant_external_per_fiscal'))).indicator.observations;
    expect(ratio).toEqual([expect.objectContaining({ period: '2026', value: 0.600001 })]);
    const published = (await ok(req('GET', '/indicators/nsf_external_funding'))).indicator.observations;
    expect(published.every((o: { provenance: string }) => o.provenance !== 'derived')).toBe(true);
  });

  test('every write is audited in one verified chain', async () => {
    const actions = async (entityType: string) => (await listAuditEvents(t.database.db, { entityType, limit: 50 })).map((e) => e.action).sort();
    expect(await actions('negative_list_version')).toEqual(['negative_list.publish', 'negative_list.publish']);
    expect(await actions('grant_funding_source')).toEqual(['grant_funding.create', 'grant_funding.create']);
    expect(await actions('grant_expense')).toEqual(['grant_expense.record', 'grant_expense.record']);
    expect(await actions('grant_expense_rejection')).toEqual(['grant_expense.reject', 'grant_expense.reject', 'grant_expense.reject']);
    expect(await actions('grant_final_report')).toEqual(['grant_report.evaluate', 'grant_report.submit']);
    expect((await listAuditEvents(t.database.db, { entityType: 'call', entityId: ids.call, limit: 20 })).map((e) => e.action)).toContain('grant_call.create');
    expect((await listAuditEvents(t.database.db, { entityType: 'call_application', entityId: ids.app, limit: 30 })).map((e) => e.action)).toEqual(expect.arrayContaining(['application.create', 'grant_application.create', 'grant_commitments.declare']));
    expect((await listAuditEvents(t.database.db, { entityType: 'review_assignment', limit: 20 })).map((e) => e.action)).toContain('review.submit');
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
