import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n/I18nProvider.js';

/** Marks an illustrative record that is not real. Render it wherever such a record appears. */
export const SampleTag = ({ isSample }: { isSample: boolean }) => {
  const { t } = useI18n();
  if (!isSample) return null;
  return (
    <Tooltip title={t('common.sampleHint')}>
      <Tag color="gold" data-testid="sample-tag" style={{ marginInlineStart: 6 }}>
        {t('common.sample')}
      </Tag>
    </Tooltip>
  );
};
