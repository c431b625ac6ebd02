import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useI18n } from '../i18n/I18nProvider.js';
import { useNotificationsQuery } from '../modules/calls/hooks/useNotifications.js';
import { ROUTES } from './nav.js';
import { useSession } from './session.js';

/** The header's inbox: a bell with the number of unread notifications, for signed-in users. */
export const InboxLink = () => {
  const { t } = useI18n();
  const { user } = useSession();
  const q = useNotificationsQuery();
  if (!user) return null;
  const unread = q.data?.unread ?? 0;
  const label = unread > 0 ? t('header.inboxUnread', { count: unread }) : t('header.inbox');
  return (
    <Link to={ROUTES.inbox} className="kc-header-button kc-inbox-link" aria-label={label} title={label} data-testid="header-inbox">
      <BellOutlined />
      {unread > 0 && (
        <span className="kc-inbox-count" data-testid="header-inbox-count">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
};
