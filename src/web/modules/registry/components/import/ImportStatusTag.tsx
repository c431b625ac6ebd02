import { Tag } from 'antd';
import type { TImportStatus } from '../../../../../shared/schemas/registry-import.js';
import { useI18n } from '../../../../i18n/I18nProvider.js';
import type { MessageKey } from '../../../../i18n/keys.js';

const STATUS: Record<TImportStatus, { label: MessageKey; color: string }> = {
  running: { label: 'import.status.running', color: 'processing' },
  done: { label: 'import.status.done', color: 'success' },
  failed: { label: 'import.status.failed', color: 'error' },
  interrupted: { label: 'import.status.interrupted', color: 'warning' },
};

/** An import's status in words, coloured with antd's status presets; it names its job for tests and tools. */
export const ImportStatusTag = ({ status, jobId }: { status: TImportStatus; jobId: string }) => {
  const { t } = useI18n();
  return (
    <Tag color={STATUS[status].color} data-testid="import-status" data-status={status} data-job={jobId}>
      {t(STATUS[status].label)}
    </Tag>
  );
};
