import type { EChartsOption } from 'echarts';
import type { TIndicator, TObservation, TTarget } from '../../../shared/schemas/indicators.js';
import { formatNumber, pickName } from '../../i18n/format.js';
import type { Translator } from '../../i18n/translate.js';
import { formatObservationValue } from '../../modules/indicators/utils/format-value.js';
import { formatDeadline, formatPeriod, periodOf, periodPoint } from '../../modules/indicators/utils/period.js';
import { subjectOf } from '../../modules/indicators/utils/subjects.js';
import { displayScale, unitLabel } from '../../modules/indicators/utils/unit-label.js';
import type { ChartTheme } from '../chart-theme.js';
import { tooltipHtml, type TooltipContent } from './tooltip.js';

export type SeriesTarget = Pick<TTarget, 'id' | 'nameZh' | 'nameEn' | 'areaId' | 'entityId' | 'comparison' | 'targetValue' | 'deadline' | 'baselinePeriod'>;

export type IndicatorSeriesInput = {
  indicator: Pick<TIndicator, 'unit' | 'observations'>;
  /** The indicator's targets; the quantitative ones are drawn. */
  targets: readonly SeriesTarget[];
  subjectName: (subjectId: string) => string;
};

type Point = { t: number; observation: TObservation };

/** A figure that can sit on the time axis: a period that parses and a number. */
const plottable = (o: TObservation): Point | null => {
  const t = periodPoint(periodOf(o));
  if (t === null || o.value === null || o.qualifier === 'redacted') return null;
  return { t, observation: o };
};

export type SubjectSeries = {
  subjectId: string;
  name: string;
  measured: Point[];
  estimated: Point[];
  /** Target values recorded as figures (status `target`). */
  targetFigures: Point[];
  targets: (SeriesTarget & { targetValue: number; comparison: NonNullable<SeriesTarget['comparison']> })[];
};

/**
 * The figures by subject, oldest first, and each subject's quantitative
 * targets. Subjects come in the order of their latest figure, largest first
 * (the legend then reads like the right-hand end of the lines); figures
 * without a period or a number are left out.
 */
export const seriesBySubject = ({ indicator, targets, subjectName }: IndicatorSeriesInput): SubjectSeries[] => {
  const bySubject = new Map<string, SubjectSeries>();
  const get = (subjectId: string): SubjectSeries => {
    let s = bySubject.get(subjectId);
    if (!s) {
      s = { subjectId, name: subjectName(subjectId), measured: [], estimated: [], targetFigures: [], targets: [] };
      bySubject.set(subjectId, s);
    }
    return s;
  };
  for (const o of indicator.observations) {
    const point = plottable(o);
    if (!point) continue;
    const s = get(subjectOf(o));
    (o.status === 'measured' ? s.measured : o.status === 'estimated' ? s.estimated : s.targetFigures).push(point);
  }
  for (const target of targets) {
    if (target.comparison === null || target.targetValue === null) continue;
    get(subjectOf(target)).targets.push({ ...target, comparison: target.comparison, targetValue: target.targetValue });
  }
  const byTime = (a: Point, b: Point) => a.t - b.t;
  const list = [...bySubject.values()];
  for (const s of list) {
    s.measured.sort(byTime);
    s.estimated.sort(byTime);
    s.targetFigures.sort(byTime);
  }
  const lastValue = (s: SubjectSeries): number => {
    const last = [...s.measured, ...s.estimated].sort(byTime).at(-1);
    return last?.observation.value ?? -Infinity;
  };
  return list.sort((a, b) => lastValue(b) - lastValue(a) || a.name.localeCompare(b.name));
};

/** True when there is anything to draw on the time axis. */
export const hasSeries = (input: IndicatorSeriesInput): boolean =>
  seriesBySubject(input).some((s) => s.measured.length + s.estimated.length + s.targetFigures.length + s.targets.length > 0);

