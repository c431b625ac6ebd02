import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { DEFAULT_STATISTICS_PARAMS, type CallStatistic, type StatisticFigure } from '../../../core/calls/statistics.js';
import type { TIndicatorLevel } from '../../../shared/schemas/indicators.js';
import { appendAuditEvent, canonicalJson } from '../../../db/audit-log.js';
import { indicators, observations, sources } from '../../../db/schema/index.js';
import { withWriteTx, type ReadTx } from '../../../db/tx.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { loadCallStatistics } from '../calls/calls-statistics.js';
import { loadServiceStatistics } from '../services/services-statistics.js';
import { CONTRACT_INDICATORS, loadContractFigures } from '../contracts/contracts-statistics.js';
import { PATENT_INDICATORS, POPULATION_INDICATOR_CODE, loadPatentFigures } from '../patents/patents-statistics.js';
import { SCENARIO_INDICATORS, loadScenarioFigures } from '../scenarios/scenarios-statistics.js';
import { CHAIN_INDICATORS, loadChainFigures } from '../chains/chains-statistics.js';
import { TALENT_INDICATORS, loadTalentFigures } from '../talent/talent-statistics.js';
import { RD_CENTRE_INDICATORS, loadRdCentreFigures } from '../rdcentres/rdcentres-statistics.js';
import { INCUBATOR_INDICATORS, loadIncubatorFigures } from '../incubators/incubators-statistics.js';
import { EVENT_INDICATORS, loadEventFigures } from '../events/events-statistics.js';
import { GRANT_INDICATORS, loadGrantFigures } from '../grants/grants-statistics.js';
import { FINANCE_INDICATORS, SUM_CURRENCY, loadFinanceFigures } from '../finance/finance-statistics.js';
import { centreTimeZone } from '../centres/centre-calendar.js';
import { DEFAULT_LADDER, type ServiceStatistic } from '../../../core/services/index.js';
import { findRootAreaId, LISTED_RECORDS_MAX, type ObservationRow } from './indicators.repository.js';

/**
 * Figures computed from the platform's own records: each is stored as an
 * observation with provenance `derived`, its derivation naming the query, its
 * parameters, numerator and denominator and every record it counts. A refresh
 * recomputes them all; a figure whose records are gone is withdrawn.
 */

type DerivedIndicator = {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  direction: 1 | -1;
  definitionZh: string;
  definitionEn: string;
  level: TIndicatorLevel;
};

/** KeChuang's own measures of the calls engine: definitions of the platform, the same for every centre. */
const CALL_INDICATORS: Record<CallStatistic, Omit<DerivedIndicator, 'code' | 'level'>> = {
  calls_published: { nameZh: '发布榜单数', nameEn: 'Calls published', unit: 'calls', direction: 1, definitionZh: '当年发布的揭榜挂帅等榜单数量。', definitionEn: 'Calls (list items) published in the year.' },
  call_bids_per_call: { nameZh: '每个榜单的揭榜申请数', nameEn: 'Bids per call', unit: 'bids per call', direction: 1, definitionZh: '当年发布且已截止的榜单收到的已提交申请数的平均值。', definitionEn: 'Submitted applications per call, over the calls published in the year whose bidding has ended.' },
  call_winners_sme_share: { nameZh: '中小企业牵头的中榜比例', nameEn: 'Winners led by SMEs', unit: '%', direction: 1, definitionZh: '当年决定的中榜申请中，牵头单位持有中小企业类认定（专精特新、小巨人、科技型中小企业）的比例。', definitionEn: 'Share of the applications awarded in the year whose lead organisation holds an SME recognition (specialised and sophisticated SME, little giant, tech SME).' },
  call_winners_young_pi_share: { nameZh: '青年负责人中榜比例', nameEn: 'Winners with young principal investigators', unit: '%', direction: 1, definitionZh: `当年决定的中榜申请中，负责人在申请当年不超过${DEFAULT_STATISTICS_PARAMS.youngPiMaxAge}岁的比例（仅计出生年份已知者）。`, definitionEn: `Share of the applications awarded in the year whose principal investigator was at most ${DEFAULT_STATISTICS_PARAMS.youngPiMaxAge} in the year of submission (those with a known birth year).` },
  call_milestones_on_time_rate: { nameZh: '里程碑按期提交率', nameEn: 'Milestones on time', unit: '%', direction: 1, definitionZh: '当年到期（或已提交）的里程碑中，在到期日当天结束前提交证明材料的比例。', definitionEn: 'Share of the milestones due in the year (or already submitted) whose evidence arrived by the end of the due day.' },
  call_acceptance_rate: { nameZh: '榜单验收通过率', nameEn: 'Calls accepted', unit: '%', direction: 1, definitionZh: '当年结束的榜单中通过验收（而非终止）的比例。', definitionEn: 'Share of the calls that ended in the year that were accepted rather than terminated.' },
  call_funding_committed: { nameZh: '揭榜挂帅立项经费', nameEn: 'Call funding committed', unit: 'yuan', direction: 1, definitionZh: '当年决定中榜的申请预算合计。', definitionEn: 'Budgets of the applications awarded in the year, summed.' },
  call_funding_paid: { nameZh: '揭榜挂帅拨付经费', nameEn: 'Call funding paid', unit: 'yuan', direction: 1, definitionZh: '当年按验收通过的里程碑拨付的经费合计。', definitionEn: 'Milestone payments released in the year, summed.' },
};

