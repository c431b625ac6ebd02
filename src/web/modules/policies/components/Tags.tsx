import { Tag } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { LEVEL_COLOURS, levelLabel, RESULT_COLOURS, resultLabel } from '../utils/labels.js';

export const LevelTag = ({ level }: { level: string }) => {
  const { t } = useI18n();
  return (
    <Tag color={LEVEL_COLOURS[level] ?? 'default'} data-testid="policy-level" data-level={level}>
      {levelLabel(t, level)}
    </Tag>
  );
};

export const ResultTag = ({ result }: { result: string }) => {
  const { t } = useI18n();
  return (
    <Tag color={RESULT_COLOURS[result] ?? 'default'} data-testid="match-result" data-result={result}>
      {resultLabel(t, result)}
    </Tag>
  );
};
