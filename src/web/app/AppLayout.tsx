import { MenuOutlined } from '@ant-design/icons';
import { Button, Popover } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, Outlet } from 'react-router';
import { pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { LanguageSwitch } from '../modules/auth/components/LanguageSwitch.js';
import { UserMenu } from '../modules/auth/components/UserMenu.js';
import { PageFallback } from '../ui/PageFallback.js';
import { QueryState } from '../ui/QueryState.js';
import { useMinWidth } from '../ui/useMediaQuery.js';
import { useCentreContext } from './centre.js';
import { InboxLink } from './InboxLink.js';
import { SideNav } from './SideNav.js';

// Only small screens use the drawer: keep its code off the desktop's first load.
const NavDrawer = lazy(() => import('./NavDrawer.js').then((m) => ({ default: m.NavDrawer })));

const CentreTitle = ({ compact }: { compact: boolean }) => {
  const { t, locale } = useI18n();
  const { centre, centres, setCentreId } = useCentreContext();
  const [open, setOpen] = useState(false);
  if (!centre) return null;
  const name = compact ? pickName({ nameZh: centre.shortNameZh, nameEn: centre.shortNameEn }, locale) : pickName(centre, locale);
  const label = (
    <span className="kc-centre-name" data-testid="centre-name" title={pickName(centre, locale)}>
      {name}
    </span>
  );
  if (centres.length < 2) return label;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomLeft"
      content={
        <ul className="kc-menu-list" aria-label={t('header.switchCentre')}>
          {centres.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className={c.id === centre.id ? 'kc-menu-item is-active' : 'kc-menu-item'}
                aria-current={c.id === centre.id}
                onClick={() => {
                  setCentreId(c.id);
                  setOpen(false);
                }}
              >
                {pickName(c, locale)}
              </button>
            </li>
          ))}
        </ul>
      }
    >
      <Button type="text" className="kc-header-button" aria-label={t('header.switchCentre')}>
        {label}
      </Button>
    </Popover>
  );
};

/** The shell: header (brand, centre, language, user), side navigation, and the routed page. */
export const AppLayout = () => {
  const { t } = useI18n();
  const isDesktop = useMinWidth('lg');
  const isWide = useMinWidth('md');
  const isSmall = !useMinWidth('sm');
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Mounted from the first opening on, so it can animate closed.
  const [drawerLoaded, setDrawerLoaded] = useState(false);
  const { centre, isLoading, error, refetch } = useCentreContext();

  return (
    <div className="kc-shell">
      <header className="kc-header">
        {!isDesktop && (
          <Button
            type="text"
            className="kc-header-button"
            icon={<MenuOutlined />}
            aria-label={t('nav.open')}
            aria-expanded={drawerOpen}
            onClick={() => {
              setDrawerLoaded(true);
              setDrawerOpen(true);
            }}
          />
        )}
        <Link to="/" className="kc-brand" aria-label={t('app.homeLink')}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="kc-brand-zh">{t('app.nameZh')}</span>
          {!isSmall && <span className="kc-brand-en">KeChuang</span>}
        </Link>
        <span className="kc-header-divider" aria-hidden />
        <CentreTitle compact={!isWide} />
        <span className="kc-header-spacer" />
        <LanguageSwitch ghost compact={isSmall} />
        <InboxLink />
        <UserMenu compact={isSmall} />
      </header>
      <div className="kc-body">
        {isDesktop ? (
          <aside className="kc-sider">
            <SideNav />
          </aside>
        ) : (
          drawerLoaded && (
            <Suspense fallback={null}>
              <NavDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} title={t('app.name')}>
                <SideNav onNavigate={() => setDrawerOpen(false)} />
              </NavDrawer>
            </Suspense>
          )
        )}
        <div className="kc-main">
          <main className="kc-content">
            <QueryState isLoading={isLoading} error={error} isEmpty={!centre} emptyText={t('centre.none')} onRetry={refetch}>
              <Suspense fallback={<PageFallback />}>
                <Outlet />
              </Suspense>
            </QueryState>
          </main>
          <footer className="kc-footer">{t('footer.text')}</footer>
        </div>
      </div>
    </div>
  );
};
