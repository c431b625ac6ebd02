import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageFallback } from '../ui/PageFallback.js';
import { ROUTES } from './nav.js';
import { useSession } from './session.js';

/** Renders children only for a signed-in user; sends anonymous visitors to sign in (and back). */
export const RequireSignIn = ({ children }: { children: ReactNode }) => {
  const { user, isLoading } = useSession();
  const location = useLocation();
  if (isLoading) return <PageFallback />;
  if (!user) return <Navigate to={`${ROUTES.login}?next=${encodeURIComponent(`${location.pathname}${location.search}`)}`} replace />;
  return <>{children}</>;
};
