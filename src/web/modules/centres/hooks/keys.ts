/** Query keys of the open-data centre endpoints; everything under one centre starts with ['centre', id]. */
export const centreKeys = {
  list: () => ['centres'] as const,
  all: (centreId: string) => ['centre', centreId] as const,
  detail: (centreId: string) => ['centre', centreId, 'detail'] as const,
  areas: (centreId: string) => ['centre', centreId, 'areas'] as const,
  map: (centreId: string) => ['centre', centreId, 'map'] as const,
  dashboard: (centreId: string) => ['centre', centreId, 'dashboard'] as const,
  indicators: (centreId: string) => ['centre', centreId, 'indicators'] as const,
  sources: (centreId: string) => ['centre', centreId, 'sources'] as const,
  /** Every search of the registry (prefix, for invalidation after a write). */
  searches: (centreId: string) => ['centre', centreId, 'search'] as const,
  search: (centreId: string, query: object) => ['centre', centreId, 'search', query] as const,
  /** One actor's profile as every viewer has seen it (prefix). */
  profiles: (centreId: string, entityId: string) => ['centre', centreId, 'profile', entityId] as const,
  /**
   * One actor's profile as this viewer sees it: personal fields depend on who
   * asks, so the viewer is part of the key and a later user of the same
   * browser never gets them from the cache.
   */
  profile: (centreId: string, entityId: string, viewerId: string | null) => ['centre', centreId, 'profile', entityId, viewerId ?? 'anonymous'] as const,
  graphs: (centreId: string) => ['centre', centreId, 'graph'] as const,
  graph: (centreId: string, entityId: string, depth: number, maxNodes: number) => ['centre', centreId, 'graph', entityId, depth, maxNodes] as const,
  duplicates: (centreId: string, probe: object) => ['centre', centreId, 'duplicates', probe] as const,
  vocabulary: (centreId: string) => ['centre', centreId, 'vocabulary'] as const,
  areaCounts: (centreId: string, filter: object) => ['centre', centreId, 'area-counts', filter] as const,
};
