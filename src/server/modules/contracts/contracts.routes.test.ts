import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { patentCheckCharacter } from '../../../core/contracts/index.js';
import { auditEvents, techContracts, techContractStats } from '../../../db/schema/index.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

/**
 * Technology-contract registration through the API: a seller submits, the
 * registry refuses inconsistent and duplicate contracts at their fields, a
 * registrar reviews and registers, the statistics and the open data follow,
 * and a historical import lands whole or not at all.
 */
let t: TestApp;
let seller: Session;
let buyer: Session;
let stranger: Session;
let registrar: Session;
let analyst: Session;
const C = '/api/centres/beijing';
const SELLER = 'beijing-ent-040';
const BUYER = 'beijing-ent-042';
const HAIDIAN = 'bj-110108';
const patent = (digits: string) => `ZL${digits}.${patentCheckCharacter(digits)}`;

const contract = (over: Record<string, unknown> = {}) => ({
  contractNumber: 'SP-2026-001',
  title: '示例：智能决策平台委托开发合同',
  type: 'development_commissioned',
  field: 'electronic_information',
  sellerId: SELLER,
  buyer: { entityId: null, name: '示例制造有限公司', region: '44' },
  amount: 1_200_000,
  breakdown: [
    { item: 'technical_fee', amount: 1_000_000 },
    { item: 'equipment', amount: 200_000 },
  ],
  patentNumbers: [],
  signedOn: '2026-02-20',
  isSample: true,
  ...over,
});
const fields = (body: string) => (JSON.parse(body).error.details.fields as { path: string; reason: string }[]).map((f) => `${f.path}:${f.reason}`).sort();

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  seller = await t.userWithRole('enterprise_member', { organisationId: SELLER });
  buyer = await t.userWithRole('enterprise_member', { organisationId: BUYER });
  stranger = await t.userWithRole('enterprise_member', { organisationId: 'beijing-ent-041' });
  registrar = await t.userWithRole('service_officer');
  analyst = await t.userWithRole('analyst');
});
afterAll(() => t.close());

let id: string;
let version: number;

describe('submitting', () => {
  test('inconsistent contracts are refused at each field, and nothing is written', async () => {
    const r = await t.request({ method: 'POST', url: `${C}/tech-contracts`, session: seller, payload: contract({ type: 'licensing_patent', breakdown: [{ item: 'technical_fee', amount: 1 }], patentNumbers: ['ZL202310123456.0'.replace(/\.0$/, `.${(Number(patentCheckCharacter('202310123456')) + 1) % 10}`)] }) });
    expect(r.statusCode, r.body).toBe(400);
    expect(fields(r.body)).toEqual(['breakdown:breakdown_sum', 'patentNumbers.0:patent_number_invalid']);
    const noRegion = await t.request({ method: 'POST', url: `${C}/tech-contracts`, session: seller, payload: contract({ buyer: { entityId: null, name: '某公司', region: null } }) });
    expect(noRegion.statusCode).toBe(400);
    expect(noRegion.body).toContain('buyer.region');
    expect(await t.database.db.$count(techContracts)).toBe(0);
  });

  test('only the seller’s members (or a registrar) may submit; analysts read but do not submit', async () => {
    expect((await t.request({ method: 'POST', url: `${C}/tech-contracts`, session: stranger, payload: contract() })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: `${C}/tech-contracts`, session: analyst, payload: contract() })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: `${C}/tech-contracts`, payload: contract() })).statusCode).toBe(401);
  });

  test('the seller submits: the technical transaction amount is the price less equipment; the 30-day clock starts', async () => {
    const r = await t.request({ method: 'POST', url: `${C}/tech-contracts`, session: seller, payload: contract() });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json();
    id = c.id;
    version = c.version;
    expect(c).toMatchObject({ state: 'submitted', amount: 1_200_000, technicalAmount: 1_000_000, sellerDistrictId: HAIDIAN, seller: { id: SELLER, kind: 'enterprise' }, buyer: { name: '示例制造有限公司', region: '44' }, clock: { daysLeft: 30, overdue: false }, canEdit: true, registrationNumber: null });
    expect(c.actions).toEqual(['withdraw']);
  });

  test('the same contract again, however its number is spelt, is refused and points at the first', async () => {
    const r = await t.request({ method: 'POST', url: `${C}/tech-contracts`, session: seller, payload: contract({ contractNumber: ' sp 2026/001 ' }) });
    expect(r.statusCode).toBe(409);
    expect(fields(r.body)).toEqual(['contractNumber:duplicate_contract']);
    expect(r.json().error.details.fields[0].data.existingId).toBe(id);
  });

  test('parties and authorised readers see it; another enterprise is told it does not exist', async () => {
    expect((await t.request({ method: 'GET', url: `${C}/tech-contracts/${id}`, session: stranger })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `${C}/tech-contracts/${id}`, session: analyst })).statusCode).toBe(200);
    const mine = await t.request({ method: 'GET', url: `${C}/tech-contracts`, session: seller });
    expect(mine.json().total).toBe(1);
    expect((await t.request({ method: 'GET', url: `${C}/tech-contracts`, session: stranger })).json().total).toBe(0);
  });
});

