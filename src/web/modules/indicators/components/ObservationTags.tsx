import { Tooltip } from 'antd';
import type { TObservation } from '../../../../shared/schemas/indicators.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { MessageKey } from '../../../i18n/keys.js';
import { Chip, type ChipTone } from '../../../ui/Chip.js';

type Mark = { label: MessageKey; hint?: MessageKey; tone: ChipTone };

const QUALIFIER_MARKS: Partial<Record<TObservation['qualifier'], Mark>> = {
  lower_bound: { label: 'qualifier.lower_bound.tag', hint: 'qualifier.lower_bound.hint', tone: 'info' },
  upper_bound: { label: 'qualifier.upper_bound.tag', hint: 'qualifier.upper_bound.hint', tone: 'info' },
  approximate: { label: 'qualifier.approximate.tag', hint: 'qualifier.approximate.hint', tone: 'info' },
  qualitative: { label: 'qualifier.qualitative.tag', tone: 'default' },
  redacted: { label: 'qualifier.redacted.tag', hint: 'qualifier.redacted.hint', tone: 'default' },
};

const STATUS_MARKS: Partial<Record<TObservation['status'], Mark>> = {
  estimated: { label: 'status.estimated', tone: 'warning' },
  target: { label: 'status.target', tone: 'accent' },
};

/** Chips that warn how to read a figure: not exact, estimated, a target, qualitative, redacted. */
export const ObservationTags = ({ observation }: { observation: Pick<TObservation, 'qualifier' | 'status'> }) => {
  const { t } = useI18n();
  const marks = [QUALIFIER_MARKS[observation.qualifier], STATUS_MARKS[observation.status]].filter((m): m is Mark => m !== undefined);
  return (
    <>
      {marks.map((mark) => {
        const chip = (
          <Chip key={mark.label} tone={mark.tone}>
            {t(mark.label)}
          </Chip>
        );
        return mark.hint ? (
          <Tooltip key={mark.label} title={t(mark.hint)}>
            <span tabIndex={0} className="kc-chip-hint">
              {chip}
            </span>
          </Tooltip>
        ) : (
          chip
        );
      })}
    </>
  );
};
