import type { EChartsOption } from 'echarts';
import { formatNumber } from '../../i18n/format.js';
import type { Translator } from '../../i18n/translate.js';
import type { ChartTheme } from '../chart-theme.js';
import { tooltipHtml } from './tooltip.js';

export type ContributionBar = { code: string; name: string; contribution: number; effectiveWeight: number; value: number | null };

/** One bar of the waterfall: where it starts and ends on the score axis. `part` is null for the total. */
export type WaterfallStep = { name: string; start: number; end: number; part: ContributionBar | null };

/**
 * The score built up part by part, largest contribution first, then the
 * total: each step starts where the previous one ended (a negative
 * contribution, possible after a z-score, steps back).
 */
export const waterfallSteps = (parts: readonly ContributionBar[], totalLabel: string): WaterfallStep[] => {
  const rows = [...parts].sort((a, b) => b.contribution - a.contribution || a.code.localeCompare(b.code));
  let level = 0;
  const steps: WaterfallStep[] = rows.map((part) => {
    const start = level;
    level += part.contribution;
    return { name: part.name, start, end: level, part };
  });
  steps.push({ name: totalLabel, start: 0, end: level, part: null });
  return steps;
};

/** A unit's score as a waterfall of its parts' contributions (effective weight × value), closing on the score itself. */
export const buildContributionOption = (parts: readonly ContributionBar[], theme: ChartTheme, t: Translator): EChartsOption => {
  const steps = waterfallSteps(parts, t('evaluation.contrib.total'));
  const up = theme.series[0] ?? theme.primary;
  const down = theme.series[3] ?? theme.textSecondary;
  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const step = steps[(params as { dataIndex?: number }).dataIndex ?? -1];
        if (!step) return '';
        if (!step.part) return tooltipHtml({ title: step.name, lines: [formatNumber(step.end, t.locale, 2)] });
        const row = step.part;
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
    // First step at the top: the eye reads the build-up downwards to the total.
    yAxis: { type: 'category', inverse: true, data: steps.map((s) => s.name), axisTick: { show: false }, axisLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.text, width: 160, overflow: 'truncate' } },
    series: [
      // The invisible base each visible bar stands on.
      { type: 'bar', stack: 'waterfall', silent: true, barMaxWidth: 16, itemStyle: { color: 'transparent' }, emphasis: { disabled: true }, tooltip: { show: false }, data: steps.map((s) => Math.min(s.start, s.end)) },
      {
        type: 'bar',
        stack: 'waterfall',
        barMaxWidth: 16,
        data: steps.map((s) => ({
          value: Math.abs(s.end - s.start),
          itemStyle: { color: s.part === null ? theme.primary : s.end >= s.start ? up : down, borderRadius: 3 },
        })),
        label: {
          show: true,
          position: 'right',
          color: theme.textSecondary,
          formatter: (p: unknown) => {
            const step = steps[(p as { dataIndex: number }).dataIndex];
            if (!step) return '';
            return step.part ? `${step.part.contribution >= 0 ? '+' : ''}${formatNumber(step.part.contribution, t.locale, 1)}` : formatNumber(step.end, t.locale, 1);
          },
        },
      },
    ],
  };
};
