import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { patentCheckCharacter } from '../../../core/contracts/index.js';
import { countBy, inForceAtYearEnd, type CountedPatent } from '../../../core/patents/index.js';
import { auditEvents, observations, patentParties, patents } from '../../../db/schema/index.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

/**
 * Patents through the API: an import refuses bad rows whole and names each
 * one, links applicants to the registry by name, updates rather than
 * duplicates on a second import; records and counts are public, writes need
 * patents:manage; pools keep members, patents and terms; the derived
 * invention-patent figures name the patents behind them and the population
 * they divide by.
 */
let t: TestApp;
let analyst: Session;
let member: Session;
const C = '/api/centres/beijing';
const HAIDIAN = 'bj-110108';
const CHANGPING = 'bj-110114';
const n = (digits: string) => `${digits}.${patentCheckCharacter(digits)}`;
const fields = (body: string) => (JSON.parse(body).error.details.fields as { path: string; reason: string }[]).map((f) => `${f.path}:${f.reason}`).sort();

const header = '申请号,专利类型,名称,IPC分类号,主分类号,申请人,发明人,申请日,公开日,授权日,法律状态,法律状态日';
const good = [
  // Half-width brackets: still the registry's 第四范式（北京）技术有限公司.
  `CN${n('201910000001')},发明,示例：一种模型训练方法,G06N 3/08;G06F 16/00,,第四范式(北京)技术有限公司；示例大学,张三、李四,2019-01-10,2019-07-10,2021-03-02,授权,`,
  `${n('201810000002').replace('.', '')},发明,示例：一种芯片测试方法,H01L21/66,,圣邦微电子（北京）股份有限公司,王五,2018-05-01,2018-11-01,2020-06-01,未缴年费终止,2025-06-01`,
  `ZL${n('202320000003')},实用新型,示例：一种散热装置,H01L 23/34,,昌平国家实验室,赵六,2023-02-01,,2023-08-01,授权,`,
  `${n('202410000004')},,示例：一种检索方法,G06F 16/33,,示例未入库公司,钱七,2024-04-01,2024-10-01,,审中,`,
];
const upload = (session: Session | undefined, csv: string, query = '') => t.request({ method: 'POST', url: `${C}/patents/import?fileName=p.csv&sample=true${query}`, session, headers: { 'content-type': 'text/csv' }, payload: csv });

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  analyst = await t.userWithRole('analyst');
  member = await t.userWithRole('enterprise_member', { organisationId: 'beijing-ent-040' });
});
afterAll(() => t.close());

