import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../app/api.js';
import { useSession } from '../../../app/session.js';
import type { Call, CallSummary, OpenResultPage, Programme, TransitionResult } from '../types.js';
import { invalidateCalls } from './invalidate.js';
import { callKeys } from './keys.js';

const base = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}`;

export type CallFilters = { state?: string; field?: string; chain?: string; trl?: number };

/** GET /calls: the list, filtered by state, field, chain position and TRL (drafts only for officers). */
export const useCallsQuery = (centreId: string, filters: CallFilters) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: [...callKeys.list(centreId, filters), user?.id ?? 'anonymous'],
    queryFn: ({ signal }) => apiGet<{ total: number; items: CallSummary[] }>(`${base(centreId)}/calls`, { ...filters, limit: 200 }, signal),
    placeholderData: keepPreviousData,
    enabled: !isLoading,
  });
};

/** GET /calls/:id: the call with its criteria, frozen terms, change log and the viewer's next actions. */
export const useCallQuery = (centreId: string, callId: string | undefined) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: callKeys.detail(centreId, callId ?? '', user?.id ?? null),
    queryFn: ({ signal }) => apiGet<Call>(`${base(centreId)}/calls/${encodeURIComponent(callId ?? '')}`, undefined, signal),
    enabled: !!callId && !isLoading,
  });
};

/** GET /call-programmes (public): programmes with their scoring forms. */
export const useProgrammesQuery = (centreId: string) =>
  useQuery({
    queryKey: callKeys.programmes(centreId),
    queryFn: ({ signal }) => apiGet<{ items: Programme[] }>(`${base(centreId)}/call-programmes`, undefined, signal),
    staleTime: 60_000,
  });

/** POST /call-programmes (officers): a programme with its review settings and scoring form (the body as `ZProgrammeInput`). */
export const useCreateProgrammeMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => apiRequest<Programme>(`${base(centreId)}/call-programmes`, { method: 'POST', body }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};

/** PUT /call-programmes/:id: redefine a programme (its review settings only while none of its calls is published). */
export const useUpdateProgrammeMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Record<string, unknown> }) => apiRequest<Programme>(`${base(centreId)}/call-programmes/${encodeURIComponent(id)}`, { method: 'PUT', body }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};

/** The awarded results as a file to download (open data). */
export const openResultsFileUrl = (centreId: string, format: 'csv' | 'xlsx'): string => `${base(centreId)}/open-data/call-results/export?format=${format}`;

export type OpenResultsParams = { callId?: string | undefined; limit?: number | undefined };

/**
 * GET /open-data/call-results (public): awarded results, newest award first,
 * a page at a time (more through the cursor the server returns; the total
 * comes with the first page); `callId` narrows them to one call.
 */
export const useOpenResultsQuery = (centreId: string, params: OpenResultsParams = {}, options: { enabled?: boolean } = {}) =>
  useInfiniteQuery({
    queryKey: callKeys.openResults(centreId, params),
    queryFn: ({ pageParam, signal }) => apiGet<OpenResultPage>(`${base(centreId)}/open-data/call-results`, { ...params, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: options.enabled ?? true,
  });

/** The fields of a call form as sent (a draft needs only a title, a programme and an owner). */
export type CallBody = Record<string, unknown>;

/** POST /calls: a new draft. */
export const useCreateCallMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CallBody) => apiRequest<{ id: string; version: number }>(`${base(centreId)}/calls`, { method: 'POST', body }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};

/** PATCH /calls/:id: send only what changed with the version seen (after publication with a public note). */
export const useUpdateCallMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: CallBody & { version: number } }) =>
      apiRequest<{ id: string; version: number }>(`${base(centreId)}/calls/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};

/** POST /calls/:id/transitions. */
export const useCallTransitionMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, note }: { id: string; action: string; note?: string | null }) =>
      apiRequest<TransitionResult>(`${base(centreId)}/calls/${encodeURIComponent(id)}/transitions`, { method: 'POST', body: { action, note: note ?? null } }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};

/** PUT /calls/:id/acceptance-results: measured values against the acceptance criteria. */
export const useAcceptanceResultsMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, results }: { id: string; results: { criterionId: string; value: number; note: string | null }[] }) =>
      apiRequest<{ results: { criterionId: string; value: number; met: boolean }[] }>(`${base(centreId)}/calls/${encodeURIComponent(id)}/acceptance-results`, { method: 'PUT', body: { results } }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};
