import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { ServiceSettings } from '../types.js';
import { serviceKeys } from './keys.js';

/** GET /api/services/settings (public): the demand and package workflows, service levels and the escalation ladder. */
export const useServiceSettingsQuery = () =>
  useQuery({
    queryKey: serviceKeys.settings(),
    queryFn: ({ signal }) => apiGet<ServiceSettings>('/api/services/settings', undefined, signal),
    staleTime: 60 * 60_000,
  });
