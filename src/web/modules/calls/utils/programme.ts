import type { Programme, ScoringCriterion } from '../types.js';

/**
 * The "New programme" form's values. They mirror the body of
 * `POST /call-programmes` (`ZProgrammeInput`), so a server issue's path
 * (`settings.form.criteria.0.label`) is also the form field's name.
 */
export type CriterionValues = {
  id?: string;
  label?: string;
  kind?: 'numeric' | 'rating' | 'pass_fail';
  weight?: number | null;
  min?: number | null;
  max?: number | null;
  scale?: number | null;
  commentBelow?: number | null;
  threshold?: number | null;
};
export type ProgrammeValues = {
  kind?: string;
  titleZh?: string;
  titleEn?: string;
  year?: number | null;
  description?: string;
  isSample: boolean;
  settings: {
    minReviewers?: number | null;
    minCompletedReviews?: number | null;
    coiYears?: number | null;
    consortiumYears?: number | null;
    appealDays?: number | null;
    discloseReviewers: boolean;
    requiredDeclarations: string[];
    form: { aggregation?: 'mean' | 'median'; overallThreshold?: number | null; criteria: CriterionValues[] };
  };
};

export const NEW_CRITERION: CriterionValues = { kind: 'rating', weight: 1, scale: 5 };

export const initialProgrammeValues = (year: number): ProgrammeValues => ({
  kind: 'unveil_list',
  year,
  isSample: false,
  settings: {
    minReviewers: 3,
    minCompletedReviews: 2,
    coiYears: 3,
    consortiumYears: 3,
    appealDays: 10,
    discloseReviewers: false,
    requiredDeclarations: [],
    form: { aggregation: 'mean', overallThreshold: null, criteria: [{ ...NEW_CRITERION }] },
  },
});

/** A saved programme as the form's values, for editing (the inverse of `programmeBody`). */
export const programmeValues = (p: Programme): ProgrammeValues => ({
  kind: p.kind,
  titleZh: p.titleZh ?? '',
  titleEn: p.titleEn,
  year: p.year,
  description: p.description ?? '',
  isSample: p.isSample,
  settings: {
    minReviewers: p.settings.minReviewers,
    minCompletedReviews: p.settings.minCompletedReviews,
    coiYears: p.settings.coiYears,
    consortiumYears: p.settings.consortiumYears,
    appealDays: p.settings.appealDays,
    discloseReviewers: p.settings.discloseReviewers,
    requiredDeclarations: [...p.settings.requiredDeclarations],
    form: { aggregation: p.settings.form.aggregation, overallThreshold: p.settings.form.overallThreshold, criteria: p.settings.form.criteria.map((c) => ({ ...c })) },
  },
});

const text = (v: string | undefined | null): string | null => (v && v.trim() ? v.trim() : null);
const num = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The form's values as `ZProgrammeInput`: texts trimmed (empty ones null),
 * criterion codes lower-cased, and each criterion carrying only its kind's
 * fields (min/max for numeric, scale for rating). Blank numbers stay out so
 * the server's defaults apply, or are sent as they are for it to refuse.
 */
export const programmeBody = (v: ProgrammeValues): Record<string, unknown> => {
  const s = v.settings;
  const settings: Record<string, unknown> = {
    discloseReviewers: s.discloseReviewers,
    requiredDeclarations: s.requiredDeclarations.map((d) => d.trim()).filter(Boolean),
    form: {
      aggregation: s.form.aggregation ?? 'mean',
      overallThreshold: num(s.form.overallThreshold),
      criteria: s.form.criteria.map((c) => {
        const base = {
          id: (c.id ?? '').trim().toLowerCase(),
          label: (c.label ?? '').trim(),
          kind: c.kind ?? 'rating',
          weight: num(c.weight),
          commentBelow: num(c.commentBelow),
          threshold: num(c.threshold),
        };
        if (base.kind === 'numeric') return { ...base, min: num(c.min), max: num(c.max) };
        if (base.kind === 'rating') return { ...base, scale: num(c.scale) };
        return base;
      }),
    },
  };
  for (const k of ['minReviewers', 'minCompletedReviews', 'coiYears', 'consortiumYears', 'appealDays'] as const) {
    const n = num(s[k]);
    if (n !== null) settings[k] = n;
  }
  return {
    kind: v.kind,
    titleZh: text(v.titleZh),
    titleEn: text(v.titleEn) ?? '',
    year: num(v.year),
    description: text(v.description),
    isSample: v.isSample,
    settings,
  };
};

/**
 * The registered form field a server issue belongs to: the longest prefix of
 * its path that names a field (`settings.form.criteria.0.min` → that
 * criterion's `min`; `settings.form.criteria` → the list, not registered →
 * null, shown above the form).
 */
export const fieldForIssue = (path: string, registered: readonly (string | number)[][]): (string | number)[] | null => {
  const parts = path.split('.').filter(Boolean);
  const known = new Set(registered.map((n) => n.join('.')));
  for (let n = parts.length; n > 0; n -= 1) {
    const prefix = parts.slice(0, n);
    if (known.has(prefix.join('.'))) return prefix.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  }
  return null;
};

/** The range a criterion is scored on, for a summary: "0–100", "1–5", or null (pass/fail). */
export const criterionRange = (c: ScoringCriterion): string | null => {
  if (c.kind === 'numeric') return `${c.min}–${c.max}`;
  if (c.kind === 'rating') return `1–${c.scale}`;
  return null;
};

/** Each criterion's share of the form's total weight, in per cent (rounded to one decimal). */
export const weightShares = (form: Programme['settings']['form']): Record<string, number> => {
  const total = form.criteria.reduce((sum, c) => sum + c.weight, 0);
  return Object.fromEntries(form.criteria.map((c) => [c.id, total > 0 ? Math.round((c.weight / total) * 1000) / 10 : 0]));
};
