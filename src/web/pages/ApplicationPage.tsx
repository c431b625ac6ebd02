import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../app/api.js';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { formatDateTime, pickName, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ApplicationForm } from '../modules/calls/components/ApplicationForm.js';
import { AttachmentList } from '../modules/calls/components/AttachmentList.js';
import { MilestoneTimeline } from '../modules/calls/components/MilestoneTimeline.js';
import { NextActions } from '../modules/calls/components/NextActions.js';
import { useApplicationQuery, useApplicationTransitionMutation } from '../modules/calls/hooks/useApplications.js';
import { useCallQuery, useProgrammesQuery } from '../modules/calls/hooks/useCalls.js';
import type { Application } from '../modules/calls/types.js';
import { appealOutcomeLabel, applicationActionLabel, applicationStateLabel, formatDate, formatMoney, reasonLabel, STATE_TONE } from '../modules/calls/utils/labels.js';
import { applicationPath, callPath, CALL_ROUTES } from '../modules/calls/utils/paths.js';
import { entityPath } from '../modules/registry/utils/paths.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { StatusMessage } from '../ui/StatusMessage.js';
import '../modules/calls/calls.css';

const Names = ({ list }: { list: Application['partners'] }) => {
  const { t, locale } = useI18n();
  if (list.length === 0) return <>{t('calls.none')}</>;
  return (
    <>
      {list.map((e, i) => (
        <span key={e.id}>
          {i > 0 && t('calls.listSep')}
          <Link to={entityPath(e.id)}>{pickName(e, locale)}</Link>
        </span>
      ))}
    </>
  );
};

/**
 * One bid. Its team edits the draft here (autosaved) and submits it, seeing
 * the eligibility check's reasons; after the decision it sees its scores
 * (reviewers anonymous) and may appeal; during execution it reports milestone
 * evidence, which the demand owner verifies and officers pay out.
 */
