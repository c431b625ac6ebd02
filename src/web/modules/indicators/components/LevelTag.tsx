import type { TIndicatorLevel } from '../../../../shared/schemas/indicators.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Chip } from '../../../ui/Chip.js';
import { LEVEL_KEY } from '../utils/labels.js';

/** What an indicator measures: cities, the centre, districts, parks or organisations. */
export const LevelTag = ({ level }: { level: TIndicatorLevel }) => {
  const { t } = useI18n();
  return (
    <span data-testid="indicator-level" data-level={level}>
      <Chip tone={level === 'city' || level === 'centre' ? 'default' : 'info'}>{t(LEVEL_KEY[level])}</Chip>
    </span>
  );
};
