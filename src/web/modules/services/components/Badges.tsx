import { Tag, Tooltip } from 'antd';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { DemandClock } from '../types.js';
import { clockColor, clockText } from '../utils/clock.js';
import { DEMAND_STATE_COLOR, demandStateLabel, ESCALATION_COLOR, escalationLabel, PACKAGE_STATE_COLOR, packageStateLabel } from '../utils/labels.js';

/** An SLA clock: running (time left), overdue (how late), met or missed; the deadline on hover. */
export const ClockBadge = ({ clock, which, withLabel = false }: { clock: DemandClock; which: 'response' | 'resolution'; withLabel?: boolean }) => {
  const { t, locale } = useI18n();
  const name = which === 'response' ? t('services.clockResponse') : t('services.clockResolution');
  return (
    <Tooltip title={t('services.clockDue', { clock: name, due: formatDateTime(clock.dueAt, locale) })}>
      <Tag color={clockColor(clock.state)} data-testid={`clock-${which}`} data-state={clock.state} className="kc-svc-clock">
        {withLabel ? `${name}${t('services.colon')}` : ''}
        {clockText(clock, t)}
      </Tag>
    </Tooltip>
  );
};

/** Who the case has reached on the ladder: housekeeper, district coordinator, municipal coordinator. */
export const EscalationTag = ({ level, hideBase = false }: { level: number; hideBase?: boolean }) => {
  const { t } = useI18n();
  if (hideBase && level === 0) return null;
  return (
    <Tooltip title={t('services.escalationHint')}>
      <Tag color={ESCALATION_COLOR[level] ?? 'red'} data-testid="escalation-tag" data-level={level}>
        {level > 0 ? t('services.escalatedTo', { level: escalationLabel(t, level) }) : escalationLabel(t, level)}
      </Tag>
    </Tooltip>
  );
};

export const DemandStateTag = ({ state }: { state: string }) => {
  const { t } = useI18n();
  return (
    <Tag color={DEMAND_STATE_COLOR[state] ?? 'default'} data-testid="demand-state" data-state={state}>
      {demandStateLabel(t, state)}
    </Tag>
  );
};

export const PackageStateTag = ({ state }: { state: string }) => {
  const { t } = useI18n();
  return (
    <Tag color={PACKAGE_STATE_COLOR[state] ?? 'default'} data-testid="package-state" data-state={state}>
      {packageStateLabel(t, state)}
    </Tag>
  );
};
