import { Tag } from 'antd';
import type { TTechContract } from '../../../shared/schemas/contracts.js';
import { useI18n } from '../../i18n/I18nProvider.js';

/** The review clock as a tag: days left, overdue, or the days the review took. */
export const ReviewClock = ({ clock, state }: { clock: TTechContract['clock']; state: string }) => {
  const { t } = useI18n();
  const open = state === 'submitted' || state === 'under_review';
  if (!open) return <span className="kc-muted kc-small">{t('contracts.clock.done', { days: clock.daysUsed })}</span>;
  return clock.overdue ? <Tag color="red">{t('contracts.clock.overdue', { days: -clock.daysLeft })}</Tag> : <Tag color={clock.daysLeft <= 5 ? 'orange' : 'default'}>{t('contracts.clock.left', { days: clock.daysLeft })}</Tag>;
};
