import { periodTime } from '../../../../core/targets/progress.js';
import { formatPartialDate } from '../../../i18n/format.js';
import type { Translator } from '../../../i18n/translate.js';

/** The period a figure measures: its `period`, else its year, else null (the source gives no date). */
export const periodOf = (o: { period: string | null; year: number | null }): string | null => o.period ?? (o.year === null ? null : String(o.year));

/** A period as a point in time (years), for sorting and for the time axis; null when it does not parse. */
export const periodPoint = (period: string | null): number | null => (period === null ? null : periodTime(period));

/** `2023` → 2023年 / 2023; `2023-Q2` → 2023年第2季度 / Q2 2023; `2023-07` → 2023年7月 / Jul 2023. */
export const formatPeriod = (period: string, t: Translator): string => {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return t('indicators.period.quarter', { year: quarter[1] ?? '', quarter: quarter[2] ?? '' });
  return formatPartialDate(period, t.locale);
};

/** A deadline (a year or a day), as words. */
export const formatDeadline = (deadline: string, t: Translator): string => formatPartialDate(deadline, t.locale);
