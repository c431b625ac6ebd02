import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../app/api.js';
import type { ZFact, ZFactInput } from '../../../../shared/schemas/registry.js';
import { invalidateRegistry } from './invalidate.js';

export type FactInput = z.input<typeof ZFactInput>;

export const useAddFactMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ entityId, body }: { entityId: string; body: FactInput }) =>
      apiRequest<z.infer<typeof ZFact>>(`/api/centres/${encodeURIComponent(centreId)}/entities/${encodeURIComponent(entityId)}/facts`, {
        method: 'POST',
        body,
      }),
    onSuccess: (_, { entityId }) => invalidateRegistry(client, centreId, [entityId]),
  });
};
