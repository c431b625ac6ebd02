import { formatNumber } from '../../../i18n/format.js';
import type { Translator } from '../../../i18n/translate.js';
import { displayScale, unitLabel } from './unit-label.js';
import { findUnitRule } from './units.js';

/**
 * A computed amount in an indicator's unit (a projection, a pace, what
 * remains): rounded to a sensible precision, unlike a source's figure, which
 * keeps its own. `signed` writes a plus sign on gains, and a change of a
 * percentage is in percentage points.
 */
export const formatAmount = (value: number, unit: string | null, t: Translator, signed = false): string => {
  const scaled = value * displayScale(unit, t.locale);
  const abs = Math.abs(scaled);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = formatNumber(scaled, t.locale, digits);
  const number = signed && scaled > 0 && text !== '0' ? `+${text}` : text;
  const label = unitLabel(unit, t);
  if (!label) return number;
  const rule = findUnitRule(unit);
  if (signed && rule?.key === 'unit.percent') return t('value.withUnit', { number, unit: t('indicators.unit.points') });
  return rule?.attached ? `${number}${label}` : t('value.withUnit', { number, unit: label });
};
