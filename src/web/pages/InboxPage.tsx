import { Button } from 'antd';
import { Link } from 'react-router';
import { useSession } from '../app/session.js';
import { formatDateTime, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useNotificationsQuery, useReadNotificationMutation } from '../modules/calls/hooks/useNotifications.js';
import type { Notification } from '../modules/calls/types.js';
import { notificationLabel } from '../modules/calls/utils/labels.js';
import { applicationPath, callPath, CALL_ROUTES } from '../modules/calls/utils/paths.js';
import { isServiceNotice, ServiceNoticeBody, serviceNoticeTarget } from '../modules/services/components/ServiceNotice.js';
import { PageHeader } from '../ui/PageHeader.js';
import { QueryState } from '../ui/QueryState.js';
import '../modules/calls/calls.css';

/** Where a notification leads: its call, application, the reviewer's list, or a service case or package. */
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const target = (n: Notification, reviewer: boolean): string | null => {
  if (isServiceNotice(n)) return serviceNoticeTarget(n);
  const callId = str(n.payload['callId']);
  const applicationId = str(n.payload['applicationId']);
  if (n.subjectType === 'assignment' && reviewer) return CALL_ROUTES.reviews;
  if ((n.subjectType === 'application' || n.subjectType === 'milestone') && applicationId) return applicationPath(applicationId);
  if (callId) return callPath(callId);
  return null;
};

/** The signed-in user's inbox: what happened to their calls, bids, reviews and milestones, and to their service cases and packages. */
export const InboxPage = () => {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const q = useNotificationsQuery();
  const read = useReadNotificationMutation();
  const items = q.data?.items ?? [];
  return (
    <div className="kc-calls" data-testid="inbox-page">
      <PageHeader title={t('calls.inbox')} intro={q.data ? t('calls.inboxUnread', { count: q.data.unread }) : undefined} />
      <QueryState isLoading={q.isLoading} error={q.error} isEmpty={items.length === 0} emptyText={t('calls.inboxEmpty')}>
        <ul className="kc-calls-inbox">
          {items.map((n) => {
            const to = target(n, can('calls:review'));
            const callTitle = str(n.payload['callTitle']) ? pickTitle({ titleZh: str(n.payload['callTitleZh']), titleEn: str(n.payload['callTitle']) }, locale) : null;
            const title = [callTitle, str(n.payload['applicationTitle'])].filter(Boolean).join(' · ') || null;
            const note = str(n.payload['note']);
            const milestone = str(n.payload['milestoneTitle']);
            const dueOn = str(n.payload['dueOn']);
            const deadline = str(n.payload['deadline']);
            const digest = Array.isArray(n.payload['calls']) ? (n.payload['calls'] as { id: string; title: string; titleZh: string | null; deadline: string | null }[]) : null;
            return (
              <li key={n.id} className={n.readAt ? 'kc-calls-inbox-item' : 'kc-calls-inbox-item is-unread'} data-testid="inbox-item" data-template={n.template}>
                <div className="kc-calls-inbox-main">
                  {isServiceNotice(n) ? (
                    <ServiceNoticeBody notice={n} />
                  ) : (
                    <>
                      <strong>{notificationLabel(t, n.template)}</strong>
                      {title && <span className="kc-muted"> · {title}</span>}
                      {note && <div className="kc-small">{note}</div>}
                      {milestone && <div className="kc-small">{t('calls.inboxMilestone', { title: milestone, due: dueOn ?? '' })}</div>}
                      {deadline && <div className="kc-small">{t('calls.inboxDeadline', { deadline: formatDateTime(deadline, locale) })}</div>}
                      {digest && (
                        <ul className="kc-calls-inbox-digest" data-testid="inbox-digest">
                          {digest.map((c) => (
                            <li key={c.id}>
                              <Link to={callPath(c.id)}>{pickTitle({ titleZh: c.titleZh, titleEn: c.title }, locale)}</Link>
                              {c.deadline && <span className="kc-muted"> · {t('calls.inboxDeadline', { deadline: formatDateTime(c.deadline, locale) })}</span>}
                            </li>
                          ))}
                        </ul>
                      )}
                    </>
                  )}
                  <div className="kc-muted kc-small">{formatDateTime(n.createdAt, locale)}</div>
                </div>
                <div className="kc-calls-inbox-actions">
                  {to && (
                    <Link to={to} onClick={() => !n.readAt && read.mutate(n.id)} data-testid="inbox-open">
                      {t('calls.open')}
                    </Link>
                  )}
                  {!n.readAt && (
                    <Button size="small" type="text" onClick={() => read.mutate(n.id)} data-testid="inbox-read">
                      {t('calls.markRead')}
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      </QueryState>
    </div>
  );
};
