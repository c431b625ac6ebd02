import type { EChartsOption } from 'echarts';
import type { TCooperationStatistics, TRegionalConfig } from '../../../shared/schemas/cooperation.js';
import type { ChartTheme } from '../../charts/chart-theme.js';
import { escapeHtml } from '../../charts/options/escape-html.js';

type Region = TRegionalConfig['regions'][number];

/**
 * Where each region sits in the flow view: at its seat of government when
 * every region has coordinates (longitude east, latitude north, so the view
 * reads like a map), otherwise evenly on a circle.
 */
export const placeRegions = (regions: readonly Region[]): Map<string, { x: number; y: number }> => {
  const placed = new Map<string, { x: number; y: number }>();
  if (regions.length && regions.every((r) => r.lon != null && r.lat != null)) {
    for (const r of regions) placed.set(r.code, { x: (r.lon as number) * 100, y: -(r.lat as number) * 100 });
    return placed;
  }
  regions.forEach((r, i) => {
    const a = (2 * Math.PI * i) / Math.max(regions.length, 1) - Math.PI / 2;
    placed.set(r.code, { x: Math.cos(a) * 100, y: Math.sin(a) * 100 });
  });
  return placed;
};

/**
 * The flows between regions as a graph placed like a map: one node per
 * region (sized by the records touching it), one arrow per direction with
 * the number of records as its label and width.
 */
export const buildFlowOption = (config: TRegionalConfig, flows: TCooperationStatistics['regional']['flows'], name: (r: Region) => string, theme: ChartTheme): EChartsOption => {
  const totals = new Map<string, number>();
  for (const f of flows) totals.set(`${f.from}|${f.to}`, (totals.get(`${f.from}|${f.to}`) ?? 0) + f.records);
  const touching = new Map<string, number>();
  for (const [k, n] of totals) for (const code of k.split('|')) touching.set(code, (touching.get(code) ?? 0) + n);
  const max = Math.max(1, ...totals.values());
  const at = placeRegions(config.regions);
  const known = new Set(config.regions.map((r) => r.code));
  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    tooltip: { trigger: 'item', confine: true },
    series: [
      {
        type: 'graph',
        layout: 'none',
        roam: false,
        left: 60,
        right: 60,
        top: 40,
        bottom: 40,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 10,
        label: { show: true, position: 'bottom', color: theme.text, fontSize: theme.fontSize + 1 },
        edgeLabel: { show: true, formatter: '{c}', color: theme.text, fontSize: theme.fontSize + 2, fontWeight: 'bold', backgroundColor: theme.background, padding: [2, 6], borderRadius: 4 },
        data: config.regions.map((r, i) => ({ name: r.code, value: touching.get(r.code) ?? 0, x: at.get(r.code)?.x ?? 0, y: at.get(r.code)?.y ?? 0, symbolSize: 28 + Math.min(40, (touching.get(r.code) ?? 0) * 4), label: { formatter: name(r) }, tooltip: { formatter: () => escapeHtml(`${name(r)}: ${touching.get(r.code) ?? 0}`) }, itemStyle: { color: theme.series[i % theme.series.length] } })),
        links: [...totals]
          .map(([k, n]) => ({ from: k.split('|')[0] as string, to: k.split('|')[1] as string, n }))
          .filter((l) => known.has(l.from) && known.has(l.to))
          .map((l) => ({ source: l.from, target: l.to, value: l.n, lineStyle: { width: 1 + (7 * l.n) / max, curveness: totals.has(`${l.to}|${l.from}`) ? 0.25 : 0.08, color: theme.primary, opacity: 0.8 } })),
      },
    ],
  };
};

/** Horizontal bars by country, most first. */
export const buildCountryOption = (rows: readonly { label: string; jointLabs: number; agreements: number; hostedOrganisations: number }[], names: { jointLabs: string; agreements: string; hostedOrganisations: string }, theme: ChartTheme): EChartsOption => {
  const shown = [...rows].reverse();
  const keys = ['jointLabs', 'agreements', 'hostedOrganisations'] as const;
  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: theme.textSecondary } },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.textSecondary } },
    yAxis: { type: 'category', data: shown.map((r) => r.label), axisTick: { show: false }, axisLine: { lineStyle: { color: theme.border } }, axisLabel: { color: theme.text } },
    series: keys.map((k, i) => ({ type: 'bar', stack: 'all', name: names[k], barMaxWidth: 20, itemStyle: { color: theme.series[i % theme.series.length] }, data: shown.map((r) => r[k]) })),
  };
};
