import { useQuery } from '@tanstack/react-query';
import { fetchSession, sessionQueryKey } from './session-query.js';

/** The visitor's session; `user` is null for anonymous visitors. */
export const useSessionQuery = () =>
  useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: 5 * 60_000, refetchOnWindowFocus: true });
