import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Form, Steps, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../app/api.js';
import { useCentreToday, useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { formatDateTime, formatPartialDate, pickName, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useVocabularyLabels } from '../modules/registry/hooks/useVocabularyQuery.js';
import { entityPath } from '../modules/registry/utils/paths.js';
import { PackageStateTag } from '../modules/services/components/Badges.js';
import { PackageForm } from '../modules/services/components/PackageForm.js';
import { ServicesNav } from '../modules/services/components/ServicesNav.js';
import { WorkflowActions } from '../modules/services/components/WorkflowActions.js';
import { useEnterpriseViewQuery } from '../modules/services/hooks/useEnterpriseView.js';
import { useOfficerDirectory } from '../modules/services/hooks/useOfficers.js';
import { useCreatePackageMutation, usePackageQuery, usePackageTransitionMutation, useUpdatePackageMutation } from '../modules/services/hooks/usePackages.js';
import { useServiceSettingsQuery } from '../modules/services/hooks/useServiceSettings.js';
import type { ServicePackage } from '../modules/services/types.js';
import { parseBasis } from '../modules/services/utils/basis.js';
import { packageActionLabel, packageStateLabel, placeFailure } from '../modules/services/utils/labels.js';
import { packageBody, packageFieldFor, packagePatch, packageValues, type PackageValues } from '../modules/services/utils/package-form.js';
import { enterpriseServicePath, packagePath, SERVICE_ROUTES } from '../modules/services/utils/paths.js';
import { PACKAGE_STEPS, packageSteps } from '../modules/services/utils/steps.js';
import { needsNote } from '../modules/services/utils/workflow.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import { StatusMessage } from '../ui/StatusMessage.js';
import '../modules/services/services.css';

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** "Key by tier: 专精特新小巨人" / "On the key list". */
const useBasisText = () => {
  const { t } = useI18n();
  const vocab = useVocabularyLabels();
  return (basis: string) => {
    const b = parseBasis(basis);
    if (!b) return basis;
    return b.kind === 'list' ? t('services.package.basisList') : t('services.package.basisTier', { tier: vocab.recognition(b.tier) });
  };
};

/** A new package for a key enterprise (the enterprise and basis may come from the candidates list). */
const NewPackage = () => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const { user } = useSession();
  const [params] = useSearchParams();
  const preset = params.get('enterprise');
  const [form] = Form.useForm<PackageValues>();
  const create = useCreatePackageMutation(centre.id);
  const directory = useOfficerDirectory(centre.id);
  const presetView = useEnterpriseViewQuery(centre.id, preset);
  const [error, setError] = useState<string | null>(null);
  const today = useCentreToday();
  const initial: PackageValues = {
    ...(preset ? { enterpriseId: preset } : {}),
    keyBasis: params.get('basis') ?? 'list',
    ...(user ? { primaryHousekeeperId: user.id } : {}),
    backupHousekeeperId: null,
    services: [{}],
    checkInEveryDays: 90,
    nextCheckInOn: addDays(today, 30),
  };
  const suggestions = presetView.data ? [{ id: presetView.data.enterprise.id, nameZh: presetView.data.enterprise.nameZh, nameEn: presetView.data.enterprise.nameEn ?? presetView.data.enterprise.id, kind: presetView.data.enterprise.kind, category: 'enterprise' }] : [];
  const save = async (v: PackageValues) => {
    setError(null);
    try {
      const created = await create.mutateAsync(packageBody(v));
      navigate(packagePath(created.id), { replace: true });
    } catch (e) {
      setError(placeFailure(form, e, t, packageFieldFor));
    }
  };
  if (preset && presetView.isLoading) return null;
  return (
    <div className="kc-svc" data-testid="package-page">
      <ServicesNav />
      <Button type="link" icon={<ArrowLeftOutlined />} className="kc-back" onClick={() => navigate(SERVICE_ROUTES.packages)}>
        {t('services.package.backToList')}
      </Button>
      <PageHeader title={t('services.package.newTitle')} intro={t('services.package.newIntro')} />
      <Panel>
        <PackageForm form={form} initial={initial} onFinish={(v) => void save(v)} creating enterpriseSuggestions={suggestions} officers={directory.officers} officersComplete={directory.complete} knownOfficers={user ? [user] : []} />
        {error && (
          <div className="kc-svc-error" role="alert" data-testid="package-form-error">
            {error}
          </div>
        )}
        <div className="kc-svc-form-actions">
          <Button onClick={() => navigate(SERVICE_ROUTES.packages)}>{t('services.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="package-form-submit">
            {t('services.package.create')}
          </Button>
        </div>
      </Panel>
    </div>
  );
};

/** Officers change the terms (only what changed, with the version seen). */
const EditPackage = ({ pkg, onDone }: { pkg: ServicePackage; onDone: () => void }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const [form] = Form.useForm<PackageValues>();
  const update = useUpdatePackageMutation(centre.id);
  const directory = useOfficerDirectory(centre.id);
  const [error, setError] = useState<string | null>(null);
  const initial = useMemo(() => packageValues(pkg), [pkg]);
  const save = async (v: PackageValues) => {
    setError(null);
    const patch = packagePatch(pkg, v);
    if (!patch) return onDone();
    try {
      await update.mutateAsync({ id: pkg.id, patch });
      onDone();
    } catch (e) {
      const stale = isApiError(e) && e.fieldIssues.some((f) => f.reason === 'stale_version');
      setError(stale ? t('services.package.stale') : placeFailure(form, e, t, packageFieldFor));
    }
  };
  const known = [pkg.primaryHousekeeper, ...(pkg.backupHousekeeper ? [pkg.backupHousekeeper] : [])];
  return (
    <Panel title={t('services.package.editTitle')} data-testid="package-edit">
      {pkg.state !== 'draft' && <div className="kc-svc-warning">{t('services.package.editResignHint')}</div>}
      <PackageForm form={form} initial={initial} onFinish={(v) => void save(v)} creating={false} officers={directory.officers} officersComplete={directory.complete} knownOfficers={known} />
      {error && (
        <div className="kc-svc-error" role="alert" data-testid="package-form-error">
          {error}
        </div>
      )}
      <div className="kc-svc-form-actions">
        <Button onClick={onDone}>{t('services.cancel')}</Button>
        <Button type="primary" loading={update.isPending} onClick={() => form.submit()} data-testid="package-form-submit">
          {t('services.saveChanges')}
        </Button>
      </div>
    </Panel>
  );
};

const PackageView = ({ packageId }: { packageId: string }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const { can } = useSession();
  const officer = can('services:manage');
  const query = usePackageQuery(centre.id, packageId);
  const settings = useServiceSettingsQuery();
  const transition = usePackageTransitionMutation(centre.id);
  const basisText = useBasisText();
  const [editing, setEditing] = useState(false);
  const pkg = query.data;
  const back = officer ? SERVICE_ROUTES.packages : SERVICE_ROUTES.demands;

  if (isApiError(query.error) && query.error.status === 404) {
    return <StatusMessage status="notFound" title={t('services.package.notFound')} action={<Link to={back}>{t('services.package.backToList')}</Link>} />;
  }
  const steps = pkg ? packageSteps(pkg.state) : null;
  return (
    <div className="kc-svc" data-testid="package-page">
      <ServicesNav />
      <Button type="link" icon={<ArrowLeftOutlined />} className="kc-back" onClick={() => navigate(back)} data-testid="package-back">
        {officer ? t('services.package.backToList') : t('services.ledger.titleOwn')}
      </Button>
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {pkg && steps && (
          <>
            <PageHeader
              title={
                <span data-testid="package-title">
                  {t('services.package.titleOf', { enterprise: pickName(pkg.enterprise, locale) || pkg.enterprise.id })}
                  <SampleTag isSample={pkg.isSample} />
                </span>
              }
              intro={
                <span className="kc-svc-subtitle">
                  <PackageStateTag state={pkg.state} />
                  <span data-testid="package-basis">{basisText(pkg.keyBasis)}</span>
                  {officer ? <Link to={enterpriseServicePath(pkg.enterprise.id)}>{t('services.package.enterpriseView')}</Link> : <Link to={entityPath(pkg.enterprise.id)}>{t('services.package.profile')}</Link>}
                </span>
              }
              extra={
                officer &&
                pkg.state !== 'ended' &&
                !editing && (
                  <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="package-edit-open">
                    {t('services.package.edit')}
                  </Button>
                )
              }
            />
            <Panel data-testid="package-progress">
              <Steps
                size="small"
                current={steps.current}
                status={steps.status}
                items={PACKAGE_STEPS.map((s, i) => ({
                  title: i === 2 && pkg.state === 'ended' ? packageStateLabel(t, 'ended') : t(`services.packageStep.${s}`),
                  description: i === 2 && pkg.signedAt ? formatDateTime(pkg.signedAt, locale) : undefined,
                }))}
              />
              {pkg.state === 'offered' && !officer && <p className="kc-svc-callout" data-testid="package-sign-prompt">{t('services.package.signPrompt')}</p>}
            </Panel>
            {pkg.actions.length > 0 && !editing && (
              <Panel title={t('services.demand.next')} data-testid="package-next">
                <WorkflowActions
                  actions={pkg.actions}
                  label={(a) => packageActionLabel(t, a)}
                  needsNote={(a) => needsNote(settings.data, 'service_package', a)}
                  noteLabel={(a) => (a === 'return' ? t('services.package.returnNote') : t('services.package.endNote'))}
                  testId="package-action"
                  onRun={(action, input) => transition.mutateAsync({ id: pkg.id, action, note: input.note, version: pkg.version })}
                />
              </Panel>
            )}
            {editing ? (
              <EditPackage pkg={pkg} onDone={() => setEditing(false)} key={pkg.version} />
            ) : (
              <div className="kc-svc-columns">
                <div className="kc-svc-main">
                  <Panel title={t('services.package.services')} data-testid="package-services">
                    {pkg.services.length === 0 ? (
                      <p className="kc-muted">{t('services.package.noServices')}</p>
                    ) : (
                      <table className="kc-simple-table">
                        <thead>
                          <tr>
                            <th>{t('services.package.service')}</th>
                            <th>{t('services.package.sla')}</th>
                            <th>{t('services.package.serviceNotes')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {pkg.services.map((s) => (
                            <tr key={s.code} data-testid="package-service-row">
                              <td>{pickTitle(s, locale)}</td>
                              <td>{s.slaDays === null ? t('services.none') : t('services.package.slaValue', { count: s.slaDays })}</td>
                              <td>{s.notes ?? ''}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    )}
                  </Panel>
                </div>
                <div className="kc-svc-side">
                  <Panel title={t('services.package.people')} data-testid="package-people">
                    <dl className="kc-svc-facts">
                      <dt>{t('services.package.primary')}</dt>
                      <dd data-testid="package-primary">{pkg.primaryHousekeeper.displayName}</dd>
                      <dt>{t('services.package.backup')}</dt>
                      <dd>{pkg.backupHousekeeper?.displayName ?? t('services.none')}</dd>
                    </dl>
                  </Panel>
                  <Panel title={t('services.package.schedule')} data-testid="package-schedule">
                    <dl className="kc-svc-facts">
                      <dt>{t('services.package.checkInEvery')}</dt>
                      <dd>{t('services.package.everyDays', { count: pkg.checkInEveryDays })}</dd>
                      <dt>{t('services.package.nextCheckIn')}</dt>
                      <dd>
                        {formatPartialDate(pkg.nextCheckInOn, locale)}{' '}
                        {pkg.checkInDue && officer && (
                          <Tag color="error" data-testid="check-in-due">
                            {t('services.package.due')}
                          </Tag>
                        )}
                      </dd>
                      {pkg.signedAt && (
                        <>
                          <dt>{t('services.package.signedAt')}</dt>
                          <dd>{formatDateTime(pkg.signedAt, locale)}</dd>
                        </>
                      )}
                      <dt>{t('services.package.updatedAt')}</dt>
                      <dd>{formatDateTime(pkg.updatedAt, locale)}</dd>
                    </dl>
                  </Panel>
                </div>
              </div>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
};

/** 服务包 / Service package: one key enterprise's package (`/services/packages/:id`), or a new one (`/services/packages/new`). */
export const ServicePackagePage = () => {
  const { packageId } = useParams();
  return packageId ? <PackageView packageId={packageId} /> : <NewPackage />;
};
