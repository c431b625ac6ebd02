import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Steps } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../app/api.js';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { formatDateTime, pickName } from '../i18n/format.js';
import type { MessageKey } from '../i18n/keys.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { entityPath } from '../modules/registry/utils/paths.js';
import { DemandStateTag, EscalationTag } from '../modules/services/components/Badges.js';
import { DemandThread } from '../modules/services/components/DemandThread.js';
import { MessageComposer } from '../modules/services/components/MessageComposer.js';
import { RatingPanel } from '../modules/services/components/RatingPanel.js';
import { ServicesNav } from '../modules/services/components/ServicesNav.js';
import { WorkflowActions } from '../modules/services/components/WorkflowActions.js';
import { useDemandQuery, useDemandTransitionMutation } from '../modules/services/hooks/useDemands.js';
import { useDepartmentsQuery } from '../modules/services/hooks/useDepartments.js';
import { useServiceSettingsQuery } from '../modules/services/hooks/useServiceSettings.js';
import type { Demand } from '../modules/services/types.js';
import { clockText } from '../modules/services/utils/clock.js';
import { demandActionLabel, demandStateLabel, demandTypeLabel } from '../modules/services/utils/labels.js';
import { enterpriseServicePath, SERVICE_ROUTES } from '../modules/services/utils/paths.js';
import { DEMAND_STEPS, demandSteps, stepTimes } from '../modules/services/utils/steps.js';
import { needsDepartment, needsNote, reopenDeadline } from '../modules/services/utils/workflow.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import { StatusMessage } from '../ui/StatusMessage.js';
import '../modules/services/services.css';

/** The step indicator: received → accepted → in progress → resolved → confirmed, with when each happened. */
const DemandSteps = ({ demand }: { demand: Demand }) => {
  const { t, locale } = useI18n();
  const view = demandSteps(demand.state, demand.events);
  const times = stepTimes(demand.receivedAt, demand.events);
  return (
    <Steps
      size="small"
      current={view.current}
      status={view.status}
      data-testid="demand-steps"
      items={DEMAND_STEPS.map((s, i) => {
        const at = times[s];
        const flagged = i === view.current && view.note;
        return {
          title: flagged ? demandStateLabel(t, view.note as string) : demandStateLabel(t, s),
          description: i <= view.current && at ? formatDateTime(at, locale) : undefined,
        };
      })}
    />
  );
};

const SlaPanel = ({ demand }: { demand: Demand }) => {
  const { t, locale } = useI18n();
  const clocks = [
    { which: 'response' as const, name: t('services.clockResponse'), hint: t('services.clockResponseHint'), clock: demand.response },
    { which: 'resolution' as const, name: t('services.clockResolution'), hint: t('services.clockResolutionHint'), clock: demand.resolution },
  ];
  return (
    <Panel title={t('services.demand.sla')} data-testid="demand-sla">
      <div className="kc-svc-clocks">
        {clocks.map((c) => (
          <div key={c.which} className={`kc-svc-clock-card is-${c.clock.state}`} data-testid={`demand-clock-${c.which}`} data-state={c.clock.state}>
            <div className="kc-svc-clock-name">{c.name}</div>
            <div className="kc-svc-clock-value">{clockText(c.clock, t)}</div>
            <div className="kc-muted kc-small">{t('services.demand.dueAt', { due: formatDateTime(c.clock.dueAt, locale) })}</div>
            <div className="kc-muted kc-small">{c.hint}</div>
          </div>
        ))}
      </div>
      <div className="kc-svc-ladder">
        <span className="kc-muted">{t('services.demand.escalation')}</span>
        <EscalationTag level={demand.escalationLevel} />
      </div>
    </Panel>
  );
};

/**
 * One case (诉求), for the officers working it and for the enterprise: what
 * was asked, where it stands, the two SLA clocks and the escalation, the
 * thread, what the viewer may do next; the enterprise confirms, reopens
 * (within the window) or withdraws, and rates the outcome.
 */
