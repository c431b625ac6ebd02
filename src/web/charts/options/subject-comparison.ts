import type { EChartsOption } from 'echarts';
import type { TIndicator, TObservation } from '../../../shared/schemas/indicators.js';
import type { Translator } from '../../i18n/translate.js';
import { formatObservationValue } from '../../modules/indicators/utils/format-value.js';
import { formatPeriod, periodOf, periodPoint } from '../../modules/indicators/utils/period.js';
import { subjectOf } from '../../modules/indicators/utils/subjects.js';
import { displayScale, unitLabel } from '../../modules/indicators/utils/unit-label.js';
import type { ChartTheme } from '../chart-theme.js';
import { tooltipHtml } from './tooltip.js';

export type ComparisonRow = { subjectId: string; name: string; observation: TObservation & { value: number } };

const comparable = (o: TObservation): o is TObservation & { value: number } =>
  o.status !== 'target' && o.value !== null && o.qualifier !== 'redacted' && periodOf(o) !== null;

/**
 * One figure per subject for a period: measured, else estimated (targets are
 * not compared). `exclude` leaves out a subject, such as the centre's own total
 * among its districts.
 */
export const comparisonFigures = (observations: readonly TObservation[], period: string, exclude: string | null = null): TObservation[] => {
  const bySubject = new Map<string, TObservation & { value: number }>();
  for (const o of observations) {
    if (!comparable(o) || periodOf(o) !== period) continue;
    const subject = subjectOf(o);
    if (subject === exclude) continue;
    const seen = bySubject.get(subject);
    if (!seen || (seen.status === 'estimated' && o.status === 'measured')) bySubject.set(subject, o);
  }
  return [...bySubject.values()];
};

/** The periods in which at least two subjects have a figure (so there is something to compare), newest first. */
export const comparisonPeriods = (observations: readonly TObservation[], exclude: string | null = null): string[] => {
  const periods = [...new Set(observations.filter(comparable).map((o) => periodOf(o) as string))];
  return periods
    .filter((p) => comparisonFigures(observations, p, exclude).length >= 2)
    .sort((a, b) => (periodPoint(b) ?? 0) - (periodPoint(a) ?? 0));
};

/** The figures of one period by subject, best first: largest first, or smallest first when less is better. */
export const comparisonRows = (
  observations: readonly TObservation[],
  period: string,
  direction: TIndicator['direction'],
  subjectName: (subjectId: string) => string,
  exclude: string | null = null,
): ComparisonRow[] =>
  comparisonFigures(observations, period, exclude)
    .map((o) => ({ subjectId: subjectOf(o), name: subjectName(subjectOf(o)), observation: o as TObservation & { value: number } }))
    .sort((a, b) => (direction === -1 ? a.observation.value - b.observation.value : b.observation.value - a.observation.value) || a.name.localeCompare(b.name));

/** A chart this tall shows every row's name and value. */
export const comparisonHeight = (rows: number): number => Math.max(160, rows * 30 + 48);

/**
 * Horizontal bars comparing subjects (districts, parks, organisations) in one
 * period, best at the top, each labelled with its figure as the table words it
 * (qualifier included). Estimates are drawn paler and say so in the tooltip.
 */
export const buildSubjectComparisonOption = (
  rows: readonly ComparisonRow[],
  indicator: Pick<TIndicator, 'unit'>,
  period: string,
  theme: ChartTheme,
  t: Translator,
): EChartsOption => {
  const scale = displayScale(indicator.unit, t.locale);
  // ECharts draws a category y axis bottom-up: reverse so the first row is on top.
  const drawn = [...rows].reverse();
  const shortLabel = (row: ComparisonRow): string => {
    const f = formatObservationValue(row.observation, indicator.unit, t);
    const number = f.number ?? '';
    return f.prefix ? t('value.qualified', { prefix: f.prefix, value: number }) : number;
  };
  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    grid: { left: 8, right: 56, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const row = drawn[(params as { dataIndex?: number }).dataIndex ?? -1];
        if (!row) return '';
        const status = row.observation.status === 'estimated' ? ` · ${t('indicators.status.estimated')}` : '';
        return tooltipHtml({ title: row.name, lines: [`${formatPeriod(period, t)}${status}`, formatObservationValue(row.observation, indicator.unit, t).text] });
      },
    },
    xAxis: {
      type: 'value',
      name: unitLabel(indicator.unit, t) ?? undefined,
      nameLocation: 'end',
      nameTextStyle: { color: theme.textSecondary },
      splitLine: { lineStyle: { color: theme.border } },
      axisLabel: { color: theme.textSecondary },
    },
    yAxis: {
      type: 'category',
      data: drawn.map((r) => r.name),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: theme.border } },
      axisLabel: { color: theme.text },
    },
    series: [
      {
        type: 'bar',
        name: formatPeriod(period, t),
        barMaxWidth: 18,
        data: drawn.map((r) => ({
          value: Number((r.observation.value * scale).toPrecision(12)),
          itemStyle: { color: theme.primary, opacity: r.observation.status === 'estimated' ? 0.45 : 1, borderRadius: [0, 4, 4, 0] },
        })),
        label: {
          show: true,
          position: 'right',
          color: theme.textSecondary,
          formatter: (p: { dataIndex: number }) => {
            const row = drawn[p.dataIndex];
            return row ? shortLabel(row) : '';
          },
        },
      },
    ],
  };
};
