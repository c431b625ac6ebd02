import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listAuditEvents, verifyAuditChain } from '../../../db/audit-log.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

/**
 * One complete 揭榜挂帅 through the API, with sample records only (示例/Sample):
 * a demand owner, two competing teams, three reviewers of whom one has a
 * detected conflict; plus the refusals on the way (wrong role 403, forbidden
 * transitions 409 with the guards' reasons, bad input 400).
 */
let t: TestApp;
const C = '/api/centres/beijing';
let officer: Session;
let outsider: Session;
const ids: Record<string, string> = {};
const s: Record<string, Session> = {};

type Res = Awaited<ReturnType<TestApp['request']>>;
const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, session?: Session, payload?: unknown): Promise<Res> =>
  t.request({ method, url: url.startsWith('/api/') ? url : `${C}${url}`, session, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const ok = async (p: Promise<Res>, status = 200) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};
const refused = async (p: Promise<Res>, status: number) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json().error as { code: string; message: string; details: { fields: { path: string; reason: string }[] } };
};
const reasons = (e: { details: { fields: { reason: string }[] } }) => e.details.fields.map((f) => f.reason).sort();
const entity = async (payload: Record<string, unknown>) => (await ok(req('POST', '/entities', officer, { isSample: true, confirmNotDuplicate: true, ...payload }), 201)).id as string;
const userId = async (session: Session) => (await ok(req('GET', '/api/auth/session', session))).user.id as string;
const day = 24 * 60;
const creds = new Map<Session, { username: string; password: string }>();
const as = async (role: Parameters<TestApp['userWithRole']>[0], extra?: Parameters<TestApp['userWithRole']>[1]) => {
  const u = await t.userWithRole(role, extra);
  creds.set(u, { username: u.username, password: u.password });
  return u;
};
/** Move the clock by days; sessions would expire, so everyone signs in again (same session objects). */
const advanceDays = async (n: number) => {
  t.clock.advanceMinutes(n * day);
  for (const [session, c] of creds) Object.assign(session, await t.login(c.username, c.password));
};

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  officer = await as('service_officer');
  outsider = await as('analyst');
  ids.owner = await entity({ kind: 'enterprise', nameZh: '示例链主企业', nameEn: 'Sample Chain-Master Co.' });
  ids.univ = await entity({ kind: 'university', nameZh: '示例大学', nameEn: 'Sample University' });
  ids.partner = await entity({ kind: 'enterprise', nameZh: '示例合作企业', nameEn: 'Sample Partner Co.' });
  ids.fund = await entity({ kind: 'investor', nameZh: '示例投资基金', nameEn: 'Sample Fund' });
  for (const k of ['piA', 'piB', 'rev1', 'rev2', 'rev3', 'rev4']) ids[k] = await entity({ kind: 'talent', nameZh: `示例人员${k}`, nameEn: `Sample Person ${k}` });
  // Reviewer 3 worked at team A's lead until last year; reviewer 4's fund invested in team B's university.
  await ok(req('POST', '/relations', officer, { type: 'affiliated_with', fromId: ids.rev3, toId: 'beijing-ent-040', validFrom: '2015', validTo: '2025', sourceNote: 'Sample relation (test)' }), 201);
  await ok(req('POST', '/relations', officer, { type: 'affiliated_with', fromId: ids.rev4, toId: ids.fund, validFrom: '2019', sourceNote: 'Sample relation (test)' }), 201);
  await ok(req('POST', '/relations', officer, { type: 'invested_in', fromId: ids.fund, toId: ids.univ, sourceNote: 'Sample relation (test)' }), 201);
  s.owner = await as('enterprise_member', { organisationId: ids.owner });
  s.teamA = await as('enterprise_member');
  s.teamB = await as('research_member', { organisationId: ids.univ });
  for (const k of ['rev1', 'rev2', 'rev3', 'rev4']) s[k] = await as('expert_reviewer');
});
afterAll(() => t.close());

