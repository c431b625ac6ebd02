import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Popconfirm } from 'antd';
import { useRef, useState } from 'react';
import { ACCEPTED_FILES, fileSize, MAX_FILE_MB } from '../../../app/attachments.js';
import { useCurrentCentre } from '../../../app/centre.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { attachmentUrl, useDeleteAttachmentMutation, useUploadAttachmentMutation } from '../hooks/useApplications.js';
import type { Application } from '../types.js';
import { failureText } from '../utils/labels.js';

type Attachment = Application['attachments'][number];


/** Files of a bid or a milestone: download links for everyone who sees it; upload and remove for the team while it may change. */
export const AttachmentList = ({ owner, files, canEdit }: { owner: { type: 'application' | 'milestone'; id: string }; files: readonly Attachment[]; canEdit: boolean }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const upload = useUploadAttachmentMutation(centre.id);
  const remove = useDeleteAttachmentMutation(centre.id);
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  if (!canEdit && files.length === 0) return null;

  const pick = async (list: FileList | null) => {
    setError(null);
    for (const file of Array.from(list ?? [])) {
      if (file.size > MAX_FILE_MB * 1024 * 1024) {
        setError(t('calls.fileTooLarge', { name: file.name, max: MAX_FILE_MB }));
        continue;
      }
      try {
        await upload.mutateAsync({ owner, file });
      } catch (e) {
        setError(`${file.name}${t('calls.colon')}${failureText(e, t)}`);
      }
    }
    if (input.current) input.current.value = '';
  };

  return (
    <div className="kc-calls-files" data-testid={`attachments-${owner.type}`}>
      <div className="kc-small kc-muted">{t('calls.attachments')}</div>
      {files.length > 0 && (
        <ul>
          {files.map((f) => (
            <li key={f.id} data-testid="attachment">
              <PaperClipOutlined aria-hidden />{' '}
              <a href={attachmentUrl(centre.id, f.id)} download={f.fileName}>
                {f.fileName}
              </a>{' '}
              <span className="kc-muted kc-small">{fileSize(f.size)}</span>
              {canEdit && (
                <Popconfirm title={t('calls.removeFileConfirm', { name: f.fileName })} okText={t('calls.remove')} cancelText={t('calls.cancel')} onConfirm={() => remove.mutateAsync(f.id).catch((e: unknown) => setError(failureText(e, t)))}>
                  <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('calls.removeFile', { name: f.fileName })} data-testid="attachment-remove" />
                </Popconfirm>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <>
          <input ref={input} type="file" accept={ACCEPTED_FILES} multiple hidden onChange={(e) => void pick(e.target.files)} data-testid="attachment-input" />
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} onClick={() => input.current?.click()} data-testid="attachment-add">
            {t('calls.addFiles')}
          </Button>
          <span className="kc-muted kc-small"> {t('calls.fileRules', { max: MAX_FILE_MB })}</span>
        </>
      )}
      {error && (
        <div className="kc-calls-error" role="alert" data-testid="attachment-error">
          {error}
        </div>
      )}
    </div>
  );
};
