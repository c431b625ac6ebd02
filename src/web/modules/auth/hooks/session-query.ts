import { apiGet } from '../../../app/api.js';
import type { TSessionInfo } from '../../../../shared/schemas/auth.js';

export const sessionQueryKey = ['auth', 'session'] as const;
export const fetchSession = ({ signal }: { signal?: AbortSignal } = {}): Promise<TSessionInfo> =>
  apiGet<TSessionInfo>('/api/auth/session', undefined, signal);
