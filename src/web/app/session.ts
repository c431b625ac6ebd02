import type { Permission } from '../../shared/access.js';
import type { TSessionInfo } from '../../shared/schemas/auth.js';
import { useSessionQuery } from '../modules/auth/hooks/useSessionQuery.js';

export const hasPermission = (session: TSessionInfo | undefined, permission: Permission): boolean =>
  session?.permissions.includes(permission) ?? false;

/** The session and helpers; `user` is null for anonymous visitors (and while loading). */
export const useSession = () => {
  const query = useSessionQuery();
  const session = query.data;
  return {
    session,
    user: session?.user ?? null,
    isLoading: query.isLoading,
    can: (permission: Permission) => hasPermission(session, permission),
  };
};

/** Only same-site paths are followed after sign-in ("/x", never "//host" or "https://…"). */
export const safeNextPath = (next: string | null | undefined): string =>
  next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/login') ? next : '/';
