/** Query keys of the open-data centre endpoints; everything under one centre starts with ['centre', id]. */
export const centreKeys = {
  list: () => ['centres'] as const,
  all: (centreId: string) => ['centre', centreId] as const,
  detail: (centreId: string) => ['centre', centreId, 'detail'] as const,
  areas: (centreId: string) => ['centre', centreId, 'areas'] as const,
  map: (centreId: string) => ['centre', centreId, 'map'] as const,
  dashboard: (centreId: string) => ['centre', centreId, 'dashboard'] as const,
  entities: (centreId: string, query: object) => ['centre', centreId, 'entities', query] as const,
  entity: (centreId: string, id: string) => ['centre', centreId, 'entity', id] as const,
  indicators: (centreId: string) => ['centre', centreId, 'indicators'] as const,
  sources: (centreId: string) => ['centre', centreId, 'sources'] as const,
};