/** KeChuang's own measures of the key-enterprise service ledger (issue 6). */
const SERVICE_INDICATORS: Record<ServiceStatistic, Omit<DerivedIndicator, 'code' | 'level'>> = {
  demands_received: { nameZh: '企业诉求受理数', nameEn: 'Enterprise demands received', unit: 'demands', direction: 1, definitionZh: '当年受理的企业诉求数量。', definitionEn: 'Enterprise demands received in the year.' },
  demand_response_on_time_rate: { nameZh: '诉求按时响应率', nameEn: 'Demands answered in time', unit: '%', direction: 1, definitionZh: '当年受理的诉求中，在响应时限内被责任部门受理的比例（分母为已受理或已超过响应时限者）。', definitionEn: 'Share of the demands received in the year that the owning department accepted within the response time (over those accepted or past their response deadline).' },
  demand_resolution_on_time_rate: { nameZh: '诉求按时办结率', nameEn: 'Demands resolved in time', unit: '%', direction: 1, definitionZh: '当年受理的诉求中，在办结时限内办结的比例（分母为已办结或已超过办结时限者）。', definitionEn: 'Share of the demands received in the year resolved within the resolution time (over those resolved or past their resolution deadline).' },
  demand_reopen_aware_resolution_rate: { nameZh: '诉求实际解决率', nameEn: 'Demands resolved for good', unit: '%', direction: 1, definitionZh: `当年受理并至少办结过一次的诉求中，未在办结后${DEFAULT_LADDER.reopenWindowDays}天内被企业重新打开、且目前处于办结或确认状态的比例。`, definitionEn: `Share of the demands received in the year and resolved at least once that were not reopened by the enterprise within ${DEFAULT_LADDER.reopenWindowDays} days of a resolution, and are now resolved or confirmed.` },
  demand_satisfaction: { nameZh: '诉求办理满意度', nameEn: 'Satisfaction with demand handling', unit: 'points (1–5)', direction: 1, definitionZh: '当年受理的诉求中，企业评价（1–5分）的平均分。', definitionEn: 'Mean rating (1–5) enterprises gave the demands received in the year.' },
};

type Derivation = {
  key: string;
  /** Names the computation in each figure's provenance: change it when the definition changes. */
  query: string;
  source: { titleZh: string; titleEn: string };
  indicators: DerivedIndicator[];
  params: Record<string, unknown>;
  /** `timeZone`: the centre's, in which the periods' years and "today" are read. */
  compute: (tx: ReadTx, centreId: string, now: Date, timeZone: string) => Promise<DerivedFigure[]>;
};

/**
 * A figure a derivation computes: the value, the fraction behind it, and the records counted.
 * Figures over many records (technology contracts) name the filter that lists them
 * (`drillDown`) instead of every id; figures for a district carry its `areaId`.
 */
export type DerivedFigure = Omit<StatisticFigure, 'code' | 'records'> & { code: string; records: { kind: string; id: string }[]; areaId?: string; drillDown?: { kind: string; filter: Record<string, string | number>; count: number } };

