import { useMemo } from 'react';
import type { TIndicator } from '../../../../shared/schemas/indicators.js';
import { EChart } from '../../../charts/EChart.js';
import { buildTrendOption, trendPoints } from '../../../charts/options/trend.js';
import { useChartTheme } from '../../../charts/useChartTheme.js';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { SourceCitation } from '../../../ui/SourceCitation.js';

/** An indicator over the years, with the source of every point listed below. */
export const TrendChartCard = ({ indicator }: { indicator: TIndicator }) => {
  const { t, locale } = useI18n();
  const theme = useChartTheme();
  const option = useMemo(() => buildTrendOption(indicator, theme, t), [indicator, theme, t]);
  const name = pickName(indicator, locale);
  const points = trendPoints(indicator);
  // One citation per distinct source (a single article often gives both years).
  const citations = [...new Map(points.map((p) => [p.observation.citation.sourceId, p.observation.citation])).values()];
  return (
    <Panel title={t('dashboard.trendTitle', { name })} className="kc-chart-card">
      <EChart option={option} height={240} ariaLabel={t('dashboard.trendAria', { name })} data-testid="dashboard-trend" />
      <div className="kc-chart-sources">
        {citations.map((c) => (
          <SourceCitation key={c.sourceId} citation={c} />
        ))}
      </div>
    </Panel>
  );
};
