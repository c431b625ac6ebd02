import { useLocation } from 'react-router';
import type { Permission } from '../../../shared/access.js';
import type { MessageKey } from '../../i18n/keys.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ModuleTabs } from '../../ui/ModuleTabs.js';

export const PATENT_ROUTES = {
  statistics: '/patents',
  registry: '/patents/registry',
  pools: '/patents/pools',
  import: '/patents/import',
} as const;
export const patentPath = (id: string): string => `${PATENT_ROUTES.registry}/${encodeURIComponent(id)}`;
export const poolPath = (id: string): string => `${PATENT_ROUTES.pools}/${encodeURIComponent(id)}`;

const TABS: readonly { key: keyof typeof PATENT_ROUTES; label: MessageKey; permissions: readonly Permission[] | null }[] = [
  { key: 'statistics', label: 'patents.nav.statistics', permissions: null },
  { key: 'registry', label: 'patents.nav.registry', permissions: null },
  { key: 'pools', label: 'patents.nav.pools', permissions: null },
  { key: 'import', label: 'patents.nav.import', permissions: ['patents:manage'] },
];

/** Statistics, records and pools for everyone (patents are public records); the import for those who keep them. */
export const PatentsNav = () => {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const active = pathname === PATENT_ROUTES.statistics ? 'statistics' : (['import', 'pools', 'registry'] as const).find((k) => pathname.startsWith(PATENT_ROUTES[k])) ?? 'registry';
  return <ModuleTabs tabs={TABS.map((tab) => ({ ...tab, path: PATENT_ROUTES[tab.key], label: t(tab.label) }))} active={active} label={t('patents.nav.label')} testIdPrefix="patents" />;
};
