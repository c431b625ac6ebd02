import { describe, expect, it } from 'vitest';
import type { ChartTheme } from '../../charts/chart-theme.js';
import type { Translator } from '../../i18n/translate.js';
import { buildFunnelOption, buildSurvivalByTypeOption, FUNNEL_STEPS } from './chart-options.js';

const theme = { animation: false, fontFamily: 'x', text: '#000', textSecondary: '#333', border: '#ccc', primary: '#00f', series: ['#00f', '#0f0'] } as unknown as ChartTheme;
const t = ((key: string) => key) as unknown as Translator;

describe('incubator charts', () => {
  it('draws the funnel top to bottom in step order', () => {
    const funnel = { members: 5, surviving: 4, graduated: 2, failed: 1, relocated: 0, inResidence: 2, funded: 3, withContracts: 1, withPatents: 0, survivalRate: 0.8, graduationRate: 0.4, fundingRate: 0.6, contractRate: 0.2, patentRate: 0 };
    const option = buildFunnelOption(funnel, theme, t) as { yAxis: { data: string[] }; series: { data: number[] }[] };
    // ECharts draws a category axis bottom-up: the first step is last.
    expect(option.yAxis.data).toEqual(FUNNEL_STEPS.map((s) => `incubators.funnel.${s}`).reverse());
    expect(option.series[0]?.data).toEqual([0, 1, 3, 2, 4, 5]);
  });
  it('shows survival as percentages, an empty type as zero', () => {
    const option = buildSurvivalByTypeOption([{ label: 'a', rate: 0.6667 }, { label: 'b', rate: null }], theme, t) as { series: { data: number[] }[] };
    expect(option.series[0]?.data).toEqual([0, 66.7]);
  });
});
