import { Tooltip, Typography } from 'antd';
import type { TEntity } from '../../shared/schemas/entities.js';
import { otherName, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { SampleTag } from './SampleTag.js';

type Props = {
  record: { nameZh: string | null; nameEn: string | null; isSample?: boolean; nameStatus?: TEntity['nameStatus'] };
  /** Show the other language's name on a second line. */
  withOther?: boolean;
  strong?: boolean;
};

/** A record's name in the UI language (falling back to the other), its sample tag and name caveats. */
export const EntityName = ({ record, withOther = false, strong = false }: Props) => {
  const { t, locale } = useI18n();
  const name = pickName(record, locale);
  const other = withOther ? otherName(record, locale) : null;
  // A Chinese name that is the editor's guess is flagged where it is shown.
  const unverified = record.nameStatus === 'probable' && locale === 'zh-CN' && record.nameZh !== null;
  return (
    <span>
      <Typography.Text strong={strong}>{name}</Typography.Text>
      {unverified && (
        <Tooltip title={t('nameStatus.probableHint')}>
          <Typography.Text type="secondary"> {t('nameStatus.probableShort')}</Typography.Text>
        </Tooltip>
      )}
      <SampleTag isSample={record.isSample === true} />
      {other && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {other}
        </Typography.Text>
      )}
    </span>
  );
};
