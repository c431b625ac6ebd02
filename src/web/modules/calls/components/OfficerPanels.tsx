import { Button, Input, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCurrentCentre } from '../../../app/centre.js';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Chip } from '../../../ui/Chip.js';
import { QueryState } from '../../../ui/QueryState.js';
import { useCallApplicationsQuery } from '../hooks/useApplications.js';
import { useAssignMutation, useAssignmentsQuery, useAssignmentTransitionMutation, useAutoAssignMutation, useCalibrationQuery, useExpertsQuery, useRankingQuery } from '../hooks/useReview.js';
import type { AutoAssignResult, Call } from '../types.js';
import { applicationStateLabel, assignmentStateLabel, calibrationLabel, failureText, formatDate, formatMoney, STATE_TONE } from '../utils/labels.js';
import { applicationPath } from '../utils/paths.js';
import { CoiFlags } from './CoiFlags.js';

const num = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '—' : v.toFixed(digits));

/** Every application to the call, for officers. */
export const ApplicationsPanel = ({ call }: { call: Call }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const q = useCallApplicationsQuery(centre.id, call.id, true);
  return (
    <QueryState isLoading={q.isLoading} error={q.error} isEmpty={(q.data?.items.length ?? 0) === 0} emptyText={t('calls.noApplications')}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        data-testid="call-applications"
        dataSource={q.data?.items ?? []}
        onRow={() => ({ 'data-testid': 'call-application-row' }) as object}
        columns={[
          { key: 'title', title: t('calls.application'), render: (_, a) => <Link to={applicationPath(a.id)}>{a.title}</Link> },
          { key: 'lead', title: t('calls.lead'), render: (_, a) => (a.lead ? pickName(a.lead, locale) : '—') },
          { key: 'state', title: t('calls.state'), render: (_, a) => <Chip tone={STATE_TONE[a.state] ?? 'default'}>{applicationStateLabel(t, a.state)}</Chip> },
          { key: 'submitted', title: t('calls.submittedAt'), render: (_, a) => formatDate(a.submittedAt, t) },
          { key: 'award', title: t('calls.awardAmount'), render: (_, a) => (a.awardAmount ? formatMoney(a.awardAmount, call.currency, t) : '—') },
        ]}
      />
    </QueryState>
  );
};

