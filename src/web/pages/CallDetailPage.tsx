import { ArrowLeftOutlined, EditOutlined, FlagOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, Tabs } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../app/api.js';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { formatDateTime, pickName, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { NextActions } from '../modules/calls/components/NextActions.js';
import { useCreateApplicationMutation } from '../modules/calls/hooks/useApplications.js';
import { useAcceptanceResultsMutation, useCallQuery, useCallTransitionMutation, useOpenResultsQuery, useProgrammesQuery, useUpdateCallMutation } from '../modules/calls/hooks/useCalls.js';
import type { Call } from '../modules/calls/types.js';
import {
  callActionLabel,
  callFieldLabel,
  callStateLabel,
  changeEntryLabel,
  eligibilityKindLabel,
  failureText,
  formatDate,
  formatMoney,
  ipTemplateLabel,
  ipTemplateText,
  STATE_TONE,
} from '../modules/calls/utils/labels.js';
import { applicationPath, callEditPath, CALL_ROUTES } from '../modules/calls/utils/paths.js';
import { entityPath } from '../modules/registry/utils/paths.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { ScenarioPanel } from '../modules/scenarios/ScenarioPanel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import { StatusMessage } from '../ui/StatusMessage.js';
import '../modules/calls/calls.css';

// Officers' views, fetched only for them.
const Officer = lazy(() => import('../modules/calls/components/OfficerPanels.js'));

const EligibilityRule = ({ rule }: { rule: Call['eligibilityRules'][number] }) => {
  const { t } = useI18n();
  const detail = (() => {
    switch (rule.kind) {
      case 'consortium_size':
        return t('calls.ruleConsortium', { min: rule.min, max: rule.max });
      case 'trl_gap':
        return t('calls.ruleTrlGap', { gap: rule.maxGap });
      case 'budget_cap':
        return formatMoney(rule.max, 'CNY', t);
      case 'cofunding_share':
        return `≥ ${rule.min}%`;
      case 'declarations':
        return rule.required.join(t('calls.listSep'));
      case 'lead_category':
        return rule.allowed.join(t('calls.listSep'));
      case 'active_awards_cap':
        return t('calls.ruleActiveAwards', { max: rule.max });
    }
  })();
  return (
    <li data-testid="eligibility-rule">
      <strong>{eligibilityKindLabel(t, rule.kind)}</strong>{t('calls.colon')}{detail}
    </li>
  );
};

/** Officers: the decision memo, written before the award (at least 10 characters). */
const MemoEditor = ({ call }: { call: Call }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const update = useUpdateCallMutation(centre.id);
  const [memo, setMemo] = useState(call.decisionMemo ?? '');
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="kc-stack">
      <Input.TextArea rows={3} value={memo} onChange={(e) => setMemo(e.target.value)} placeholder={t('calls.memoPlaceholder')} data-testid="call-memo-input" />
      <div>
        <Button
          onClick={() => {
            setError(null);
            update.mutateAsync({ id: call.id, patch: { version: call.version, decisionMemo: memo.trim() } }).catch((e: unknown) => setError(failureText(e, t)));
          }}
          loading={update.isPending}
          disabled={memo.trim().length < 10 || memo.trim() === (call.decisionMemo ?? '')}
          data-testid="call-memo-save"
        >
          {t('calls.saveMemo')}
        </Button>
      </div>
      {error && <div className="kc-calls-error">{error}</div>}
    </div>
  );
};

