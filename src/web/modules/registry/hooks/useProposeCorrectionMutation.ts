import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../app/api.js';
import type { ZCorrection, ZCorrectionInput } from '../../../../shared/schemas/registry.js';

export type CorrectionInput = z.input<typeof ZCorrectionInput>;
export type TCorrection = z.infer<typeof ZCorrection>;

/** An enterprise or research-team member proposes a change to their own organisation's profile. */
export const useProposeCorrectionMutation = (centreId: string) =>
  useMutation({
    mutationFn: ({ entityId, body }: { entityId: string; body: CorrectionInput }) =>
      apiRequest<TCorrection>(`/api/centres/${encodeURIComponent(centreId)}/entities/${encodeURIComponent(entityId)}/corrections`, {
        method: 'POST',
        body,
      }),
  });
