/**
 * Scoring forms: numeric, rating and pass/fail criteria with weights, a
 * comment required below a threshold, and aggregation per criterion by mean
 * or median (median is the EIC's consensus score), then weighted to 0–100.
 */
export type CriterionBase = {
  id: string;
  label: string;
  /** Weights are percentages; a form's weights sum to 100. */
  weight: number;
  /** A score below this (raw value) needs a comment. For pass/fail: a fail needs a comment when set to 1. */
  commentBelow: number | null;
  /** The aggregated raw value must reach this for the application to pass. */
  threshold: number | null;
};
export type ScoringCriterion =
  | (CriterionBase & { kind: 'numeric'; min: number; max: number })
  | (CriterionBase & { kind: 'rating'; scale: number })
  | (CriterionBase & { kind: 'pass_fail' });

export type ScoringForm = { criteria: readonly ScoringCriterion[]; aggregation: 'mean' | 'median'; /** 0–100 overall pass mark. */ overallThreshold: number | null };

/** One reviewer's answers: a number per criterion (pass/fail as 1 or 0), comments by criterion. */
export type ScoreSheet = { scores: Readonly<Record<string, number>>; comments: Readonly<Record<string, string>> };

export type FormIssue = { code: string; message: string; path: string };

const range = (c: ScoringCriterion): [number, number] => (c.kind === 'numeric' ? [c.min, c.max] : c.kind === 'rating' ? [1, c.scale] : [0, 1]);

export const validateForm = (form: ScoringForm): FormIssue[] => {
  const issues: FormIssue[] = [];
  if (form.criteria.length === 0) issues.push({ code: 'form_empty', message: 'a form needs at least one criterion', path: 'criteria' });
  const ids = new Set<string>();
  form.criteria.forEach((c, i) => {
    const at = (f: string) => `criteria.${i}.${f}`;
    if (ids.has(c.id)) issues.push({ code: 'criterion_duplicate', message: `criterion id ${c.id} is used twice`, path: at('id') });
    ids.add(c.id);
    if (!(c.weight > 0)) issues.push({ code: 'weight_not_positive', message: 'weights are positive', path: at('weight') });
    if (c.kind === 'numeric' && !(c.max > c.min)) issues.push({ code: 'range_empty', message: 'max must exceed min', path: at('max') });
    if (c.kind === 'rating' && !(Number.isInteger(c.scale) && c.scale >= 2 && c.scale <= 10)) issues.push({ code: 'scale_invalid', message: 'a rating scale has 2 to 10 points', path: at('scale') });
    const [lo, hi] = range(c);
    if (c.threshold !== null && (c.threshold < lo || c.threshold > hi)) issues.push({ code: 'threshold_out_of_range', message: `threshold outside ${lo}–${hi}`, path: at('threshold') });
  });
  const sum = form.criteria.reduce((a, c) => a + c.weight, 0);
  if (form.criteria.length > 0 && Math.abs(sum - 100) > 1e-6) issues.push({ code: 'weights_sum', message: `weights sum to ${sum}, not 100`, path: 'criteria' });
  if (form.overallThreshold !== null && (form.overallThreshold < 0 || form.overallThreshold > 100)) issues.push({ code: 'threshold_out_of_range', message: 'overall threshold is 0–100', path: 'overallThreshold' });
  return issues;
};

/** Every problem with a reviewer's sheet: missing or out-of-range scores, comments missing where the form requires them, unknown criteria. */
export const validateSheet = (form: ScoringForm, sheet: ScoreSheet): FormIssue[] => {
  const issues: FormIssue[] = [];
  for (const c of form.criteria) {
    const v = sheet.scores[c.id];
    const at = `scores.${c.id}`;
    if (v === undefined || !Number.isFinite(v)) {
      issues.push({ code: 'score_missing', message: `score ${c.label}`, path: at });
      continue;
    }
    const [lo, hi] = range(c);
    if (v < lo || v > hi) issues.push({ code: 'score_out_of_range', message: `${c.label}: ${v} is outside ${lo}–${hi}`, path: at });
    else if ((c.kind === 'rating' || c.kind === 'pass_fail') && !Number.isInteger(v)) issues.push({ code: 'score_not_integer', message: `${c.label} takes whole points`, path: at });
    const needsComment = c.kind === 'pass_fail' ? c.commentBelow !== null && v < 1 : c.commentBelow !== null && v < c.commentBelow;
    if (needsComment && !((sheet.comments[c.id] ?? '').trim().length >= 10)) issues.push({ code: 'comment_required', message: `${c.label}: explain a score this low (at least 10 characters)`, path: `comments.${c.id}` });
  }
  const known = new Set(form.criteria.map((c) => c.id));
  for (const k of Object.keys(sheet.scores)) if (!known.has(k)) issues.push({ code: 'criterion_unknown', message: `no criterion ${k}`, path: `scores.${k}` });
  return issues;
};

/** A raw value as a share of its criterion's range (0…1). */
export const normalise = (c: ScoringCriterion, v: number): number => {
  const [lo, hi] = range(c);
  return (v - lo) / (hi - lo);
};

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Weighted total of one sheet, 0–100, rounded to 6 decimals (so equal work gives equal numbers). */
export const sheetTotal = (form: ScoringForm, sheet: ScoreSheet): number => {
  const w = form.criteria.reduce((a, c) => a + c.weight, 0);
  return round6((100 * form.criteria.reduce((a, c) => a + c.weight * normalise(c, sheet.scores[c.id] ?? range(c)[0]), 0)) / w);
};

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
export const mean = (xs: readonly number[]): number => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);

export type CriterionAggregate = { id: string; value: number | null; normalised: number | null; passed: boolean | null; n: number };
export type Aggregate = { criteria: CriterionAggregate[]; total: number | null; passed: boolean | null; n: number };

/**
 * Aggregate completed sheets: per criterion the mean or median of raw values
 * (pass/fail passes on a strict majority), its threshold, then the weighted
 * total of the aggregated values. No sheets: everything null.
 */
export const aggregate = (form: ScoringForm, sheets: readonly ScoreSheet[]): Aggregate => {
  const f = form.aggregation === 'median' ? median : mean;
  const criteria = form.criteria.map((c): CriterionAggregate => {
    const values = sheets.map((s) => s.scores[c.id]).filter((v): v is number => v !== undefined && Number.isFinite(v));
    if (values.length === 0) return { id: c.id, value: null, normalised: null, passed: null, n: 0 };
    const value = round6(f(values));
    const passed = c.kind === 'pass_fail' ? value > 0.5 : c.threshold === null ? true : value >= c.threshold;
    return { id: c.id, value, normalised: round6(normalise(c, value)), passed, n: values.length };
  });
  if (sheets.length === 0 || criteria.some((c) => c.value === null)) return { criteria, total: null, passed: null, n: sheets.length };
  const w = form.criteria.reduce((a, c) => a + c.weight, 0);
  const total = round6((100 * form.criteria.reduce((a, c, i) => a + c.weight * ((criteria[i] as CriterionAggregate).normalised as number), 0)) / w);
  const passed = criteria.every((c) => c.passed === true) && (form.overallThreshold === null || total >= form.overallThreshold);
  return { criteria, total, passed, n: sheets.length };
};
