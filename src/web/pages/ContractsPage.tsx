import { Button, Input, Select, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { TECH_CONTRACT_STATES, TECH_CONTRACT_TYPES } from '../../shared/contracts-vocabulary.js';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { formatDateTime, formatNumber, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { CONTRACT_ROUTES, contractPath, ContractsNav } from '../modules/contracts/ContractsNav.js';
import { useContractStatisticsQuery, useContractsQuery, type ContractList } from '../modules/contracts/hooks.js';
import { fieldLabel, formatYuan, regionLabel, sellerKindLabel, STATE_COLOURS, stateLabel, typeLabel } from '../modules/contracts/labels.js';
import '../modules/contracts/contracts.css';
import { PageHeader } from '../ui/PageHeader.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import { ReviewClock } from '../modules/contracts/ReviewClock.js';

const PAGE = 20;
/** Filters the statistics page hands over in the address (its drill-down). */
const DRILL_KEYS = ['year', 'field', 'sellerKind', 'districtId', 'parkId', 'buyerRegion'] as const;


/**
 * 技术合同登记: registrars and analysts see the centre's contracts with the
 * review clock; members their organisation's. Filters live in the address, so
 * a figure on the statistics page links to exactly its contracts.
 */
export const ContractsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const filters = {
    ...Object.fromEntries([...params.entries()].filter(([k]) => ['state', 'type', 'q', ...DRILL_KEYS].includes(k))),
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const query = useContractsQuery(centre.id, filters);
  const registrar = can('contracts:register') || can('contracts:read');
  const set = (patch: Record<string, string | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) if (v === undefined || v === '') next.delete(k); else next.set(k, v);
      if (!('page' in patch)) next.delete('page');
      return next;
    });
  const drill = DRILL_KEYS.filter((k) => params.get(k));
  // Area names for a drill-down by district or park come with the statistics (open data, already cached from the page that linked here).
  const areas = useContractStatisticsQuery(centre.id, { dimension: 'total' }).data?.areas ?? {};
  const drillLabel = (key: (typeof DRILL_KEYS)[number], value: string): string => {
    if (key === 'year') return `${t('contracts.list.year')} ${value}`;
    if (key === 'field') return fieldLabel(t, value as never);
    if (key === 'sellerKind') return sellerKindLabel(t, value as never);
    if (key === 'buyerRegion') return regionLabel(t, locale, value);
    const area = areas[value];
    return area ? pickName({ nameZh: area.nameZh, nameEn: area.nameEn }, locale) : value;
  };
  return (
    <div className="kc-page" data-testid="contracts-page">
      <ContractsNav />
      <PageHeader
        title={t('contracts.list.title')}
        intro={registrar ? t('contracts.list.introRegistrar') : t('contracts.list.introMember')}
        extra={
          (can('contracts:submit') || can('contracts:register')) && (
            <Link to={CONTRACT_ROUTES.submit}>
              <Button type="primary" data-testid="contracts-submit">
                {t('contracts.list.submit')}
              </Button>
            </Link>
          )
        }
      />
      <div className="kc-tc-filters">
        <Input.Search allowClear defaultValue={params.get('q') ?? ''} placeholder={t('contracts.list.search')} onSearch={(v) => set({ q: v.trim() })} data-testid="contracts-search" />
        <Select allowClear placeholder={t('contracts.list.allStates')} value={params.get('state') ?? undefined} onChange={(v?: string) => set({ state: v })} options={TECH_CONTRACT_STATES.map((s) => ({ value: s, label: stateLabel(t, s) }))} data-testid="contracts-state" />
        <Select allowClear placeholder={t('contracts.list.allTypes')} value={params.get('type') ?? undefined} onChange={(v?: string) => set({ type: v })} options={TECH_CONTRACT_TYPES.map((s) => ({ value: s, label: typeLabel(t, s) }))} data-testid="contracts-type" />
        <Input allowClear placeholder={t('contracts.list.year')} value={params.get('year') ?? ''} onChange={(e) => set({ year: /^\d{0,4}$/.test(e.target.value) ? e.target.value : params.get('year') ?? '' })} data-testid="contracts-year" />
      </div>
      {drill.length > 0 && (
        <p className="kc-small" data-testid="contracts-drill">
          {t('contracts.list.filtered')} {drill.map((k) => drillLabel(k, params.get(k) ?? '')).join(' · ')}{' '}
          <Button type="link" size="small" onClick={() => set(Object.fromEntries(drill.map((k) => [k, undefined])))}>
            {t('contracts.list.clearFilters')}
          </Button>
        </p>
      )}
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        <p className="kc-muted kc-small" data-testid="contracts-total">
          {t('contracts.list.total', { count: formatNumber(query.data?.total ?? 0, locale) })}
        </p>
        <Table<ContractList['items'][number]>
          size="middle"
          rowKey="id"
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: t('contracts.list.empty') }}
          data-testid="contracts-table"
          onRow={() => ({ 'data-testid': 'contract-row' }) as never}
          pagination={{ current: page, pageSize: PAGE, total: query.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set({ page: String(p) }) }}
          columns={[
            { title: t('contracts.col.title'), key: 'title', render: (_, c) => <><Link to={contractPath(c.id)} data-testid="contract-link">{c.title}</Link><SampleTag isSample={c.isSample} /><div className="kc-muted kc-small">{c.contractNumber}</div></> },
            { title: t('contracts.col.type'), key: 'type', render: (_, c) => typeLabel(t, c.type) },
            { title: t('contracts.col.seller'), key: 'seller', render: (_, c) => pickName(c.seller, locale) },
            { title: t('contracts.col.buyer'), key: 'buyer', render: (_, c) => c.buyer.name },
            { title: t('contracts.col.technicalAmount'), key: 'tech', align: 'right', render: (_, c) => formatYuan(c.technicalAmount, locale) },
            { title: t('contracts.col.submittedAt'), key: 'submitted', render: (_, c) => <span className="kc-small">{formatDateTime(c.submittedAt, locale)}</span> },
            { title: t('contracts.col.state'), key: 'state', render: (_, c) => <Tag color={STATE_COLOURS[c.state]} data-testid="contract-state" data-state={c.state}>{stateLabel(t, c.state)}</Tag> },
            { title: t('contracts.col.clock'), key: 'clock', render: (_, c) => <ReviewClock clock={c.clock} state={c.state} /> },
            { title: t('contracts.col.registration'), key: 'reg', render: (_, c) => c.registrationNumber ?? <span className="kc-muted">—</span> },
          ]}
        />
      </QueryState>
    </div>
  );
};