/** Demand owner or officer: measured results against each acceptance criterion. */
const AcceptanceForm = ({ call }: { call: Call }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const record = useAcceptanceResultsMutation(centre.id);
  const [values, setValues] = useState<Record<string, { value: number | null; note: string }>>(() =>
    Object.fromEntries(call.acceptanceCriteria.map((c) => [c.id, { value: c.resultValue, note: c.resultNote ?? '' }])),
  );
  const [error, setError] = useState<string | null>(null);
  const ready = call.acceptanceCriteria.every((c) => values[c.id]?.value !== null && values[c.id]?.value !== undefined);
  return (
    <div className="kc-stack" data-testid="acceptance-form">
      {call.acceptanceCriteria.map((c) => (
        <div key={c.id} className="kc-calls-acceptance-row">
          <span>
            {c.metric} {c.comparator} {c.threshold} {c.unit}
          </span>
          <InputNumber
            value={values[c.id]?.value ?? null}
            onChange={(v) => setValues((s) => ({ ...s, [c.id]: { note: s[c.id]?.note ?? '', value: v } }))}
            addonAfter={c.unit}
            data-testid="acceptance-value"
          />
          <Input value={values[c.id]?.note} onChange={(e) => setValues((s) => ({ ...s, [c.id]: { value: s[c.id]?.value ?? null, note: e.target.value } }))} placeholder={t('calls.resultNote')} data-testid="acceptance-note" />
        </div>
      ))}
      <div>
        <Button
          disabled={!ready}
          loading={record.isPending}
          data-testid="acceptance-save"
          onClick={() => {
            setError(null);
            record
              .mutateAsync({ id: call.id, results: call.acceptanceCriteria.map((c) => ({ criterionId: c.id, value: values[c.id]?.value ?? 0, note: values[c.id]?.note.trim() || null })) })
              .catch((e: unknown) => setError(failureText(e, t)));
          }}
        >
          {t('calls.recordResults')}
        </Button>
      </div>
      {error && <div className="kc-calls-error">{error}</div>}
    </div>
  );
};

/**
 * One call: the problem and its typed acceptance criteria, money, deadline,
 * eligibility, frozen IP terms, public change log, owner and results; the
 * transitions the viewer may take next (blocked ones with their reasons);
 * "Apply" for teams; and the officers' applications, assignments, ranking and
 * calibration.
 */
