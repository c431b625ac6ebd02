import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Switch } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DEMAND_STATES, DEMAND_TYPES } from '../../shared/schemas/services.js';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { pickName, formatNumber } from '../i18n/format.js';
import { ledgerPagerTotal } from '../modules/services/utils/ledger-paging.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { EntityPicker } from '../modules/registry/components/editors/EntityPicker.js';
import { PackageStateTag } from '../modules/services/components/Badges.js';
import { DemandTable } from '../modules/services/components/DemandTable.js';
import { NewDemandDialog } from '../modules/services/components/NewDemandDialog.js';
import { ServicesNav } from '../modules/services/components/ServicesNav.js';
import { useDemandsQuery } from '../modules/services/hooks/useDemands.js';
import { useDepartmentsQuery } from '../modules/services/hooks/useDepartments.js';
import { useEnterpriseViewQuery } from '../modules/services/hooks/useEnterpriseView.js';
import type { DemandFilters } from '../modules/services/types.js';
import { demandStateLabel, demandTypeLabel } from '../modules/services/utils/labels.js';
import { packagePath } from '../modules/services/utils/paths.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import '../modules/services/services.css';

const PAGE_SIZE = 20;

/** An enterprise member's service package, if one has been offered to or signed by their enterprise. */
const MyPackage = ({ organisationId }: { organisationId: string }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const view = useEnterpriseViewQuery(centre.id, organisationId);
  const pkg = view.data?.package;
  if (!pkg) return null;
  return (
    <Panel title={t('services.ledger.myPackage')} data-testid="my-package">
      <div className="kc-item-row">
        <span className="kc-svc-grow">
          {t('services.ledger.myPackageLine', { count: pkg.services.length, keeper: pkg.primaryHousekeeper.displayName })} <PackageStateTag state={pkg.state} />
        </span>
        <Link to={packagePath(pkg.id)} data-testid="my-package-open">
          {pkg.state === 'offered' ? t('services.ledger.reviewPackage') : t('services.ledger.openPackage')}
        </Link>
      </div>
    </Panel>
  );
};

/**
 * 诉求台账 / Demand ledger: every case of the centre for officers, paged, with
 * filters in the address; 我的诉求 / My demands for an enterprise member (their
 * enterprise's cases), with "raise a demand".
 */
export const DemandLedgerPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can, user } = useSession();
  const officer = can('services:manage');
  const enterprise = !officer && can('services:request') && !!user?.organisationId;
  const [params, setParams] = useSearchParams();
  const [raising, setRaising] = useState(false);
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const filters: DemandFilters = {
    state: params.get('state') ?? undefined,
    type: params.get('type') ?? undefined,
    departmentId: officer ? (params.get('department') ?? undefined) : undefined,
    enterpriseId: officer ? (params.get('enterprise') ?? undefined) : undefined,
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    year: /^\d{4}$/.test(params.get('year') ?? '') ? (params.get('year') as string) : undefined,
    rated: params.get('rated') === 'true' ? 'true' : undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) (v ? next.set(k, v) : next.delete(k));
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  const demands = useDemandsQuery(centre.id, filters);
  const departments = useDepartmentsQuery(centre.id);
  const canRaise = officer || enterprise;

  return (
    <div className="kc-svc" data-testid="demand-ledger-page">
      <ServicesNav />
      <PageHeader
        title={officer ? t('services.ledger.title') : t('services.ledger.titleOwn')}
        intro={officer ? t('services.ledger.intro') : t('services.ledger.introOwn')}
        extra={
          canRaise && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="ledger-new-demand">
              {officer ? t('services.ledger.raiseFor') : t('services.ledger.raise')}
            </Button>
          )
        }
      />
      {enterprise && user?.organisationId && <MyPackage organisationId={user.organisationId} />}
      <div className={officer ? 'kc-svc-filters is-wide' : 'kc-svc-filters'} data-testid="ledger-filters">
        <Select
          allowClear
          value={filters.state}
          placeholder={t('services.filter.state')}
          aria-label={t('services.filter.state')}
          onChange={(v?: string) => set({ state: v })}
          options={[{ value: 'open', label: t('services.filter.open') }, ...DEMAND_STATES.map((s) => ({ value: s, label: demandStateLabel(t, s) }))]}
          data-testid="ledger-filter-state"
        />
        <Select
          allowClear
          value={filters.type}
          placeholder={t('services.filter.type')}
          aria-label={t('services.filter.type')}
          onChange={(v?: string) => set({ type: v })}
          options={DEMAND_TYPES.map((d) => ({ value: d, label: demandTypeLabel(t, d) }))}
          data-testid="ledger-filter-type"
        />
        {officer && (
          <Select
            allowClear
            value={filters.departmentId}
            placeholder={t('services.filter.department')}
            aria-label={t('services.filter.department')}
            onChange={(v?: string) => set({ department: v })}
            options={(departments.data?.items ?? []).filter((d) => !d.isCoordinator).map((d) => ({ value: d.id, label: pickName(d, locale) }))}
            data-testid="ledger-filter-department"
          />
        )}
        {officer && <EntityPicker category="enterprise" value={filters.enterpriseId} onChange={(id) => set({ enterprise: id })} placeholder={t('services.filter.enterprise')} data-testid="ledger-filter-enterprise" />}
        <label className="kc-svc-switch">
          <Switch size="small" checked={filters.overdue === 'true'} onChange={(v) => set({ overdue: v ? 'true' : undefined })} data-testid="ledger-filter-overdue" />
          <span>{t('services.filter.overdueOnly')}</span>
        </label>
        <Input
          allowClear
          value={params.get('year') ?? ''}
          placeholder={t('services.filter.year')}
          aria-label={t('services.filter.year')}
          onChange={(e) => set({ year: /^\d{0,4}$/.test(e.target.value) ? e.target.value : (params.get('year') ?? '') })}
          data-testid="ledger-filter-year"
        />
        <label className="kc-svc-switch">
          <Switch size="small" checked={filters.rated === 'true'} onChange={(v) => set({ rated: v ? 'true' : undefined })} data-testid="ledger-filter-rated" />
          <span>{t('services.filter.ratedOnly')}</span>
        </label>
      </div>
      <QueryState isLoading={demands.isLoading} error={demands.error} onRetry={() => void demands.refetch()}>
        <DemandTable
          items={demands.data?.items ?? []}
          columns={officer ? ['title', 'enterprise', 'type', 'state', 'clock', 'department'] : ['title', 'type', 'state', 'department', 'received', 'rating']}
          linkEnterprise={officer}
          loading={demands.isFetching && !demands.isLoading}
          emptyText={officer ? t('services.ledger.empty') : t('services.ledger.emptyOwn')}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: demands.data ? ledgerPagerTotal({ ...demands.data, itemsOnPage: demands.data.items.length }, page, PAGE_SIZE) : 0,
            showSizeChanger: false,
            showTotal: () => (demands.data?.totalAtLeast ? t('services.ledger.totalAtLeast', { count: formatNumber(demands.data.total, locale) }) : t('services.ledger.total', { count: demands.data?.total ?? 0 })),
            onChange: (p) => set({ page: p > 1 ? String(p) : undefined }),
          }}
          data-testid="ledger-table"
        />
      </QueryState>
      {raising && <NewDemandDialog forEnterprise={!officer} onClose={() => setRaising(false)} />}
    </div>
  );
};
