import { Link, useLocation } from 'react-router';
import { useSession } from '../../app/session.js';
import type { MessageKey } from '../../i18n/keys.js';
import { useI18n } from '../../i18n/I18nProvider.js';

export const PATENT_ROUTES = {
  statistics: '/patents',
  registry: '/patents/registry',
  pools: '/patents/pools',
  import: '/patents/import',
} as const;
export const patentPath = (id: string): string => `${PATENT_ROUTES.registry}/${encodeURIComponent(id)}`;
export const poolPath = (id: string): string => `${PATENT_ROUTES.pools}/${encodeURIComponent(id)}`;

const TABS: readonly { key: keyof typeof PATENT_ROUTES; label: MessageKey; manage: boolean }[] = [
  { key: 'statistics', label: 'patents.nav.statistics', manage: false },
  { key: 'registry', label: 'patents.nav.registry', manage: false },
  { key: 'pools', label: 'patents.nav.pools', manage: false },
  { key: 'import', label: 'patents.nav.import', manage: true },
];

/** Statistics, records and pools for everyone (patents are public records); the import for those who keep them. */
export const PatentsNav = () => {
  const { t } = useI18n();
  const { can } = useSession();
  const { pathname } = useLocation();
  const tabs = TABS.filter((tab) => !tab.manage || can('patents:manage'));
  const active = pathname === PATENT_ROUTES.statistics ? 'statistics' : (['import', 'pools', 'registry'] as const).find((k) => pathname.startsWith(PATENT_ROUTES[k])) ?? 'registry';
  return (
    <nav className="kc-pt-tabs" aria-label={t('patents.nav.label')}>
      {tabs.map((tab) => (
        <Link key={tab.key} to={PATENT_ROUTES[tab.key]} className={tab.key === active ? 'kc-pt-tab is-active' : 'kc-pt-tab'} aria-current={tab.key === active ? 'page' : undefined} data-testid={`patents-tab-${tab.key}`}>
          {t(tab.label)}
        </Link>
      ))}
    </nav>
  );
};