const STATUS_KEY = { measured: 'indicators.status.measured', estimated: 'indicators.status.estimated', target: 'indicators.status.target' } as const;

const figureTooltip = (subject: string, o: TObservation, unit: string | null, t: Translator): TooltipContent => ({
  title: subject,
  lines: [`${formatPeriod(periodOf(o) ?? '', t)} · ${t(STATUS_KEY[o.status])}`, formatObservationValue(o, unit, t).text],
});

/** How a target reads: "不低于 300 件/万人（2025年）" / "at least 300 per 10,000 people (by 2025)". */
export const targetText = (target: { comparison: 'at_least' | 'at_most'; targetValue: number; deadline: string | null }, unit: string | null, t: Translator): string => {
  const value = formatObservationValue({ value: target.targetValue, qualifier: 'exact', valueAsGiven: null }, unit, t).text;
  const goal = t(target.comparison === 'at_least' ? 'indicators.comparison.atLeastValue' : 'indicators.comparison.atMostValue', { value });
  return target.deadline ? t('indicators.target.byDeadline', { goal, deadline: formatDeadline(target.deadline, t) }) : goal;
};

type DataItem = { value: [number, number]; symbol?: string; symbolSize?: number | number[]; label?: object };

/**
 * An indicator over time: one line per subject (district, park,
 * organisation), measured figures solid, estimates dashed (joined to the last
 * measured figure before them), target values recorded as figures as
 * diamonds, and each quantitative target as a dotted horizontal mark at its
 * value running to its deadline. The time axis is in years, so quarters and
 * months sit in their place. Every series of a subject has the subject's name,
 * so the legend shows and hides them together.
 */