export const ApplicationPage = () => {
  const { applicationId = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const { user, can } = useSession();
  const query = useApplicationQuery(centre.id, applicationId);
  const app = query.data;
  const callQuery = useCallQuery(centre.id, app?.callId);
  const programmes = useProgrammesQuery(centre.id);
  const transition = useApplicationTransitionMutation(centre.id);
  const flush = useRef<(() => Promise<boolean>) | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const call = callQuery.data;

  if (isApiError(query.error) && query.error.status === 404) {
    return <StatusMessage status="notFound" title={t('calls.applicationNotFound')} action={<Link to={CALL_ROUTES.list}>{t('calls.backToList')}</Link>} />;
  }

  const programme = programmes.data?.items.find((p) => p.id === call?.programmeId);
  const ruleDeclarations = call?.eligibilityRules.flatMap((r) => (r.kind === 'declarations' ? r.required : [])) ?? [];
  const declarations = [...new Set([...(programme?.settings.requiredDeclarations ?? []), ...ruleDeclarations])];
  const isTeam = !!app && can('calls:apply') && user?.organisationId != null && user.organisationId === app.lead?.id;
  const roles = { applicant: isTeam, verifier: !!call && user?.organisationId === call.owner.id, officer: can('calls:manage') };
  const editable = !!app && app.state === 'draft' && app.actions.some((a) => a.action === 'submit');
  const criteria = programme?.settings.form.criteria ?? [];

  return (
    <div className="kc-calls" data-testid="application-page">
      <Button type="link" icon={<ArrowLeftOutlined />} className="kc-back" onClick={() => navigate(app ? callPath(app.callId) : CALL_ROUTES.list)} data-testid="application-back">
        {t('calls.backToCall')}
      </Button>
      <QueryState isLoading={query.isLoading || (!!app && callQuery.isLoading)} error={query.error ?? callQuery.error} onRetry={() => void query.refetch()}>
        {app && call && (
          <>
            <PageHeader
              title={<span data-testid="application-title-heading">{app.title}</span>}
              intro={
                <span className="kc-calls-subtitle">
                  <Chip tone={STATE_TONE[app.state] ?? 'default'}>
                    <span data-testid="application-state" data-state={app.state}>
                      {applicationStateLabel(t, app.state)}
                    </span>
                  </Chip>
                  <span>
                    {t('calls.forCall')}{t('calls.colon')}<Link to={callPath(call.id)}>{pickTitle(call, locale)}</Link>
                  </span>
                  {app.submittedAt && <span>{t('calls.submittedOn', { date: formatDateTime(app.submittedAt, locale) })}</span>}
                  {['awarded', 'completed', 'terminated'].includes(app.state) && (roles.applicant || roles.verifier || roles.officer) && (
                    <Link to={`${applicationPath(app.id)}/agreement`} data-testid="agreement-link">
                      {t('calls.agreement.link')}
                    </Link>
                  )}
                </span>
              }
            />

            {app.actions.length > 0 && (
              <Panel title={t('calls.nextSteps')} data-testid="application-next">
                <NextActions
                  actions={app.actions}
                  label={(a) => applicationActionLabel(t, a)}
                  testId="application-action"
                  onRun={async (action, input) => {
                    // Submitting sends what was typed last.
                    if (action === 'submit' && flush.current && !(await flush.current())) return;
                    await transition.mutateAsync({ id: app.id, action, note: input.note, ...(input.awardAmount ? { awardAmount: input.awardAmount } : {}) });
                  }}
                />
              </Panel>
            )}

            {app.eligibility && (
              <Panel title={t('calls.eligibilityCheck')} data-testid="application-eligibility">
                <p>
                  <Chip tone={app.eligibility.outcome === 'eligible' ? 'accent' : 'warning'}>
                    <span data-testid="eligibility-outcome">{applicationStateLabel(t, app.eligibility.outcome)}</span>
                  </Chip>
                </p>
                <ul className="kc-calls-rules">
                  {app.eligibility.results.map((r, i) => (
                    <li key={i} data-testid="eligibility-result" data-status={r.status}>
                      <Chip tone={r.status === 'pass' ? 'info' : 'warning'}>{r.status === 'pass' ? t('calls.pass') : r.status === 'fail' ? t('calls.fail') : r.status}</Chip> {reasonLabel(t, r.code, r.message)}
                    </li>
                  ))}
                </ul>
              </Panel>
            )}

            {editable ? (
              <Panel title={t('calls.bidDraft')} data-testid="application-draft">
                <ApplicationForm application={app} call={call} declarations={declarations} onSaved={(v) => {
                    setVersion(v);
                    // The next actions (and their blocking reasons) follow what was saved.
                    void query.refetch();
                  }} flushRef={flush} key={`${app.id}`} />
                {version !== null && <span hidden data-testid="application-version">{version}</span>}
                <AttachmentList owner={{ type: 'application', id: app.id }} files={app.attachments} canEdit={isTeam} />
              </Panel>
            ) : (
              <div className="kc-calls-grid">
                <Panel title={t('calls.team')} data-testid="application-team">
                  <dl className="kc-calls-facts">
                    <dt>{t('calls.lead')}</dt>
                    <dd>{app.lead ? <Link to={entityPath(app.lead.id)}>{pickName(app.lead, locale)}</Link> : t('calls.none')}</dd>
                    <dt>{t('calls.partners')}</dt>
                    <dd>
                      <Names list={app.partners} />
                    </dd>
                    <dt>{t('calls.pi')}</dt>
                    <dd>{app.pi ? <Link to={entityPath(app.pi.id)}>{pickName(app.pi, locale)}</Link> : t('calls.none')}</dd>
                    <dt>{t('calls.members')}</dt>
                    <dd>
                      <Names list={app.members} />
                    </dd>
                    <dt>{t('calls.teamTrl')}</dt>
                    <dd>{app.teamTrl ?? t('calls.none')}</dd>
                    <dt>{t('calls.budgetTotal')}</dt>
                    <dd>
                      {formatMoney(app.budget.total, call.currency, t)}
                      {app.budget.selfFunded ? ` · ${t('calls.selfFundedLine', { amount: formatMoney(app.budget.selfFunded, call.currency, t) })}` : ''}
                    </dd>
                    {app.awardAmount !== null && (
                      <>
                        <dt>{t('calls.awardAmount')}</dt>
                        <dd data-testid="application-award">{formatMoney(app.awardAmount, call.currency, t)}</dd>
                      </>
                    )}
                  </dl>
                </Panel>
                <Panel title={t('calls.plan')} data-testid="application-plan-view">
                  <p className="kc-calls-prose">{app.plan ?? t('calls.none')}</p>
                  <AttachmentList owner={{ type: 'application', id: app.id }} files={app.attachments} canEdit={false} />
                </Panel>
              </div>
            )}

            {!editable && (
              <Panel title={t('calls.milestones')} data-testid="application-milestones-view">
                <MilestoneTimeline milestones={app.milestones} roles={roles} currency={call.currency} executing={call.state === 'in_execution' && app.state === 'awarded'} />
              </Panel>
            )}

            {app.scores && (
              <Panel title={t('calls.scores')} data-testid="application-scores">
                <p>
                  {t('calls.totalScore')}{t('calls.colon')}<strong data-testid="application-total">{app.scores.total === null ? '—' : app.scores.total.toFixed(1)}</strong>
                  {app.scores.passed !== null && <Chip tone={app.scores.passed ? 'accent' : 'warning'}>{app.scores.passed ? t('calls.aboveThreshold') : t('calls.belowThreshold')}</Chip>}
                </p>
                <table className="kc-simple-table">
                  <thead>
                    <tr>
                      <th>{t('calls.reviewer')}</th>
                      {app.scores.criteria.map((c) => (
                        <th key={c.id}>{criteria.find((k) => k.id === c.id)?.label ?? c.id}</th>
                      ))}
                      <th>{t('calls.total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {app.scores.sheets.map((s) => (
                      <tr key={s.reviewer} data-testid="score-sheet">
                        <td>{s.reviewer.replace(/^Reviewer (\d+)$/, (_, n: string) => t('calls.reviewerN', { n }))}</td>
                        {app.scores?.criteria.map((c) => (
                          <td key={c.id}>
                            {s.scores[c.id] ?? '—'}
                            {s.comments[c.id] && <div className="kc-muted kc-small">{s.comments[c.id]}</div>}
                          </td>
                        ))}
                        <td>{s.total.toFixed(1)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Panel>
            )}

            {app.appeals.length > 0 && (
              <Panel title={t('calls.appeals')} data-testid="application-appeals">
                <ul className="kc-plain-list">
                  {app.appeals.map((a) => (
                    <li key={a.id} className="kc-calls-log" data-testid="appeal">
                      <div>
                        <Chip tone="info">{appealOutcomeLabel(t, a.outcome)}</Chip> <span className="kc-muted kc-small">{formatDate(a.lodgedAt, t)}</span>
                      </div>
                      <div className="kc-calls-prose">{a.statement}</div>
                      {a.answer && (
                        <div className="kc-calls-prose">
                          <strong>{t('calls.appealAnswer')}</strong>{t('calls.colon')}{a.answer}
                        </div>
                      )}
                    </li>
                  ))}
                </ul>
              </Panel>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
};
