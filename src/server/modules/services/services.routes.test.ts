import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditEvents, notifications } from '../../../db/schema/index.js';
import { runScheduledJobs } from '../../jobs.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

/**
 * The key-enterprise service journey through the API: departments, a package
 * signed off by the enterprise, a visit raising two demands, one resolved and
 * confirmed, one left idle until the scheduler escalates it; metrics and the
 * systemic-issue queue read the same records.
 */
let t: TestApp;
let housekeeper: Session & { username: string };
let handler: Session & { username: string };
let districtLead: Session & { username: string };
let cityLead: Session & { username: string };
let fourthParadigm: Session;
let sgMicro: Session;
let thunderSoft: Session;
let analyst: Session;
const C = '/api/centres/beijing';
const ENT = 'beijing-ent-040';
const HAIDIAN = 'bj-110108';
let financeDept: string;
let talentDept: string;
const userIds = new Map<string, string>();

const userId = async (username: string): Promise<string> => {
  const cached = userIds.get(username);
  if (cached) return cached;
  const { users } = await import('../../../db/schema/index.js');
  const [row] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  userIds.set(username, row?.id as string);
  return row?.id as string;
};

const sessions: (Session & { username: string; password: string })[] = [];
/** Move the clock on by days; sessions would expire, so everyone signs in again. */
const days = async (n: number): Promise<void> => {
  t.clock.advanceMinutes(n * 24 * 60);
  for (const s of sessions) Object.assign(s, await t.login(s.username, s.password));
};
const person = async (role: Parameters<TestApp['userWithRole']>[0], extra?: Parameters<TestApp['userWithRole']>[1]) => {
  const s = await t.userWithRole(role, extra);
  sessions.push(s);
  return s;
};

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  housekeeper = await person('service_officer');
  handler = await person('service_officer');
  districtLead = await person('service_officer');
  cityLead = await person('service_officer');
  analyst = await person('analyst');
  fourthParadigm = await person('enterprise_member', { organisationId: ENT });
  sgMicro = await person('enterprise_member', { organisationId: 'beijing-ent-042' });
  thunderSoft = await person('enterprise_member', { organisationId: 'beijing-ent-041' });
  const dept = async (body: Record<string, unknown>) => {
    const r = await t.request({ method: 'POST', url: `${C}/service-departments`, session: housekeeper, payload: body });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  financeDept = await dept({ nameZh: '市金融服务处', nameEn: 'Municipal finance services', level: 'municipal', areaId: null, demandTypes: ['financing'], memberUserIds: [await userId(handler.username)] });
  talentDept = await dept({ nameZh: '海淀区人才服务中心', nameEn: 'Haidian talent services', level: 'district', areaId: HAIDIAN, demandTypes: ['talent_housing', 'land_space'], memberUserIds: [await userId(handler.username)] });
  await dept({ nameZh: '海淀区企业服务协调组', nameEn: 'Haidian coordination office', level: 'district', areaId: HAIDIAN, isCoordinator: true, memberUserIds: [await userId(districtLead.username)] });
  await dept({ nameZh: '市企业服务协调办', nameEn: 'Municipal coordination office', level: 'municipal', areaId: null, isCoordinator: true, memberUserIds: [await userId(cityLead.username)] });
});
afterAll(() => t.close());