export const CallDetailPage = () => {
  const { callId = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const { user, can } = useSession();
  const query = useCallQuery(centre.id, callId);
  const programmes = useProgrammesQuery(centre.id);
  // Only this call's results, once it is awarded (a call has a handful of winners: one page holds them).
  const results = useOpenResultsQuery(centre.id, { callId, limit: 200 }, { enabled: !!query.data?.awardedAt });
  const transition = useCallTransitionMutation(centre.id);
  const createApplication = useCreateApplicationMutation(centre.id);
  const [applyError, setApplyError] = useState<string | null>(null);
  const call = query.data;

  if (isApiError(query.error) && query.error.status === 404) {
    return <StatusMessage status="notFound" title={t('calls.notFound')} action={<Link to={CALL_ROUTES.list}>{t('calls.backToList')}</Link>} />;
  }

  const officer = can('calls:manage');
  const owner = !!call && user?.organisationId === call.owner.id;
  const programme = programmes.data?.items.find((p) => p.id === call?.programmeId);
  const winners = results.data?.pages.flatMap((p) => p.items).filter((r) => r.callId === callId && r.winner) ?? [];
  const terms = call?.frozenTerms;

  const apply = async () => {
    if (!call) return;
    setApplyError(null);
    try {
      const created = await createApplication.mutateAsync({ callId: call.id, body: { title: t('calls.defaultBidTitle', { title: pickTitle(call, locale) }).slice(0, 300) } });
      navigate(applicationPath(created.id));
    } catch (e) {
      setApplyError(failureText(e, t));
    }
  };

  return (
    <div className="kc-calls" data-testid="call-page">
      <Button type="link" icon={<ArrowLeftOutlined />} className="kc-back" onClick={() => navigate(CALL_ROUTES.list)} data-testid="call-back">
        {t('calls.backToList')}
      </Button>
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {call && (
          <>
            <PageHeader
              title={
                <span data-testid="call-title">
                  {pickTitle(call, locale)}
                  <SampleTag isSample={call.isSample} />
                </span>
              }
              intro={
                <span className="kc-calls-subtitle">
                  <Chip tone={STATE_TONE[call.state] ?? 'default'}>
                    <span data-testid="call-state" data-state={call.state}>
                      {callStateLabel(t, call.state)}
                    </span>
                  </Chip>
                  <span>
                    {t('calls.owner')}{t('calls.colon')}
                    <Link to={entityPath(call.owner.id)} data-testid="call-owner">
                      {pickName(call.owner, locale)}
                    </Link>
                  </span>
                  {programme && (
                    <span>
                      {t('calls.programme')}{t('calls.colon')}{pickTitle(programme, locale)}
                    </span>
                  )}
                </span>
              }
              extra={
                <div className="kc-calls-header-actions">
                  {officer && ['draft', 'internal_review', 'published', 'closed', 'under_review'].includes(call.state) && (
                    <Button icon={<EditOutlined />} onClick={() => navigate(callEditPath(call.id))} data-testid="call-edit">
                      {t('calls.edit')}
                    </Button>
                  )}
                  {can('calls:apply') && call.state === 'published' && (
                    <Button type="primary" icon={<FlagOutlined />} onClick={() => void apply()} loading={createApplication.isPending} data-testid="call-apply">
                      {t('calls.apply')}
                    </Button>
                  )}
                </div>
              }
            />
            {applyError && (
              <div className="kc-calls-error" role="alert" data-testid="call-apply-error">
                {applyError}
              </div>
            )}
            {call.actions.length > 0 && (
              <Panel title={t('calls.nextSteps')} data-testid="call-next">
                <NextActions actions={call.actions} label={(a) => callActionLabel(t, a)} testId="call-action" onRun={(action, input) => transition.mutateAsync({ id: call.id, action, note: input.note })} />
              </Panel>
            )}
            {call.programmeKind === 'scenario' && <ScenarioPanel call={call} />}

            <div className="kc-calls-grid">
              <Panel title={t('calls.problem')} data-testid="call-problem">
                <p className="kc-calls-prose">{call.problem ?? t('calls.none')}</p>
                <dl className="kc-calls-facts">
                  <dt>{t('calls.fields')}</dt>
                  <dd>{call.fieldCodes.join(', ') || t('calls.none')}</dd>
                  <dt>{t('calls.chainPosition')}</dt>
                  <dd>{call.chainPosition ?? t('calls.none')}</dd>
                  <dt>{t('calls.trlExpected')}</dt>
                  <dd>{call.trlExpected ?? t('calls.none')}</dd>
                  <dt>{t('calls.budget')}</dt>
                  <dd data-testid="call-budget">{formatMoney(call.budget, call.currency, t)}</dd>
                  <dt>{t('calls.deadline')}</dt>
                  <dd data-testid="call-deadline">{call.deadline ? formatDateTime(call.deadline, locale) : t('calls.none')}</dd>
                  {call.publishedAt && (
                    <>
                      <dt>{t('calls.publishedAt')}</dt>
                      <dd>{formatDate(call.publishedAt, t)}</dd>
                    </>
                  )}
                </dl>
              </Panel>

              <Panel title={t('calls.moneyAndTerms')} data-testid="call-terms">
                <div className="kc-calls-label">{t('calls.paymentSchedule')}</div>
                {(terms?.paymentSchedule ?? call.paymentSchedule).length === 0 ? (
                  <p className="kc-muted">{t('calls.none')}</p>
                ) : (
                  <ol className="kc-calls-tranches" data-testid="call-tranches">
                    {(terms?.paymentSchedule ?? call.paymentSchedule).map((p, i) => (
                      <li key={i}>
                        {p.label} · {p.share}%{call.budget ? ` · ${formatMoney((call.budget * p.share) / 100, call.currency, t)}` : ''}
                      </li>
                    ))}
                  </ol>
                )}
                <div className="kc-calls-label">{t('calls.ipTerms')}</div>
                {terms ? (
                  <div data-testid="call-frozen-terms">
                    <Chip tone="info">{t('calls.frozenAt', { date: formatDate(terms.frozenAt, t) })}</Chip> <strong>{ipTemplateLabel(t, terms.ipTemplate)}</strong>
                    <p className="kc-calls-prose">{ipTemplateText(t, terms.ipTemplate, terms.ipText)}</p>
                  </div>
                ) : call.ipTemplate ? (
                  <p>
                    <strong>{ipTemplateLabel(t, call.ipTemplate)}</strong> ({t('calls.notFrozenYet')})
                  </p>
                ) : (
                  <p className="kc-muted">{t('calls.none')}</p>
                )}
                <div className="kc-calls-label">{t('calls.eligibility')}</div>
                {call.eligibilityRules.length === 0 ? (
                  <p className="kc-muted">{t('calls.noRules')}</p>
                ) : (
                  <ul className="kc-calls-rules" data-testid="call-eligibility">
                    {call.eligibilityRules.map((r, i) => (
                      <EligibilityRule key={i} rule={r} />
                    ))}
                  </ul>
                )}
              </Panel>
            </div>

            <Panel title={t('calls.criteria')} data-testid="call-criteria">
              {call.acceptanceCriteria.length === 0 ? (
                <p className="kc-muted">{t('calls.noCriteria')}</p>
              ) : (
                <table className="kc-simple-table">
                  <thead>
                    <tr>
                      <th>{t('calls.metric')}</th>
                      <th>{t('calls.target')}</th>
                      <th>{t('calls.testMethod')}</th>
                      <th>{t('calls.measured')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {call.acceptanceCriteria.map((c) => (
                      <tr key={c.id} data-testid="criterion-row">
                        <td>{c.metric}</td>
                        <td className="kc-mono">
                          {c.comparator} {c.threshold} {c.unit}
                        </td>
                        <td>{c.testMethod}</td>
                        <td data-testid="criterion-result">
                          {c.resultValue === null ? (
                            t('calls.notMeasured')
                          ) : (
                            <span>
                              {c.resultValue} {c.unit} <Chip tone={c.resultMet ? 'accent' : 'warning'}>{c.resultMet ? t('calls.met') : t('calls.notMet')}</Chip>
                              {c.resultNote && <span className="kc-muted kc-small"> {c.resultNote}</span>}
                            </span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {call.state === 'in_execution' && (officer || owner) && (
                <div className="kc-calls-subsection">
                  <div className="kc-calls-label">{t('calls.recordResultsTitle')}</div>
                  <AcceptanceForm call={call} />
                </div>
              )}
            </Panel>

            {(winners.length > 0 || call.decisionMemo || call.panel) && (
              <Panel title={t('calls.outcome')} data-testid="call-outcome">
                {winners.map((w, i) => (
                  <p key={`${w.winner}-${i}`} data-testid="call-winner">
                    {t('calls.winnerLine', { winner: pickName({ nameZh: w.winnerZh, nameEn: w.winner }, locale), amount: formatMoney(w.amount, w.currency, t) })}
                  </p>
                ))}
                {call.decisionMemo && (
                  <>
                    <div className="kc-calls-label">{t('calls.decisionMemo')}</div>
                    <p className="kc-calls-prose" data-testid="call-memo">
                      {call.decisionMemo}
                    </p>
                  </>
                )}
                {call.appealDeadline && <p className="kc-muted kc-small">{t('calls.appealUntil', { date: formatDateTime(call.appealDeadline, locale) })}</p>}
                {call.panel && (
                  <p data-testid="call-panel">
                    {t('calls.panel')}{t('calls.colon')}{call.panel.join(t('calls.listSep'))}
                  </p>
                )}
              </Panel>
            )}

            {officer && call.state === 'under_review' && (
              <Panel title={t('calls.decisionMemo')} data-testid="call-memo-editor">
                <MemoEditor call={call} key={call.version} />
              </Panel>
            )}

            {officer && !['draft', 'internal_review'].includes(call.state) && (
              <Panel title={t('calls.officerViews')} data-testid="call-officer">
                <Suspense fallback={null}>
                  <Tabs
                    items={[
                      { key: 'applications', label: t('calls.tabApplications'), children: <Officer view="applications" call={call} /> },
                      { key: 'assignments', label: t('calls.tabAssignments'), children: <Officer view="assignments" call={call} /> },
                      { key: 'ranking', label: t('calls.tabRanking'), children: <Officer view="ranking" call={call} /> },
                      { key: 'calibration', label: t('calls.tabCalibration'), children: <Officer view="calibration" call={call} /> },
                    ].map((i) => ({ ...i, label: <span data-testid={`call-tab-${i.key}`}>{i.label}</span> }))}
                  />
                </Suspense>
              </Panel>
            )}

            <Panel title={t('calls.changeLog')} data-testid="call-change-log">
              {call.changeLog.length === 0 ? (
                <p className="kc-muted">{t('calls.noChanges')}</p>
              ) : (
                <ul className="kc-plain-list">
                  {call.changeLog.map((l, i) => (
                    <li key={i} className="kc-calls-log" data-testid="change-log-entry">
                      <span className="kc-muted kc-small">{formatDateTime(l.at, locale)}</span> <strong>{changeEntryLabel(t, l.entry)}</strong>
                      {l.changes.length > 0 && <span> ({l.changes.map((c) => callFieldLabel(t, c.field)).join(t('calls.listSep'))})</span>}
                      {l.note && <div className="kc-calls-prose">{l.note}</div>}
                    </li>
                  ))}
                </ul>
              )}
            </Panel>
          </>
        )}
      </QueryState>
    </div>
  );
};
