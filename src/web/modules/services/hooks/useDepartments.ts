import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../app/api.js';
import { useSession } from '../../../app/session.js';
import type { Department } from '../types.js';
import { enc, servicesApi } from './base.js';
import { invalidateServices } from './invalidate.js';
import { serviceKeys } from './keys.js';

/** GET /service-departments (officers, analysts): departments with their types, areas and members. */
export const useDepartmentsQuery = (centreId: string) => {
  const { can } = useSession();
  return useQuery({
    queryKey: serviceKeys.departments(centreId),
    queryFn: ({ signal }) => apiGet<{ items: Department[] }>(`${servicesApi(centreId)}/service-departments`, undefined, signal),
    enabled: can('centre:read'),
    staleTime: 60_000,
  });
};

export type DepartmentBody = {
  nameZh: string;
  nameEn: string;
  level: string;
  areaId: string | null;
  demandTypes: string[];
  isCoordinator: boolean;
  memberUserIds: string[];
};

/** POST /service-departments. */
export const useCreateDepartmentMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DepartmentBody) => apiRequest<Department>(`${servicesApi(centreId)}/service-departments`, { method: 'POST', body }),
    onSuccess: () => invalidateServices(client, centreId),
  });
};

/** PUT /service-departments/:id: the whole department with the version seen. */
export const useUpdateDepartmentMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DepartmentBody & { version: number } }) => apiRequest<Department>(`${servicesApi(centreId)}/service-departments/${enc(id)}`, { method: 'PUT', body }),
    onSuccess: () => invalidateServices(client, centreId),
  });
};
