import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditEvents, indicators, investmentRounds, observations, recognitions } from '../../../db/schema/index.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

/**
 * S&T finance through the API: rounds with investors, listings and
 * acquisitions, rates, the unicorn tracker and the funnel. Records need
 * centre:read to read and finance:manage to write; bad input is refused
 * field by field and nothing is written; every write is audited; the derived
 * figures name their rounds and sit beside the published unicorn count.
 */
let t: TestApp;
let analyst: Session;
let officer: Session;
let member: Session;
const C = '/api/centres/beijing';
const F = `${C}/finance`;
const PARADIGM = 'beijing-ent-040';
const THUNDERSOFT = 'beijing-ent-041';
const SGMICRO = 'beijing-ent-042';
const BAIDU = 'beijing-ent-043';
const PERSON = 'beijing-ent-089';
const fields = (body: string) => (JSON.parse(body).error.details.fields as { path: string; reason: string }[]).map((f) => `${f.path}:${f.reason}`).sort();
const round = (body: Record<string, unknown>) => ({ announcedOn: '2021-03-01', stage: 'a', amount: 100_000_000, currency: 'CNY', isSample: true, ...body });

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  analyst = await t.userWithRole('analyst');
  officer = await t.userWithRole('service_officer');
  member = await t.userWithRole('enterprise_member', { organisationId: PARADIGM });
});
afterAll(() => t.close());

describe('rounds', () => {
  test('reading needs centre:read, writing finance:manage', async () => {
    expect((await t.request({ method: 'GET', url: `${F}/rounds` })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: `${F}/rounds`, session: member })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: `${F}/rounds`, session: member, payload: round({ investeeId: PARADIGM }) })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/finance/vocabulary' })).json()).toMatchObject({ stages: expect.arrayContaining(['angel', 'a', 'd_plus', 'pre_ipo', 'strategic']), boards: expect.arrayContaining(['bse', 'star', 'chinext', 'hkex']) });
  });

  test('bad input is refused field by field and nothing is written', async () => {
    const r = await t.request({ method: 'POST', url: `${F}/rounds`, session: analyst, payload: { investeeId: PARADIGM, announcedOn: '2021-02-30', stage: 'series_z', amount: -5, currency: 'yuan' } });
    expect(r.statusCode).toBe(400);
    expect(fields(r.body)).toEqual(['amount:too_small', 'announcedOn:custom', 'currency:invalid_format', 'stage:invalid_value']);
    const r2 = await t.request({ method: 'POST', url: `${F}/rounds`, session: analyst, payload: round({ investeeId: PERSON, postMoneyValuation: 10, investors: [{ entityId: 'nobody' }, { name: '' }, { entityId: PERSON }] }) });
    expect(r2.statusCode).toBe(400);
    expect(fields(r2.body)).toEqual(['investeeId:unknown_entity', 'investors.0.entityId:unknown_entity', 'investors.0.name:required', 'investors.1.name:required', 'investors.2.entityId:self_investment', 'investors.2.entityId:unknown_entity', 'postMoneyValuation:below_amount']);
    expect(await t.database.db.$count(investmentRounds)).toBe(0);
  });

  test('a round is recorded with its investors, listed, changed with its version and audited', async () => {
    const r = await t.request({ method: 'POST', url: `${F}/rounds`, session: analyst, payload: round({ investeeId: PARADIGM, stage: 'angel', announcedOn: '2020-05-01', amount: 20_000_000, investors: [{ entityId: BAIDU, isLead: true }, { name: '示例资本' }] }) });
    expect(r.statusCode, r.body).toBe(201);
    const created = r.json();
    expect(created).toMatchObject({ investee: { id: PARADIGM, areaId: 'bj-110108' }, stage: 'angel', amount: 20_000_000, currency: 'CNY', isSample: true, version: 1 });
    expect(created.investors).toEqual([{ name: '百度', entityId: BAIDU, isLead: true }, { name: '示例资本', entityId: null, isLead: false }]);
    const list = (await t.request({ method: 'GET', url: `${F}/rounds?investorId=${BAIDU}`, session: officer })).json();
    expect(list.total).toBe(1);
    expect((await t.request({ method: 'GET', url: `${F}/rounds?areaId=bj-110108&year=2020`, session: officer })).json().total).toBe(1);
    expect((await t.request({ method: 'GET', url: `${F}/rounds?year=2019`, session: officer })).json().total).toBe(0);
    const body = { ...round({ investeeId: PARADIGM, stage: 'angel', announcedOn: '2020-05-01', amount: null, investors: [] }), version: 1 };
    const u = await t.request({ method: 'PUT', url: `${F}/rounds/${created.id}`, session: analyst, payload: body });
    expect(u.statusCode, u.body).toBe(200);
    expect(u.json()).toMatchObject({ amount: null, investors: [], version: 2 });
    const stale = await t.request({ method: 'PUT', url: `${F}/rounds/${created.id}`, session: analyst, payload: body });
    expect(stale.statusCode).toBe(409);
    expect(fields(stale.body)).toEqual(['version:stale_version']);
    expect((await t.request({ method: 'GET', url: `${F}/rounds/nope`, session: officer })).statusCode).toBe(404);
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'investment_round'), eq(auditEvents.entityId, created.id)));
    expect(events.map((e) => e.action).sort()).toEqual(['investment_round.create', 'investment_round.update']);
    const d = await t.request({ method: 'DELETE', url: `${F}/rounds/${created.id}`, session: analyst });
    expect(d.statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: `${F}/rounds/${created.id}`, session: officer })).statusCode).toBe(404);
  });
});

