import { QueryClient } from '@tanstack/react-query';
import { configureApiSession, isApiError } from './api.js';
import { fetchSession, sessionQueryKey } from '../modules/auth/hooks/session-query.js';
import type { TSessionInfo } from '../../shared/schemas/auth.js';

export const createQueryClient = (): QueryClient => {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        // A 4xx will not get better by asking again.
        retry: (failures, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
  configureApiSession({
    getCsrfToken: () => client.getQueryData<TSessionInfo>(sessionQueryKey)?.csrfToken ?? null,
    refreshSession: async () => {
      const session = await client.fetchQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: 0 });
      return session.csrfToken;
    },
  });
  return client;
};
