import { formatNumber } from '../../../i18n/format.js';
import type { Locale } from '../../../i18n/keys.js';
import type { FactDefinition } from '../types.js';

/** An amount in yuan: 50 万元 / CNY 500,000 (Chinese readers count in 万). */
export const formatYuan = (value: number, locale: Locale): string => {
  if (locale === 'zh-CN') {
    if (Math.abs(value) >= 100_000_000) return `${formatNumber(value / 100_000_000, locale, 2)} 亿元`;
    if (Math.abs(value) >= 10_000) return `${formatNumber(value / 10_000, locale, 2)} 万元`;
    return `${formatNumber(value, locale, 2)} 元`;
  }
  return `CNY ${formatNumber(value, locale, 0)}`;
};

export const factLabel = (catalogue: readonly FactDefinition[] | undefined, name: string, locale: Locale): string => {
  const def = catalogue?.find((f) => f.name === name);
  if (!def) return name;
  return locale === 'zh-CN' ? def.labelZh : def.labelEn;
};

/** The label as a field or option name: capitalised in English ("R&D intensity", "Employees"). */
export const factTitle = (catalogue: readonly FactDefinition[] | undefined, name: string, locale: Locale): string => {
  const label = factLabel(catalogue, name, locale);
  return locale === 'en-US' ? label.charAt(0).toUpperCase() + label.slice(1) : label;
};

export const factUnit = (def: FactDefinition | undefined, locale: Locale): string | null => (def ? (locale === 'zh-CN' ? def.unitZh : def.unitEn) : null);

export type Words = { yes: string; no: string; missing: string; listSep: string };

/** A fact's value as the reader expects it: 4.5 %, 120 人, 是/否, a list; `labelOf` names codes (recognitions). */
export const formatFactValue = (def: FactDefinition | undefined, value: unknown, locale: Locale, words: Words, labelOf?: (code: string) => string): string => {
  if (value === null || value === undefined) return words.missing;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => (typeof v === 'string' && labelOf ? labelOf(v) : String(v))).join(words.listSep);
  if (typeof value === 'number') {
    if (def?.unitZh === '元') return formatYuan(value, locale);
    const unit = factUnit(def, locale);
    const n = def?.name === 'foundedYear' ? String(value) : formatNumber(value, locale, 2);
    if (!unit) return n;
    return unit === '%' ? `${n} %` : `${n} ${unit}`;
  }
  if (typeof value === 'string' && labelOf) return labelOf(value);
  return String(value);
};

export const SYMBOLS: Record<string, string> = { '==': '=', '===': '=', '!=': '≠', '!==': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

/**
 * The engine's rule in words quotes codes as written (“bj-110108”,
 * “high_tech_enterprise”); the reader gets their names instead: each quoted
 * code the lookup knows is replaced by its quoted label.
 */
export const nameCodesInText = (text: string, nameOf: (code: string) => string | undefined): string =>
  text.replace(/(["“])([A-Za-z0-9_.-]+)(["”])/g, (whole, open: string, code: string, close: string) => {
    const name = nameOf(code);
    return name && name !== code ? `${open}${name}${close}` : whole;
  });
