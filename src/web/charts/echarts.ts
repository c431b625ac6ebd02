/**
 * ECharts, assembled from only the parts the platform draws. Importing
 * `echarts` whole would add ~700 KB; keep this list in step with the builders
 * in ./options. The home page has a 400 KB gzipped JavaScript budget and
 * ECharts is the largest part of it, so: no line chart (time series are
 * yearly bars), no legend or title (panels carry the titles), no visualMap.
 */
import { BarChart, MapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// The map's colour scale and legend are computed by its option builder and
// drawn in HTML, which saves the visualMap component (~15 KB gzipped).
echarts.use([BarChart, MapChart, GridComponent, TooltipComponent, CanvasRenderer]);

export { echarts };

const registered = new Map<string, unknown>();

/** Registers a GeoJSON map once per name (again only if the data object changed). */
export const registerGeoJsonMap = (name: string, geoJson: object): void => {
  if (registered.get(name) === geoJson) return;
  echarts.registerMap(name, geoJson as Parameters<typeof echarts.registerMap>[1]);
  registered.set(name, geoJson);
};