const FORM = {
  aggregation: 'median',
  overallThreshold: 50,
  criteria: [
    { id: 'technical', label: 'Technical route', kind: 'numeric', min: 0, max: 10, weight: 60, commentBelow: 5, threshold: null },
    { id: 'team', label: 'Team', kind: 'rating', scale: 5, weight: 30 },
    { id: 'feasible', label: 'Feasible', kind: 'pass_fail', weight: 10, commentBelow: 1 },
  ],
};
const CRITERIA = [{ metric: 'Sample inference latency', unit: 'ms', comparator: '<=', threshold: 20, testMethod: 'Sample: third-party benchmark on the reference dataset' }];
const applicationBody = (title: string, lead: string | null, pi: string, partners: string[] = []) => ({
  title,
  ...(lead ? { leadEntityId: lead } : {}),
  piEntityId: pi,
  partnerEntityIds: partners,
  plan: 'Sample technical plan: model compression and on-device inference pipeline.',
  budget: { total: 2_000_000, selfFunded: 600_000, items: [{ label: 'Equipment', amount: 2_000_000 }] },
  declarations: { no_duplicate_funding: true },
  teamTrl: 5,
  milestones: [
    { title: 'Prototype', deliverable: 'Prototype passing the latency test', verification: 'Lab report', dueOn: '2026-06-30', trancheShare: 40 },
    { title: 'Pilot', deliverable: 'Pilot at the demand owner', verification: 'End-user sign-off', dueOn: '2026-09-30', trancheShare: 60 },
  ],
});

