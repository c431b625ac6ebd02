import type { TIndicator, TIndicatorLevel, TTarget } from '../../../../shared/schemas/indicators.js';
import { latestFigures, type LatestFigures } from './latest.js';

export type CatalogueRow = {
  indicator: TIndicator;
  latest: LatestFigures | null;
  /** How many figures the indicator has (every subject, period and status). */
  figures: number;
  /** How many subjects (areas, organisations) its figures are about. */
  subjects: number;
  targets: number;
};

export type CatalogueFilter = { q: string; level: TIndicatorLevel | null; hasFigures: boolean };

/** One row per indicator: its latest figures, how many figures and targets it has. */
export const catalogueRows = (indicators: readonly TIndicator[], targets: readonly Pick<TTarget, 'indicatorCode'>[]): CatalogueRow[] => {
  const targetCount = new Map<string, number>();
  for (const t of targets) if (t.indicatorCode) targetCount.set(t.indicatorCode, (targetCount.get(t.indicatorCode) ?? 0) + 1);
  return indicators.map((indicator) => ({
    indicator,
    latest: latestFigures(indicator.observations),
    figures: indicator.figureCount,
    subjects: indicator.subjectCount,
    targets: targetCount.get(indicator.code) ?? 0,
  }));
};

const matches = (row: CatalogueRow, needle: string): boolean => {
  const i = row.indicator;
  return [i.nameZh, i.nameEn, i.code, i.definitionZh, i.definitionEn].some((s) => s?.toLowerCase().includes(needle));
};

/** The rows a search (names, code, definitions), a level and "has figures" leave. */
export const filterCatalogue = (rows: readonly CatalogueRow[], filter: CatalogueFilter): CatalogueRow[] => {
  const needle = filter.q.trim().toLowerCase();
  return rows.filter((r) => (!needle || matches(r, needle)) && (!filter.level || r.indicator.level === filter.level) && (!filter.hasFigures || r.figures > 0));
};

/** Indicators per level (for the filter's counts). */
export const countByLevel = (rows: readonly CatalogueRow[]): Partial<Record<TIndicatorLevel, number>> => {
  const out: Partial<Record<TIndicatorLevel, number>> = {};
  for (const r of rows) out[r.indicator.level] = (out[r.indicator.level] ?? 0) + 1;
  return out;
};
