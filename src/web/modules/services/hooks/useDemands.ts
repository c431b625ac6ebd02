import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../app/api.js';
import { useSession } from '../../../app/session.js';
import type { Demand, DemandFilters, DemandSummary } from '../types.js';
import { enc, servicesApi } from './base.js';
import { invalidateServices } from './invalidate.js';
import { serviceKeys } from './keys.js';

/** GET /demands: the ledger (officers: the centre's, `mine`: the cases I work; enterprises: their own). */
export const useDemandsQuery = (centreId: string, filters: DemandFilters, options: { enabled?: boolean } = {}) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: serviceKeys.demands(centreId, filters, user?.id ?? null),
    queryFn: ({ signal }) => apiGet<{ total: number; totalAtLeast: boolean; items: DemandSummary[] }>(`${servicesApi(centreId)}/demands`, filters, signal),
    placeholderData: keepPreviousData,
    enabled: !isLoading && !!user && (options.enabled ?? true),
  });
};

/** GET /demands/:id: the case with its clocks, thread and the viewer's next actions. */
export const useDemandQuery = (centreId: string, demandId: string | undefined) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: serviceKeys.demand(centreId, demandId ?? '', user?.id ?? null),
    queryFn: ({ signal }) => apiGet<Demand>(`${servicesApi(centreId)}/demands/${enc(demandId ?? '')}`, undefined, signal),
    enabled: !!demandId && !isLoading && !!user,
  });
};

/** Several cases at once (the demands a visit just raised, to show where each was routed). */
export const useDemandsByIdQueries = (centreId: string, ids: readonly string[]) => {
  const { user } = useSession();
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: serviceKeys.demand(centreId, id, user?.id ?? null),
      queryFn: ({ signal }: { signal: AbortSignal }) => apiGet<Demand>(`${servicesApi(centreId)}/demands/${enc(id)}`, undefined, signal),
    })),
  });
};

/** POST /demands: an enterprise raises one for itself; an officer names the enterprise. */
export const useCreateDemandMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { type: string; title: string; description: string; enterpriseId?: string }) => apiRequest<Demand>(`${servicesApi(centreId)}/demands`, { method: 'POST', body }),
    onSuccess: () => invalidateServices(client, centreId),
  });
};

export type DemandTransitionInput = { id: string; action: string; note?: string | null; departmentId?: string | null; version?: number };

/** POST /demands/:id/transitions: accept, transfer, start, resolve; the enterprise confirms, reopens, withdraws. */
export const useDemandTransitionMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, note, departmentId, version }: DemandTransitionInput) =>
      apiRequest<Demand>(`${servicesApi(centreId)}/demands/${enc(id)}/transitions`, { method: 'POST', body: { action, note: note ?? null, departmentId: departmentId ?? null, ...(version ? { version } : {}) } }),
    onSuccess: () => invalidateServices(client, centreId),
  });
};

/** POST /demands/:id/messages: a message in the thread (officers may mark it internal). */
export const useDemandMessageMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body, internal }: { id: string; body: string; internal: boolean }) => apiRequest<Demand>(`${servicesApi(centreId)}/demands/${enc(id)}/messages`, { method: 'POST', body: { body, internal } }),
    onSuccess: () => invalidateServices(client, centreId),
  });
};

/** POST /demands/:id/attachments: a file into the case thread (its own entry; internal if an officer says so). */
export const useDemandFileMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file, internal }: { id: string; file: File; internal: boolean }) =>
      apiRequest<Demand>(`${servicesApi(centreId)}/demands/${enc(id)}/attachments?fileName=${encodeURIComponent(file.name)}&internal=${internal ? 'true' : 'false'}`, {
        method: 'POST',
        file: { data: file, contentType: 'application/octet-stream' },
      }),
    onSuccess: () => invalidateServices(client, centreId),
  });
};

export const demandFileUrl = (centreId: string, demandId: string, attachmentId: string): string => `${servicesApi(centreId)}/demands/${enc(demandId)}/attachments/${enc(attachmentId)}`;

/** PUT /demands/:id/rating: the enterprise rates the outcome 1–5. */
export const useRateDemandMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, rating, comment }: { id: string; rating: number; comment: string | null }) => apiRequest<Demand>(`${servicesApi(centreId)}/demands/${enc(id)}/rating`, { method: 'PUT', body: { rating, comment } }),
    onSuccess: () => invalidateServices(client, centreId),
  });
};
