import type { EChartsOption } from 'echarts';
import type { TFinanceStatistics } from '../../../shared/schemas/finance.js';
import type { ChartTheme } from '../../charts/chart-theme.js';
import { escapeHtml } from '../../charts/options/escape-html.js';

/**
 * The financing funnel: one group of bars per step (first round, A, B, C,
 * D+, listed), one bar per cohort year; the tooltip gives the conversion
 * from the step before.
 */
export const buildFunnelOption = (funnel: TFinanceStatistics['funnel'], stepLabel: (step: string) => string, theme: ChartTheme, conversionLabel: string): EChartsOption => {
  const steps = funnel[0]?.steps.map((s) => s.step) ?? [];
  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: theme.textSecondary } },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: unknown) => {
        const { seriesIndex = 0, dataIndex = 0, seriesName = '', value } = p as { seriesIndex?: number; dataIndex?: number; seriesName?: string; value?: number };
        const c = funnel[seriesIndex]?.steps[dataIndex]?.conversion;
        return `${escapeHtml(`${seriesName} · ${stepLabel(steps[dataIndex] ?? '')}: ${value ?? 0}`)}${c == null ? '' : `<br/>${escapeHtml(`${conversionLabel} ${Math.round(c * 1000) / 10}%`)}`}`;
      },
    },
    xAxis: { type: 'category', data: steps.map(stepLabel), axisTick: { show: false }, axisLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.textSecondary, interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.textSecondary } },
    series: funnel.map((row, i) => ({ type: 'bar', name: String(row.cohort), barMaxWidth: 28, itemStyle: { color: theme.series[i % theme.series.length] }, data: row.steps.map((s) => s.companies) })),
  };
};
