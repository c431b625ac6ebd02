import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TUser } from '../../../../shared/schemas/auth.js';

export const userKeys = { list: () => ['admin', 'users'] as const };

export const useUsersQuery = (options: { enabled?: boolean } = {}) =>
  useQuery({ queryKey: userKeys.list(), queryFn: ({ signal }) => apiGet<{ items: TUser[] }>('/api/users', undefined, signal), enabled: options.enabled ?? true });