/** Assignments: auto-assign by expertise and load, conflicts with their evidence, override with a reason, recusals. */
export const AssignmentsPanel = ({ call }: { call: Call }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const assignments = useAssignmentsQuery(centre.id, call.id, true);
  const applications = useCallApplicationsQuery(centre.id, call.id, true);
  const experts = useExpertsQuery(centre.id, true);
  const auto = useAutoAssignMutation(centre.id);
  const assign = useAssignMutation(centre.id);
  const transition = useAssignmentTransitionMutation(centre.id);
  const [autoResult, setAutoResult] = useState<AutoAssignResult | null>(null);
  const [manual, setManual] = useState<{ applicationId?: string; expertId?: string; reason: string }>({ reason: '' });
  const [asking, setAsking] = useState<{ id: string; action: string } | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const title = (applicationId: string) => applications.data?.items.find((a) => a.id === applicationId)?.title ?? applicationId;
  const expertName = (expertId: string) => {
    const e = experts.data?.items.find((x) => x.id === expertId);
    return e ? pickName(e.entity, locale) : expertId;
  };
  const canAssign = ['closed', 'under_review'].includes(call.state);

  const runAuto = async () => {
    setError(null);
    try {
      setAutoResult(await auto.mutateAsync(call.id));
    } catch (e) {
      setError(failureText(e, t));
    }
  };
  const runManual = async () => {
    if (!manual.applicationId || !manual.expertId) return;
    setError(null);
    try {
      await assign.mutateAsync({ callId: call.id, applicationId: manual.applicationId, expertId: manual.expertId, overrideReason: manual.reason.trim() || null });
      setManual({ reason: '' });
    } catch (e) {
      setError(failureText(e, t));
    }
  };

  return (
    <div className="kc-stack" data-testid="call-assignments">
      {canAssign && (
        <div className="kc-calls-toolbar">
          <Button type="primary" onClick={() => void runAuto()} loading={auto.isPending} data-testid="assign-auto">
            {t('calls.autoAssign')}
          </Button>
          <span className="kc-muted kc-small">{t('calls.autoAssignHint')}</span>
        </div>
      )}
      {autoResult && (
        <div className="kc-calls-note" data-testid="assign-auto-result">
          <div>{t('calls.autoAssignDone', { created: autoResult.created.length, conflicted: autoResult.conflicted.length })}</div>
          {autoResult.conflicted.map((c) => (
            <div key={`${c.applicationId}-${c.expertId}`} className="kc-calls-conflict" data-testid="assign-conflict">
              <strong>{t('calls.conflictSkipped', { expert: expertName(c.expertId), application: title(c.applicationId) })}</strong>
              <CoiFlags flags={c.flags} />
            </div>
          ))}
          {autoResult.unfilled.map((u) => (
            <div key={u.applicationId} className="kc-calls-warning">
              {t('calls.unfilled', { application: title(u.applicationId), missing: u.missing })}
            </div>
          ))}
        </div>
      )}
      <QueryState isLoading={assignments.isLoading} error={assignments.error} isEmpty={(assignments.data?.items.length ?? 0) === 0} emptyText={t('calls.noAssignments')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={assignments.data?.items ?? []}
          onRow={(a) => ({ 'data-testid': 'assignment-row', 'data-state': a.state }) as object}
          columns={[
            { key: 'app', title: t('calls.application'), render: (_, a) => title(a.applicationId) },
            { key: 'expert', title: t('calls.expert'), render: (_, a) => a.expertName ?? expertName(a.expertId) },
            { key: 'state', title: t('calls.state'), render: (_, a) => <Chip tone={STATE_TONE[a.state] ?? 'default'}>{assignmentStateLabel(t, a.state)}</Chip> },
            { key: 'match', title: t('calls.match'), render: (_, a) => num(a.matchScore, 2) },
            {
              key: 'coi',
              title: t('calls.conflicts'),
              render: (_, a) => (
                <>
                  <CoiFlags flags={a.coiFlags} />
                  {a.overrideReason && <div className="kc-small" data-testid="assignment-override">{t('calls.overrideReason')}{t('calls.colon')}{a.overrideReason}</div>}
                  {a.recusalReason && <div className="kc-small" data-testid="assignment-recusal">{t('calls.recusalReason')}{t('calls.colon')}{a.recusalReason}</div>}
                  {a.coiFlags.length === 0 && !a.overrideReason && !a.recusalReason && '—'}
                </>
              ),
            },
            { key: 'total', title: t('calls.total'), render: (_, a) => num(a.total) },
            {
              key: 'actions',
              title: '',
              render: (_, a) => {
                const action = a.state === 'recused' ? 'reinstate' : a.state === 'completed' ? 'reopen' : 'recuse';
                return ['draft', 'internal_review', 'published', 'awarded', 'in_execution', 'accepted', 'terminated'].includes(call.state) ? null : (
                  <Button size="small" onClick={() => setAsking({ id: a.id, action })} data-testid={`assignment-${action}`}>
                    {t(`calls.assignment_${action}`)}
                  </Button>
                );
              },
            },
          ]}
        />
      </QueryState>
      {canAssign && (
        <div className="kc-calls-manual" data-testid="assign-manual">
          <div className="kc-calls-label">{t('calls.manualAssign')}</div>
          <div className="kc-calls-manual-row">
            <Select
              placeholder={t('calls.application')}
              value={manual.applicationId}
              onChange={(v: string) => setManual((m) => ({ ...m, applicationId: v }))}
              options={applications.data?.items.filter((a) => ['eligible', 'under_review'].includes(a.state)).map((a) => ({ value: a.id, label: a.title }))}
              data-testid="assign-manual-application"
            />
            <Select
              placeholder={t('calls.expert')}
              value={manual.expertId}
              onChange={(v: string) => setManual((m) => ({ ...m, expertId: v }))}
              options={experts.data?.items.map((e) => ({ value: e.id, label: `${pickName(e.entity, locale)} · ${e.fields.join(', ')} · ${e.load}/${e.maxLoad}` }))}
              data-testid="assign-manual-expert"
            />
            <Input value={manual.reason} onChange={(e) => setManual((m) => ({ ...m, reason: e.target.value }))} placeholder={t('calls.overridePlaceholder')} data-testid="assign-manual-reason" />
            <Button onClick={() => void runManual()} loading={assign.isPending} disabled={!manual.applicationId || !manual.expertId} data-testid="assign-manual-submit">
              {t('calls.assign')}
            </Button>
          </div>
        </div>
      )}
      {error && (
        <div className="kc-calls-error" role="alert" data-testid="assign-error">
          {error}
        </div>
      )}
      <Modal
        open={asking !== null}
        title={asking ? t(`calls.assignment_${asking.action as 'recuse'}`) : ''}
        okText={t('calls.confirm')}
        cancelText={t('calls.cancel')}
        okButtonProps={{ disabled: reason.trim().length < 5, 'data-testid': 'assignment-reason-confirm' }}
        onCancel={() => setAsking(null)}
        onOk={() =>
          asking &&
          void transition
            .mutateAsync({ id: asking.id, action: asking.action, note: reason.trim() })
            .then(() => {
              setAsking(null);
              setReason('');
            })
            .catch((e: unknown) => setError(failureText(e, t)))
        }
        destroyOnHidden
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('calls.reasonPlaceholder')} data-testid="assignment-reason" />
      </Modal>
    </div>
  );
};

