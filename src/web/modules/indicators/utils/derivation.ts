import type { TObservation } from '../../../../shared/schemas/indicators.js';

export type DerivationSummary = { query: string | null; numerator: number | null; denominator: number | null; records: number; computedAt: string | null };

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** What a derived figure says about how it was computed (its query, the ratio and how many records it counts), read defensively. */
export const derivationSummary = (observation: Pick<TObservation, 'provenance' | 'derivation'>): DerivationSummary | null => {
  const d = observation.derivation;
  if (observation.provenance !== 'derived' || !d) return null;
  return {
    query: typeof d['query'] === 'string' ? d['query'] : null,
    numerator: num(d['numerator']),
    denominator: num(d['denominator']),
    records: Array.isArray(d['records']) ? d['records'].length : 0,
    computedAt: typeof d['computedAt'] === 'string' ? d['computedAt'] : null,
  };
};
