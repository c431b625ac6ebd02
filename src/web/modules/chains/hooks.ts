import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZCallDraft, ZChainAnalytics, ZChainDiff, ZChainMapSummary, ZChainMapView, ZChainSupply, ZWhatIf } from '../../../shared/schemas/chains.js';
import { apiGet, apiRequest } from '../../app/api.js';
import { useSession } from '../../app/session.js';
import type { Wire } from '../calls/types.js';

export type ChainMapSummary = Wire<z.infer<typeof ZChainMapSummary>>;
export type ChainMapView = Wire<z.infer<typeof ZChainMapView>>;
export type ChainAnalytics = Wire<z.infer<typeof ZChainAnalytics>>;
export type NodeAnalytics = ChainAnalytics['nodes'][number];
export type ChainSupply = Wire<z.infer<typeof ZChainSupply>>;
export type WhatIf = Wire<z.infer<typeof ZWhatIf>>;
export type ChainDiff = Wire<z.infer<typeof ZChainDiff>>;
export type CallDraft = Wire<z.infer<typeof ZCallDraft>>;
export type Removal = WhatIf['removal'];

const base = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}/chain-maps`;
const one = (centreId: string, mapId: string) => `${base(centreId)}/${encodeURIComponent(mapId)}`;
/** Every chain query of a centre starts with this key; any write refreshes them all (analytics follow the supply). */
const all = (centreId: string) => ['centre', centreId, 'chains'] as const;

export type ChainTemplate = { code: string; clusterCode: string; nameZh: string; nameEn: string; nodes: number };
/** GET /api/chain-templates: what a map can start from (the same for every centre). */
export const useChainTemplatesQuery = () => useQuery({ queryKey: ['chain-templates'], queryFn: ({ signal }) => apiGet<{ items: ChainTemplate[] }>('/api/chain-templates', undefined, signal), staleTime: 3_600_000 });

export const useChainMapsQuery = (centreId: string) => useQuery({ queryKey: [...all(centreId), 'list'], queryFn: ({ signal }) => apiGet<{ items: ChainMapSummary[] }>(base(centreId), undefined, signal) });

export const useChainMapQuery = (centreId: string, mapId: string) =>
  useQuery({ queryKey: [...all(centreId), 'map', mapId], queryFn: ({ signal }) => apiGet<ChainMapView>(one(centreId, mapId), undefined, signal), enabled: mapId !== '' });

/** Supply rows as the viewer may see them (named suppliers only for officers, analysts and the supplier itself). */
export const useChainSuppliesQuery = (centreId: string, mapId: string) => {
  const { user } = useSession();
  return useQuery({ queryKey: [...all(centreId), 'supplies', mapId, user?.id ?? 'anonymous'], queryFn: ({ signal }) => apiGet<{ items: ChainSupply[] }>(`${one(centreId, mapId)}/supplies`, undefined, signal), enabled: mapId !== '' });
};

export const useChainAnalyticsQuery = (centreId: string, mapId: string, weights: Record<string, number> | null) => {
  const { user } = useSession();
  return useQuery({
    queryKey: [...all(centreId), 'analytics', mapId, weights, user?.id ?? 'anonymous'],
    queryFn: ({ signal }) => apiGet<ChainAnalytics>(`${one(centreId, mapId)}/analytics`, weights ?? undefined, signal),
    enabled: mapId !== '',
  });
};

export const useChainDiffQuery = (centreId: string, mapId: string, range: { from: number; to: number } | null) =>
  useQuery({ queryKey: [...all(centreId), 'diff', mapId, range], queryFn: ({ signal }) => apiGet<ChainDiff>(`${one(centreId, mapId)}/diff`, range ?? undefined, signal), enabled: mapId !== '' && range !== null && range.from !== range.to });

export const exportUrl = (centreId: string, mapId: string, format: 'json' | 'xlsx', version?: number): string => `${one(centreId, mapId)}/export${format === 'xlsx' ? '.xlsx' : ''}${version ? `?version=${version}` : ''}`;

const useChainWrite = <I, O>(centreId: string, fn: (input: I) => Promise<O>) => {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: all(centreId) }) });
};

export const useCreateFromTemplateMutation = (centreId: string) =>
  useChainWrite(centreId, ({ code, isSample }: { code: string; isSample: boolean }) => apiRequest<{ id: string; version: number }>(`${base(centreId)}/from-template/${encodeURIComponent(code)}`, { method: 'POST', body: { isSample } }));
export const useCreateMapMutation = (centreId: string) => useChainWrite(centreId, (body: Record<string, unknown>) => apiRequest<{ id: string; version: number }>(base(centreId), { method: 'POST', body }));
export const useImportMapMutation = (centreId: string) => useChainWrite(centreId, (body: unknown) => apiRequest<{ id: string; version: number; supplies: number }>(`${base(centreId)}/import`, { method: 'POST', body: body as Record<string, unknown> }));
/** An Excel workbook as the raw body; `sample` marks the new map as a sample. */
export const useImportWorkbookMutation = (centreId: string) =>
  useChainWrite(centreId, ({ file, sample }: { file: File; sample: boolean }) =>
    apiRequest<{ id: string; version: number; supplies: number }>(`${base(centreId)}/import.xlsx`, { method: 'POST', query: { sample: String(sample) }, file: { data: file, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } }),
  );
export const useSaveVersionMutation = (centreId: string, mapId: string) => useChainWrite(centreId, (body: Record<string, unknown>) => apiRequest<{ id: string; version: number }>(`${one(centreId, mapId)}/versions`, { method: 'POST', body }));
export const usePlaceMutation = (centreId: string, mapId: string) => useChainWrite(centreId, (body: Record<string, unknown>) => apiRequest<unknown>(`${one(centreId, mapId)}/placements`, { method: 'POST', body }));
export const useRemovePlacementMutation = (centreId: string, mapId: string) => useChainWrite(centreId, (id: string) => apiRequest<unknown>(`${one(centreId, mapId)}/placements/${encodeURIComponent(id)}`, { method: 'DELETE' }));
export const useAddSupplyMutation = (centreId: string, mapId: string) => useChainWrite(centreId, (body: Record<string, unknown>) => apiRequest<unknown>(`${one(centreId, mapId)}/supplies`, { method: 'POST', body }));
export const useRemoveSupplyMutation = (centreId: string, mapId: string) => useChainWrite(centreId, (id: string) => apiRequest<unknown>(`${one(centreId, mapId)}/supplies/${encodeURIComponent(id)}`, { method: 'DELETE' }));
export const useAddInnovationMutation = (centreId: string, mapId: string) => useChainWrite(centreId, (body: Record<string, unknown>) => apiRequest<unknown>(`${one(centreId, mapId)}/innovation-links`, { method: 'POST', body }));
export const useCallDraftMutation = (centreId: string, mapId: string) => useChainWrite(centreId, ({ nodeId }: { nodeId: string }) => apiRequest<CallDraft>(`${one(centreId, mapId)}/nodes/${encodeURIComponent(nodeId)}/call-draft`, { method: 'POST', body: {} }));

/** A what-if is a question, not a write: nothing to refresh afterwards. */
export const useWhatIfMutation = (centreId: string, mapId: string) => useMutation({ mutationFn: (removal: Removal) => apiRequest<WhatIf>(`${one(centreId, mapId)}/what-if`, { method: 'POST', body: { removal } }) });
