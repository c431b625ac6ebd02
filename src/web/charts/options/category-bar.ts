import type { EChartsOption } from 'echarts';
import type { TDashboard } from '../../../shared/schemas/dashboard.js';
import { formatNumber } from '../../i18n/format.js';
import { categoryKey } from '../../i18n/keys.js';
import type { Translator } from '../../i18n/translate.js';
import type { ChartTheme } from '../chart-theme.js';
import { categoryColor } from '../palette.js';
import { tooltipHtml } from './tooltip.js';

type CategoryCount = TDashboard['categoryCounts'][number];

/** Categories with at least one record, largest first (ties by the translated name). */
export const sortCategoryCounts = (counts: readonly CategoryCount[], t: Translator): CategoryCount[] =>
  counts
    .filter((c) => c.total > 0)
    .sort((a, b) => b.total - a.total || t(categoryKey(a.category)).localeCompare(t(categoryKey(b.category)), t.locale));

/**
 * Horizontal bars of records per category, largest at the top, each bar in
 * its category's colour (the same as its tag elsewhere).
 */
export const buildCategoryBarOption = (counts: readonly CategoryCount[], theme: ChartTheme, t: Translator): EChartsOption => {
  // ECharts draws a category y axis bottom-up, so reverse to put the largest first.
  const rows = sortCategoryCounts(counts, t).reverse();
  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const row = rows[(params as { dataIndex?: number }).dataIndex ?? -1];
        if (!row) return '';
        return tooltipHtml({
          title: t(categoryKey(row.category)),
          lines: [t('chart.category.tooltip', { count: formatNumber(row.total, t.locale) })],
        });
      },
    },
    xAxis: {
      type: 'value',
      minInterval: 1,
      splitLine: { lineStyle: { color: theme.border } },
      axisLabel: { color: theme.textSecondary },
    },
    yAxis: {
      type: 'category',
      data: rows.map((r) => t(categoryKey(r.category))),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: theme.border } },
      axisLabel: { color: theme.text },
    },
    series: [
      {
        type: 'bar',
        name: t('chart.category.seriesName'),
        barMaxWidth: 18,
        data: rows.map((r) => ({ value: r.total, itemStyle: { color: categoryColor(r.category), borderRadius: [0, 4, 4, 0] } })),
        label: { show: true, position: 'right', color: theme.textSecondary },
      },
    ],
  };
};