export const DERIVATIONS: readonly Derivation[] = [
  {
    key: 'calls',
    query: 'calls.statistics/v1',
    source: { titleZh: '科创平台揭榜挂帅记录', titleEn: 'KeChuang open-call records' },
    indicators: Object.entries(CALL_INDICATORS).map(([code, d]) => ({ code, level: 'centre', ...d })),
    params: DEFAULT_STATISTICS_PARAMS,
    compute: (tx, centreId, now, timeZone) => loadCallStatistics(tx, centreId, now, timeZone),
  },
  {
    key: 'services',
    query: 'services.statistics/v1',
    source: { titleZh: '科创平台企业诉求记录', titleEn: 'KeChuang enterprise demand records' },
    indicators: Object.entries(SERVICE_INDICATORS).map(([code, d]) => ({ code, level: 'centre', ...d })),
    params: { reopenWindowDays: DEFAULT_LADDER.reopenWindowDays, periods: 'year of receipt, centre time zone' },
    compute: (tx, centreId, now, timeZone) => loadServiceStatistics(tx, centreId, now, timeZone),
  },
  {
    key: 'contracts',
    query: 'contracts.statistics/v1',
    source: { titleZh: '科创平台技术合同登记记录', titleEn: 'KeChuang technology-contract registrations' },
    indicators: CONTRACT_INDICATORS.map((d) => ({ ...d, level: 'centre' as const })),
    params: { periods: 'year of registration, centre time zone', areas: 'the centre and each seller district' },
    compute: (tx, centreId) => loadContractFigures(tx, centreId),
  },
  {
    key: 'patents',
    query: 'patents.in_force/v1',
    source: { titleZh: '科创平台专利记录', titleEn: 'KeChuang patent records' },
    indicators: PATENT_INDICATORS.map((d) => ({ ...d, level: 'centre' as const })),
    params: { periods: 'year end (31 December), completed years only', areas: 'the centre and the district of each patent’s first linked applicant', population: `indicator ${POPULATION_INDICATOR_CODE}, measured, same area and year` },
    compute: (tx, centreId, now, timeZone) => loadPatentFigures(tx, centreId, now, timeZone),
  },
  {
    key: 'scenarios',
    query: 'scenarios.statistics/v1',
    source: { titleZh: '科创平台应用场景记录', titleEn: 'KeChuang application-scenario records' },
    indicators: SCENARIO_INDICATORS.map((d) => ({ ...d, level: 'centre' as const })),
    params: { periods: 'year of publication (scenarios) or of finishing (deployments), centre time zone', areas: 'the centre and the area of each scenario owner' },
    compute: (tx, centreId, _now, timeZone) => loadScenarioFigures(tx, centreId, timeZone),
  },
  {
    key: 'chains',
    query: 'chains.map_version/v1',
    source: { titleZh: '科创平台产业链图谱记录', titleEn: 'KeChuang industry-chain maps' },
    indicators: CHAIN_INDICATORS.map((d) => ({ ...d, level: 'centre' as const })),
    params: { periods: 'year the version was saved, centre time zone; the last version of the year', supply: 'frozen when the next version was saved, live for the newest', weights: 'the map’s, else the defaults' },
    compute: (tx, centreId, _now, timeZone) => loadChainFigures(tx, centreId, timeZone),
  },
  {
    key: 'talent',
    query: 'talent.credentials_in_force/v1',
    source: { titleZh: '科创平台人才认定记录', titleEn: 'KeChuang talent credential records' },
    indicators: TALENT_INDICATORS.map((d) => ({ ...d, level: 'centre' as const })),
    params: { periods: 'calendar year, centre time zone: credentials in force at any time in the year (to expiry or revocation)', areas: 'the centre and the area of the employer at award', categories: 'all, and each talent category' },
    compute: (tx, centreId, now, timeZone) => loadTalentFigures(tx, centreId, now, timeZone),
  },
  {
    key: 'rdcentres',
    query: 'rdcentres.recognised_cumulative/v1',
    source: { titleZh: '科创平台外资研发中心认定记录', titleEn: 'KeChuang foreign-funded R&D centre recognitions' },
    indicators: RD_CENTRE_INDICATORS.map((d) => ({ ...d, level: 'centre' as const })),
    params: { periods: 'year end, cumulative from the first recognition to the current year', areas: 'the centre and the area of each recognised organisation', counts: 'recognitions of type foreign_rnd_centre made on the platform, by validFrom; revoked ones stay counted' },
    compute: (tx, centreId, now, timeZone) => loadRdCentreFigures(tx, centreId, now, timeZone),
  },
  {
    key: 'incubators',
    query: 'incubators.cohort_survival/v1',
    source: { titleZh: '科创平台孵化器在孵企业记录', titleEn: 'KeChuang incubator cohort records' },
    indicators: INCUBATOR_INDICATORS.map((d) => ({ ...d, level: 'centre' as const })),
    params: { periods: 'intake year of the cohort', survival: 'registry dissolved status or dissolvedOn, else the exit record (failed = lost; relocated = alive); as of the refresh', types: 'all incubators, and per incubator type' },
    compute: (tx, centreId) => loadIncubatorFigures(tx, centreId),
  },
  {
    key: 'events',
    query: 'events.counts_by_year/v1',
    source: { titleZh: '科创平台活动与成果发布记录', titleEn: 'KeChuang event and release records' },
    indicators: EVENT_INDICATORS.map((d) => ({ ...d, level: 'centre' as const })),
    params: { periods: 'year the event starts, the session is held, the release is announced', published: 'figures the sources publish (e.g. zgc_forum_events) are shown beside these, never added in' },
    compute: (tx, centreId) => loadEventFigures(tx, centreId),
  },
  {
    key: 'grants',
    query: 'grants.cofunding/v1',
    source: { titleZh: '科创平台基金项目经费来源记录', titleEn: 'KeChuang foundation-grant co-funding records' },
    indicators: GRANT_INDICATORS.map((d) => ({ ...d, level: 'centre' as const })),
    params: { periods: 'year of the funding as recorded', areas: 'the centre', nature: 'fiscal vs external as recorded per source' },
    compute: (tx, centreId) => loadGrantFigures(tx, centreId),
  },
  {
    key: 'finance',
    query: 'finance.rounds_unicorns/v1',
    source: { titleZh: '科创平台投融资记录', titleEn: 'KeChuang investment and listing records' },
    indicators: FINANCE_INDICATORS.map((d) => ({ ...d, level: 'centre' as const })),
    params: { periods: 'year of announcement (rounds); 31 December of completed years (unicorns)', areas: 'the centre and the area of each investee', currency: `${SUM_CURRENCY} at the rates users entered for the year`, unicornThresholdUsd: 1_000_000_000 },
    compute: (tx, centreId, now, timeZone) => loadFinanceFigures(tx, centreId, now, timeZone),
  },
];

