import { Tag, Tooltip } from 'antd';
import type { TObservation } from '../../../../shared/schemas/indicators.js';
import { useI18n } from '../../../i18n/I18nProvider.js';

/** Tags that warn how to read a figure: not exact, estimated, a target, qualitative, redacted. */
export const ObservationTags = ({ observation }: { observation: Pick<TObservation, 'qualifier' | 'status'> }) => {
  const { t } = useI18n();
  return (
    <>
      {observation.qualifier === 'lower_bound' && (
        <Tooltip title={t('qualifier.lower_bound.hint')}>
          <Tag color="blue">{t('qualifier.lower_bound.tag')}</Tag>
        </Tooltip>
      )}
      {observation.qualifier === 'upper_bound' && (
        <Tooltip title={t('qualifier.upper_bound.hint')}>
          <Tag color="blue">{t('qualifier.upper_bound.tag')}</Tag>
        </Tooltip>
      )}
      {observation.qualifier === 'approximate' && (
        <Tooltip title={t('qualifier.approximate.hint')}>
          <Tag color="blue">{t('qualifier.approximate.tag')}</Tag>
        </Tooltip>
      )}
      {observation.qualifier === 'qualitative' && <Tag>{t('qualifier.qualitative.tag')}</Tag>}
      {observation.qualifier === 'redacted' && (
        <Tooltip title={t('qualifier.redacted.hint')}>
          <Tag>{t('qualifier.redacted.tag')}</Tag>
        </Tooltip>
      )}
      {observation.status === 'estimated' && <Tag color="orange">{t('status.estimated')}</Tag>}
      {observation.status === 'target' && <Tag color="purple">{t('status.target')}</Tag>}
    </>
  );
};
