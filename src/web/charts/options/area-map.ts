import type { EChartsOption } from 'echarts';
import type { TAreaMap } from '../../../shared/schemas/centres.js';
import type { TDashboard } from '../../../shared/schemas/dashboard.js';
import type { TEntityCategory } from '../../../shared/schemas/entities.js';
import { formatNumber, pickName } from '../../i18n/format.js';
import { categoryKey } from '../../i18n/keys.js';
import type { Translator } from '../../i18n/translate.js';
import type { ChartTheme } from '../chart-theme.js';
import { tooltipHtml, type TooltipContent } from './tooltip.js';

export type AreaMapData = {
  /** The name the GeoJSON was registered under (echarts.registerMap). */
  mapName: string;
  features: TAreaMap['features'];
  counts: TDashboard['areaCounts'];
  /** How many example names a tooltip lists. */
  maxExamples?: number;
};

type AreaCount = TDashboard['areaCounts'][number];
type Example = AreaCount['examples'][number];

export type MapDatum = {
  /** The feature's `properties.name`, which is how ECharts matches data to regions. */
  name: string;
  value: number;
  label: string;
  areaId: string;
};

/** One datum per map feature, in feature order; areas without records count 0. */
export const mapData = (data: AreaMapData, t: Translator): MapDatum[] => {
  const byArea = new Map(data.counts.map((c) => [c.areaId, c]));
  return data.features.map((f) => {
    const count = byArea.get(f.properties.areaId);
    return {
      name: f.properties.name,
      value: count?.total ?? 0,
      label: pickName({ nameZh: f.properties.nameZh, nameEn: f.properties.nameEn }, t.locale),
      areaId: f.properties.areaId,
    };
  });
};

/** The area behind a clicked region (ECharts reports the feature's `properties.name`), or null. */
export const regionAreaId = (data: Pick<AreaMapData, 'features'>, regionName: string | undefined): string | null =>
  data.features.find((f) => f.properties.name === regionName)?.properties.areaId ?? null;

const positions = function* (coordinates: unknown): Generator<[number, number]> {
  if (!Array.isArray(coordinates)) return;
  if (typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
    yield [coordinates[0], coordinates[1]];
    return;
  }
  for (const c of coordinates) yield* positions(c);
};

/** The area of a feature's bounding box, in square degrees (enough to compare sizes). */
export const boxArea = (feature: AreaMapData['features'][number]): number => {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of positions(feature.geometry.coordinates)) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return maxX > minX && maxY > minY ? (maxX - minX) * (maxY - minY) : 0;
};

/**
 * Which areas get a name label: every area with records, and the others
 * unless they are much smaller than the typical area (small central districts
 * would otherwise print over each other). Hover still names every area.
 */
export const labelledAreas = (data: AreaMapData, minShareOfMedian = 0.6): Set<string> => {
  const sizes = data.features.map((f) => boxArea(f)).sort((a, b) => a - b);
  const median = sizes.length > 0 ? (sizes[Math.floor((sizes.length - 1) / 2)] ?? 0) : 0;
  const withRecords = new Set(data.counts.filter((c) => c.total > 0).map((c) => c.areaId));
  return new Set(
    data.features
      .filter((f) => withRecords.has(f.properties.areaId) || boxArea(f) >= median * minShareOfMedian)
      .map((f) => f.properties.areaId),
  );
};

/**
 * The choropleth's colour for a count: the empty fill for 0, else a step of the
 * theme's sequential ramp on a square-root scale, so that a district with one
 * record is visibly different from one with none even when another has many.
 */
export const choroplethColor = (value: number, max: number, theme: Pick<ChartTheme, 'areaEmpty' | 'sequential'>): string => {
  const ramp = theme.sequential.slice(1);
  if (value <= 0 || max <= 0 || ramp.length === 0) return theme.areaEmpty;
  const share = Math.sqrt(Math.min(value, max) / max);
  const step = Math.min(ramp.length - 1, Math.max(0, Math.ceil(share * ramp.length) - 1));
  return ramp[step] ?? theme.areaEmpty;
};

/** Label colour on a fill: the background colour on the darker half of the ramp, text colour elsewhere. */
export const labelColorOn = (fill: string, theme: Pick<ChartTheme, 'sequential' | 'text' | 'background'>): string => {
  const ramp = theme.sequential.slice(1);
  const step = ramp.indexOf(fill);
  return step >= Math.ceil(ramp.length / 2) ? theme.background : theme.text;
};

