import { useMemo } from 'react';
import type { TDashboard } from '../../../../shared/schemas/dashboard.js';
import { EChart } from '../../../charts/EChart.js';
import { buildCategoryBarOption, sortCategoryCounts } from '../../../charts/options/category-bar.js';
import { useChartTheme } from '../../../charts/useChartTheme.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { QueryState } from '../../../ui/QueryState.js';

export const CategoryChartCard = ({ counts }: { counts: TDashboard['categoryCounts'] }) => {
  const { t } = useI18n();
  const theme = useChartTheme();
  const option = useMemo(() => buildCategoryBarOption(counts, theme, t), [counts, theme, t]);
  const rows = sortCategoryCounts(counts, t).length;
  return (
    <Panel title={t('dashboard.categoryTitle')} className="kc-chart-card">
      <QueryState isLoading={false} error={null} isEmpty={rows === 0} emptyText={t('dashboard.noEntities')}>
        <EChart
          option={option}
          height={Math.max(200, rows * 30 + 24)}
          ariaLabel={t('dashboard.categoryAria')}
          data-testid="dashboard-categories"
        />
      </QueryState>
    </Panel>
  );
};
