import { useMemo } from 'react';
import { EChart } from '../../../charts/EChart.js';
import { registerGeoJsonMap } from '../../../charts/echarts.js';
import { buildAreaMapOption, choroplethLegend, regionAreaId } from '../../../charts/options/area-map.js';
import { useChartTheme } from '../../../charts/useChartTheme.js';
import { formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { QueryState } from '../../../ui/QueryState.js';
import { useAreaCountsQuery, type AreaCountsFilter } from '../../centres/hooks/useAreaCountsQuery.js';
import { useAreaMapQuery } from '../../centres/hooks/useAreaMapQuery.js';

type Props = { centreId: string; filter: AreaCountsFilter; hasQuery: boolean; onPickArea: (areaId: string) => void };

/**
 * The registry as a map: actors per district for the chosen category, kind or
 * tier (exact counts), sub-areas rolled up into their district; a district
 * opens the list filtered to it.
 */
export const RegistryMapPanel = ({ centreId, filter, hasQuery, onPickArea }: Props) => {
  const { t } = useI18n();
  const theme = useChartTheme();
  const map = useAreaMapQuery(centreId);
  const counts = useAreaCountsQuery(centreId, filter);
  const mapName = `kc-${centreId}`;
  const option = useMemo(() => {
    if (!map.data || !counts.data) return null;
    registerGeoJsonMap(mapName, map.data);
    return buildAreaMapOption({ mapName, features: map.data.features, counts: counts.data.areaCounts }, theme, t);
  }, [map.data, counts.data, mapName, theme, t]);
  const placed = counts.data?.areaCounts.reduce((n, a) => n + a.total, 0) ?? 0;
  const legend = counts.data ? choroplethLegend({ counts: counts.data.areaCounts }, theme) : null;

  return (
    <div className="kc-registry-map" data-testid="registry-map">
      <QueryState
        isLoading={map.isLoading || counts.isLoading}
        error={map.error ?? counts.error}
        onRetry={() => void Promise.all([map.refetch(), counts.refetch()])}
        skeletonRows={8}
      >
        {option && (
          <div className="kc-map">
            <EChart
              option={option}
              height={520}
              ariaLabel={t('registry.map.aria')}
              onClick={(params) => {
                const areaId = map.data ? regionAreaId(map.data, params.name) : null;
                if (areaId) onPickArea(areaId);
              }}
            />
            {legend && (
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
            )}
          </div>
        )}
      </QueryState>
      <p className="kc-chart-note">
        {t('registry.map.note', { placed: formatNumber(placed, t.locale), unplaced: formatNumber(counts.data?.unplacedEntities ?? 0, t.locale) })}
        {hasQuery ? ` ${t('registry.map.queryIgnored')}` : ''}
      </p>
    </div>
  );
};
