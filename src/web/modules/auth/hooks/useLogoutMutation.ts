import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import { sessionQueryKey } from './session-query.js';

export const useLogoutMutation = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>('/api/auth/logout', { method: 'POST' }),
    onSettled: async () => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] === 'admin' });
      await client.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
};
