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

type Probe = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; body?: unknown; raw?: Buffer };
type Resource = {
  name: string;
  /** Creates the record as A and returns its id. */
  create: () => Promise<string>;
  /** Where A reads it (proves the record exists, so B's refusals are not vacuous). */
  read: (id: string) => string;
  /** A list B may call, that must not contain A's record. */
  list?: string;
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
      if (res.statusCode !== 403 && res.statusCode !== 404) problems.push(`${probe.method} ${probe.path}: ${res.statusCode} ${res.body.slice(0, 160)}`);
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