export const DemandPage = () => {
  const { demandId = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const { can } = useSession();
  const officer = can('services:manage');
  const query = useDemandQuery(centre.id, demandId);
  const settings = useServiceSettingsQuery();
  const departments = useDepartmentsQuery(centre.id);
  const transition = useDemandTransitionMutation(centre.id);
  const demand = query.data;
  const back = officer ? SERVICE_ROUTES.desk : SERVICE_ROUTES.demands;
  const transferTo = useMemo(
    () => (departments.data?.items ?? []).filter((d) => !d.isCoordinator && d.id !== demand?.department?.id).map((d) => ({ value: d.id, label: pickName(d, locale) })),
    [departments.data, demand?.department?.id, locale],
  );

  if (isApiError(query.error) && query.error.status === 404) {
    return <StatusMessage status="notFound" title={t('services.demand.notFound')} action={<Link to={back}>{t('services.demand.back')}</Link>} />;
  }
  const deadline = demand ? reopenDeadline(demand) : null;
  const reopenBlocked = demand?.actions.some((a) => a.action === 'reopen' && a.reasons.some((r) => r.code === 'reopen_window_passed'));

  return (
    <div className="kc-svc" data-testid="demand-page">
      <ServicesNav />
      <Button type="link" icon={<ArrowLeftOutlined />} className="kc-back" onClick={() => navigate(back)} data-testid="demand-back">
        {officer ? t('services.demand.backToDesk') : t('services.demand.back')}
      </Button>
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {demand && (
          <>
            <PageHeader
              title={
                <span data-testid="demand-title">
                  {demand.title}
                  <SampleTag isSample={demand.isSample} />
                </span>
              }
              intro={
                <span className="kc-svc-subtitle">
                  <span className="kc-mono" data-testid="demand-reference">
                    {demand.reference}
                  </span>
                  <DemandStateTag state={demand.state} />
                  <span>{demandTypeLabel(t, demand.type)}</span>
                  <EscalationTag level={demand.escalationLevel} hideBase />
                </span>
              }
            />
            <Panel data-testid="demand-progress">
              <DemandSteps demand={demand} />
            </Panel>
            <div className="kc-svc-columns">
              <div className="kc-svc-main">
                <Panel title={t('services.demand.what')} data-testid="demand-description">
                  <p className="kc-svc-prose">{demand.description}</p>
                  <dl className="kc-svc-facts">
                    <dt>{t('services.col.enterprise')}</dt>
                    <dd data-testid="demand-enterprise">
                      <Link to={officer ? enterpriseServicePath(demand.enterprise.id) : entityPath(demand.enterprise.id)}>{pickName(demand.enterprise, locale) || demand.enterprise.id}</Link>
                    </dd>
                    <dt>{t('services.col.department')}</dt>
                    <dd data-testid="demand-department">{demand.department ? pickName(demand.department, locale) : <span className="kc-svc-warning-text">{t('services.unrouted')}</span>}</dd>
                    <dt>{t('services.col.received')}</dt>
                    <dd>{formatDateTime(demand.receivedAt, locale)}</dd>
                    {demand.visitId && (
                      <>
                        <dt>{t('services.demand.source')}</dt>
                        <dd>{officer ? <Link to={enterpriseServicePath(demand.enterprise.id)}>{t('services.demand.fromVisit')}</Link> : t('services.demand.fromVisit')}</dd>
                      </>
                    )}
                    {demand.reopenCount > 0 && (
                      <>
                        <dt>{t('services.demand.reopened')}</dt>
                        <dd>{t('services.demand.reopenCount', { count: demand.reopenCount })}</dd>
                      </>
                    )}
                  </dl>
                </Panel>
                <Panel title={t('services.demand.thread')} extra={officer ? <span className="kc-muted kc-small">{t('services.demand.threadHintOfficer')}</span> : undefined} data-testid="demand-thread-panel">
                  <DemandThread demandId={demand.id} events={demand.events} />
                  <MessageComposer demand={demand} />
                </Panel>
              </div>
              <div className="kc-svc-side">
                {demand.actions.length > 0 && (
                  <Panel title={t('services.demand.next')} data-testid="demand-next">
                    <WorkflowActions
                      actions={demand.actions}
                      label={(a) => demandActionLabel(t, a)}
                      needsNote={(a) => needsNote(settings.data, 'demand', a)}
                      needsDepartment={(a) => needsDepartment(settings.data, a)}
                      departments={transferTo}
                      noteLabel={(a) => (t.has(`services.noteFor.${a}`) ? t(`services.noteFor.${a}` as MessageKey) : t('services.actions.note'))}
                      testId="demand-action"
                      onRun={(action, input) => transition.mutateAsync({ id: demand.id, action, note: input.note, departmentId: input.departmentId, version: demand.version })}
                    />
                    {deadline && (demand.state === 'resolved' || demand.state === 'confirmed') && demand.actions.some((a) => a.action === 'reopen') && (
                      <p className="kc-muted kc-small" data-testid="demand-reopen-window">
                        {reopenBlocked ? t('services.demand.reopenClosed', { date: formatDateTime(deadline.toISOString(), locale) }) : t('services.demand.reopenUntil', { date: formatDateTime(deadline.toISOString(), locale), days: demand.reopenWindowDays })}
                      </p>
                    )}
                  </Panel>
                )}
                <SlaPanel demand={demand} />
                {(demand.can.rate || demand.rating !== null) && (
                  <Panel title={t('services.rating.title')} data-testid="demand-rating-panel">
                    <RatingPanel demand={demand} key={`${demand.rating ?? 'none'}-${demand.ratingComment ?? ''}`} />
                  </Panel>
                )}
              </div>
            </div>
          </>
        )}
      </QueryState>
    </div>
  );
};
