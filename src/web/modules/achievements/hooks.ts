import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TAccessRequest, TAchievement, TAchievementInput, TNeed, TNeedInput, ZAchievementDetail, ZAchievementList, ZDetailView, ZMatches, ZNeedList } from '../../../shared/schemas/achievements.js';
import { apiGet, apiRequest } from '../../app/api.js';
import { useSession } from '../../app/session.js';

export type AchievementList = z.infer<typeof ZAchievementList>;
export type AchievementDetail = z.infer<typeof ZAchievementDetail>;
export type DetailView = z.infer<typeof ZDetailView>;
export type NeedList = z.infer<typeof ZNeedList>;
export type Matches = z.infer<typeof ZMatches>;
export type AchievementFilters = Partial<Record<'q' | 'field' | 'trlMin' | 'availability' | 'state' | 'mine', string>> & { limit: number; offset: number };

const base = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}/achievements`;
const needsBase = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}/technology-needs`;
/** Every achievement and need query of a centre starts with this key; a write invalidates them all. */
const all = (centreId: string) => ['centre', centreId, 'achievements'] as const;

/** GET /achievements: the public marketplace (owners' own drafts with mine, every state for officers); the viewer is in the key. */
export const useAchievementsQuery = (centreId: string, filters: AchievementFilters) => {
  const { user } = useSession();
  return useQuery({ queryKey: [...all(centreId), 'list', filters, user?.id ?? 'anonymous'], queryFn: ({ signal }) => apiGet<AchievementList>(base(centreId), filters, signal), placeholderData: keepPreviousData });
};

export const useAchievementQuery = (centreId: string, id: string | undefined) => {
  const { user } = useSession();
  return useQuery({ queryKey: [...all(centreId), 'one', id, user?.id ?? 'anonymous'], queryFn: ({ signal }) => apiGet<TAchievement>(`${base(centreId)}/${encodeURIComponent(id ?? '')}`, undefined, signal), enabled: !!id });
};

/** The confidential detail is read only on an explicit click: each reading is a logged POST (with the CSRF token), never a GET. */
export const useReadDetailMutation = (centreId: string, id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<AchievementDetail>(`${base(centreId)}/${encodeURIComponent(id)}/detail-reads`, { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...all(centreId), 'views', id] }),
  });
};

export const useAccessRequestsQuery = (centreId: string, id: string, enabled: boolean) =>
  useQuery({ queryKey: [...all(centreId), 'requests', id], queryFn: ({ signal }) => apiGet<TAccessRequest[]>(`${base(centreId)}/${encodeURIComponent(id)}/access-requests`, undefined, signal), enabled });

export const useDetailViewsQuery = (centreId: string, id: string, enabled: boolean) =>
  useQuery({ queryKey: [...all(centreId), 'views', id], queryFn: ({ signal }) => apiGet<DetailView[]>(`${base(centreId)}/${encodeURIComponent(id)}/detail-views`, undefined, signal), enabled });

const useWrite = <I, O>(centreId: string, fn: (input: I) => Promise<O>) => {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: all(centreId) }) });
};

export const useSaveAchievementMutation = (centreId: string, id: string | undefined) =>
  useWrite(centreId, (body: TAchievementInput & { version?: number }) =>
    id ? apiRequest<TAchievement>(`${base(centreId)}/${encodeURIComponent(id)}`, { method: 'PUT', body }) : apiRequest<TAchievement>(base(centreId), { method: 'POST', body }),
  );

export const useAchievementTransitionMutation = (centreId: string, id: string) =>
  useWrite(centreId, (body: { action: string; version: number }) => apiRequest<TAchievement>(`${base(centreId)}/${encodeURIComponent(id)}/transitions`, { method: 'POST', body }));

export const useRequestAccessMutation = (centreId: string, id: string) =>
  useWrite(centreId, (body: { purpose: string; acceptTerms: true }) => apiRequest<TAccessRequest>(`${base(centreId)}/${encodeURIComponent(id)}/access-requests`, { method: 'POST', body }));

export const useDecideAccessMutation = (centreId: string, id: string) =>
  useWrite(centreId, ({ requestId, ...body }: { requestId: string; decision: string; note: string | null; expiresOn: string | null }) =>
    apiRequest<TAccessRequest>(`${base(centreId)}/${encodeURIComponent(id)}/access-requests/${encodeURIComponent(requestId)}/decision`, { method: 'POST', body }),
  );

// ---------------------------------------------------------------- needs
export const useNeedsQuery = (centreId: string, filters: { state?: string | undefined; limit: number; offset: number }) => {
  const { user } = useSession();
  return useQuery({ queryKey: [...all(centreId), 'needs', filters, user?.id ?? 'anonymous'], queryFn: ({ signal }) => apiGet<NeedList>(needsBase(centreId), filters, signal), enabled: !!user, placeholderData: keepPreviousData });
};

export const useNeedQuery = (centreId: string, id: string | undefined) => {
  const { user } = useSession();
  return useQuery({ queryKey: [...all(centreId), 'need', id, user?.id ?? 'anonymous'], queryFn: ({ signal }) => apiGet<TNeed>(`${needsBase(centreId)}/${encodeURIComponent(id ?? '')}`, undefined, signal), enabled: !!user && !!id });
};

export const useNeedMatchesQuery = (centreId: string, id: string) => {
  const { user } = useSession();
  return useQuery({ queryKey: [...all(centreId), 'matches', id, user?.id ?? 'anonymous'], queryFn: ({ signal }) => apiGet<Matches>(`${needsBase(centreId)}/${encodeURIComponent(id)}/matches`, undefined, signal), enabled: !!user });
};

export const useSaveNeedMutation = (centreId: string, id: string | undefined) =>
  useWrite(centreId, (body: TNeedInput & { version?: number }) =>
    id ? apiRequest<TNeed>(`${needsBase(centreId)}/${encodeURIComponent(id)}`, { method: 'PUT', body }) : apiRequest<TNeed>(needsBase(centreId), { method: 'POST', body }),
  );

export const useNeedTransitionMutation = (centreId: string, id: string) =>
  useWrite(centreId, (body: { action: string; version: number }) => apiRequest<TNeed>(`${needsBase(centreId)}/${encodeURIComponent(id)}/transitions`, { method: 'POST', body }));

export const useDraftCallMutation = (centreId: string, id: string) =>
  useWrite(centreId, () => apiRequest<{ need: TNeed; callId: string }>(`${needsBase(centreId)}/${encodeURIComponent(id)}/call-draft`, { method: 'POST', body: {} }));
