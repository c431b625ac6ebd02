import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TLoginRequest, TSessionInfo } from '../../../../shared/schemas/auth.js';
import { sessionQueryKey } from './session-query.js';

export const useLoginMutation = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TLoginRequest) => apiRequest<TSessionInfo>('/api/auth/login', { method: 'POST', body }),
    onSuccess: (session) => {
      client.setQueryData(sessionQueryKey, session);
      // Anything cached while anonymous may now look different.
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== sessionQueryKey[0] });
    },
  });
};