describe('exits and rates', () => {
  test('a listing needs a board and a code, once per board; an acquisition needs an acquirer', async () => {
    const bad = await t.request({ method: 'POST', url: `${F}/exits`, session: analyst, payload: { entityId: SGMICRO, kind: 'listing', exitOn: '2017-06-06' } });
    expect(fields(bad.body)).toEqual(['board:required', 'code:required']);
    const ok = await t.request({ method: 'POST', url: `${F}/exits`, session: analyst, payload: { entityId: SGMICRO, kind: 'listing', exitOn: '2017-06-06', board: 'chinext', code: '300661', isSample: true } });
    expect(ok.statusCode, ok.body).toBe(201);
    const dup = await t.request({ method: 'POST', url: `${F}/exits`, session: analyst, payload: { entityId: THUNDERSOFT, kind: 'listing', exitOn: '2017-06-06', board: 'chinext', code: '300661' } });
    expect(fields(dup.body)).toEqual(['code:duplicate_listing']);
    const acq = await t.request({ method: 'POST', url: `${F}/exits`, session: analyst, payload: { entityId: THUNDERSOFT, kind: 'acquisition', exitOn: '2020-01-01', board: 'star' } });
    expect(fields(acq.body)).toEqual(['acquirerName:required', 'board:not_for_acquisition']);
    expect((await t.request({ method: 'GET', url: `${F}/exits`, session: officer })).json().items).toHaveLength(1);
    expect((await t.request({ method: 'POST', url: `${F}/exits`, session: member, payload: { entityId: SGMICRO, kind: 'acquisition', exitOn: '2020-01-01', acquirerName: 'x' } })).statusCode).toBe(403);
  });

  test('rates are entered per currency and year; USD needs none', async () => {
    const usd = await t.request({ method: 'PUT', url: `${F}/rates`, session: analyst, payload: { currency: 'USD', year: 2021, usdPerUnit: 1 } });
    expect(fields(usd.body)).toEqual(['currency:custom']);
    const zero = await t.request({ method: 'PUT', url: `${F}/rates`, session: analyst, payload: { currency: 'cny', year: 2021, usdPerUnit: 0 } });
    expect(fields(zero.body)).toEqual(['usdPerUnit:too_small']);
    const ok = await t.request({ method: 'PUT', url: `${F}/rates`, session: analyst, payload: { currency: 'cny', year: 2021, usdPerUnit: 0.155, sourceNote: '示例汇率' } });
    expect(ok.json().items).toEqual([{ currency: 'CNY', year: 2021, usdPerUnit: 0.155, sourceNote: '示例汇率' }]);
    expect((await t.request({ method: 'DELETE', url: `${F}/rates/EUR/2021`, session: analyst })).statusCode).toBe(404);
  });
});

