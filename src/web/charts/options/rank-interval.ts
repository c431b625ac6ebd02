import type { EChartsOption } from 'echarts';
import type { TAnalysisResult } from '../../../shared/schemas/evaluation.js';
import { formatNumber } from '../../i18n/format.js';
import type { Translator } from '../../i18n/translate.js';
import type { ChartTheme } from '../chart-theme.js';
import { tooltipHtml } from './tooltip.js';

type RankStat = TAnalysisResult['rankStats'][number];

/** Units by nominal rank (best at the top); units without a nominal rank left out. */
export const sortRankStats = (stats: readonly RankStat[]): RankStat[] =>
  stats.filter((s) => s.nominal !== null && s.q5 !== null && s.q95 !== null).sort((a, b) => (a.nominal as number) - (b.nominal as number) || a.uCode.localeCompare(b.uCode));

/**
 * Each unit's rank interval over the uncertainty analysis (5th–95th
 * percentile) as a floating bar, with its nominal rank as a dark tick.
 * Bars only (a transparent base stacked under the visible span), so no
 * further ECharts series needs registering.
 */
export const buildRankIntervalOption = (stats: readonly RankStat[], theme: ChartTheme, t: Translator): EChartsOption => {
  const rows = sortRankStats(stats).reverse();
  const tick = 0.35;
  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    grid: { left: 8, right: 16, top: 8, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: (params: unknown) => {
        const first = Array.isArray(params) ? (params[0] as { dataIndex?: number }) : (params as { dataIndex?: number });
        const row = rows[first?.dataIndex ?? -1];
        if (!row) return '';
        return tooltipHtml({
          title: `${row.uName} (${row.uCode})`,
          lines: [
            t('evaluation.sa.tooltip.nominal', { rank: formatNumber(row.nominal as number, t.locale) }),
            t('evaluation.sa.tooltip.interval', { q5: formatNumber(row.q5 as number, t.locale, 1), q95: formatNumber(row.q95 as number, t.locale, 1) }),
            t('evaluation.sa.tooltip.median', { median: formatNumber(row.median ?? Number.NaN, t.locale, 1) }),
          ],
        });
      },
    },
    xAxis: { type: 'value', min: 0.5, max: Math.max(1, ...rows.map((r) => r.q95 as number)) + 0.5, name: t('evaluation.sa.rankAxis'), nameLocation: 'middle', nameGap: 22, splitLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.textSecondary, showMinLabel: false, showMaxLabel: false } },
    yAxis: { type: 'category', data: rows.map((r) => r.uCode), axisTick: { show: false }, axisLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.text, fontSize: 10, interval: 0 } },
    series: [
      { type: 'bar', stack: 'interval', silent: true, itemStyle: { color: 'transparent' }, data: rows.map((r) => Math.max(0, (r.q5 as number) - 0.5)) },
      { type: 'bar', stack: 'interval', name: t('evaluation.sa.interval'), barMaxWidth: 10, itemStyle: { color: theme.series[0] ?? theme.primary, borderRadius: 3, opacity: 0.55 }, data: rows.map((r) => (r.q95 as number) - (r.q5 as number) + 1) },
      { type: 'bar', stack: 'nominal', barGap: '-100%', silent: true, itemStyle: { color: 'transparent' }, data: rows.map((r) => (r.nominal as number) - tick) },
      { type: 'bar', stack: 'nominal', name: t('evaluation.sa.nominal'), barMaxWidth: 10, itemStyle: { color: theme.text }, data: rows.map(() => 2 * tick) },
    ],
  };
};
