import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../app/api.js';
import { useSession } from '../../../app/session.js';
import type { KeyCandidate, ServicePackage } from '../types.js';
import { enc, servicesApi } from './base.js';
import { invalidateServices } from './invalidate.js';
import { serviceKeys } from './keys.js';

export type PackageFilters = { mine?: 'true' | undefined; state?: string | undefined };

/** GET /service-packages (officers): the key enterprises' packages (`mine`: those I keep). */
export const usePackagesQuery = (centreId: string, filters: PackageFilters, options: { enabled?: boolean } = {}) => {
  const { user, can } = useSession();
  return useQuery({
    queryKey: serviceKeys.packages(centreId, filters, user?.id ?? null),
    queryFn: ({ signal }) => apiGet<{ items: ServicePackage[] }>(`${servicesApi(centreId)}/service-packages`, filters, signal),
    enabled: can('services:manage') && (options.enabled ?? true),
  });
};

/** GET /service-packages/:id: officers and the enterprise. */
export const usePackageQuery = (centreId: string, packageId: string | undefined) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: serviceKeys.package(centreId, packageId ?? '', user?.id ?? null),
    queryFn: ({ signal }) => apiGet<ServicePackage>(`${servicesApi(centreId)}/service-packages/${enc(packageId ?? '')}`, undefined, signal),
    enabled: !!packageId && !isLoading && !!user,
  });
};

/** GET /service-packages/candidates?tiers=…: enterprises that are key by recognition tier. */
export const useKeyCandidatesQuery = (centreId: string, tiers: readonly string[]) =>
  useQuery({
    queryKey: serviceKeys.candidates(centreId, tiers),
    queryFn: ({ signal }) => apiGet<{ items: KeyCandidate[] }>(`${servicesApi(centreId)}/service-packages/candidates`, { tiers: tiers.join(',') }, signal),
    enabled: tiers.length > 0,
  });

/** The body of a new package (`ZPackageInput`). */
export type PackageBody = {
  enterpriseId: string;
  keyBasis: string;
  primaryHousekeeperId: string;
  backupHousekeeperId: string | null;
  services: { code: string; titleZh: string; titleEn: string; slaDays: number | null; notes: string | null }[];
  checkInEveryDays: number;
  nextCheckInOn: string;
};

/** POST /service-packages: a draft for a key enterprise. */
export const useCreatePackageMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PackageBody) => apiRequest<ServicePackage>(`${servicesApi(centreId)}/service-packages`, { method: 'POST', body }),
    onSuccess: () => invalidateServices(client, centreId),
  });
};

/** PATCH /service-packages/:id: only what changed, with the version seen (changed services send it back for sign-off). */
export const useUpdatePackageMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Partial<Omit<PackageBody, 'enterpriseId'>> & { version: number } }) =>
      apiRequest<ServicePackage>(`${servicesApi(centreId)}/service-packages/${enc(id)}`, { method: 'PATCH', body: patch }),
    onSuccess: () => invalidateServices(client, centreId),
  });
};

/** POST /service-packages/:id/transitions: offer, sign (the enterprise), return with a comment, end. */
export const usePackageTransitionMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, note, version }: { id: string; action: string; note: string | null; version?: number }) =>
      apiRequest<ServicePackage>(`${servicesApi(centreId)}/service-packages/${enc(id)}/transitions`, { method: 'POST', body: { action, note, ...(version ? { version } : {}) } }),
    onSuccess: () => invalidateServices(client, centreId),
  });
};
