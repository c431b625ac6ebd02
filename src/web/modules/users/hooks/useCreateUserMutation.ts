import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TCreateUserRequest, TUser } from '../../../../shared/schemas/auth.js';
import { userKeys } from './useUsersQuery.js';

export const useCreateUserMutation = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateUserRequest) => apiRequest<TUser>('/api/users', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.list() }),
  });
};
