import type { EChartsOption } from 'echarts';
import type { ChartTheme } from '../../../charts/chart-theme.js';
import { tooltipHtml } from '../../../charts/options/tooltip.js';
import { formatNumber } from '../../../i18n/format.js';
import type { Translator } from '../../../i18n/translate.js';
import type { MetricsReport, Rate } from '../types.js';
import { formatFraction, formatMonth, formatPercent } from './metrics.js';

type Trend = MetricsReport['trend'];
const RATES = ['responseOnTime', 'resolutionOnTime', 'reopenAwareResolution'] as const;
type RateKey = (typeof RATES)[number];

const rateName = (key: RateKey, t: Translator): string =>
  key === 'responseOnTime' ? t('services.metrics.responseOnTime') : key === 'resolutionOnTime' ? t('services.metrics.resolutionOnTime') : t('services.metrics.reopenAware');

/** The tooltip of one month: each rate with its base. */
export const ratesTooltip = (trend: Trend, index: number, t: Translator) => {
  const p = trend[index];
  if (!p) return null;
  return { title: formatMonth(p.period, t), lines: RATES.map((k) => `${rateName(k, t)}: ${formatPercent(p.metrics[k], t)} (${formatFraction(p.metrics[k])})`) };
};

const percent = (r: Rate): number | null => (r.value === null ? null : Math.round(r.value * 1000) / 10);

/**
 * The three SLA rates by month of receipt, as lines (0–100 %). A month with
 * nothing decided leaves a gap rather than a zero.
 */
export const buildRatesTrendOption = (trend: Trend, theme: ChartTheme, t: Translator): EChartsOption => ({
  animation: theme.animation,
  textStyle: { fontFamily: theme.fontFamily, color: theme.text },
  color: [...theme.series],
  grid: { left: 8, right: 16, top: 36, bottom: 4, containLabel: true },
  legend: { top: 0, textStyle: { color: theme.textSecondary } },
  tooltip: {
    trigger: 'axis',
    confine: true,
    formatter: (params: unknown) => {
      const first = Array.isArray(params) ? (params[0] as { dataIndex?: number } | undefined) : (params as { dataIndex?: number });
      const content = ratesTooltip(trend, first?.dataIndex ?? -1, t);
      return content ? tooltipHtml(content) : '';
    },
  },
  xAxis: { type: 'category', data: trend.map((p) => formatMonth(p.period, t)), axisTick: { show: false }, axisLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.textSecondary } },
  yAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: theme.textSecondary, formatter: '{value}%' }, splitLine: { lineStyle: { color: theme.border } } },
  series: RATES.map((k) => ({ type: 'line', name: rateName(k, t), connectNulls: false, symbolSize: 7, data: trend.map((p) => percent(p.metrics[k])) })),
});

/** Cases received per month (bars) and the mean satisfaction of those rated (a line on its own 1–5 axis). */
export const buildVolumeTrendOption = (trend: Trend, theme: ChartTheme, t: Translator): EChartsOption => ({
  animation: theme.animation,
  textStyle: { fontFamily: theme.fontFamily, color: theme.text },
  grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
  legend: { top: 0, textStyle: { color: theme.textSecondary } },
  tooltip: {
    trigger: 'axis',
    confine: true,
    formatter: (params: unknown) => {
      const first = Array.isArray(params) ? (params[0] as { dataIndex?: number } | undefined) : undefined;
      const p = trend[first?.dataIndex ?? -1];
      if (!p) return '';
      const s = p.metrics.satisfaction;
      return tooltipHtml({
        title: formatMonth(p.period, t),
        lines: [
          `${t('services.metrics.received')}: ${p.metrics.received}`,
          `${t('services.metrics.satisfaction')}: ${s.mean === null ? t('services.metrics.noValue') : formatNumber(s.mean, t.locale, 1)} (${t('services.metrics.ratedCount', { count: s.count })})`,
        ],
      });
    },
  },
  xAxis: { type: 'category', data: trend.map((p) => formatMonth(p.period, t)), axisTick: { show: false }, axisLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.textSecondary } },
  yAxis: [
    { type: 'value', minInterval: 1, axisLabel: { color: theme.textSecondary }, splitLine: { lineStyle: { color: theme.border } } },
    { type: 'value', min: 0, max: 5, interval: 1, axisLabel: { color: theme.textSecondary }, splitLine: { show: false } },
  ],
  series: [
    { type: 'bar', name: t('services.metrics.received'), barMaxWidth: 36, itemStyle: { color: theme.primary, borderRadius: [4, 4, 0, 0] }, data: trend.map((p) => p.metrics.received) },
    { type: 'line', name: t('services.metrics.satisfaction'), yAxisIndex: 1, symbolSize: 7, itemStyle: { color: theme.series[1] ?? theme.primary }, data: trend.map((p) => (p.metrics.satisfaction.mean === null ? null : Math.round(p.metrics.satisfaction.mean * 10) / 10)) },
  ],
});
