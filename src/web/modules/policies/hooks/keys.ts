/** Query keys of the policy library and matching; everything under one centre starts with ['centre', id, 'policies']. */
export const policyKeys = {
  all: (centreId: string) => ['centre', centreId, 'policies'] as const,
  /** Drafts are listed for authors only, so the viewer is part of the key. */
  list: (centreId: string, query: object, viewerId: string | null) => ['centre', centreId, 'policies', 'list', query, viewerId ?? 'anonymous'] as const,
  detail: (centreId: string, code: string, viewerId: string | null) => ['centre', centreId, 'policies', 'detail', code, viewerId ?? 'anonymous'] as const,
  facts: (centreId: string) => ['centre', centreId, 'policies', 'fact-catalogue'] as const,
  stacking: (centreId: string) => ['centre', centreId, 'policies', 'stacking'] as const,
  check: (centreId: string, rule: string) => ['centre', centreId, 'policies', 'check', rule] as const,
  matches: (centreId: string, enterpriseId: string, viewerId: string | null) => ['centre', centreId, 'policies', 'matches', enterpriseId, viewerId ?? 'anonymous'] as const,
  enterpriseFacts: (centreId: string, enterpriseId: string, viewerId: string | null) => ['centre', centreId, 'policies', 'enterprise-facts', enterpriseId, viewerId ?? 'anonymous'] as const,
  benefitEnterprises: (centreId: string, key: string, query: object) => ['centre', centreId, 'policies', 'benefit-enterprises', key, query] as const,
};
