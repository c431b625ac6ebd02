/**
 * Foundation grants' pure rules (issue 9): which version of the negative list
 * is in force on a day, whether an expense may be recorded against a lump sum,
 * the fiscal:external ratio of co-funding, and the gap between the outputs a
 * project committed to and those it reported. Money is summed in fen (integers)
 * so that a balance never drifts by a rounding error.
 */

export type ListItem = { code: string; nameZh: string; nameEn: string; explanationZh: string; explanationEn: string };
export type ListVersion = { id: string; number: number; effectiveFrom: string; items: readonly ListItem[] };

/** Yuan → fen, exact for amounts given to two decimals. */
export const toFen = (yuan: number): number => Math.round(yuan * 100);
export const toYuan = (fen: number): number => fen / 100;

/**
 * The version in force on a day (YYYY-MM-DD): the one that took effect last on
 * or before it; of two taking effect the same day, the higher number. Null
 * when no version had taken effect yet.
 */
export const versionInForce = <V extends Pick<ListVersion, 'number' | 'effectiveFrom'>>(versions: readonly V[], day: string): V | null => {
  let best: V | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > day) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.number > best.number)) best = v;
  }
  return best;
};

/** Each version's last day in force: the day before a later version takes effect, null while none does. */
export const effectiveTo = (versions: readonly Pick<ListVersion, 'number' | 'effectiveFrom'>[], v: Pick<ListVersion, 'number' | 'effectiveFrom'>): string | null => {
  const later = versions.filter((o) => o.effectiveFrom > v.effectiveFrom || (o.effectiveFrom === v.effectiveFrom && o.number > v.number)).map((o) => o.effectiveFrom);
  if (later.length === 0) return null;
  const next = later.sort()[0] as string;
  if (next === v.effectiveFrom) return v.effectiveFrom;
  const d = new Date(`${next}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

export type ExpenseAttempt = { spentOn: string; category: string; amount: number };
export type ExpenseRefusal =
  | { reason: 'negative_list'; path: 'category'; version: number; versionId: string; item: ListItem }
  | { reason: 'over_lump_sum'; path: 'amount'; lumpSum: number; spent: number; remaining: number; amount: number };
export type ExpenseVerdict = { ok: true; version: ListVersion | null; remainingAfter: number } | { ok: false; version: ListVersion | null; refusals: ExpenseRefusal[] };

/**
 * Check an expense when it is recorded: its category must not be on the
 * negative list in force on the day it was spent, and it must fit in what
 * remains of the lump sum. Every refusal is returned, with what explains it.
 */
export const checkExpense = (input: { lumpSum: number; spent: number; versions: readonly ListVersion[]; attempt: ExpenseAttempt }): ExpenseVerdict => {
  const version = versionInForce(input.versions, input.attempt.spentOn);
  const refusals: ExpenseRefusal[] = [];
  const item = version?.items.find((i) => i.code === input.attempt.category);
  if (version && item) refusals.push({ reason: 'negative_list', path: 'category', version: version.number, versionId: version.id, item });
  const remainingFen = toFen(input.lumpSum) - toFen(input.spent);
  if (toFen(input.attempt.amount) > remainingFen) refusals.push({ reason: 'over_lump_sum', path: 'amount', lumpSum: input.lumpSum, spent: input.spent, remaining: toYuan(remainingFen), amount: input.attempt.amount });
  if (refusals.length > 0) return { ok: false, version, refusals };
  return { ok: true, version, remainingAfter: toYuan(remainingFen - toFen(input.attempt.amount)) };
};

/** The running balance after each accepted expense, in the order given. */
export const runningBalance = (lumpSum: number, amounts: readonly number[]): number[] => {
  let left = toFen(lumpSum);
  return amounts.map((a) => {
    left -= toFen(a);
    return toYuan(left);
  });
};

export type FundingRecord = { id: string; group: string | null; year: number; nature: 'fiscal' | 'external'; amount: number; isSample: boolean };
export type RatioCell = { group: string | null; year: number; fiscal: number; external: number; externalPerFiscal: number | null; label: string | null; records: string[]; isSample: boolean };

const trim = (x: number): string => (Math.round(x * 100) / 100).toString();

/**
 * "fiscal:external" as the seeds write it: 1:1, 1:0.85, 1:2.5 (fiscal taken as 1),
 * or 0:1 when only external money is recorded. Null when nothing is recorded.
 */
export const ratioLabel = (fiscal: number, external: number): string | null => {
  if (fiscal <= 0 && external <= 0) return null;
  if (fiscal <= 0) return '0:1';
  return `1:${trim(external / fiscal)}`;
};

/** Fiscal and external sums, their ratio and the records behind them, per group (programme, or null for all) and year. */
export const fundingRatios = (records: readonly FundingRecord[]): RatioCell[] => {
  const cells = new Map<string, { group: string | null; year: number; fiscal: number; external: number; records: string[]; isSample: boolean }>();
  for (const r of records) {
    const key = `${r.group ?? ''}|${r.year}`;
    const c = cells.get(key) ?? { group: r.group, year: r.year, fiscal: 0, external: 0, records: [], isSample: false };
    if (r.nature === 'fiscal') c.fiscal += toFen(r.amount);
    else c.external += toFen(r.amount);
    c.records.push(r.id);
    c.isSample ||= r.isSample;
    cells.set(key, c);
  }
  return [...cells.values()]
    .map((c) => {
      const fiscal = toYuan(c.fiscal);
      const external = toYuan(c.external);
      return { group: c.group, year: c.year, fiscal, external, externalPerFiscal: c.fiscal > 0 ? Math.round((c.external / c.fiscal) * 1e6) / 1e6 : null, label: ratioLabel(fiscal, external), records: [...c.records].sort(), isSample: c.isSample };
    })
    .sort((a, b) => (a.group ?? '').localeCompare(b.group ?? '') || a.year - b.year);
};

export type OutputKind = 'paper' | 'patent' | 'dataset' | 'talent';
export const OUTPUT_KIND_ORDER: readonly OutputKind[] = ['paper', 'patent', 'dataset', 'talent'];

/** Committed against delivered per kind; the gap is what is still missing (never negative: more than promised is no gap). */
export const outputGap = (commitments: Readonly<Record<OutputKind, number>>, outputs: readonly { kind: OutputKind }[]) =>
  OUTPUT_KIND_ORDER.map((kind) => {
    const delivered = outputs.filter((o) => o.kind === kind).length;
    const committed = commitments[kind];
    return { kind, committed, delivered, gap: Math.max(0, committed - delivered) };
  });
