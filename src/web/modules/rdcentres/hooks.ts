import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZCriteriaCheck, ZRdApplication, ZRdApplicationSummary, ZRecognitionDetail, ZRecognitionListItem, ZRound, TRdFacts, TRdEvidence } from '../../../shared/schemas/rdcentres.js';
import { apiGet, apiRequest } from '../../app/api.js';
import { useSession } from '../../app/session.js';
import { invalidateCalls } from '../calls/hooks/invalidate.js';
import type { Wire } from '../calls/types.js';

export type Round = Wire<z.infer<typeof ZRound>>;
export type RdApplicationSummary = Wire<z.infer<typeof ZRdApplicationSummary>>;
export type RdApplication = Wire<z.infer<typeof ZRdApplication>>;
export type RecognitionItem = Wire<z.infer<typeof ZRecognitionListItem>>;
export type RecognitionDetail = Wire<z.infer<typeof ZRecognitionDetail>>;
export type CriteriaCheck = z.infer<typeof ZCriteriaCheck>;
export type Bilingual = RdApplication['name'];

const base = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}`;
/** Every R&D centre query of a centre starts with this key; a write also refreshes the calls it rides on. */
const all = (centreId: string) => ['centre', centreId, 'rdcentres'] as const;

export const useRoundsQuery = (centreId: string) => {
  const { user, isLoading } = useSession();
  return useQuery({ queryKey: [...all(centreId), 'rounds', user?.id ?? 'anonymous'], queryFn: ({ signal }) => apiGet<{ items: Round[] }>(`${base(centreId)}/rd-centre-rounds`, undefined, signal), enabled: !isLoading });
};

export const useRdApplicationsQuery = (centreId: string, enabled: boolean) => {
  const { user } = useSession();
  return useQuery({ queryKey: [...all(centreId), 'applications', user?.id ?? 'anonymous'], queryFn: ({ signal }) => apiGet<{ items: RdApplicationSummary[] }>(`${base(centreId)}/rd-centre-applications`, undefined, signal), enabled });
};

export const useRdApplicationQuery = (centreId: string, id: string) =>
  useQuery({ queryKey: [...all(centreId), 'application', id], queryFn: ({ signal }) => apiGet<RdApplication>(`${base(centreId)}/rd-centre-applications/${encodeURIComponent(id)}`, undefined, signal), enabled: id !== '' });

export const useRecognitionsQuery = (centreId: string, entityId?: string) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: [...all(centreId), 'recognitions', entityId ?? '', user?.id ?? 'anonymous'],
    queryFn: ({ signal }) => apiGet<{ items: RecognitionItem[] }>(`${base(centreId)}/rd-centre-recognitions`, entityId ? { entityId } : undefined, signal),
    enabled: !isLoading,
  });
};

export const useRecognitionQuery = (centreId: string, id: string | null) =>
  useQuery({ queryKey: [...all(centreId), 'recognition', id ?? ''], queryFn: ({ signal }) => apiGet<RecognitionDetail>(`${base(centreId)}/rd-centre-recognitions/${encodeURIComponent(id ?? '')}`, undefined, signal), enabled: !!id });

export const useHousekeepersQuery = (centreId: string, enabled: boolean) =>
  useQuery({ queryKey: [...all(centreId), 'housekeepers'], queryFn: ({ signal }) => apiGet<{ items: { id: string; displayName: string }[] }>(`${base(centreId)}/rd-centres/housekeepers`, undefined, signal), enabled });

/** The definition checked live as the applicant answers (nothing is stored). */
export const useCriteriaCheck = (centreId: string, facts: Partial<TRdFacts>, evidence: Pick<TRdEvidence, 'kind'>[]) =>
  useQuery({
    queryKey: [...all(centreId), 'check', facts, evidence.map((e) => e.kind)],
    queryFn: ({ signal }) => apiRequest<CriteriaCheck>(`${base(centreId)}/rd-centres/criteria/check`, { method: 'POST', body: { facts, evidence: evidence.map((e) => ({ kind: e.kind, title: '-' })) }, signal }),
    placeholderData: (previous) => previous,
  });

const useRdWrite = <I, O>(centreId: string, fn: (input: I) => Promise<O>) => {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: all(centreId) }), invalidateCalls(client, centreId), client.invalidateQueries({ queryKey: ['centre', centreId, 'registry'] })]) });
};
const post = <O>(path: string, method: 'POST' | 'PUT' = 'POST') => (body: Record<string, unknown>) => apiRequest<O>(path, { method, body });

export const useOpenRoundMutation = (centreId: string) => useRdWrite(centreId, post<{ id: string }>(`${base(centreId)}/rd-centre-rounds`));
export const useApplyMutation = (centreId: string, callId: string) => useRdWrite(centreId, post<{ id: string; state: string }>(`${base(centreId)}/rd-centre-rounds/${encodeURIComponent(callId)}/applications`));
export const useTranslateMutation = (centreId: string, id: string) => useRdWrite(centreId, post<{ version: number }>(`${base(centreId)}/rd-centre-applications/${encodeURIComponent(id)}/translation`, 'PUT'));
export const useRecogniseMutation = (centreId: string, id: string) => useRdWrite(centreId, post<{ id: string }>(`${base(centreId)}/rd-centre-applications/${encodeURIComponent(id)}/recognise`));
export const useRevokeMutation = (centreId: string, id: string) => useRdWrite(centreId, post<null>(`${base(centreId)}/rd-centre-recognitions/${encodeURIComponent(id)}/revoke`));
export const useHousekeeperMutation = (centreId: string, id: string) => useRdWrite(centreId, post<null>(`${base(centreId)}/rd-centre-recognitions/${encodeURIComponent(id)}/housekeeper`, 'PUT'));
export const useSupportMutation = (centreId: string, id: string) => useRdWrite(centreId, post<{ id: string }>(`${base(centreId)}/rd-centre-recognitions/${encodeURIComponent(id)}/support`));
export const useHireMutation = (centreId: string, id: string) => useRdWrite(centreId, post<{ id: string }>(`${base(centreId)}/rd-centre-recognitions/${encodeURIComponent(id)}/hires`));
