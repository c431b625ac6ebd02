import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Switch, Table, Tabs, Tag } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PACKAGE_STATES } from '../../shared/schemas/services.js';
import { useCurrentCentre } from '../app/centre.js';
import { formatPartialDate, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useAreasQuery } from '../modules/centres/hooks/useAreasQuery.js';
import { useVocabularyLabels } from '../modules/registry/hooks/useVocabularyQuery.js';
import { PackageStateTag } from '../modules/services/components/Badges.js';
import { ServicesNav } from '../modules/services/components/ServicesNav.js';
import { useKeyCandidatesQuery, usePackagesQuery } from '../modules/services/hooks/usePackages.js';
import { candidateBasis, parseBasis } from '../modules/services/utils/basis.js';
import { packageStateLabel } from '../modules/services/utils/labels.js';
import { enterpriseServicePath, newPackagePath, packagePath } from '../modules/services/utils/paths.js';
import { PageHeader } from '../ui/PageHeader.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/services/services.css';

/** The tiers that usually make an enterprise "key" (when the centre has them): the candidates tab starts with these. */
const DEFAULT_TIERS = ['chain_master', 'leading_enterprise', 'unicorn', 'little_giant', 'hidden_champion'];

const PackagesTab = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const [params, setParams] = useSearchParams();
  const mine = params.get('mine') === 'true';
  const state = params.get('state') ?? undefined;
  const packages = usePackagesQuery(centre.id, { mine: mine ? 'true' : undefined, state });
  const vocab = useVocabularyLabels();
  const basisText = (basis: string) => {
    const b = parseBasis(basis);
    return !b ? basis : b.kind === 'list' ? t('services.package.basisList') : vocab.recognition(b.tier);
  };
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
  return (
    <div className="kc-svc-tab-body">
      <div className="kc-svc-filters">
        <Select allowClear value={state} placeholder={t('services.filter.state')} aria-label={t('services.filter.state')} onChange={(v?: string) => set('state', v)} options={PACKAGE_STATES.map((s) => ({ value: s, label: packageStateLabel(t, s) }))} data-testid="packages-filter-state" />
        <label className="kc-svc-switch">
          <Switch size="small" checked={mine} onChange={(v) => set('mine', v ? 'true' : undefined)} data-testid="packages-filter-mine" />
          <span>{t('services.packages.mineOnly')}</span>
        </label>
      </div>
      <QueryState isLoading={packages.isLoading} error={packages.error} onRetry={() => void packages.refetch()}>
        <Table
          rowKey="id"
          size="middle"
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="packages-table"
          locale={{ emptyText: t('services.packages.empty') }}
          dataSource={packages.data?.items ?? []}
          onRow={(p) => ({ 'data-testid': 'package-row', 'data-state': p.state }) as object}
          columns={[
            {
              key: 'enterprise',
              title: t('services.col.enterprise'),
              render: (_, p) => (
                <span>
                  <Link to={packagePath(p.id)} data-testid="package-link">
                    {pickName(p.enterprise, locale) || p.enterprise.id}
                  </Link>
                  <SampleTag isSample={p.isSample} />
                </span>
              ),
            },
            { key: 'basis', title: t('services.package.basis'), width: 180, render: (_, p) => basisText(p.keyBasis) },
            { key: 'state', title: t('services.col.state'), width: 120, render: (_, p) => <PackageStateTag state={p.state} /> },
            { key: 'keepers', title: t('services.packages.housekeepers'), render: (_, p) => [p.primaryHousekeeper.displayName, p.backupHousekeeper?.displayName].filter(Boolean).join(t('services.listSep')) },
            { key: 'services', title: t('services.packages.serviceCount'), width: 110, render: (_, p) => p.services.length },
            {
              key: 'check-in',
              title: t('services.package.nextCheckIn'),
              width: 170,
              render: (_, p) => (
                <span>
                  {formatPartialDate(p.nextCheckInOn, locale)}{' '}
                  {p.checkInDue && (
                    <Tag color="error" data-testid="check-in-due">
                      {t('services.package.due')}
                    </Tag>
                  )}
                </span>
              ),
            },
          ]}
        />
      </QueryState>
    </div>
  );
};

