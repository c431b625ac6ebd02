import { median } from './scoring.js';

export type Ranked = { id: string; score: number | null; rank: number | null; tied: boolean };

/**
 * Rank by score, highest first, with competition ranks (1, 2, 2, 4): equal
 * scores share a rank and are flagged as tied, for the panel to break on
 * record. Items without a score come last, unranked. Ties among equal scores
 * are listed by id, so the order is deterministic.
 */
export const rankByScore = (items: readonly { id: string; score: number | null }[]): Ranked[] => {
  const sorted = [...items].sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === null && b.score === null ? cmp(a.id, b.id) : a.score === null ? 1 : -1;
    return b.score - a.score || cmp(a.id, b.id);
  });
  const count = new Map<number, number>();
  for (const i of sorted) if (i.score !== null) count.set(i.score, (count.get(i.score) ?? 0) + 1);
  const out: Ranked[] = [];
  let rank = 0;
  sorted.forEach((item, pos) => {
    if (item.score === null) {
      out.push({ id: item.id, score: null, rank: null, tied: false });
      return;
    }
    const prev = sorted[pos - 1];
    if (!prev || prev.score !== item.score) rank = pos + 1;
    out.push({ id: item.id, score: item.score, rank, tied: (count.get(item.score) ?? 0) > 1 });
  });
  return out;
};

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export type ReviewTotal = { reviewerId: string; applicationId: string; total: number };
export type Calibration = {
  reviewerId: string;
  /** Reviews on applications that at least one other reviewer also scored. */
  n: number;
  /** Median of (this reviewer's total − the panel median for the application), in points of 0–100; negative is severe. */
  severity: number | null;
  meanDeviation: number | null;
  label: 'severe' | 'lenient' | 'in_line' | 'too_few';
};

/**
 * Each reviewer's severity against the panel: for every application they
 * scored with others, how far their total sits from the panel's median;
 * summarised by the median deviation. `flagAt` points either way labels a
 * reviewer severe or lenient; fewer than `minShared` shared reviews is too few.
 */
export const calibrateReviewers = (reviews: readonly ReviewTotal[], opts: { flagAt?: number; minShared?: number } = {}): Calibration[] => {
  const flagAt = opts.flagAt ?? 10;
  const minShared = opts.minShared ?? 2;
  const byApp = new Map<string, number[]>();
  for (const r of reviews) byApp.set(r.applicationId, [...(byApp.get(r.applicationId) ?? []), r.total]);
  const panel = new Map([...byApp].map(([k, v]) => [k, { median: median(v), n: v.length }]));
  const devs = new Map<string, number[]>();
  for (const r of reviews) {
    if (!devs.has(r.reviewerId)) devs.set(r.reviewerId, []);
    const p = panel.get(r.applicationId);
    if (p && p.n >= 2) devs.get(r.reviewerId)?.push(r.total - p.median);
  }
  return [...devs.keys()].sort(cmp).map((reviewerId) => {
    const d = devs.get(reviewerId) ?? [];
    if (d.length < minShared) return { reviewerId, n: d.length, severity: d.length ? round2(median(d)) : null, meanDeviation: d.length ? round2(d.reduce((a, b) => a + b, 0) / d.length) : null, label: 'too_few' };
    const severity = round2(median(d));
    return { reviewerId, n: d.length, severity, meanDeviation: round2(d.reduce((a, b) => a + b, 0) / d.length), label: severity <= -flagAt ? 'severe' : severity >= flagAt ? 'lenient' : 'in_line' };
  });
};

const round2 = (x: number): number => Math.round(x * 100) / 100;