export type DerivationReport = { key: string; sourceId: string; figures: number; inserted: number; updated: number; unchanged: number; withdrawn: number };

/**
 * A figure that names its drill-down filter stores its record ids only while they are few
 * (LISTED_RECORDS_MAX). The filter lists the same records, with paging, in their own module; the
 * ids of a city's year (500,000 demands, counted by five figures) made each refresh hold 1.5 GB
 * and every indicator page carry megabytes (found by the soak, issue 10).
 */
const listedRecords = (f: DerivedFigure): DerivedFigure['records'] => (f.drillDown && f.records.length > LISTED_RECORDS_MAX ? [] : f.records);

const sameFigure = (o: ObservationRow, value: number, isSample: boolean, derivation: Record<string, unknown>): boolean => {
  const before = (o.derivation ?? {}) as Record<string, unknown>;
  return o.value === value && o.isSample === isSample && canonicalJson(before['records'] ?? null) === canonicalJson(derivation['records']) && canonicalJson(before['drillDown'] ?? null) === canonicalJson(derivation['drillDown'] ?? null) && before['numerator'] === derivation['numerator'] && before['denominator'] === derivation['denominator'];
};

/**
 * Recompute every derived figure of a centre from its records, in one
 * transaction, audited once per derivation that changed something. The caller checks who may: the
 * route (indicators:write in the centre) or the scheduler (the system).
 */
