import { useMemo } from 'react';
import { useSession } from '../../../app/session.js';
import { useUsersQuery } from '../../users/hooks/useUsersQuery.js';
import { officerDirectory, type OfficerRef } from '../utils/officers.js';
import { useDepartmentsQuery } from './useDepartments.js';
import { usePackagesQuery } from './usePackages.js';

/**
 * Service officers to pick from (department members, housekeepers). Only
 * administrators may list accounts (`GET /api/users`, `users:manage`); for
 * everyone else the list is the officers the services records already name
 * (department members, housekeepers) and the viewer, and a pick may also be
 * an account id typed in.
 */
export const useOfficerDirectory = (centreId: string): { officers: OfficerRef[]; complete: boolean; isLoading: boolean } => {
  const { user, can } = useSession();
  const admin = can('users:manage');
  const users = useUsersQuery({ enabled: admin });
  const departments = useDepartmentsQuery(centreId);
  const packages = usePackagesQuery(centreId, {});
  const officers = useMemo(
    () => officerDirectory({ centreId, viewer: user, users: admin ? (users.data?.items ?? []) : null, departments: departments.data?.items ?? [], packages: packages.data?.items ?? [] }),
    [centreId, user, admin, users.data, departments.data, packages.data],
  );
  return { officers, complete: admin && !!users.data, isLoading: (admin && users.isLoading) || departments.isLoading };
};
