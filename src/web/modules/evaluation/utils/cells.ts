import type { TRunStep } from '../../../../shared/schemas/evaluation.js';
import type { Locale } from '../../../i18n/keys.js';
import type { Mark } from './export.js';

/**
 * A step dataset's cells on screen: numbers as precise as their size needs
 * (raw data mixes thousands with fractions), and each cell's mark.
 */

const formats = new Map<string, Intl.NumberFormat>();
const format = (locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat => {
  const key = `${locale}|${JSON.stringify(options)}`;
  let nf = formats.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, options);
    formats.set(key, nf);
  }
  return nf;
};

/** ≥ 1000: whole numbers; ≥ 1: two decimals; below: three significant digits. Missing: an em dash. */
export const formatCell = (value: number | null, locale: Locale): string => {
  if (value === null || !Number.isFinite(value)) return '—';
  const size = Math.abs(value);
  if (size >= 1000) return format(locale, { maximumFractionDigits: 0 }).format(value);
  if (size >= 1 || size === 0) return format(locale, { maximumFractionDigits: 2 }).format(value);
  return format(locale, { maximumSignificantDigits: 3 }).format(value);
};

/** Marks by unit and code: `${uCode}\u0000${code}` → filled | treated. */
export const cellMarks = (step: Pick<TRunStep, 'filled' | 'treated'>): Map<string, Mark> => {
  const marks = new Map<string, Mark>();
  for (const [u, c] of step.filled) marks.set(`${u}\u0000${c}`, 'filled');
  for (const [u, c] of step.treated) marks.set(`${u}\u0000${c}`, 'treated');
  return marks;
};

/** The columns holding at least one marked cell, in the step's order. */
export const markedCodes = (step: Pick<TRunStep, 'codes' | 'filled' | 'treated'>): string[] => {
  const marked = new Set([...step.filled, ...step.treated].map(([, c]) => c));
  return step.codes.filter((c) => marked.has(c));
};
