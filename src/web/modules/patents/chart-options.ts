import type { EChartsOption } from 'echarts';
import { PATENT_KINDS, type PatentKind } from '../../../shared/patents-vocabulary.js';
import type { ChartTheme } from '../../charts/chart-theme.js';
import type { Translator } from '../../i18n/translate.js';

/**
 * Patents per year stacked by kind: one bar per year, one stack per kind in
 * the palette's order, every year between the first and the last shown (an
 * empty year is a gap, not a missing column).
 */
export const buildYearKindOption = (rows: readonly { year: number; kind: PatentKind; patents: number }[], theme: ChartTheme, t: Translator): EChartsOption => {
  const years = rows.length ? Array.from({ length: Math.max(...rows.map((r) => r.year)) - Math.min(...rows.map((r) => r.year)) + 1 }, (_, i) => Math.min(...rows.map((r) => r.year)) + i) : [];
  const at = new Map(rows.map((r) => [`${r.year}|${r.kind}`, r.patents]));
  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: theme.textSecondary } },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: { type: 'category', data: years.map(String), axisTick: { show: false }, axisLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.textSecondary } },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.textSecondary } },
    series: PATENT_KINDS.map((kind, i) => ({ type: 'bar', stack: 'kind', name: t(`patents.kind.${kind}`), barMaxWidth: 36, itemStyle: { color: theme.series[i % theme.series.length] }, data: years.map((y) => at.get(`${y}|${kind}`) ?? 0) })),
  };
};

/** Horizontal bars, largest on top: IPC sections, districts, organisations. */
export const buildRankOption = (bars: readonly { label: string; value: number }[], theme: ChartTheme, name: string): EChartsOption => {
  const shown = [...bars].reverse();
  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item', confine: true },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.textSecondary } },
    yAxis: { type: 'category', data: shown.map((b) => b.label), axisTick: { show: false }, axisLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.text, width: 220, overflow: 'truncate' } },
    series: [{ type: 'bar', name, barMaxWidth: 22, data: shown.map((b) => b.value), itemStyle: { color: theme.primary, borderRadius: [0, 4, 4, 0] }, label: { show: true, position: 'right', color: theme.textSecondary } }],
  };
};
