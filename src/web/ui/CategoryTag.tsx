import { Tag } from 'antd';
import type { TEntityCategory } from '../../shared/schemas/entities.js';
import { CATEGORY_COLOR_NAMES } from '../charts/palette.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { categoryKey } from '../i18n/keys.js';

export const CategoryTag = ({ category }: { category: TEntityCategory }) => {
  const { t } = useI18n();
  return (
    <Tag color={CATEGORY_COLOR_NAMES[category]} variant="filled">
      {t(categoryKey(category))}
    </Tag>
  );
};
