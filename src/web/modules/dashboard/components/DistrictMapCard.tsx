import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { TDashboard } from '../../../../shared/schemas/dashboard.js';
import { EChart } from '../../../charts/EChart.js';
import { registerGeoJsonMap } from '../../../charts/echarts.js';
import { buildAreaMapOption, choroplethLegend, regionAreaId } from '../../../charts/options/area-map.js';
import { useChartTheme } from '../../../charts/useChartTheme.js';
import { formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { QueryState } from '../../../ui/QueryState.js';
import { useAreaMapQuery } from '../../centres/hooks/useAreaMapQuery.js';

type Props = { centreId: string; dashboard: TDashboard; height: number };

/** Where the centre's records are: a choropleth of records per district on real boundaries. */
export const DistrictMapCard = ({ centreId, dashboard, height }: Props) => {
  const { t } = useI18n();
  const theme = useChartTheme();
  const navigate = useNavigate();
  const map = useAreaMapQuery(centreId);
  const mapName = `kc-${centreId}`;
  const option = useMemo(() => {
    if (!map.data) return null;
    registerGeoJsonMap(mapName, map.data);
    return buildAreaMapOption({ mapName, features: map.data.features, counts: dashboard.areaCounts }, theme, t);
  }, [map.data, mapName, dashboard.areaCounts, theme, t]);
  const placed = dashboard.areaCounts.reduce((sum, a) => sum + a.total, 0);
  const legend = choroplethLegend({ counts: dashboard.areaCounts }, theme);

  return (
    <Panel title={t('dashboard.mapTitle')} className="kc-chart-card">
      <QueryState
        isLoading={map.isLoading}
        error={map.error}
        isEmpty={!map.data || map.data.features.length === 0}
        emptyText={t('dashboard.mapEmpty')}
        onRetry={() => void map.refetch()}
        skeletonRows={8}
      >
        {option && (
          <div className="kc-map">
            <EChart
              option={option}
              height={height}
              ariaLabel={t('dashboard.mapAria')}
              data-testid="dashboard-map"
              onClick={(params) => {
                // A district opens the registry filtered to it.
                const areaId = map.data ? regionAreaId(map.data, params.name) : null;
                if (areaId) navigate(`/registry?areaId=${encodeURIComponent(areaId)}`);
              }}
            />
            <div className="kc-map-legend" aria-hidden>
              <span>{t('chart.map.fewer')}</span>
              <span className="kc-map-legend-ramp">
                {legend.colors.map((color) => (
                  <span key={color} style={{ background: color }} />
                ))}
              </span>
              <span>{t('chart.map.more')}</span>
              <span className="kc-map-legend-range">{t('chart.map.range', { max: formatNumber(legend.max, t.locale) })}</span>
            </div>
          </div>
        )}
      </QueryState>
      <p className="kc-chart-note">
        {t('dashboard.mapNote', {
          placed: formatNumber(placed, t.locale),
          unplaced: formatNumber(dashboard.unplacedEntities, t.locale),
        })}{' '}
        {t('dashboard.mapClickHint')}
        {map.data?.attribution ? (
          <>
            <br />
            <span className="kc-attribution">{map.data.attribution}</span>
          </>
        ) : null}
      </p>
    </Panel>
  );
};
