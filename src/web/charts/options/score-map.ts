import type { EChartsOption } from 'echarts';
import type { TAreaMap } from '../../../shared/schemas/centres.js';
import { formatNumber, pickName } from '../../i18n/format.js';
import type { Translator } from '../../i18n/translate.js';
import type { ChartTheme } from '../chart-theme.js';
import { choroplethSeries, labelledAreas } from './area-map.js';
import { tooltipHtml } from './tooltip.js';

/**
 * An index score per area on the centre's boundaries: for runs whose units
 * are the centre's own areas (uCode = area id, e.g. `bj-110108`). The same
 * map, ramp and labels as the dashboard's choropleth, but the scale runs
 * linearly from the lowest score to the highest, and an area without a score
 * keeps the empty fill.
 */

export type AreaScore = { areaId: string; uName: string; score: number | null; rank: number | null };

export type ScoreMapData = {
  /** The name the GeoJSON was registered under (echarts.registerMap). */
  mapName: string;
  features: TAreaMap['features'];
  scores: readonly AreaScore[];
  /** Units ranked in the run, for "rank 3 of 16". */
  unitCount: number;
};

/**
 * Whether a run's units can be drawn on the map: every uCode is one of the
 * centre's areas, and at least one of them has a boundary. `unmapped` are
 * the units that are areas without a boundary on the map (a park, the city).
 */
export const scoreMapFit = (uCodes: readonly string[], areaIds: ReadonlySet<string>, features: TAreaMap['features']): { fits: boolean; unmapped: string[] } => {
  const onMap = new Set(features.map((f) => f.properties.areaId));
  const fits = uCodes.length > 0 && uCodes.every((u) => areaIds.has(u)) && uCodes.some((u) => onMap.has(u));
  return { fits, unmapped: fits ? uCodes.filter((u) => !onMap.has(u)) : [] };
};

export const scoreRange = (scores: readonly AreaScore[]): { min: number; max: number } | null => {
  const values = scores.map((s) => s.score).filter((v): v is number => v !== null && Number.isFinite(v));
  return values.length ? { min: Math.min(...values), max: Math.max(...values) } : null;
};

/** A score's step on the theme's ramp (linear from min to max); the empty fill when there is no score. */
export const scoreColor = (score: number | null, range: { min: number; max: number } | null, theme: Pick<ChartTheme, 'areaEmpty' | 'sequential'>): string => {
  const ramp = theme.sequential.slice(1);
  if (score === null || !Number.isFinite(score) || !range || ramp.length === 0) return theme.areaEmpty;
  const share = range.max > range.min ? (score - range.min) / (range.max - range.min) : 1;
  const step = Math.min(ramp.length - 1, Math.max(0, Math.floor(share * ramp.length)));
  return ramp[step] ?? theme.areaEmpty;
};

/** The legend beside the map: the ramp from the lowest score to the highest. */
export const scoreLegend = (scores: readonly AreaScore[], theme: Pick<ChartTheme, 'sequential'>): { range: { min: number; max: number } | null; colors: string[] } => ({
  range: scoreRange(scores),
  colors: theme.sequential.slice(1),
});

export const buildScoreMapOption = (data: ScoreMapData, theme: ChartTheme, t: Translator): EChartsOption => {
  const byArea = new Map(data.scores.map((s) => [s.areaId, s]));
  const range = scoreRange(data.scores);
  // Names on areas of ordinary size only (small central districts would overprint); hover names every area.
  const labelled = labelledAreas({ mapName: data.mapName, features: data.features, counts: [] });
  const items = data.features.map((f) => {
    const s = byArea.get(f.properties.areaId);
    return { name: f.properties.name, areaId: f.properties.areaId, label: pickName({ nameZh: f.properties.nameZh, nameEn: f.properties.nameEn }, t.locale), score: s?.score ?? null, rank: s?.rank ?? null };
  });
  const byName = new Map(items.map((d) => [d.name, d]));
  const score = (v: number) => formatNumber(v, t.locale, 1);

  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const d = byName.get((params as { name?: string }).name ?? '');
        if (!d) return '';
        const lines =
          d.score === null
            ? [t('evaluation.map.noScore')]
            : [t('evaluation.map.score', { score: score(d.score) }), ...(d.rank === null ? [] : [t('evaluation.map.rank', { rank: d.rank, total: data.unitCount })])];
        return tooltipHtml({ title: d.label, lines });
      },
    },
    series: [
      choroplethSeries({
        mapName: data.mapName,
        name: t('evaluation.map.seriesName'),
        theme,
        richKey: 'score',
        formatLabel: (regionName) => {
          const d = byName.get(regionName);
          if (!d) return '';
          return d.score === null ? d.label : `${d.label}\n{score|${score(d.score)}}`;
        },
        items: items.map((d) => ({ name: d.name, value: d.score ?? Number.NaN, areaId: d.areaId, fill: scoreColor(d.score, range, theme) })),
        labelled,
      }),
    ],
  };
};
