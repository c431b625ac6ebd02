import { Button, Segmented, Select, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PATENT_KINDS, POPULATION_INDICATOR_CODE, type PatentStatDimension } from '../../shared/patents-vocabulary.js';
import type { TPatentStatistics } from '../../shared/schemas/patents.js';
import { useCurrentCentre } from '../app/centre.js';
import { EChart } from '../charts/EChart.js';
import { useChartTheme } from '../charts/useChartTheme.js';
import { formatNumber, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { Translator } from '../i18n/translate.js';
import { buildRankOption, buildYearKindOption } from '../modules/patents/chart-options.js';
import { patentStatisticsCsvUrl, usePatentStatisticsQuery } from '../modules/patents/hooks.js';
import { dimensionLabel, kindLabel, sectionLabel, statusLabel } from '../modules/patents/labels.js';
import { PATENT_ROUTES, PatentsNav } from '../modules/patents/PatentsNav.js';
import '../modules/patents/patents.css';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';

const DIMENSIONS = ['ipc_section', 'ipc_class', 'ipc_subclass', 'district', 'applicant', 'kind', 'status', 'application_year', 'grant_year'] as const satisfies readonly PatentStatDimension[];
type Dimension = (typeof DIMENSIONS)[number];

/** A breakdown key in the reader's language. */
const keyLabel = (dimension: Dimension, key: string, stats: TPatentStatistics, t: Translator): string => {
  if (!key) return t('patents.stats.unknown');
  if (dimension === 'kind') return kindLabel(t, key as never);
  if (dimension === 'status') return statusLabel(t, key as never);
  if (dimension === 'ipc_section') return sectionLabel(t.locale, key);
  if (dimension === 'district') {
    const a = stats.areas[key];
    return a ? pickName(a, t.locale) : key;
  }
  if (dimension === 'applicant') {
    const a = stats.topApplicants.find((x) => x.key === key);
    return a ? pickName(a, t.locale) : key;
  }
  return key;
};

/** The records filter a breakdown row stands for (the drill-down to its patents). */
const drillFilter = (dimension: Dimension, key: string): Record<string, string> | null => {
  if (!key) return null;
  if (dimension === 'ipc_section' || dimension === 'ipc_class' || dimension === 'ipc_subclass') return { ipc: key };
  if (dimension === 'district') return { areaId: key };
  if (dimension === 'applicant') return { applicantId: key };
  if (dimension === 'kind') return { kind: key };
  if (dimension === 'status') return { status: key };
  if (dimension === 'application_year') return { year: key };
  return { year: key, yearOf: 'grant' };
};

/**
 * 专利统计: the platform's patent records by year and kind, IPC section,
 * district and organisation, with the breakdown as open data; beside them
 * the city's published invention-patent figures, and the registry's own
 * year-end figures where they can be computed (per 10,000 people only with a
 * resident-population figure, and the page says so when there is none).
 */
export const PatentStatisticsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const theme = useChartTheme();
  const [params, setParams] = useSearchParams();
  const dimension = (DIMENSIONS as readonly string[]).includes(params.get('dimension') ?? '') ? (params.get('dimension') as Dimension) : 'ipc_section';
  const kind = (PATENT_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as string) : undefined;
  const year = Number(params.get('year')) || undefined;
  const query = usePatentStatisticsQuery(centre.id, { dimension, kind, year });
  // The overview charts read the whole collection, whatever the breakdown shows.
  const sections = usePatentStatisticsQuery(centre.id, { dimension: 'ipc_section' });
  const districts = usePatentStatisticsQuery(centre.id, { dimension: 'district' });
  const stats = query.data;
  const set = (patch: Record<string, string | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) if (v === undefined || v === '') next.delete(k); else next.set(k, v);
      return next;
    });
  const listLink = (filter: Record<string, string | number>) => `${PATENT_ROUTES.registry}?${new URLSearchParams(Object.entries({ ...(kind ? { kind } : {}), ...filter }).map(([k, v]) => [k, String(v)]))}`;

  const appYears = useMemo(() => (stats ? buildYearKindOption(stats.byApplicationYear, theme, t) : null), [stats, theme, t]);
  const grantYears = useMemo(() => (stats ? buildYearKindOption(stats.byGrantYear, theme, t) : null), [stats, theme, t]);
  const sectionBars = useMemo(() => (sections.data ? buildRankOption(sections.data.rows.filter((r) => r.key).map((r) => ({ label: sectionLabel(locale, r.key), value: r.patents })), theme, t('patents.stats.patents')) : null), [sections.data, theme, t, locale]);
  const districtBars = useMemo(() => {
    const d = districts.data;
    return d ? buildRankOption(d.rows.filter((r) => r.key).map((r) => ({ label: keyLabel('district', r.key, d, t), value: r.patents })), theme, t('patents.stats.patents')) : null;
  }, [districts.data, theme, t]);
  const topBars = useMemo(() => (stats ? buildRankOption(stats.topApplicants.slice(0, 10).map((a) => ({ label: pickName(a, locale), value: a.patents })), theme, t('patents.stats.patents')) : null), [stats, theme, t, locale]);

  // The registry's derived figures for the centre as a whole (its top area is the one no district carries).
  const centreFigures = (stats?.derived ?? []).filter((d) => !stats?.areas[d.areaId]);
  const latestOf = (code: string) => centreFigures.filter((d) => d.indicatorCode === code).sort((a, b) => a.period.localeCompare(b.period)).at(-1);
  const inForce = latestOf('registry_invention_patents');
  const per10k = latestOf('registry_invention_patents_per_10k');
  const areaName = (id: string) => { const a = stats?.areas[id]; return a ? pickName(a, locale) : pickName(centre, locale); };

  return (
    <div className="kc-page" data-testid="patent-statistics-page">
      <PatentsNav />
      <PageHeader title={t('patents.stats.title')} intro={t('patents.stats.intro')} extra={<Button href={patentStatisticsCsvUrl(centre.id, { dimension, kind, year })} data-testid="patent-stats-csv">{t('patents.stats.download')}</Button>} />
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {stats && (
          <>
            <div className="kc-pt-cards">
              <div className="kc-pt-card" data-testid="patent-card-total">
                <div className="kc-muted kc-small">{t('patents.stats.total')}</div>
                <div className="kc-pt-card-value">{formatNumber(sections.data?.total ?? stats.total, locale)}</div>
              </div>
              <div className="kc-pt-card" data-testid="patent-card-in-force">
                <div className="kc-muted kc-small">{`${t('patents.stats.inForce')}${inForce ? ` · ${inForce.period}` : ''}`}</div>
                <div className="kc-pt-card-value">{inForce?.value !== undefined && inForce.value !== null ? <Link to={listLink({ inForceAt: inForce.period })}>{formatNumber(inForce.value, locale)}</Link> : '—'}</div>
              </div>
              <div className="kc-pt-card" data-testid="patent-card-per10k">
                <div className="kc-muted kc-small">{`${t('patents.stats.per10k')}${per10k ? ` · ${per10k.period}` : ''}`}</div>
                <div className="kc-pt-card-value">{per10k?.value !== undefined && per10k.value !== null ? formatNumber(per10k.value, locale, 1) : '—'}</div>
                {!per10k && <div className="kc-muted kc-small" data-testid="patent-no-population">{t('patents.stats.noPopulation', { code: POPULATION_INDICATOR_CODE })}</div>}
              </div>
              {stats.published.filter((p) => p.value !== null).slice(-2).map((p) => (
                <div className="kc-pt-card" key={`${p.indicatorCode}-${p.period}`} data-testid="patent-published-card">
                  <div className="kc-muted kc-small">{`${pickName({ nameZh: p.nameZh, nameEn: p.nameEn }, locale)} · ${p.period ?? ''}`}</div>
                  <div className="kc-pt-card-value">{formatNumber(p.value ?? 0, locale, 1)}</div>
                  <div className="kc-muted kc-small">{p.sourceUrl ? <a href={p.sourceUrl} target="_blank" rel="noreferrer">{p.sourceTitle}</a> : p.sourceTitle}</div>
                </div>
              ))}
            </div>
            {stats.unlinked > 0 && <p className="kc-muted kc-small" data-testid="patent-unlinked-note"><Link to={listLink({ unlinked: 'true' })}>{t('patents.stats.unlinked', { count: formatNumber(stats.unlinked, locale) })}</Link></p>}
            {stats.byApplicationYear.length === 0 ? (
              <p className="kc-muted" data-testid="patent-stats-empty">{t('patents.stats.empty')}</p>
            ) : (
              <>
                <div className="kc-pt-grid">
                  <Panel title={t('patents.stats.byApplicationYear')} data-testid="patent-by-application-year">{appYears && <EChart option={appYears} height={260} ariaLabel={t('patents.stats.byApplicationYear')} />}</Panel>
                  <Panel title={t('patents.stats.byGrantYear')} data-testid="patent-by-grant-year">{grantYears && <EChart option={grantYears} height={260} ariaLabel={t('patents.stats.byGrantYear')} />}</Panel>
                  <Panel title={t('patents.stats.bySection')} data-testid="patent-by-section">{sectionBars && <EChart option={sectionBars} height={260} ariaLabel={t('patents.stats.bySection')} />}</Panel>
                  <Panel title={t('patents.stats.byDistrict')} data-testid="patent-by-district">{districtBars && <EChart option={districtBars} height={260} ariaLabel={t('patents.stats.byDistrict')} />}</Panel>
                </div>
                {stats.topApplicants.length > 0 && <Panel title={t('patents.stats.topApplicants')} data-testid="patent-top-applicants">{topBars && <EChart option={topBars} height={Math.max(160, 30 * Math.min(10, stats.topApplicants.length))} ariaLabel={t('patents.stats.topApplicants')} />}</Panel>}
                <Panel
                  title={t('patents.stats.breakdown')}
                  data-testid="patent-breakdown"
                  extra={
                    <div className="kc-pt-actions">
                      <Select size="small" allowClear placeholder={t('patents.stats.allKinds')} value={kind} onChange={(v?: string) => set({ kind: v })} options={PATENT_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} style={{ minWidth: 120 }} data-testid="patent-stats-kind" />
                      <Select size="small" allowClear placeholder={t('patents.stats.allYears')} value={year} onChange={(v?: number) => set({ year: v ? String(v) : undefined })} options={[...new Set(stats.byApplicationYear.map((r) => r.year))].reverse().map((y) => ({ value: y, label: String(y) }))} style={{ minWidth: 120 }} data-testid="patent-stats-year" />
                    </div>
                  }
                >
                  <Segmented size="small" value={dimension} onChange={(v) => set({ dimension: String(v) })} options={DIMENSIONS.map((d) => ({ value: d, label: dimensionLabel(t, d) }))} data-testid="patent-stats-dimension" style={{ marginBottom: 12, flexWrap: 'wrap' }} />
                  <Table
                    size="small"
                    rowKey="key"
                    pagination={stats.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                    dataSource={stats.rows}
                    data-testid="patent-stats-table"
                    columns={[
                      { title: dimensionLabel(t, dimension), key: 'key', render: (_, r) => <>{keyLabel(dimension, r.key, stats, t)}{r.samples > 0 && <Tag color="gold" style={{ marginInlineStart: 6 }}>{t('patents.stats.sample')}</Tag>}</> },
                      { title: t('patents.stats.patents'), key: 'patents', align: 'right', render: (_, r) => { const f = drillFilter(dimension, r.key); return f ? <Link to={listLink({ ...(year && dimension !== 'application_year' ? { year } : {}), ...f })} data-testid="patent-stats-drill">{formatNumber(r.patents, locale)}</Link> : formatNumber(r.patents, locale); } },
                    ]}
                  />
                </Panel>
              </>
            )}
            <Panel title={t('patents.stats.registryFigures')} data-testid="patent-derived">
              <p className="kc-muted kc-small">{t('patents.stats.registryHint')}</p>
              <Table
                size="small"
                rowKey={(d) => `${d.indicatorCode}|${d.areaId}|${d.period}`}
                pagination={stats.derived.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                dataSource={[...stats.derived].reverse()}
                locale={{ emptyText: t('patents.stats.noDerived') }}
                columns={[
                  { title: t('patents.stats.indicator'), key: 'i', render: (_, d) => (d.indicatorCode.endsWith('per_10k') ? t('patents.stats.per10k') : t('patents.stats.inForce')) },
                  { title: t('patents.stats.year'), dataIndex: 'period' },
                  { title: t('patents.stats.area'), key: 'a', render: (_, d) => areaName(d.areaId) },
                  { title: t('patents.stats.value'), key: 'v', align: 'right', render: (_, d) => (d.indicatorCode.endsWith('per_10k') ? formatNumber(d.value ?? 0, locale, 1) : <Link to={listLink({ inForceAt: d.period, ...(stats.areas[d.areaId] ? { areaId: d.areaId } : {}) })}>{formatNumber(d.value ?? 0, locale)}</Link>) },
                ]}
              />
            </Panel>
            {stats.published.length > 0 && (
              <Panel title={t('patents.stats.published')} data-testid="patent-published">
                <p className="kc-muted kc-small">{t('patents.stats.publishedHint')}</p>
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(p) => `${p.indicatorCode}-${p.period}`}
                  dataSource={stats.published}
                  columns={[
                    { title: t('patents.stats.indicator'), key: 'name', render: (_, p) => pickName({ nameZh: p.nameZh, nameEn: p.nameEn }, locale) },
                    { title: t('patents.stats.year'), dataIndex: 'period' },
                    { title: t('patents.stats.value'), key: 'value', align: 'right', render: (_, p) => (p.value === null ? (p.valueAsGiven ?? '—') : formatNumber(p.value, locale, 1)) },
                    { title: t('patents.stats.source'), key: 'source', render: (_, p) => (p.sourceUrl ? <a href={p.sourceUrl} target="_blank" rel="noreferrer">{p.sourceTitle}</a> : p.sourceTitle) },
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
