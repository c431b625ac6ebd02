import { ORDERED_STAGES, type RoundStage } from '../../shared/finance-vocabulary.js';
import { convert, rateBook, yearOfDate, type FxRate } from './money.js';

/**
 * The financing funnel and the sums of rounds. A company's cohort is the year
 * of its first recorded round (any stage). It has reached a step when it
 * raised a round of that stage or a later one, or listed (a listing passes
 * every round stage). Strategic and other rounds have no place in the order:
 * they put a company in a cohort but move it up no step.
 */

export type FunnelRound = { id: string; entityId: string; announcedOn: string; stage: RoundStage };
export type FunnelListing = { entityId: string; exitOn: string };
export type FunnelStep = 'first_round' | 'a' | 'b' | 'c' | 'd_plus' | 'listing';
export const FUNNEL_STEPS: readonly FunnelStep[] = ['first_round', 'a', 'b', 'c', 'd_plus', 'listing'];

export type FunnelRow = {
  cohort: number;
  steps: { step: FunnelStep; companies: number; /** Share of the previous step's companies (first step: null; no companies before: null). */ conversion: number | null; entityIds: string[] }[];
};

const rank = (stage: RoundStage): number => ORDERED_STAGES.indexOf(stage);
const LISTED = Number.POSITIVE_INFINITY;
const stepRank = (step: FunnelStep): number => (step === 'first_round' ? Number.NEGATIVE_INFINITY : step === 'listing' ? LISTED : rank(step));

export const computeFunnel = (rounds: readonly FunnelRound[], listings: readonly FunnelListing[]): FunnelRow[] => {
  const companies = new Map<string, { first: string; progress: number }>();
  for (const r of rounds) {
    const c = companies.get(r.entityId) ?? { first: r.announcedOn, progress: -1 };
    if (r.announcedOn < c.first) c.first = r.announcedOn;
    c.progress = Math.max(c.progress, rank(r.stage));
    companies.set(r.entityId, c);
  }
  for (const l of listings) {
    const c = companies.get(l.entityId);
    if (c) c.progress = LISTED;
  }
  const cohorts = new Map<number, string[]>();
  for (const [id, c] of companies) {
    const y = yearOfDate(c.first);
    cohorts.set(y, [...(cohorts.get(y) ?? []), id]);
  }
  return [...cohorts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([cohort, ids]) => {
      let previous: number | null = null;
      const steps = FUNNEL_STEPS.map((step) => {
        const reached = ids.filter((id) => (companies.get(id) as { progress: number }).progress >= stepRank(step)).sort();
        const conversion: number | null = previous === null || previous === 0 ? null : reached.length / previous;
        previous = reached.length;
        return { step, companies: reached.length, conversion, entityIds: reached };
      });
      return { cohort, steps };
    });
};

export type AmountRound = { id: string; entityId: string; announcedOn: string; stage: RoundStage; amount: number | null; currency: string; areaId: string | null };
export type AmountCell = { year: number; stage: RoundStage; areaId: string | null; rounds: number; disclosed: number; /** Sum of the disclosed amounts in the target currency, over the rounds that convert. */ amount: number; /** Disclosed amounts with no rate to convert them. */ unconverted: number; roundIds: string[]; /** The rounds whose amounts are in `amount`. */ convertedIds: string[] };

/** Rounds and amounts by year, stage and area, in one currency (CNY by default) at the rates entered. */
export const sumRounds = (rounds: readonly AmountRound[], rates: readonly FxRate[], currency = 'CNY'): AmountCell[] => {
  const book = rateBook(rates);
  const cells = new Map<string, AmountCell>();
  for (const r of rounds) {
    const year = yearOfDate(r.announcedOn);
    const key = `${year}|${r.stage}|${r.areaId ?? ''}`;
    const c = cells.get(key) ?? { year, stage: r.stage, areaId: r.areaId, rounds: 0, disclosed: 0, amount: 0, unconverted: 0, roundIds: [], convertedIds: [] };
    c.rounds++;
    c.roundIds.push(r.id);
    if (r.amount !== null) {
      c.disclosed++;
      const v = convert(book, r.amount, r.currency, currency, year);
      if (v === null) c.unconverted++;
      else {
        c.amount += v;
        c.convertedIds.push(r.id);
      }
    }
    cells.set(key, c);
  }
  return [...cells.values()].sort((a, b) => a.year - b.year || (a.stage < b.stage ? -1 : a.stage > b.stage ? 1 : 0) || ((a.areaId ?? '') < (b.areaId ?? '') ? -1 : 1));
};
