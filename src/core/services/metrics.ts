/**
 * Service metrics over a set of cases, per group (department, district) and
 * per period: response within SLA, resolution within SLA, reopen-aware
 * resolution and satisfaction. Each rate carries its numerator and
 * denominator, so a reader can check it and a chart can show the base.
 */
const DAY_MS = 86_400_000;

export type MetricCase = {
  id: string;
  state: string;
  receivedAt: Date;
  respondBy: Date;
  resolveBy: Date;
  acceptedAt: Date | null;
  /** Every resolution of the case, oldest first, each with the reopen that followed it (if any). */
  resolutions: readonly { resolvedAt: Date; reopenedAt: Date | null }[];
  rating: number | null;
};

export type Rate = { numerator: number; denominator: number; value: number | null };

export type ServiceMetrics = {
  received: number;
  open: number;
  overdue: number;
  withdrawn: number;
  /** Accepted by the response deadline / cases whose response is decided (accepted, or past the deadline). */
  responseOnTime: Rate;
  /** Resolved (latest resolution) by the resolution deadline / cases resolved or past the deadline. */
  resolutionOnTime: Rate;
  /** Resolved and never reopened within the window after a resolution / cases resolved at least once. */
  reopenAwareResolution: Rate;
  /** Mean rating (1–5) and how many rated. */
  satisfaction: { mean: number | null; count: number };
};

const rate = (numerator: number, denominator: number): Rate => ({ numerator, denominator, value: denominator === 0 ? null : numerator / denominator });

const OPEN = new Set(['received', 'accepted', 'in_progress', 'reopened']);
const RESOLVED = new Set(['resolved', 'confirmed']);

export const computeMetrics = (cases: readonly MetricCase[], now: Date, reopenWindowDays: number): ServiceMetrics => {
  let open = 0;
  let overdue = 0;
  let withdrawn = 0;
  let respDecided = 0;
  let respOnTime = 0;
  let resDecided = 0;
  let resOnTime = 0;
  let everResolved = 0;
  let stayedResolved = 0;
  let ratingSum = 0;
  let ratingCount = 0;
  const windowMs = reopenWindowDays * DAY_MS;
  for (const c of cases) {
    if (c.state === 'withdrawn') withdrawn += 1;
    const isOpen = OPEN.has(c.state);
    if (isOpen) open += 1;
    if (isOpen && now.getTime() > c.resolveBy.getTime()) overdue += 1;
    if (c.acceptedAt) {
      respDecided += 1;
      if (c.acceptedAt.getTime() <= c.respondBy.getTime()) respOnTime += 1;
    } else if (c.state !== 'withdrawn' && now.getTime() > c.respondBy.getTime()) respDecided += 1;
    const latest = c.resolutions.at(-1);
    if (RESOLVED.has(c.state) && latest) {
      resDecided += 1;
      if (latest.resolvedAt.getTime() <= c.resolveBy.getTime()) resOnTime += 1;
    } else if (isOpen && now.getTime() > c.resolveBy.getTime()) resDecided += 1;
    if (c.resolutions.length > 0) {
      everResolved += 1;
      const reopenedSoon = c.resolutions.some((r) => r.reopenedAt !== null && r.reopenedAt.getTime() - r.resolvedAt.getTime() <= windowMs);
      if (!reopenedSoon && RESOLVED.has(c.state)) stayedResolved += 1;
    }
    if (c.rating !== null) {
      ratingSum += c.rating;
      ratingCount += 1;
    }
  }
  return {
    received: cases.length,
    open,
    overdue,
    withdrawn,
    responseOnTime: rate(respOnTime, respDecided),
    resolutionOnTime: rate(resOnTime, resDecided),
    reopenAwareResolution: rate(stayedResolved, everResolved),
    satisfaction: { mean: ratingCount === 0 ? null : ratingSum / ratingCount, count: ratingCount },
  };
};

/** Metrics per group key (a case may belong to no group: key null, reported as such). */
export const metricsBy = <K extends string | null>(cases: readonly MetricCase[], keyOf: (c: MetricCase) => K, now: Date, reopenWindowDays: number): { key: K; metrics: ServiceMetrics }[] => {
  const groups = new Map<K, MetricCase[]>();
  for (const c of cases) {
    const k = keyOf(c);
    const list = groups.get(k);
    if (list) list.push(c);
    else groups.set(k, [c]);
  }
  return [...groups.entries()].map(([key, list]) => ({ key, metrics: computeMetrics(list, now, reopenWindowDays) }));
};
