import type { EChartsOption } from 'echarts';
import { formatNumber } from '../../i18n/format.js';
import type { Translator } from '../../i18n/translate.js';
import type { ChartTheme } from '../chart-theme.js';
import { tooltipHtml } from './tooltip.js';

export type ContributionBar = { code: string; name: string; contribution: number; effectiveWeight: number; value: number | null };

/** A unit's score split into its parts' contributions (effective weight × value), largest at the top; they add up to the score. */
export const buildContributionOption = (parts: readonly ContributionBar[], theme: ChartTheme, t: Translator): EChartsOption => {
  const rows = [...parts].sort((a, b) => a.contribution - b.contribution);
  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const row = rows[(params as { dataIndex?: number }).dataIndex ?? -1];
        if (!row) return '';
        return tooltipHtml({
          title: row.name,
          lines: [
            t('evaluation.contrib.tooltip', {
              contribution: formatNumber(row.contribution, t.locale, 2),
              weight: formatNumber(row.effectiveWeight * 100, t.locale, 1),
              value: row.value === null ? '—' : formatNumber(row.value, t.locale, 1),
            }),
          ],
        });
      },
    },
    xAxis: { type: 'value', splitLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.textSecondary } },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisTick: { show: false }, axisLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.text, width: 160, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 16,
        data: rows.map((r) => ({ value: r.contribution, itemStyle: { color: theme.series[0] ?? theme.primary, borderRadius: [0, 3, 3, 0] } })),
        label: { show: true, position: 'right', color: theme.textSecondary, formatter: (p: unknown) => formatNumber((p as { value: number }).value, t.locale, 1) },
      },
    ],
  };
};
