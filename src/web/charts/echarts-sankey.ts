/**
 * The Sankey series, registered on the shared echarts/core instance only by
 * the technology-contract statistics (flows from sellers' districts to buyers'
 * regions). Keep `vite.config.ts`'s `echarts-sankey` group in step with it so
 * these modules stay off the first page.
 */
import { SankeyChart } from 'echarts/charts';
import { echarts } from './echarts.js';

echarts.use([SankeyChart]);

export { echarts };