describe('import', () => {
  test('only patents:manage may import', async () => {
    expect((await upload(undefined, header)).statusCode).toBe(401);
    expect((await upload(member, header)).statusCode).toBe(403);
  });

  test('bad rows are each named by row, column and value; nothing is written', async () => {
    const badCheck = `201910000009.${(Number(patentCheckCharacter('201910000009').replace('X', '9')) + 1) % 10}`;
    const bad = [
      ...good,
      `${badCheck},发明,示例,G06N 3/08,,某公司,,2019-01-01,,,审中,`,
      `2019100000,发明,示例,G06N 3/08,,某公司,,2019-01-01,,,审中,`,
      `${n('201920000010')},发明,示例,XYZ 1/2,,某公司,,2019-01-01,,,审中,`,
      `${n('201910000011')},发明,示例,G06N 3/08,,某公司,,2019-01-01,,,授权,`,
      `${n('201910000001')},发明,重复,G06N 3/08,,某公司,,2019-01-10,,,审中,`,
    ];
    const r = await upload(analyst, [header, ...bad].join('\n'));
    expect(r.statusCode, r.body).toBe(200);
    const report = r.json();
    expect(report).toMatchObject({ batch: null, created: 0, updated: 0 });
    expect(report.errors.map((e: { row: number; column: string; code: string }) => `${e.row}:${e.column}:${e.code}`)).toEqual([
      '6:申请号:patent_number_check',
      '7:申请号:patent_number_format',
      '8:专利类型:kind_mismatch',
      '8:IPC分类号:ipc_invalid',
      '9:授权日:grant_date_required',
      '10:申请号:same_as_row',
    ]);
    expect(report.errors[3]).toMatchObject({ value: 'XYZ 1/2' });
    expect(await t.database.db.$count(patents)).toBe(0);
  });

  test('a clean file lands whole; applicants link by name, the rest are listed; the district follows the first linked applicant', async () => {
    expect((await upload(analyst, [header, ...good].join('\n'), '&dryRun=true')).json()).toMatchObject({ dryRun: true, created: 4, errors: [] });
    expect(await t.database.db.$count(patents)).toBe(0);
    const r = await upload(analyst, [header, ...good].join('\n'));
    expect(r.json()).toMatchObject({ rows: 4, created: 4, updated: 0, errors: [], linkedApplicants: 3 });
    expect(r.json().unmatchedApplicants).toEqual([{ name: '示例大学', patents: 1 }, { name: '示例未入库公司', patents: 1 }]);
    const rows = await t.database.db.select().from(patents).orderBy(patents.number);
    expect(rows.map((p) => [p.number, p.kind, p.mainIpc, p.legalStatus, p.areaId, p.firstApplicantId])).toEqual([
      [n('201810000002'), 'invention', 'H01L 21/66', 'lapsed', HAIDIAN, 'beijing-ent-042'],
      [n('201910000001'), 'invention', 'G06N 3/08', 'granted', HAIDIAN, 'beijing-ent-040'],
      [n('202320000003'), 'utility_model', 'H01L 23/34', 'granted', CHANGPING, 'beijing-ent-022'],
      [n('202410000004'), 'invention', 'G06F 16/33', 'pending', null, null],
    ]);
  });

  test('importing the same numbers again updates the one that changed and adds nothing', async () => {
    const next = [good[0], good[1], good[2], good[3]?.replace(',,审中,', ',2026-01-05,授权,')] as string[];
    const r = await upload(analyst, [header, ...next].join('\n'));
    expect(r.json()).toMatchObject({ created: 0, updated: 1, unchanged: 3, errors: [] });
    expect(await t.database.db.$count(patents)).toBe(4);
    const [p] = await t.database.db.select().from(patents).where(eq(patents.number, n('202410000004')));
    expect(p).toMatchObject({ legalStatus: 'granted', grantDate: '2026-01-05' });
    const trail = await t.database.db.select({ after: auditEvents.after }).from(auditEvents).where(eq(auditEvents.action, 'patent.import')).orderBy(auditEvents.seq);
    expect(trail).toHaveLength(2);
    expect((trail[1]?.after as { changes: unknown[] }).changes).toEqual([{ number: n('202410000004'), before: { legalStatus: 'pending', grantDate: null, legalStatusDate: null }, after: { legalStatus: 'granted', grantDate: '2026-01-05', legalStatusDate: null } }]);
  });
});

describe('reading (public)', () => {
  test('list and filter by kind, IPC prefix, applicant, district and year; a bad IPC prefix is a 400', async () => {
    const list = async (q: string) => (await t.request({ method: 'GET', url: `${C}/patents?${q}` })).json();
    expect((await list('')).total).toBe(4);
    expect((await list('kind=utility_model')).items.map((p: { number: string }) => p.number)).toEqual([n('202320000003')]);
    expect((await list('ipc=h01l')).total).toBe(2);
    expect((await list('ipc=G06F%2016')).total).toBe(2);
    expect((await list('ipc=G06F16/00')).total).toBe(1);
    expect((await list('ipc=H')).total).toBe(2);
    expect((await list('applicantId=beijing-ent-040')).items[0].applicants).toEqual([
      { name: '第四范式(北京)技术有限公司', entityId: 'beijing-ent-040', entityNameZh: '第四范式（北京）技术有限公司', entityNameEn: 'Fourth Paradigm (Beijing) Technology Co., Ltd.' },
      { name: '示例大学', entityId: null, entityNameZh: null, entityNameEn: null },
    ]);
    expect((await list(`areaId=${HAIDIAN}`)).total).toBe(2);
    expect((await list('year=2020&yearOf=grant')).total).toBe(1);
    expect((await list('q=芯片')).total).toBe(1);
    const bad = await t.request({ method: 'GET', url: `${C}/patents?ipc=XYZ` });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad.body)).toEqual(['ipc:ipc_invalid']);
  });

  test('a patent’s detail is public; an unknown one is 404', async () => {
    const [row] = await t.database.db.select().from(patents).where(eq(patents.number, n('201910000001')));
    const r = await t.request({ method: 'GET', url: `${C}/patents/${row?.id}` });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ipcClasses: ['G06N 3/08', 'G06F 16/00'], inventors: [{ name: '张三' }, { name: '李四' }], area: { id: HAIDIAN, nameZh: '海淀区' }, isSample: true });
    expect((await t.request({ method: 'GET', url: `${C}/patents/nope` })).statusCode).toBe(404);
  });
});

