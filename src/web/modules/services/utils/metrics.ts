import { formatNumber, pickName } from '../../../i18n/format.js';
import type { Translator } from '../../../i18n/translate.js';
import type { MetricsReport, Rate, ServiceMetrics } from '../types.js';
import { demandTypeLabel } from './labels.js';

/** A rate as a percentage, "—" when nothing was decided yet. */
export const formatPercent = (rate: Pick<Rate, 'value'>, t: Translator): string =>
  rate.value === null ? t('services.metrics.noValue') : `${formatNumber(rate.value * 100, t.locale, 1)}%`;

/** The base of a rate, "6 / 7". */
export const formatFraction = (rate: Pick<Rate, 'numerator' | 'denominator'>): string => `${rate.numerator} / ${rate.denominator}`;

/** Mean satisfaction "4.5", or "—". */
export const formatSatisfaction = (s: ServiceMetrics['satisfaction'], t: Translator): string => (s.mean === null ? t('services.metrics.noValue') : formatNumber(s.mean, t.locale, 1));

export type MetricRow = { key: string; label: string; metrics: ServiceMetrics };

/**
 * The groups of a report as table rows, named in the UI language: a
 * department or district by its name, a type by its label; the group of cases
 * without one ("unrouted", "no district") by what it stands for.
 */
export const metricRows = (report: Pick<MetricsReport, 'groups'>, groupBy: 'department' | 'district' | 'type', t: Translator): MetricRow[] =>
  report.groups.map((g) => ({
    key: g.key ?? '∅',
    label:
      g.key === null
        ? groupBy === 'department'
          ? t('services.metrics.noDepartment')
          : groupBy === 'district'
            ? t('services.metrics.noDistrict')
            : t('services.metrics.noType')
        : groupBy === 'type'
          ? demandTypeLabel(t, g.key)
          : pickName({ nameZh: g.nameZh, nameEn: g.nameEn }, t.locale) || g.key,
    metrics: g.metrics,
  }));

/** "2026-03" → "2026年3月" / "Mar 2026". */
export const formatMonth = (period: string, t: Translator): string => {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  if (t.locale === 'zh-CN') return `${m[1]}年${Number(m[2])}月`;
  return new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
};
