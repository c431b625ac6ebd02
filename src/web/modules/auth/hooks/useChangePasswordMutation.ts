import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import { sessionQueryKey } from './session-query.js';

export type ChangePasswordInput = { currentPassword: string; newPassword: string };

export const useChangePasswordMutation = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordInput) => apiRequest<void>('/api/auth/password', { method: 'POST', body }),
    // The server clears mustChangePassword and may rotate the session.
    onSuccess: () => client.invalidateQueries({ queryKey: sessionQueryKey }),
  });
};
