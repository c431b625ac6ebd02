import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZFunding, ZFundingSummary, ZGrantCallSummary, ZLedger, ZNegativeListVersion, ZProject, ZProjectRow } from '../../../shared/schemas/grants.js';
import { apiGet, apiRequest } from '../../app/api.js';
import { useSession } from '../../app/session.js';
import { invalidateCalls } from '../calls/hooks/invalidate.js';
import type { Wire } from '../calls/types.js';

export type GrantCall = Wire<z.infer<typeof ZGrantCallSummary>>;
export type Track = GrantCall['tracks'][number];
export type Project = Wire<z.infer<typeof ZProject>>;
export type ProjectRow = Wire<z.infer<typeof ZProjectRow>> & { rejectedAttempts: number | null };
export type Ledger = Wire<z.infer<typeof ZLedger>>;
export type Funding = Wire<z.infer<typeof ZFunding>>;
export type FundingSummary = Wire<z.infer<typeof ZFundingSummary>>;
export type ListVersion = Wire<z.infer<typeof ZNegativeListVersion>>;

const base = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}`;
/** Every grants query of a centre starts with this key; the viewer is in each key, since officers see more. */
const all = (centreId: string) => ['centre', centreId, 'grants'] as const;

const useViewerQuery = <T,>(centreId: string, key: readonly unknown[], path: string, enabled = true) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: [...all(centreId), ...key, user?.id ?? 'anonymous'],
    queryFn: ({ signal }) => apiGet<T>(`${base(centreId)}${path}`, undefined, signal),
    enabled: enabled && !isLoading,
  });
};

export const useGrantCallsQuery = (centreId: string) => useViewerQuery<{ items: GrantCall[] }>(centreId, ['calls'], '/grant-calls');
export const useFundingSummaryQuery = (centreId: string) => useViewerQuery<FundingSummary>(centreId, ['funding'], '/grant-funding');
export const useNegativeListsQuery = (centreId: string) => useViewerQuery<{ items: ListVersion[] }>(centreId, ['negative-lists'], '/negative-lists');
export const useProjectsQuery = (centreId: string, enabled: boolean) => useViewerQuery<{ items: ProjectRow[] }>(centreId, ['projects'], '/grant-projects', enabled);
export const useProjectQuery = (centreId: string, applicationId: string) => useViewerQuery<Project>(centreId, ['project', applicationId], `/grant-projects/${encodeURIComponent(applicationId)}`, applicationId !== '');
export const useLedgerQuery = (centreId: string, applicationId: string) => useViewerQuery<Ledger>(centreId, ['ledger', applicationId], `/grant-projects/${encodeURIComponent(applicationId)}/ledger`, applicationId !== '');

const useGrantWrite = <I, O>(centreId: string, fn: (input: I) => Promise<O>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // A refused expense is on record too (the count of refused attempts changes), so refresh on failure as well.
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: all(centreId) }), invalidateCalls(client, centreId)]),
  });
};

const post = <O,>(path: string, body: unknown, method: 'POST' | 'PUT' = 'POST') => apiRequest<O>(path, { method, body: body as Record<string, unknown> });

export const useCreateGrantCallMutation = (centreId: string) => useGrantWrite(centreId, (body: Record<string, unknown>) => post<{ id: string; version: number }>(`${base(centreId)}/grant-calls`, body));

/** Publish a drafted call through the calls engine: submit it for internal review, then publish. */
export const usePublishGrantCallMutation = (centreId: string) =>
  useGrantWrite(centreId, async (callId: string) => {
    const url = `${base(centreId)}/calls/${encodeURIComponent(callId)}/transitions`;
    await post(url, { action: 'submit_for_review' });
    return post<{ to: string }>(url, { action: 'publish' });
  });

/**
 * Apply on a track and submit: the draft and the submission are two steps of
 * the calls engine. When the submission is refused, the draft stays; a retry
 * updates that draft (send its version) rather than starting another.
 */
export const useApplyMutation = (centreId: string, callId: string) =>
  useGrantWrite(centreId, async ({ draft, track, application }: { draft: { id: string; version: number } | null; track: string; application: Record<string, unknown> }) => {
    let app = draft;
    if (!app) app = await post<{ id: string; version: number }>(`${base(centreId)}/grant-calls/${encodeURIComponent(callId)}/applications`, { track, application });
    else app = await apiRequest<{ id: string; version: number }>(`${base(centreId)}/applications/${encodeURIComponent(app.id)}`, { method: 'PATCH', body: { ...application, version: app.version } });
    try {
      await post(`${base(centreId)}/applications/${encodeURIComponent(app.id)}/transitions`, { action: 'submit' });
    } catch (e) {
      throw Object.assign(e as object, { draft: app });
    }
    return app;
  });

const project = (centreId: string, id: string) => `${base(centreId)}/grant-projects/${encodeURIComponent(id)}`;
export const useAddFundingMutation = (centreId: string, id: string) => useGrantWrite(centreId, (body: Record<string, unknown>) => post<Funding>(`${project(centreId, id)}/funding`, body));
export const useRecordExpenseMutation = (centreId: string, id: string) => useGrantWrite(centreId, (body: Record<string, unknown>) => post<{ balanceAfter: number }>(`${project(centreId, id)}/expenses`, body));
export const useCommitmentsMutation = (centreId: string, id: string) => useGrantWrite(centreId, (body: Record<string, unknown>) => post<{ version: number }>(`${project(centreId, id)}/commitments`, body, 'PUT'));
export const useFinalReportMutation = (centreId: string, id: string) =>
  useGrantWrite(centreId, ({ body, version }: { body: Record<string, unknown>; version: number | null }) => post<{ version: number; outputs: number; linkedPatents: number }>(`${project(centreId, id)}/final-report${version ? `?version=${version}` : ''}`, body, 'PUT'));
export const useEvaluateMutation = (centreId: string, id: string) => useGrantWrite(centreId, (body: Record<string, unknown>) => post<{ total: number }>(`${project(centreId, id)}/evaluation`, body));
export const usePublishListMutation = (centreId: string) => useGrantWrite(centreId, (body: Record<string, unknown>) => post<{ number: number }>(`${base(centreId)}/negative-lists`, body));