describe('linking applicants', () => {
  test('an unknown organisation is refused; a link sets the district and is audited; unlinking clears it', async () => {
    const [row] = await t.database.db.select().from(patents).where(eq(patents.number, n('202410000004')));
    const url = `${C}/patents/${row?.id}/applicants/0`;
    expect((await t.request({ method: 'PUT', url, session: member, payload: { entityId: 'beijing-ent-040' } })).statusCode).toBe(403);
    const unknown = await t.request({ method: 'PUT', url, session: analyst, payload: { entityId: 'beijing-ent-999' } });
    expect(unknown.statusCode).toBe(400);
    expect(fields(unknown.body)).toEqual(['entityId:unknown_entity']);
    expect((await t.request({ method: 'PUT', url: `${C}/patents/${row?.id}/applicants/3`, session: analyst, payload: { entityId: 'beijing-ent-040' } })).statusCode).toBe(404);
    const r = await t.request({ method: 'PUT', url, session: analyst, payload: { entityId: 'beijing-ent-022' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ areaId: CHANGPING, applicants: [{ name: '示例未入库公司', entityId: 'beijing-ent-022' }] });
    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'patent.link_applicant'), eq(auditEvents.entityId, row?.id as string)));
    expect(audit?.after).toMatchObject({ entityId: 'beijing-ent-022', areaId: CHANGPING });
    // A re-import of the same name keeps the hand-made link.
    const again = await upload(analyst, [header, good[3]?.replace(',,审中,', ',2026-01-05,授权,')].join('\n'));
    expect(again.json()).toMatchObject({ unchanged: 1, unmatchedApplicants: [] });
    const cleared = await t.request({ method: 'PUT', url, session: analyst, payload: { entityId: null } });
    expect(cleared.json()).toMatchObject({ areaId: null, applicants: [{ entityId: null }] });
    expect(await t.database.db.$count(patentParties, eq(patentParties.patentId, row?.id as string))).toBe(2);
  });
});

describe('statistics and open data', () => {
  test('each breakdown partitions the total and agrees with the pure count; published figures sit beside', async () => {
    const rows = await t.database.db.select().from(patents);
    const counted: CountedPatent[] = rows.map((p) => ({ kind: p.kind as CountedPatent['kind'], legalStatus: p.legalStatus as CountedPatent['legalStatus'], firstApplicantId: p.firstApplicantId, areaId: p.areaId, mainIpc: p.mainIpc, applicationDate: p.applicationDate, grantDate: p.grantDate, isSample: p.isSample }));
    for (const dimension of ['kind', 'status', 'applicant', 'district', 'ipc_section', 'ipc_class', 'ipc_subclass', 'application_year', 'grant_year'] as const) {
      const s = (await t.request({ method: 'GET', url: `${C}/patents/statistics?dimension=${dimension}` })).json();
      expect(s.total).toBe(4);
      expect([...s.rows].sort((a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key))).toEqual(countBy(counted, dimension).sort((a, b) => a.key.localeCompare(b.key)));
    }
    const s = (await t.request({ method: 'GET', url: `${C}/patents/statistics?dimension=ipc_section&kind=invention` })).json();
    expect(s.rows).toEqual([{ key: 'G', patents: 2, samples: 2 }, { key: 'H', patents: 1, samples: 1 }]);
    expect(s.topApplicants.map((a: { key: string }) => a.key).sort()).toEqual(['beijing-ent-040', 'beijing-ent-042']);
    expect(s.byGrantYear).toContainEqual({ year: 2021, kind: 'invention', patents: 1 });
    expect(s.published).toContainEqual(expect.objectContaining({ indicatorCode: 'invention_patents_per_10k', period: '2023', value: 262.9 }));
    const csv = await t.request({ method: 'GET', url: `${C}/patents/statistics.csv?dimension=district` });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('海淀区');
    expect((await t.request({ method: 'GET', url: `${C}/patents/statistics?dimension=nope` })).statusCode).toBe(400);
  });
});

