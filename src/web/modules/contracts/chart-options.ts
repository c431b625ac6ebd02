import type { EChartsOption } from 'echarts';
import type { TStatistics } from '../../../shared/schemas/contracts.js';
import type { ChartTheme } from '../../charts/chart-theme.js';
import { tooltipHtml } from '../../charts/options/tooltip.js';
import { formatNumber } from '../../i18n/format.js';
import type { Translator } from '../../i18n/translate.js';

type Row = TStatistics['rows'][number];
type Bar = { label: string; row: Row };

/** 亿元 / 万元 for Chinese readers, billions / millions of yuan for English ones: how bulletins state turnover. */
export const formatTurnover = (yuan: number | null, t: Translator): string => {
  if (yuan === null) return '—';
  if (t.locale === 'zh-CN') return Math.abs(yuan) >= 1e8 ? `${formatNumber(yuan / 1e8, t.locale, 2)} 亿元` : `${formatNumber(yuan / 1e4, t.locale, 2)} 万元`;
  return Math.abs(yuan) >= 1e9 ? `CNY ${formatNumber(yuan / 1e9, t.locale, 3)} bn` : `CNY ${formatNumber(yuan / 1e6, t.locale, 2)} m`;
};

const growthText = (g: number | null, t: Translator) => (g === null ? '' : ` (${g >= 0 ? '+' : ''}${formatNumber(g, t.locale, 1)}%)`);

/** Tooltip lines of one cell: contracts, turnover, technical transaction amount, each with its growth. */
export const cellLines = (row: Row, t: Translator, minCell: number): string[] =>
  row.suppressed
    ? [t('contracts.stats.suppressed', { min: minCell })]
    : [
        `${t('contracts.stats.contracts')}: ${formatNumber(row.contracts ?? 0, t.locale)}${growthText(row.contractsGrowth, t)}`,
        `${t('contracts.stats.amount')}: ${formatTurnover(row.amount, t)}${growthText(row.amountGrowth, t)}`,
        `${t('contracts.stats.technicalAmount')}: ${formatTurnover(row.technicalAmount, t)}${growthText(row.technicalAmountGrowth, t)}`,
      ];

/** Vertical bars of contracts per year or month; a hidden cell draws no bar but keeps its place. */
export const buildCountBarsOption = (bars: readonly Bar[], theme: ChartTheme, t: Translator, minCell: number): EChartsOption => ({
  animation: theme.animation,
  textStyle: { fontFamily: theme.fontFamily, color: theme.text },
  grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
  tooltip: { trigger: 'item', confine: true, formatter: (p: unknown) => {
    const bar = bars[(p as { dataIndex?: number }).dataIndex ?? -1];
    return bar ? tooltipHtml({ title: bar.label, lines: cellLines(bar.row, t, minCell) }) : '';
  } },
  xAxis: { type: 'category', data: bars.map((b) => b.label), axisTick: { show: false }, axisLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.textSecondary } },
  yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.textSecondary } },
  series: [{ type: 'bar', name: t('contracts.stats.contracts'), barMaxWidth: 36, data: bars.map((b) => ({ value: b.row.contracts ?? 0, itemStyle: { color: theme.primary, borderRadius: [4, 4, 0, 0] } })), label: { show: true, position: 'top', color: theme.textSecondary, formatter: (p: unknown) => {
    const bar = bars[(p as { dataIndex?: number }).dataIndex ?? -1];
    return bar?.row.suppressed ? '*' : formatNumber(bar?.row.contracts ?? 0, t.locale);
  } } }],
});

export type Flow = { from: string; to: string; row: Row };

/**
 * Flows from sellers' districts to buyers' regions. Node names carry a side
 * prefix so a district and a region of the same name stay two nodes.
 */
export const buildFlowOption = (flows: readonly Flow[], theme: ChartTheme, t: Translator): EChartsOption => {
  const shown = flows.filter((f) => !f.row.suppressed && (f.row.technicalAmount ?? 0) > 0);
  const left = [...new Set(shown.map((f) => f.from))];
  const right = [...new Set(shown.map((f) => f.to))];
  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    tooltip: { trigger: 'item', confine: true, formatter: (p: unknown) => {
      const d = p as { dataType?: string; dataIndex?: number; name?: string };
      if (d.dataType !== 'edge') return tooltipHtml({ title: (d.name ?? '').slice(2), lines: [] });
      const f = shown[d.dataIndex ?? -1];
      return f ? tooltipHtml({ title: `${f.from} → ${f.to}`, lines: cellLines(f.row, t, 0) }) : '';
    } },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 120,
        top: 8,
        bottom: 8,
        nodeGap: 10,
        emphasis: { focus: 'adjacency' },
        data: [...left.map((n) => ({ name: `S:${n}`, itemStyle: { color: theme.primary } })), ...right.map((n, i) => ({ name: `B:${n}`, itemStyle: { color: theme.series[(i + 1) % theme.series.length] } }))],
        links: shown.map((f) => ({ source: `S:${f.from}`, target: `B:${f.to}`, value: f.row.technicalAmount ?? 0 })),
        label: { color: theme.text, formatter: (p: unknown) => String((p as { name?: string }).name ?? '').slice(2) },
        lineStyle: { color: 'gradient', opacity: 0.35 },
      },
    ],
  };
};
