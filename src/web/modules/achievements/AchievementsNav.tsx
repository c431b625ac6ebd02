import { Link, useLocation } from 'react-router';
import type { Permission } from '../../../shared/access.js';
import { useSession } from '../../app/session.js';
import type { MessageKey } from '../../i18n/keys.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import '../contracts/contracts.css';

export const ACHIEVEMENT_ROUTES = {
  market: '/achievements',
  new: '/achievements/new',
  needs: '/achievements/needs',
  newNeed: '/achievements/needs/new',
} as const;
export const achievementPath = (id: string): string => `${ACHIEVEMENT_ROUTES.market}/${encodeURIComponent(id)}`;
export const needPath = (id: string): string => `${ACHIEVEMENT_ROUTES.needs}/${encodeURIComponent(id)}`;

const TABS: readonly { key: string; path: string; label: MessageKey; permissions: readonly Permission[] | null }[] = [
  { key: 'market', path: ACHIEVEMENT_ROUTES.market, label: 'achievements.nav.market', permissions: null },
  { key: 'needs', path: ACHIEVEMENT_ROUTES.needs, label: 'achievements.nav.needs', permissions: ['needs:post', 'achievements:manage'] },
  { key: 'new', path: ACHIEVEMENT_ROUTES.new, label: 'achievements.nav.new', permissions: ['achievements:write', 'achievements:manage'] },
];

/** The marketplace for everyone; needs and recording for those who may use them (the contracts' tab style). */
export const AchievementsNav = () => {
  const { t } = useI18n();
  const { can } = useSession();
  const { pathname } = useLocation();
  const tabs = TABS.filter((tab) => tab.permissions === null || tab.permissions.some(can));
  if (tabs.length < 2) return null;
  const active = pathname.startsWith(ACHIEVEMENT_ROUTES.needs) ? 'needs' : pathname === ACHIEVEMENT_ROUTES.new ? 'new' : 'market';
  return (
    <nav className="kc-tc-tabs kc-no-print" aria-label={t('nav.techTransfer')}>
      {tabs.map((tab) => (
        <Link key={tab.key} to={tab.path} className={tab.key === active ? 'kc-tc-tab is-active' : 'kc-tc-tab'} aria-current={tab.key === active ? 'page' : undefined} data-testid={`achievements-tab-${tab.key}`}>
          {t(tab.label)}
        </Link>
      ))}
    </nav>
  );
};
