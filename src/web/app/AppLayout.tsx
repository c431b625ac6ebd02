import { MenuOutlined } from '@ant-design/icons';
import { Button, Dropdown, Grid, Layout, Menu, Tooltip, type MenuProps } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { LanguageSwitch } from '../modules/auth/components/LanguageSwitch.js';
import { UserMenu } from '../modules/auth/components/UserMenu.js';
import { PageFallback } from '../ui/PageFallback.js';
import { QueryState } from '../ui/QueryState.js';
import { useCentreContext } from './centre.js';
import { COMING_SOON, NAV_ENTRIES, navKeyForPath } from './nav.js';
import { useSession } from './session.js';

const { Header, Sider, Content, Footer } = Layout;

// Only small screens use the drawer: keep its code off the desktop's first load.
const NavDrawer = lazy(() => import('./NavDrawer.js').then((m) => ({ default: m.NavDrawer })));

const useNavItems = (): MenuProps['items'] => {
  const { t } = useI18n();
  const { session } = useSession();
  // A string, so the memo below changes only when the permissions do.
  const permissions = (session?.permissions ?? []).join(' ');
  return useMemo(
    () => [
      ...NAV_ENTRIES.filter((e) => !e.permission || permissions.split(' ').includes(e.permission)).map((e) => ({
        key: e.key,
        icon: e.icon,
        label: <span data-testid={`nav-${e.key}`}>{t(e.label)}</span>,
      })),
      {
        key: 'coming-soon',
        type: 'group' as const,
        label: t('nav.comingSoonGroup'),
        children: COMING_SOON.map((e) => ({
          key: e.key,
          icon: e.icon,
          disabled: true,
          label: (
            <Tooltip title={t('nav.comingSoonHint')} placement="right">
              <span data-testid={`nav-${e.key}`} aria-disabled="true">
                {t(e.label)}
                <span className="kc-soon-badge">{t('nav.comingSoonBadge')}</span>
              </span>
            </Tooltip>
          ),
        })),
      },
    ],
    [t, permissions],
  );
};

const CentreTitle = ({ compact }: { compact: boolean }) => {
  const { t, locale } = useI18n();
  const { centre, centres, setCentreId } = useCentreContext();
  if (!centre) return null;
  const name = compact
    ? pickName({ nameZh: centre.shortNameZh, nameEn: centre.shortNameEn }, locale)
    : pickName(centre, locale);
  const label = <span className="kc-centre-name" data-testid="centre-name">{name}</span>;
  if (centres.length < 2) return label;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [centre.id],
        items: centres.map((c) => ({ key: c.id, label: pickName(c, locale) })),
        onClick: ({ key }) => setCentreId(key),
      }}
    >
      <Button type="text" className="kc-header-button" aria-label={t('header.switchCentre')}>
        {label}
      </Button>
    </Dropdown>
  );
};

/** The shell: header (brand, centre, language, user), side navigation, and the routed page. */
export const AppLayout = () => {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const isDesktop = screens.lg ?? true;
  const location = useLocation();
  const navigate = useNavigate();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Mounted from the first opening on, so it can animate closed.
  const [drawerLoaded, setDrawerLoaded] = useState(false);
  const items = useNavItems();
  const selected = navKeyForPath(location.pathname);
  const { centre, isLoading, error, refetch } = useCentreContext();

  const onMenuClick: MenuProps['onClick'] = ({ key }) => {
    const entry = NAV_ENTRIES.find((e) => e.key === key);
    if (entry) navigate(entry.path);
    setDrawerOpen(false);
  };

  const menu = (
    <nav aria-label={t('nav.label')}>
      <Menu mode="inline" items={items} selectedKeys={selected ? [selected] : []} onClick={onMenuClick} className="kc-nav" />
    </nav>
  );

  return (
    <Layout className="kc-shell">
      <Header className="kc-header">
        {!isDesktop && (
          <Button
            type="text"
            className="kc-header-button"
            icon={<MenuOutlined />}
            aria-label={t('nav.open')}
            onClick={() => {
              setDrawerLoaded(true);
              setDrawerOpen(true);
            }}
          />
        )}
        <a
          href="/"
          className="kc-brand"
          onClick={(e) => {
            e.preventDefault();
            navigate('/');
          }}
        >
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="kc-brand-zh">{t('app.nameZh')}</span>
          {screens.sm !== false && <span className="kc-brand-en">KeChuang</span>}
        </a>
        <span className="kc-header-divider" aria-hidden />
        <CentreTitle compact={!screens.md} />
        <span className="kc-header-spacer" />
        <LanguageSwitch ghost />
        <UserMenu compact={!screens.md} />
      </Header>
      <Layout>
        {isDesktop ? (
          <Sider width={224} className="kc-sider" theme="light">
            {menu}
          </Sider>
        ) : (
          drawerLoaded && (
            <Suspense fallback={null}>
              <NavDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} title={t('app.name')}>
                {menu}
              </NavDrawer>
            </Suspense>
          )
        )}
        <Layout className="kc-main">
          <Content className="kc-content">
            <QueryState
              isLoading={isLoading}
              error={error}
              isEmpty={!centre}
              emptyText={t('centre.none')}
              onRetry={refetch}
            >
              <Suspense fallback={<PageFallback />}>
                <Outlet />
              </Suspense>
            </QueryState>
          </Content>
          <Footer className="kc-footer">
            {t('footer.text')}
          </Footer>
        </Layout>
      </Layout>
    </Layout>
  );
};
