import { Button, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { ServiceAction } from '../types.js';
import { failureText, serviceReasonLabel } from '../utils/labels.js';
import { INPUT_REASONS } from '../utils/workflow.js';

const MIN_NOTE = 5;
/** Actions that go sideways or back (never the primary button). */
const SECONDARY: ReadonlySet<string> = new Set(['transfer', 'reopen']);

type Props = {
  actions: readonly ServiceAction[];
  label: (action: string) => string;
  /** Does this action ask for a note (the workflow's `note_given` guard)? */
  needsNote: (action: string) => boolean;
  /** Does it ask for a department (a transfer)? */
  needsDepartment?: (action: string) => boolean;
  /** Departments a case may be transferred to. */
  departments?: readonly { value: string; label: string }[];
  /** What the note is for, per action ("resolution", "reason for reopening"). */
  noteLabel?: (action: string) => string;
  onRun: (action: string, input: { note: string | null; departmentId: string | null }) => Promise<unknown>;
  /** data-testid prefix: `<prefix>-<action>` on each button. */
  testId: string;
  danger?: readonly string[];
};

/**
 * The transitions the server offers the viewer, as buttons. One blocked by a
 * guard is disabled and its reasons are listed under the buttons; one that
 * asks for a note (or a department) opens a dialog for it first.
 */
export const WorkflowActions = ({ actions, label, needsNote, needsDepartment = () => false, departments = [], noteLabel, onRun, testId, danger = ['withdraw', 'end', 'return'] }: Props) => {
  const { t } = useI18n();
  const [asking, setAsking] = useState<{ action: string; note: boolean; department: boolean } | null>(null);
  const [note, setNote] = useState('');
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (actions.length === 0) return null;

  const run = async (action: string, input: { note: string | null; departmentId: string | null }) => {
    setBusy(action);
    setError(null);
    try {
      await onRun(action, input);
      setAsking(null);
      setNote('');
      setDepartmentId(null);
    } catch (e) {
      setError(failureText(e, t));
    } finally {
      setBusy(null);
    }
  };
  const blocking = (a: ServiceAction) => a.reasons.filter((r) => !INPUT_REASONS.has(r.code));
  /** The one primary button: the first action the viewer may take that is not a step back. */
  const primary = actions.find((a) => blocking(a).length === 0 && !danger.includes(a.action) && !SECONDARY.has(a.action))?.action;
  const ready = asking ? (!asking.note || note.trim().length >= MIN_NOTE) && (!asking.department || !!departmentId) : false;

  return (
    <div className="kc-svc-actions" data-testid={testId}>
      <div className="kc-svc-action-buttons">
        {actions.map((a) => {
          const blocked = blocking(a).length > 0;
          const isDanger = danger.includes(a.action);
          const wantsNote = needsNote(a.action);
          const wantsDepartment = needsDepartment(a.action);
          return (
            <Button
              key={a.action}
              type={a.action === primary ? 'primary' : 'default'}
              danger={isDanger}
              disabled={blocked}
              loading={busy === a.action}
              data-testid={`${testId}-${a.action}`}
              onClick={() => (wantsNote || wantsDepartment ? setAsking({ action: a.action, note: wantsNote, department: wantsDepartment }) : void run(a.action, { note: null, departmentId: null }))}
            >
              {label(a.action)}
            </Button>
          );
        })}
      </div>
      {actions.some((a) => blocking(a).length > 0) && (
        <ul className="kc-svc-blocked" data-testid={`${testId}-blocked`}>
          {actions.flatMap((a) =>
            blocking(a).map((r, i) => (
              <li key={`${a.action}-${r.code}-${i}`} data-testid="blocked-reason" data-code={r.code}>
                <strong>{label(a.action)}</strong>
                {t('services.colon')}
                {serviceReasonLabel(t, r.code, r.message)}
              </li>
            )),
          )}
        </ul>
      )}
      {error && !asking && (
        <div className="kc-svc-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </div>
      )}
      <Modal
        open={asking !== null}
        title={asking ? label(asking.action) : ''}
        okText={asking ? label(asking.action) : t('services.confirm')}
        cancelText={t('services.cancel')}
        confirmLoading={busy !== null}
        okButtonProps={{ 'data-testid': `${testId}-dialog-ok`, disabled: !ready }}
        onCancel={() => {
          setAsking(null);
          setError(null);
        }}
        onOk={() => asking && void run(asking.action, { note: asking.note ? note.trim() : null, departmentId: asking.department ? departmentId : null })}
        destroyOnHidden
      >
        <div className="kc-svc-dialog">
          {asking?.department && (
            <label className="kc-svc-label">
              {t('services.actions.department')}
              <Select
                value={departmentId ?? undefined}
                onChange={(v: string) => setDepartmentId(v)}
                options={[...departments]}
                placeholder={t('services.actions.departmentPlaceholder')}
                style={{ width: '100%' }}
                data-testid={`${testId}-department`}
              />
            </label>
          )}
          {asking?.note && (
            <label className="kc-svc-label">
              {noteLabel ? noteLabel(asking.action) : t('services.actions.note')}
              <Input.TextArea rows={4} value={note} maxLength={5000} onChange={(e) => setNote(e.target.value)} data-testid={`${testId}-note`} placeholder={t('services.actions.notePlaceholder', { min: MIN_NOTE })} />
            </label>
          )}
          {error && (
            <div className="kc-svc-error" role="alert" data-testid={`${testId}-dialog-error`}>
              {error}
            </div>
          )}
        </div>
      </Modal>
    </div>
  );
};