/** The ranking: aggregated scores, ties flagged. */
export const RankingPanel = ({ call }: { call: Call }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const q = useRankingQuery(centre.id, call.id, true);
  const criteria = q.data?.items[0]?.criteria.map((c) => c.id) ?? [];
  return (
    <QueryState isLoading={q.isLoading} error={q.error} isEmpty={(q.data?.items.length ?? 0) === 0} emptyText={t('calls.noRanking')}>
      <Table
        rowKey="applicationId"
        size="small"
        pagination={false}
        data-testid="call-ranking"
        dataSource={q.data?.items ?? []}
        onRow={(r) => ({ 'data-testid': 'ranking-row', 'data-tied': String(r.tied) }) as object}
        columns={[
          {
            key: 'rank',
            title: t('calls.rank'),
            width: 90,
            render: (_, r) => (
              <span>
                {r.rank ?? '—'} {r.tied && <Chip tone="warning">{t('calls.tied')}</Chip>}
              </span>
            ),
          },
          { key: 'title', title: t('calls.application'), render: (_, r) => <Link to={applicationPath(r.applicationId)}>{r.title}</Link> },
          { key: 'lead', title: t('calls.lead'), render: (_, r) => r.lead ?? '—' },
          { key: 'total', title: t('calls.total'), render: (_, r) => <strong>{num(r.total)}</strong> },
          { key: 'passed', title: t('calls.passed'), render: (_, r) => (r.passed === null ? '—' : r.passed ? t('calls.yes') : t('calls.no')) },
          ...criteria.map((id) => ({ key: id, title: id, render: (_: unknown, r: (typeof q.data & object)['items'][number]) => num(r.criteria.find((c) => c.id === id)?.value) })),
          { key: 'reviews', title: t('calls.reviews'), render: (_, r) => r.reviews },
          { key: 'state', title: t('calls.state'), render: (_, r) => <Chip tone={STATE_TONE[r.state] ?? 'default'}>{applicationStateLabel(t, r.state)}</Chip> },
        ]}
      />
    </QueryState>
  );
};

/** Calibration: each reviewer's severity against the panel median. */
export const CalibrationPanel = ({ call }: { call: Call }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const q = useCalibrationQuery(centre.id, call.id, true);
  return (
    <QueryState isLoading={q.isLoading} error={q.error} isEmpty={(q.data?.items.length ?? 0) === 0} emptyText={t('calls.noCalibration')}>
      <p className="kc-muted kc-small">{t('calls.calibrationHint')}</p>
      <Table
        rowKey="expertId"
        size="small"
        pagination={false}
        data-testid="call-calibration"
        dataSource={q.data?.items ?? []}
        onRow={() => ({ 'data-testid': 'calibration-row' }) as object}
        columns={[
          { key: 'expert', title: t('calls.expert'), render: (_, r) => r.expertName ?? r.expertId },
          { key: 'n', title: t('calls.reviews'), render: (_, r) => r.n },
          { key: 'severity', title: t('calls.severity'), render: (_, r) => num(r.severity, 2) },
          { key: 'dev', title: t('calls.meanDeviation'), render: (_, r) => num(r.meanDeviation, 2) },
          { key: 'label', title: t('calls.calibrationVerdict'), render: (_, r) => <Chip tone={r.label === 'in_line' ? 'info' : r.label === 'too_few' ? 'default' : 'warning'}>{calibrationLabel(t, r.label)}</Chip> },
        ]}
      />
    </QueryState>
  );
};

/** One officer view by name (the page loads this module lazily, as its default export). */
const OfficerView = ({ view, call }: { view: 'applications' | 'assignments' | 'ranking' | 'calibration'; call: Call }) =>
  view === 'applications' ? <ApplicationsPanel call={call} /> : view === 'assignments' ? <AssignmentsPanel call={call} /> : view === 'ranking' ? <RankingPanel call={call} /> : <CalibrationPanel call={call} />;
export default OfficerView;
