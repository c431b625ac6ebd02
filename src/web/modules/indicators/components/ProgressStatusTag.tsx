import { Tag, Tooltip } from 'antd';
import type { TProgressStatus } from '../../../../shared/schemas/indicators.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { PROGRESS_HINT_KEY, PROGRESS_KEY } from '../utils/labels.js';
import { STATUS_COLOUR } from '../utils/progress.js';

/** A target's status in its colour (achieved green, on track blue, at risk orange, off track or missed red, the rest grey). */
export const ProgressStatusTag = ({ status, assessed = false }: { status: TProgressStatus; assessed?: boolean }) => {
  const { t } = useI18n();
  return (
    <Tooltip title={assessed ? t('indicators.progress.assessedHint') : t(PROGRESS_HINT_KEY[status])}>
      <Tag color={STATUS_COLOUR[status]} data-testid="target-status" data-status={status} className="kc-target-status">
        {t(PROGRESS_KEY[status])}
      </Tag>
    </Tooltip>
  );
};
