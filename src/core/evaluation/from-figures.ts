import type { TFrameworkElement } from '../../shared/schemas/evaluation.js';
import { csvLine } from '../tabular/csv.js';
import { elementsToMetaCsv } from './results.js';

/**
 * An index dataset built from the centre's own figures: the units are its
 * districts, parks or organisations, the indicators come from its catalogue,
 * and every cell remembers the figure it came from. The result is COINr's
 * iData + iMeta, so the same engine, runs and sensitivity analyses apply.
 */

export type FigureUnit = { code: string; name: string };
export type FigureIndicator = { code: string; name: string; unit: string; direction: 1 | -1; weight: number; pillar: string | null };
export type Figure = { unitCode: string; indicatorCode: string; value: number; figureId: string; preferred: boolean };

export type FiguresDataset = {
  dataCsv: string;
  metaCsv: string;
  /** uCode → indicator code → the figure (observation id) in that cell. */
  cells: Record<string, Record<string, string>>;
  filledCells: number;
  emptyCells: number;
};

export const INDEX_CODE = 'Index';

/**
 * The framework: indicators at level 1 under their pillars (level 2) and one
 * index on top, or straight under the index when no pillar is named.
 */
export const figuresFramework = (indicators: readonly FigureIndicator[], indexName: string): TFrameworkElement[] => {
  const pillars = [...new Set(indicators.map((i) => i.pillar).filter((p): p is string => p !== null))];
  const indexLevel = pillars.length > 0 ? 3 : 2;
  const element = (e: Partial<TFrameworkElement> & Pick<TFrameworkElement, 'type' | 'code'>): TFrameworkElement => ({ level: null, name: '', direction: null, weight: null, unit: '', target: null, denominator: null, parent: null, ...e });
  return [
    ...indicators.map((i) => element({ type: 'Indicator', level: 1, code: i.code, name: i.name, direction: i.direction, weight: i.weight, unit: i.unit, parent: i.pillar ?? INDEX_CODE })),
    ...pillars.map((p) => element({ type: 'Aggregate', level: 2, code: p, name: p, weight: 1, parent: INDEX_CODE })),
    element({ type: 'Aggregate', level: indexLevel, code: INDEX_CODE, name: indexName, weight: 1 }),
  ];
};

/**
 * Lay figures out as iData: one row per unit (in the order given), one column
 * per indicator; a cell is empty when no figure exists. Where a cell has two
 * figures, a preferred one (measured over estimated) wins, then the first given.
 */
export const buildFiguresDataset = (units: readonly FigureUnit[], indicators: readonly FigureIndicator[], figures: readonly Figure[], indexName: string): FiguresDataset => {
  const unitCodes = new Set(units.map((u) => u.code));
  const indicatorCodes = new Set(indicators.map((i) => i.code));
  const chosen = new Map<string, Figure>();
  for (const f of figures) {
    if (!unitCodes.has(f.unitCode) || !indicatorCodes.has(f.indicatorCode) || !Number.isFinite(f.value)) continue;
    const key = `${f.unitCode}\u0001${f.indicatorCode}`;
    const current = chosen.get(key);
    if (!current || (f.preferred && !current.preferred)) chosen.set(key, f);
  }
  const cells: Record<string, Record<string, string>> = {};
  let filledCells = 0;
  const lines = [csvLine(['uCode', 'uName', ...indicators.map((i) => i.code)])];
  for (const u of units) {
    const row: (string | number)[] = [u.code, u.name];
    for (const i of indicators) {
      const f = chosen.get(`${u.code}\u0001${i.code}`);
      if (f) {
        row.push(f.value);
        (cells[u.code] ??= {})[i.code] = f.figureId;
        filledCells++;
      } else row.push('');
    }
    lines.push(csvLine(row));
  }
  return { dataCsv: lines.join(''), metaCsv: elementsToMetaCsv(figuresFramework(indicators, indexName)), cells, filledCells, emptyCells: units.length * indicators.length - filledCells };
};
