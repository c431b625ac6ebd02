import { Tooltip } from 'antd';
import type { TProvenance } from '../../../../shared/schemas/indicators.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Chip, type ChipTone } from '../../../ui/Chip.js';
import { PROVENANCE_HINT_KEY, PROVENANCE_KEY } from '../utils/labels.js';

const TONE: Readonly<Record<TProvenance, ChipTone>> = { source: 'info', import: 'accent', entry: 'default', derived: 'warning' };

/** How a figure arrived: from a published document, an import batch, typed in, or derived from records. */
export const ProvenanceTag = ({ provenance }: { provenance: TProvenance }) => {
  const { t } = useI18n();
  return (
    <Tooltip title={t(PROVENANCE_HINT_KEY[provenance])}>
      <span tabIndex={0} className="kc-chip-hint" data-testid="provenance-tag" data-provenance={provenance}>
        <Chip tone={TONE[provenance]}>{t(PROVENANCE_KEY[provenance])}</Chip>
      </span>
    </Tooltip>
  );
};
