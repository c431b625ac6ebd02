import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../app/api.js';
import { useSession } from '../../../app/session.js';
import type { BenefitEnterprises, EnterpriseFacts, EnterpriseMatches, FactAnswer, PushConsent } from '../types.js';
import { enc, policiesApi } from './base.js';
import { policyKeys } from './keys.js';

/** GET /enterprises/:id/policy-matches: every benefit in force, eligible / unknown / ineligible, questions, advice, conflicts. */
export const useEnterpriseMatchesQuery = (centreId: string, enterpriseId: string | null | undefined) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: policyKeys.matches(centreId, enterpriseId ?? '', user?.id ?? null),
    queryFn: ({ signal }) => apiGet<EnterpriseMatches>(`${policiesApi(centreId)}/enterprises/${enc(enterpriseId ?? '')}/policy-matches`, undefined, signal),
    enabled: !!enterpriseId && !isLoading && !!user,
  });
};

/** GET /enterprises/:id/policy-facts: the facts with their origin and the push consent. */
export const useEnterpriseFactsQuery = (centreId: string, enterpriseId: string | null | undefined) => {
  const { user, isLoading } = useSession();
  return useQuery({
    queryKey: policyKeys.enterpriseFacts(centreId, enterpriseId ?? '', user?.id ?? null),
    queryFn: ({ signal }) => apiGet<EnterpriseFacts>(`${policiesApi(centreId)}/enterprises/${enc(enterpriseId ?? '')}/policy-facts`, undefined, signal),
    enabled: !!enterpriseId && !isLoading && !!user,
  });
};

/** POST /enterprises/:id/policy-facts: answers; the response is the new matches, shown at once. */
export const useAnswerFactsMutation = (centreId: string, enterpriseId: string) => {
  const client = useQueryClient();
  const { user } = useSession();
  return useMutation({
    mutationFn: (answers: FactAnswer[]) => apiRequest<EnterpriseMatches>(`${policiesApi(centreId)}/enterprises/${enc(enterpriseId)}/policy-facts`, { method: 'POST', body: { answers } }),
    onSuccess: async (matches) => {
      client.setQueryData(policyKeys.matches(centreId, enterpriseId, user?.id ?? null), matches);
      await client.invalidateQueries({ queryKey: policyKeys.enterpriseFacts(centreId, enterpriseId, user?.id ?? null) });
    },
  });
};

/** PUT /enterprises/:id/push-consent: 免申即享 (an officer adds how the enterprise gave it). */
export const usePushConsentMutation = (centreId: string, enterpriseId: string) => {
  const client = useQueryClient();
  const { user } = useSession();
  return useMutation({
    mutationFn: (body: { consent: boolean; note?: string | null }) => apiRequest<PushConsent>(`${policiesApi(centreId)}/enterprises/${enc(enterpriseId)}/push-consent`, { method: 'PUT', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: policyKeys.enterpriseFacts(centreId, enterpriseId, user?.id ?? null) }),
  });
};

/** GET /policies/:code/benefits/:benefit/enterprises: the enterprises a benefit applies to (services:manage). */
export const useBenefitEnterprisesQuery = (centreId: string, policyCode: string, benefitCode: string | null, query: { result: string; limit: number; offset: number }) =>
  useQuery({
    queryKey: policyKeys.benefitEnterprises(centreId, `${policyCode}/${benefitCode ?? ''}`, query),
    queryFn: ({ signal }) => apiGet<BenefitEnterprises>(`${policiesApi(centreId)}/policies/${enc(policyCode)}/benefits/${enc(benefitCode ?? '')}/enterprises`, query, signal),
    enabled: !!benefitCode,
    placeholderData: keepPreviousData,
  });
