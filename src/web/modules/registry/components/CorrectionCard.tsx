import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCurrentCentre } from '../../../app/centre.js';
import { errorMessage } from '../../../app/errors.js';
import { formatDateTime, pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { MessageKey } from '../../../i18n/keys.js';
import { Panel } from '../../../ui/Panel.js';
import { useDecideCorrectionMutation } from '../hooks/useDecideCorrectionMutation.js';
import { useEntityProfileQuery } from '../hooks/useEntityProfileQuery.js';
import type { TCorrection } from '../hooks/useProposeCorrectionMutation.js';
import { correctionRows } from '../utils/correction-diff.js';
import { entityPath } from '../utils/paths.js';

const STATUS: Record<TCorrection['status'], { label: MessageKey; color: string }> = {
  pending: { label: 'correction.status.pending', color: 'processing' },
  approved: { label: 'correction.status.approved', color: 'success' },
  rejected: { label: 'correction.status.rejected', color: 'error' },
};

/**
 * One proposed correction: the organisation, why, and each field as it is now
 * against what is proposed; a pending one can be approved (applied) or
 * rejected, with a note for the proposer.
 */
type Props = {
  correction: TCorrection;
  /** The proposer's name, when the viewer may list accounts; else their account id is shown. */
  proposerName?: string | undefined;
  onDecided: (message: string) => void;
};

export const CorrectionCard = ({ correction, proposerName, onDecided }: Props) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const profile = useEntityProfileQuery(centre.id, correction.entityId);
  const decide = useDecideCorrectionMutation(centre.id);
  const [note, setNote] = useState('');
  const entity = profile.data?.entity;
  const name = entity ? pickName(entity, locale) : correction.entityId;
  const pending = correction.status === 'pending';
  const rows = correctionRows(correction.patch, entity, t);

  const send = (decision: 'approve' | 'reject') =>
    decide.mutate(
      { correctionId: correction.id, decision, note: note.trim() || null },
      { onSuccess: () => onDecided(t(decision === 'approve' ? 'correction.approved' : 'correction.rejected', { name })) },
    );

  return (
    <Panel
      data-testid="correction-card"
      title={<Link to={entityPath(correction.entityId)}>{name}</Link>}
      extra={
        <Tag color={STATUS[correction.status].color} variant="filled">
          {t(STATUS[correction.status].label)}
        </Tag>
      }
    >
      <p className="kc-muted kc-small">
        {t('correction.proposedBy', { time: formatDateTime(correction.createdAt, locale), who: proposerName ?? correction.proposedBy })}
      </p>
      <blockquote className="kc-quote">
        <p className="kc-quote-text">
          <strong>{t('correction.reason')}：</strong>
          {correction.reason}
        </p>
      </blockquote>
      <table className="kc-simple-table kc-diff" data-testid="correction-diff">
        <thead>
          <tr>
            <th scope="col">{t('correction.col.field')}</th>
            {pending && <th scope="col">{t('correction.col.current')}</th>}
            <th scope="col">{t('correction.col.proposed')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field} className={pending && r.changed ? 'is-changed' : undefined}>
              <th scope="row">{r.label}</th>
              {pending && <td className="kc-diff-old">{r.current ?? <span className="kc-muted">{t('profile.notGiven')}</span>}</td>}
              <td className="kc-diff-new">{r.proposed ?? <span className="kc-muted">{t('correction.cleared')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pending ? (
        <div className="kc-decision">
          {decide.error ? <Alert type="error" showIcon className="kc-alert" title={errorMessage(decide.error, t)} /> : null}
          <Input.TextArea
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('correction.notePlaceholder')}
            aria-label={t('correction.note')}
            data-testid="correction-note"
          />
          <Space wrap>
            <Button type="primary" icon={<CheckOutlined />} loading={decide.isPending && decide.variables.decision === 'approve'} disabled={decide.isPending} onClick={() => send('approve')} data-testid="correction-approve">
              {t('correction.approve')}
            </Button>
            <Button danger icon={<CloseOutlined />} loading={decide.isPending && decide.variables.decision === 'reject'} disabled={decide.isPending} onClick={() => send('reject')} data-testid="correction-reject">
              {t('correction.reject')}
            </Button>
          </Space>
        </div>
      ) : (
        <p className="kc-muted kc-small">
          {correction.decidedAt && t('correction.decidedMeta', { time: formatDateTime(correction.decidedAt, locale) })}
          {correction.reviewNote && (
            <>
              <br />
              {t('correction.reviewNote', { note: correction.reviewNote })}
            </>
          )}
        </p>
      )}
    </Panel>
  );
};
