import { DownOutlined, KeyOutlined, LoginOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ROUTES } from '../../../app/nav.js';
import { useSession } from '../../../app/session.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { roleKey } from '../../../i18n/keys.js';
import { useLogoutMutation } from '../hooks/useLogoutMutation.js';

const ChangePasswordDialog = lazy(() => import('./ChangePasswordDialog.js').then((m) => ({ default: m.ChangePasswordDialog })));

/** Sign in, or the signed-in user's menu: change password and sign out. Forces a password change when required. */
export const UserMenu = ({ compact = false }: { compact?: boolean }) => {
  const { t } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogoutMutation();
  const [changingPassword, setChangingPassword] = useState(false);
  // Once opened, the dialog stays mounted (closed) so its "changed" message outlives it.
  const [dialogLoaded, setDialogLoaded] = useState(false);

  if (!user) {
    const next = `${location.pathname}${location.search}`;
    return (
      <Button
        type="primary"
        icon={<LoginOutlined />}
        data-testid="user-menu"
        onClick={() => navigate(`${ROUTES.login}?next=${encodeURIComponent(next)}`)}
      >
        {t('auth.signIn')}
      </Button>
    );
  }

  const signOut = () =>
    // Whatever the server says, the session is refetched and the header turns back into "Sign in".
    logout.mutate(undefined, { onSettled: () => navigate(ROUTES.dashboard) });

  const forced = user.mustChangePassword;
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'who', type: 'group', label: `${user.displayName} · ${t(roleKey(user.role))}` },
            { type: 'divider' },
            {
              key: 'password',
              icon: <KeyOutlined />,
              label: <span data-testid="user-menu-change-password">{t('auth.changePassword')}</span>,
              onClick: () => {
                setDialogLoaded(true);
                setChangingPassword(true);
              },
            },
            {
              key: 'logout',
              icon: <LogoutOutlined />,
              label: <span data-testid="user-menu-sign-out">{t('auth.signOut')}</span>,
              onClick: signOut,
            },
          ],
        }}
      >
        <Button type="text" className="kc-header-button" data-testid="user-menu" aria-label={t('auth.userMenu')}>
          <UserOutlined />
          {!compact && <span className="kc-user-name">{user.displayName}</span>}
          <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      {(dialogLoaded || forced) && (
        <Suspense fallback={null}>
          <ChangePasswordDialog
            open={changingPassword || forced}
            forced={forced}
            username={user.username}
            onClose={() => setChangingPassword(false)}
            onSignOut={signOut}
          />
        </Suspense>
      )}
    </>
  );
};
