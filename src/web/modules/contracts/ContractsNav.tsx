import { useLocation } from 'react-router';
import type { Permission } from '../../../shared/access.js';
import type { MessageKey } from '../../i18n/keys.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ModuleTabs } from '../../ui/ModuleTabs.js';

export const CONTRACT_ROUTES = {
  statistics: '/contracts',
  registry: '/contracts/registry',
  submit: '/contracts/new',
  import: '/contracts/import',
} as const;
export const contractPath = (id: string): string => `${CONTRACT_ROUTES.registry}/${encodeURIComponent(id)}`;

const TABS: readonly { key: 'statistics' | 'registry' | 'import'; path: string; label: MessageKey; permissions: readonly Permission[] | null }[] = [
  { key: 'statistics', path: CONTRACT_ROUTES.statistics, label: 'contracts.nav.statistics', permissions: null },
  { key: 'registry', path: CONTRACT_ROUTES.registry, label: 'contracts.nav.registry', permissions: ['contracts:submit', 'contracts:register', 'contracts:read'] },
  { key: 'import', path: CONTRACT_ROUTES.import, label: 'contracts.nav.import', permissions: ['contracts:register'] },
];

/** Statistics for everyone; the registration list and the import for those who may use them. */
export const ContractsNav = () => {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const active = pathname === CONTRACT_ROUTES.statistics ? 'statistics' : pathname.startsWith(CONTRACT_ROUTES.import) ? 'import' : 'registry';
  return <ModuleTabs tabs={TABS.map((tab) => ({ ...tab, label: t(tab.label) }))} active={active} label={t('nav.techContracts')} testIdPrefix="contracts" />;
};
