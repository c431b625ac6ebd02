import { PaperClipOutlined } from '@ant-design/icons';
import { Button, Input, Switch } from 'antd';
import { useRef, useState } from 'react';
import { useCurrentCentre } from '../../../app/centre.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { useDemandFileMutation, useDemandMessageMutation } from '../hooks/useDemands.js';
import type { Demand } from '../types.js';
import { ACCEPTED_FILES, MAX_FILE_MB } from '../../../app/attachments.js';
import { failureText } from '../utils/labels.js';

/** Write in the thread or add files; officers may keep a note or a file internal (the enterprise does not see it). */
export const MessageComposer = ({ demand }: { demand: Pick<Demand, 'id' | 'can'> }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const send = useDemandMessageMutation(centre.id);
  const attach = useDemandFileMutation(centre.id);
  const picker = useRef<HTMLInputElement>(null);
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!demand.can.message) return null;
  const attachFiles = async (list: FileList | null) => {
    setError(null);
    const problems: string[] = [];
    for (const file of Array.from(list ?? [])) {
      if (file.size > MAX_FILE_MB * 1024 * 1024) {
        problems.push(t('services.composer.fileTooLarge', { name: file.name, max: MAX_FILE_MB }));
        continue;
      }
      try {
        await attach.mutateAsync({ id: demand.id, file, internal: demand.can.internalNote && internal });
      } catch (e) {
        problems.push(`${file.name}${t('services.composer.colon')}${failureText(e, t)}`);
      }
    }
    if (problems.length) setError(problems.join('\n'));
    if (picker.current) picker.current.value = '';
  };
  const submit = async () => {
    setError(null);
    try {
      await send.mutateAsync({ id: demand.id, body: body.trim(), internal: demand.can.internalNote && internal });
      setBody('');
      setInternal(false);
    } catch (e) {
      setError(failureText(e, t));
    }
  };
  return (
    <div className={internal ? 'kc-svc-composer is-internal' : 'kc-svc-composer'} data-testid="demand-composer">
      <Input.TextArea
        rows={3}
        value={body}
        maxLength={5000}
        onChange={(e) => setBody(e.target.value)}
        placeholder={internal ? t('services.composer.internalPlaceholder') : t('services.composer.placeholder')}
        data-testid="demand-message-input"
        aria-label={t('services.composer.label')}
      />
      <div className="kc-svc-composer-bar">
        {demand.can.internalNote ? (
          <label className="kc-svc-switch">
            <Switch size="small" checked={internal} onChange={setInternal} data-testid="demand-message-internal" />
            <span>{t('services.composer.internal')}</span>
            <span className="kc-muted kc-small">{t('services.composer.internalHint')}</span>
          </label>
        ) : (
          <span />
        )}
        <span className="kc-svc-composer-actions">
          <input ref={picker} type="file" accept={ACCEPTED_FILES} multiple hidden onChange={(e) => void attachFiles(e.target.files)} data-testid="demand-file-input" />
          <Button icon={<PaperClipOutlined />} loading={attach.isPending} onClick={() => picker.current?.click()} title={t('services.composer.fileRules', { max: MAX_FILE_MB })} data-testid="demand-file-add">
            {t('services.composer.attach')}
          </Button>
        <Button type="primary" onClick={() => void submit()} disabled={body.trim().length === 0} loading={send.isPending} data-testid="demand-message-send">
          {internal ? t('services.composer.sendInternal') : t('services.composer.send')}
        </Button>
        </span>
      </div>
      {error && (
        <div className="kc-svc-error" role="alert" data-testid="demand-composer-error">
          {error}
        </div>
      )}
    </div>
  );
};
