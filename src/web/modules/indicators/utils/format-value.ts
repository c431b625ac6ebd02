import type { TObservation, TQualifier } from '../../../../shared/schemas/indicators.js';
import { formatNumber } from '../../../i18n/format.js';
import { qualifierKey } from '../../../i18n/keys.js';
import type { Translator } from '../../../i18n/translate.js';
import { findUnitRule } from './units.js';

export type FormattedValue = {
  /** The figure with its qualifier ("超过 6%", "about 120"), or what the source says when there is no number. */
  text: string;
  /** The number alone, with unit when attached (for big-number displays). */
  number: string | null;
  /** The unit shown after the number, if any. */
  unit: string | null;
  /** Qualifier words before the number ("超过", "about"), if any. */
  prefix: string | null;
  /** True when there is no number to show (qualitative or redacted). */
  missing: boolean;
};

/** 1/2, 1/3, 2/3, 1/4 …: fractions with a small denominator read better than 0.3333. */
export const asSimpleFraction = (value: number): [number, number] | null => {
  if (value <= 0 || value >= 1) return null;
  for (let d = 2; d <= 10; d += 1) {
    const n = Math.round(value * d);
    if (n > 0 && Math.abs(value - n / d) < 1e-6) return [n, d];
  }
  return null;
};

/**
 * As many decimals as the figure has (up to 4): a source's "853.69" is shown
 * as 853.69, never rounded to 853.7; float noise from unit conversion
 * (853.69 × 10) is ignored.
 */
export const decimalsOf = (value: number): number => {
  const text = String(Number(value.toPrecision(12)));
  if (text.includes('e')) return 4;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(4, text.length - dot - 1);
};

/**
 * Formats one observation for display, honestly: the qualifier is always
 * shown ("more than", "about"), a redacted figure says so, and a qualitative
 * one shows the source's own words.
 */
export const formatObservationValue = (
  observation: Pick<TObservation, 'value' | 'valueAsGiven' | 'qualifier'>,
  unit: string | null,
  t: Translator,
): FormattedValue => {
  const { value, qualifier } = observation;
  if (qualifier === 'redacted' || value === null) {
    const text = qualifier === 'redacted' ? t('value.redacted') : (observation.valueAsGiven ?? t('value.none'));
    return { text, number: null, unit: null, prefix: null, missing: true };
  }
  const rule = findUnitRule(unit);
  let numberText: string;
  let unitText: string | null;
  if (rule?.rank) {
    numberText = t(rule.key, { n: formatNumber(value, t.locale, 0) });
    unitText = null;
  } else {
    const fraction = rule ? null : asSimpleFraction(value);
    const scaled = t.locale === 'zh-CN' && rule?.zhFactor ? value * rule.zhFactor : value;
    numberText = fraction ? t('value.fraction', { n: fraction[0], d: fraction[1] }) : formatNumber(scaled, t.locale, decimalsOf(scaled));
    unitText = rule ? t(rule.key) : unit;
    if (rule?.attached) {
      numberText = `${numberText}${unitText}`;
      unitText = null;
    }
  }
  const prefix = qualifierPrefix(qualifier, t);
  const withUnit = unitText ? t('value.withUnit', { number: numberText, unit: unitText }) : numberText;
  const text = prefix ? t('value.qualified', { prefix, value: withUnit }) : withUnit;
  return { text, number: numberText, unit: unitText, prefix, missing: false };
};

const qualifierPrefix = (qualifier: TQualifier, t: Translator): string | null =>
  qualifier === 'exact' || qualifier === 'qualitative' || qualifier === 'redacted' ? null : t(qualifierKey(qualifier));
