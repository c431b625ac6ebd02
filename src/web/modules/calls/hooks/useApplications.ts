import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../app/api.js';
import { useSession } from '../../../app/session.js';
import type { Application, ApplicationRow, TaskAgreement, TransitionResult } from '../types.js';
import { invalidateCalls } from './invalidate.js';
import { callKeys } from './keys.js';

const base = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}`;

/** GET /calls/:id/applications (officers). */
export const useCallApplicationsQuery = (centreId: string, callId: string, enabled: boolean) =>
  useQuery({
    queryKey: callKeys.applications(centreId, callId),
    queryFn: ({ signal }) => apiGet<{ items: ApplicationRow[] }>(`${base(centreId)}/calls/${encodeURIComponent(callId)}/applications`, undefined, signal),
    enabled,
  });

/** GET /api/me/applications: my organisation's bids. */
export const useMyApplicationsQuery = (enabled: boolean) => {
  const { user } = useSession();
  return useQuery({
    queryKey: callKeys.myApplications(user?.id ?? null),
    queryFn: ({ signal }) => apiGet<{ items: ApplicationRow[] }>('/api/me/applications', undefined, signal),
    enabled: enabled && !!user,
  });
};

/** GET /applications/:id: for its team, officers, the demand owner after submission and its reviewers. */
export const useApplicationQuery = (centreId: string, applicationId: string | undefined) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: callKeys.application(centreId, applicationId ?? '', user?.id ?? null),
    queryFn: ({ signal }) => apiGet<Application>(`${base(centreId)}/applications/${encodeURIComponent(applicationId ?? '')}`, undefined, signal),
    enabled: !!applicationId && !isLoading && !!user,
  });
};

/** GET /applications/:id/agreement: the task agreement of an awarded bid (team, demand owner, officers). */
export const useTaskAgreementQuery = (centreId: string, applicationId: string) => {
  const { user } = useSession();
  return useQuery({
    queryKey: [...callKeys.application(centreId, applicationId, user?.id ?? null), 'agreement'],
    queryFn: ({ signal }) => apiGet<TaskAgreement>(`${base(centreId)}/applications/${encodeURIComponent(applicationId)}/agreement`, undefined, signal),
    enabled: !!user && !!applicationId,
  });
};

/** POST /calls/:id/applications: start a bid (a draft) for my organisation. */
export const useCreateApplicationMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ callId, body }: { callId: string; body: Record<string, unknown> }) =>
      apiRequest<{ id: string; version: number }>(`${base(centreId)}/calls/${encodeURIComponent(callId)}/applications`, { method: 'POST', body }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};

/**
 * PATCH /applications/:id: the draft's autosave. It does not refetch the
 * application (the form holds the newer text); the caller keeps the version.
 */
export const useSaveApplicationMutation = (centreId: string) =>
  useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Record<string, unknown> & { version: number } }) =>
      apiRequest<{ id: string; version: number; savedAt: string }>(`${base(centreId)}/applications/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
  });

/** POST /applications/:id/transitions: submit, withdraw, decisions, appeals. */
export const useApplicationTransitionMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, note, awardAmount }: { id: string; action: string; note?: string | null; awardAmount?: number }) =>
      apiRequest<TransitionResult>(`${base(centreId)}/applications/${encodeURIComponent(id)}/transitions`, {
        method: 'POST',
        body: { action, note: note ?? null, ...(awardAmount === undefined ? {} : { awardAmount }) },
      }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};

/** PUT /milestones/:id/evidence. */
export const useMilestoneEvidenceMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, items }: { id: string; version: number; items: { kind: string; description: string; reference: string | null }[] }) =>
      apiRequest<{ id: string; version: number }>(`${base(centreId)}/milestones/${encodeURIComponent(id)}/evidence`, { method: 'PUT', body: { version, items } }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};

/** POST /milestones/:id/transitions: submit evidence, accept, reject, release the tranche. */
export const useMilestoneTransitionMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, note }: { id: string; action: string; note?: string | null }) =>
      apiRequest<TransitionResult>(`${base(centreId)}/milestones/${encodeURIComponent(id)}/transitions`, { method: 'POST', body: { action, note: note ?? null } }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};

/** POST /applications/:id/attachments or /milestones/:id/attachments: the file as the raw body. */
export const useUploadAttachmentMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ owner, file }: { owner: { type: 'application' | 'milestone'; id: string }; file: File }) =>
      apiRequest<{ id: string }>(`${base(centreId)}/${owner.type === 'application' ? 'applications' : 'milestones'}/${encodeURIComponent(owner.id)}/attachments?fileName=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        file: { data: file, contentType: 'application/octet-stream' },
      }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};

/** DELETE /attachments/:id. */
export const useDeleteAttachmentMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<null>(`${base(centreId)}/attachments/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};

export const attachmentUrl = (centreId: string, id: string): string => `${base(centreId)}/attachments/${encodeURIComponent(id)}`;