const CandidatesTab = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const vocab = useVocabularyLabels();
  const known = useMemo(() => new Set(vocab.recognitions.map((r) => r.code)), [vocab]);
  const tiers = params.get('tiers') !== null ? (params.get('tiers') ?? '').split(',').filter(Boolean) : DEFAULT_TIERS.filter((c) => known.has(c));
  const candidates = useKeyCandidatesQuery(centre.id, tiers);
  const areas = useAreasQuery(centre.id);
  const areaName = (id: string | null) => {
    const a = id ? areas.data?.items.find((x) => x.id === id) : undefined;
    return a ? pickName(a, locale) : t('services.none');
  };
  return (
    <div className="kc-svc-tab-body">
      <div className="kc-svc-filters is-one">
        <Select
          mode="multiple"
          value={tiers}
          placeholder={t('services.candidates.tiers')}
          aria-label={t('services.candidates.tiers')}
          onChange={(v: string[]) =>
            setParams(
              (current) => {
                const next = new URLSearchParams(current);
                next.set('tiers', v.join(','));
                return next;
              },
              { replace: true },
            )
          }
          options={vocab.recognitions.map((r) => ({ value: r.code, label: r.label }))}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="candidates-tiers"
        />
      </div>
      <p className="kc-muted kc-small">{t('services.candidates.hint')}</p>
      {tiers.length === 0 ? (
        <p className="kc-muted">{t('services.candidates.pickTiers')}</p>
      ) : (
        <QueryState isLoading={candidates.isLoading} error={candidates.error} onRetry={() => void candidates.refetch()}>
          <Table
            rowKey={(c) => c.enterprise.id}
            size="middle"
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (total) => t('services.candidates.total', { count: total }) }}
            scroll={{ x: 800 }}
            data-testid="candidates-table"
            locale={{ emptyText: t('services.candidates.empty') }}
            dataSource={candidates.data?.items ?? []}
            onRow={(c) => ({ 'data-testid': 'candidate-row', 'data-has-package': c.hasPackage ? 'true' : 'false' }) as object}
            columns={[
              { key: 'enterprise', title: t('services.col.enterprise'), render: (_, c) => <Link to={enterpriseServicePath(c.enterprise.id)}>{pickName(c.enterprise, locale) || c.enterprise.id}</Link> },
              {
                key: 'tiers',
                title: t('services.candidates.heldTiers'),
                render: (_, c) => (
                  <span className="kc-svc-tags">
                    {c.tiers.map((tier) => (
                      <Tag key={tier} color={tiers.includes(tier) ? 'blue' : 'default'}>
                        {vocab.recognition(tier)}
                      </Tag>
                    ))}
                  </span>
                ),
              },
              { key: 'area', title: t('services.candidates.area'), width: 140, render: (_, c) => areaName(c.areaId) },
              {
                key: 'action',
                width: 150,
                render: (_, c) =>
                  c.hasPackage ? (
                    <Tag color="success">{t('services.candidates.hasPackage')}</Tag>
                  ) : (
                    <Button size="small" icon={<PlusOutlined />} onClick={() => navigate(newPackagePath(c.enterprise.id, candidateBasis(c.tiers, tiers)))} data-testid="candidate-start">
                      {t('services.candidates.start')}
                    </Button>
                  ),
              },
            ]}
          />
        </QueryState>
      )}
    </div>
  );
};

/** 重点企业服务包 / Key-enterprise packages: the packages, and the enterprises that are key by recognition tier, to start one. */
export const ServicePackagesPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'candidates' ? 'candidates' : 'packages';
  return (
    <div className="kc-svc" data-testid="packages-page">
      <ServicesNav />
      <PageHeader
        title={t('services.packages.title')}
        intro={t('services.packages.intro')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(newPackagePath())} data-testid="packages-new">
            {t('services.packages.new')}
          </Button>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'candidates' ? { tab: k } : {}, { replace: true })}
        items={[
          { key: 'packages', label: <span data-testid="packages-tab-packages">{t('services.packages.tabPackages')}</span>, children: <PackagesTab /> },
          { key: 'candidates', label: <span data-testid="packages-tab-candidates">{t('services.packages.tabCandidates')}</span>, children: <CandidatesTab /> },
        ]}
      />
    </div>
  );
};