describe('unicorns, funnel and figures', () => {
  test('the tracker follows valuations at entered rates, recognitions and exits', async () => {
    // Valuation CNY 8 bn in 2021 at 0.155 → USD 1.24 bn: a unicorn; a 2022 round without a rate is waiting for one.
    for (const body of [
      round({ investeeId: PARADIGM, stage: 'b', announcedOn: '2021-06-01', amount: 500_000_000, postMoneyValuation: 8_000_000_000 }),
      round({ investeeId: THUNDERSOFT, stage: 'a', announcedOn: '2021-01-15', amount: 10_000_000, currency: 'USD', postMoneyValuation: 50_000_000 }),
      round({ investeeId: SGMICRO, stage: 'angel', announcedOn: '2015-01-15', amount: null, postMoneyValuation: null }),
      round({ investeeId: SGMICRO, stage: 'c', announcedOn: '2016-01-15', amount: 1_000_000, currency: 'EUR', postMoneyValuation: 2_000_000_000 }),
    ]) expect((await t.request({ method: 'POST', url: `${F}/rounds`, session: analyst, payload: body })).statusCode).toBe(201);
    await t.database.db.insert(recognitions).values({ id: 'rec-test-unicorn', entityId: BAIDU, type: 'unicorn', validFrom: '2010-01-01', validTo: '2015-08-04' });
    const at = (date: string) => t.request({ method: 'GET', url: `${F}/unicorns?date=${date}`, session: officer }).then((r) => r.json());
    const r2021 = await at('2021-12-31');
    expect(r2021.unicorns.map((u: { entity: { id: string } }) => u.entity.id)).toEqual([PARADIGM]);
    expect(r2021.unicorns[0]).toMatchObject({ bases: ['valuation'], latestValuation: { currency: 'CNY', amount: 8e9 } });
    expect(r2021.unicorns[0].latestValuation.usd).toBeCloseTo(1.24e9);
    expect(r2021.missingRates).toEqual([{ currency: 'EUR', year: 2016 }]);
    const r2014 = await at('2014-12-31');
    expect(r2014.unicorns.map((u: { entity: { id: string } }) => u.entity.id)).toEqual([BAIDU]);
    expect(r2021.events.map((e: { entity: { id: string }; event: string; reason: string | null }) => `${e.entity.id} ${e.event} ${e.reason ?? ''}`.trim())).toEqual([`${PARADIGM} entry`, `${BAIDU} exit recognition_ended`, `${BAIDU} entry`]);
    expect(r2021.published).toEqual([expect.objectContaining({ indicatorCode: 'unicorns', value: 93 })]);
    expect(r2021.byYearEnd.find((y: { year: number }) => y.year === 2021)).toEqual({ year: 2021, unicorns: 1 });
  });

  test('the funnel counts companies by cohort; listings pass every stage', async () => {
    const s = (await t.request({ method: 'GET', url: `${F}/statistics`, session: officer })).json();
    const c2015 = s.funnel.find((r: { cohort: number }) => r.cohort === 2015);
    expect(c2015.steps.map((x: { companies: number }) => x.companies)).toEqual([1, 1, 1, 1, 1, 1]);
    const c2021 = s.funnel.find((r: { cohort: number }) => r.cohort === 2021);
    expect(c2021.steps.map((x: { companies: number }) => x.companies)).toEqual([2, 2, 1, 0, 0, 0]);
    expect(c2021.steps[2].conversion).toBe(0.5);
    const cell = s.cells.find((c: { year: number; stage: string }) => c.year === 2021 && c.stage === 'a');
    // USD 10 m at 0.155 USD per yuan.
    expect(cell).toMatchObject({ rounds: 1, disclosed: 1, unconverted: 0, samples: 1 });
    expect(cell.amount).toBeCloseTo(10_000_000 / 0.155);
    expect(s.cells.find((c: { year: number }) => c.year === 2016)).toMatchObject({ unconverted: 1, amount: 0 });
  });

  test('derived figures name their rounds and never touch the published count', async () => {
    const r = await t.request({ method: 'POST', url: `${C}/derived-figures/refresh`, session: analyst });
    expect(r.statusCode, r.body).toBe(200);
    const rows = await t.database.db
      .select({ code: indicators.code, period: observations.period, value: observations.value, areaId: observations.areaId, provenance: observations.provenance, derivation: observations.derivation, isSample: observations.isSample })
      .from(observations)
      .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
      .where(and(eq(indicators.centreId, 'beijing'), like(indicators.code, '%unicorn%')));
    const published = rows.filter((x) => x.code === 'unicorns');
    expect(published.every((x) => x.provenance !== 'derived' && x.value === 93)).toBe(true);
    const recorded = rows.filter((x) => x.code === 'unicorns_recorded' && x.period === '2021');
    expect(recorded.map((x) => x.value)).toEqual([1, 1]);
    const all = await t.database.db
      .select({ code: indicators.code, period: observations.period, value: observations.value, areaId: observations.areaId, derivation: observations.derivation, isSample: observations.isSample })
      .from(observations)
      .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
      .where(and(eq(indicators.centreId, 'beijing'), like(indicators.code, 'venture%'), eq(observations.period, '2021')));
    const centreRounds = all.find((x) => x.code === 'venture_rounds' && x.areaId === 'bj-root') ?? all.find((x) => x.code === 'venture_rounds' && x.areaId !== 'bj-110108');
    expect(centreRounds?.value).toBe(2);
    expect(centreRounds?.isSample).toBe(true);
    expect((centreRounds?.derivation as { records: { kind: string }[] }).records.map((x) => x.kind)).toEqual(['investment_round', 'investment_round']);
    const amount = all.find((x) => x.code === 'venture_investment_amount' && x.areaId !== 'bj-110108');
    expect(amount?.value).toBeCloseTo(500_000_000 + 10_000_000 / 0.155, 0);
    const s = (await t.request({ method: 'GET', url: `${F}/statistics`, session: officer })).json();
    expect(s.derived.some((d: { indicatorCode: string }) => d.indicatorCode === 'venture_rounds')).toBe(true);
    expect(s.published.map((p: { indicatorCode: string }) => p.indicatorCode)).toEqual(['unicorns']);
  });
});

