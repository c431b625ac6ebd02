import { computeMetrics, type MetricCase, type Rate } from './metrics.js';

/**
 * The service ledger's yearly figures for the indicator catalogue: each names
 * the cases it counts, so a figure can be traced to the records behind it,
 * and the ledger filter that lists them (`drillDown`), which is what a city's
 * hundreds of thousands of cases are traced by. Periods are the year of
 * receipt; a case counts in the year it was received.
 */
export const SERVICE_STATISTICS = ['demands_received', 'demand_response_on_time_rate', 'demand_resolution_on_time_rate', 'demand_reopen_aware_resolution_rate', 'demand_satisfaction'] as const;
export type ServiceStatistic = (typeof SERVICE_STATISTICS)[number];

export type ServiceFigure = {
  code: ServiceStatistic;
  period: string;
  value: number;
  numerator: number;
  denominator: number | null;
  records: { kind: 'demand'; id: string }[];
  /** The demand-ledger filter that lists `records`, and how many there are. */
  drillDown: { kind: 'demands'; filter: Record<string, string | number>; count: number };
  isSample: boolean;
};

export type StatCase = MetricCase & { isSample: boolean };

const round = (x: number): number => Math.round(x * 100) / 100;

export const computeServiceStatistics = (cases: readonly StatCase[], periodOf: (d: Date) => string, now: Date, reopenWindowDays: number): ServiceFigure[] => {
  const byPeriod = new Map<string, StatCase[]>();
  for (const c of cases) {
    const p = periodOf(c.receivedAt);
    // Appended in place: copying the list for each case made a city's 500,000 cases quadratic (minutes on the event loop).
    const list = byPeriod.get(p);
    if (list) list.push(c);
    else byPeriod.set(p, [c]);
  }
  const out: ServiceFigure[] = [];
  for (const [period, list] of [...byPeriod.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const m = computeMetrics(list, now, reopenWindowDays);
    const records = list.map((c) => ({ kind: 'demand' as const, id: c.id }));
    const isSample = list.some((c) => c.isSample);
    const drillDown = { kind: 'demands' as const, filter: { year: Number(period) }, count: list.length };
    out.push({ code: 'demands_received', period, value: m.received, numerator: m.received, denominator: null, records, drillDown, isSample });
    const share = (code: ServiceStatistic, r: Rate) => {
      if (r.value !== null) out.push({ code, period, value: round(100 * r.value), numerator: r.numerator, denominator: r.denominator, records, drillDown, isSample });
    };
    share('demand_response_on_time_rate', m.responseOnTime);
    share('demand_resolution_on_time_rate', m.resolutionOnTime);
    share('demand_reopen_aware_resolution_rate', m.reopenAwareResolution);
    const rated = list.filter((c) => c.rating !== null);
    if (m.satisfaction.mean !== null) out.push({ code: 'demand_satisfaction', period, value: round(m.satisfaction.mean), numerator: rated.reduce((s, c) => s + (c.rating ?? 0), 0), denominator: m.satisfaction.count, records: rated.map((c) => ({ kind: 'demand', id: c.id })), drillDown: { kind: 'demands', filter: { year: Number(period), rated: 'true' }, count: rated.length }, isSample: rated.some((c) => c.isSample) });
  }
  return out;
};
