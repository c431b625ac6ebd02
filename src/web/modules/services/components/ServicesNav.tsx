import { Link, useLocation } from 'react-router';
import { useSession } from '../../../app/session.js';
import type { Permission } from '../../../../shared/access.js';
import type { MessageKey } from '../../../i18n/keys.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { SERVICE_ROUTES } from '../utils/paths.js';

const TABS: readonly { key: string; path: string; label: MessageKey; permission: Permission; prefix?: string }[] = [
  { key: 'desk', path: SERVICE_ROUTES.desk, label: 'services.nav.desk', permission: 'services:manage' },
  { key: 'demands', path: SERVICE_ROUTES.demands, label: 'services.nav.ledger', permission: 'services:manage' },
  { key: 'packages', path: SERVICE_ROUTES.packages, label: 'services.nav.packages', permission: 'services:manage' },
  { key: 'departments', path: SERVICE_ROUTES.departments, label: 'services.nav.departments', permission: 'services:manage' },
  { key: 'metrics', path: SERVICE_ROUTES.metrics, label: 'services.nav.metrics', permission: 'centre:read' },
];

const activeKey = (pathname: string): string | null => {
  if (pathname === SERVICE_ROUTES.desk || pathname.startsWith('/services/visits') || pathname.startsWith('/services/enterprises')) return 'desk';
  const hit = TABS.find((tab) => tab.path !== SERVICE_ROUTES.desk && (pathname === tab.path || pathname.startsWith(`${tab.path}/`)));
  return hit?.key ?? null;
};

/** The services area's own tabs (desk, ledger, packages, departments, metrics), for those who may open them. */
export const ServicesNav = () => {
  const { t } = useI18n();
  const { can } = useSession();
  const { pathname } = useLocation();
  const tabs = TABS.filter((tab) => can(tab.permission));
  if (tabs.length < 2) return null;
  const active = activeKey(pathname);
  return (
    <nav className="kc-svc-tabs" aria-label={t('services.nav.label')}>
      {tabs.map((tab) => (
        <Link key={tab.key} to={tab.path} className={tab.key === active ? 'kc-svc-tab is-active' : 'kc-svc-tab'} aria-current={tab.key === active ? 'page' : undefined} data-testid={`services-tab-${tab.key}`}>
          {t(tab.label)}
        </Link>
      ))}
    </nav>
  );
};