describe('departments', () => {
  test('field-level errors: a municipal department has no area, members must be service officers', async () => {
    const r = await t.request({ method: 'POST', url: `${C}/service-departments`, session: housekeeper, payload: { nameZh: '甲', nameEn: 'A', level: 'municipal', areaId: HAIDIAN, memberUserIds: [await userId((await t.userWithRole('analyst')).username)] } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields.map((f: { path: string; reason: string }) => `${f.path}:${f.reason}`).sort()).toEqual(['areaId:municipal_has_no_area', 'memberUserIds.0:not_an_officer']);
    expect((await t.request({ method: 'POST', url: `${C}/service-departments`, session: fourthParadigm, payload: { nameZh: '甲', nameEn: 'A', level: 'municipal' } })).statusCode).toBe(403);
  });
});

describe('the service package', () => {
  let packageId: string;
  test('a housekeeper drafts and offers it; the enterprise signs it off; another enterprise cannot see it', async () => {
    const created = await t.request({
      method: 'POST',
      url: `${C}/service-packages`,
      session: housekeeper,
      payload: { enterpriseId: ENT, keyBasis: 'list', primaryHousekeeperId: await userId(housekeeper.username), backupHousekeeperId: await userId(handler.username), services: [{ code: 'scenario', titleZh: '应用场景对接', titleEn: 'Application scenario matching', slaDays: 30 }], checkInEveryDays: 30, nextCheckInOn: '2026-03-15' },
    });
    expect(created.statusCode, created.body).toBe(201);
    packageId = created.json().id;
    const twice = await t.request({ method: 'POST', url: `${C}/service-packages`, session: housekeeper, payload: { enterpriseId: ENT, keyBasis: 'list', primaryHousekeeperId: await userId(housekeeper.username), nextCheckInOn: '2026-03-15' } });
    expect(twice.statusCode).toBe(409);
    const offered = await t.request({ method: 'POST', url: `${C}/service-packages/${packageId}/transitions`, session: housekeeper, payload: { action: 'offer' } });
    expect(offered.json().state).toBe('offered');
    expect((await t.request({ method: 'GET', url: `${C}/service-packages/${packageId}`, session: sgMicro })).statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url: `${C}/service-packages/${packageId}/transitions`, session: housekeeper, payload: { action: 'sign' } })).statusCode).toBe(403);
    const signed = await t.request({ method: 'POST', url: `${C}/service-packages/${packageId}/transitions`, session: fourthParadigm, payload: { action: 'sign' } });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ state: 'signed', signedBy: expect.any(String) });
  });

  test('changing the promised services sends a signed package back for sign-off', async () => {
    const current = (await t.request({ method: 'GET', url: `${C}/service-packages/${packageId}`, session: housekeeper })).json();
    const changed = await t.request({ method: 'PATCH', url: `${C}/service-packages/${packageId}`, session: housekeeper, payload: { version: current.version, services: [...current.services, { code: 'finance', titleZh: '融资对接', titleEn: 'Financing matchmaking', slaDays: 20 }] } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ state: 'draft', signedAt: null });
    const stale = await t.request({ method: 'PATCH', url: `${C}/service-packages/${packageId}`, session: housekeeper, payload: { version: current.version, checkInEveryDays: 60 } });
    expect(stale.statusCode).toBe(409);
  });
});