describe('registering', () => {
  const act = (session: Session, action: string, note: string | null = null) => t.request({ method: 'POST', url: `${C}/tech-contracts/${id}/transitions`, session, payload: { action, note, version } });

  test('the registrar reviews, returns it for a correction, the seller corrects and resubmits', async () => {
    expect((await act(registrar, 'register')).statusCode).toBe(409);
    expect((await act(seller, 'start_review')).statusCode).toBe(403);
    let r = await act(registrar, 'start_review');
    expect(r.statusCode, r.body).toBe(200);
    version = r.json().version;
    expect(r.json().actions.sort()).toEqual(['decline', 'register', 'return']);
    expect(fields((await act(registrar, 'return')).body)).toEqual(['note:note_required']);
    r = await act(registrar, 'return', '请补充买方统一社会信用代码对应的买方名称全称。');
    version = r.json().version;
    expect(r.json()).toMatchObject({ state: 'returned', decisionNote: expect.stringContaining('买方') });
    r = await t.request({ method: 'PUT', url: `${C}/tech-contracts/${id}`, session: seller, payload: { ...contract({ buyer: { entityId: BUYER, name: null, region: null } }), version } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().buyer).toMatchObject({ entityId: BUYER, region: '11' });
    version = r.json().version;
    r = await act(seller, 'resubmit');
    expect(r.json()).toMatchObject({ state: 'submitted', decisionNote: null });
    version = r.json().version;
  });

  test('the buyer, now a party in the registry, sees the contract', async () => {
    expect((await t.request({ method: 'GET', url: `${C}/tech-contracts/${id}`, session: buyer })).statusCode).toBe(200);
  });

  test('registering assigns the number and adds it to the statistics in the same transaction', async () => {
    t.clock.advanceMinutes(3 * 24 * 60);
    for (const s of [seller, registrar, analyst]) Object.assign(s, await t.login((s as Session & { username: string }).username, (s as Session & { password: string }).password));
    let r = await act(registrar, 'start_review');
    version = r.json().version;
    r = await act(registrar, 'register');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'registered', registrationNumber: '2026110000000001', registeredOn: '2026-03-04', clock: { daysUsed: 3, overdue: false }, actions: [] });
    const cells = await t.database.db.select().from(techContractStats).where(and(eq(techContractStats.centreId, 'beijing'), eq(techContractStats.dimension, 'flow')));
    expect(cells).toEqual([expect.objectContaining({ year: 2026, month: 3, key: HAIDIAN, key2: '11', contracts: 1, amount: 1_200_000, technicalAmount: 1_000_000, samples: 1 })]);
    const trail = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.entityType, 'tech_contract'), eq(auditEvents.entityId, id))).orderBy(auditEvents.seq);
    expect(trail.map((a) => a.action)).toEqual(['tech_contract.submit', 'tech_contract.start_review', 'tech_contract.return', 'tech_contract.update', 'tech_contract.resubmit', 'tech_contract.start_review', 'tech_contract.register']);
  });
});

