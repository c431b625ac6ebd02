import { Button } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { Permission } from '../../shared/access.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PageFallback } from '../ui/PageFallback.js';
import { StatusMessage } from '../ui/StatusMessage.js';
import { ROUTES } from './nav.js';
import { useSession } from './session.js';

/** Renders children only for a signed-in user holding the permission; sends anonymous visitors to sign in. */
export const RequirePermission = ({ permission, children }: { permission: Permission; children: ReactNode }) => {
  const { t } = useI18n();
  const { user, isLoading, can } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  if (isLoading) return <PageFallback />;
  if (!user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`${ROUTES.login}?next=${encodeURIComponent(next)}`} replace />;
  }
  if (!can(permission)) {
    return (
      <StatusMessage
        status="forbidden"
        title={t('access.deniedTitle')}
        text={t('error.FORBIDDEN')}
        action={<Button onClick={() => navigate(ROUTES.dashboard)}>{t('common.backHome')}</Button>}
      />
    );
  }
  return <>{children}</>;
};
