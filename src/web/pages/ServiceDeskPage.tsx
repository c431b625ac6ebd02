import { FormOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Select, Switch, Tag } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { DEMAND_STATES, DEMAND_TYPES } from '../../shared/schemas/services.js';
import { useCurrentCentre } from '../app/centre.js';
import { formatPartialDate, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PackageStateTag } from '../modules/services/components/Badges.js';
import { DemandTable } from '../modules/services/components/DemandTable.js';
import { ServicesNav } from '../modules/services/components/ServicesNav.js';
import { useDemandsQuery } from '../modules/services/hooks/useDemands.js';
import { usePackagesQuery } from '../modules/services/hooks/usePackages.js';
import type { DemandFilters } from '../modules/services/types.js';
import { isOverdue, sortWorklist } from '../modules/services/utils/clock.js';
import { demandStateLabel, demandTypeLabel } from '../modules/services/utils/labels.js';
import { enterpriseServicePath, newVisitPath, packagePath, SERVICE_ROUTES } from '../modules/services/utils/paths.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/services/services.css';

/**
 * 服务工作台 / Service desk: the cases I work (my departments', my key
 * enterprises', those escalated to me), overdue first with their SLA clocks
 * and escalation; my key enterprises with check-ins due; record a visit.
 */
export const ServiceDeskPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? 'open';
  const type = params.get('type') ?? undefined;
  const overdue = params.get('overdue') === 'true';
  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) (v ? next.set(k, v) : next.delete(k));
        return next;
      },
      { replace: true },
    );
  const filters: DemandFilters = { mine: 'true', state: state === 'all' ? undefined : state, type, overdue: overdue ? 'true' : undefined, limit: 200, offset: 0 };
  const worklist = useDemandsQuery(centre.id, filters);
  const openCases = useDemandsQuery(centre.id, { mine: 'true', state: 'open', limit: 200, offset: 0 });
  const packages = usePackagesQuery(centre.id, { mine: 'true' });
  const items = useMemo(() => sortWorklist(worklist.data?.items ?? []), [worklist.data]);
  const open = openCases.data?.items ?? [];
  const myPackages = [...(packages.data?.items ?? [])].sort((a, b) => Number(b.checkInDue) - Number(a.checkInDue) || a.nextCheckInOn.localeCompare(b.nextCheckInOn));

  const stats = [
    { key: 'open', label: t('services.desk.statOpen'), value: open.length, tone: '' },
    { key: 'overdue', label: t('services.desk.statOverdue'), value: open.filter(isOverdue).length, tone: 'is-danger' },
    { key: 'escalated', label: t('services.desk.statEscalated'), value: open.filter((d) => d.escalationLevel > 0).length, tone: 'is-warning' },
    { key: 'check-ins', label: t('services.desk.statCheckIns'), value: myPackages.filter((p) => p.checkInDue).length, tone: 'is-warning' },
  ];

  return (
    <div className="kc-svc" data-testid="service-desk-page">
      <ServicesNav />
      <PageHeader
        title={t('services.desk.title')}
        intro={t('services.desk.intro')}
        extra={
          <div className="kc-svc-header-actions">
            <Button type="primary" icon={<FormOutlined />} onClick={() => navigate(newVisitPath())} data-testid="desk-record-visit">
              {t('services.desk.recordVisit')}
            </Button>
          </div>
        }
      />
      <div className="kc-svc-stats" data-testid="desk-stats">
        {stats.map((s) => (
          <div key={s.key} className={`kc-svc-stat ${s.value > 0 ? s.tone : ''}`} data-testid={`desk-stat-${s.key}`}>
            <div className="kc-svc-stat-value">{s.value}</div>
            <div className="kc-svc-stat-label">{s.label}</div>
          </div>
        ))}
      </div>

      <Panel title={t('services.desk.worklist')} extra={<span className="kc-muted kc-small">{t('services.desk.worklistHint')}</span>} data-testid="desk-worklist">
        <div className="kc-svc-filters" data-testid="desk-filters">
          <Select
            value={state}
            onChange={(v: string) => set({ state: v === 'open' ? undefined : v })}
            aria-label={t('services.filter.state')}
            options={[
              { value: 'open', label: t('services.filter.open') },
              { value: 'all', label: t('services.filter.all') },
              ...DEMAND_STATES.map((s) => ({ value: s, label: demandStateLabel(t, s) })),
            ]}
            data-testid="desk-filter-state"
          />
          <Select
            allowClear
            value={type}
            placeholder={t('services.filter.type')}
            aria-label={t('services.filter.type')}
            onChange={(v?: string) => set({ type: v })}
            options={DEMAND_TYPES.map((d) => ({ value: d, label: demandTypeLabel(t, d) }))}
            data-testid="desk-filter-type"
          />
          <label className="kc-svc-switch">
            <Switch size="small" checked={overdue} onChange={(v) => set({ overdue: v ? 'true' : undefined })} data-testid="desk-filter-overdue" />
            <span>{t('services.filter.overdueOnly')}</span>
          </label>
        </div>
        <QueryState isLoading={worklist.isLoading} error={worklist.error} onRetry={() => void worklist.refetch()}>
          <DemandTable items={items} columns={['title', 'enterprise', 'type', 'state', 'clocks', 'department']} linkEnterprise emptyText={t('services.desk.worklistEmpty')} data-testid="desk-worklist-table" />
        </QueryState>
      </Panel>

      <Panel
        title={t('services.desk.myEnterprises')}
        extra={
          <Link to={SERVICE_ROUTES.packages} className="kc-small">
            {t('services.desk.allPackages')}
          </Link>
        }
        data-testid="desk-enterprises"
      >
        <QueryState isLoading={packages.isLoading} error={packages.error}>
          {myPackages.length === 0 && <p className="kc-muted">{t('services.desk.myEnterprisesEmpty')}</p>}
          <ul className="kc-plain-list">
            {myPackages.map((p) => (
              <li key={p.id} className="kc-item-row kc-svc-enterprise-row" data-testid="desk-enterprise-row" data-due={p.checkInDue ? 'true' : 'false'}>
                <span className="kc-svc-grow">
                  <Link to={enterpriseServicePath(p.enterprise.id)} data-testid="desk-enterprise-link">
                    {pickName(p.enterprise, locale) || p.enterprise.id}
                  </Link>
                  <SampleTag isSample={p.isSample} />
                  <PackageStateTag state={p.state} />
                  <Link to={packagePath(p.id)} className="kc-small">
                    {t('services.desk.package')}
                  </Link>
                </span>
                <span className="kc-small">
                  {p.checkInDue ? (
                    <Tag color="error" data-testid="check-in-due">
                      {t('services.desk.checkInDue', { date: formatPartialDate(p.nextCheckInOn, locale) })}
                    </Tag>
                  ) : (
                    <span className="kc-muted">{t('services.desk.nextCheckIn', { date: formatPartialDate(p.nextCheckInOn, locale) })}</span>
                  )}
                </span>
                <Button size="small" icon={<PlusOutlined />} onClick={() => navigate(newVisitPath(p.enterprise.id))} data-testid="desk-enterprise-visit">
                  {t('services.desk.recordVisitShort')}
                </Button>
              </li>
            ))}
          </ul>
        </QueryState>
      </Panel>
    </div>
  );
};
