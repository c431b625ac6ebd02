import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { centres } from '../../db/schema/index.js';
import { roleMeetsAccess, type Access } from '../../shared/access.js';
import { createTestApp, type Session, type TestApp } from '../test-support/test-app.js';
import { countChanges, fillPath, installWriteCounter, writeCounts, WRITE_METHODS, ZERO_UUID } from './attack-fixtures.js';

/**
 * Horizontal access: enterprise B (same centre, another organisation) and the
 * officers of a second centre against enterprise A's records. Each resource is
 * one row of RESOURCES: how A creates it, where A reads it, and what B tries.
 * A new module adds a row.
 */
const C = '/api/centres/beijing';
const ORG_A = 'beijing-ent-040';
const ORG_B = 'beijing-ent-041';
const CENTRE_2 = 'kc-attack-2';

let t: TestApp;
let a: Session;
let b: Session;
let officer2: Session;
let analyst2: Session;

type Probe = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  raw?: Buffer;
  /** A body field naming A's record: B's refusal may also be a 400 whose one issue is `not_found` at this field, as for a record that does not exist. */
  notFoundAt?: string;
};
type Resource = {
  name: string;
  /** Creates the record as A and returns its id. */
  create: () => Promise<string>;
  /** Where A reads it (proves the record exists, so B's refusals are not vacuous). */
  read: (id: string) => string;
  /** A list B may call, that must not contain A's record. */
  list?: string;
  /** Further lists B may call (each must answer B 200 and mention neither the record's id nor any of `secrets`); A's own answer mentions one of them. */
  lists?: () => string[];
  /** What those lists must not show B besides the record's id: ids of its parts, private texts. */
  secrets?: () => string[];
  /** Lists anyone may read that name the record by design (its id may show there); `secrets` still must not. */
  publicLists?: () => string[];
  /** The id under which those public lists name it, when not the record's own (which then must not show there). */
  publicId?: () => string;
  /** What B (and the other centre's officers) try on it. */
  probes: (id: string) => Probe[];
};

