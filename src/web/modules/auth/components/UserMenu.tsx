import { DownOutlined, KeyOutlined, LoginOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Popover } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ROUTES } from '../../../app/nav.js';
import { useSession } from '../../../app/session.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { roleKey } from '../../../i18n/keys.js';
import { lazyWithMessages } from '../../../i18n/lazy.js';
import { useLogoutMutation } from '../hooks/useLogoutMutation.js';

const ChangePasswordDialog = lazyWithMessages(() => import('./ChangePasswordDialog.js'), 'ChangePasswordDialog', ['account']);

/** Sign in, or the signed-in user's menu: change password and sign out. Forces a password change when required. */
export const UserMenu = ({ compact = false }: { compact?: boolean }) => {
  const { t } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogoutMutation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  // Once opened, the dialog stays mounted (closed) so its "changed" message outlives it.
  const [dialogLoaded, setDialogLoaded] = useState(false);
  const mustChange = user?.mustChangePassword === true;
  useEffect(() => {
    if (mustChange) setDialogLoaded(true);
  }, [mustChange]);

  if (!user) {
    const next = `${location.pathname}${location.search}`;
    const onLoginPage = location.pathname === ROUTES.login;
    return (
      <Button
        type="primary"
        icon={<LoginOutlined />}
        data-testid="user-menu"
        aria-label={compact ? t('auth.signIn') : undefined}
        onClick={() => navigate(onLoginPage ? ROUTES.login : `${ROUTES.login}?next=${encodeURIComponent(next)}`)}
      >
        {compact ? null : t('auth.signIn')}
      </Button>
    );
  }

  // Whatever the server says, the session is refetched and the header turns back into "Sign in".
  const signOut = () => {
    setMenuOpen(false);
    logout.mutate(undefined, { onSettled: () => navigate(ROUTES.dashboard) });
  };

  const forced = user.mustChangePassword;
  return (
    <>
      <Popover
        open={menuOpen}
        onOpenChange={setMenuOpen}
        trigger="click"
        placement="bottomRight"
        arrow={false}
        content={
          <div className="kc-user-popover">
            <div className="kc-user-who">
              <strong>{user.displayName}</strong>
              <span>
                {user.username} · {t(roleKey(user.role))}
              </span>
            </div>
            <ul className="kc-menu-list">
              <li>
                <button
                  type="button"
                  className="kc-menu-item"
                  data-testid="user-menu-change-password"
                  onClick={() => {
                    setMenuOpen(false);
                    setDialogLoaded(true);
                    setChangingPassword(true);
                  }}
                >
                  <KeyOutlined aria-hidden /> {t('auth.changePassword')}
                </button>
              </li>
              <li>
                <button type="button" className="kc-menu-item" data-testid="user-menu-sign-out" onClick={signOut}>
                  <LogoutOutlined aria-hidden /> {t('auth.signOut')}
                </button>
              </li>
            </ul>
          </div>
        }
      >
        <Button
          type="text"
          className="kc-header-button"
          data-testid="user-menu"
          aria-label={t('auth.userMenu')}
          aria-haspopup="true"
          aria-expanded={menuOpen}
        >
          <UserOutlined />
          {!compact && <span className="kc-user-name">{user.displayName}</span>}
          <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Popover>
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
