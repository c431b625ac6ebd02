import { Input, InputNumber, Segmented, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { EChart } from '../charts/EChart.js';
import '../charts/echarts-line.js';
import { useChartTheme } from '../charts/useChartTheme.js';
import { formatNumber, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ServicesNav } from '../modules/services/components/ServicesNav.js';
import { useServiceMetricsQuery, useSystemicIssuesQuery } from '../modules/services/hooks/useMetrics.js';
import type { Rate, ServiceMetrics } from '../modules/services/types.js';
import { demandStateLabel, demandTypeLabel } from '../modules/services/utils/labels.js';
import { formatFraction, formatPercent, formatSatisfaction, metricRows, type MetricRow } from '../modules/services/utils/metrics.js';
import { demandPath, enterpriseServicePath } from '../modules/services/utils/paths.js';
import { buildRatesTrendOption, buildVolumeTrendOption } from '../modules/services/utils/trend-option.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import '../modules/services/services.css';

const GROUPS = ['department', 'district', 'type'] as const;
type GroupBy = (typeof GROUPS)[number];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A rate with its base: "85.7%" over "6 / 7". */
const RateCell = ({ rate }: { rate: Rate }) => {
  const { t } = useI18n();
  return (
    <span className="kc-svc-rate" data-testid="rate-cell">
      <strong>{formatPercent(rate, t)}</strong>
      <span className="kc-muted kc-small">{formatFraction(rate)}</span>
    </span>
  );
};

const Headline = ({ total, reopenDays }: { total: ServiceMetrics; reopenDays: number }) => {
  const { t, locale } = useI18n();
  const rates: { key: string; label: string; hint: string; rate: Rate }[] = [
    { key: 'response', label: t('services.metrics.responseOnTime'), hint: t('services.metrics.responseHint'), rate: total.responseOnTime },
    { key: 'resolution', label: t('services.metrics.resolutionOnTime'), hint: t('services.metrics.resolutionHint'), rate: total.resolutionOnTime },
    { key: 'reopen-aware', label: t('services.metrics.reopenAware'), hint: t('services.metrics.reopenAwareHint', { days: reopenDays }), rate: total.reopenAwareResolution },
  ];
  return (
    <div className="kc-svc-headline" data-testid="metrics-headline">
      <div className="kc-svc-counts">
        {[
          { k: 'received', v: total.received, l: t('services.metrics.received') },
          { k: 'open', v: total.open, l: t('services.metrics.open') },
          { k: 'overdue', v: total.overdue, l: t('services.metrics.overdue') },
          { k: 'withdrawn', v: total.withdrawn, l: t('services.metrics.withdrawn') },
        ].map((c) => (
          <div key={c.k} className="kc-svc-count" data-testid={`metrics-count-${c.k}`}>
            <span className="kc-svc-count-value">{formatNumber(c.v, locale)}</span>
            <span className="kc-muted kc-small">{c.l}</span>
          </div>
        ))}
      </div>
      {rates.map((r) => (
        <div key={r.key} className="kc-svc-rate-card" data-testid={`metrics-rate-${r.key}`}>
          <div className="kc-svc-rate-card-label">{r.label}</div>
          <div className="kc-svc-rate-card-value">{formatPercent(r.rate, t)}</div>
          <div className="kc-muted kc-small">{t('services.metrics.base', { numerator: r.rate.numerator, denominator: r.rate.denominator })}</div>
          <div className="kc-muted kc-small">{r.hint}</div>
        </div>
      ))}
      <div className="kc-svc-rate-card" data-testid="metrics-rate-satisfaction">
        <div className="kc-svc-rate-card-label">{t('services.metrics.satisfaction')}</div>
        <div className="kc-svc-rate-card-value">{formatSatisfaction(total.satisfaction, t)}</div>
        <div className="kc-muted kc-small">{t('services.metrics.ratedCount', { count: total.satisfaction.count })}</div>
        <div className="kc-muted kc-small">{t('services.metrics.satisfactionHint')}</div>
      </div>
    </div>
  );
};

/** The policy-gap queue: clusters of demands from different enterprises that raise the same problem. */
const SystemicIssues = ({ from, to }: { from?: string | undefined; to?: string | undefined }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const minEnterprises = Math.min(50, Math.max(2, Number(params.get('min') ?? '2') || 2));
  const issues = useSystemicIssuesQuery(centre.id, { from, to, minEnterprises });
  const items = issues.data?.items ?? [];
  return (
    <Panel
      title={t('services.issues.title')}
      extra={
        <label className="kc-svc-inline-field">
          <span className="kc-small">{t('services.issues.minEnterprises')}</span>
          <InputNumber
            size="small"
            min={2}
            max={50}
            value={minEnterprises}
            onChange={(v) =>
              setParams(
                (current) => {
                  const next = new URLSearchParams(current);
                  if (v && v !== 2) next.set('min', String(v));
                  else next.delete('min');
                  return next;
                },
                { replace: true },
              )
            }
            data-testid="issues-min"
          />
        </label>
      }
      data-testid="systemic-issues"
    >
      <p className="kc-muted kc-small">{t('services.issues.intro')}</p>
      <QueryState isLoading={issues.isLoading} error={issues.error} isEmpty={items.length === 0} emptyText={t('services.issues.empty')}>
        <ol className="kc-svc-issues">
          {items.map((c, i) => (
            <li key={i} className="kc-svc-issue" data-testid="systemic-issue">
              <div className="kc-svc-issue-head">
                <span className="kc-svc-tags" data-testid="issue-keywords">
                  {c.keywords.map((k) => (
                    <Tag key={k} color="volcano">
                      {k}
                    </Tag>
                  ))}
                </span>
                <span className="kc-muted kc-small">{t('services.issues.summary', { enterprises: c.enterprises.length, demands: c.demands.length, cohesion: formatNumber(c.cohesion * 100, locale, 0) })}</span>
              </div>
              <div className="kc-svc-issue-body">
                <div>
                  <div className="kc-svc-label">{t('services.issues.enterprises')}</div>
                  <ul className="kc-svc-compact-list">
                    {c.enterprises.map((e) => (
                      <li key={e.id}>{can('services:manage') ? <Link to={enterpriseServicePath(e.id)}>{pickName(e, locale) || e.id}</Link> : pickName(e, locale) || e.id}</li>
                    ))}
                  </ul>
                </div>
                <div>
                  <div className="kc-svc-label">{t('services.issues.demands')}</div>
                  <ul className="kc-svc-compact-list">
                    {c.demands.map((d) => (
                      <li key={d.id}>
                        <span className="kc-mono kc-small">{d.reference}</span> {can('services:manage') ? <Link to={demandPath(d.id)}>{d.title}</Link> : d.title}{' '}
                        <span className="kc-muted kc-small">
                          {demandTypeLabel(t, d.type)} · {demandStateLabel(t, d.state)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </div>
              </div>
            </li>
          ))}
        </ol>
      </QueryState>
    </Panel>
  );
};

/**
 * 服务成效 / Service performance: response and resolution within SLA,
 * reopen-aware resolution (the window selectable) and satisfaction, per
 * department, district or type with their bases, the monthly trend, and the
 * policy-gap queue.
 */
export const ServiceMetricsPage = () => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const theme = useChartTheme();
  const [params, setParams] = useSearchParams();
  const groupBy: GroupBy = (GROUPS as readonly string[]).includes(params.get('group') ?? '') ? (params.get('group') as GroupBy) : 'department';
  const from = DATE.test(params.get('from') ?? '') ? (params.get('from') as string) : undefined;
  const to = DATE.test(params.get('to') ?? '') ? (params.get('to') as string) : undefined;
  const reopenDays = Math.min(90, Math.max(0, Number(params.get('reopen') ?? '7') || 0));
  const set = (k: string, v: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (v) next.set(k, v);
        else next.delete(k);
        return next;
      },
      { replace: true },
    );
  const report = useServiceMetricsQuery(centre.id, { from, to, groupBy, reopenDays });
  const rows = useMemo(() => (report.data ? metricRows(report.data, groupBy, t) : []), [report.data, groupBy, t]);
  const trend = report.data?.trend ?? [];
  const ratesOption = useMemo(() => buildRatesTrendOption(trend, theme, t), [trend, theme, t]);
  const volumeOption = useMemo(() => buildVolumeTrendOption(trend, theme, t), [trend, theme, t]);

  return (
    <div className="kc-svc" data-testid="metrics-page">
      <ServicesNav />
      <PageHeader title={t('services.metrics.title')} intro={t('services.metrics.intro')} />
      <div className="kc-svc-filter-row" data-testid="metrics-filters">
        <label className="kc-svc-inline-field">
          <span>{t('services.metrics.from')}</span>
          <Input type="date" className="kc-svc-date" value={from ?? ''} max={to} onChange={(e) => set('from', e.target.value || undefined)} data-testid="metrics-from" />
        </label>
        <label className="kc-svc-inline-field">
          <span>{t('services.metrics.to')}</span>
          <Input type="date" className="kc-svc-date" value={to ?? ''} min={from} onChange={(e) => set('to', e.target.value || undefined)} data-testid="metrics-to" />
        </label>
        <label className="kc-svc-inline-field">
          <span>{t('services.metrics.reopenWindow')}</span>
          <InputNumber min={0} max={90} value={reopenDays} suffix={t('services.package.daysUnit')} onChange={(v) => set('reopen', v === null || v === 7 ? undefined : String(v))} data-testid="metrics-reopen-days" style={{ width: 110 }} />
        </label>
      </div>
      <QueryState isLoading={report.isLoading} error={report.error} onRetry={() => void report.refetch()}>
        {report.data && (
          <>
            <Headline total={report.data.total} reopenDays={report.data.reopenDays} />
            <Panel
              title={t('services.metrics.byGroup')}
              extra={
                <Segmented
                  size="small"
                  value={groupBy}
                  onChange={(v) => set('group', v === 'department' ? undefined : String(v))}
                  options={GROUPS.map((g) => ({ value: g, label: t(`services.metrics.groupBy.${g}`) }))}
                  data-testid="metrics-group-by"
                />
              }
              data-testid="metrics-groups"
            >
              <Table<MetricRow>
                rowKey="key"
                size="middle"
                pagination={false}
                scroll={{ x: 900 }}
                locale={{ emptyText: t('services.metrics.empty') }}
                dataSource={rows}
                onRow={() => ({ 'data-testid': 'metrics-row' }) as object}
                columns={[
                  { key: 'name', title: t(`services.metrics.groupBy.${groupBy}`), render: (_, r) => r.label },
                  { key: 'received', title: t('services.metrics.received'), width: 90, align: 'right', render: (_, r) => r.metrics.received },
                  { key: 'open', title: t('services.metrics.open'), width: 80, align: 'right', render: (_, r) => r.metrics.open },
                  { key: 'overdue', title: t('services.metrics.overdue'), width: 80, align: 'right', render: (_, r) => r.metrics.overdue },
                  { key: 'response', title: t('services.metrics.responseOnTime'), width: 140, render: (_, r) => <RateCell rate={r.metrics.responseOnTime} /> },
                  { key: 'resolution', title: t('services.metrics.resolutionOnTime'), width: 140, render: (_, r) => <RateCell rate={r.metrics.resolutionOnTime} /> },
                  { key: 'reopen', title: t('services.metrics.reopenAware'), width: 150, render: (_, r) => <RateCell rate={r.metrics.reopenAwareResolution} /> },
                  {
                    key: 'satisfaction',
                    title: t('services.metrics.satisfaction'),
                    width: 120,
                    render: (_, r) => (
                      <span className="kc-svc-rate">
                        <strong>{formatSatisfaction(r.metrics.satisfaction, t)}</strong>
                        <span className="kc-muted kc-small">{t('services.metrics.ratedCount', { count: r.metrics.satisfaction.count })}</span>
                      </span>
                    ),
                  },
                ]}
              />
            </Panel>
            <div className="kc-svc-charts">
              <Panel title={t('services.metrics.trendRates')} data-testid="metrics-trend-rates">
                {trend.length === 0 ? <p className="kc-muted">{t('services.metrics.empty')}</p> : <EChart option={ratesOption} height={280} ariaLabel={t('services.metrics.trendRates')} data-testid="metrics-trend-rates-chart" />}
              </Panel>
              <Panel title={t('services.metrics.trendVolume')} data-testid="metrics-trend-volume">
                {trend.length === 0 ? <p className="kc-muted">{t('services.metrics.empty')}</p> : <EChart option={volumeOption} height={280} ariaLabel={t('services.metrics.trendVolume')} data-testid="metrics-trend-volume-chart" />}
              </Panel>
            </div>
          </>
        )}
      </QueryState>
      <SystemicIssues from={from} to={to} />
    </div>
  );
};
