import { Button, Segmented, Select, Table, Tag, Tooltip } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { StatDimension } from '../../shared/contracts-vocabulary.js';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { EChart } from '../charts/EChart.js';
import '../charts/echarts-sankey.js';
import { useChartTheme } from '../charts/useChartTheme.js';
import { formatNumber, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { Translator } from '../i18n/translate.js';
import { buildCountBarsOption, buildFlowOption, formatTurnover } from '../modules/contracts/chart-options.js';
import { CONTRACT_ROUTES, ContractsNav } from '../modules/contracts/ContractsNav.js';
import { statisticsCsvUrl, useContractStatisticsQuery } from '../modules/contracts/hooks.js';
import { dimensionLabel, fieldLabel, regionLabel, sellerKindLabel, typeLabel } from '../modules/contracts/labels.js';
import '../modules/contracts/contracts.css';
import { displayScale, unitLabel } from '../modules/indicators/utils/unit-label.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';

const DIMENSIONS = ['type', 'family', 'field', 'seller_kind', 'district', 'park', 'buyer_region'] as const;
type Dimension = (typeof DIMENSIONS)[number];
type Stats = NonNullable<ReturnType<typeof useContractStatisticsQuery>['data']>;
type Row = Stats['rows'][number];

/** The label of a breakdown key in the reader's language. */
const keyLabel = (dimension: StatDimension, key: string, stats: Stats, t: Translator): string => {
  if (!key) return t('contracts.stats.unknownArea');
  if (dimension === 'type') return typeLabel(t, key as never);
  if (dimension === 'family') return t(`contracts.family.${key as 'development'}`);
  if (dimension === 'field') return fieldLabel(t, key as never);
  if (dimension === 'seller_kind') return sellerKindLabel(t, key as never);
  if (dimension === 'buyer_region') return regionLabel(t, t.locale, key);
  const area = stats.areas[key];
  return area ? pickName({ nameZh: area.nameZh, nameEn: area.nameEn }, t.locale) : key;
};

/** The list filter a breakdown row stands for (for the drill-down to its contracts). */
const drillFilter = (dimension: StatDimension, key: string): Record<string, string> => {
  if (!key) return {};
  const param = ({ type: 'type', field: 'field', seller_kind: 'sellerKind', district: 'districtId', park: 'parkId', buyer_region: 'buyerRegion' } as Partial<Record<StatDimension, string>>)[dimension];
  return param ? { [param]: key } : {};
};

/** Each published indicator's latest figure, leaving out rates (the cards show levels). */
const latestPublished = (published: Stats['published']): Stats['published'] => {
  const latest = new Map<string, Stats['published'][number]>();
  for (const p of published) if (p.value !== null && !(p.unit ?? '').includes('%') && (latest.get(p.indicatorCode)?.period ?? '') <= (p.period ?? '')) latest.set(p.indicatorCode, p);
  return [...latest.values()];
};

/** A published figure in the reader's unit (853.69 billion yuan reads 8,536.9 亿元 in Chinese). */
const publishedValue = (p: Stats['published'][number], t: Translator): string => {
  if (p.value === null) return p.valueAsGiven ?? '—';
  const unit = unitLabel(p.unit, t);
  return `${formatNumber(p.value * displayScale(p.unit, t.locale), t.locale)}${unit ? ` ${unit}` : ''}`;
};

const Growth = ({ value }: { value: number | null }) => {
  const { locale } = useI18n();
  if (value === null) return <span className="kc-muted">—</span>;
  return <span style={{ color: value >= 0 ? 'var(--kc-success, #389e0d)' : 'var(--kc-error, #cf1322)' }}>{`${value >= 0 ? '+' : ''}${formatNumber(value, locale, 1)}%`}</span>;
};

/**
 * 技术合同统计: registered contracts by year and month, one breakdown for a
 * year with growth, and the flows from districts to buyers' regions; beside
 * them the centre's published city-wide figures with their sources. Open
 * data: small cells are hidden unless the reader may see the contracts, who
 * also gets a link from each figure to the contracts behind it.
 */
export const ContractStatisticsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const theme = useChartTheme();
  const [params, setParams] = useSearchParams();
  const dimension = (DIMENSIONS as readonly string[]).includes(params.get('dimension') ?? '') ? (params.get('dimension') as Dimension) : 'type';
  const year = Number(params.get('year')) || undefined;
  const query = useContractStatisticsQuery(centre.id, { dimension, year });
  const flows = useContractStatisticsQuery(centre.id, { dimension: 'flow', year: query.data?.year ?? year });
  const stats = query.data;
  const drill = can('contracts:read') || can('contracts:register');
  const set = (patch: Record<string, string | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) if (v === undefined) next.delete(k); else next.set(k, v);
      return next;
    });
  const listLink = (filter: Record<string, string | number>) => `${CONTRACT_ROUTES.registry}?${new URLSearchParams(Object.entries({ state: 'registered', ...filter }).map(([k, v]) => [k, String(v)]))}`;

  const yearBars = useMemo(() => (stats ? buildCountBarsOption(stats.byYear.map((r) => ({ label: String(r.year), row: r })), theme, t, stats.suppression.minCell) : null), [stats, theme, t]);
  const monthBars = useMemo(() => (stats ? buildCountBarsOption(stats.byMonth.map((r) => ({ label: t.locale === 'zh-CN' ? `${r.month}月` : new Intl.DateTimeFormat('en', { month: 'short' }).format(new Date(2000, r.month - 1, 1)), row: r })), theme, t, stats.suppression.minCell) : null), [stats, theme, t]);
  const flowOption = useMemo(() => {
    const f = flows.data;
    if (!f) return null;
    return buildFlowOption(f.rows.map((r) => ({ from: keyLabel('district', r.key, f, t), to: regionLabel(t, t.locale, r.key2), row: r })), theme, t);
  }, [flows.data, theme, t]);
  const latest = stats?.byYear.at(-1);

  return (
    <div className="kc-page" data-testid="contract-statistics-page">
      <ContractsNav />
      <PageHeader
        title={t('contracts.stats.title')}
        intro={t('contracts.stats.intro')}
        extra={
          <Button href={statisticsCsvUrl(centre.id, { dimension, year: stats?.year ?? year })} data-testid="stats-csv">
            {t('contracts.stats.download')}
          </Button>
        }
      />
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {stats && (
          <>
            <div className="kc-tc-cards">
              <div className="kc-tc-card" data-testid="stats-card-registry">
                <div className="kc-muted kc-small">{t('contracts.stats.registry')}{latest ? ` · ${latest.year}` : ''}</div>
                <div className="kc-tc-card-value" data-testid="stats-latest-count">
                  {latest ? (latest.suppressed ? '*' : drill ? <Link to={listLink({ year: latest.year })} data-testid="stats-drill-total">{formatNumber(latest.contracts ?? 0, locale)}</Link> : formatNumber(latest.contracts ?? 0, locale)) : '—'}
                </div>
                <div className="kc-muted kc-small">{!latest ? t('contracts.stats.empty') : latest.suppressed ? t('contracts.stats.suppressed', { min: stats.suppression.minCell }) : `${t('contracts.stats.technicalAmount')} ${formatTurnover(latest.technicalAmount, t)}`}</div>
                {latest?.isSample && <Tag color="gold">{t('contracts.stats.sample')}</Tag>}
              </div>
              {latestPublished(stats.published).map((p) => (
                  <div className="kc-tc-card" key={`${p.indicatorCode}-${p.period}`} data-testid="stats-published-card">
                    <div className="kc-muted kc-small">{`${pickName({ nameZh: p.nameZh, nameEn: p.nameEn }, locale)} · ${p.period ?? ''}`}</div>
                    <div className="kc-tc-card-value">{publishedValue(p, t)}</div>
                    <div className="kc-muted kc-small">{p.sourceUrl ? <a href={p.sourceUrl} target="_blank" rel="noreferrer">{p.sourceTitle}</a> : p.sourceTitle}</div>
                  </div>
                ))}
            </div>
            {stats.suppression.applied && <p className="kc-muted kc-small" data-testid="stats-suppression-note">{t('contracts.stats.suppressionNote', { min: stats.suppression.minCell })}</p>}
            {stats.byYear.length === 0 ? (
              <p className="kc-muted" data-testid="stats-empty">{t('contracts.stats.empty')}</p>
            ) : (
              <div className="kc-tc-grid">
                <Panel title={t('contracts.stats.byYear')} data-testid="stats-by-year">
                  {yearBars && <EChart option={yearBars} height={260} ariaLabel={t('contracts.stats.byYear')} onClick={(p) => { const r = stats.byYear[p.dataIndex ?? -1]; if (r) set({ year: String(r.year) }); }} />}
                </Panel>
                <Panel title={t('contracts.stats.byMonth', { year: stats.year ?? '' })} extra={<Select size="small" value={stats.year ?? undefined} options={stats.byYear.map((r) => ({ value: r.year, label: String(r.year) }))} onChange={(v: number) => set({ year: String(v) })} data-testid="stats-year" aria-label={t('contracts.stats.year')} />}>
                  {monthBars && <EChart option={monthBars} height={260} ariaLabel={t('contracts.stats.byMonth', { year: stats.year ?? '' })} />}
                </Panel>
              </div>
            )}
            {stats.byYear.length > 0 && (
              <Panel title={t('contracts.stats.breakdown', { year: stats.year ?? '' })} extra={<Segmented size="small" value={dimension} onChange={(v) => set({ dimension: String(v) })} options={DIMENSIONS.map((d) => ({ value: d, label: dimensionLabel(t, d) }))} data-testid="stats-dimension" />} data-testid="stats-breakdown">
                <Table<Row>
                  size="small"
                  rowKey={(r) => `${r.key}|${r.key2}`}
                  pagination={false}
                  dataSource={stats.rows}
                  data-testid="stats-table"
                  onRow={() => ({ 'data-testid': 'stats-row' }) as never}
                  columns={[
                    { title: dimensionLabel(t, dimension), key: 'key', render: (_, r) => <span data-testid="stats-key">{keyLabel(dimension, r.key, stats, t)}{r.isSample && <Tag color="gold" style={{ marginInlineStart: 6 }}>{t('common.sample')}</Tag>}</span> },
                    { title: t('contracts.stats.contracts'), key: 'contracts', align: 'right', render: (_, r) => (r.suppressed ? <span className="kc-muted">{t('contracts.stats.suppressed', { min: stats.suppression.minCell })}</span> : drill ? <Link to={listLink({ year: stats.year ?? '', ...drillFilter(dimension, r.key) })} data-testid="stats-drill">{formatNumber(r.contracts ?? 0, locale)}</Link> : formatNumber(r.contracts ?? 0, locale)) },
                    { title: t('contracts.stats.growth'), key: 'cg', align: 'right', render: (_, r) => <Growth value={r.contractsGrowth} /> },
                    { title: t('contracts.stats.amount'), key: 'amount', align: 'right', render: (_, r) => formatTurnover(r.amount, t) },
                    { title: t('contracts.stats.technicalAmount'), key: 'tech', align: 'right', render: (_, r) => formatTurnover(r.technicalAmount, t) },
                    { title: t('contracts.stats.growth'), key: 'tg', align: 'right', render: (_, r) => <Growth value={r.technicalAmountGrowth} /> },
                  ]}
                />
              </Panel>
            )}
            {flowOption && (flows.data?.rows.some((r) => !r.suppressed) ?? false) && (
              <Panel title={t('contracts.stats.flows', { year: stats.year ?? '' })} data-testid="stats-flows">
                <EChart option={flowOption} height={Math.max(240, 28 * (flows.data?.rows.length ?? 0))} ariaLabel={t('contracts.stats.flows', { year: stats.year ?? '' })} />
              </Panel>
            )}
            {stats.published.length > 0 && (
              <Panel title={t('contracts.stats.published')} data-testid="stats-published">
                <p className="kc-muted kc-small">{t('contracts.stats.publishedHint')}</p>
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(p) => `${p.indicatorCode}-${p.period}`}
                  dataSource={stats.published}
                  columns={[
                    { title: t('contracts.stats.indicator'), key: 'name', render: (_, p) => pickName({ nameZh: p.nameZh, nameEn: p.nameEn }, locale) },
                    { title: t('contracts.stats.year'), dataIndex: 'period' },
                    { title: t('contracts.stats.value'), key: 'value', align: 'right', render: (_, p) => <Tooltip title={p.valueAsGiven}>{publishedValue(p, t)}</Tooltip> },
                    { title: t('contracts.stats.source'), key: 'source', render: (_, p) => (p.sourceUrl ? <a href={p.sourceUrl} target="_blank" rel="noreferrer">{p.sourceTitle}</a> : p.sourceTitle) },
                  ]}
                />
              </Panel>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
};