describe('withdrawing and declining', () => {
  test('a withdrawn or declined submission frees the contract number for a new submission; neither reaches the statistics', async () => {
    const submit = () => t.request({ method: 'POST', url: `${C}/tech-contracts`, session: seller, payload: contract({ contractNumber: 'SP-2026-009' }) });
    const first = (await submit()).json();
    let r = await t.request({ method: 'POST', url: `${C}/tech-contracts/${first.id}/transitions`, session: seller, payload: { action: 'withdraw', note: null, version: first.version } });
    expect(r.json()).toMatchObject({ state: 'withdrawn', actions: [], canEdit: false });
    const second = (await submit()).json();
    expect(second.state).toBe('submitted');
    r = await t.request({ method: 'POST', url: `${C}/tech-contracts/${second.id}/transitions`, session: registrar, payload: { action: 'start_review', note: null, version: second.version } });
    r = await t.request({ method: 'POST', url: `${C}/tech-contracts/${second.id}/transitions`, session: registrar, payload: { action: 'decline', note: '合同内容为设备买卖，不属于技术合同。', version: r.json().version } });
    expect(r.json()).toMatchObject({ state: 'not_registered', registrationNumber: null });
    expect((await submit()).statusCode).toBe(201);
    const [total] = await t.database.db.select().from(techContractStats).where(and(eq(techContractStats.dimension, 'total'), eq(techContractStats.year, 2026)));
    expect(total?.contracts).toBe(1);
  });
});

describe('statistics and open data', () => {
  test('the public sees aggregates with small cells hidden, beside the published figures and their sources', async () => {
    const r = await t.request({ method: 'GET', url: `${C}/tech-contracts/statistics?dimension=type` });
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s.suppression).toEqual({ applied: true, minCell: 3 });
    expect(s.year).toBe(2026);
    expect(s.byYear).toEqual([expect.objectContaining({ year: 2026, contracts: null, suppressed: true })]);
    expect(s.published).toContainEqual(expect.objectContaining({ indicatorCode: 'tech_contracts_registered', period: '2023', value: 106552 }));
    const csv = await t.request({ method: 'GET', url: `${C}/tech-contracts/statistics.csv?dimension=type` });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).not.toContain('1200000');
  });

  test('an authorised analyst sees the figures', async () => {
    const s = (await t.request({ method: 'GET', url: `${C}/tech-contracts/statistics?dimension=district`, session: analyst })).json();
    expect(s.suppression.applied).toBe(false);
    expect(s.rows).toEqual([expect.objectContaining({ key: HAIDIAN, contracts: 1, amount: 1_200_000, technicalAmount: 1_000_000, isSample: true })]);
    expect(s.areas[HAIDIAN].nameZh).toBe('海淀区');
  });
});

