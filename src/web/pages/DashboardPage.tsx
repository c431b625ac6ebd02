import { Col, Grid, Row } from 'antd';
import { useCurrentCentre } from '../app/centre.js';
import { hasTrend } from '../charts/options/trend.js';
import { pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { CategoryChartCard } from '../modules/dashboard/components/CategoryChartCard.js';
import { DistrictMapCard } from '../modules/dashboard/components/DistrictMapCard.js';
import { HeadlineCard } from '../modules/dashboard/components/HeadlineCard.js';
import { StructureSummary } from '../modules/dashboard/components/StructureSummary.js';
import { TrendChartCard } from '../modules/dashboard/components/TrendChartCard.js';
import { useDashboardQuery } from '../modules/dashboard/hooks/useDashboardQuery.js';
import { QueryState } from '../ui/QueryState.js';

/** The public home page: the centre's headline figures, where its records are, and what kinds they are. */
export const DashboardPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const query = useDashboardQuery(centre.id);
  const screens = Grid.useBreakpoint();
  const dashboard = query.data;
  const trends = dashboard?.headline.filter(hasTrend) ?? [];
  const description = locale === 'zh-CN' ? (centre.descriptionZh ?? centre.descriptionEn) : (centre.descriptionEn ?? centre.descriptionZh);

  return (
    <div className="kc-page">
      <header className="kc-page-header">
        <h1 className="kc-page-title">{pickName(centre, locale)}</h1>
        {description && <p className="kc-page-intro">{description}</p>}
      </header>
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
                <Row gutter={[16, 16]}>
                  {dashboard.headline.map((indicator) => (
                    <Col key={indicator.id} xs={24} sm={12} lg={8} xxl={6}>
                      <HeadlineCard indicator={indicator} />
                    </Col>
                  ))}
                </Row>
              )}
            </section>
            <Row gutter={[16, 16]} className="kc-section">
              <Col xs={24} xl={14}>
                <DistrictMapCard centreId={centre.id} dashboard={dashboard} height={screens.md ? 460 : 340} />
              </Col>
              <Col xs={24} xl={10}>
                <div className="kc-stack">
                  <StructureSummary dashboard={dashboard} />
                  <CategoryChartCard counts={dashboard.categoryCounts} />
                </div>
              </Col>
              {trends.map((indicator) => (
                <Col key={indicator.id} xs={24} xl={12}>
                  <TrendChartCard indicator={indicator} />
                </Col>
              ))}
            </Row>
          </>
        )}
      </QueryState>
    </div>
  );
};
