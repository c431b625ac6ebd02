import { AreaMapChart } from '../../../charts/AreaMapChart.js';
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
  const map = useAreaMapQuery(centreId);
  const counts = useAreaCountsQuery(centreId, filter);
  const placed = counts.data?.areaCounts.reduce((n, a) => n + a.total, 0) ?? 0;

  return (
    <div className="kc-registry-map" data-testid="registry-map">
      <QueryState
        isLoading={map.isLoading || counts.isLoading}
        error={map.error ?? counts.error}
        onRetry={() => void Promise.all([map.refetch(), counts.refetch()])}
        skeletonRows={8}
      >
        {map.data && counts.data && (
          <AreaMapChart centreId={centreId} map={map.data} counts={counts.data.areaCounts} height={520} ariaLabel={t('registry.map.aria')} onPickArea={onPickArea} />
        )}
      </QueryState>
      <p className="kc-chart-note">
        {t('registry.map.note', { placed: formatNumber(placed, t.locale), unplaced: formatNumber(counts.data?.unplacedEntities ?? 0, t.locale) })}
        {hasQuery ? ` ${t('registry.map.queryIgnored')}` : ''}
      </p>
    </div>
  );
};