describe('historical import', () => {
  const header = '合同编号,合同名称,合同类型,技术领域,卖方,买方,买方地区,合同成交额（元）,技术交易额（元）,签订日期,登记日期,登记号,专利号';
  const good = [
    `H-2025-001,示例：算法授权,专利实施许可,电子信息,${SELLER},示例汽车有限公司,上海,500000,450000,2025-01-10,2025-01-20,,${patent('202310123456')}`,
    `H-2025-002,示例：芯片测试服务,技术服务,电子信息,beijing-ent-042,示例德国公司,abroad:DE,"80,000",,2025-02-01,2025-02-15,,`,
    `H-2025-003,示例：咨询,技术咨询,先进制造,${SELLER},${BUYER},,30000,,2025-03-01,2025-03-05,2025110000999999,`,
  ];
  const upload = (csv: string, dryRun = false) => t.request({ method: 'POST', url: `${C}/tech-contracts/import?fileName=h.csv&sample=true&dryRun=${dryRun}`, session: registrar, headers: { 'content-type': 'text/csv' }, payload: csv });

  test('bad rows are each named by row, column and value; nothing is written', async () => {
    const bad = [...good, 'H-2025-004,示例,不存在的类型,电子信息,nobody,某公司,火星,abc,,2025-13-01,2025-03-05,,', `H-2025-001,重复,技术咨询,电子信息,${SELLER},某公司,天津,100,,2025-01-01,2025-01-02,,`];
    const r = await upload([header, ...bad].join('\n'));
    expect(r.statusCode, r.body).toBe(200);
    const report = r.json();
    expect(report.imported).toBe(0);
    expect(report.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(['5:合同类型', '5:卖方', '5:买方地区', '5:合同成交额（元）', '5:签订日期', '6:合同编号']);
    expect(await t.database.db.$count(techContracts, like(techContracts.contractNumber, 'H-%'))).toBe(0);
  });

  test('a clean file lands whole: registered, numbered, in the statistics; a rebuild gives the same cells', async () => {
    expect((await upload([header, ...good].join('\n'), true)).json()).toMatchObject({ imported: 0, errors: [], dryRun: true });
    const r = await upload([header, ...good].join('\n'));
    expect(r.json()).toMatchObject({ rows: 3, imported: 3, errors: [] });
    const rows = await t.database.db.select().from(techContracts).where(like(techContracts.contractNumber, 'H-%'));
    expect(rows.map((x) => [x.contractNumber, x.state, x.registrationNumber, x.buyerRegion, x.technicalAmount]).sort()).toEqual([
      ['H-2025-001', 'registered', '2025110000000001', '31', 450000],
      ['H-2025-002', 'registered', '2025110000000002', 'abroad:DE', 80000],
      ['H-2025-003', 'registered', '2025110000999999', '11', 30000],
    ]);
    const stats = (await t.request({ method: 'GET', url: `${C}/tech-contracts/statistics?dimension=buyer_region&year=2025`, session: analyst })).json();
    expect(stats.byYear.map((y: { year: number; contracts: number }) => [y.year, y.contracts])).toEqual([[2025, 3], [2026, 1]]);
    expect(stats.byYear[1].contractsGrowth).toBe(-66.67);
    const before = await t.database.db.select().from(techContractStats).orderBy(techContractStats.dimension, techContractStats.year, techContractStats.month, techContractStats.key, techContractStats.key2);
    expect((await t.request({ method: 'POST', url: `${C}/tech-contracts/statistics/rebuild`, session: registrar })).statusCode).toBe(204);
    const after = await t.database.db.select().from(techContractStats).orderBy(techContractStats.dimension, techContractStats.year, techContractStats.month, techContractStats.key, techContractStats.key2);
    expect(after).toEqual(before);
    expect((await upload([header, good[0]].join('\n'))).json().errors[0]).toMatchObject({ row: 2, column: '合同编号', reason: expect.stringContaining('already registered') });
  });

  test('only registrars import', async () => {
    expect((await t.request({ method: 'POST', url: `${C}/tech-contracts/import?fileName=h.csv`, session: analyst, headers: { 'content-type': 'text/csv' }, payload: header })).statusCode).toBe(403);
  });
});

describe('indicators computed from the registrations', () => {
  test('a refresh stores counts and sums per year for the centre and each district, each naming the contracts behind it', async () => {
    const res = await t.request({ method: 'POST', url: `${C}/derived-figures/refresh`, session: analyst });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.find((r: { key: string }) => r.key === 'contracts')).toMatchObject({ withdrawn: 0 });
    const { indicator } = (await t.request({ method: 'GET', url: `${C}/indicators/registry_tech_contract_technical_amount` })).json();
    const centre2025 = indicator.observations.find((o: { period: string; areaId: string }) => o.period === '2025' && o.areaId === 'bj');
    expect(centre2025).toMatchObject({ value: 560_000, provenance: 'derived', isSample: true });
    const haidian2026 = indicator.observations.find((o: { period: string; areaId: string }) => o.period === '2026' && o.areaId === HAIDIAN);
    expect(haidian2026).toMatchObject({ value: 1_000_000 });
    // The drill-down filter lists exactly the contracts the figure counts.
    const { observations } = await import('../../../db/schema/index.js');
    const [row] = await t.database.db.select({ derivation: observations.derivation }).from(observations).where(eq(observations.id, centre2025.id));
    const drill = (row?.derivation as { drillDown: { filter: Record<string, string>; count: number } }).drillDown;
    const listed = await t.request({ method: 'GET', url: `${C}/tech-contracts?${new URLSearchParams(Object.entries(drill.filter).map(([k, v]): [string, string] => [k, String(v)]))}`, session: analyst });
    expect(listed.json().total).toBe(drill.count);
    expect(listed.json().items.reduce((s: number, c: { technicalAmount: number }) => s + c.technicalAmount, 0)).toBe(560_000);
    // Nothing changed: a second refresh writes nothing.
    const again = (await t.request({ method: 'POST', url: `${C}/derived-figures/refresh`, session: analyst })).json();
    expect(again.items.find((r: { key: string }) => r.key === 'contracts')).toMatchObject({ inserted: 0, updated: 0, withdrawn: 0 });
  });
});
