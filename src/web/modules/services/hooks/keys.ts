/** Query keys of key-enterprise services; everything under one centre starts with ['centre', id, 'services']. */
export const serviceKeys = {
  all: (centreId: string) => ['centre', centreId, 'services'] as const,
  settings: () => ['services-settings'] as const,
  departments: (centreId: string) => ['centre', centreId, 'services', 'departments'] as const,
  /** Lists and cases depend on who asks (their worklist, their enterprise), so the viewer is part of the key. */
  demands: (centreId: string, filters: object, viewerId: string | null) => ['centre', centreId, 'services', 'demands', filters, viewerId ?? 'anonymous'] as const,
  demand: (centreId: string, demandId: string, viewerId: string | null) => ['centre', centreId, 'services', 'demand', demandId, viewerId ?? 'anonymous'] as const,
  packages: (centreId: string, filters: object, viewerId: string | null) => ['centre', centreId, 'services', 'packages', filters, viewerId ?? 'anonymous'] as const,
  package: (centreId: string, packageId: string, viewerId: string | null) => ['centre', centreId, 'services', 'package', packageId, viewerId ?? 'anonymous'] as const,
  candidates: (centreId: string, tiers: readonly string[]) => ['centre', centreId, 'services', 'candidates', [...tiers].sort()] as const,
  visits: (centreId: string, enterpriseId: string | null) => ['centre', centreId, 'services', 'visits', enterpriseId ?? 'all'] as const,
  metrics: (centreId: string, query: object) => ['centre', centreId, 'services', 'metrics', query] as const,
  systemicIssues: (centreId: string, query: object) => ['centre', centreId, 'services', 'systemic-issues', query] as const,
  enterprise: (centreId: string, enterpriseId: string, viewerId: string | null) => ['centre', centreId, 'services', 'enterprise', enterpriseId, viewerId ?? 'anonymous'] as const,
};
