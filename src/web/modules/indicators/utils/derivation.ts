import type { TObservation } from '../../../../shared/schemas/indicators.js';

export type DerivationSummary = {
  query: string | null;
  numerator: number | null;
  denominator: number | null;
  /** How many records the figure counts: its drill-down's count, else the whole count the server gives beside the first ids (`recordCount`), else the ids listed. */
  records: number;
  /** The page that lists those records, with the figure's filter in its address; null when no page does. */
  listPath: string | null;
  computedAt: string | null;
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The ledger page of each drill-down kind a derivation names (their filters are read from the address). */
const LIST_PAGES: Record<string, string> = {
  tech_contracts: '/contracts/registry',
  patents: '/patents/registry',
  demands: '/services/demands',
};

const listPathOf = (drillDown: unknown): string | null => {
  if (!drillDown || typeof drillDown !== 'object') return null;
  const { kind, filter } = drillDown as { kind?: unknown; filter?: unknown };
  const page = typeof kind === 'string' ? LIST_PAGES[kind] : undefined;
  if (!page) return null;
  const query = new URLSearchParams();
  if (filter && typeof filter === 'object') for (const [k, v] of Object.entries(filter)) if (typeof v === 'string' || typeof v === 'number') query.set(k, String(v));
  const text = query.toString();
  return text ? `${page}?${text}` : page;
};

/** What a derived figure says about how it was computed (its query, the ratio, how many records it counts and where they are listed), read defensively. */
export const derivationSummary = (observation: Pick<TObservation, 'provenance' | 'derivation'>): DerivationSummary | null => {
  const d = observation.derivation;
  if (observation.provenance !== 'derived' || !d) return null;
  const drillDown = d['drillDown'] as { count?: unknown } | undefined;
  const counted = num(drillDown?.count);
  return {
    query: typeof d['query'] === 'string' ? d['query'] : null,
    numerator: num(d['numerator']),
    denominator: num(d['denominator']),
    records: counted ?? num(d['recordCount']) ?? (Array.isArray(d['records']) ? d['records'].length : 0),
    listPath: listPathOf(drillDown),
    computedAt: typeof d['computedAt'] === 'string' ? d['computedAt'] : null,
  };
};
