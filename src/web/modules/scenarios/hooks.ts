import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZBatch, ZCandidate, ZDeployment, ZEntityDeployment, ZScenarioView } from '../../../shared/schemas/scenarios.js';
import { apiGet, apiRequest } from '../../app/api.js';
import { useSession } from '../../app/session.js';
import { invalidateCalls } from '../calls/hooks/invalidate.js';
import type { Wire } from '../calls/types.js';

export type Batch = Wire<z.infer<typeof ZBatch>>;
export type ScenarioSummary = Batch['scenarios'][number];
export type ScenarioView = Wire<z.infer<typeof ZScenarioView>>;
export type Deployment = Wire<z.infer<typeof ZDeployment>>;
export type EntityDeployment = Wire<z.infer<typeof ZEntityDeployment>>;
export type Candidate = Wire<z.infer<typeof ZCandidate>>;

const base = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}`;
/** Every scenario query of a centre starts with this key; a scenario write also refreshes the calls it rides on. */
const all = (centreId: string) => ['centre', centreId, 'scenarios'] as const;

/** GET /scenario-batches: published batches (officers also see drafts); the viewer is in the key. */
export const useBatchesQuery = (centreId: string) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: [...all(centreId), 'batches', user?.id ?? 'anonymous'],
    queryFn: ({ signal }) => apiGet<{ items: Batch[] }>(`${base(centreId)}/scenario-batches`, undefined, signal),
    enabled: !isLoading,
  });
};

export const useBatchQuery = (centreId: string, batchId: string) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: [...all(centreId), 'batch', batchId, user?.id ?? 'anonymous'],
    queryFn: ({ signal }) => apiGet<Batch>(`${base(centreId)}/scenario-batches/${encodeURIComponent(batchId)}`, undefined, signal),
    enabled: !isLoading && batchId !== '',
  });
};

/** GET /scenarios/:callId: the scenario's own fields, batch and deployments (the call itself comes from the calls engine). */
export const useScenarioQuery = (centreId: string, callId: string, enabled = true) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: [...all(centreId), 'scenario', callId, user?.id ?? 'anonymous'],
    queryFn: ({ signal }) => apiGet<ScenarioView>(`${base(centreId)}/scenarios/${encodeURIComponent(callId)}`, undefined, signal),
    enabled: enabled && !isLoading && callId !== '',
  });
};

export const useCandidatesQuery = (centreId: string, callId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...all(centreId), 'candidates', callId],
    queryFn: ({ signal }) => apiGet<{ items: Candidate[] }>(`${base(centreId)}/scenarios/${encodeURIComponent(callId)}/candidates`, undefined, signal),
    enabled,
  });

/** GET /scenario-deployments: an enterprise's (or an achievement's) deployments of published scenarios. */
export const useDeploymentsQuery = (centreId: string, filter: { enterpriseId?: string; achievementId?: string }) =>
  useQuery({
    queryKey: [...all(centreId), 'deployments', filter],
    queryFn: ({ signal }) => apiGet<{ items: EntityDeployment[] }>(`${base(centreId)}/scenario-deployments`, filter, signal),
  });

const useScenarioWrite = <I, O>(centreId: string, fn: (input: I) => Promise<O>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: all(centreId) }), invalidateCalls(client, centreId)]),
  });
};

export const useCreateBatchMutation = (centreId: string) =>
  useScenarioWrite(centreId, (body: Record<string, unknown>) => apiRequest<{ id: string; number: number; version: number }>(`${base(centreId)}/scenario-batches`, { method: 'POST', body }));

export const useAddScenarioMutation = (centreId: string, batchId: string) =>
  useScenarioWrite(centreId, (body: Record<string, unknown>) => apiRequest<{ id: string; version: number }>(`${base(centreId)}/scenario-batches/${encodeURIComponent(batchId)}/scenarios`, { method: 'POST', body }));

export const usePublishBatchMutation = (centreId: string, batchId: string) =>
  useScenarioWrite(centreId, (version: number) => apiRequest<{ batchId: string; published: string[] }>(`${base(centreId)}/scenario-batches/${encodeURIComponent(batchId)}/publish`, { method: 'POST', body: { version } }));

export const useRecordDeploymentMutation = (centreId: string, callId: string) =>
  useScenarioWrite(centreId, (body: Record<string, unknown>) => apiRequest<Deployment>(`${base(centreId)}/scenarios/${encodeURIComponent(callId)}/deployments`, { method: 'POST', body }));