export const refreshDerivedFigures = async (ctx: ServiceContext, centreId: string): Promise<DerivationReport[]> => withWriteTx(ctx.db, async (tx) => {
    const timeZone = await centreTimeZone(tx, centreId); // 404 when there is no such centre
    // One refresh per centre at a time: a second scheduler (another server) waits, then finds the figures written and changes nothing.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`kechuang:derived-figures:${centreId}`}))`);
    const areaId = await findRootAreaId(tx, centreId);
    if (!areaId) throw new AppError('CONFLICT', `Centre ${centreId} has no top area to attach its figures to`);
    const reports: DerivationReport[] = [];
    // Every figure is computed before the first write: appending an audit event takes the log's
    // lock until commit, and at a city's scale the computations take minutes, during which every
    // other write of the platform would wait for it (found by the soak at 500,000 demands).
    const computed: { d: Derivation; figures: DerivedFigure[] }[] = [];
    for (const d of DERIVATIONS) computed.push({ d, figures: await d.compute(tx, centreId, ctx.now, timeZone) });
    for (const { d, figures } of computed) {
      const sourceId = `${centreId}-derived-${d.key}`;
      await tx
        .insert(sources)
        .values({ id: sourceId, centreId, kind: 'derived', titleZh: d.source.titleZh, titleEn: d.source.titleEn, publisher: 'KeChuang', publishedOn: null, dateAsGiven: null, url: null, fileName: null, language: null, extra: { query: d.query }, createdAt: ctx.now })
        .onConflictDoNothing();
      const existingIndicators = await tx.select().from(indicators).where(and(eq(indicators.centreId, centreId), inArray(indicators.code, d.indicators.map((i) => i.code))));
      const idOf = new Map(existingIndicators.map((i) => [i.code, i.id]));
      // An indicator is defined once it has a figure: a derivation with many possible measures
      // (one per industry cluster) does not fill the catalogue with empty entries.
      const measured = new Set(figures.map((f) => f.code));
      const defined: string[] = [];
      for (const def of d.indicators) {
        if (idOf.has(def.code) || !measured.has(def.code)) continue;
        defined.push(def.code);
        const id = randomUUID();
        await tx.insert(indicators).values({ id, centreId, ...def, metricType: def.unit === '%' ? 'share' : 'count', frequency: 'annual', headlineRank: null, sourceId, createdAt: ctx.now, updatedAt: ctx.now });
        idOf.set(def.code, id);
      }
      const indicatorIds = [...idOf.values()];
      const existing = await tx.select().from(observations).where(and(inArray(observations.indicatorId, indicatorIds), eq(observations.provenance, 'derived'), eq(observations.sourceId, sourceId)));
      const byCell = new Map(existing.map((o) => [`${o.indicatorId}|${o.areaId}|${o.period}`, o]));
      const report: DerivationReport = { key: d.key, sourceId, figures: figures.length, inserted: 0, updated: 0, unchanged: 0, withdrawn: 0 };
      const kept = new Set<string>();
      for (const f of figures) {
        const indicatorId = idOf.get(f.code) as string;
        const figureAreaId = f.areaId ?? areaId;
        const derivation = { query: d.query, params: { ...d.params, timeZone }, numerator: f.numerator, denominator: f.denominator, records: listedRecords(f), ...(f.drillDown ? { drillDown: f.drillDown } : {}), computedAt: ctx.now.toISOString() };
        const before = byCell.get(`${indicatorId}|${figureAreaId}|${f.period}`);
        if (before) {
          kept.add(before.id);
          if (sameFigure(before, f.value, f.isSample, derivation)) report.unchanged++;
          else {
            await tx.update(observations).set({ value: f.value, isSample: f.isSample, derivation, updatedAt: ctx.now }).where(eq(observations.id, before.id));
            report.updated++;
          }
          continue;
        }
        // A figure typed in or imported for the same cell stays; the derived one is skipped rather than fighting it.
        const clash = await tx.select({ id: observations.id }).from(observations).where(and(eq(observations.indicatorId, indicatorId), eq(observations.areaId, figureAreaId), eq(observations.period, f.period), eq(observations.status, 'measured'))).limit(1);
        if (clash.length) continue;
        await tx.insert(observations).values({
          id: randomUUID(),
          indicatorId,
          areaId: figureAreaId,
          entityId: null,
          year: Number(f.period.slice(0, 4)),
          yearBasis: 'stated',
          period: f.period,
          value: f.value,
          valueAsGiven: null,
          qualifier: 'exact',
          status: 'measured',
          sourceId,
          quote: null,
          quoteGlossEn: null,
          provenance: 'derived',
          derivation,
          isSample: f.isSample,
          createdBy: null,
          updatedAt: ctx.now,
        });
        report.inserted++;
      }
      const gone = existing.filter((o) => !kept.has(o.id)).map((o) => o.id);
      if (gone.length) await tx.delete(observations).where(inArray(observations.id, gone));
      report.withdrawn = gone.length;
      // The scheduler refreshes every few minutes: only a refresh that wrote something is audited.
      if (defined.length || report.inserted || report.updated || report.withdrawn) await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'observations.derive', entityType: 'source', entityId: sourceId, centreId, before: gone.length ? { withdrawn: gone } : null, after: defined.length ? { ...report, indicatorsDefined: defined } : report, requestId: ctx.requestId });
      reports.push(report);
    }
    return reports;
  });
