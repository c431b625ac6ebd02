import { ArrowLeftOutlined, EditOutlined, FormOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { Button, message, Space } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../app/api.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { ROUTES } from '../app/nav.js';
import { useSession } from '../app/session.js';
import { otherName, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { lazyWithMessages } from '../i18n/lazy.js';
import { useAreasQuery } from '../modules/centres/hooks/useAreasQuery.js';
import { CitationsPanel } from '../modules/registry/components/CitationsPanel.js';
import { EcosystemGraphPanel } from '../modules/registry/components/EcosystemGraphPanel.js';
import type { EditorKind } from '../modules/registry/components/editors/ProfileEditor.js';
import { FactsPanel } from '../modules/registry/components/FactsPanel.js';
import { IdentityCard } from '../modules/registry/components/IdentityCard.js';
import { KindTag } from '../modules/registry/components/KindTag.js';
import { LocationPanel } from '../modules/registry/components/LocationPanel.js';
import { MergedBanner } from '../modules/registry/components/MergedBanner.js';
import { PersonalPanel } from '../modules/registry/components/PersonalPanel.js';
import { RecognitionsPanel } from '../modules/registry/components/RecognitionsPanel.js';
import { RelationsPanel } from '../modules/registry/components/RelationsPanel.js';
import { TimelinePanel } from '../modules/registry/components/TimelinePanel.js';
import { ScenarioDeployments } from '../modules/scenarios/DeploymentTable.js';
import { useDeleteRelationMutation } from '../modules/registry/hooks/useDeleteRelationMutation.js';
import { useEntityProfileQuery } from '../modules/registry/hooks/useEntityProfileQuery.js';
import { PageHeader } from '../ui/PageHeader.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import { StatusMessage } from '../ui/StatusMessage.js';

// Writers' dialogs, fetched the first time one is opened.
const RdCentreProfilePanel = lazyWithMessages(() => import('../modules/rdcentres/ProfilePanel.js'), 'RdCentreProfilePanel', ['rdcentres', 'calls']);
const ProfileEditor = lazy(() => import('../modules/registry/components/editors/ProfileEditor.js').then((m) => ({ default: m.ProfileEditor })));

/**
 * One actor's profile: who it is, its recognitions and size, its relations
 * (listed and as a graph), where it is, what supports the record, and its
 * history. Writers edit, relate and merge here; an organisation's own members
 * propose corrections.
 */
export const EntityProfilePage = () => {
  const { entityId = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { user, can } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [toast, toastHolder] = message.useMessage();
  const query = useEntityProfileQuery(centre.id, entityId);
  const areas = useAreasQuery(centre.id);
  const deleteRelation = useDeleteRelationMutation(centre.id);
  const [editor, setEditor] = useState<{ kind: EditorKind; open: boolean } | null>(null);
  const profile = query.data;
  const entity = profile?.entity;
  const area = useMemo(() => (entity?.areaId ? areas.data?.items.find((a) => a.id === entity.areaId) : undefined), [areas.data, entity?.areaId]);

  // A message handed over by the page that sent us here (e.g. "created").
  const notice = (location.state as { notice?: string } | null)?.notice;
  useEffect(() => {
    if (!notice) return;
    void toast.success(notice);
    navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [notice, toast, navigate, location.pathname, location.search]);

  const back = () => {
    // Back to the search the visitor came from, if they came from one.
    if (location.key !== 'default') navigate(-1);
    else navigate(ROUTES.registry);
  };

  const active = entity?.status === 'active';
  const canWrite = can('registry:write') && active;
  const canPropose = can('registry:propose') && active && user?.organisationId != null && user.organisationId === entity?.id;
  const isPerson = entity?.category === 'person';
  const showPersonal = profile ? profile.personal !== null || (isPerson && can('people:private')) : false;
  const open = (kind: EditorKind) => setEditor({ kind, open: true });
  const notFound = isApiError(query.error) && query.error.status === 404;

  if (notFound) {
    return (
      <StatusMessage
        status="notFound"
        title={t('profile.notFoundTitle')}
        text={t('profile.notFoundText')}
        action={<Button onClick={() => navigate(ROUTES.registry)}>{t('profile.backToRegistry')}</Button>}
      />
    );
  }

  return (
    <div className="kc-page kc-profile">
      {toastHolder}
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={back} className="kc-back" data-testid="profile-back">
        {t('profile.backToRegistry')}
      </Button>
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()} skeletonRows={10}>
        {profile && entity && (
          <>
            {entity.status === 'merged' && entity.mergedIntoId && <MergedBanner survivorId={entity.mergedIntoId} />}
            <PageHeader
              title={
                <span data-testid="profile-title">
                  {pickName(entity, locale)}
                  <SampleTag isSample={entity.isSample} />
                </span>
              }
              intro={
                <span className="kc-profile-subtitle">
                  <KindTag kind={entity.kind} category={entity.category} />
                  {otherName(entity, locale) && <span>{otherName(entity, locale)}</span>}
                </span>
              }
              extra={
                (canWrite || canPropose) && (
                  <Space wrap>
                    {canWrite && (
                      <Button icon={<EditOutlined />} onClick={() => open('edit')} data-testid="profile-edit">
                        {t('profile.edit')}
                      </Button>
                    )}
                    {canWrite && (
                      <Button icon={<MergeCellsOutlined />} onClick={() => open('merge')} data-testid="profile-merge">
                        {t('profile.merge')}
                      </Button>
                    )}
                    {canPropose && (
                      <Button type="primary" icon={<FormOutlined />} onClick={() => open('correction')} data-testid="profile-propose-correction">
                        {t('profile.proposeCorrection')}
                      </Button>
                    )}
                  </Space>
                )
              }
            />
            <div className="kc-grid kc-grid-profile">
              <div className="kc-stack">
                <IdentityCard entity={entity} area={area} />
                <RecognitionsPanel recognitions={profile.recognitions} onAdd={canWrite ? () => open('recognition') : undefined} />
                <FactsPanel facts={profile.facts} onAdd={canWrite ? () => open('fact') : undefined} />
                <RelationsPanel
                  relations={profile.relations}
                  onAdd={canWrite ? () => open('relation') : undefined}
                  deletingId={deleteRelation.isPending ? deleteRelation.variables.relationId : null}
                  onDelete={
                    canWrite
                      ? (r) =>
                          deleteRelation.mutate(
                            { relationId: r.id, fromId: r.fromId, toId: r.toId },
                            {
                              onSuccess: () => void toast.success(t('profile.relationDeleted')),
                              onError: (err) => void toast.error(errorMessage(err, t)),
                            },
                          )
                      : undefined
                  }
                />
                {!isPerson && <ScenarioDeployments filter={{ enterpriseId: entity.id }} />}
                {profile.recognitions.some((r) => r.type === 'foreign_rnd_centre') && (
                  <Suspense fallback={null}>
                    <RdCentreProfilePanel entityId={entity.id} />
                  </Suspense>
                )}
                <CitationsPanel citations={profile.citations} />
              </div>
              <div className="kc-stack">
                <EcosystemGraphPanel centreId={centre.id} entityId={entity.id} name={pickName(entity, locale)} />
                <LocationPanel centreId={centre.id} entity={entity} area={area} />
                {showPersonal && <PersonalPanel personal={profile.personal} onEdit={can('people:private') && active ? () => open('personal') : undefined} />}
                <TimelinePanel timeline={profile.timeline} />
              </div>
            </div>
            {editor && (
              <Suspense fallback={null}>
                <ProfileEditor
                  kind={editor.kind}
                  open={editor.open}
                  onClose={() => setEditor({ ...editor, open: false })}
                  afterClose={() => setEditor(null)}
                  profile={profile}
                  onReload={async () => (await query.refetch()).data?.entity}
                  onDone={(text) => void toast.success(text)}
                />
              </Suspense>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
};
