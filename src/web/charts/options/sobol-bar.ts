import type { EChartsOption } from 'echarts';
import type { TAnalysisResult } from '../../../shared/schemas/evaluation.js';
import { formatNumber } from '../../i18n/format.js';
import type { Translator } from '../../i18n/translate.js';
import type { ChartTheme } from '../chart-theme.js';
import { tooltipHtml } from './tooltip.js';

type SobolIndex = TAnalysisResult['indices'][number];

/**
 * First-order (Si) and total (STi) Sobol indices per uncertain input, side by
 * side; the bootstrap intervals are in the tooltip. Input names are passed
 * through `label` so the page can translate its own inputs.
 */
export const buildSobolBarOption = (indices: readonly SobolIndex[], label: (input: string) => string, theme: ChartTheme, t: Translator): EChartsOption => {
  const fmt = (x: number | null): string => (x === null ? '—' : formatNumber(x, t.locale, 3));
  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: (params: unknown) => {
        const first = Array.isArray(params) ? (params[0] as { dataIndex?: number }) : (params as { dataIndex?: number });
        const row = indices[first?.dataIndex ?? -1];
        if (!row) return '';
        return tooltipHtml({
          title: label(row.input),
          lines: [
            t('evaluation.sa.tooltip.si', { value: fmt(row.Si), q5: fmt(row.SiQ5), q95: fmt(row.SiQ95) }),
            t('evaluation.sa.tooltip.sti', { value: fmt(row.STi), q5: fmt(row.STiQ5), q95: fmt(row.STiQ95) }),
          ],
        });
      },
    },
    xAxis: { type: 'category', data: indices.map((i) => label(i.input)), axisTick: { show: false }, axisLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.text } },
    yAxis: { type: 'value', min: 0, splitLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.textSecondary } },
    series: [
      { type: 'bar', name: 'Si', barMaxWidth: 28, itemStyle: { color: theme.series[0] ?? theme.primary, borderRadius: [3, 3, 0, 0] }, data: indices.map((i) => Math.max(0, i.Si ?? 0)) },
      { type: 'bar', name: 'STi', barMaxWidth: 28, itemStyle: { color: theme.series[1] ?? theme.textSecondary, borderRadius: [3, 3, 0, 0] }, data: indices.map((i) => Math.max(0, i.STi ?? 0)) },
    ],
  };
};