describe('a complete 揭榜挂帅, draft to acceptance', () => {
  test('programme and call: only officers create; bad input is 400 with field paths', async () => {
    expect((await refused(req('POST', '/call-programmes', s.teamA as Session, {}), 403)).code).toBe('FORBIDDEN');
    const bad = await refused(req('POST', '/call-programmes', officer, { kind: 'unveil_list', titleEn: 'x', settings: { form: { ...FORM, criteria: [{ ...FORM.criteria[0], weight: 50 }] } } }), 400);
    expect(bad.details.fields.map((f) => f.path)).toContain('settings.form.criteria');
    const programme = await ok(req('POST', '/call-programmes', officer, { kind: 'unveil_list', titleZh: '示例 2026 揭榜挂帅', titleEn: 'Sample 2026 unveil-the-list programme', year: 2026, isSample: true, settings: { form: FORM, minReviewers: 2, minCompletedReviews: 2, requiredDeclarations: ['no_duplicate_funding'], appealDays: 5, discloseReviewers: true } }), 201);
    ids.programme = programme.id;
    const badCall = await refused(req('POST', '/calls', officer, { programmeId: ids.programme, ownerEntityId: ids.owner, titleEn: 'x', fieldCodes: ['Not A Code'], deadline: 'tomorrow' }), 400);
    expect(badCall.details.fields.map((f) => f.path).sort()).toEqual(['deadline', 'fieldCodes.0']);
    const personOwner = await refused(req('POST', '/calls', officer, { programmeId: ids.programme, ownerEntityId: ids.piA, titleEn: 'x' }), 400);
    expect(reasons(personOwner)).toEqual(['not_an_organisation']);
    const call = await ok(
      req('POST', '/calls', officer, {
        programmeId: ids.programme,
        ownerEntityId: ids.owner,
        isSample: true,
        titleZh: '示例：端侧大模型推理加速',
        titleEn: 'Sample: on-device model inference acceleration',
        fieldCodes: ['ict.ai'],
        problem: 'Sample problem: on-device inference is too slow for the target latency.',
        chainPosition: 'Sample: AI chips / inference',
        trlExpected: 6,
        budget: 5_000_000,
        deadline: new Date(t.clock.now().getTime() + 10 * day * 60_000).toISOString(),
        eligibilityRules: [{ kind: 'consortium_size', min: 1, max: 4 }, { kind: 'trl_gap', maxGap: 2 }, { kind: 'declarations', required: ['no_duplicate_funding'] }],
      }),
      201,
    );
    ids.call = call.id;
    expect((await ok(req('GET', `/calls/${ids.call}`, officer))).state).toBe('draft');
    expect((await req('GET', `/calls/${ids.call}`)).statusCode).toBe(404);
  });

  test('no internal review without typed criteria, an IP template and a full payment schedule; the reasons say where', async () => {
    const e = await refused(req('POST', `/calls/${ids.call}/transitions`, s.owner, { action: 'submit_for_review' }), 409);
    expect(reasons(e)).toEqual(['criteria_missing', 'ip_template_missing', 'payment_schedule_missing']);
    expect(e.details.fields.map((f) => f.path).sort()).toEqual(['acceptanceCriteria', 'ipTemplate', 'paymentSchedule']);
    const stale = await refused(req('PATCH', `/calls/${ids.call}`, officer, { version: 9, ipTemplate: 'shared' }), 409);
    expect(reasons(stale)).toEqual(['stale_version']);
    await ok(req('PATCH', `/calls/${ids.call}`, officer, { version: 1, ipTemplate: 'team_retains_licence', acceptanceCriteria: CRITERIA, paymentSchedule: [{ label: 'Prototype', share: 40 }, { label: 'Pilot', share: 60 }] }));
    expect((await refused(req('POST', `/calls/${ids.call}/transitions`, s.teamA, { action: 'submit_for_review' }), 404)).code).toBe('NOT_FOUND');
    await ok(req('POST', `/calls/${ids.call}/transitions`, s.owner, { action: 'submit_for_review' }));
    const notOfficer = await refused(req('POST', `/calls/${ids.call}/transitions`, s.owner, { action: 'publish' }), 403);
    expect(reasons(notOfficer)).toEqual(['role_not_allowed']);
    const unknown = await refused(req('POST', `/calls/${ids.call}/transitions`, officer, { action: 'explode' }), 400);
    expect(unknown.code).toBe('VALIDATION_FAILED');
    const pub = await ok(req('POST', `/calls/${ids.call}/transitions`, officer, { action: 'publish' }));
    expect(pub).toMatchObject({ from: 'internal_review', to: 'published' });
    const call = await ok(req('GET', `/calls/${ids.call}`));
    expect(call.frozenTerms).toMatchObject({ ipTemplate: 'team_retains_licence', paymentSchedule: [{ share: 40 }, { share: 60 }] });
    expect(call.changeLog.map((l: { entry: string }) => l.entry)).toEqual(['published']);
    expect(call.actions).toEqual([]);
  });

  test('after publication, terms are frozen; other changes need a public note and land in the change log', async () => {
    const frozen = await refused(req('PATCH', `/calls/${ids.call}`, officer, { version: 4, ipTemplate: 'shared', note: 'switch terms' }), 409);
    expect(reasons(frozen)).toEqual(['terms_frozen']);
    const noNote = await refused(req('PATCH', `/calls/${ids.call}`, officer, { version: 4, problem: 'Clarified sample problem statement.' }), 400);
    expect(reasons(noNote)).toEqual(['note_required']);
    await ok(req('PATCH', `/calls/${ids.call}`, officer, { version: 4, problem: 'Clarified sample problem statement.', note: 'Clarification after questions from bidders' }));
    const list = await ok(req('GET', '/calls?field=ict'));
    expect(list.items.map((c: { id: string }) => c.id)).toContain(ids.call);
    expect((await ok(req('GET', '/calls?field=bio'))).items).toEqual([]);
    expect((await req('GET', '/api/centres/no-such-centre/calls')).statusCode).toBe(404);
    const log = (await ok(req('GET', `/calls/${ids.call}`))).changeLog;
    expect(log[1]).toMatchObject({ entry: 'changed', note: 'Clarification after questions from bidders', changes: [{ field: 'problem' }] });
  });

  test('two teams bid: drafts autosave with versions, eligibility is checked on submit with reasons', async () => {
    const a = await ok(req('POST', `/calls/${ids.call}/applications`, s.teamA, { ...applicationBody('示例 Team A bid', null, ids.piA as string, [ids.partner as string]), plan: null }), 201);
    ids.appA = a.id;
    const notMine = await refused(req('POST', `/calls/${ids.call}/applications`, s.teamA, applicationBody('x', ids.univ as string, ids.piA as string)), 400);
    expect(reasons(notMine)).toEqual(['not_your_organisation']);
    const wrongKinds = await refused(req('POST', `/calls/${ids.call}/applications`, s.teamB, applicationBody('x', null, ids.partner as string, [ids.piB as string])), 400);
    expect(reasons(wrongKinds)).toEqual(['not_a_person', 'not_an_organisation']);
    expect((await refused(req('POST', `/calls/${ids.call}/applications`, s.rev1, applicationBody('x', null, ids.piA as string)), 403)).code).toBe('FORBIDDEN');
    const b = await ok(req('POST', `/calls/${ids.call}/applications`, s.teamB, { ...applicationBody('示例 Team B bid', null, ids.piB as string), excludedEntityIds: [ids.owner] }), 201);
    ids.appB = b.id;

    const incomplete = await refused(req('POST', `/applications/${ids.appA}/transitions`, s.teamA, { action: 'submit' }), 409);
    expect(reasons(incomplete)).toEqual(['plan_missing']);
    const saved = await ok(req('PATCH', `/applications/${ids.appA}`, s.teamA, { version: 1, plan: 'Sample plan: quantisation, kernel fusion and a compiler for the target NPU.' }));
    expect(saved.version).toBe(2);
    expect(reasons(await refused(req('PATCH', `/applications/${ids.appA}`, s.teamA, { version: 1, title: 'lost update' }), 409))).toEqual(['stale_version']);
    expect((await refused(req('PATCH', `/applications/${ids.appA}`, s.teamB, { version: 2, title: 'not yours' }), 404)).code).toBe('NOT_FOUND');
    expect((await refused(req('PATCH', `/applications/${ids.appA}`, s.teamA, { version: 2 }), 400)).details.fields[0]?.reason).toBe('empty_patch');

    const subA = await ok(req('POST', `/applications/${ids.appA}/transitions`, s.teamA, { action: 'submit' }));
    expect(subA).toMatchObject({ from: 'draft', to: 'eligible', cascaded: [{ resource: 'application', from: 'submitted', to: 'eligible' }] });
    await ok(req('PATCH', `/applications/${ids.appB}`, s.teamB, { version: 1, teamTrl: 2 }));
    const subB = await ok(req('POST', `/applications/${ids.appB}/transitions`, s.teamB, { action: 'submit' }));
    expect(subB.to).toBe('ineligible');
    const viewB = await ok(req('GET', `/applications/${ids.appB}`, s.teamB));
    expect(viewB.eligibility.results.find((r: { code: string }) => r.code === 'trl_gap_too_large')).toMatchObject({ status: 'fail', path: 'teamTrl' });
    // The team appeals the eligibility decision; the officer upholds it (the partner's evidence was overlooked).
    const appeal = await refused(req('POST', `/applications/${ids.appB}/transitions`, s.teamB, { action: 'appeal' }), 409);
    expect(reasons(appeal)).toEqual(['appeal_window_closed', 'note_required']);
  });

  test('a call cannot close before its deadline; afterwards bids are refused', async () => {
    const e = await refused(req('POST', `/calls/${ids.call}/transitions`, officer, { action: 'close' }), 409);
    expect(reasons(e)).toEqual(['before_deadline']);
    await advanceDays(11);
    await ok(req('POST', `/calls/${ids.call}/transitions`, officer, { action: 'close' }));
    expect(reasons(await refused(req('POST', `/calls/${ids.call}/applications`, s.teamA, applicationBody('late', null, ids.piA as string)), 409))).toEqual(['call_not_open']);
    // Now the ineligible team may appeal (call closed, before any decision); the officer upholds it.
    await ok(req('POST', `/applications/${ids.appB}/transitions`, s.teamB, { action: 'appeal', note: 'Our partner holds TRL 5 evidence; see the plan.' }));
    await ok(req('POST', `/applications/${ids.appB}/transitions`, officer, { action: 'uphold_appeal', note: 'Upheld: the evidence was overlooked; the bid goes to review.' }));
    expect((await ok(req('GET', `/applications/${ids.appB}`, s.teamB))).appeals[0]).toMatchObject({ outcome: 'upheld' });
  });

  test('experts: assignment by expertise and load, a detected conflict is skipped with evidence, override needs a reason', async () => {
    for (const k of ['rev1', 'rev2', 'rev3', 'rev4']) {
      ids[`expert_${k}`] = (await ok(req('POST', '/experts', officer, { entityId: ids[k], userId: await userId(s[k] as Session), fields: k === 'rev4' ? ['bio'] : k === 'rev3' ? ['ict.ai'] : ['ict'], maxLoad: 5 }), 201)).id;
    }
    expect(reasons(await refused(req('POST', '/experts', officer, { entityId: ids.owner, fields: ['ict'] }), 400))).toEqual(['not_a_person']);
    // Review starts only when every eligible application has enough reviewers.
    expect(reasons(await refused(req('POST', `/calls/${ids.call}/transitions`, officer, { action: 'start_review' }), 409))).toEqual(['no_eligible_applications', 'reviewers_missing'].filter((r) => r !== 'no_eligible_applications'));
    const auto = await ok(req('POST', `/calls/${ids.call}/assignments/auto`, officer));
    expect(auto.conflicted).toEqual([expect.objectContaining({ applicationId: ids.appA, expertId: ids.expert_rev3, flags: [expect.objectContaining({ kind: 'same_organisation', evidence: expect.objectContaining({ orgId: 'beijing-ent-040', to: '2025', current: false }) })] })]);
    // Reviewer 3 matches best (exact field), so is the first candidate everywhere: skipped on A, assigned on B.
    const on = (app: string) => auto.created.filter((c: { applicationId: string }) => c.applicationId === app).map((c: { expertId: string }) => c.expertId).sort();
    expect(on(ids.appA as string)).toEqual([ids.expert_rev1, ids.expert_rev2].sort());
    expect(on(ids.appB as string)).toHaveLength(2);
    expect(on(ids.appB as string)).toContain(ids.expert_rev3);
    // By hand: the conflicted expert needs an override reason; the investor link of reviewer 4 is detected too.
    const coi = await refused(req('POST', `/calls/${ids.call}/assignments`, officer, { applicationId: ids.appA, expertId: ids.expert_rev3 }), 409);
    expect(reasons(coi)).toEqual(['conflict_of_interest']);
    const coi4 = await refused(req('POST', `/calls/${ids.call}/assignments`, officer, { applicationId: ids.appB, expertId: ids.expert_rev4 }), 409);
    expect(JSON.stringify(coi4.details)).toContain('invested_in');
    const over = await ok(req('POST', `/calls/${ids.call}/assignments`, officer, { applicationId: ids.appA, expertId: ids.expert_rev3, overrideReason: 'Only specialist in the sub-field; left the lead organisation over a year ago' }), 201);
    ids.overridden = over.id;
    const list = await ok(req('GET', `/calls/${ids.call}/assignments`, officer));
    expect(list.items.find((a: { id: string }) => a.id === ids.overridden)).toMatchObject({ overrideReason: expect.stringContaining('specialist'), coiFlags: [expect.objectContaining({ kind: 'same_organisation' })] });
    // The reviewer recuses after all, with a reason.
    expect(reasons(await refused(req('POST', `/assignments/${ids.overridden}/transitions`, s.rev3, { action: 'recuse' }), 409))).toEqual(['note_required']);
    expect((await refused(req('POST', `/assignments/${ids.overridden}/transitions`, s.rev1, { action: 'recuse', note: 'not mine' }), 404)).code).toBe('NOT_FOUND');
    await ok(req('POST', `/assignments/${ids.overridden}/transitions`, s.rev3, { action: 'recuse', note: 'I prefer to step aside given my past employment.' }));
    const audit = await listAuditEvents(t.database.db, { entityType: 'review_assignment', limit: 20 });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['assignment.override', 'assignment.recuse']));
  });

  test('review: awards wait for every assigned review; score sheets are checked per field; reviewers see only their own work', async () => {
    const started = await ok(req('POST', `/calls/${ids.call}/transitions`, officer, { action: 'start_review' }));
    expect(started.cascaded.map((c: { to: string }) => c.to)).toEqual(['under_review']);
    const mine = (k: string) => ok(req('GET', '/api/me/assignments', s[k])).then((r) => r.items.filter((a: { state: string }) => a.state === 'assigned') as { id: string; applicationId: string }[]);
    const r1 = await mine('rev1');
    expect(r1.length).toBeGreaterThanOrEqual(1);
    const early = await refused(req('POST', `/applications/${ids.appA}/transitions`, officer, { action: 'award', awardAmount: 3_000_000 }), 409);
    expect(reasons(early)).toEqual(['reviews_incomplete', 'too_few_reviews']);
    const bad = await refused(req('PUT', `/assignments/${r1[0]?.id}/review`, s.rev1, { scores: { technical: 3, team: 7 } }), 409);
    expect(bad.details.fields.map((f) => `${f.reason}@${f.path}`).sort()).toEqual(['comment_required@comments.technical', 'score_missing@scores.feasible', 'score_out_of_range@scores.team']);
    expect((await refused(req('PUT', `/assignments/${r1[0]?.id}/review`, s.rev2, { scores: {} }), 404)).code).toBe('NOT_FOUND');
    expect((await refused(req('PUT', `/assignments/${r1[0]?.id}/review`, s.teamA, { scores: {} }), 403)).code).toBe('FORBIDDEN');
    expect((await ok(req('GET', `/applications/${r1[0]?.applicationId}`, s.rev1))).scores).toBeNull();
    expect((await req('GET', `/applications/${ids.appA}`, s.rev3)).statusCode).toBe(404);
    const sheet = (app: string, k: string) => (app === ids.appA ? (k === 'rev1' ? { technical: 9, team: 5, feasible: 1 } : { technical: 7, team: 4, feasible: 1 }) : { technical: 4, team: 3, feasible: 1 });
    for (const k of ['rev1', 'rev2', 'rev3']) {
      for (const a of await mine(k)) await ok(req('PUT', `/assignments/${a.id}/review`, s[k], { scores: sheet(a.applicationId, k), comments: { technical: 'Sample comment: the technical route is weak in places.' } }));
    }
    const ranking = await ok(req('GET', `/calls/${ids.call}/ranking`, officer));
    expect(ranking.items.map((r: { applicationId: string; rank: number; tied: boolean }) => [r.applicationId, r.rank, r.tied])).toEqual([
      [ids.appA, 1, false],
      [ids.appB, 2, false],
    ]);
    expect(ranking.items[0].criteria[0]).toMatchObject({ id: 'technical', value: 8, n: 2 });
    const cal = await ok(req('GET', `/calls/${ids.call}/calibration`, officer));
    expect(cal.items.map((c: { expertId: string }) => c.expertId)).toEqual(expect.arrayContaining([ids.expert_rev1, ids.expert_rev2]));
    expect(cal.items.every((c: { label: string }) => ['severe', 'lenient', 'in_line', 'too_few'].includes(c.label))).toBe(true);
    expect((await refused(req('GET', `/calls/${ids.call}/ranking`, s.rev1), 403)).code).toBe('FORBIDDEN');
  });

  test('decision: award and reject, memo required, applicants see anonymous scores and may appeal once', async () => {
    expect(reasons(await refused(req('POST', `/applications/${ids.appA}/transitions`, officer, { action: 'award' }), 409))).toEqual(['award_amount_missing']);
    await ok(req('POST', `/applications/${ids.appA}/transitions`, officer, { action: 'award', awardAmount: 3_000_000 }));
    await ok(req('POST', `/applications/${ids.appB}/transitions`, officer, { action: 'reject', note: 'Below the panel’s threshold on the technical route.' }));
    expect(reasons(await refused(req('POST', `/calls/${ids.call}/transitions`, officer, { action: 'award' }), 409))).toEqual(['decision_memo_missing']);
    const version = (await ok(req('GET', `/calls/${ids.call}`, officer))).version;
    await ok(req('PATCH', `/calls/${ids.call}`, officer, { version, decisionMemo: 'Sample memo: team A ranks first on every criterion.' }));
    await ok(req('POST', `/calls/${ids.call}/transitions`, officer, { action: 'award' }));
    const viewB = await ok(req('GET', `/applications/${ids.appB}`, s.teamB));
    expect(viewB.scores.sheets.map((x: { reviewer: string }) => x.reviewer)).toEqual(['Reviewer 1', 'Reviewer 2']);
    expect(JSON.stringify(viewB)).not.toContain(ids.expert_rev1);
    expect(JSON.stringify(viewB)).not.toContain(ids.rev1);
    expect(reasons(await refused(req('POST', `/applications/${ids.appB}/transitions`, s.teamB, { action: 'appeal', note: 'We ask for a second look.' }), 409))).toEqual(['already_appealed']);
    const pub = await ok(req('GET', `/calls/${ids.call}`));
    expect(pub.panel).toEqual(expect.arrayContaining(['示例人员rev1', '示例人员rev2']));
    expect(pub.panel).not.toContain('示例人员rev4');
    const open = await ok(req('GET', '/open-data/call-results'));
    expect(open.items).toEqual([expect.objectContaining({ callId: ids.call, winner: expect.any(String), amount: 3_000_000, owner: '示例链主企业', isSample: true })]);
    expect(open).toMatchObject({ nextCursor: null, total: 1, totalAtLeast: false });
    expect(await ok(req('GET', `/open-data/call-results?callId=${ids.call}&limit=1`, outsider))).toMatchObject({ items: [{ callId: ids.call, amount: 3_000_000 }], total: 1, totalAtLeast: false, nextCursor: null });
    const csv = await t.request({ method: 'GET', url: `${C}/open-data/call-results/export?format=csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, row, ...more] = csv.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(header).toBe('call_id,title_zh,title_en,demand_owner,state,winner_zh,winner_en,amount,currency,awarded_on,sample');
    expect(row).toContain(ids.call);
    expect(row).toContain('3000000');
    expect(row).toMatch(/,sample$/);
    expect(more).toEqual([]);
    expect((await t.request({ method: 'GET', url: `${C}/open-data/call-results/export?format=pdf` })).statusCode).toBe(400);
  });

  test('execution: after the appeal window, milestones need evidence, independent verification, then the tranche', async () => {
    expect(reasons(await refused(req('POST', `/calls/${ids.call}/transitions`, s.owner, { action: 'start_execution' }), 409))).toEqual(['appeal_window_open']);
    await advanceDays(6);
    await ok(req('POST', `/calls/${ids.call}/transitions`, s.owner, { action: 'start_execution' }));
    const app = await ok(req('GET', `/applications/${ids.appA}`, s.teamA));
    const [m1, m2] = app.milestones as { id: string; version: number; trancheAmount: number }[];
    expect(app.milestones.map((m: { trancheAmount: number }) => m.trancheAmount)).toEqual([1_200_000, 1_800_000]);
    expect(reasons(await refused(req('POST', `/milestones/${m1?.id}/transitions`, s.teamA, { action: 'submit_evidence' }), 409))).toEqual(['evidence_missing']);
    expect(reasons(await refused(req('PUT', `/milestones/${m1?.id}/evidence`, s.teamA, { version: 1, items: [{ kind: 'spreadsheet', description: 'x' }] }), 400))).toEqual(['invalid_value']);
    for (const m of [m1, m2]) {
      await ok(req('PUT', `/milestones/${m?.id}/evidence`, s.teamA, { version: 1, items: [{ kind: 'lab_report', description: 'Sample lab report: latency measured on the reference set', reference: 'sample-report-001' }] }));
      await ok(req('POST', `/milestones/${m?.id}/transitions`, s.teamA, { action: 'submit_evidence' }));
    }
    expect(reasons(await refused(req('POST', `/milestones/${m1?.id}/transitions`, s.teamA, { action: 'accept', note: 'we accept ourselves' }), 403))).toEqual(['role_not_allowed']);
    expect(reasons(await refused(req('POST', `/milestones/${m1?.id}/transitions`, officer, { action: 'release_payment' }), 409))).toEqual(['wrong_state']);
    await ok(req('POST', `/milestones/${m1?.id}/transitions`, s.owner, { action: 'accept', note: 'Verified against the lab report.' }));
    const paid = await ok(req('POST', `/milestones/${m1?.id}/transitions`, officer, { action: 'release_payment' }));
    expect(paid.to).toBe('paid');
    expect(reasons(await refused(req('POST', `/applications/${ids.appA}/transitions`, officer, { action: 'complete' }), 409))).toEqual(['milestones_open']);
    await ok(req('POST', `/milestones/${m2?.id}/transitions`, s.owner, { action: 'reject', note: 'Sign-off missing from the pilot site.' }));
    await ok(req('POST', `/milestones/${m2?.id}/transitions`, s.teamA, { action: 'submit_evidence' }));
    await ok(req('POST', `/milestones/${m2?.id}/transitions`, s.owner, { action: 'accept', note: 'Signed off by the pilot site.' }));
    await ok(req('POST', `/milestones/${m2?.id}/transitions`, officer, { action: 'release_payment' }));
    const after = await ok(req('GET', `/applications/${ids.appA}`, s.teamA));
    expect(after.milestones.map((m: { paidAmount: number }) => m.paidAmount)).toEqual([1_200_000, 1_800_000]);
    await ok(req('POST', `/applications/${ids.appA}/transitions`, officer, { action: 'complete' }));
  });

  test('final acceptance against the call’s own criteria; everything audited in one verified chain', async () => {
    expect(reasons(await refused(req('POST', `/calls/${ids.call}/transitions`, s.owner, { action: 'accept' }), 409))).toEqual(['criterion_not_measured']);
    const criterionId = (await ok(req('GET', `/calls/${ids.call}`))).acceptanceCriteria[0].id;
    expect((await ok(req('PUT', `/calls/${ids.call}/acceptance-results`, s.owner, { results: [{ criterionId, value: 25, note: 'first test' }] }))).results[0].met).toBe(false);
    expect(reasons(await refused(req('POST', `/calls/${ids.call}/transitions`, s.owner, { action: 'accept' }), 409))).toEqual(['criterion_not_met']);
    await ok(req('PUT', `/calls/${ids.call}/acceptance-results`, s.owner, { results: [{ criterionId, value: 18.5, note: 'retest by the third-party lab' }] }));
    expect((await refused(req('PUT', `/calls/${ids.call}/acceptance-results`, s.teamA, { results: [{ criterionId, value: 1 }] }), 403)).code).toBe('FORBIDDEN');
    await ok(req('POST', `/calls/${ids.call}/transitions`, s.owner, { action: 'accept' }));
    const final = await ok(req('GET', `/calls/${ids.call}`));
    expect(final.state).toBe('accepted');
    expect(final.changeLog.map((l: { entry: string }) => l.entry)).toEqual(['published', 'changed', 'closed', 'results published', 'accepted']);
    const events = await listAuditEvents(t.database.db, { entityType: 'call', entityId: ids.call, limit: 50 });
    expect(events.map((e) => e.action).reverse()).toEqual([
      'call.create', 'call.update', 'call.submit_for_review', 'call.publish', 'call.update', 'call.close', 'assignment.auto', 'call.start_review', 'call.update', 'call.award', 'call.start_execution', 'call.acceptance_results', 'call.acceptance_results', 'call.accept',
    ]);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  test('inbox: every actor was told; a notification is read once, only by its owner', async () => {
    const inbox = await ok(req('GET', '/api/me/notifications', s.teamA));
    expect(inbox.items.map((n: { template: string }) => n.template)).toEqual(expect.arrayContaining(['application_eligible', 'application_awarded', 'call_awarded', 'milestone_accepted', 'tranche_released', 'call_accepted']));
    const reviewerInbox = await ok(req('GET', '/api/me/notifications', s.rev1));
    expect(reviewerInbox.items.map((n: { template: string }) => n.template)).toContain('review_assigned');
    const ownerInbox = await ok(req('GET', '/api/me/notifications', s.owner));
    expect(ownerInbox.items.map((n: { template: string }) => n.template)).toEqual(expect.arrayContaining(['call_published', 'milestone_evidence_submitted']));
    const first = inbox.items[0];
    expect((await refused(req('POST', `/api/me/notifications/${first.id}/read`, s.teamB), 404)).code).toBe('NOT_FOUND');
    expect((await ok(req('POST', `/api/me/notifications/${first.id}/read`, s.teamA))).readAt).not.toBeNull();
    expect((await ok(req('GET', '/api/me/notifications?unread=true', s.teamA))).unread).toBe(inbox.unread - 1);
    expect((await refused(req('GET', '/api/me/notifications'), 401)).code).toBe('UNAUTHENTICATED');
  });

  test('the workflows are published as data; other roles are refused at the door', async () => {
    const wf = await ok(req('GET', '/api/calls/workflows'));
    expect(wf.map((w: { id: string }) => w.id)).toEqual(['call', 'application', 'milestone', 'assignment']);
    expect((await refused(req('POST', '/calls', outsider, {}), 403)).code).toBe('FORBIDDEN');
    expect((await refused(req('GET', `/calls/${ids.call}/assignments`, s.teamA), 403)).code).toBe('FORBIDDEN');
    expect((await refused(req('POST', `/calls/${ids.call}/transitions`, undefined, { action: 'close' }), 401)).code).toBe('UNAUTHENTICATED');
  });
});