export const buildIndicatorSeriesOption = (input: IndicatorSeriesInput, theme: ChartTheme, t: Translator): EChartsOption => {
  const { unit } = input.indicator;
  const scale = displayScale(unit, t.locale);
  const subjects = seriesBySubject(input);
  const colour = (i: number): string => theme.series[i % theme.series.length] ?? theme.primary;
  const y = (value: number): number => Number((value * scale).toPrecision(12));

  const times = subjects.flatMap((s) => [...s.measured, ...s.estimated, ...s.targetFigures].map((p) => p.t));
  const deadlines = subjects.flatMap((s) => s.targets.map((g) => (g.deadline ? periodPoint(g.deadline) : null)).filter((d): d is number => d !== null));
  const baselines = subjects.flatMap((s) => s.targets.map((g) => (g.baselinePeriod ? periodPoint(g.baselinePeriod) : null)).filter((d): d is number => d !== null));
  const all = [...times, ...deadlines, ...baselines];
  let xMin = all.length ? Math.floor(Math.min(...all)) : new Date().getFullYear() - 1;
  let xMax = all.length ? Math.ceil(Math.max(...all)) : xMin + 1;
  if (xMax - xMin < 2) {
    xMin -= 1;
    xMax += 1;
  }
  const firstFigure = times.length ? Math.min(...times) : xMin;

  const series: NonNullable<EChartsOption['series']> = [];
  const tooltips: (TooltipContent | null)[][] = [];
  const add = (entry: Record<string, unknown>, tips: (TooltipContent | null)[]) => {
    (series as unknown[]).push(entry);
    tooltips.push(tips);
  };

  subjects.forEach((s, i) => {
    const color = colour(i);
    const base = { type: 'line', name: s.name, color, emphasis: { focus: 'series' } };
    if (s.measured.length > 0) {
      add(
        { ...base, data: s.measured.map((p): DataItem => ({ value: [p.t, y(p.observation.value as number)] })), symbol: 'circle', symbolSize: 7, lineStyle: { color, width: 2, type: 'solid' }, itemStyle: { color } },
        s.measured.map((p) => figureTooltip(s.name, p.observation, unit, t)),
      );
    }
    if (s.estimated.length > 0) {
      // Join the estimates to the last measured figure before them, drawn without a symbol of its own.
      const firstEstimate = s.estimated[0] as Point;
      const bridge = [...s.measured].reverse().find((p) => p.t < firstEstimate.t);
      const points = [...(bridge ? [bridge] : []), ...s.estimated];
      add(
        {
          ...base,
          data: points.map((p): DataItem => (p === bridge ? { value: [p.t, y(p.observation.value as number)], symbol: 'none' } : { value: [p.t, y(p.observation.value as number)] })),
          symbol: 'emptyCircle',
          symbolSize: 7,
          lineStyle: { color, width: 2, type: 'dashed' },
          itemStyle: { color },
        },
        points.map((p) => (p === bridge ? null : figureTooltip(s.name, p.observation, unit, t))),
      );
    }
    if (s.targetFigures.length > 0) {
      add(
        {
          ...base,
          data: s.targetFigures.map((p): DataItem => ({ value: [p.t, y(p.observation.value as number)] })),
          symbol: 'diamond',
          symbolSize: 12,
          lineStyle: { width: 0, opacity: 0 },
          itemStyle: { color: theme.background, borderColor: color, borderWidth: 2 },
          emphasis: { focus: 'series', lineStyle: { width: 0 } },
        },
        s.targetFigures.map((p) => figureTooltip(s.name, p.observation, unit, t)),
      );
    }
    for (const target of s.targets) {
      const end = (target.deadline ? periodPoint(target.deadline) : null) ?? xMax;
      const baseline = target.baselinePeriod ? periodPoint(target.baselinePeriod) : null;
      const start = Math.min(baseline ?? firstFigure, end - 0.5);
      const text = targetText(target, unit, t);
      const tip = { title: pickName(target, t.locale), lines: [s.name, text] };
      add(
        {
          ...base,
          data: [
            { value: [start, y(target.targetValue)], symbol: 'none' },
            { value: [end, y(target.targetValue)], symbol: 'rect', symbolSize: [3, 14], label: { show: true, position: 'top', color, formatter: t('indicators.chart.targetMark') } },
          ] satisfies DataItem[],
          lineStyle: { color, width: 2, type: 'dotted' },
          itemStyle: { color },
        },
        [tip, tip],
      );
    }
  });

  const yUnit = unitLabel(unit, t);
  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    grid: { left: 8, right: 24, top: yUnit ? 36 : 20, bottom: subjects.length > 1 ? 44 : 8, containLabel: true },
    legend:
      subjects.length > 1
        ? { type: 'scroll', bottom: 0, data: subjects.map((s) => s.name), textStyle: { color: theme.text }, pageTextStyle: { color: theme.textSecondary } }
        : { show: false },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const { seriesIndex = -1, dataIndex = -1 } = params as { seriesIndex?: number; dataIndex?: number };
        const content = tooltips[seriesIndex]?.[dataIndex];
        return content ? tooltipHtml(content) : '';
      },
    },
    xAxis: {
      type: 'value',
      min: xMin,
      max: xMax,
      minInterval: 1,
      // Every year labelled while they fit.
      ...(xMax - xMin <= 12 ? { interval: 1 } : {}),
      splitLine: { show: false },
      axisLine: { lineStyle: { color: theme.border } },
      axisLabel: { color: theme.textSecondary, formatter: (v: number) => (Number.isInteger(v) ? t('chart.trend.year', { year: v }) : '') },
    },
    yAxis: {
      type: 'value',
      scale: true,
      // Room above the highest line, so a target at the top is not drawn on the frame.
      boundaryGap: ['5%', '12%'],
      name: yUnit ?? undefined,
      nameTextStyle: { color: theme.textSecondary, align: 'left' },
      splitLine: { lineStyle: { color: theme.border } },
      axisLabel: { color: theme.textSecondary, formatter: (v: number) => formatNumber(v, t.locale) },
    },
    series,
  };
};
