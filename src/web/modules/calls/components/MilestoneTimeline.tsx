import { Button, Input, Select } from 'antd';
import { useState } from 'react';
import { useCurrentCentre } from '../../../app/centre.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Chip } from '../../../ui/Chip.js';
import { useMilestoneEvidenceMutation, useMilestoneTransitionMutation } from '../hooks/useApplications.js';
import type { Milestone } from '../types.js';
import { AttachmentList } from './AttachmentList.js';
import { evidenceKindLabel, failureText, formatDate, formatMoney, milestoneStateLabel, slipLabel, STATE_TONE } from '../utils/labels.js';

const EVIDENCE_KINDS = ['lab_report', 'test_certificate', 'end_user_signoff', 'dataset', 'prototype_demo', 'publication', 'other'];

type Roles = { applicant: boolean; verifier: boolean; officer: boolean };

const MilestoneItem = ({ m, roles, currency, executing }: { m: Milestone; roles: Roles; currency: string; executing: boolean }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const evidence = useMilestoneEvidenceMutation(centre.id);
  const transition = useMilestoneTransitionMutation(centre.id);
  const [item, setItem] = useState<{ kind: string; description: string; reference: string }>({ kind: 'lab_report', description: '', reference: '' });
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = (p: Promise<unknown>) => {
    setError(null);
    p.catch((e: unknown) => setError(failureText(e, t)));
  };
  const canReport = roles.applicant && executing && ['planned', 'rejected'].includes(m.state);
  const canVerify = (roles.verifier || roles.officer) && m.state === 'evidence_submitted';
  const canPay = roles.officer && m.state === 'accepted';
  const slipTone = m.slip.status === 'late' || m.slip.status === 'overdue' ? 'warning' : 'default';

  return (
    <li className={`kc-calls-milestone is-${m.state}`} data-testid="milestone" data-state={m.state}>
      <div className="kc-calls-milestone-dot" aria-hidden />
      <div className="kc-calls-milestone-body">
        <div className="kc-calls-milestone-head">
          <strong>{m.title}</strong>
          <Chip tone={STATE_TONE[m.state] ?? 'default'}>
            <span data-testid="milestone-state">{milestoneStateLabel(t, m.state)}</span>
          </Chip>
          <span className="kc-muted kc-small">
            {t('calls.dueOn')}{t('calls.colon')}{formatDate(m.dueOn, t)}
          </span>
          {m.slip.status !== 'upcoming' && (
            <Chip tone={slipTone}>
              <span data-testid="milestone-slip">
                {slipLabel(t, m.slip.status)}
                {m.slip.slipDays > 0 ? t('calls.slipDays', { days: m.slip.slipDays }) : ''}
              </span>
            </Chip>
          )}
        </div>
        <div className="kc-small">
          {t('calls.deliverable')}{t('calls.colon')}{m.deliverable}
        </div>
        <div className="kc-small">
          {t('calls.verification')}{t('calls.colon')}{m.verification}
        </div>
        <div className="kc-small">
          {t('calls.tranche')}{t('calls.colon')}{m.trancheShare}%{m.trancheAmount !== null ? ` · ${formatMoney(m.trancheAmount, currency, t)}` : ''}
          {m.paidAmount !== null && <Chip tone="accent">{t('calls.paidLine', { amount: formatMoney(m.paidAmount, currency, t), date: m.paidAt ? formatDate(m.paidAt, t) : '' })}</Chip>}
        </div>
        <AttachmentList owner={{ type: 'milestone', id: m.id }} files={m.attachments} canEdit={canReport} />
        {m.evidence.length > 0 && (
          <ul className="kc-calls-evidence" data-testid="milestone-evidence">
            {m.evidence.map((e, i) => (
              <li key={i}>
                <Chip tone="info">{evidenceKindLabel(t, e.kind)}</Chip> {e.description}
                {e.reference && <span className="kc-mono kc-small"> [{e.reference}]</span>}
              </li>
            ))}
          </ul>
        )}
        {m.verificationNote && (
          <div className="kc-small" data-testid="milestone-verification-note">
            {t('calls.verificationNote')}{t('calls.colon')}{m.verificationNote}
            {m.verifiedAt && <span className="kc-muted"> · {formatDateTime(m.verifiedAt, locale)}</span>}
          </div>
        )}
        {canReport && (
          <div className="kc-calls-milestone-form" data-testid="milestone-evidence-form">
            <Select value={item.kind} onChange={(kind: string) => setItem((s) => ({ ...s, kind }))} options={EVIDENCE_KINDS.map((k) => ({ value: k, label: evidenceKindLabel(t, k) }))} data-testid="evidence-kind" />
            <Input value={item.description} onChange={(e) => setItem((s) => ({ ...s, description: e.target.value }))} placeholder={t('calls.evidenceDescription')} data-testid="evidence-description" />
            <Input value={item.reference} onChange={(e) => setItem((s) => ({ ...s, reference: e.target.value }))} placeholder={t('calls.evidenceReference')} data-testid="evidence-reference" />
            <Button
              type="primary"
              disabled={!item.description.trim() && m.evidence.length === 0}
              loading={evidence.isPending || transition.isPending}
              data-testid="evidence-submit"
              onClick={() =>
                run(
                  (async () => {
                    if (item.description.trim()) {
                      await evidence.mutateAsync({ id: m.id, version: m.version, items: [...m.evidence, { kind: item.kind, description: item.description.trim(), reference: item.reference.trim() || null }] });
                    }
                    await transition.mutateAsync({ id: m.id, action: 'submit_evidence' });
                    setItem({ kind: 'lab_report', description: '', reference: '' });
                  })(),
                )
              }
            >
              {t('calls.submitEvidence')}
            </Button>
          </div>
        )}
        {canVerify && (
          <div className="kc-calls-milestone-form" data-testid="milestone-verify-form">
            <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('calls.verificationNotePlaceholder')} data-testid="verify-note" />
            <Button type="primary" disabled={note.trim().length < 5} loading={transition.isPending} data-testid="verify-accept" onClick={() => run(transition.mutateAsync({ id: m.id, action: 'accept', note: note.trim() }).then(() => setNote('')))}>
              {t('calls.acceptMilestone')}
            </Button>
            <Button danger disabled={note.trim().length < 5} loading={transition.isPending} data-testid="verify-reject" onClick={() => run(transition.mutateAsync({ id: m.id, action: 'reject', note: note.trim() }).then(() => setNote('')))}>
              {t('calls.rejectMilestone')}
            </Button>
          </div>
        )}
        {canPay && (
          <div className="kc-calls-milestone-form">
            <Button type="primary" loading={transition.isPending} data-testid="milestone-pay" onClick={() => run(transition.mutateAsync({ id: m.id, action: 'release_payment' }))}>
              {t('calls.releasePayment')}
            </Button>
          </div>
        )}
        {error && (
          <div className="kc-calls-error" role="alert" data-testid="milestone-error">
            {error}
          </div>
        )}
      </div>
    </li>
  );
};

/** Milestones on a timeline: due dates and slips, evidence, verification, tranches; the actions of whoever is looking. */
export const MilestoneTimeline = ({ milestones, roles, currency, executing }: { milestones: readonly Milestone[]; roles: Roles; currency: string; executing: boolean }) => {
  const { t } = useI18n();
  if (milestones.length === 0) return <p className="kc-muted">{t('calls.noMilestones')}</p>;
  return (
    <ol className="kc-calls-timeline" data-testid="milestone-timeline">
      {milestones.map((m) => (
        <MilestoneItem key={m.id} m={m} roles={roles} currency={currency} executing={executing} />
      ))}
    </ol>
  );
};
