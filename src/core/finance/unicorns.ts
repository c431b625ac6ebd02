import { UNICORN_THRESHOLD_USD, type UnicornExitReason } from '../../shared/finance-vocabulary.js';
import { nextDay, rateBook, toUsd, yearOfDate, type FxRate } from './money.js';

/**
 * Who is a unicorn at a date, and when companies entered and left the list.
 * A company is a unicorn on a day when it has not listed or been acquired by
 * then and either holds the registry's `unicorn` recognition for that day or
 * its latest round with a disclosed post-money valuation, converted at the
 * rates the user entered, is worth at least USD 1 billion.
 */

export type UnicornRecognition = { entityId: string; validFrom: string | null; validTo: string | null };
export type ValuedRound = { id: string; entityId: string; announcedOn: string; postMoneyValuation: number | null; currency: string };
export type CompanyExit = { id: string; entityId: string; kind: 'listing' | 'acquisition'; exitOn: string };
export type UnicornInput = { recognitions: readonly UnicornRecognition[]; rounds: readonly ValuedRound[]; exits: readonly CompanyExit[]; rates: readonly FxRate[] };

export type UnicornStatus = {
  entityId: string;
  unicorn: boolean;
  /** Why it is one: the recognition, the valuation, or both. */
  bases: ('recognition' | 'valuation')[];
  /** The latest valued round by the date, its valuation in US dollars (null: no rate entered for its currency and year). */
  latestValuation: { roundId: string; announcedOn: string; amount: number; currency: string; usd: number | null } | null;
  /** The exit by the date, if any. */
  exit: { id: string; kind: 'listing' | 'acquisition'; exitOn: string } | null;
};

const byDate = <T>(get: (t: T) => string) => (a: T, b: T) => (get(a) < get(b) ? -1 : get(a) > get(b) ? 1 : 0);

type Prepared = {
  entities: string[];
  recognitions: Map<string, UnicornRecognition[]>;
  rounds: Map<string, ValuedRound[]>;
  exits: Map<string, CompanyExit[]>;
  book: ReturnType<typeof rateBook>;
};

const group = <T extends { entityId: string }>(items: readonly T[]): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const i of items) m.set(i.entityId, [...(m.get(i.entityId) ?? []), i]);
  return m;
};

const prepare = (input: UnicornInput): Prepared => {
  const rounds = group(input.rounds.filter((r) => r.postMoneyValuation !== null && Number.isFinite(r.postMoneyValuation)));
  for (const list of rounds.values()) list.sort((a, b) => byDate<ValuedRound>((r) => r.announcedOn)(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const exits = group(input.exits);
  for (const list of exits.values()) list.sort(byDate<CompanyExit>((e) => e.exitOn));
  const recognitions = group(input.recognitions);
  const entities = [...new Set([...recognitions.keys(), ...rounds.keys()])].sort();
  return { entities, recognitions, rounds, exits, book: rateBook(input.rates) };
};

const statusOf = (p: Prepared, entityId: string, date: string): UnicornStatus => {
  const exit = (p.exits.get(entityId) ?? []).find((e) => e.exitOn <= date) ?? null;
  const recognised = (p.recognitions.get(entityId) ?? []).some((r) => (r.validFrom === null || r.validFrom <= date) && (r.validTo === null || date <= r.validTo));
  const valued = (p.rounds.get(entityId) ?? []).filter((r) => r.announcedOn <= date);
  const last = valued.length ? valued[valued.length - 1] : undefined;
  const latestValuation = last ? { roundId: last.id, announcedOn: last.announcedOn, amount: last.postMoneyValuation as number, currency: last.currency, usd: toUsd(p.book, last.postMoneyValuation as number, last.currency, yearOfDate(last.announcedOn)) } : null;
  const bases: UnicornStatus['bases'] = [];
  if (recognised) bases.push('recognition');
  if (latestValuation?.usd != null && latestValuation.usd >= UNICORN_THRESHOLD_USD) bases.push('valuation');
  return { entityId, unicorn: exit === null && bases.length > 0, bases, latestValuation, exit: exit ? { id: exit.id, kind: exit.kind, exitOn: exit.exitOn } : null };
};

/** Every company the records could make a unicorn, with its status on `date` (YYYY-MM-DD). */
export const unicornsAt = (input: UnicornInput, date: string): UnicornStatus[] => {
  const p = prepare(input);
  return p.entities.map((e) => statusOf(p, e, date));
};

export type UnicornEvent = { entityId: string; date: string; event: 'entry' | 'exit'; reason: UnicornExitReason | null; basis: ('recognition' | 'valuation')[] };

/**
 * Entries to and exits from the list, in date order, up to `until`: evaluated
 * on every day something changes (a recognition starts or ends, a valued
 * round, an exit). An exit names its reason: listing, acquisition, a later
 * valuation under the threshold, or the end of the recognition.
 */
export const unicornEvents = (input: UnicornInput, until: string): UnicornEvent[] => {
  const p = prepare(input);
  const out: UnicornEvent[] = [];
  for (const entityId of p.entities) {
    const days = new Set<string>();
    for (const r of p.recognitions.get(entityId) ?? []) {
      if (r.validFrom) days.add(r.validFrom);
      else days.add('0000-01-01');
      if (r.validTo) days.add(nextDay(r.validTo));
    }
    for (const r of p.rounds.get(entityId) ?? []) days.add(r.announcedOn);
    for (const e of p.exits.get(entityId) ?? []) days.add(e.exitOn);
    let was: UnicornStatus | null = null;
    for (const day of [...days].filter((d) => d <= until).sort()) {
      const now = statusOf(p, entityId, day);
      if (now.unicorn && !was?.unicorn) out.push({ entityId, date: day, event: 'entry', reason: null, basis: now.bases });
      if (!now.unicorn && was?.unicorn) {
        const reason: UnicornExitReason = now.exit ? now.exit.kind : was.bases.includes('recognition') && !now.bases.includes('recognition') && !was.bases.includes('valuation') ? 'recognition_ended' : 'valuation_drop';
        out.push({ entityId, date: day, event: 'exit', reason, basis: was.bases });
      }
      was = now;
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0));
};

/** Unicorns on 31 December of a year. */
export const unicornsAtYearEnd = (input: UnicornInput, year: number): UnicornStatus[] => unicornsAt(input, `${year}-12-31`).filter((s) => s.unicorn);
