import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api.js';
import { useSession } from '../../../app/session.js';
import type { EnterpriseServiceView } from '../types.js';
import { enc, servicesApi } from './base.js';
import { serviceKeys } from './keys.js';

/** GET /enterprises/:id/service-view: profile, package, demands, visits, applications (its housekeeper, officers, its own members). */
export const useEnterpriseViewQuery = (centreId: string, enterpriseId: string | null | undefined) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: serviceKeys.enterprise(centreId, enterpriseId ?? '', user?.id ?? null),
    queryFn: ({ signal }) => apiGet<EnterpriseServiceView>(`${servicesApi(centreId)}/enterprises/${enc(enterpriseId ?? '')}/service-view`, undefined, signal),
    enabled: !!enterpriseId && !isLoading && !!user,
  });
};
