import { formatPartialDate } from '../../../i18n/format.js';
import type { Translator } from '../../../i18n/translate.js';

/** A validity period as words: "2021年—2024年", "自 2021年 起", "至 2024年", or "not stated". */
export const validityText = (validFrom: string | null, validTo: string | null, t: Translator): string => {
  const from = validFrom ? formatPartialDate(validFrom, t.locale) : null;
  const to = validTo ? formatPartialDate(validTo, t.locale) : null;
  if (from && to) return t('period.range', { from, to });
  if (from) return t('period.since', { from });
  if (to) return t('period.until', { to });
  return t('period.unknown');
};

/** The last day a partial date covers: 2024 → 2024-12-31, 2024-02 → 2024-02-31 (fine for comparing). */
const endOf = (date: string): string => (date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date);

/** True when a period ended before `today` (YYYY-MM-DD); a period without an end has not. */
export const hasEnded = (validTo: string | null, today: string): boolean => validTo !== null && endOf(validTo) < today;

/** Today as YYYY-MM-DD in the viewer's time zone. */
export const todayIso = (now: Date = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
