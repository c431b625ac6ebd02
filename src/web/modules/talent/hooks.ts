import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZCredential, ZCredentialVerification, ZSelfAssessment, ZTalentApplication, ZTalentCall, ZTalentServiceRequest } from '../../../shared/schemas/talent.js';
import { apiGet, apiRequest } from '../../app/api.js';
import { useSession } from '../../app/session.js';
import { invalidateCalls } from '../calls/hooks/invalidate.js';
import type { Wire } from '../calls/types.js';

export type TalentCall = Wire<z.infer<typeof ZTalentCall>>;
export type SelfAssessment = z.infer<typeof ZSelfAssessment>;
export type TalentApplication = Wire<z.infer<typeof ZTalentApplication>>;
export type Credential = Wire<z.infer<typeof ZCredential>>;
export type Verification = Wire<z.infer<typeof ZCredentialVerification>>;
export type ServiceRequest = Wire<z.infer<typeof ZTalentServiceRequest>>;
export type Answers = Record<string, number | boolean | string | null>;

const base = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}/talent`;
/** Every talent query of a centre starts with this key. */
const all = (centreId: string) => ['centre', centreId, 'talent'] as const;

export const useTalentCallsQuery = (centreId: string) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: [...all(centreId), 'calls', user?.id ?? 'anonymous'],
    queryFn: ({ signal }) => apiGet<{ items: TalentCall[] }>(`${base(centreId)}/calls`, undefined, signal),
    enabled: !isLoading,
  });
};

export const useTalentCallQuery = (centreId: string, callId: string) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: [...all(centreId), 'call', callId, user?.id ?? 'anonymous'],
    queryFn: ({ signal }) => apiGet<TalentCall>(`${base(centreId)}/calls/${encodeURIComponent(callId)}`, undefined, signal),
    enabled: !isLoading && callId !== '',
  });
};

/** The simulator: recomputed on the server as the answers change (nothing is stored). */
export const useSelfAssessmentQuery = (centreId: string, callId: string, answers: Answers) =>
  useQuery({
    queryKey: [...all(centreId), 'assess', callId, answers],
    queryFn: ({ signal }) => apiRequest<SelfAssessment>(`${base(centreId)}/calls/${encodeURIComponent(callId)}/self-assessment`, { method: 'POST', body: { answers }, signal }),
    placeholderData: keepPreviousData,
    enabled: callId !== '',
  });

export const useTalentApplicationsQuery = (centreId: string, callId: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: [...all(centreId), 'applications', callId ?? 'all'],
    queryFn: ({ signal }) => apiGet<{ items: TalentApplication[] }>(`${base(centreId)}/applications`, callId ? { callId } : undefined, signal),
    enabled,
  });

export const useCredentialsQuery = (centreId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...all(centreId), 'credentials'],
    queryFn: ({ signal }) => apiGet<{ items: Credential[] }>(`${base(centreId)}/credentials`, undefined, signal),
    enabled,
  });

export const useVerificationQuery = (centreId: string, id: string) =>
  useQuery({
    queryKey: [...all(centreId), 'verify', id],
    queryFn: ({ signal }) => apiGet<Verification>(`${base(centreId)}/credentials/${encodeURIComponent(id)}/verify`, undefined, signal),
    enabled: id !== '',
    retry: false,
  });

export const useServiceRequestsQuery = (centreId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...all(centreId), 'service-requests'],
    queryFn: ({ signal }) => apiGet<{ items: ServiceRequest[] }>(`${base(centreId)}/service-requests`, undefined, signal),
    enabled,
  });

const useTalentWrite = <I, O>(centreId: string, fn: (input: I) => Promise<O>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: all(centreId) }), invalidateCalls(client, centreId), client.invalidateQueries({ queryKey: ['centre', centreId, 'services'] })]),
  });
};

export const useApplyMutation = (centreId: string, callId: string) =>
  useTalentWrite(centreId, (body: Record<string, unknown>) => apiRequest<TalentApplication>(`${base(centreId)}/calls/${encodeURIComponent(callId)}/applications`, { method: 'POST', body }));

export const useIssueCredentialMutation = (centreId: string) =>
  useTalentWrite(centreId, ({ applicationId, ...body }: { applicationId: string } & Record<string, unknown>) => apiRequest<Credential>(`${base(centreId)}/applications/${encodeURIComponent(applicationId)}/credential`, { method: 'POST', body }));

export const useRevokeMutation = (centreId: string) =>
  useTalentWrite(centreId, ({ id, ...body }: { id: string; version: number; reason: string }) => apiRequest<Credential>(`${base(centreId)}/credentials/${encodeURIComponent(id)}/revoke`, { method: 'POST', body }));

export const useServiceRequestMutation = (centreId: string) =>
  useTalentWrite(centreId, (body: Record<string, unknown>) => apiRequest<ServiceRequest>(`${base(centreId)}/service-requests`, { method: 'POST', body }));

export const useCreateTalentCallMutation = (centreId: string) =>
  useTalentWrite(centreId, (body: Record<string, unknown>) => apiRequest<TalentCall>(`${base(centreId)}/calls`, { method: 'POST', body }));
