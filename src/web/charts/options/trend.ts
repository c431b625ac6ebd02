import type { EChartsOption } from 'echarts';
import type { TIndicator, TObservation } from '../../../shared/schemas/indicators.js';
import { pickName } from '../../i18n/format.js';
import type { Translator } from '../../i18n/translate.js';
import { formatObservationValue } from '../../modules/indicators/utils/format-value.js';
import type { ChartTheme } from '../chart-theme.js';
import { tooltipHtml, type TooltipContent } from './tooltip.js';

type Point = { year: number; value: number; observation: TObservation };

/** Observations that can be drawn on a time axis: a year and a number, one per year (the latest wins). */
export const trendPoints = (indicator: Pick<TIndicator, 'observations'>): Point[] => {
  const byYear = new Map<number, Point>();
  for (const o of indicator.observations) {
    if (o.year === null || o.value === null || o.qualifier === 'redacted' || o.status === 'target') continue;
    byYear.set(o.year, { year: o.year, value: o.value, observation: o });
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
};

/** True when the indicator has at least two years to draw. */
export const hasTrend = (indicator: Pick<TIndicator, 'observations'>): boolean => trendPoints(indicator).length >= 2;

/** The tooltip of one year: the year and the figure as the card words it. */
export const trendTooltip = (indicator: TIndicator, dataIndex: number, t: Translator): TooltipContent | null => {
  const point = trendPoints(indicator)[dataIndex];
  if (!point) return null;
  return {
    title: t('chart.trend.year', { year: point.year }),
    lines: [formatObservationValue(point.observation, indicator.unit, t).text],
  };
};

/**
 * An indicator over the years as yearly bars, each labelled with its value as
 * the card shows it (qualifier included). Bars, not a line: published figures
 * are often years apart, and a line would suggest values in between.
 */
export const buildTrendOption = (indicator: TIndicator, theme: ChartTheme, t: Translator): EChartsOption => {
  const points = trendPoints(indicator);
  const name = pickName(indicator, t.locale);
  const format = (p: Point) => formatObservationValue(p.observation, indicator.unit, t);
  const shortLabel = (p: Point): string => {
    const f = format(p);
    return f.prefix ? t('value.qualified', { prefix: f.prefix, value: f.number ?? '' }) : (f.number ?? '');
  };
  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const content = trendTooltip(indicator, (params as { dataIndex?: number }).dataIndex ?? -1, t);
        return content ? tooltipHtml(content) : '';
      },
    },
    xAxis: {
      type: 'category',
      data: points.map((p) => t('chart.trend.year', { year: p.year })),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: theme.border } },
      axisLabel: { color: theme.textSecondary },
    },
    yAxis: {
      type: 'value',
      splitLine: { lineStyle: { color: theme.border } },
      axisLabel: { color: theme.textSecondary },
    },
    series: [
      {
        type: 'bar',
        name,
        barMaxWidth: 48,
        data: points.map((p) => p.value),
        itemStyle: { color: theme.primary, borderRadius: [4, 4, 0, 0] },
        label: {
          show: true,
          position: 'top',
          color: theme.text,
          fontWeight: 'bold',
          formatter: (p: { dataIndex: number }) => {
            const point = points[p.dataIndex];
            return point ? shortLabel(point) : '';
          },
        },
      },
    ],
  };
};
