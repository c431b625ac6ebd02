import { useCurrentCentre } from '../app/centre.js';
import { hasTrend } from '../charts/options/trend.js';
import { pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { CategoryChartCard } from '../modules/dashboard/components/CategoryChartCard.js';
import { DistrictMapCard } from '../modules/dashboard/components/DistrictMapCard.js';
import { HeadlineCard } from '../modules/dashboard/components/HeadlineCard.js';
import { SourcesPanel } from '../modules/dashboard/components/SourcesPanel.js';
import { StructureSummary } from '../modules/dashboard/components/StructureSummary.js';
import { TrendChartCard } from '../modules/dashboard/components/TrendChartCard.js';
import { useDashboardQuery } from '../modules/dashboard/hooks/useDashboardQuery.js';
import { PageHeader } from '../ui/PageHeader.js';
import { QueryState } from '../ui/QueryState.js';
import { useMinWidth } from '../ui/useMediaQuery.js';

/** The public home page: the centre's headline figures, where its records are, and what kinds they are. */
export const DashboardPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const query = useDashboardQuery(centre.id);
  const isXl = useMinWidth('xl');
  const isMd = useMinWidth('md');
  const dashboard = query.data;
  const trends = dashboard?.headline.filter(hasTrend) ?? [];
  const description = locale === 'zh-CN' ? (centre.descriptionZh ?? centre.descriptionEn) : (centre.descriptionEn ?? centre.descriptionZh);

  return (
    <div className="kc-page">
      <PageHeader title={pickName(centre, locale)} intro={description} />
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()} skeletonRows={10}>
        {dashboard && (
          <>
            <section aria-labelledby="kc-headline-title" className="kc-section">
              <h2 id="kc-headline-title" className="kc-section-title">
                {t('dashboard.headlineTitle')}
              </h2>
              {dashboard.headline.length === 0 ? (
                <p className="kc-muted">{t('dashboard.noHeadline')}</p>
              ) : (
                <div className="kc-grid kc-grid-cards">
                  {dashboard.headline.map((indicator) => (
                    <HeadlineCard key={indicator.id} indicator={indicator} />
                  ))}
                </div>
              )}
            </section>
            <div className="kc-grid kc-grid-main kc-section">
              <DistrictMapCard centreId={centre.id} dashboard={dashboard} height={isXl ? 500 : isMd ? 440 : 340} />
              <div className="kc-stack">
                <StructureSummary dashboard={dashboard} />
                <CategoryChartCard counts={dashboard.categoryCounts} />
              </div>
            </div>
            <div className="kc-grid kc-grid-halves kc-section">
              {trends.map((indicator) => (
                <TrendChartCard key={indicator.id} indicator={indicator} />
              ))}
              <SourcesPanel centreId={centre.id} />
            </div>
          </>
        )}
      </QueryState>
    </div>
  );
};
