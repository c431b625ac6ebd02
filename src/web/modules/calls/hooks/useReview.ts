import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../app/api.js';
import { useSession } from '../../../app/session.js';
import type { Assignment, AutoAssignResult, CalibrationRow, Expert, RankingRow, TransitionResult } from '../types.js';
import { invalidateCalls } from './invalidate.js';
import { callKeys } from './keys.js';

const base = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}`;

/** GET /experts (officers): the pool with fields and load. */
export const useExpertsQuery = (centreId: string, enabled: boolean) =>
  useQuery({ queryKey: callKeys.experts(centreId), queryFn: ({ signal }) => apiGet<{ items: Expert[] }>(`${base(centreId)}/experts`, undefined, signal), enabled });

/** POST /experts (officers): a registry person joins the pool (`ZExpertInput`). */
export const useAddExpertMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { entityId: string; fields: string[]; maxLoad: number; userId: string | null }) =>
      apiRequest<{ id: string }>(`${base(centreId)}/experts`, { method: 'POST', body }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};

/** PATCH /experts/:id (officers): fields, load limit, linked account, or pause (`active: false`). */
export const useUpdateExpertMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: { fields?: string[]; maxLoad?: number; active?: boolean; userId?: string | null } }) =>
      apiRequest<{ id: string }>(`${base(centreId)}/experts/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};

/** GET /calls/:id/assignments (officers): with conflict flags, overrides and recusals. */
export const useAssignmentsQuery = (centreId: string, callId: string, enabled: boolean) =>
  useQuery({
    queryKey: callKeys.assignments(centreId, callId),
    queryFn: ({ signal }) => apiGet<{ items: Assignment[] }>(`${base(centreId)}/calls/${encodeURIComponent(callId)}/assignments`, undefined, signal),
    enabled,
  });

/** GET /calls/:id/ranking (officers). */
export const useRankingQuery = (centreId: string, callId: string, enabled: boolean) =>
  useQuery({
    queryKey: callKeys.ranking(centreId, callId),
    queryFn: ({ signal }) => apiGet<{ items: RankingRow[] }>(`${base(centreId)}/calls/${encodeURIComponent(callId)}/ranking`, undefined, signal),
    enabled,
  });

/** GET /calls/:id/calibration (officers). */
export const useCalibrationQuery = (centreId: string, callId: string, enabled: boolean) =>
  useQuery({
    queryKey: callKeys.calibration(centreId, callId),
    queryFn: ({ signal }) => apiGet<{ items: CalibrationRow[] }>(`${base(centreId)}/calls/${encodeURIComponent(callId)}/calibration`, undefined, signal),
    enabled,
  });

/** GET /api/me/assignments (reviewers). */
export const useMyAssignmentsQuery = () => {
  const { user, can } = useSession();
  return useQuery({
    queryKey: callKeys.myAssignments(user?.id ?? null),
    queryFn: ({ signal }) => apiGet<{ items: Assignment[] }>('/api/me/assignments', undefined, signal),
    enabled: !!user && can('calls:review'),
  });
};

/** POST /calls/:id/assignments/auto. */
export const useAutoAssignMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (callId: string) => apiRequest<AutoAssignResult>(`${base(centreId)}/calls/${encodeURIComponent(callId)}/assignments/auto`, { method: 'POST', body: {} }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};

/** POST /calls/:id/assignments: one expert by hand; a conflict needs an override reason. */
export const useAssignMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ callId, applicationId, expertId, overrideReason }: { callId: string; applicationId: string; expertId: string; overrideReason: string | null }) =>
      apiRequest<{ id: string }>(`${base(centreId)}/calls/${encodeURIComponent(callId)}/assignments`, { method: 'POST', body: { applicationId, expertId, overrideReason } }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};

/** PUT /assignments/:id/review: my score sheet. */
export const useSubmitReviewMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, scores, comments }: { id: string; scores: Record<string, number>; comments: Record<string, string> }) =>
      apiRequest<TransitionResult & { total: number }>(`${base(centreId)}/assignments/${encodeURIComponent(id)}/review`, { method: 'PUT', body: { scores, comments } }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};

/** POST /assignments/:id/transitions: recuse, reopen, reinstate (with a reason). */
export const useAssignmentTransitionMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, note }: { id: string; action: string; note: string }) =>
      apiRequest<TransitionResult>(`${base(centreId)}/assignments/${encodeURIComponent(id)}/transitions`, { method: 'POST', body: { action, note } }),
    onSuccess: () => invalidateCalls(client, centreId),
  });
};
