import { useLocation } from 'react-router';
import type { Permission } from '../../../shared/access.js';
import type { MessageKey } from '../../i18n/keys.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ModuleTabs } from '../../ui/ModuleTabs.js';

export const ACHIEVEMENT_ROUTES = {
  market: '/achievements',
  new: '/achievements/new',
  needs: '/achievements/needs',
  newNeed: '/achievements/needs/new',
} as const;
export const achievementPath = (id: string): string => `${ACHIEVEMENT_ROUTES.market}/${encodeURIComponent(id)}`;
export const needPath = (id: string): string => `${ACHIEVEMENT_ROUTES.needs}/${encodeURIComponent(id)}`;

const TABS: readonly { key: 'market' | 'needs' | 'new'; path: string; label: MessageKey; permissions: readonly Permission[] | null }[] = [
  { key: 'market', path: ACHIEVEMENT_ROUTES.market, label: 'achievements.nav.market', permissions: null },
  { key: 'needs', path: ACHIEVEMENT_ROUTES.needs, label: 'achievements.nav.needs', permissions: ['needs:post', 'achievements:manage'] },
  { key: 'new', path: ACHIEVEMENT_ROUTES.new, label: 'achievements.nav.new', permissions: ['achievements:write', 'achievements:manage'] },
];

/** The marketplace for everyone; needs and recording for those who may use them. */
export const AchievementsNav = () => {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const active = pathname.startsWith(ACHIEVEMENT_ROUTES.needs) ? 'needs' : pathname === ACHIEVEMENT_ROUTES.new ? 'new' : 'market';
  return <ModuleTabs tabs={TABS.map((tab) => ({ ...tab, label: t(tab.label) }))} active={active} label={t('nav.techTransfer')} testIdPrefix="achievements" />;
};