/** The legend drawn beside the map: the colour ramp from "fewer" (0) to "more" (max). */
export const choroplethLegend = (
  data: Pick<AreaMapData, 'counts'>,
  theme: Pick<ChartTheme, 'areaEmpty' | 'sequential'>,
): { max: number; colors: string[] } => {
  const max = Math.max(0, ...data.counts.map((c) => c.total));
  return { max, colors: [theme.areaEmpty, ...theme.sequential.slice(1)] };
};

/** The tooltip of one area: total, counts by category (largest first) and a few example names. */
export const areaTooltip = (label: string, count: AreaCount | undefined, t: Translator, maxExamples = 5): TooltipContent => {
  const total = count?.total ?? 0;
  const lines = [t('chart.map.total', { count: formatNumber(total, t.locale) })];
  if (count && total > 0) {
    const categories = Object.entries(count.byCategory)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [category, n] of categories) {
      const name = t.has(`category.${category}`) ? t(categoryKey(category as TEntityCategory)) : category;
      lines.push(t('chart.map.categoryCount', { category: name, count: formatNumber(n, t.locale) }));
    }
    const examples = (count.examples as Example[]).slice(0, maxExamples).map((e) => {
      const name = pickName(e, t.locale);
      return e.isSample ? t('chart.map.sampleMark', { name }) : name;
    });
    if (examples.length > 0) {
      const more = total > examples.length ? t('chart.map.andMore') : '';
      lines.push(`${t('chart.map.examples')}${examples.join(t('common.listSeparator'))}${more}`);
    }
  }
  return { title: label, lines };
};

/**
 * The map series both choropleths draw (records per area, index scores): the
 * centre's boundaries, each area filled, named (with a bold second line under
 * `richKey`) where it is large enough to carry a label, highlighted on hover.
 */
export const choroplethSeries = (opts: {
  mapName: string;
  name: string;
  theme: ChartTheme;
  richKey: string;
  /** The label of an area by its region name ('' for none). */
  formatLabel: (regionName: string) => string;
  items: readonly { name: string; value: number; areaId: string; fill: string }[];
  labelled: ReadonlySet<string>;
}) => {
  const { theme, richKey } = opts;
  return {
    type: 'map' as const,
    map: opts.mapName,
    name: opts.name,
    roam: false,
    layoutCenter: ['50%', '50%'],
    layoutSize: '96%',
    selectedMode: false as const,
    label: {
      show: true,
      color: theme.text,
      fontSize: theme.fontSize,
      formatter: (p: unknown) => opts.formatLabel((p as { name?: string }).name ?? ''),
      rich: { [richKey]: { fontWeight: 'bold' as const, fontSize: theme.fontSize + 1, color: theme.text, padding: [2, 0, 0, 0] } },
    },
    itemStyle: { areaColor: theme.areaEmpty, borderColor: theme.background, borderWidth: 1 },
    emphasis: {
      label: { show: true, color: theme.text, fontWeight: 'bold' as const },
      itemStyle: { areaColor: theme.highlight, borderColor: theme.background },
    },
    data: opts.items.map(({ name, value, areaId, fill }) => {
      const color = labelColorOn(fill, theme);
      return { name, value, itemStyle: { areaColor: fill }, label: opts.labelled.has(areaId) ? { color, rich: { [richKey]: { color } } } : { show: false } };
    }),
  };
};

/**
 * A choropleth of records per area on the centre's real boundaries: each area
 * filled by its count, labelled with its name (and count when it has any).
 */
export const buildAreaMapOption = (data: AreaMapData, theme: ChartTheme, t: Translator): EChartsOption => {
  const items = mapData(data, t);
  const byName = new Map(items.map((d) => [d.name, d]));
  const countByArea = new Map(data.counts.map((c) => [c.areaId, c]));
  const { max } = choroplethLegend(data, theme);
  const labelled = labelledAreas(data);

  return {
    animation: theme.animation,
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const datum = byName.get((params as { name?: string }).name ?? '');
        return datum ? tooltipHtml(areaTooltip(datum.label, countByArea.get(datum.areaId), t, data.maxExamples)) : '';
      },
    },
    series: [
      choroplethSeries({
        mapName: data.mapName,
        name: t('chart.map.seriesName'),
        theme,
        richKey: 'count',
        formatLabel: (regionName) => {
          const datum = byName.get(regionName);
          if (!datum) return '';
          return datum.value > 0 ? `${datum.label}\n{count|${formatNumber(datum.value, t.locale)}}` : datum.label;
        },
        items: items.map(({ name, value, areaId }) => ({ name, value, areaId, fill: choroplethColor(value, max, theme) })),
        labelled,
      }),
    ],
  };
};
