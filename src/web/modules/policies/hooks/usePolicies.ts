import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../app/api.js';
import { useSession } from '../../../app/session.js';
import type { FactDefinition, PolicyBenefit, PolicyClause, PolicyDetail, PolicyList, PolicyVersion, RuleCheckResult, StackingRule } from '../types.js';
import { enc, policiesApi } from './base.js';
import { policyKeys } from './keys.js';

export type PolicyListQuery = { q?: string | undefined; level?: string | undefined; limit: number; offset: number };

/** GET /policies: documents with their version in force (drafts too for policies:write). */
export const usePoliciesQuery = (centreId: string, query: PolicyListQuery) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: policyKeys.list(centreId, query, user?.id ?? null),
    queryFn: ({ signal }) => apiGet<PolicyList>(`${policiesApi(centreId)}/policies`, query, signal),
    placeholderData: keepPreviousData,
    enabled: !isLoading,
  });
};

/** GET /policies/:code: versions with clauses, benefits and rules in words, the sources that name it. */
export const usePolicyQuery = (centreId: string, code: string | undefined) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: policyKeys.detail(centreId, code ?? '', user?.id ?? null),
    queryFn: ({ signal }) => apiGet<PolicyDetail>(`${policiesApi(centreId)}/policies/${enc(code ?? '')}`, undefined, signal),
    enabled: !!code && !isLoading,
  });
};

/** GET /policy-facts: the facts a rule may use, with types, units, labels and questions. */
export const useFactCatalogueQuery = (centreId: string) =>
  useQuery({
    queryKey: policyKeys.facts(centreId),
    queryFn: ({ signal }) => apiGet<{ items: FactDefinition[] }>(`${policiesApi(centreId)}/policy-facts`, undefined, signal),
    staleTime: Infinity,
  });

/** POST /policy-rules/check: problems with their paths, facts used, the rule in words (policies:write). */
export const useRuleCheckQuery = (centreId: string, rule: unknown, enabled: boolean) => {
  const serialised = JSON.stringify(rule ?? null);
  return useQuery({
    queryKey: policyKeys.check(centreId, serialised),
    queryFn: ({ signal }) => apiRequest<RuleCheckResult>(`${policiesApi(centreId)}/policy-rules/check`, { method: 'POST', body: { rule: rule ?? null }, signal }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
};

const invalidatePolicies = (client: ReturnType<typeof useQueryClient>, centreId: string) => client.invalidateQueries({ queryKey: policyKeys.all(centreId) });

export type NewPolicyInput = { code: string; titleZh: string; titleEn?: string | null; issuer: string; level: string; documentNumber?: string | null; url?: string | null; isSample: boolean; validFrom?: string };

/** POST /policies: a document with an empty first draft. */
export const useCreatePolicyMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPolicyInput) => apiRequest<PolicyDetail>(`${policiesApi(centreId)}/policies`, { method: 'POST', body }),
    onSuccess: () => invalidatePolicies(client, centreId),
  });
};

/** POST /policies/:code/versions: a new draft, a copy of the latest version. */
export const useNewVersionMutation = (centreId: string, code: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { validFrom?: string; changeNote?: string | null }) => apiRequest<PolicyVersion>(`${policiesApi(centreId)}/policies/${enc(code)}/versions`, { method: 'POST', body }),
    onSuccess: () => invalidatePolicies(client, centreId),
  });
};

export type VersionPatch = { validFrom?: string; validTo?: string | null; legalText?: string; clauses?: PolicyClause[]; benefits?: PolicyBenefit[]; changeNote?: string | null };

/** PATCH /policies/:code/versions/:v: a draft's content (rules checked by the engine). */
export const useUpdateDraftMutation = (centreId: string, code: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, patch }: { version: number; patch: VersionPatch }) =>
      apiRequest<PolicyVersion>(`${policiesApi(centreId)}/policies/${enc(code)}/versions/${version}`, { method: 'PATCH', body: patch }),
    onSuccess: () => invalidatePolicies(client, centreId),
  });
};

/** POST /policies/:code/versions/:v/publish: 409 `validity_overlap` unless `supersede` may end the open-ended one. */
export const usePublishMutation = (centreId: string, code: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, supersede }: { version: number; supersede: boolean }) =>
      apiRequest<PolicyDetail>(`${policiesApi(centreId)}/policies/${enc(code)}/versions/${version}/publish`, { method: 'POST', body: { supersede } }),
    onSuccess: () => invalidatePolicies(client, centreId),
  });
};

/** GET /policy-stacking-rules. */
export const useStackingRulesQuery = (centreId: string) =>
  useQuery({
    queryKey: policyKeys.stacking(centreId),
    queryFn: ({ signal }) => apiGet<{ items: StackingRule[] }>(`${policiesApi(centreId)}/policy-stacking-rules`, undefined, signal),
  });

/** POST /policy-stacking-rules (policies:write). */
export const useCreateStackingRuleMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: string; benefitA: string; benefitB: string; note: string | null }) => apiRequest<StackingRule>(`${policiesApi(centreId)}/policy-stacking-rules`, { method: 'POST', body }),
    onSuccess: () => invalidatePolicies(client, centreId),
  });
};

/** DELETE /policy-stacking-rules/:id (policies:write). */
export const useDeleteStackingRuleMutation = (centreId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<null>(`${policiesApi(centreId)}/policy-stacking-rules/${enc(id)}`, { method: 'DELETE' }),
    onSuccess: () => invalidatePolicies(client, centreId),
  });
};
