import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../app/api.js';
import type { ZRecognition, ZRecognitionInput } from '../../../../shared/schemas/registry.js';
import { invalidateRegistry } from './invalidate.js';

export type RecognitionInput = z.input<typeof ZRecognitionInput>;

export const useAddRecognitionMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ entityId, body }: { entityId: string; body: RecognitionInput }) =>
      apiRequest<z.infer<typeof ZRecognition>>(`/api/centres/${encodeURIComponent(centreId)}/entities/${encodeURIComponent(entityId)}/recognitions`, {
        method: 'POST',
        body,
      }),
    onSuccess: (_, { entityId }) => invalidateRegistry(client, centreId, [entityId]),
  });
};
