import type { EChartsOption } from 'echarts';
import type { ChartTheme } from '../../charts/chart-theme.js';
import type { Translator } from '../../i18n/translate.js';
import type { Funnel } from './hooks.js';

/** The funnel's steps in the order they are drawn (top to bottom). */
export const FUNNEL_STEPS = ['members', 'surviving', 'graduated', 'funded', 'withContracts', 'withPatents'] as const;

const bars = (labels: string[], values: number[], theme: ChartTheme, name: string, color: string, suffix = ''): EChartsOption => ({
  animation: theme.animation,
  textStyle: { fontFamily: theme.fontFamily, color: theme.text },
  grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
  tooltip: { trigger: 'item', confine: true },
  xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.textSecondary } },
  yAxis: { type: 'category', data: [...labels].reverse(), axisTick: { show: false }, axisLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.text } },
  series: [{ type: 'bar', name, barMaxWidth: 22, data: [...values].reverse(), itemStyle: { color, borderRadius: [0, 4, 4, 0] }, label: { show: true, position: 'right', color: theme.textSecondary, formatter: `{c}${suffix}` } }],
});

/** A cohort's funnel as horizontal bars: start-ups taken in, then those at each step. */
export const buildFunnelOption = (funnel: Funnel, theme: ChartTheme, t: Translator): EChartsOption =>
  bars(
    FUNNEL_STEPS.map((s) => t(`incubators.funnel.${s}`)),
    FUNNEL_STEPS.map((s) => funnel[s]),
    theme,
    t('incubators.funnel.title'),
    theme.primary,
  );

/** Survival per incubator type (one intake year, or all years): percentages, like for like. */
export const buildSurvivalByTypeOption = (rows: readonly { label: string; rate: number | null }[], theme: ChartTheme, t: Translator): EChartsOption =>
  bars(
    rows.map((r) => r.label),
    rows.map((r) => (r.rate === null ? 0 : Math.round(r.rate * 1000) / 10)),
    theme,
    t('incubators.compare.survival'),
    theme.series[1] ?? theme.primary,
    '%',
  );
