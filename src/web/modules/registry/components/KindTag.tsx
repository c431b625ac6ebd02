import { Tag } from 'antd';
import { CATEGORY_COLOR_NAMES } from '../../../charts/palette.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { useVocabularyLabels } from '../hooks/useVocabularyQuery.js';
import { categoryLabel, isCategory } from '../utils/vocab.js';

/** An actor's kind ("全国重点实验室"), in its category's colour; the category when the kind is not set. */
export const KindTag = ({ kind, category }: { kind: string | null; category: string }) => {
  const { t } = useI18n();
  const labels = useVocabularyLabels();
  return (
    <Tag color={isCategory(category) ? CATEGORY_COLOR_NAMES[category] : undefined} variant="filled" data-testid="kind-tag">
      {labels.kind(kind) ?? categoryLabel(category, t)}
    </Tag>
  );
};
