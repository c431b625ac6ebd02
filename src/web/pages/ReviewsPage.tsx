import { Button, Input, InputNumber, Modal, Radio, Rate } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { CoiFlags } from '../modules/calls/components/CoiFlags.js';
import { useApplicationQuery } from '../modules/calls/hooks/useApplications.js';
import { useCallQuery, useProgrammesQuery } from '../modules/calls/hooks/useCalls.js';
import { useAssignmentTransitionMutation, useMyAssignmentsQuery, useSubmitReviewMutation } from '../modules/calls/hooks/useReview.js';
import type { Assignment, ScoringCriterion } from '../modules/calls/types.js';
import { assignmentStateLabel, failureText, STATE_TONE } from '../modules/calls/utils/labels.js';
import { applicationPath, callPath } from '../modules/calls/utils/paths.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import '../modules/calls/calls.css';

const ScoreInput = ({ c, value, onChange }: { c: ScoringCriterion; value: number | undefined; onChange: (v: number | undefined) => void }) => {
  const { t } = useI18n();
  if (c.kind === 'numeric') return <InputNumber min={c.min} max={c.max} value={value} onChange={(v) => onChange(v ?? undefined)} data-testid={`score-${c.id}`} addonAfter={`${c.min}–${c.max}`} />;
  if (c.kind === 'rating') return <Rate count={c.scale} value={value ?? 0} onChange={(v) => onChange(v || undefined)} data-testid={`score-${c.id}`} />;
  return (
    <Radio.Group value={value} onChange={(e) => onChange(e.target.value as number)} data-testid={`score-${c.id}`}>
      <Radio value={1}>{t('calls.pass')}</Radio>
      <Radio value={0}>{t('calls.fail')}</Radio>
    </Radio.Group>
  );
};

