import { formatPartialDate } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { Translator } from '../../../i18n/translate.js';
import { escalationLabel, serviceNoticeLabel } from '../utils/labels.js';
import { demandPath, packagePath } from '../utils/paths.js';

type NoticeLike = { template: string; subjectType: string; subjectId: string; payload: Record<string, unknown> };

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** True for the notices of key-enterprise services (cases and packages). */
export const isServiceNotice = (n: Pick<NoticeLike, 'subjectType'>): boolean => n.subjectType === 'demand' || n.subjectType === 'service_package';

/** Where a services notice leads: its case or its package. */
export const serviceNoticeTarget = (n: NoticeLike): string | null => {
  if (n.subjectType === 'demand') return demandPath(str(n.payload['demandId']) ?? n.subjectId);
  if (n.subjectType === 'service_package') return packagePath(n.subjectId);
  return null;
};

/** The line under a notice's title: what the case is, how far it climbed, what the note said. */
export const serviceNoticeDetail = (n: NoticeLike, t: Translator): string[] => {
  const lines: string[] = [];
  const reference = str(n.payload['reference']);
  const title = str(n.payload['title']);
  if (reference || title) lines.push([reference, title].filter(Boolean).join(' · '));
  if (n.template === 'demand_escalated') {
    const level = num(n.payload['level']);
    const days = num(n.payload['idleDays']);
    const reason = str(n.payload['reason']);
    if (level !== null) lines.push(t('services.noticeDetail.escalated', { level: escalationLabel(t, level) }) + (reason === 'overdue' ? t('services.noticeDetail.overdue') : days !== null ? t('services.noticeDetail.idle', { count: days }) : ''));
  }
  if (n.template === 'demand_idle_reminder') {
    const days = num(n.payload['idleDays']);
    if (days !== null) lines.push(t('services.noticeDetail.reminder', { count: days }));
  }
  if (n.template === 'package_check_in_due') {
    const due = str(n.payload['dueOn']);
    if (due) lines.push(t('services.noticeDetail.checkIn', { date: formatPartialDate(due, t.locale) }));
  }
  return lines;
};

/** A services notice in the inbox: its title and details (the inbox draws the row, link and read button). */
export const ServiceNoticeBody = ({ notice }: { notice: NoticeLike }) => {
  const { t } = useI18n();
  const note = str(notice.payload['note']);
  // Notes the scheduler writes are in English; its own events say what they mean.
  const showNote = note && !/^confirmed by the system/.test(note);
  return (
    <>
      <strong>{serviceNoticeLabel(t, notice.template)}</strong>
      {serviceNoticeDetail(notice, t).map((line, i) => (
        <span key={i} className="kc-muted">
          {' '}
          · {line}
        </span>
      ))}
      {showNote && <div className="kc-small">{note}</div>}
    </>
  );
};
