import { Button, Modal, Popconfirm, Select, Table, Tabs, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { REGIONAL_RECORD_KINDS, type RegionalRecordKind } from '../../shared/cooperation-vocabulary.js';
import type { TAgreement, TCooperationStatistics, THostedOrg, TJointLab, TRegionalConfig, TRegionalRecord } from '../../shared/schemas/cooperation.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { useSession } from '../app/session.js';
import '../charts/echarts-graph.js';
// The legend of the stacked counts by country.
import '../charts/echarts-line.js';
import { EChart } from '../charts/EChart.js';
import { useChartTheme } from '../charts/useChartTheme.js';
import { formatNumber, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { buildCountryOption, buildFlowOption } from '../modules/cooperation/chart-options.js';
import '../modules/cooperation/cooperation.css';
import { AgreementForm, HostedOrgForm, JointLabForm, RegionalRecordForm } from '../modules/cooperation/forms.js';
import { useAgreementsQuery, useCooperationStatisticsQuery, useCooperationWriteMutation, useHostedQuery, useJointLabsQuery, useRegionalRecordsQuery, type RegionalFilters } from '../modules/cooperation/hooks.js';
import { countryName } from '../modules/cooperation/labels.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';

type Partner = TJointLab['partners'][number];

const Partners = ({ partners }: { partners: readonly Partner[] }) => {
  const { locale } = useI18n();
  return <>{partners.map((p, i) => <Tag key={i} color={p.side === 'foreign' ? 'blue' : undefined}>{p.name} · {countryName(p.country, locale)}</Tag>)}</>;
};

const DeleteButton = ({ onConfirm }: { onConfirm: () => void }) => {
  const { t } = useI18n();
  return <Popconfirm title={t('cooperation.form.confirmDelete')} onConfirm={onConfirm}><Button size="small" danger>{t('cooperation.form.delete')}</Button></Popconfirm>;
};

/** Records of one kind with a "new" button and a modal form; deletion for keepers of the records. */
const useWrite = (centreId: string) => {
  const { t } = useI18n();
  const write = useCooperationWriteMutation(centreId);
  const [error, setError] = useState<string | null>(null);
  const remove = async (path: string) => {
    setError(null);
    try {
      await write.mutateAsync({ path, method: 'DELETE' });
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  return { write, error, remove };
};

const Regional = ({ centreId, stats }: { centreId: string; stats: TCooperationStatistics }) => {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const theme = useChartTheme();
  const config = stats.config;
  const [filters, setFilters] = useState<RegionalFilters>({ limit: 20, offset: 0 });
  const records = useRegionalRecordsQuery(centreId, filters);
  const { write, error, remove } = useWrite(centreId);
  const [open, setOpen] = useState(false);
  const regionName = (code: string) => {
    const r = config.regions.find((x) => x.code === code);
    return r ? pickName(r, locale) : code;
  };
  const option = useMemo(() => buildFlowOption(config, stats.regional.flows, (r) => pickName(r, locale), theme), [config, stats, locale, theme]);
  const years = [...new Set(stats.regional.byYearKind.map((c) => c.year))].sort((a, b) => b - a);
  const cell = (year: number, kind: RegionalRecordKind) => stats.regional.byYearKind.find((c) => c.year === year && c.kind === kind)?.records ?? 0;
  const flowRows = stats.regional.flows.map((f) => ({ ...f, key: `${f.from}-${f.to}-${f.kind}` }));
  return (
    <>
      <p>{t('cooperation.regional.intro', { name: pickName(config, locale), regions: config.regions.map((r) => `${pickName(r, locale)} ${r.code}`).join(t('common.listSeparator')) })}{config.isDefault ? ` ${t('cooperation.regional.defaultConfig')}` : ''}</p>
      <div className="kc-coop-grid">
        <Panel title={t('cooperation.regional.flowTitle')} data-testid="regional-flow">
          {stats.regional.flows.length === 0 ? <p>{t('cooperation.regional.noFlows')}</p> : <EChart option={option} height={340} ariaLabel={t('cooperation.regional.flowTitle')} data-testid="regional-flow-chart" />}
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={flowRows}
            data-testid="regional-flow-table"
            locale={{ emptyText: t('cooperation.regional.noFlows') }}
            columns={[
              { title: t('cooperation.regional.from'), key: 'from', render: (_, f) => regionName(f.from) },
              { title: t('cooperation.regional.to'), key: 'to', render: (_, f) => regionName(f.to) },
              { title: t('cooperation.regional.kind'), key: 'kind', render: (_, f) => t(`cooperation.kind.${f.kind}`) },
              { title: t('cooperation.regional.records'), dataIndex: 'records', align: 'right' },
            ]}
          />
          {stats.regional.samples > 0 && <p className="kc-coop-note">{t('cooperation.regional.samples', { count: stats.regional.samples })}</p>}
        </Panel>
        <Panel title={t('cooperation.regional.byYear')} data-testid="regional-by-year">
          <Table
            size="small"
            rowKey="year"
            pagination={false}
            dataSource={years.map((year) => ({ year }))}
            locale={{ emptyText: t('cooperation.regional.empty') }}
            columns={[
              { title: t('cooperation.regional.year'), dataIndex: 'year' },
              ...REGIONAL_RECORD_KINDS.map((k) => ({ title: t(`cooperation.kind.${k}`), key: k, align: 'right' as const, render: (_: unknown, r: { year: number }) => cell(r.year, k) })),
            ]}
          />
        </Panel>
      </div>
      <Panel title={t('cooperation.regional.records')} extra={can('cooperation:manage') && <Button type="primary" onClick={() => setOpen(true)} data-testid="regional-new">{t('cooperation.regional.new')}</Button>}>
        <div className="kc-coop-toolbar">
          <Select allowClear placeholder={t('cooperation.regional.kind')} style={{ width: 160 }} options={REGIONAL_RECORD_KINDS.map((k) => ({ value: k, label: t(`cooperation.kind.${k}`) }))} onChange={(v?: string) => setFilters((f) => ({ ...f, kind: v, offset: 0 }))} />
        </div>
        {error && <div className="kc-coop-error" role="alert">{error}</div>}
        <QueryState isLoading={records.isLoading} error={records.error} onRetry={() => void records.refetch()}>
          <Table<TRegionalRecord>
            size="small"
            rowKey="id"
            dataSource={records.data?.items ?? []}
            data-testid="regional-table"
            locale={{ emptyText: t('cooperation.regional.empty') }}
            pagination={{ total: records.data?.total ?? 0, pageSize: filters.limit, current: filters.offset / filters.limit + 1, onChange: (p) => setFilters((f) => ({ ...f, offset: (p - 1) * f.limit })) }}
            columns={[
              { title: t('cooperation.regional.date'), dataIndex: 'occurredOn' },
              { title: t('cooperation.regional.kind'), key: 'kind', render: (_, r) => t(`cooperation.kind.${r.kind}`) },
              { title: t('cooperation.regional.title'), key: 'title', render: (_, r) => <>{r.title}<SampleTag isSample={r.isSample} /></> },
              { title: t('cooperation.regional.organisation'), dataIndex: 'organisationName' },
              { title: t('cooperation.regional.flow'), key: 'flow', render: (_, r) => `${regionName(r.fromRegion)} → ${regionName(r.toRegion)}` },
              ...(can('cooperation:manage') ? [{ title: '', key: 'actions', render: (_: unknown, r: TRegionalRecord) => <DeleteButton onConfirm={() => void remove(`/regional-records/${encodeURIComponent(r.id)}`)} /> }] : []),
            ]}
          />
        </QueryState>
      </Panel>
      <Modal open={open} title={t('cooperation.regional.new')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden width={680}>
        <RegionalRecordForm config={config} onCancel={() => setOpen(false)} onSubmit={async (body) => { await write.mutateAsync({ path: '/regional-records', method: 'POST', body }); setOpen(false); }} />
      </Modal>
    </>
  );
};

const International = ({ stats }: { stats: TCooperationStatistics }) => {
  const { t, locale } = useI18n();
  const theme = useChartTheme();
  const names = { jointLabs: t('cooperation.tab.labs'), agreements: t('cooperation.tab.agreements'), hostedOrganisations: t('cooperation.tab.organisations') };
  const rows = stats.international.byCountry.map((r) => ({ ...r, label: countryName(r.country, locale) }));
  const option = useMemo(() => buildCountryOption(rows.slice(0, 15), names, theme), [stats, locale, theme]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      <div className="kc-coop-cards">
        <div className="kc-coop-card"><div>{t('cooperation.tab.labs')}</div><div className="kc-coop-card-value" data-testid="count-labs">{stats.international.jointLabs}</div><div className="kc-coop-note">{t('cooperation.fromRecords')}</div></div>
        <div className="kc-coop-card"><div>{t('cooperation.tab.organisations')}</div><div className="kc-coop-card-value">{stats.international.hostedOrganisations}</div><div className="kc-coop-note">{t('cooperation.fromRecords')}</div></div>
        <div className="kc-coop-card"><div>{t('cooperation.tab.agreements')}</div><div className="kc-coop-card-value">{stats.international.agreements}</div><div className="kc-coop-note">{t('cooperation.fromRecords')}</div></div>
        {stats.published.map((p) => (
          <div className="kc-coop-card" key={`${p.indicatorCode}-${p.period}`} data-testid="cooperation-published">
            <div>{pickName({ nameZh: p.nameZh, nameEn: p.nameEn }, locale)}</div>
            <div className="kc-coop-card-value">{p.value === null ? (p.valueAsGiven ?? '—') : formatNumber(p.value, locale)}</div>
            <div className="kc-coop-note">{t('cooperation.published')}{p.period ? ` · ${p.period}` : ''}{p.sourceTitle ? ` · ${p.sourceTitle}` : ''}</div>
          </div>
        ))}
      </div>
      <Panel title={t('cooperation.byCountry.title')} data-testid="by-country">
        {rows.length === 0 ? <p>{t('cooperation.byCountry.empty')}</p> : <EChart option={option} height={Math.max(160, 40 + rows.slice(0, 15).length * 28)} ariaLabel={t('cooperation.byCountry.title')} />}
        <p className="kc-coop-note">{t('cooperation.byCountry.hint')}</p>
      </Panel>
    </>
  );
};

const Labs = ({ centreId, config }: { centreId: string; config: TRegionalConfig }) => {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const query = useJointLabsQuery(centreId);
  const { write, error, remove } = useWrite(centreId);
  const [open, setOpen] = useState(false);
  return (
    <>
      <div className="kc-coop-toolbar">{can('cooperation:manage') && <Button type="primary" onClick={() => setOpen(true)} data-testid="lab-new">{t('cooperation.lab.new')}</Button>}</div>
      {error && <div className="kc-coop-error" role="alert">{error}</div>}
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        <Table<TJointLab>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={query.data?.items ?? []}
          data-testid="labs-table"
          locale={{ emptyText: t('cooperation.lab.empty') }}
          columns={[
            { title: t('cooperation.lab.nameZh'), key: 'name', render: (_, l) => <>{pickName({ nameZh: l.nameZh, nameEn: l.nameEn ?? l.nameZh }, locale)}<SampleTag isSample={l.isSample} /></> },
            { title: t('cooperation.lab.field'), dataIndex: 'field' },
            { title: t('cooperation.lab.partners'), key: 'partners', render: (_, l) => <Partners partners={l.partners} /> },
            { title: t('cooperation.lab.established'), key: 'dates', render: (_, l) => `${l.establishedOn ?? '—'}${l.endedOn ? ` – ${l.endedOn}` : ''}` },
            ...(can('cooperation:manage') ? [{ title: '', key: 'actions', render: (_: unknown, l: TJointLab) => <DeleteButton onConfirm={() => void remove(`/joint-labs/${encodeURIComponent(l.id)}`)} /> }] : []),
          ]}
        />
      </QueryState>
      <Modal open={open} title={t('cooperation.lab.new')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden width={760}>
        <JointLabForm homeCountry={config.homeCountry} onCancel={() => setOpen(false)} onSubmit={async (body) => { await write.mutateAsync({ path: '/joint-labs', method: 'POST', body }); setOpen(false); }} />
      </Modal>
    </>
  );
};

const Organisations = ({ centreId }: { centreId: string }) => {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const query = useHostedQuery(centreId);
  const { write, error, remove } = useWrite(centreId);
  const [open, setOpen] = useState(false);
  return (
    <>
      <div className="kc-coop-toolbar">{can('cooperation:manage') && <Button type="primary" onClick={() => setOpen(true)} data-testid="hosted-new">{t('cooperation.hosted.new')}</Button>}</div>
      {error && <div className="kc-coop-error" role="alert">{error}</div>}
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        <Table<THostedOrg>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={query.data?.items ?? []}
          data-testid="hosted-table"
          locale={{ emptyText: t('cooperation.hosted.empty') }}
          columns={[
            { title: t('cooperation.hosted.nameZh'), key: 'name', render: (_, h) => <>{pickName({ nameZh: h.nameZh, nameEn: h.nameEn ?? h.nameZh }, locale)}<SampleTag isSample={h.isSample} /></> },
            { title: t('cooperation.hosted.kind'), key: 'kind', render: (_, h) => t(`cooperation.hostedKind.${h.kind}`) },
            { title: t('cooperation.hosted.field'), key: 'field', render: (_, h) => h.field ?? '—' },
            { title: t('cooperation.hosted.countries'), key: 'countries', render: (_, h) => h.memberCountries.map((c) => countryName(c, locale)).join(t('common.listSeparator')) || '—' },
            { title: t('cooperation.hosted.since'), key: 'since', render: (_, h) => h.hostedSince ?? '—' },
            ...(can('cooperation:manage') ? [{ title: '', key: 'actions', render: (_: unknown, h: THostedOrg) => <DeleteButton onConfirm={() => void remove(`/hosted-organisations/${encodeURIComponent(h.id)}`)} /> }] : []),
          ]}
        />
      </QueryState>
      <Modal open={open} title={t('cooperation.hosted.new')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden width={680}>
        <HostedOrgForm onCancel={() => setOpen(false)} onSubmit={async (body) => { await write.mutateAsync({ path: '/hosted-organisations', method: 'POST', body }); setOpen(false); }} />
      </Modal>
    </>
  );
};

const Agreements = ({ centreId, config }: { centreId: string; config: TRegionalConfig }) => {
  const { t } = useI18n();
  const { can } = useSession();
  const query = useAgreementsQuery(centreId);
  const { write, error, remove } = useWrite(centreId);
  const [open, setOpen] = useState(false);
  return (
    <>
      <div className="kc-coop-toolbar">{can('cooperation:manage') && <Button type="primary" onClick={() => setOpen(true)} data-testid="agreement-new">{t('cooperation.agreement.new')}</Button>}</div>
      {error && <div className="kc-coop-error" role="alert">{error}</div>}
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        <Table<TAgreement>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={query.data?.items ?? []}
          data-testid="agreements-table"
          locale={{ emptyText: t('cooperation.agreement.empty') }}
          columns={[
            { title: t('cooperation.agreement.signed'), dataIndex: 'signedOn' },
            { title: t('cooperation.agreement.title'), key: 'title', render: (_, a) => <>{a.title}<SampleTag isSample={a.isSample} /></> },
            { title: t('cooperation.agreement.subject'), dataIndex: 'subject' },
            { title: t('cooperation.agreement.parties'), key: 'parties', render: (_, a) => <Partners partners={a.parties} /> },
            ...(can('cooperation:manage') ? [{ title: '', key: 'actions', render: (_: unknown, a: TAgreement) => <DeleteButton onConfirm={() => void remove(`/agreements/${encodeURIComponent(a.id)}`)} /> }] : []),
          ]}
        />
      </QueryState>
      <Modal open={open} title={t('cooperation.agreement.new')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden width={760}>
        <AgreementForm homeCountry={config.homeCountry} onCancel={() => setOpen(false)} onSubmit={async (body) => { await write.mutateAsync({ path: '/agreements', method: 'POST', body }); setOpen(false); }} />
      </Modal>
    </>
  );
};

/**
 * 国际与区域合作: regional collaboration between the centre's configured
 * regions (Beijing–Tianjin–Hebei by default) with a map-like flow view and
 * counts by year and kind; joint laboratories, hosted international
 * organisations and agreements with counts by partner country, beside the
 * figures the seeds publish.
 */
export const CooperationPage = () => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const stats = useCooperationStatisticsQuery(centre.id);
  const [tab, setTab] = useState('regional');
  return (
    <div className="kc-page" data-testid="cooperation-page">
      <PageHeader title={t('cooperation.title')} intro={t('cooperation.intro')} />
      <QueryState isLoading={stats.isLoading} error={stats.error} onRetry={() => void stats.refetch()}>
        {stats.data && (
          <Tabs
            activeKey={tab}
            onChange={setTab}
            destroyOnHidden
            items={[
              { key: 'regional', label: <span data-testid="coop-tab-regional">{t('cooperation.tab.regional')}</span>, children: <Regional centreId={centre.id} stats={stats.data} /> },
              { key: 'international', label: <span data-testid="coop-tab-international">{t('cooperation.tab.international')}</span>, children: <International stats={stats.data} /> },
              { key: 'labs', label: <span data-testid="coop-tab-labs">{t('cooperation.tab.labs')}</span>, children: <Labs centreId={centre.id} config={stats.data.config} /> },
              { key: 'organisations', label: <span data-testid="coop-tab-organisations">{t('cooperation.tab.organisations')}</span>, children: <Organisations centreId={centre.id} /> },
              { key: 'agreements', label: <span data-testid="coop-tab-agreements">{t('cooperation.tab.agreements')}</span>, children: <Agreements centreId={centre.id} config={stats.data.config} /> },
            ]}
          />
        )}
      </QueryState>
    </div>
  );
};