describe('patent pools', () => {
  let poolId: string;
  const pool = { nameZh: '示例：人工智能专利池', nameEn: 'Sample AI patent pool', field: '人工智能', administratorId: 'beijing-ent-040', royaltyBasis: 'percent_of_sales', frand: true, termsText: '按销售额的 1% 收取许可费（示例）。', isSample: true };

  test('creating needs patents:manage and a known administrator', async () => {
    expect((await t.request({ method: 'POST', url: `${C}/patent-pools`, session: member, payload: pool })).statusCode).toBe(403);
    const unknown = await t.request({ method: 'POST', url: `${C}/patent-pools`, session: analyst, payload: { ...pool, administratorId: 'beijing-ent-999' } });
    expect(fields(unknown.body)).toEqual(['administratorId:unknown_entity']);
    const r = await t.request({ method: 'POST', url: `${C}/patent-pools`, session: analyst, payload: pool });
    expect(r.statusCode, r.body).toBe(201);
    poolId = r.json().id;
  });

  test('members and patents: unknown organisations and numbers are refused; the pool reads publicly', async () => {
    const at = (path: string) => `${C}/patent-pools/${poolId}${path}`;
    expect(fields((await t.request({ method: 'PUT', url: at('/members'), session: analyst, payload: { entityId: 'beijing-ent-999', role: 'member' } })).body)).toEqual(['entityId:unknown_entity']);
    expect((await t.request({ method: 'PUT', url: at('/members'), session: analyst, payload: { entityId: 'beijing-ent-042', role: 'founder', joinedOn: '2025-01-01' } })).statusCode).toBe(200);
    expect(fields((await t.request({ method: 'POST', url: at('/patents'), session: analyst, payload: { number: '201910000001.0X' } })).body)).toEqual(['number:patent_number_format']);
    expect(fields((await t.request({ method: 'POST', url: at('/patents'), session: analyst, payload: { number: n('209910000001') } })).body)).toEqual(['number:unknown_patent']);
    const added = await t.request({ method: 'POST', url: at('/patents'), session: analyst, payload: { number: `ZL ${n('201910000001')}` } });
    expect(added.statusCode, added.body).toBe(200);
    const r = await t.request({ method: 'GET', url: at('') });
    expect(r.json()).toMatchObject({ frand: true, administrator: { id: 'beijing-ent-040' }, memberList: [{ id: 'beijing-ent-042', role: 'founder', joinedOn: '2025-01-01' }], patentList: [{ number: n('201910000001') }], members: 1, patents: 1 });
    const [patent] = await t.database.db.select().from(patents).where(eq(patents.number, n('201910000001')));
    expect((await t.request({ method: 'GET', url: `${C}/patents/${patent?.id}` })).json().pools).toEqual([{ id: poolId, nameZh: pool.nameZh, nameEn: pool.nameEn }]);
    const v = r.json().version;
    expect((await t.request({ method: 'PUT', url: at(''), session: analyst, payload: { ...pool, frand: false, version: v + 5 } })).statusCode).toBe(409);
    expect((await t.request({ method: 'PUT', url: at(''), session: analyst, payload: { ...pool, frand: false, version: v } })).json().frand).toBe(false);
    expect((await t.request({ method: 'DELETE', url: at(`/patents/${patent?.id}`), session: analyst })).json().patents).toBe(0);
    expect((await t.request({ method: 'DELETE', url: at('/members/beijing-ent-042'), session: analyst })).json().members).toBe(0);
    expect((await t.request({ method: 'GET', url: `${C}/patent-pools` })).json().items).toHaveLength(1);
    const actions = (await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, poolId)).orderBy(auditEvents.seq)).map((a) => a.action);
    expect(actions).toEqual(['patent_pool.create', 'patent_pool.member', 'patent_pool.add_patent', 'patent_pool.update', 'patent_pool.remove_patent', 'patent_pool.remove_member']);
  });
});