describe('spreadsheet import', () => {
  const header = '融资企业,公布日期,轮次,金额,币种,投后估值,投资方,来源';
  const upload = (session: Session | undefined, csv: string, query = '') => t.request({ method: 'POST', url: `${F}/rounds/import?fileName=r.csv&sample=true${query}`, session, headers: { 'content-type': 'text/csv' }, payload: csv });

  test('only finance:manage may import; bad rows are named by row and column and nothing is written', async () => {
    expect((await upload(undefined, header)).statusCode).toBe(401);
    expect((await upload(member, header)).statusCode).toBe(403);
    const before = await t.database.db.$count(investmentRounds);
    const r = await upload(analyst, [header, '第四范式（北京）技术有限公司,2022-02-30,Z轮,x,,,,', '不在库里的公司,2022-01-01,A轮,1000万,CNY,,,', '百度,2022-01-01,天使轮,2亿,CNY,1亿,,'].join('\n'));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().errors.map((e: { row: number; column: string; code: string }) => `${e.row}:${e.column}:${e.code}`)).toEqual(['2:公布日期:date', '2:轮次:stage', '2:金额:amount', '3:融资企业:unknown_company', '4:投后估值:below_amount']);
    expect(await t.database.db.$count(investmentRounds)).toBe(before);
    expect((await upload(analyst, '公司,日期,轮次\n示例,2020-01-01,A轮')).json().errors.map((e: { column: string; code: string }) => `${e.column}:${e.code}`)).toEqual(['融资企业:missing_column', '公布日期:missing_column']);
  });

  test('a clean file lands whole, investors link by name, the import is audited; a dry run writes nothing', async () => {
    const csv = [header, '第四范式（北京）技术有限公司,2023/07/01,C轮,1.5亿,CNY,60亿,百度（领投）、示例资本,示例公告', '圣邦微电子（北京）股份有限公司,2014-05-01,Pre-A轮,未披露,,,,'].join('\n');
    const before = await t.database.db.$count(investmentRounds);
    expect((await upload(analyst, csv, '&dryRun=true')).json()).toMatchObject({ dryRun: true, created: 2, errors: [], linkedInvestors: 1 });
    expect(await t.database.db.$count(investmentRounds)).toBe(before);
    const r = (await upload(analyst, csv)).json();
    expect(r).toMatchObject({ dryRun: false, created: 2, errors: [], linkedInvestors: 1 });
    const list = (await t.request({ method: 'GET', url: `${F}/rounds?year=2023&investeeId=${PARADIGM}`, session: officer })).json();
    expect(list.items[0]).toMatchObject({ stage: 'c', amount: 150_000_000, postMoneyValuation: 6e9, isSample: true, investors: [{ name: '百度', entityId: BAIDU, isLead: true }, { name: '示例资本', entityId: null, isLead: false }] });
    expect(await t.database.db.$count(auditEvents, eq(auditEvents.action, 'investment_round.import'))).toBe(1);
    expect((await t.request({ method: 'GET', url: `${F}/rounds/import-template?format=csv`, session: analyst })).body).toContain('融资企业');
  });
});