const created = async (res: { statusCode: number; body: string; json: () => unknown }): Promise<string> => {
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`fixture not created: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
};

const contract = (over: Record<string, unknown> = {}) => ({
  contractNumber: 'ATTACK-2026-001',
  title: '合成：横向越权测试合同 (Synthetic)',
  type: 'development_commissioned',
  field: 'electronic_information',
  sellerId: ORG_A,
  buyer: { entityId: null, name: '合成示例公司 (Synthetic)', region: '44' },
  amount: 100_000,
  breakdown: [{ item: 'technical_fee', amount: 100_000 }],
  patentNumbers: [],
  signedOn: '2026-02-20',
  isSample: true,
  ...over,
});

const ok = async (res: Promise<{ statusCode: number; body: string; json: () => unknown }>): Promise<{ id: string; version?: number }> => {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`fixture step failed: ${r.statusCode} ${r.body.slice(0, 300)}`);
  return r.json() as { id: string };
};

/** A published 揭榜挂帅 call (synthetic), so that A can draft a bid on it; returns the call id. */
const publishedCall = async (): Promise<string> => {
  const officer = await t.userWithRole('service_officer');
  const owner = await t.userWithRole('enterprise_member', { organisationId: 'beijing-ent-042' });
  const form = { aggregation: 'mean', overallThreshold: null, criteria: [{ id: 'overall', label: 'Overall', kind: 'numeric', min: 0, max: 10, weight: 100, commentBelow: null, threshold: null }] };
  const programme = await ok(t.request({ method: 'POST', url: `${C}/call-programmes`, session: officer, payload: { kind: 'unveil_list', titleZh: '合成项目计划', titleEn: 'Synthetic programme', year: 2026, isSample: true, settings: { form, minReviewers: 1, minCompletedReviews: 1 } } }));
  const deadline = new Date(t.clock.now().getTime() + 10 * 86_400_000).toISOString();
  const call = await ok(t.request({ method: 'POST', url: `${C}/calls`, session: officer, payload: { programmeId: programme.id, ownerEntityId: 'beijing-ent-042', isSample: true, titleZh: '合成榜单', titleEn: 'Synthetic call', fieldCodes: ['ict.ai'], problem: 'Synthetic problem statement for the attacker suite.', trlExpected: 6, budget: 1_000_000, deadline } }));
  await ok(t.request({ method: 'PATCH', url: `${C}/calls/${call.id}`, session: officer, payload: { version: 1, ipTemplate: 'team_retains_licence', acceptanceCriteria: [{ metric: 'Synthetic metric', unit: 'ms', comparator: '<=', threshold: 20, testMethod: 'Synthetic: benchmark' }], paymentSchedule: [{ label: 'All', share: 100 }] } }));
  await ok(t.request({ method: 'POST', url: `${C}/calls/${call.id}/transitions`, session: owner, payload: { action: 'submit_for_review' } }));
  await ok(t.request({ method: 'POST', url: `${C}/calls/${call.id}/transitions`, session: officer, payload: { action: 'publish' } }));
  return call.id;
};
let applicationAttachment = ZERO_UUID;

const DAY = 86_400_000;
const today = (): string => t.clock.now().toISOString().slice(0, 10);
const dateIn = (days: number): string => new Date(t.clock.now().getTime() + days * DAY).toISOString().slice(0, 10);
/** A deadline ten minutes ahead: the call is open for A's application now and closes once `reviewed` moves the clock. */
const soon = (): string => new Date(t.clock.now().getTime() + 10 * 60_000).toISOString();
const REVIEW_FORM = { aggregation: 'mean', overallThreshold: null, criteria: [{ id: 'overall', label: 'Overall', kind: 'numeric', min: 0, max: 10, weight: 100 }] };
const userIdOf = async (session: Session): Promise<string> => (await t.request({ method: 'GET', url: '/api/auth/session', session })).json().user.id as string;
const programmeOf = async (officer: Session, kind: 'grant' | 'talent' | 'recognition'): Promise<string> =>
  (await ok(t.request({ method: 'POST', url: `${C}/call-programmes`, session: officer, payload: { kind, titleZh: `合成${kind}计划`, titleEn: `Synthetic ${kind} programme`, year: 2026, isSample: true, settings: { form: REVIEW_FORM, minReviewers: 1, minCompletedReviews: 1 } } }))).id;
const person = async (officer: Session, nameEn: string): Promise<string> =>
  (await ok(t.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'talent', nameZh: `合成${nameEn}`, nameEn, isSample: true, confirmNotDuplicate: true } }))).id;
const transition = (session: Session, url: string, action: string, extra: Record<string, unknown> = {}) => ok(t.request({ method: 'POST', url: `${C}${url}/transitions`, session, payload: { action, ...extra } }));
const milestoneOf = async (applicationId: string): Promise<string> => {
  const app = (await t.request({ method: 'GET', url: `${C}/applications/${applicationId}`, session: a })).json() as { milestones: { id: string }[] };
  return (app.milestones[0] as { id: string }).id;
};

/**
 * The calls engine's path from a submitted application to one under review
 * with one completed review: the call closes at its deadline (the clock moves
 * past it), one expert is assigned and scores it. The officer then decides.
 */
const reviewed = async (officer: Session, callId: string, applicationId: string): Promise<void> => {
  t.clock.advanceMinutes(11);
  await transition(officer, `/calls/${callId}`, 'close');
  const reviewer = await t.userWithRole('expert_reviewer');
  const expert = await ok(t.request({ method: 'POST', url: `${C}/experts`, session: officer, payload: { entityId: await person(officer, 'Synthetic reviewer'), userId: await userIdOf(reviewer), fields: ['ict'], maxLoad: 5 } }));
  await ok(t.request({ method: 'POST', url: `${C}/calls/${callId}/assignments`, session: officer, payload: { applicationId, expertId: expert.id } }));
  await transition(officer, `/calls/${callId}`, 'start_review');
  const [assignment] = (await t.request({ method: 'GET', url: '/api/me/assignments', session: reviewer })).json().items as { id: string }[];
  await ok(t.request({ method: 'PUT', url: `${C}/assignments/${(assignment as { id: string }).id}/review`, session: reviewer, payload: { scores: { overall: 8 }, comments: {} } }));
};

/** What B tries on any call application of A's, whatever module it came from (the engine's routes, its first milestone). */
const engineProbes = (id: string, milestoneId: string): Probe[] => [
  { method: 'GET', path: `${C}/applications/${id}` },
  { method: 'GET', path: `${C}/applications/${id}/agreement` },
  { method: 'PATCH', path: `${C}/applications/${id}`, body: { version: 1, title: '合成：篡改' } },
  { method: 'POST', path: `${C}/applications/${id}/transitions`, body: { action: 'withdraw', note: '合成：越权撤回' } },
  { method: 'POST', path: `${C}/applications/${id}/transitions`, body: { action: 'appeal', note: '合成：越权申诉' } },
  { method: 'POST', path: `${C}/applications/${id}/attachments?fileName=x.pdf`, raw: Buffer.from('%PDF-1.4\n%%EOF\n') },
  { method: 'PUT', path: `${C}/milestones/${milestoneId}/evidence`, body: { version: 1, items: [{ kind: 'other', description: '合成：越权证据', reference: null }] } },
  { method: 'POST', path: `${C}/milestones/${milestoneId}/transitions`, body: { action: 'submit_evidence' } },
  { method: 'POST', path: `${C}/milestones/${milestoneId}/attachments?fileName=x.pdf`, raw: Buffer.from('%PDF-1.4\n%%EOF\n') },
];

const grant = { callId: ZERO_UUID, milestoneId: ZERO_UUID };
const GRANT_EXPENSE = '合成：企业甲的保密支出 (Synthetic)';
const GRANT_REPORT = '合成：企业甲的结题报告，保密 (Synthetic)';

const talent = { callId: ZERO_UUID, milestoneId: ZERO_UUID, credentialId: ZERO_UUID, demandId: ZERO_UUID, requestId: ZERO_UUID };
const TALENT_SCHEME = {
  template: 'zgc_merit_points',
  sourceNote: 'synthetic scheme for the attacker suite',
  weights: { personal: 70, enterprise: 30 },
  threshold: 70,
  indicators: [
    { id: 'doctorate', labelZh: '博士学位', labelEn: 'Doctorate', part: 'personal', points: 100, fact: 'hasDoctorate', measure: { kind: 'boolean' }, howZh: '学位证书', howEn: 'Degree certificate' },
    { id: 'hte', labelZh: '高新技术企业', labelEn: 'High-tech employer', part: 'enterprise', points: 100, fact: 'employerHighTech', measure: { kind: 'boolean' }, howZh: '认定证书', howEn: 'Recognition certificate' },
  ],
  gates: [{ id: 'age', labelZh: '年龄不超过40周岁', labelEn: 'Aged 40 or under', rule: { '<=': [{ var: 'age' }, 40] } }],
};
const TALENT_REQUEST = '合成：企业甲人才的住房需求，保密 (Synthetic)';

const rd = { callId: ZERO_UUID, milestoneId: ZERO_UUID, recognitionId: ZERO_UUID };
const RD_HIRES = '合成：企业甲研发中心的本地招聘，保密 (Synthetic)';
const RD_FACTS = { centreType: 'innovation_centre', foreignShare: 100, investorMainlyOverseas: true, registeredInChina: true, naturalSciencesRd: true, independentTeam: true, openServices: null };
const RD_EVIDENCE = [
  { kind: 'shareholding', title: 'Synthetic: articles of association', reference: null, language: 'en' },
  { kind: 'investor_profile', title: 'Synthetic: parent company report', reference: null, language: 'en' },
  { kind: 'business_licence', title: 'Synthetic: business licence', reference: null, language: 'zh' },
  { kind: 'rd_programme', title: 'Synthetic: R&D programme', reference: null, language: 'en' },
  { kind: 'team_roster', title: 'Synthetic: R&D team roster', reference: null, language: 'en' },
];

const scenario = { batchId: ZERO_UUID };
const SCENARIO_SITE = '合成：企业甲未公开的试点车间 (Synthetic)';
const incubator = { cohortId: ZERO_UUID, residentId: ZERO_UUID };
const chain = { mapId: ZERO_UUID, aggregateId: ZERO_UUID };
const accessRequest = { achievementId: ZERO_UUID, purpose: '合成：企业甲评估该成果用于其未公开新产品的可行性 (Synthetic)' };
const servicePackage = { visitTopic: '合成：企业甲的保密走访议题 (Synthetic)' };

const RESOURCES: Resource[] = [
  {
    name: 'the organisation itself: registry profile, policy facts and matches, push consent, service view',
    create: async () => ORG_A,
    read: (id) => `${C}/enterprises/${id}/policy-facts`,
    probes: (id) => [
      { method: 'GET', path: `${C}/enterprises/${id}/policy-facts` },
      { method: 'GET', path: `${C}/enterprises/${id}/policy-matches` },
      { method: 'GET', path: `${C}/enterprises/${id}/service-view` },
      { method: 'POST', path: `${C}/enterprises/${id}/policy-facts`, body: { answers: [{ fact: 'employees', value: 1 }] } },
      { method: 'PUT', path: `${C}/enterprises/${id}/push-consent`, body: { consent: true } },
      { method: 'POST', path: `${C}/entities/${id}/corrections`, body: { patch: { aliases: ['合成篡改'] }, reason: '合成：越权更正' } },
      { method: 'PATCH', path: `${C}/entities/${id}`, body: { nameEn: 'Synthetic tampered name' } },
    ],
  },
  {
    name: 'call application (draft) and its attachment',
    create: async () => {
      const callId = await publishedCall();
      const officer = await t.userWithRole('service_officer');
      const pi = await ok(t.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'talent', nameZh: '合成负责人', nameEn: 'Synthetic PI', isSample: true, confirmNotDuplicate: true } }));
      const app = await ok(
        t.request({
          method: 'POST',
          url: `${C}/calls/${callId}/applications`,
          session: a,
          payload: { title: '合成投标 (Synthetic bid)', piEntityId: pi.id, partnerEntityIds: [], plan: 'Synthetic plan for the attacker suite.', budget: { total: 100, selfFunded: 0, items: [{ label: 'Synthetic', amount: 100 }] }, declarations: {}, teamTrl: 5, milestones: [{ title: 'M1', deliverable: 'Synthetic deliverable', verification: 'Synthetic check', dueOn: '2026-06-30', trancheShare: 100 }] },
        }),
      );
      const pdf = Buffer.from('%PDF-1.4\n%synthetic\n%%EOF\n');
      applicationAttachment = (await ok(t.request({ method: 'POST', url: `${C}/applications/${app.id}/attachments?fileName=plan.pdf`, session: a, payload: pdf, headers: { 'content-type': 'application/octet-stream' } }))).id;
      return app.id;
    },
    read: (id) => `${C}/applications/${id}`,
    probes: (id) => [
      { method: 'GET', path: `${C}/applications/${id}` },
      { method: 'GET', path: `${C}/applications/${id}/agreement` },
      { method: 'PATCH', path: `${C}/applications/${id}`, body: { version: 1, title: '合成：篡改' } },
      { method: 'POST', path: `${C}/applications/${id}/transitions`, body: { action: 'submit' } },
      { method: 'POST', path: `${C}/applications/${id}/attachments?fileName=x.pdf`, raw: Buffer.from('%PDF-1.4\n%%EOF\n') },
      { method: 'GET', path: `${C}/attachments/${applicationAttachment}` },
      { method: 'DELETE', path: `${C}/attachments/${applicationAttachment}` },
    ],
  },
  {
    name: 'service demand and its thread and files',
    create: async () => created(await t.request({ method: 'POST', url: `${C}/demands`, session: a, payload: { type: 'financing', title: '合成：融资需求 (Synthetic)', description: '合成测试：企业甲的保密融资需求。' } })),
    read: (id) => `${C}/demands/${id}`,
    list: `${C}/demands`,
    probes: (id) => [
      { method: 'GET', path: `${C}/demands/${id}` },
      { method: 'GET', path: `${C}/demands/${id}/attachments/${ZERO_UUID}` },
      { method: 'POST', path: `${C}/demands/${id}/messages`, body: { body: '合成：越权留言' } },
      { method: 'POST', path: `${C}/demands/${id}/transitions`, body: { action: 'withdraw' } },
      { method: 'PUT', path: `${C}/demands/${id}/rating`, body: { rating: 1, comment: null } },
      { method: 'POST', path: `${C}/demands/${id}/attachments?fileName=note.txt`, raw: Buffer.from('synthetic file') },
    ],
  },
  {
    name: 'technology contract',
    create: async () => created(await t.request({ method: 'POST', url: `${C}/tech-contracts`, session: a, payload: contract() })),
    read: (id) => `${C}/tech-contracts/${id}`,
    list: `${C}/tech-contracts`,
    probes: (id) => [
      { method: 'GET', path: `${C}/tech-contracts/${id}` },
      { method: 'PUT', path: `${C}/tech-contracts/${id}`, body: { ...contract({ sellerId: ORG_B, amount: 1 }), version: 1 } },
      { method: 'POST', path: `${C}/tech-contracts/${id}/transitions`, body: { action: 'withdraw', note: null, version: 1 } },
    ],
  },
  {
    name: 'achievement (draft) and its confidential detail',
    create: async () =>
      created(
        await t.request({
          method: 'POST',
          url: `${C}/achievements`,
          session: a,
          payload: { titleZh: '合成：保密成果', titleEn: 'Synthetic: confidential achievement', summary: '合成测试成果摘要：一种用于越权测试的材料。', confidentialDetail: '合成保密内容：配方比例。', field: 'new_energy', trl: 5, stage: 'pilot', keywords: ['合成'], availability: ['licence'], owners: [{ entityId: ORG_A, share: 1 }], inventors: [], patentNumbers: [], isSample: true },
        }),
      ),
    read: (id) => `${C}/achievements/${id}`,
    list: `${C}/achievements`,
    probes: (id) => [
      { method: 'GET', path: `${C}/achievements/${id}` },
      { method: 'GET', path: `${C}/achievements/${id}/detail-views` },
      { method: 'GET', path: `${C}/achievements/${id}/access-requests` },
      { method: 'POST', path: `${C}/achievements/${id}/detail-reads` },
      { method: 'POST', path: `${C}/achievements/${id}/transitions`, body: { action: 'publish', version: 1 } },
      { method: 'PUT', path: `${C}/achievements/${id}`, body: { titleZh: '合成：篡改', titleEn: 'Synthetic: tampered', summary: '合成：篡改企业甲成果的摘要内容。', confidentialDetail: null, field: 'new_energy', trl: 5, stage: 'pilot', keywords: [], availability: ['licence'], owners: [{ entityId: ORG_B, share: 1 }], inventors: [], patentNumbers: [], isSample: true, version: 1 } },
    ],
  },
  {
    name: 'technology need',
    create: async () =>
      created(await t.request({ method: 'POST', url: `${C}/technology-needs`, session: a, payload: { enterpriseId: ORG_A, title: '合成：技术需求 (Synthetic)', description: '合成测试：企业甲的技术需求，用于越权测试。', field: 'new_energy', trlMin: 5, keywords: ['合成'], budgetMin: 1, budgetMax: 2, isSample: true } })),
    read: (id) => `${C}/technology-needs/${id}`,
    list: `${C}/technology-needs`,
    probes: (id) => [
      { method: 'GET', path: `${C}/technology-needs/${id}` },
      { method: 'GET', path: `${C}/technology-needs/${id}/matches` },
      { method: 'PUT', path: `${C}/technology-needs/${id}`, body: { enterpriseId: ORG_B, title: '合成：篡改', description: '合成测试：篡改企业甲的需求内容。', field: 'new_energy', trlMin: 5, keywords: [], budgetMin: 1, budgetMax: 2, isSample: true, version: 1 } },
      { method: 'POST', path: `${C}/technology-needs/${id}/transitions`, body: { action: 'close', version: 1 } },
      { method: 'POST', path: `${C}/technology-needs/${id}/call-draft`, body: {} },
    ],
  },
  {
    name: 'grant project: lump-sum ledger and its expenses, output commitments, final report',
    create: async () => {
      const officer = await t.userWithRole('service_officer');
      const programmeId = await programmeOf(officer, 'grant');
      const track = { code: 'free_exploration', descriptionZh: '合成：自由探索类', reviewForm: REVIEW_FORM, evaluationForm: REVIEW_FORM };
      const call = await ok(
        t.request({
          method: 'POST',
          url: `${C}/grant-calls`,
          session: officer,
          payload: {
            call: { programmeId, ownerEntityId: 'beijing-ent-042', isSample: true, titleZh: '合成基金项目', titleEn: 'Synthetic grant call', problem: 'Synthetic: basic research for the attacker suite.', budget: 1_000_000, deadline: soon(), ipTemplate: 'open_source', paymentSchedule: [{ label: 'Lump sum', share: 100 }], acceptanceCriteria: [{ metric: '合成结题得分', unit: 'points', comparator: '>=', threshold: 60, testMethod: 'Synthetic: end-of-project evaluation' }] },
            tracks: [track],
          },
        }),
      );
      grant.callId = call.id;
      await transition(officer, `/calls/${call.id}`, 'submit_for_review');
      await transition(officer, `/calls/${call.id}`, 'publish');
      const application = { title: '合成：企业甲的基金申请 (Synthetic)', piEntityId: await person(officer, 'Synthetic grant PI'), plan: 'Synthetic research plan of enterprise A.', budget: { total: 200_000, items: [] }, milestones: [{ title: '结题', deliverable: 'Synthetic report', verification: 'Synthetic evaluation', dueOn: '2027-12-31', trancheShare: 100 }] };
      const app = await ok(t.request({ method: 'POST', url: `${C}/grant-calls/${call.id}/applications`, session: a, payload: { track: 'free_exploration', application } }));
      await transition(a, `/applications/${app.id}`, 'submit');
      await reviewed(officer, call.id, app.id);
      await transition(officer, `/applications/${app.id}`, 'award', { awardAmount: 200_000 });
      await ok(t.request({ method: 'PUT', url: `${C}/grant-projects/${app.id}/commitments`, session: a, payload: { commitments: { paper: 1, patent: 0, dataset: 0, talent: 0 }, version: 1 } }));
      await ok(t.request({ method: 'POST', url: `${C}/grant-projects/${app.id}/expenses`, session: a, payload: { spentOn: today(), category: 'equipment', amount: 1234.5, description: GRANT_EXPENSE } }));
      await ok(t.request({ method: 'PUT', url: `${C}/grant-projects/${app.id}/final-report`, session: a, payload: { summary: GRANT_REPORT, outputs: [{ kind: 'paper', title: '合成论文 (Synthetic)', doi: '10.1000/synthetic.1', year: 2026 }] } }));
      grant.milestoneId = await milestoneOf(app.id);
      return app.id;
    },
    read: (id) => `${C}/grant-projects/${id}`,
    lists: () => [`${C}/grant-projects`, '/api/me/applications'],
    secrets: () => [GRANT_EXPENSE, GRANT_REPORT],
    probes: (id) => [
      { method: 'GET', path: `${C}/grant-projects/${id}` },
      { method: 'GET', path: `${C}/grant-projects/${id}/ledger` },
      { method: 'POST', path: `${C}/grant-projects/${id}/expenses`, body: { spentOn: today(), category: 'equipment', amount: 1, description: '合成：越权记账' } },
      { method: 'PUT', path: `${C}/grant-projects/${id}/commitments`, body: { commitments: { paper: 9, patent: 9, dataset: 9, talent: 9 }, version: 1 } },
      { method: 'PUT', path: `${C}/grant-projects/${id}/final-report?version=1`, body: { summary: '合成：篡改结题报告', outputs: [] } },
      { method: 'POST', path: `${C}/grant-projects/${id}/evaluation`, body: { scores: { overall: 1 }, comments: {}, version: 1 } },
      { method: 'POST', path: `${C}/grant-projects/${id}/funding`, body: { level: 'city', nature: 'fiscal', funderName: '合成：越权资助', amount: 1, year: 2026 } },
      { method: 'GET', path: `${C}/grant-calls/${grant.callId}/ranking` },
      { method: 'GET', path: `${C}/calls/${grant.callId}/applications` },
      ...engineProbes(id, grant.milestoneId),
    ],
  },
  {
    name: 'talent programme application, its credential and the talent service request raised on it',
    create: async () => {
      const officer = await t.userWithRole('service_officer');
      const programmeId = await programmeOf(officer, 'talent');
      const call = await ok(
        t.request({
          method: 'POST',
          url: `${C}/talent/calls`,
          session: officer,
          payload: {
            category: 'young_talent',
            validityYears: 3,
            scheme: TALENT_SCHEME,
            call: { programmeId, ownerEntityId: 'beijing-ent-042', isSample: true, titleZh: '合成青年人才计划', titleEn: 'Synthetic young talent call', problem: 'Synthetic: young talent support for the attacker suite.', budget: 1_000_000, deadline: soon(), ipTemplate: 'team_retains_licence', paymentSchedule: [{ label: 'On award', share: 100 }], acceptanceCriteria: [{ metric: '年度报告', unit: '份', comparator: '>=', threshold: 1, testMethod: 'Synthetic: annual report read' }] },
          },
        }),
      );
      talent.callId = call.id;
      await transition(officer, `/calls/${call.id}`, 'submit_for_review');
      await transition(officer, `/calls/${call.id}`, 'publish');
      const app = await ok(
        t.request({
          method: 'POST',
          url: `${C}/talent/calls/${call.id}/applications`,
          session: a,
          payload: { nameZh: '合成青年学者', nameEn: 'Synthetic young scholar', statement: '合成：企业甲推荐的青年学者，从事芯片设计自动化研究五年。', supportRequested: 300_000, answers: { hasDoctorate: true, employerHighTech: true, age: 32 }, firstReportDue: dateIn(365) },
        }),
      );
      const id = (app as unknown as { applicationId: string }).applicationId;
      await reviewed(officer, call.id, id);
      talent.credentialId = (await ok(t.request({ method: 'POST', url: `${C}/talent/applications/${id}/credential`, session: officer, payload: { awardAmount: 300_000, validFrom: today(), validTo: dateIn(3 * 365), note: '合成：评审通过' } }))).id;
      const request = (await ok(t.request({ method: 'POST', url: `${C}/talent/service-requests`, session: a, payload: { credentialId: talent.credentialId, kind: 'housing', title: TALENT_REQUEST, description: '合成：全家来京，希望配租人才公寓（企业甲，保密）。' } }))) as unknown as { id: string; demand: { id: string } };
      talent.requestId = request.id;
      talent.demandId = request.demand.id;
      talent.milestoneId = await milestoneOf(id);
      return id;
    },
    read: (id) => `${C}/talent/applications/${id}`,
    lists: () => [`${C}/talent/applications`, `${C}/talent/credentials`, `${C}/talent/service-requests`, `${C}/demands`, '/api/me/applications'],
    secrets: () => [talent.credentialId, talent.requestId, talent.demandId, TALENT_REQUEST, 'Synthetic young scholar'],
    probes: (id) => [
      { method: 'GET', path: `${C}/talent/applications/${id}` },
      { method: 'POST', path: `${C}/talent/applications/${id}/credential`, body: { validFrom: today(), validTo: dateIn(30), note: null } },
      { method: 'GET', path: `${C}/talent/credentials/${talent.credentialId}` },
      { method: 'POST', path: `${C}/talent/credentials/${talent.credentialId}/revoke`, body: { version: 1, reason: '合成：越权撤销认定' } },
      { method: 'POST', path: `${C}/talent/service-requests`, body: { credentialId: talent.credentialId, kind: 'medical', title: '合成：冒用凭证', description: '合成：以企业甲人才的凭证申请服务。' }, notFoundAt: 'credentialId' },
      { method: 'GET', path: `${C}/demands/${talent.demandId}` },
      { method: 'POST', path: `${C}/demands/${talent.demandId}/messages`, body: { body: '合成：越权留言' } },
      { method: 'POST', path: `${C}/demands/${talent.demandId}/transitions`, body: { action: 'withdraw' } },
      { method: 'GET', path: `${C}/calls/${talent.callId}/applications` },
      ...engineProbes(id, talent.milestoneId),
    ],
  },
  {
    name: 'R&D-centre recognition application, the recognition and its local-hire records',
    create: async () => {
      const officer = await t.userWithRole('service_officer');
      const programmeId = await programmeOf(officer, 'recognition');
      const round = await ok(t.request({ method: 'POST', url: `${C}/rd-centre-rounds`, session: officer, payload: { programmeId, ownerEntityId: 'beijing-ent-042', titleZh: '合成：外资研发中心认定', titleEn: 'Synthetic recognition round', deadline: soon(), budget: 100_000_000, isSample: true, assessment: { jointProjects: 1, localContracts: 1, localHires: 10 } } }));
      rd.callId = round.id;
      const app = await ok(
        t.request({
          method: 'POST',
          url: `${C}/rd-centre-rounds/${round.id}/applications`,
          session: a,
          payload: { nameEn: 'Synthetic R&D centre of enterprise A', nameZh: null, descriptionEn: 'Synthetic: confidential battery-materials research of enterprise A, with a pilot line.', descriptionZh: null, facts: RD_FACTS, evidence: RD_EVIDENCE, headEntityId: await person(officer, 'Synthetic centre head'), plannedRdSpend: 30_000_000, truthful: true },
        }),
      );
      await reviewed(officer, round.id, app.id);
      await transition(officer, `/applications/${app.id}`, 'award', { awardAmount: 10_000_000 });
      const { version } = (await t.request({ method: 'GET', url: `${C}/rd-centre-applications/${app.id}`, session: officer })).json() as { version: number };
      rd.recognitionId = (await ok(t.request({ method: 'POST', url: `${C}/rd-centre-applications/${app.id}/recognise`, session: officer, payload: { version, validFrom: today(), validTo: dateIn(3 * 365), decisionRef: 'Synthetic decision 1' } }))).id;
      const month = today().slice(0, 7);
      await ok(t.request({ method: 'POST', url: `${C}/rd-centre-recognitions/${rd.recognitionId}/hires`, session: a, payload: { periodFrom: month, periodTo: month, count: 7, note: RD_HIRES } }));
      rd.milestoneId = await milestoneOf(app.id);
      return app.id;
    },
    read: (id) => `${C}/rd-centre-applications/${id}`,
    // The recognitions list is public (who is recognised, until when); the hires and support are not.
    lists: () => [`${C}/rd-centre-applications`, '/api/me/applications'],
    // The recognition is public; the application behind it is not.
    publicLists: () => [`${C}/rd-centre-recognitions`],
    publicId: () => rd.recognitionId,
    secrets: () => [RD_HIRES, 'confidential battery-materials research'],
    probes: (id) => [
      { method: 'GET', path: `${C}/rd-centre-applications/${id}` },
      { method: 'PUT', path: `${C}/rd-centre-applications/${id}/translation`, body: { version: 2, nameZh: '合成：篡改译名' } },
      { method: 'POST', path: `${C}/rd-centre-applications/${id}/recognise`, body: { version: 2, validFrom: today(), validTo: dateIn(30), decisionRef: '合成：越权认定' } },
      { method: 'GET', path: `${C}/rd-centre-recognitions/${rd.recognitionId}` },
      { method: 'POST', path: `${C}/rd-centre-recognitions/${rd.recognitionId}/hires`, body: { periodFrom: today().slice(0, 7), periodTo: today().slice(0, 7), count: 999, note: '合成：越权虚报' } },
      { method: 'POST', path: `${C}/rd-centre-recognitions/${rd.recognitionId}/revoke`, body: { version: 1, effectiveOn: today(), reason: '合成：越权撤销认定' } },
      { method: 'PUT', path: `${C}/rd-centre-recognitions/${rd.recognitionId}/housekeeper`, body: { version: 1, userId: null } },
      { method: 'POST', path: `${C}/rd-centre-recognitions/${rd.recognitionId}/support`, body: { measure: 'upgrade', amount: 1, grantedOn: today(), decisionRef: '合成：越权支持' } },
      { method: 'GET', path: `${C}/calls/${rd.callId}/applications` },
      ...engineProbes(id, rd.milestoneId),
    ],
  },
  {
    name: 'service package offered to the enterprise, and the housekeeper’s visit record',
    create: async () => {
      const officer = await t.userWithRole('service_officer');
      const pkg = await ok(
        t.request({
          method: 'POST',
          url: `${C}/service-packages`,
          session: officer,
          payload: { enterpriseId: ORG_A, keyBasis: 'list', primaryHousekeeperId: await userIdOf(officer), services: [{ code: 'scenario', titleZh: '合成：应用场景对接', titleEn: 'Synthetic scenario matching', slaDays: 30 }], checkInEveryDays: 30, nextCheckInOn: dateIn(14) },
        }),
      );
      await transition(officer, `/service-packages/${pkg.id}`, 'offer');
      await ok(t.request({ method: 'POST', url: `${C}/service-visits`, session: officer, payload: { enterpriseId: ORG_A, visitedOn: today(), participants: [{ name: '合成走访人', side: 'government' }], topics: [servicePackage.visitTopic] } }));
      return pkg.id;
    },
    read: (id) => `${C}/service-packages/${id}`,
    probes: (id) => [
      { method: 'GET', path: `${C}/service-packages/${id}` },
      { method: 'POST', path: `${C}/service-packages/${id}/transitions`, body: { action: 'sign' } },
      { method: 'POST', path: `${C}/service-packages/${id}/transitions`, body: { action: 'return', note: '合成：越权退回服务包' } },
      { method: 'PATCH', path: `${C}/service-packages/${id}`, body: { version: 2, checkInEveryDays: 60 } },
      { method: 'GET', path: `${C}/service-packages` },
      { method: 'GET', path: `${C}/service-visits` },
    ],
  },
  {
    name: 'application scenario (draft) the enterprise owns and edits before its batch is published',
    create: async () => {
      const officer = await t.userWithRole('service_officer');
      const programmeId = (await ok(t.request({ method: 'POST', url: `${C}/call-programmes`, session: officer, payload: { kind: 'scenario', titleZh: '合成场景计划', titleEn: 'Synthetic scenario programme', isSample: true, settings: { form: REVIEW_FORM, minReviewers: 1, minCompletedReviews: 1 } } }))).id;
      scenario.batchId = (await ok(t.request({ method: 'POST', url: `${C}/scenario-batches`, session: officer, payload: { programmeId, titleZh: '合成第一批场景', titleEn: 'Synthetic batch', isSample: true } }))).id;
      const call = await ok(
        t.request({
          method: 'POST',
          url: `${C}/scenario-batches/${scenario.batchId}/scenarios`,
          session: officer,
          payload: {
            call: { ownerEntityId: ORG_A, titleZh: '合成：企业甲的产线质检场景', titleEn: 'Synthetic: quality inspection at enterprise A', problem: '合成：企业甲希望在产线试点视觉质检，缩短检验时间。', fieldCodes: ['ict.ai'], budget: 500_000, deadline: new Date(t.clock.now().getTime() + 20 * DAY).toISOString() },
            scenario: { ownerKind: 'enterprise', site: '合成：产线', dataAvailable: null, sandboxStatus: 'planned', timelineStart: '2027-01-01', timelineEnd: '2027-06-30' },
          },
        }),
      );
      const edited = await t.request({ method: 'PUT', url: `${C}/scenarios/${call.id}`, session: a, payload: { scenario: { ownerKind: 'enterprise', site: SCENARIO_SITE, sandboxStatus: 'available' } } });
      if (edited.statusCode !== 204) throw new Error(`fixture step failed: ${edited.statusCode} ${edited.body.slice(0, 300)}`);
      return call.id;
    },
    read: (id) => `${C}/scenarios/${id}`,
    probes: (id) => [
      { method: 'GET', path: `${C}/scenarios/${id}` },
      { method: 'PUT', path: `${C}/scenarios/${id}`, body: { scenario: { ownerKind: 'enterprise', site: '合成：篡改试点地点' } } },
      { method: 'GET', path: `${C}/scenarios/${id}/candidates` },
      { method: 'POST', path: `${C}/scenarios/${id}/deployments`, body: { applicationId: ZERO_UUID, state: 'deploying' } },
      { method: 'GET', path: `${C}/scenario-batches/${scenario.batchId}` },
      { method: 'GET', path: `${C}/calls/${id}` },
      { method: 'PATCH', path: `${C}/calls/${id}`, body: { version: 1, titleEn: 'Synthetic: tampered' } },
      { method: 'POST', path: `${C}/calls/${id}/transitions`, body: { action: 'submit_for_review' } },
    ],
  },
  {
    name: 'incubator profile of the enterprise, kept by its own members, with a cohort and a start-up',
    create: async () => {
      const officer = await t.userWithRole('service_officer');
      const profile = await ok(t.request({ method: 'POST', url: `${C}/incubators`, session: officer, payload: { entityId: ORG_A, incubatorType: 'corporate', operatorName: '合成集团', isSample: true } }));
      const cohort = await ok(t.request({ method: 'POST', url: `${C}/incubators/${profile.id}/cohorts`, session: a, payload: { intakeYear: 2025, isSample: true } }));
      incubator.cohortId = cohort.id;
      const withResident = (await ok(t.request({ method: 'POST', url: `${C}/incubators/${profile.id}/cohorts/${cohort.id}/residents`, session: a, payload: { entityId: 'beijing-ent-042', enteredOn: '2025-03-01' } }))) as unknown as { residents: { id: string }[] };
      incubator.residentId = (withResident.residents[0] as { id: string }).id;
      return profile.id;
    },
    // The profile and its cohorts are public; what B must not do is keep them.
    read: (id) => `${C}/incubators/${id}`,
    probes: (id) => [
      { method: 'PATCH', path: `${C}/incubators/${id}`, body: { version: 1, focus: '合成：篡改方向' } },
      { method: 'POST', path: `${C}/incubators/${id}/cohorts`, body: { intakeYear: 2026 } },
      { method: 'POST', path: `${C}/incubators/${id}/cohorts/${incubator.cohortId}/residents`, body: { entityId: ORG_B, enteredOn: '2025-04-01' } },
      { method: 'PATCH', path: `${C}/incubators/${id}/cohorts/${incubator.cohortId}/residents/${incubator.residentId}`, body: { version: 1, exitKind: 'failed', exitedOn: '2025-09-30' } },
    ],
  },
  {
    name: 'industry-chain supply rows: one naming the enterprise as supplier (not public), and its own aggregated row',
    create: async () => {
      const analyst = await t.userWithRole('analyst');
      chain.mapId = (await ok(t.request({ method: 'POST', url: `${C}/chain-maps/from-template/integrated_circuits`, session: analyst, payload: { isSample: true } }))).id;
      const M = `${C}/chain-maps/${chain.mapId}`;
      await ok(t.request({ method: 'POST', url: `${M}/placements`, session: analyst, payload: { nodeId: 'design', entityId: ORG_A, role: 'supplier' } }));
      chain.aggregateId = (await ok(t.request({ method: 'POST', url: `${M}/supplies`, session: a, payload: { nodeId: 'design', region: '110000', country: 'CN', share: 0.3 } }))).id;
      return (await ok(t.request({ method: 'POST', url: `${M}/supplies`, session: analyst, payload: { nodeId: 'eda', supplierId: ORG_A, region: '110000', country: 'CN', share: 0.2 } }))).id;
    },
    read: () => `${C}/chain-maps/${chain.mapId}/supplies`,
    lists: () => [`${C}/chain-maps/${chain.mapId}/supplies`],
    probes: (id) => [
      { method: 'PATCH', path: `${C}/chain-maps/${chain.mapId}/supplies/${id}`, body: { version: 1, share: 0.1 } },
      { method: 'DELETE', path: `${C}/chain-maps/${chain.mapId}/supplies/${id}` },
      { method: 'PATCH', path: `${C}/chain-maps/${chain.mapId}/supplies/${chain.aggregateId}`, body: { version: 1, share: 0.1 } },
      { method: 'DELETE', path: `${C}/chain-maps/${chain.mapId}/supplies/${chain.aggregateId}` },
      { method: 'POST', path: `${C}/chain-maps/${chain.mapId}/supplies`, body: { nodeId: 'design', region: '110000', country: 'CN', share: 0.1 } },
    ],
  },
  {
    name: 'request to read another organisation’s confidential achievement detail (the requester’s own record)',
    create: async () => {
      const owner = await t.userWithRole('enterprise_member', { organisationId: 'beijing-ent-042' });
      const achievement = await ok(
        t.request({
          method: 'POST',
          url: `${C}/achievements`,
          session: owner,
          payload: { titleZh: '合成：第三方成果', titleEn: 'Synthetic: third-party achievement', summary: '合成测试成果摘要：一种用于越权测试的储能材料。', confidentialDetail: '合成保密内容：工艺参数。', field: 'new_energy', trl: 5, stage: 'pilot', keywords: ['合成'], availability: ['licence'], owners: [{ entityId: 'beijing-ent-042', share: 1 }], inventors: [], patentNumbers: [], isSample: true },
        }),
      );
      accessRequest.achievementId = achievement.id;
      await ok(t.request({ method: 'POST', url: `${C}/achievements/${achievement.id}/transitions`, session: owner, payload: { action: 'publish', version: achievement.version ?? 1 } }));
      return (await ok(t.request({ method: 'POST', url: `${C}/achievements/${achievement.id}/access-requests`, session: a, payload: { purpose: accessRequest.purpose, acceptTerms: true } }))).id;
    },
    read: () => `${C}/achievements/${accessRequest.achievementId}/access-requests`,
    lists: () => [`${C}/achievements/${accessRequest.achievementId}/access-requests`],
    secrets: () => [accessRequest.purpose],
    probes: (id) => [{ method: 'POST', path: `${C}/achievements/${accessRequest.achievementId}/access-requests/${id}/decision`, body: { decision: 'grant', note: null, expiresOn: null } }],
  },
];

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  await t.database.db.insert(centres).values({ id: CENTRE_2, nameZh: '合成第二中心', nameEn: 'Synthetic second centre', shortNameZh: '合成二', shortNameEn: 'Synthetic 2' });
  a = await t.userWithRole('enterprise_member', { organisationId: ORG_A });
  b = await t.userWithRole('enterprise_member', { organisationId: ORG_B });
  officer2 = await t.userWithRole('service_officer', { centreId: CENTRE_2 });
  analyst2 = await t.userWithRole('analyst', { centreId: CENTRE_2 });
  await installWriteCounter(t.database.db);
});
afterAll(() => t.close());

const send = (p: Probe, session: Session) =>
  t.request({
    method: p.method,
    url: p.path,
    session,
    ...(p.raw ? { payload: p.raw, headers: { 'content-type': 'application/octet-stream' } } : p.method === 'GET' ? {} : { payload: (p.body ?? {}) as object }),
  });

const refusedAsNotFound = (probe: Probe, res: { statusCode: number; json: () => unknown }): boolean => {
  if (!probe.notFoundAt || res.statusCode !== 400) return false;
  const fields = (res.json() as { error?: { details?: { fields?: { path: string; reason: string }[] } } }).error?.details?.fields ?? [];
  return fields.length === 1 && fields[0]?.path === probe.notFoundAt && fields[0].reason === 'not_found';
};

const idsOf = (body: unknown): string[] => ((body as { items?: { id: string }[] }).items ?? []).map((i) => i.id);

describe.each(RESOURCES)('horizontal access: $name', (resource) => {
  let id: string;
  let asSeenByA: string;
  beforeAll(async () => {
    id = await resource.create();
    const own = await t.request({ method: 'GET', url: resource.read(id), session: a });
    expect(own.statusCode, own.body).toBe(200);
    asSeenByA = own.body;
  });

  test.each([
    ['enterprise B of the same centre', () => b],
    ['a service officer of another centre', () => officer2],
    ['an analyst of another centre', () => analyst2],
  ])('%s can neither read nor change it, and A’s record is unchanged', async (_who, session) => {
    const problems: string[] = [];
    const before = await writeCounts(t.database.db);
    for (const probe of resource.probes(id)) {
      const res = await send(probe, session());
      if (res.statusCode !== 403 && res.statusCode !== 404 && !refusedAsNotFound(probe, res)) problems.push(`${probe.method} ${probe.path}: ${res.statusCode} ${res.body.slice(0, 160)}`);
    }
    expect(problems).toEqual([]);
    expect(countChanges(before, await writeCounts(t.database.db))).toEqual([]);
    expect((await t.request({ method: 'GET', url: resource.read(id), session: a })).body).toBe(asSeenByA);
  });

  test('B’s list never includes A’s record', async () => {
    if (!resource.list) return;
    const res = await t.request({ method: 'GET', url: `${resource.list}?limit=200`, session: b });
    expect(res.statusCode).toBeLessThan(500);
    if (res.statusCode === 200) expect(idsOf(res.json())).not.toContain(id);
    const mine = await t.request({ method: 'GET', url: `${resource.list}?limit=200`, session: a });
    if (mine.statusCode === 200 && resource.name !== 'achievement (draft) and its confidential detail') expect(idsOf(mine.json())).toContain(id);
  });

  test('B’s other lists mention neither A’s record nor its private parts', async () => {
    for (const url of resource.lists?.() ?? []) {
      const theirs = await t.request({ method: 'GET', url, session: b });
      expect(theirs.statusCode, `${url}: ${theirs.body.slice(0, 200)}`).toBe(200);
      for (const secret of [id, ...(resource.secrets?.() ?? [])]) expect(theirs.body.includes(secret), `${url} shows B ${secret}`).toBe(false);
      const mine = await t.request({ method: 'GET', url, session: a });
      expect(mine.statusCode, url).toBe(200);
      expect([id, ...(resource.secrets?.() ?? [])].some((secret) => mine.body.includes(secret)), `${url} shows A its own record`).toBe(true);
    }
    for (const url of resource.publicLists?.() ?? []) {
      const theirs = await t.request({ method: 'GET', url, session: b });
      expect(theirs.statusCode, url).toBe(200);
      const shown = resource.publicId?.() ?? id;
      expect(theirs.body, `${url} lists the record`).toContain(shown);
      if (shown !== id) expect(theirs.body.includes(id), `${url} shows B the private id ${id}`).toBe(false);
      for (const secret of resource.secrets?.() ?? []) expect(theirs.body.includes(secret), `${url} shows B ${secret}`).toBe(false);
    }
  });

  test('every probe is a declared route (a 404 from an unknown path would prove nothing)', () => {
    const routes = t.app.routeAccess.map((r) => ({ method: r.method, re: new RegExp(`^${r.url.replace(/:[A-Za-z]+/g, '[^/]+')}$`) }));
    const unrouted = resource.probes(id).filter((p) => !routes.some((r) => r.method === p.method && r.re.test(p.path.split('?')[0] as string)));
    expect(unrouted.map((p) => `${p.method} ${p.path}`)).toEqual([]);
  });
});

describe('cross-centre: an officer and an analyst of centre 2 against every centre-1 route', () => {
  test('centre 1’s service departments, expert pool and contract-statistics rebuild are refused to centre 2’s officer (they were answered before the centre guard)', async () => {
    const officer1 = await t.userWithRole('service_officer');
    const dept = await t.request({ method: 'POST', url: `${C}/service-departments`, session: officer1, payload: { nameZh: '合成部门', nameEn: 'Synthetic department', level: 'municipal' } });
    expect(dept.statusCode, dept.body).toBe(201);
    const before = await writeCounts(t.database.db);
    for (const [method, url] of [['GET', `${C}/service-departments`], ['GET', `${C}/experts`], ['POST', `${C}/tech-contracts/statistics/rebuild`]] as const) {
      const res = await t.request({ method, url, session: officer2 });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect(countChanges(before, await writeCounts(t.database.db))).toEqual([]);
    expect((await t.request({ method: 'GET', url: `${C}/service-departments`, session: officer1 })).json().items).toHaveLength(1);
  });

  test('no non-public route of centre 1 answers 2xx to them, and their writes change nothing', async () => {
    const problems: string[] = [];
    const before = await writeCounts(t.database.db);
    const routes = t.app.routeAccess.filter((r) => r.url.startsWith('/api/centres/:centreId') && r.method !== 'HEAD' && r.access !== 'public');
    expect(routes.length).toBeGreaterThan(100);
    for (const route of routes) {
      for (const [who, session, role] of [['officer2', officer2, 'service_officer'], ['analyst2', analyst2, 'analyst']] as const) {
        // Only routes the role passes by policy: a refusal there must come from the centre check.
        if (!roleMeetsAccess(role, route.access as Access)) continue;
        const res = await t.request({ method: route.method as 'GET', url: fillPath(route.url), session, ...(WRITE_METHODS.has(route.method) ? { payload: {} } : {}) });
        if (res.statusCode < 300 || res.statusCode >= 500) problems.push(`${route.method} ${route.url} as ${who}: ${res.statusCode} ${res.body.slice(0, 140)}`);
      }
    }
    if (problems.length > 0) console.error(problems.join('\n'));
    expect(problems).toEqual([]);
    expect(countChanges(before, await writeCounts(t.database.db))).toEqual([]);
  }, 300_000);
});
