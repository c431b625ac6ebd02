import { FormOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../app/api.js';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { formatPartialDate, pickName, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { applicationStateLabel } from '../modules/calls/utils/labels.js';
import { applicationPath } from '../modules/calls/utils/paths.js';
import { useAreasQuery } from '../modules/centres/hooks/useAreasQuery.js';
import { MatchedPolicyList } from '../modules/policies/components/MatchedPolicyList.js';
import { useEnterpriseMatchesQuery } from '../modules/policies/hooks/useMatches.js';
import { useVocabularyLabels } from '../modules/registry/hooks/useVocabularyQuery.js';
import { entityPath } from '../modules/registry/utils/paths.js';
import { PackageStateTag } from '../modules/services/components/Badges.js';
import { DemandTable } from '../modules/services/components/DemandTable.js';
import { MatchedPoliciesSlot } from '../modules/services/components/MatchedPoliciesSlot.js';
import { ServicesNav } from '../modules/services/components/ServicesNav.js';
import { useEnterpriseViewQuery } from '../modules/services/hooks/useEnterpriseView.js';
import type { EnterpriseServiceView } from '../modules/services/types.js';
import { sortWorklist } from '../modules/services/utils/clock.js';
import { parseBasis } from '../modules/services/utils/basis.js';
import { demandPath, newPackagePath, newVisitPath, packagePath } from '../modules/services/utils/paths.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import { StatusMessage } from '../ui/StatusMessage.js';
import '../modules/services/services.css';

const PackageSummary = ({ view }: { view: EnterpriseServiceView }) => {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { can } = useSession();
  const vocab = useVocabularyLabels();
  const pkg = view.package;
  if (!pkg) {
    return (
      <Panel title={t('services.enterprise.package')} data-testid="enterprise-package">
        <p className="kc-muted">{t('services.enterprise.noPackage')}</p>
        {can('services:manage') && (
          <Button icon={<PlusOutlined />} onClick={() => navigate(newPackagePath(view.enterprise.id, view.enterprise.tiers[0] ? `tier:${view.enterprise.tiers[0]}` : 'list'))} data-testid="enterprise-start-package">
            {t('services.candidates.start')}
          </Button>
        )}
      </Panel>
    );
  }
  const basis = parseBasis(pkg.keyBasis);
  return (
    <Panel title={t('services.enterprise.package')} extra={<Link to={packagePath(pkg.id)} className="kc-small">{t('services.enterprise.openPackage')}</Link>} data-testid="enterprise-package">
      <dl className="kc-svc-facts">
        <dt>{t('services.col.state')}</dt>
        <dd>
          <PackageStateTag state={pkg.state} />
        </dd>
        <dt>{t('services.package.basis')}</dt>
        <dd>{!basis ? pkg.keyBasis : basis.kind === 'list' ? t('services.package.basisList') : vocab.recognition(basis.tier)}</dd>
        <dt>{t('services.package.primary')}</dt>
        <dd>{pkg.primaryHousekeeper.displayName}</dd>
        <dt>{t('services.package.backup')}</dt>
        <dd>{pkg.backupHousekeeper?.displayName ?? t('services.none')}</dd>
        <dt>{t('services.package.nextCheckIn')}</dt>
        <dd>
          {formatPartialDate(pkg.nextCheckInOn, locale)}{' '}
          {pkg.checkInDue && (
            <Tag color="error" data-testid="check-in-due">
              {t('services.package.due')}
            </Tag>
          )}
        </dd>
      </dl>
      {pkg.services.length > 0 && (
        <>
          <div className="kc-svc-label">{t('services.package.services')}</div>
          <ul className="kc-svc-compact-list">
            {pkg.services.map((s) => (
              <li key={s.code}>
                {pickTitle(s, locale)}
                {s.slaDays !== null && <span className="kc-muted kc-small"> · {t('services.package.slaValue', { count: s.slaDays })}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
};

/**
 * 企业服务视图 / Enterprise 360: one enterprise for its housekeeper: profile,
 * package, open and closed demands, visits, call applications, and the slot
 * where matched policies appear.
 */
export const EnterpriseServicePage = () => {
  const { enterpriseId = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const { can } = useSession();
  const officer = can('services:manage');
  const query = useEnterpriseViewQuery(centre.id, enterpriseId);
  // The matched benefits (issue 6) fill their slot once some benefit is in force for the enterprise.
  const matches = useEnterpriseMatchesQuery(centre.id, query.data?.enterprise.id);
  const areas = useAreasQuery(centre.id);
  const vocab = useVocabularyLabels();
  const view = query.data;
  if (isApiError(query.error) && query.error.status === 404) {
    return <StatusMessage status="notFound" title={t('services.enterprise.notFound')} />;
  }
  const area = view?.enterprise.areaId ? areas.data?.items.find((a) => a.id === view.enterprise.areaId) : undefined;
  return (
    <div className="kc-svc" data-testid="enterprise-service-page">
      <ServicesNav />
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {view && (
          <>
            <PageHeader
              title={
                <span data-testid="enterprise-title">
                  {pickName(view.enterprise, locale) || view.enterprise.id}
                  <SampleTag isSample={view.enterprise.isSample} />
                </span>
              }
              intro={
                <span className="kc-svc-subtitle">
                  {vocab.kind(view.enterprise.kind) && <span>{vocab.kind(view.enterprise.kind)}</span>}
                  {area && <span>{pickName(area, locale)}</span>}
                  {view.enterprise.tiers.map((tier) => (
                    <Tag key={tier} color="blue">
                      {vocab.recognition(tier)}
                    </Tag>
                  ))}
                  <Link to={entityPath(view.enterprise.id)} data-testid="enterprise-profile-link">
                    {t('services.enterprise.profile')}
                  </Link>
                </span>
              }
              extra={
                officer && (
                  <Button type="primary" icon={<FormOutlined />} onClick={() => navigate(newVisitPath(view.enterprise.id))} data-testid="enterprise-record-visit">
                    {t('services.desk.recordVisit')}
                  </Button>
                )
              }
            />
            <div className="kc-svc-columns">
              <div className="kc-svc-main">
                <Panel title={t('services.enterprise.openDemands', { count: view.openDemands.length })} data-testid="enterprise-open-demands">
                  <DemandTable items={sortWorklist(view.openDemands)} columns={['title', 'type', 'state', 'clock']} titleWidth={200} emptyText={t('services.enterprise.noOpen')} />
                </Panel>
                <Panel title={t('services.enterprise.closedDemands', { count: view.closedDemands.length })} data-testid="enterprise-closed-demands">
                  <DemandTable items={view.closedDemands} columns={['title', 'type', 'state', 'department', 'rating']} titleWidth={200} emptyText={t('services.enterprise.noClosed')} />
                </Panel>
                <Panel title={t('services.enterprise.visits')} data-testid="enterprise-visits">
                  {view.visits.length === 0 ? (
                    <p className="kc-muted">{t('services.enterprise.noVisits')}</p>
                  ) : (
                    <ol className="kc-svc-visits">
                      {view.visits.map((v) => (
                        <li key={v.id} className="kc-svc-visit" data-testid="enterprise-visit">
                          <div className="kc-svc-visit-head">
                            <strong>{formatPartialDate(v.visitedOn, locale)}</strong>
                            <span className="kc-svc-tags">
                              {v.topics.map((topic) => (
                                <Tag key={topic}>{topic}</Tag>
                              ))}
                            </span>
                            <SampleTag isSample={v.isSample} />
                          </div>
                          <div className="kc-small">
                            {t('services.enterprise.participants', {
                              government: v.participants.filter((p) => p.side === 'government').map((p) => (p.role ? t('services.enterprise.participantWithRole', { name: p.name, role: p.role }) : p.name)).join(t('services.listSep')) || t('services.none'),
                              enterprise: v.participants.filter((p) => p.side === 'enterprise').map((p) => (p.role ? t('services.enterprise.participantWithRole', { name: p.name, role: p.role }) : p.name)).join(t('services.listSep')) || t('services.none'),
                            })}
                          </div>
                          {v.notes && <p className="kc-svc-prose kc-small">{v.notes}</p>}
                          {v.demandIds.length > 0 && (
                            <div className="kc-small">
                              {t('services.enterprise.visitDemands')}
                              {v.demandIds.map((id, i) => {
                                const d = [...view.openDemands, ...view.closedDemands].find((x) => x.id === id);
                                return (
                                  <span key={id}>
                                    {i > 0 ? t('services.listSep') : ''}
                                    <Link to={demandPath(id)}>{d ? d.title : id}</Link>
                                  </span>
                                );
                              })}
                            </div>
                          )}
                        </li>
                      ))}
                    </ol>
                  )}
                </Panel>
              </div>
              <div className="kc-svc-side">
                <PackageSummary view={view} />
                <MatchedPoliciesSlot>{(matches.data?.results.length ?? 0) > 0 && <MatchedPolicyList centreId={centre.id} enterpriseId={view.enterprise.id} />}</MatchedPoliciesSlot>
                <Panel title={t('services.enterprise.applications')} data-testid="enterprise-applications">
                  {view.applications.length === 0 ? (
                    <p className="kc-muted">{t('services.enterprise.noApplications')}</p>
                  ) : (
                    <ul className="kc-svc-compact-list">
                      {view.applications.map((a) => (
                        <li key={a.id}>
                          <Link to={applicationPath(a.id)}>{a.title}</Link>
                          <div className="kc-muted kc-small">
                            {pickTitle({ titleZh: a.callTitleZh, titleEn: a.callTitleEn }, locale)} · {applicationStateLabel(t, a.state)}
                          </div>
                        </li>
                      ))}
                    </ul>
                  )}
                </Panel>
              </div>
            </div>
          </>
        )}
      </QueryState>
    </div>
  );
};
