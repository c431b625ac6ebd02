import { Button, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { NextAction } from '../types.js';
import { failureText, reasonLabel } from '../utils/labels.js';

/** Reasons the form asks for before the request (the server refuses without them), not real blockers. */
const INPUT_REASONS = new Set(['note_required', 'award_amount_missing']);

type Props = {
  actions: readonly NextAction[];
  label: (action: string) => string;
  onRun: (action: string, input: { note: string | null; awardAmount?: number }) => Promise<unknown>;
  /** data-testid prefix: `<prefix>-<action>` on each button. */
  testId: string;
  /** Actions shown as dangerous (terminate, reject). */
  danger?: readonly string[];
};

/**
 * The transitions the server says the viewer may take next, as buttons. A
 * blocked one is disabled with its guards' reasons listed under it; one that
 * only lacks a note (or an award amount) asks for it first.
 */
export const NextActions = ({ actions, label, onRun, testId, danger = ['terminate', 'reject', 'withdraw', 'mark_ineligible', 'dismiss_appeal'] }: Props) => {
  const { t } = useI18n();
  const [asking, setAsking] = useState<{ action: string; note: boolean; amount: boolean } | null>(null);
  const [note, setNote] = useState('');
  const [amount, setAmount] = useState<number | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (actions.length === 0) return null;

  const run = async (action: string, input: { note: string | null; awardAmount?: number }) => {
    setBusy(action);
    setError(null);
    try {
      await onRun(action, input);
      setAsking(null);
      setNote('');
      setAmount(null);
    } catch (e) {
      setError(failureText(e, t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="kc-calls-actions" data-testid={testId}>
      <div className="kc-calls-action-buttons">
        {actions.map((a) => {
          const blocking = a.reasons.filter((r) => !INPUT_REASONS.has(r.code));
          const needsNote = a.reasons.some((r) => r.code === 'note_required');
          const needsAmount = a.reasons.some((r) => r.code === 'award_amount_missing');
          return (
            <Button
              key={a.action}
              type={blocking.length === 0 && !danger.includes(a.action) ? 'primary' : 'default'}
              danger={danger.includes(a.action)}
              disabled={blocking.length > 0}
              loading={busy === a.action}
              data-testid={`${testId}-${a.action}`}
              onClick={() => (needsNote || needsAmount ? setAsking({ action: a.action, note: needsNote, amount: needsAmount }) : void run(a.action, { note: null }))}
            >
              {label(a.action)}
            </Button>
          );
        })}
      </div>
      {actions.some((a) => a.reasons.some((r) => !INPUT_REASONS.has(r.code))) && (
        <ul className="kc-calls-blocked" data-testid={`${testId}-blocked`}>
          {actions.flatMap((a) =>
            a.reasons
              .filter((r) => !INPUT_REASONS.has(r.code))
              .map((r, i) => (
                <li key={`${a.action}-${r.code}-${i}`} data-testid="blocked-reason" data-code={r.code}>
                  <strong>{label(a.action)}</strong>{t('calls.colon')}{reasonLabel(t, r.code, r.message)}
                </li>
              )),
          )}
        </ul>
      )}
      {error && !asking && (
        <div className="kc-calls-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </div>
      )}
      <Modal
        open={asking !== null}
        title={asking ? label(asking.action) : ''}
        okText={t('calls.confirm')}
        cancelText={t('calls.cancel')}
        confirmLoading={busy !== null}
        okButtonProps={{ 'data-testid': `${testId}-confirm`, disabled: (asking?.note && note.trim().length < 5) || (asking?.amount && !amount) }}
        onCancel={() => {
          setAsking(null);
          setError(null);
        }}
        onOk={() => asking && void run(asking.action, { note: asking.note ? note.trim() : null, ...(asking.amount && amount ? { awardAmount: amount } : {}) })}
        destroyOnHidden
      >
        {asking?.amount && (
          <label className="kc-calls-label">
            {t('calls.awardAmount')}
            <InputNumber min={1} style={{ width: '100%' }} value={amount} onChange={(v) => setAmount(v)} data-testid={`${testId}-amount`} />
          </label>
        )}
        {asking?.note && (
          <label className="kc-calls-label">
            {t('calls.noteLabel')}
            <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} data-testid={`${testId}-note`} placeholder={t('calls.notePlaceholder')} />
          </label>
        )}
        {error && (
          <div className="kc-calls-error" role="alert">
            {error}
          </div>
        )}
      </Modal>
    </div>
  );
};
