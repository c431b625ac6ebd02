/**
 * The calls engine's statistics (issue 5, item 8), computed from its records
 * so that each figure can name the records it counts. Pure: the caller loads
 * the records and passes today's date.
 */

export const CALL_STATISTICS = [
  'calls_published',
  'call_bids_per_call',
  'call_winners_sme_share',
  'call_winners_young_pi_share',
  'call_milestones_on_time_rate',
  'call_acceptance_rate',
  'call_funding_committed',
  'call_funding_paid',
] as const;
export type CallStatistic = (typeof CALL_STATISTICS)[number];

/** `endedAt`: when the call was accepted or terminated. */
export type StatCall = { id: string; state: string; publishedAt: string | null; endedAt: string | null; isSample: boolean };
export type StatApplication = { id: string; callId: string; state: string; submittedAt: string | null; decidedAt: string | null; leadOrgId: string | null; piId: string | null; budgetTotal: number; isSample: boolean };
export type StatMilestone = { id: string; applicationId: string; dueOn: string; state: string; submittedAt: string | null; paidAt: string | null; paidAmount: number | null };

export type StatRecord = { kind: 'call' | 'application' | 'milestone'; id: string };

export type StatisticsParams = {
  /** Recognition codes that make a lead organisation an SME. */
  smeRecognitions: readonly string[];
  /** A principal investigator this old or younger (in the year of submission) is young. */
  youngPiMaxAge: number;
};

export const DEFAULT_STATISTICS_PARAMS: StatisticsParams = { smeRecognitions: ['specialised_sophisticated_sme', 'little_giant', 'tech_sme'], youngPiMaxAge: 40 };

export type StatisticsInput = {
  calls: readonly StatCall[];
  applications: readonly StatApplication[];
  milestones: readonly StatMilestone[];
  /** Lead organisations holding an SME recognition (by the params' codes). */
  smeOrgIds: ReadonlySet<string>;
  /** Birth years of principal investigators, where recorded. */
  birthYears: ReadonlyMap<string, number>;
  /** Today, ISO date. */
  today: string;
};

export type StatisticFigure = {
  code: CallStatistic;
  period: string;
  value: number;
  /** The fraction or sum behind the value. */
  numerator: number;
  denominator: number | null;
  /** The records counted. */
  records: StatRecord[];
  /** True when any record counted is a sample: the figure is then a sample too. */
  isSample: boolean;
};

/** Applications that won: awarded, and on to completion or termination. */
export const WINNING_STATES: ReadonlySet<string> = new Set(['awarded', 'completed', 'terminated']);
const PUBLISHED_STATES: ReadonlySet<string> = new Set(['published', 'closed', 'under_review', 'awarded', 'in_execution', 'accepted', 'terminated']);

const yearOf = (iso: string | null): string | null => (iso && /^\d{4}/.test(iso) ? iso.slice(0, 4) : null);

const groupBy = <T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = out.get(k) ?? [];
    list.push(item);
    out.set(k, list);
  }
  return out;
};

const round = (x: number): number => Math.round(x * 1e10) / 1e10;

