import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import type { TDashboard } from '../../../../shared/schemas/dashboard.js';
import { centreKeys } from '../../centres/hooks/keys.js';

export const useDashboardQuery = (centreId: string) =>
  useQuery({
    queryKey: centreKeys.dashboard(centreId),
    queryFn: ({ signal }) => apiGet<TDashboard>(`/api/centres/${encodeURIComponent(centreId)}/dashboard`, undefined, signal),
  });