describe('a visit and its demands', () => {
  let financing: string;
  let housing: string;

  test('a visit records two needs; each becomes a case routed to its department, with SLA clocks', async () => {
    const r = await t.request({
      method: 'POST',
      url: `${C}/service-visits`,
      session: housekeeper,
      payload: {
        enterpriseId: ENT,
        visitedOn: '2026-03-01',
        participants: [{ name: '王管家', side: 'government', role: '服务管家' }, { name: '李总', side: 'enterprise', role: 'CFO' }],
        topics: ['融资', '人才公寓'],
        demands: [
          { type: 'financing', title: '研发贷款贴息申请进度', description: '企业申请的研发贷款贴息至今未到账，希望了解办理进度。' },
          { type: 'talent_housing', title: '人才公寓配租名额不足', description: '新引进的算法工程师排队等待人才公寓配租，名额不足，时间较长。' },
        ],
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().demandIds).toHaveLength(2);
    [financing, housing] = r.json().demandIds as [string, string];
    const f = (await t.request({ method: 'GET', url: `${C}/demands/${financing}`, session: handler })).json();
    expect(f).toMatchObject({ state: 'received', department: { id: financeDept }, escalationLevel: 0, response: { state: 'running' }, resolution: { state: 'running' } });
    expect(f.reference).toMatch(/^SQ-2026-[0-9A-F]{8}$/);
    const h = (await t.request({ method: 'GET', url: `${C}/demands/${housing}`, session: handler })).json();
    expect(h.department.id).toBe(talentDept);
    const inbox = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, await userId(handler.username)), eq(notifications.template, 'demand_received')));
    expect(inbox).toHaveLength(2);
    // The visit is the check-in: the package's next one moves a period on.
    const pkg = (await t.request({ method: 'GET', url: `${C}/service-packages`, session: housekeeper })).json().items[0];
    expect(pkg.nextCheckInOn).toBe('2026-03-31');
  });

  test('the enterprise sees its own cases, not the internal notes; another enterprise sees none', async () => {
    await t.request({ method: 'POST', url: `${C}/demands/${financing}/messages`, session: handler, payload: { body: '已联系银行核实放款流程', internal: true } });
    await t.request({ method: 'POST', url: `${C}/demands/${financing}/messages`, session: handler, payload: { body: '我们已收到，正在核实。' } });
    const own = (await t.request({ method: 'GET', url: `${C}/demands/${financing}`, session: fourthParadigm })).json();
    expect(own.events.filter((e: { kind: string }) => e.kind === 'message').map((e: { body: string }) => e.body)).toEqual(['我们已收到，正在核实。']);
    expect(own.can).toEqual({ message: true, internalNote: false, rate: false });
    expect((await t.request({ method: 'GET', url: `${C}/demands/${financing}`, session: sgMicro })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `${C}/demands`, session: sgMicro })).json().total).toBe(0);
    expect((await t.request({ method: 'POST', url: `${C}/demands/${financing}/messages`, session: fourthParadigm, payload: { body: 'secret', internal: true } })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: `${C}/demands/${financing}/transitions`, session: fourthParadigm, payload: { action: 'accept' } })).statusCode).toBe(403);
  });

  test('one case: accepted in time, worked, resolved with a note, confirmed and rated by the enterprise', async () => {
    await days(0.5);
    const accept = await t.request({ method: 'POST', url: `${C}/demands/${financing}/transitions`, session: handler, payload: { action: 'accept' } });
    expect(accept.statusCode, accept.body).toBe(200);
    expect(accept.json().response.state).toBe('met');
    await t.request({ method: 'POST', url: `${C}/demands/${financing}/transitions`, session: handler, payload: { action: 'start' } });
    const noNote = await t.request({ method: 'POST', url: `${C}/demands/${financing}/transitions`, session: handler, payload: { action: 'resolve' } });
    expect(noNote.statusCode).toBe(409);
    expect(noNote.json().error.details.fields[0]).toMatchObject({ path: 'note', reason: 'note_required' });
    await days(1);
    const resolved = await t.request({ method: 'POST', url: `${C}/demands/${financing}/transitions`, session: handler, payload: { action: 'resolve', note: '贴息资金已于今日拨付。' } });
    expect(resolved.json()).toMatchObject({ state: 'resolved', resolution: { state: 'met' } });
    expect((await t.request({ method: 'PUT', url: `${C}/demands/${financing}/rating`, session: fourthParadigm, payload: { rating: 6 } })).statusCode).toBe(400);
    const confirmed = await t.request({ method: 'POST', url: `${C}/demands/${financing}/transitions`, session: fourthParadigm, payload: { action: 'confirm' } });
    expect(confirmed.json().state).toBe('confirmed');
    const rated = await t.request({ method: 'PUT', url: `${C}/demands/${financing}/rating`, session: fourthParadigm, payload: { rating: 5, comment: '很及时' } });
    expect(rated.json()).toMatchObject({ rating: 5, can: { rate: true } });
    const trail = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, financing)).orderBy(auditEvents.seq);
    expect(trail.map((e) => e.action)).toEqual(['demand.create', 'demand.internal_note', 'demand.message', 'demand.accept', 'demand.start', 'demand.resolve', 'demand.confirm', 'demand.rate']);
  });

  test('the other, left idle: reminded at 3 days, escalated to the district at 5 and the city at 10; the coordinators see it as theirs', async () => {
    // 1.5 days have passed since receipt; nobody has touched the housing case.
    await days(1.6);
    let [report] = await runScheduledJobs(t.app.kc, t.clock.now());
    expect(report?.services).toMatchObject({ reminded: 1, escalated: 0 });
    [report] = await runScheduledJobs(t.app.kc, t.clock.now());
    expect(report?.services).toMatchObject({ reminded: 0, escalated: 0 });
    await days(2);
    [report] = await runScheduledJobs(t.app.kc, t.clock.now());
    expect(report?.services?.escalated).toBe(1);
    const mineDistrict = (await t.request({ method: 'GET', url: `${C}/demands?mine=true`, session: districtLead })).json();
    expect(mineDistrict.items.map((d: { id: string }) => d.id)).toEqual([housing]);
    expect((await t.request({ method: 'GET', url: `${C}/demands?mine=true`, session: cityLead })).json().total).toBe(0);
    await days(5);
    [report] = await runScheduledJobs(t.app.kc, t.clock.now());
    expect(report?.services?.escalated).toBe(1);
    const h = (await t.request({ method: 'GET', url: `${C}/demands/${housing}`, session: cityLead })).json();
    expect(h.escalationLevel).toBe(2);
    expect(h.events.map((e: { kind: string }) => e.kind)).toEqual(['routed', 'reminder', 'escalation', 'escalation']);
    expect(h.actions.find((a: { action: string }) => a.action === 'accept')).toMatchObject({ allowed: true });
    const cityInbox = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, await userId(cityLead.username)), eq(notifications.template, 'demand_escalated')));
    expect(cityInbox).toHaveLength(1);
  });

  test('reopening: refused once the window has passed; a case reopened within it no longer counts as resolved', async () => {
    const before = (await t.request({ method: 'GET', url: `${C}/demands/metrics?groupBy=department`, session: analyst })).json();
    expect(before.total.reopenAwareResolution).toEqual({ numerator: 1, denominator: 1, value: 1 });
    const late = await t.request({ method: 'POST', url: `${C}/demands/${financing}/transitions`, session: fourthParadigm, payload: { action: 'reopen', note: '款项仍未到账，请再核实。' } });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details.fields.map((f: { reason: string }) => f.reason)).toEqual(['reopen_window_passed']);

    const step = async (action: string, session: Session, note?: string) => {
      const r = await t.request({ method: 'POST', url: `${C}/demands/${housing}/transitions`, session, payload: { action, note: note ?? null } });
      expect(r.statusCode, r.body).toBe(200);
    };
    await step('accept', cityLead);
    await step('start', cityLead);
    await step('resolve', cityLead, '已协调增加配租名额。');
    await days(2);
    await step('reopen', fourthParadigm, '名额仍未落实，请继续协调。');
    const after = (await t.request({ method: 'GET', url: `${C}/demands/metrics?groupBy=department`, session: analyst })).json();
    expect(after.total.reopenAwareResolution).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    const h = (await t.request({ method: 'GET', url: `${C}/demands/${housing}`, session: fourthParadigm })).json();
    expect(h).toMatchObject({ state: 'reopened', reopenCount: 1 });
  });

  test('files in the thread: checked from the bytes, internal ones kept among officers, downloads safe and scoped', async () => {
    const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
    const attach = (session: Session, fileName: string, body: Buffer, internal = false) =>
      t.request({ method: 'POST', url: `${C}/demands/${housing}/attachments?fileName=${encodeURIComponent(fileName)}&internal=${internal}`, payload: body, headers: { 'content-type': 'application/octet-stream' }, session });

    const mine = await attach(fourthParadigm, '../配租申请.pdf', PDF);
    expect(mine.statusCode, mine.body).toBe(200);
    // Entries written in the same instant sort by id: find the one carrying the file.
    const withFiles = (demand: { events: { attachments: { id: string }[] }[] }) => demand.events.filter((e) => e.attachments.length > 0);
    const [entry] = withFiles(mine.json()) as [{ attachments: { id: string }[] }];
    expect(entry).toMatchObject({ kind: 'message', body: null, internal: false, attachments: [{ fileName: '配租申请.pdf', contentType: 'application/pdf', size: PDF.length }] });
    const fileId = entry.attachments[0]?.id as string;

    const note = await attach(cityLead, '协调记录.txt', Buffer.from('内部：已与区住建委电话沟通。'), true);
    expect(note.statusCode, note.body).toBe(200);
    const internalEntry = withFiles(note.json()).find((e) => e.attachments[0]?.id !== fileId);
    const internalId = internalEntry?.attachments[0]?.id as string;

    // The enterprise may not keep a file internal, may not send a disguised one, and never sees the officers' file.
    expect((await attach(fourthParadigm, 'x.pdf', PDF, true)).statusCode).toBe(403);
    const disguised = await attach(fourthParadigm, '说明.pdf', Buffer.from('MZ not a pdf'));
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json().error.details.fields[0]).toMatchObject({ path: 'file', reason: 'content_mismatch' });
    const seen = (await t.request({ method: 'GET', url: `${C}/demands/${housing}`, session: fourthParadigm })).json();
    expect(seen.events.flatMap((e: { attachments: { id: string }[] }) => e.attachments.map((a) => a.id))).toEqual([fileId]);
    expect((await t.request({ method: 'GET', url: `${C}/demands/${housing}/attachments/${internalId}`, session: fourthParadigm })).statusCode).toBe(404);

    const download = await t.request({ method: 'GET', url: `${C}/demands/${housing}/attachments/${fileId}`, session: fourthParadigm });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers).toMatchObject({ 'content-type': 'application/pdf', 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-store' });
    expect(String(download.headers['content-disposition'])).toMatch(/^attachment; /);
    expect((await t.request({ method: 'GET', url: `${C}/demands/${housing}/attachments/${internalId}`, session: cityLead })).statusCode).toBe(200);
    // Another enterprise, or the right file through another case: not found.
    expect((await t.request({ method: 'GET', url: `${C}/demands/${housing}/attachments/${fileId}`, session: sgMicro })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `${C}/demands/${financing}/attachments/${fileId}`, session: fourthParadigm })).statusCode).toBe(404);

    const trail = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, housing)).orderBy(auditEvents.seq);
    expect(trail.filter((e) => e.action === 'demand.attachment')).toHaveLength(2);
  });
});

