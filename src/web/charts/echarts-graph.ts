/**
 * The graph series (force layout), registered on the same echarts/core
 * instance as the charts in ./echarts.ts but only by the pages that draw a
 * graph: it is ~14 KB gzipped that the home page does not need. Import this
 * module (for its side effect) before rendering a graph option.
 */
import { GraphChart } from 'echarts/charts';
import { echarts } from './echarts.js';

echarts.use([GraphChart]);

export { echarts };
