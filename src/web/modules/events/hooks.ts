import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZEventCounts, ZEventSummary, ZEventView } from '../../../shared/schemas/events.js';
import { apiGet, apiRequest } from '../../app/api.js';
import type { Wire } from '../calls/types.js';

export type EventSummary = Wire<z.infer<typeof ZEventSummary>>;
export type EventView = Wire<z.infer<typeof ZEventView>>;
export type EventCounts = Wire<z.infer<typeof ZEventCounts>>;
export type EventSession = EventView['sessionList'][number];
export type EventRelease = EventView['releaseList'][number];

const centrePath = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}`;
const base = (centreId: string) => `${centrePath(centreId)}/events`;
const one = (centreId: string, id: string) => `${base(centreId)}/${encodeURIComponent(id)}`;
const all = (centreId: string) => ['centre', centreId, 'events'] as const;

export const useEventsQuery = (centreId: string) => useQuery({ queryKey: [...all(centreId), 'list'], queryFn: ({ signal }) => apiGet<{ items: EventSummary[] }>(base(centreId), undefined, signal) });
export const useEventQuery = (centreId: string, id: string) => useQuery({ queryKey: [...all(centreId), 'one', id], queryFn: ({ signal }) => apiGet<EventView>(one(centreId, id), undefined, signal), enabled: id !== '' });
export const useEventCountsQuery = (centreId: string) => useQuery({ queryKey: [...all(centreId), 'counts'], queryFn: ({ signal }) => apiGet<EventCounts>(`${centrePath(centreId)}/event-counts`, undefined, signal) });

/** Published achievements to link a release to (the marketplace search). */
export const useAchievementOptionsQuery = (centreId: string, q: string) =>
  useQuery({
    queryKey: ['centre', centreId, 'achievements', 'options', q],
    queryFn: ({ signal }) => apiGet<{ items: { id: string; titleZh: string; titleEn: string | null }[] }>(`${centrePath(centreId)}/achievements`, { q: q || undefined, limit: 20 }, signal),
  });

const useWrite = <I, O>(centreId: string, fn: (input: I) => Promise<O>) => {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: all(centreId) }) });
};
export const useCreateEventMutation = (centreId: string) => useWrite(centreId, (body: Record<string, unknown>) => apiRequest<EventView>(base(centreId), { method: 'POST', body }));
export const useAddSessionMutation = (centreId: string, id: string) => useWrite(centreId, (body: Record<string, unknown>) => apiRequest<EventView>(`${one(centreId, id)}/sessions`, { method: 'POST', body }));
export const useAddReleaseMutation = (centreId: string, id: string) => useWrite(centreId, (body: Record<string, unknown>) => apiRequest<EventView>(`${one(centreId, id)}/releases`, { method: 'POST', body }));