/** Every statistic for every year that has records, sorted by code and period. */
export const computeCallStatistics = (input: StatisticsInput, params: StatisticsParams = DEFAULT_STATISTICS_PARAMS): StatisticFigure[] => {
  const out: StatisticFigure[] = [];
  const callById = new Map(input.calls.map((c) => [c.id, c]));
  const appById = new Map(input.applications.map((a) => [a.id, a]));
  const sampleApp = (a: StatApplication) => a.isSample || (callById.get(a.callId)?.isSample ?? false);
  const share = (code: CallStatistic, period: string, hits: number, total: number, records: StatRecord[], sample: boolean) => {
    if (total > 0) out.push({ code, period, value: round((100 * hits) / total), numerator: hits, denominator: total, records, isSample: sample });
  };
  const callRecords = (items: readonly { id: string }[]): StatRecord[] => items.map((c) => ({ kind: 'call', id: c.id }));
  const appRecords = (items: readonly { id: string }[]): StatRecord[] => items.map((a) => ({ kind: 'application', id: a.id }));
  const milestoneRecords = (items: readonly { id: string }[]): StatRecord[] => items.map((m) => ({ kind: 'milestone', id: m.id }));

  // Calls published, and bids (submitted applications) per call published that year.
  const published = input.calls.filter((c) => PUBLISHED_STATES.has(c.state));
  for (const [period, calls] of groupBy(published, (c) => yearOf(c.publishedAt))) {
    const sample = calls.some((c) => c.isSample);
    out.push({ code: 'calls_published', period, value: calls.length, numerator: calls.length, denominator: null, records: callRecords(calls), isSample: sample });
    // Only calls whose bidding has ended: an open call's count is still growing.
    const closed = calls.filter((c) => c.state !== 'published');
    if (closed.length) {
      const closedIds = new Set(closed.map((c) => c.id));
      const bids = input.applications.filter((a) => closedIds.has(a.callId) && a.submittedAt !== null);
      out.push({ code: 'call_bids_per_call', period, value: round(bids.length / closed.length), numerator: bids.length, denominator: closed.length, records: [...callRecords(closed), ...appRecords(bids)], isSample: closed.some((c) => c.isSample) || bids.some(sampleApp) });
    }
  }

  // Winners by year of decision: SME leads, young PIs, funding committed.
  const winners = input.applications.filter((a) => WINNING_STATES.has(a.state));
  for (const [period, apps] of groupBy(winners, (a) => yearOf(a.decidedAt))) {
    const ids = appRecords(apps);
    const sample = apps.some(sampleApp);
    const sme = apps.filter((a) => a.leadOrgId !== null && input.smeOrgIds.has(a.leadOrgId));
    share('call_winners_sme_share', period, sme.length, apps.length, ids, sample);
    const known = apps.filter((a) => a.piId !== null && input.birthYears.has(a.piId) && a.submittedAt !== null);
    const young = known.filter((a) => Number(yearOf(a.submittedAt)) - (input.birthYears.get(a.piId as string) as number) <= params.youngPiMaxAge);
    share('call_winners_young_pi_share', period, young.length, known.length, appRecords(known), known.some(sampleApp));
    const committed = apps.reduce((s, a) => s + a.budgetTotal, 0);
    out.push({ code: 'call_funding_committed', period, value: round(committed), numerator: committed, denominator: null, records: ids, isSample: sample });
  }

  // Milestones by year due: on time when evidence arrived by the end of the due day; those not yet due and not submitted are not counted.
  const due = input.milestones.filter((m) => m.state !== 'cancelled' && (m.submittedAt !== null || m.dueOn < input.today));
  for (const [period, ms] of groupBy(due, (m) => yearOf(m.dueOn))) {
    const onTime = ms.filter((m) => m.submittedAt !== null && m.submittedAt.slice(0, 10) <= m.dueOn);
    const sample = ms.some((m) => {
      const a = appById.get(m.applicationId);
      return a ? sampleApp(a) : false;
    });
    share('call_milestones_on_time_rate', period, onTime.length, ms.length, milestoneRecords(ms), sample);
  }

  // Funding paid by year of payment.
  const paid = input.milestones.filter((m) => m.paidAt !== null && m.paidAmount !== null);
  for (const [period, ms] of groupBy(paid, (m) => yearOf(m.paidAt))) {
    const total = ms.reduce((s, m) => s + (m.paidAmount as number), 0);
    const sample = ms.some((m) => {
      const a = appById.get(m.applicationId);
      return a ? sampleApp(a) : false;
    });
    out.push({ code: 'call_funding_paid', period, value: round(total), numerator: total, denominator: null, records: milestoneRecords(ms), isSample: sample });
  }

  // Calls that ended, by year: accepted against all that ended (accepted or terminated).
  const ended = input.calls.filter((c) => c.state === 'accepted' || c.state === 'terminated');
  for (const [period, calls] of groupBy(ended, (c) => yearOf(c.endedAt))) {
    share('call_acceptance_rate', period, calls.filter((c) => c.state === 'accepted').length, calls.length, callRecords(calls), calls.some((c) => c.isSample));
  }

  return out.sort((a, b) => a.code.localeCompare(b.code) || a.period.localeCompare(b.period));
};
