/**
 * Currency conversion with the rates the user entered, never with invented
 * ones: a rate is US dollars per unit of a currency for a year, and an amount
 * converts only when the rates it needs exist for its year.
 */
export type FxRate = { currency: string; year: number; usdPerUnit: number };

export type RateBook = ReadonlyMap<string, number>;

export const rateBook = (rates: readonly FxRate[]): RateBook => new Map(rates.filter((r) => Number.isFinite(r.usdPerUnit) && r.usdPerUnit > 0).map((r) => [`${r.currency}|${r.year}`, r.usdPerUnit]));

const usdPerUnit = (book: RateBook, currency: string, year: number): number | null => (currency === 'USD' ? 1 : (book.get(`${currency}|${year}`) ?? null));

/** `amount` of `currency` in US dollars at the year's rate, or null when no rate was entered. */
export const toUsd = (book: RateBook, amount: number, currency: string, year: number): number | null => {
  const r = usdPerUnit(book, currency, year);
  return r === null ? null : amount * r;
};

/** `amount` of `currency` in another currency through both currencies' US-dollar rates of the year; null when either is missing. */
export const convert = (book: RateBook, amount: number, from: string, to: string, year: number): number | null => {
  if (from === to) return amount;
  const a = usdPerUnit(book, from, year);
  const b = usdPerUnit(book, to, year);
  return a === null || b === null ? null : (amount * a) / b;
};

export const yearOfDate = (isoDate: string): number => Number(isoDate.slice(0, 4));

/** The day after a YYYY-MM-DD date (calendar arithmetic, no clock). */
export const nextDay = (isoDate: string): string => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