describe('indicators computed from the patents', () => {
  test('invention patents in force per year end and district; per 10,000 people only where a population figure exists; drill-down lists the same patents', async () => {
    // The population denominator: an indicator defined and filled through the ordinary indicator import.
    const def = await t.request({ method: 'POST', url: `${C}/indicators`, session: analyst, payload: { code: 'resident_population', nameZh: '常住人口', nameEn: 'Resident population', unit: '万人', direction: null, isSample: true } });
    expect(def.statusCode, def.body).toBe(201);
    const csv = ['指标代码,地区,期间,数值', 'resident_population,bj,2024,20', `resident_population,${HAIDIAN},2024,4`].join('\n');
    const imp = await t.request({ method: 'POST', url: `${C}/observations/import?fileName=pop.csv&sample=true`, session: analyst, headers: { 'content-type': 'text/csv' }, payload: csv });
    expect(imp.statusCode, imp.body).toBe(200);
    const refresh = await t.request({ method: 'POST', url: `${C}/derived-figures/refresh`, session: analyst });
    expect(refresh.statusCode, refresh.body).toBe(200);
    expect(refresh.json().items.find((r: { key: string }) => r.key === 'patents')).toMatchObject({ withdrawn: 0 });

    const { indicator } = (await t.request({ method: 'GET', url: `${C}/indicators/registry_invention_patents` })).json();
    const at = (period: string, areaId: string) => indicator.observations.find((o: { period: string; areaId: string }) => o.period === period && o.areaId === areaId)?.value;
    // 2020: only the chip patent (granted 2020-06, lapsed 2025-06); 2021–2024: both; 2025: the model patent alone. The current year (2026) is not over.
    expect(['2019', '2020', '2021', '2024', '2025', '2026'].map((y) => at(y, 'bj'))).toEqual([undefined, 1, 2, 2, 1, undefined]);
    expect(at('2024', HAIDIAN)).toBe(2);
    // The same rule as the pure function.
    const rows = await t.database.db.select().from(patents);
    expect(rows.filter((p) => inForceAtYearEnd({ kind: p.kind as 'invention', legalStatus: p.legalStatus as 'granted', applicationDate: p.applicationDate, grantDate: p.grantDate, statusDate: p.legalStatusDate }, 2024)).length).toBe(2);

    const per = (await t.request({ method: 'GET', url: `${C}/indicators/registry_invention_patents_per_10k` })).json().indicator.observations;
    expect(per.map((o: { period: string; areaId: string; value: number }) => [o.period, o.areaId, o.value]).sort()).toEqual([['2024', 'bj', 0.1], ['2024', HAIDIAN, 0.5]]);

    const [obs] = await t.database.db.select({ derivation: observations.derivation }).from(observations).where(and(eq(observations.period, '2024'), eq(observations.areaId, HAIDIAN), like(observations.provenance, 'derived'), eq(observations.value, 0.5)));
    const d = obs?.derivation as { drillDown: { filter: Record<string, string | number>; count: number }; denominator: number; records: { kind: string }[] };
    expect(d.denominator).toBe(4);
    expect(d.records).toEqual([expect.objectContaining({ kind: 'observation' })]);
    const listed = await t.request({ method: 'GET', url: `${C}/patents?${new URLSearchParams(Object.entries(d.drillDown.filter).map(([k, v]): [string, string] => [k, String(v)]))}` });
    expect(listed.json().total).toBe(d.drillDown.count);

    const stats = (await t.request({ method: 'GET', url: `${C}/patents/statistics` })).json();
    expect(stats.derived).toContainEqual({ indicatorCode: 'registry_invention_patents', period: '2024', areaId: 'bj', value: 2 });
  });
});
