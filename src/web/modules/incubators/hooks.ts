import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZCohort, ZIncubatorSummary, ZIncubatorView, ZTypeComparison } from '../../../shared/schemas/incubators.js';
import { apiGet, apiRequest } from '../../app/api.js';
import type { Wire } from '../calls/types.js';

export type IncubatorSummary = Wire<z.infer<typeof ZIncubatorSummary>>;
export type IncubatorView = Wire<z.infer<typeof ZIncubatorView>>;
export type Cohort = Wire<z.infer<typeof ZCohort>>;
export type Resident = Cohort['residents'][number];
export type Funnel = Cohort['funnel'];
export type TypeComparison = Wire<z.infer<typeof ZTypeComparison>>;

const base = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}/incubators`;
const one = (centreId: string, id: string) => `${base(centreId)}/${encodeURIComponent(id)}`;
/** Every incubator query of a centre starts with this key; any write refreshes them all (funnels follow). */
const all = (centreId: string) => ['centre', centreId, 'incubators'] as const;

export const useIncubatorsQuery = (centreId: string) => useQuery({ queryKey: [...all(centreId), 'list'], queryFn: ({ signal }) => apiGet<{ items: IncubatorSummary[] }>(base(centreId), undefined, signal) });
export const useIncubatorQuery = (centreId: string, id: string) => useQuery({ queryKey: [...all(centreId), 'one', id], queryFn: ({ signal }) => apiGet<IncubatorView>(one(centreId, id), undefined, signal), enabled: id !== '' });
export const useTypeComparisonQuery = (centreId: string) => useQuery({ queryKey: [...all(centreId), 'comparison'], queryFn: ({ signal }) => apiGet<TypeComparison>(`/api/centres/${encodeURIComponent(centreId)}/incubator-comparison`, undefined, signal) });

const useWrite = <I, O>(centreId: string, fn: (input: I) => Promise<O>) => {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: all(centreId) }) });
};

export const useCreateIncubatorMutation = (centreId: string) => useWrite(centreId, (body: Record<string, unknown>) => apiRequest<IncubatorView>(base(centreId), { method: 'POST', body }));
export const useUpdateIncubatorMutation = (centreId: string, id: string) => useWrite(centreId, (body: Record<string, unknown>) => apiRequest<IncubatorView>(one(centreId, id), { method: 'PATCH', body }));
export const useAddCohortMutation = (centreId: string, id: string) => useWrite(centreId, (body: Record<string, unknown>) => apiRequest<Cohort>(`${one(centreId, id)}/cohorts`, { method: 'POST', body }));
export const useAddResidentMutation = (centreId: string, id: string) =>
  useWrite(centreId, ({ cohortId, ...body }: { cohortId: string } & Record<string, unknown>) => apiRequest<Cohort>(`${one(centreId, id)}/cohorts/${encodeURIComponent(cohortId)}/residents`, { method: 'POST', body }));
export const useUpdateResidentMutation = (centreId: string, id: string) =>
  useWrite(centreId, ({ cohortId, residentId, ...body }: { cohortId: string; residentId: string } & Record<string, unknown>) =>
    apiRequest<Cohort>(`${one(centreId, id)}/cohorts/${encodeURIComponent(cohortId)}/residents/${encodeURIComponent(residentId)}`, { method: 'PATCH', body }),
  );
