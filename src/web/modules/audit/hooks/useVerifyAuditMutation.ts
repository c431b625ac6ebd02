import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../app/api.js';
import type { TAuditVerification } from '../../../../shared/schemas/audit.js';

export const useVerifyAuditMutation = () =>
  useMutation({ mutationFn: () => apiRequest<TAuditVerification>('/api/audit/verify', { method: 'POST' }) });
