import { Button, Checkbox, Input, Select, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { PATENT_KINDS, PATENT_STATUSES } from '../../shared/patents-vocabulary.js';
import type { TPatentSummary } from '../../shared/schemas/patents.js';
import { useCurrentCentre } from '../app/centre.js';
import { formatNumber, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useAreasQuery } from '../modules/centres/hooks/useAreasQuery.js';
import { usePatentsQuery } from '../modules/patents/hooks.js';
import { kindLabel, showNumber, STATUS_COLOURS, statusLabel } from '../modules/patents/labels.js';
import { patentPath, PatentsNav } from '../modules/patents/PatentsNav.js';
import '../modules/patents/patents.css';
import { PageHeader } from '../ui/PageHeader.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';

const PAGE = 20;
const FILTER_KEYS = ['kind', 'status', 'ipc', 'applicantId', 'areaId', 'year', 'yearOf', 'inForceAt', 'unlinked', 'q'] as const;
/** Filters a figure hands over in the address (its drill-down), named above the list. */
const DRILL_KEYS = ['applicantId', 'areaId', 'inForceAt', 'yearOf'] as const;

/**
 * 专利记录: the centre's patents, public. Filters live in the address, so a
 * figure on the statistics page (or an indicator's drill-down) links to
 * exactly the patents it counts.
 */
export const PatentsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const filters = { ...Object.fromEntries([...params.entries()].filter(([k]) => (FILTER_KEYS as readonly string[]).includes(k))), limit: PAGE, offset: (page - 1) * PAGE };
  const query = usePatentsQuery(centre.id, filters);
  // Drill-down names: districts from the centre's areas (cached app-wide); an organisation from the listed
  // patents, each of which has it as a linked applicant (the statistics name only the top twenty).
  const areas = useAreasQuery(centre.id).data?.items;
  const set = (patch: Record<string, string | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) if (v === undefined || v === '') next.delete(k); else next.set(k, v);
      if (!('page' in patch)) next.delete('page');
      return next;
    });
  const drill = DRILL_KEYS.filter((k) => params.get(k));
  const drillLabel = (key: (typeof DRILL_KEYS)[number], value: string): string => {
    if (key === 'inForceAt') return t('patents.list.inForceAt', { year: value });
    if (key === 'yearOf') return t('patents.dimension.grant_year');
    if (key === 'areaId') { const a = areas?.find((x) => x.id === value); return a ? pickName(a, locale) : value; }
    const org = query.data?.items.flatMap((p) => p.applicants).find((a) => a.entityId === value);
    return org ? pickName({ nameZh: org.entityNameZh, nameEn: org.entityNameEn ?? org.name }, locale) : value;
  };
  return (
    <div className="kc-page" data-testid="patents-page">
      <PatentsNav />
      <PageHeader title={t('patents.list.title')} intro={t('patents.list.intro')} />
      <div className="kc-pt-filters">
        <Input.Search allowClear defaultValue={params.get('q') ?? ''} placeholder={t('patents.list.search')} onSearch={(v) => set({ q: v.trim() })} data-testid="patents-search" />
        <Select allowClear placeholder={t('patents.list.allKinds')} value={params.get('kind') ?? undefined} onChange={(v?: string) => set({ kind: v })} options={PATENT_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} data-testid="patents-kind" />
        <Select allowClear placeholder={t('patents.list.allStatuses')} value={params.get('status') ?? undefined} onChange={(v?: string) => set({ status: v })} options={PATENT_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))} data-testid="patents-status" />
        <Input.Search allowClear defaultValue={params.get('ipc') ?? ''} placeholder={t('patents.list.ipc')} onSearch={(v) => set({ ipc: v.trim() })} data-testid="patents-ipc" />
        <Input allowClear placeholder={t('patents.list.year')} value={params.get('year') ?? ''} onChange={(e) => set({ year: /^\d{0,4}$/.test(e.target.value) ? e.target.value : (params.get('year') ?? '') })} data-testid="patents-year" />
      </div>
      <Checkbox checked={params.get('unlinked') === 'true'} onChange={(e) => set({ unlinked: e.target.checked ? 'true' : undefined })} style={{ marginBottom: 8 }} data-testid="patents-unlinked">{t('patents.list.unlinkedOnly')}</Checkbox>
      {drill.length > 0 && (
        <p className="kc-small" data-testid="patents-drill">
          {t('patents.list.filtered')} {drill.map((k) => drillLabel(k, params.get(k) ?? '')).join(' · ')}{' '}
          <Button type="link" size="small" onClick={() => set(Object.fromEntries(drill.map((k) => [k, undefined])))}>{t('patents.list.clearFilters')}</Button>
        </p>
      )}
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        <p className="kc-muted kc-small" data-testid="patents-total">{t('patents.list.total', { count: formatNumber(query.data?.total ?? 0, locale) })}</p>
        <Table<TPatentSummary>
          size="middle"
          rowKey="id"
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: t('patents.list.empty') }}
          data-testid="patents-table"
          onRow={() => ({ 'data-testid': 'patent-row' }) as never}
          pagination={{ current: page, pageSize: PAGE, total: query.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set({ page: String(p) }) }}
          columns={[
            { title: t('patents.col.title'), key: 'title', render: (_, p) => <><Link to={patentPath(p.id)} data-testid="patent-link">{p.title}</Link><SampleTag isSample={p.isSample} /><div className="kc-muted kc-small">{showNumber(p.number)}</div></> },
            { title: t('patents.col.kind'), key: 'kind', render: (_, p) => kindLabel(t, p.kind) },
            { title: t('patents.col.mainIpc'), dataIndex: 'mainIpc', render: (v: string | null) => v ?? '—' },
            { title: t('patents.col.applicants'), key: 'applicants', render: (_, p) => p.applicants.map((a) => (a.entityId ? pickName({ nameZh: a.entityNameZh, nameEn: a.entityNameEn ?? a.name }, locale) : a.name)).join('；') },
            { title: t('patents.col.applicationDate'), dataIndex: 'applicationDate' },
            { title: t('patents.col.grantDate'), dataIndex: 'grantDate', render: (v: string | null) => v ?? '—' },
            { title: t('patents.col.status'), key: 'status', render: (_, p) => <Tag color={STATUS_COLOURS[p.legalStatus]} data-testid="patent-status">{statusLabel(t, p.legalStatus)}</Tag> },
          ]}
        />
      </QueryState>
    </div>
  );
};