/** A reviewer's assignment: the bid, conflict flags with their evidence, the score sheet and recusal. */
const AssignmentCard = ({ a }: { a: Assignment }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const app = useApplicationQuery(centre.id, a.state === 'recused' ? undefined : a.applicationId);
  const call = useCallQuery(centre.id, app.data?.callId);
  const programmes = useProgrammesQuery(centre.id);
  const submit = useSubmitReviewMutation(centre.id);
  const recuse = useAssignmentTransitionMutation(centre.id);
  const [scores, setScores] = useState<Record<string, number | undefined>>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [recusing, setRecusing] = useState(false);
  const [reason, setReason] = useState('');
  const programme = programmes.data?.items.find((p) => p.id === call.data?.programmeId);
  // A foundation grant application is scored on its review track's form; the server says which form applies.
  const criteria = app.data?.scoringForm?.criteria ?? programme?.settings.form.criteria ?? [];
  /** A comment is required when the score falls below the criterion's `commentBelow`. */
  const needsComment = (c: ScoringCriterion) => c.commentBelow !== null && scores[c.id] !== undefined && (scores[c.id] as number) < c.commentBelow;
  const complete = criteria.every((c) => scores[c.id] !== undefined && (!needsComment(c) || (comments[c.id] ?? '').trim().length > 0));

  return (
    <Panel
      data-testid="assignment-card"
      title={
        <span>
          {app.data ? <Link to={applicationPath(a.applicationId)}>{app.data.title}</Link> : t('calls.application')}{' '}
          <Chip tone={STATE_TONE[a.state] ?? 'default'}>
            <span data-testid="assignment-state" data-state={a.state}>
              {assignmentStateLabel(t, a.state)}
            </span>
          </Chip>
        </span>
      }
      extra={call.data && <Link to={callPath(call.data.id)}>{pickTitle(call.data, locale)}</Link>}
    >
      {a.coiFlags.length > 0 && (
        <div className="kc-calls-warning" data-testid="assignment-coi">
          <strong>{t('calls.yourConflicts')}</strong>
          <CoiFlags flags={a.coiFlags} />
          {a.overrideReason && <div className="kc-small">{t('calls.overrideReason')}{t('calls.colon')}{a.overrideReason}</div>}
        </div>
      )}
      {a.recusalReason && <p data-testid="assignment-recused">{t('calls.recusalReason')}{t('calls.colon')}{a.recusalReason}</p>}
      {a.state === 'completed' && a.total !== null && <p>{t('calls.yourTotal', { total: a.total.toFixed(1) })}</p>}
      {a.state === 'assigned' && (
        <QueryState isLoading={app.isLoading || call.isLoading || programmes.isLoading} error={app.error ?? call.error}>
          {app.data?.plan && (
            <details className="kc-calls-plan">
              <summary>{t('calls.plan')}</summary>
              <p className="kc-calls-prose">{app.data.plan}</p>
            </details>
          )}
          {call.data?.state !== 'under_review' && <p className="kc-muted">{t('calls.reviewNotOpen')}</p>}
          <div className="kc-calls-score-form" data-testid="score-form">
            {criteria.map((c) => (
              <div key={c.id} className="kc-calls-score-row" data-testid="score-row">
                <div>
                  <strong>{c.label}</strong>
                  <div className="kc-muted kc-small">
                    {t('calls.weight', { weight: c.weight })}
                    {c.commentBelow !== null && ` · ${t('calls.commentBelow', { value: c.commentBelow })}`}
                  </div>
                </div>
                <ScoreInput c={c} value={scores[c.id]} onChange={(v) => setScores((s) => ({ ...s, [c.id]: v }))} />
                <Input.TextArea
                  rows={1}
                  autoSize
                  value={comments[c.id] ?? ''}
                  onChange={(e) => setComments((s) => ({ ...s, [c.id]: e.target.value }))}
                  placeholder={needsComment(c) ? t('calls.commentRequired') : t('calls.commentOptional')}
                  status={needsComment(c) && !(comments[c.id] ?? '').trim() ? 'error' : undefined}
                  data-testid={`comment-${c.id}`}
                />
              </div>
            ))}
          </div>
          <div className="kc-calls-toolbar">
            <Button
              type="primary"
              disabled={!complete || call.data?.state !== 'under_review'}
              loading={submit.isPending}
              data-testid="score-submit"
              onClick={() => {
                setError(null);
                submit
                  .mutateAsync({
                    id: a.id,
                    scores: Object.fromEntries(Object.entries(scores).filter((e): e is [string, number] => e[1] !== undefined)),
                    comments: Object.fromEntries(Object.entries(comments).filter(([, v]) => v.trim())),
                  })
                  .catch((e: unknown) => setError(failureText(e, t)));
              }}
            >
              {t('calls.submitReview')}
            </Button>
            <Button onClick={() => setRecusing(true)} data-testid="assignment-recuse-open">
              {t('calls.recuse')}
            </Button>
          </div>
        </QueryState>
      )}
      {error && (
        <div className="kc-calls-error" role="alert" data-testid="score-error">
          {error}
        </div>
      )}
      <Modal
        open={recusing}
        title={t('calls.recuse')}
        okText={t('calls.confirm')}
        cancelText={t('calls.cancel')}
        okButtonProps={{ disabled: reason.trim().length < 5, 'data-testid': 'recuse-confirm' }}
        confirmLoading={recuse.isPending}
        onCancel={() => setRecusing(false)}
        onOk={() =>
          void recuse
            .mutateAsync({ id: a.id, action: 'recuse', note: reason.trim() })
            .then(() => setRecusing(false))
            .catch((e: unknown) => {
              setRecusing(false);
              setError(failureText(e, t));
            })
        }
        destroyOnHidden
      >
        <p className="kc-muted">{t('calls.recuseHint')}</p>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="recuse-reason" />
      </Modal>
    </Panel>
  );
};

/** A reviewer's assignments: open ones first. */
export const ReviewsPage = () => {
  const { t } = useI18n();
  const q = useMyAssignmentsQuery();
  const order = { assigned: 0, completed: 1, recused: 2 } as Record<string, number>;
  const items = [...(q.data?.items ?? [])].sort((x, y) => (order[x.state] ?? 3) - (order[y.state] ?? 3));
  return (
    <div className="kc-calls" data-testid="reviews-page">
      <PageHeader title={t('calls.myReviews')} intro={t('calls.reviewsIntro')} />
      <QueryState isLoading={q.isLoading} error={q.error} isEmpty={items.length === 0} emptyText={t('calls.noReviews')}>
        <div className="kc-stack">
          {items.map((a) => (
            <AssignmentCard key={a.id} a={a} />
          ))}
        </div>
      </QueryState>
    </div>
  );
};
