import { useNavigate } from 'react-router';
import type { TDashboard } from '../../../../shared/schemas/dashboard.js';
import { AreaMapChart } from '../../../charts/AreaMapChart.js';
import { formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { QueryState } from '../../../ui/QueryState.js';
import { useAreaMapQuery } from '../../centres/hooks/useAreaMapQuery.js';

type Props = { centreId: string; dashboard: TDashboard; height: number };

/** Where the centre's records are: a choropleth of records per district on real boundaries. */
export const DistrictMapCard = ({ centreId, dashboard, height }: Props) => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const map = useAreaMapQuery(centreId);
  const placed = dashboard.areaCounts.reduce((sum, a) => sum + a.total, 0);

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
        {map.data && (
          <AreaMapChart
            centreId={centreId}
            map={map.data}
            counts={dashboard.areaCounts}
            height={height}
            ariaLabel={t('dashboard.mapAria')}
            data-testid="dashboard-map"
            // A district opens the registry filtered to it.
            onPickArea={(areaId) => navigate(`/registry?areaId=${encodeURIComponent(areaId)}`)}
          />
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
