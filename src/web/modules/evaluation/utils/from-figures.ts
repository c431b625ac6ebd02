import type { TDatasetFromFigures } from '../../../../shared/schemas/evaluation.js';
import type { TIndicator } from '../../../../shared/schemas/indicators.js';
import type { FieldIssue } from '../../../../shared/errors.js';

/**
 * "Build from the centre's figures": the dialog's values, the request body
 * (`POST /datasets/from-figures`), the indicators a level offers, and where a
 * refusal's field issues go (`indicators.<i>.code`, `period`).
 */

export const FIGURE_LEVELS = ['district', 'park', 'organisation'] as const;
export type FigureLevel = (typeof FIGURE_LEVELS)[number];

/** One indicator row of the dialog; `direction` 0 keeps the catalogue's, `pillar` '' puts it straight under the index. */
export type FigureRow = { code?: string; weight?: number | null; direction?: 0 | 1 | -1; pillar?: string };

export type FiguresValues = {
  name: string;
  description?: string;
  level: FigureLevel;
  period: string;
  includeEstimated: boolean;
  indicators: FigureRow[];
};

/** A year (2023), a quarter (2023-Q2) or a month (2023-07), as the server accepts. */
export const PERIOD_PATTERN = /^\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$/;
/** What a pillar code may be (letters, digits, _; a letter first). */
export const PILLAR_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

export const initialFiguresValues = (period: string): FiguresValues => ({
  name: '',
  description: '',
  level: 'district',
  period,
  includeEstimated: false,
  indicators: [{ weight: 1, direction: 0, pillar: '' }, { weight: 1, direction: 0, pillar: '' }],
});

/** The request body: trimmed text, empty description and pillar as null, direction 0 as the catalogue's (null). */
export const figuresBody = (v: FiguresValues): TDatasetFromFigures => {
  const description = v.description?.trim() ?? '';
  return {
    name: v.name.trim(),
    description: description || null,
    level: v.level,
    period: v.period.trim(),
    includeEstimated: v.includeEstimated,
    indicators: v.indicators.map((r) => ({
      code: r.code ?? '',
      weight: r.weight ?? 1,
      direction: r.direction === 1 || r.direction === -1 ? r.direction : null,
      pillar: r.pillar?.trim() || null,
    })),
  };
};

/** The catalogue's indicators measured at a level (the server's `?level=` filter, applied to the cached catalogue), by code. */
export const indicatorsAtLevel = (indicators: readonly TIndicator[], level: FigureLevel): TIndicator[] =>
  indicators.filter((i) => i.level === level).sort((a, b) => a.code.localeCompare(b.code));

/** The periods a level's figures cover, newest first: the dialog suggests them. */
export const periodsAtLevel = (indicators: readonly TIndicator[], level: FigureLevel): string[] => {
  const periods = new Set<string>();
  for (const i of indicatorsAtLevel(indicators, level)) for (const o of i.observations) if (o.period && PERIOD_PATTERN.test(o.period)) periods.add(o.period);
  return [...periods].sort((a, b) => b.localeCompare(a));
};

/** A form field's name for a server issue path: `indicators.3.code` → ['indicators', 3, 'code'], `period` → ['period']; null for paths the form lacks. */
export const figuresFieldFor = (path: string, rows: number): (string | number)[] | null => {
  const parts = path.split('.');
  const head = parts[0];
  if (head === 'indicators' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const row = Number(parts[1]);
    const field = parts[2];
    if (row >= rows || !field || !['code', 'weight', 'direction', 'pillar'].includes(field)) return null;
    return ['indicators', row, field];
  }
  if (head === 'name' || head === 'description' || head === 'level' || head === 'period' || head === 'includeEstimated') return parts.length === 1 ? [head] : null;
  return null;
};

/** Issues grouped by form field (in the order they came), and those no field takes. */
export const placeFiguresIssues = (issues: readonly FieldIssue[], rows: number): { fields: { name: (string | number)[]; issues: FieldIssue[] }[]; rest: FieldIssue[] } => {
  const byField = new Map<string, { name: (string | number)[]; issues: FieldIssue[] }>();
  const rest: FieldIssue[] = [];
  for (const issue of issues) {
    const name = issue.in === 'body' ? figuresFieldFor(issue.path, rows) : null;
    if (!name) {
      rest.push(issue);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, issues: [] };
    entry.issues.push(issue);
    byField.set(key, entry);
  }
  return { fields: [...byField.values()], rest };
};
