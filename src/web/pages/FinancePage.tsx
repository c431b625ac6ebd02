import { Button, Input, Modal, Popconfirm, Select, Table, Tabs, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { ROUND_STAGES, type RoundStage, type UnicornExitReason } from '../../shared/finance-vocabulary.js';
import type { TExit, TFinanceStatistics, TFxRate, TRound, TUnicornReport } from '../../shared/schemas/finance.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { EChart } from '../charts/EChart.js';
// The funnel's legend (one series per cohort year).
import '../charts/echarts-line.js';
import { useChartTheme } from '../charts/useChartTheme.js';
import { formatNumber, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/keys.js';
import { buildFunnelOption } from '../modules/finance/chart-options.js';
import '../modules/finance/finance.css';
import { ExitForm, RateForm, RoundForm } from '../modules/finance/forms.js';
import { RoundImport } from '../modules/finance/RoundImport.js';
import { useExitsQuery, useFinanceStatisticsQuery, useFinanceWriteMutation, useRatesQuery, useRoundsQuery, useUnicornsQuery, type RoundFilters } from '../modules/finance/hooks.js';
import { boardLabel, formatMoney, stageLabel } from '../modules/finance/labels.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';

type Published = TFinanceStatistics['published'][number];

/** A published figure with its source, shown beside the records' own count and never added to it. */
const PublishedFigure = ({ figure }: { figure: Published }) => {
  const { t, locale } = useI18n();
  return (
    <div className="kc-fin-card" data-testid="finance-published">
      <div>{pickName({ nameZh: figure.nameZh, nameEn: figure.nameEn }, locale)}</div>
      <div className="kc-fin-card-value">{figure.value === null ? (figure.valueAsGiven ?? '—') : formatNumber(figure.value, locale)}</div>
      <div className="kc-fin-card-note">
        {t('finance.published.label')}
        {figure.period ? ` · ${figure.period}` : ''}
        {figure.sourceTitle ? ` · ${figure.sourceTitle}` : ''}
      </div>
    </div>
  );
};

const Overview = ({ centreId }: { centreId: string }) => {
  const { t, locale } = useI18n();
  const theme = useChartTheme();
  const stats = useFinanceStatisticsQuery(centreId);
  const data = stats.data;
  const stepLabel = (step: string) => t(`finance.funnel.${step}` as MessageKey);
  const option = useMemo(() => (data ? buildFunnelOption(data.funnel, stepLabel, theme, t('finance.funnel.conversion')) : null), [data, theme, t]); // eslint-disable-line react-hooks/exhaustive-deps
  const byYear = useMemo(() => {
    const m = new Map<number, { year: number; rounds: number; disclosed: number; amount: number; unconverted: number; samples: number }>();
    for (const c of data?.cells ?? []) {
      const r = m.get(c.year) ?? { year: c.year, rounds: 0, disclosed: 0, amount: 0, unconverted: 0, samples: 0 };
      r.rounds += c.rounds;
      r.disclosed += c.disclosed;
      r.amount += c.amount;
      r.unconverted += c.unconverted;
      r.samples += c.samples;
      m.set(c.year, r);
    }
    return [...m.values()].sort((a, b) => b.year - a.year);
  }, [data]);
  const byStage = useMemo(() => {
    const m = new Map<RoundStage, { stage: RoundStage; rounds: number; amount: number; converted: number }>();
    for (const c of data?.cells ?? []) {
      const r = m.get(c.stage) ?? { stage: c.stage, rounds: 0, amount: 0, converted: 0 };
      r.rounds += c.rounds;
      r.amount += c.amount;
      r.converted += c.disclosed - c.unconverted;
      m.set(c.stage, r);
    }
    return ROUND_STAGES.flatMap((s) => (m.get(s) ? [m.get(s) as { stage: RoundStage; rounds: number; amount: number; converted: number }] : []));
  }, [data]);
  // The latest year end; the centre's figure is the largest of that year's (its areas' are parts of it).
  const latestUnicorns = [...(data?.derived ?? [])].filter((d) => d.indicatorCode === 'unicorns_recorded').sort((a, b) => ((a.period ?? '') < (b.period ?? '') ? 1 : (a.period ?? '') > (b.period ?? '') ? -1 : (b.value ?? 0) - (a.value ?? 0)))[0];
  return (
    <QueryState isLoading={stats.isLoading} error={stats.error} onRetry={() => void stats.refetch()}>
      {data && (
        <>
          <div className="kc-fin-cards">
            <div className="kc-fin-card" data-testid="finance-recorded-rounds">
              <div>{t('finance.overview.rounds')}</div>
              <div className="kc-fin-card-value">{formatNumber(byYear.reduce((n, r) => n + r.rounds, 0), locale)}</div>
              <div className="kc-fin-card-note">{t('finance.overview.fromRecords')}</div>
            </div>
            <div className="kc-fin-card" data-testid="finance-recorded-unicorns">
              <div>{t('finance.overview.unicornsRecorded')}</div>
              <div className="kc-fin-card-value">{latestUnicorns?.value ?? '—'}</div>
              <div className="kc-fin-card-note">{latestUnicorns ? t('finance.overview.atYearEnd', { year: latestUnicorns.period ?? '' }) : t('finance.overview.notYetDerived')}</div>
            </div>
            {data.published.map((p) => <PublishedFigure key={`${p.indicatorCode}-${p.period}`} figure={p} />)}
          </div>
          <div className="kc-fin-grid">
            <Panel title={t('finance.funnel.title')} data-testid="finance-funnel">
              {data.funnel.length === 0 ? <p>{t('finance.funnel.empty')}</p> : option && <EChart option={option} height={300} ariaLabel={t('finance.funnel.title')} data-testid="finance-funnel-chart" />}
              <p className="kc-fin-card-note">{t('finance.funnel.hint')}</p>
            </Panel>
            <Panel title={t('finance.byYear.title', { currency: data.currency })} data-testid="finance-by-year">
              <Table
                rowKey="year"
                size="small"
                pagination={false}
                dataSource={byYear}
                locale={{ emptyText: t('finance.rounds.empty') }}
                columns={[
                  { title: t('finance.byYear.year'), dataIndex: 'year' },
                  { title: t('finance.byYear.rounds'), dataIndex: 'rounds', align: 'right' },
                  { title: t('finance.byYear.disclosed'), dataIndex: 'disclosed', align: 'right' },
                  { title: t('finance.byYear.amount'), key: 'amount', align: 'right', render: (_, r) => (r.disclosed > r.unconverted ? formatMoney(r.amount, data.currency, locale) : '—') },
                  { title: t('finance.byYear.unconverted'), dataIndex: 'unconverted', align: 'right' },
                ]}
              />
              <Table
                rowKey="stage"
                size="small"
                pagination={false}
                dataSource={byStage}
                style={{ marginTop: 12 }}
                columns={[
                  { title: t('finance.round.stage'), key: 'stage', render: (_, r) => stageLabel(t, r.stage) },
                  { title: t('finance.byYear.rounds'), dataIndex: 'rounds', align: 'right' },
                  { title: t('finance.byYear.amount'), key: 'amount', align: 'right', render: (_, r) => (r.converted > 0 ? formatMoney(r.amount, data.currency, locale) : '—') },
                ]}
              />
            </Panel>
          </div>
        </>
      )}
    </QueryState>
  );
};

const Rounds = ({ centreId }: { centreId: string }) => {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const [filters, setFilters] = useState<RoundFilters>({ limit: 50, offset: 0 });
  const query = useRoundsQuery(centreId, filters);
  const write = useFinanceWriteMutation(centreId);
  const [open, setOpen] = useState(false);
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async (id: string) => {
    setError(null);
    try {
      await write.mutateAsync({ path: `/rounds/${encodeURIComponent(id)}`, method: 'DELETE' });
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  return (
    <>
      <div className="kc-fin-toolbar">
        <Select allowClear placeholder={t('finance.round.stage')} style={{ width: 160 }} options={ROUND_STAGES.map((s) => ({ value: s, label: stageLabel(t, s) }))} onChange={(v?: string) => setFilters((f) => ({ ...f, stage: v, offset: 0 }))} data-testid="rounds-filter-stage" />
        <Input allowClear placeholder={t('finance.byYear.year')} style={{ width: 120 }} onChange={(e) => setFilters((f) => ({ ...f, year: /^\d{4}$/.test(e.target.value) ? e.target.value : undefined, offset: 0 }))} />
        {can('finance:manage') && <Button type="primary" onClick={() => setOpen(true)} data-testid="round-new">{t('finance.rounds.new')}</Button>}
        {can('finance:manage') && <Button onClick={() => setImporting(true)} data-testid="round-import-open">{t('finance.import.title')}</Button>}
      </div>
      {error && <div className="kc-fin-error" role="alert">{error}</div>}
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        <Table<TRound>
          rowKey="id"
          size="small"
          dataSource={query.data?.items ?? []}
          data-testid="rounds-table"
          locale={{ emptyText: t('finance.rounds.empty') }}
          pagination={{ total: query.data?.total ?? 0, pageSize: filters.limit, current: filters.offset / filters.limit + 1, onChange: (page) => setFilters((f) => ({ ...f, offset: (page - 1) * f.limit })) }}
          columns={[
            { title: t('finance.round.announcedOn'), dataIndex: 'announcedOn' },
            { title: t('finance.round.investee'), key: 'investee', render: (_, r) => <>{pickName(r.investee, locale)}<SampleTag isSample={r.isSample} /></> },
            { title: t('finance.round.stage'), key: 'stage', render: (_, r) => stageLabel(t, r.stage) },
            { title: t('finance.round.amount'), key: 'amount', align: 'right', render: (_, r) => (r.amount === null ? t('finance.round.undisclosed') : formatMoney(r.amount, r.currency, locale)) },
            { title: t('finance.round.valuation'), key: 'valuation', align: 'right', render: (_, r) => (r.postMoneyValuation === null ? '—' : formatMoney(r.postMoneyValuation, r.currency, locale)) },
            { title: t('finance.round.investors'), key: 'investors', render: (_, r) => r.investors.map((i) => <Tag key={`${i.name}-${i.entityId ?? ''}`} color={i.isLead ? 'blue' : undefined}>{i.name}{i.isLead ? ` · ${t('finance.round.lead')}` : ''}</Tag>) },
            ...(can('finance:manage') ? [{ title: '', key: 'actions', render: (_: unknown, r: TRound) => <Popconfirm title={t('finance.form.confirmDelete')} onConfirm={() => void remove(r.id)}><Button size="small" danger>{t('finance.form.delete')}</Button></Popconfirm> }] : []),
          ]}
        />
      </QueryState>
      <Modal open={importing} title={t('finance.import.title')} footer={null} onCancel={() => setImporting(false)} destroyOnHidden width={760}>
        <RoundImport centreId={centreId} onDone={() => undefined} />
      </Modal>
      <Modal open={open} title={t('finance.rounds.new')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden width={720}>
        <RoundForm onCancel={() => setOpen(false)} onSubmit={async (body) => { await write.mutateAsync({ path: '/rounds', method: 'POST', body }); setOpen(false); }} />
      </Modal>
    </>
  );
};

const Exits = ({ centreId }: { centreId: string }) => {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const query = useExitsQuery(centreId);
  const write = useFinanceWriteMutation(centreId);
  const [open, setOpen] = useState(false);
  return (
    <>
      <div className="kc-fin-toolbar">{can('finance:manage') && <Button type="primary" onClick={() => setOpen(true)} data-testid="exit-new">{t('finance.exits.new')}</Button>}</div>
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        <Table<TExit>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={query.data?.items ?? []}
          data-testid="exits-table"
          locale={{ emptyText: t('finance.exits.empty') }}
          columns={[
            { title: t('finance.exit.date'), dataIndex: 'exitOn' },
            { title: t('finance.exit.company'), key: 'company', render: (_, r) => <>{pickName(r.entity, locale)}<SampleTag isSample={r.isSample} /></> },
            { title: t('finance.exit.kind'), key: 'kind', render: (_, r) => t(`finance.exitKind.${r.kind}`) },
            { title: t('finance.exit.board'), key: 'board', render: (_, r) => (r.board ? `${boardLabel(t, r.board)} ${r.code ?? ''}` : (r.acquirer?.name ?? '—')) },
          ]}
        />
      </QueryState>
      <Modal open={open} title={t('finance.exits.new')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden width={640}>
        <ExitForm onCancel={() => setOpen(false)} onSubmit={async (body) => { await write.mutateAsync({ path: '/exits', method: 'POST', body }); setOpen(false); }} />
      </Modal>
    </>
  );
};

type Status = TUnicornReport['unicorns'][number];

const Unicorns = ({ centreId }: { centreId: string }) => {
  const { t, locale } = useI18n();
  const [date, setDate] = useState<string | undefined>(undefined);
  const query = useUnicornsQuery(centreId, date);
  const r = query.data;
  const basis = (s: Status) => s.bases.map((b) => t(`finance.unicorns.basis.${b}`)).join(' + ');
  const valuation = (s: Status) => (s.latestValuation ? `${formatMoney(s.latestValuation.amount, s.latestValuation.currency, locale)}${s.latestValuation.usd === null ? ` (${t('finance.unicorns.noRate')})` : s.latestValuation.currency === 'USD' ? '' : ` ≈ ${formatMoney(s.latestValuation.usd, 'USD', locale)}`}` : '—');
  return (
    <>
      <div className="kc-fin-toolbar">
        <span>{t('finance.unicorns.at')}</span>
        <Input placeholder="YYYY-MM-DD" style={{ width: 140 }} allowClear onChange={(e) => setDate(/^\d{4}-\d{2}-\d{2}$/.test(e.target.value) ? e.target.value : undefined)} data-testid="unicorns-date" />
        {r && <span>{t('finance.unicorns.count', { count: r.unicorns.length, date: r.date })}</span>}
      </div>
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {r && (
          <>
            <div className="kc-fin-cards">
              <div className="kc-fin-card" data-testid="unicorns-recorded">
                <div>{t('finance.overview.unicornsRecorded')}</div>
                <div className="kc-fin-card-value">{r.unicorns.length}</div>
                <div className="kc-fin-card-note">{t('finance.unicorns.onDate', { date: r.date })}</div>
              </div>
              {r.published.map((p) => <PublishedFigure key={`${p.indicatorCode}-${p.period}`} figure={p} />)}
            </div>
            {r.missingRates.length > 0 && <p className="kc-fin-error" data-testid="unicorns-missing-rates">{t('finance.unicorns.missingRates', { list: r.missingRates.map((m) => `${m.currency} ${m.year}`).join(t('common.listSeparator')) })}</p>}
            <div className="kc-fin-grid">
              <Panel title={t('finance.unicorns.list')}>
                <Table<Status>
                  rowKey={(s) => s.entity.id}
                  size="small"
                  pagination={false}
                  dataSource={r.unicorns}
                  data-testid="unicorns-table"
                  locale={{ emptyText: t('finance.unicorns.empty') }}
                  columns={[
                    { title: t('finance.exit.company'), key: 'name', render: (_, s) => pickName(s.entity, locale) },
                    { title: t('finance.unicorns.basisTitle'), key: 'basis', render: (_, s) => basis(s) },
                    { title: t('finance.round.valuation'), key: 'valuation', render: (_, s) => valuation(s) },
                  ]}
                />
              </Panel>
              <Panel title={t('finance.unicorns.events')}>
                <Table
                  rowKey={(e) => `${e.entity.id}-${e.date}-${e.event}`}
                  size="small"
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={r.events}
                  data-testid="unicorn-events"
                  locale={{ emptyText: t('finance.unicorns.noEvents') }}
                  columns={[
                    { title: t('finance.exit.date'), dataIndex: 'date' },
                    { title: t('finance.exit.company'), key: 'name', render: (_, e) => pickName(e.entity, locale) },
                    { title: t('finance.unicorns.event'), key: 'event', render: (_, e) => (e.event === 'entry' ? <Tag color="green">{t('finance.unicorns.entry')}</Tag> : <Tag color="red">{t(`finance.unicorns.reason.${e.reason as UnicornExitReason}`)}</Tag>) },
                  ]}
                />
              </Panel>
            </div>
            <p className="kc-fin-card-note">{t('finance.unicorns.hint')}</p>
          </>
        )}
      </QueryState>
    </>
  );
};

const Rates = ({ centreId }: { centreId: string }) => {
  const { t } = useI18n();
  const { can } = useSession();
  const query = useRatesQuery(centreId);
  const write = useFinanceWriteMutation(centreId);
  return (
    <>
      <p>{t('finance.rates.intro')}</p>
      {can('finance:manage') && <RateForm onSubmit={async (body) => { await write.mutateAsync({ path: '/rates', method: 'PUT', body }); }} />}
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        <Table<TFxRate>
          rowKey={(r) => `${r.currency}-${r.year}`}
          size="small"
          pagination={false}
          style={{ marginTop: 12 }}
          dataSource={query.data?.items ?? []}
          data-testid="rates-table"
          locale={{ emptyText: t('finance.rates.empty') }}
          columns={[
            { title: t('finance.rates.currency'), dataIndex: 'currency' },
            { title: t('finance.rates.year'), dataIndex: 'year' },
            { title: t('finance.rates.usdPerUnit'), dataIndex: 'usdPerUnit', align: 'right' },
            { title: t('finance.rates.source'), key: 'source', render: (_, r) => r.sourceNote ?? '—' },
          ]}
        />
      </QueryState>
    </>
  );
};

/**
 * 科技金融: investment rounds into the registry's organisations, listings and
 * acquisitions, the unicorn tracker and the financing funnel. Figures come
 * from the records; the published unicorn count stands beside them with its
 * source. Amounts in other currencies convert only at rates entered here.
 */
export const FinancePage = () => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const [tab, setTab] = useState('overview');
  return (
    <div className="kc-page" data-testid="finance-page">
      <PageHeader title={t('finance.title')} intro={t('finance.intro')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'overview', label: <span data-testid="finance-tab-overview">{t('finance.tab.overview')}</span>, children: <Overview centreId={centre.id} /> },
          { key: 'rounds', label: <span data-testid="finance-tab-rounds">{t('finance.tab.rounds')}</span>, children: <Rounds centreId={centre.id} /> },
          { key: 'exits', label: <span data-testid="finance-tab-exits">{t('finance.tab.exits')}</span>, children: <Exits centreId={centre.id} /> },
          { key: 'unicorns', label: <span data-testid="finance-tab-unicorns">{t('finance.tab.unicorns')}</span>, children: <Unicorns centreId={centre.id} /> },
          { key: 'rates', label: <span data-testid="finance-tab-rates">{t('finance.tab.rates')}</span>, children: <Rates centreId={centre.id} /> },
        ]}
      />
    </div>
  );
};
