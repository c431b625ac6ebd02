import { Link, useLocation } from 'react-router';
import type { Permission } from '../../../shared/access.js';
import { useSession } from '../../app/session.js';
import type { MessageKey } from '../../i18n/keys.js';
import { useI18n } from '../../i18n/I18nProvider.js';

export const CONTRACT_ROUTES = {
  statistics: '/contracts',
  registry: '/contracts/registry',
  submit: '/contracts/new',
  import: '/contracts/import',
} as const;
export const contractPath = (id: string): string => `${CONTRACT_ROUTES.registry}/${encodeURIComponent(id)}`;

const TABS: readonly { key: string; path: string; label: MessageKey; permissions: readonly Permission[] | null }[] = [
  { key: 'statistics', path: CONTRACT_ROUTES.statistics, label: 'contracts.nav.statistics', permissions: null },
  { key: 'registry', path: CONTRACT_ROUTES.registry, label: 'contracts.nav.registry', permissions: ['contracts:submit', 'contracts:register', 'contracts:read'] },
  { key: 'import', path: CONTRACT_ROUTES.import, label: 'contracts.nav.import', permissions: ['contracts:register'] },
];

/** Statistics for everyone; the registration list and the import for those who may use them. */
export const ContractsNav = () => {
  const { t } = useI18n();
  const { can } = useSession();
  const { pathname } = useLocation();
  const tabs = TABS.filter((tab) => tab.permissions === null || tab.permissions.some(can));
  if (tabs.length < 2) return null;
  const active = pathname === CONTRACT_ROUTES.statistics ? 'statistics' : pathname.startsWith(CONTRACT_ROUTES.import) ? 'import' : 'registry';
  return (
    <nav className="kc-tc-tabs kc-no-print" aria-label={t('nav.techContracts')}>
      {tabs.map((tab) => (
        <Link key={tab.key} to={tab.path} className={tab.key === active ? 'kc-tc-tab is-active' : 'kc-tc-tab'} aria-current={tab.key === active ? 'page' : undefined} data-testid={`contracts-tab-${tab.key}`}>
          {t(tab.label)}
        </Link>
      ))}
    </nav>
  );
};