describe('metrics and systemic issues', () => {
  test('per department and per district, with the monthly trend; analysts may read, enterprises may not', async () => {
    const r = await t.request({ method: 'GET', url: `${C}/demands/metrics?groupBy=district`, session: analyst });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.total.received).toBe(2);
    expect(body.total.responseOnTime).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(body.total.satisfaction).toEqual({ mean: 5, count: 1 });
    expect(body.groups).toEqual([expect.objectContaining({ key: HAIDIAN, nameZh: '海淀区' })]);
    expect(body.trend.map((p: { period: string }) => p.period)).toEqual(['2026-03']);
    expect((await t.request({ method: 'GET', url: `${C}/demands/metrics`, session: fourthParadigm })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: `${C}/demands/metrics?from=2026-04-01&to=2026-03-01`, session: analyst })).statusCode).toBe(400);
  });

  test('the same problem raised by three enterprises surfaces as one issue', async () => {
    const raise = (s: Session, title: string, description: string) => t.request({ method: 'POST', url: `${C}/demands`, session: s, payload: { type: 'talent_housing', title, description } });
    expect((await raise(sgMicro, '人才公寓配租排队时间长', '芯片设计人才等待人才公寓配租时间过长。')).statusCode).toBe(201);
    expect((await raise(thunderSoft, '申请人才公寓配租', '新入职工程师人才公寓配租名额紧张。')).statusCode).toBe(201);
    expect((await raise(sgMicro, '样品通关', '进口测试样品通关时间长。')).statusCode).toBe(201);
    const issues = (await t.request({ method: 'GET', url: `${C}/demands/systemic-issues`, session: analyst })).json().items;
    expect(issues).toHaveLength(1);
    expect(issues[0].enterprises.map((e: { id: string }) => e.id).sort()).toEqual(['beijing-ent-040', 'beijing-ent-041', 'beijing-ent-042']);
    expect(issues[0].keywords).toEqual(expect.arrayContaining(['人才', '公寓']));
  });

  test('an enterprise raises a demand for itself only; bad input is a field error, never a 500', async () => {
    expect((await t.request({ method: 'POST', url: `${C}/demands`, session: sgMicro, payload: { enterpriseId: ENT, type: 'ip', title: 'x', description: 'y' } })).statusCode).toBe(403);
    const bad = await t.request({ method: 'POST', url: `${C}/demands`, session: sgMicro, payload: { type: 'teleport', title: '', description: 'y' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['title', 'type']);
    expect((await t.request({ method: 'POST', url: `${C}/demands`, session: housekeeper, payload: { enterpriseId: 'beijing-nope', type: 'ip', title: 'x', description: 'y' } })).statusCode).toBe(400);
    const future = await t.request({ method: 'POST', url: `${C}/service-visits`, session: housekeeper, payload: { enterpriseId: ENT, visitedOn: '2030-01-01', participants: [{ name: 'A', side: 'government' }], topics: ['x'] } });
    expect(future.json().error.details.fields[0]).toMatchObject({ path: 'visitedOn', reason: 'in_future' });
  });

  test('one view of the enterprise for its housekeeper', async () => {
    const v = (await t.request({ method: 'GET', url: `${C}/enterprises/${ENT}/service-view`, session: housekeeper })).json();
    expect(v.enterprise.id).toBe(ENT);
    expect(v.package.state).toBe('draft');
    expect(v.openDemands.length + v.closedDemands.length).toBe(2);
    expect(v.visits).toHaveLength(1);
    expect((await t.request({ method: 'GET', url: `${C}/enterprises/${ENT}/service-view`, session: sgMicro })).statusCode).toBe(404);
  });

  test("the ledger's yearly figures reach the indicator catalogue as derived figures naming their cases", async () => {
    const { indicators, observations } = await import('../../../db/schema/index.js');
    await runScheduledJobs(t.app.kc, t.clock.now());
    const rows = await t.database.db
      .select({ code: indicators.code, period: observations.period, value: observations.value, provenance: observations.provenance, derivation: observations.derivation })
      .from(observations)
      .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
      .where(and(eq(indicators.centreId, 'beijing'), eq(indicators.code, 'demands_received')));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ period: '2026', value: 5, provenance: 'derived' });
    expect((rows[0]?.derivation as { records: unknown[] }).records).toHaveLength(5);
    // The filter that lists them: the ledger for the year of receipt gives the same cases.
    expect((rows[0]?.derivation as { drillDown: unknown }).drillDown).toEqual({ kind: 'demands', filter: { year: 2026 }, count: 5 });
    const listed = (await t.request({ method: 'GET', url: `${C}/demands?year=2026&limit=200`, session: handler })).json();
    expect(listed).toMatchObject({ total: 5, totalAtLeast: false });
    // Counting stops one past the cap: at a city's scale the ledger says "more than 1,000" rather than count every case.
    const { listDemands } = await import('./services.repository.js');
    const { asReadTx } = await import('../../../db/tx.js');
    const capped = await listDemands(asReadTx(t.database.db), { centreId: 'beijing', receivedFrom: new Date('2026-01-01T00:00:00+08:00'), receivedTo: new Date('2027-01-01T00:00:00+08:00') }, { limit: 200, offset: 0 }, 3);
    expect(capped.counted).toBe(4);
    expect(capped.rows).toHaveLength(5);
    expect((await t.request({ method: 'GET', url: `${C}/demands?year=2025`, session: handler })).json().total).toBe(0);
    const rated = (await t.request({ method: 'GET', url: `${C}/demands?year=2026&rated=true`, session: handler })).json();
    expect(rated.items.every((d: { rating: number | null }) => d.rating !== null)).toBe(true);
    expect(rated.total + (await t.request({ method: 'GET', url: `${C}/demands?year=2026&rated=false`, session: handler })).json().total).toBe(5);
    const bad = await t.request({ method: 'GET', url: `${C}/demands?year=twenty`, session: handler });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ in: 'query', path: 'year' });
  });

  test('over a hundred cases, a derived figure keeps the filter and the count, not every id', async () => {
    const { demands, indicators, observations } = await import('../../../db/schema/index.js');
    const { sql } = await import('drizzle-orm');
    const [one] = await t.database.db.select({ id: demands.id }).from(demands).where(eq(demands.centreId, 'beijing')).limit(1);
    // Synthetic copies of one case (test data only): a year with 1,005 cases.
    await t.database.db.execute(sql`insert into demands select (jsonb_populate_record(null::demands, to_jsonb(d) || jsonb_build_object('id', d.id || '-copy-' || g, 'reference', d.reference || '-' || g))).* from demands d, generate_series(1, 1000) g where d.id = ${one?.id}`);
    await runScheduledJobs(t.app.kc, t.clock.now());
    const [row] = await t.database.db
      .select({ id: observations.id, value: observations.value, derivation: observations.derivation })
      .from(observations)
      .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
      .where(and(eq(indicators.centreId, 'beijing'), eq(indicators.code, 'demands_received'), eq(observations.period, '2026')));
    expect(row?.value).toBe(1005);
    expect(row?.derivation).toMatchObject({ records: [], drillDown: { kind: 'demands', filter: { year: 2026 }, count: 1005 } });
    // The ledger counts to 1,000 (DEMAND_COUNT_CAP) and says it holds more; the figure's count is exact.
    expect((await t.request({ method: 'GET', url: `${C}/demands?year=2026`, session: handler })).json()).toMatchObject({ total: 1000, totalAtLeast: true });

    // A figure stored with more ids than that (one with no drill-down filter) is read with the first 100 and the whole count.
    await t.database.db.execute(sql`update observations set derivation = jsonb_set(derivation, '{records}', (select jsonb_agg(jsonb_build_object('kind', 'demand', 'id', 'x' || g)) from generate_series(1, 1500) g)) where id = ${row?.id}`);
    const read = (await t.request({ method: 'GET', url: `${C}/indicators/demands_received` })).json();
    const listed = read.indicator.observations.find((o: { id: string }) => o.id === row?.id).derivation;
    expect(listed.records).toHaveLength(100);
    expect(listed.records[99]).toEqual({ kind: 'demand', id: 'x100' });
    expect(listed.recordCount).toBe(1500);
    expect(listed.drillDown).toEqual({ kind: 'demands', filter: { year: 2026 }, count: 1005 });
  });
});
