/**
 * The line series and the legend, registered on the same echarts/core
 * instance as the charts in ./echarts.ts but only by the pages that draw a
 * time series with several subjects (an indicator's page): the home page draws
 * yearly bars and carries neither. Import this module (for its side effect)
 * before rendering such an option; keep `vite.config.ts`'s `echarts-line`
 * group in step with it so these modules stay off the first page.
 */
import { LineChart } from 'echarts/charts';
import { LegendComponent } from 'echarts/components';
import { echarts } from './echarts.js';

echarts.use([LineChart, LegendComponent]);

export { echarts };
