import type { Locale } from '../../../i18n/keys.js';
import type { Translator } from '../../../i18n/translate.js';
import { findUnitRule } from './units.js';

/** The unit as a reader says it ("亿元", "件/万人", "%"), or as given when no rule knows it; null without a unit. */
export const unitLabel = (unit: string | null, t: Translator): string | null => {
  const rule = findUnitRule(unit);
  if (!rule) return unit;
  if (rule.rank) return t('indicators.unit.rank');
  return t(rule.key);
};

/** What a value is multiplied by to read in `unitLabel`'s unit (billion yuan → 亿元 is ×10 in Chinese). */
export const displayScale = (unit: string | null, locale: Locale): number => {
  const rule = findUnitRule(unit);
  return locale === 'zh-CN' && rule?.zhFactor ? rule.zhFactor : 1;
};
