/** Where the key-enterprise services pages live. */
export const SERVICE_ROUTES = {
  desk: '/services',
  visitNew: '/services/visits/new',
  demands: '/services/demands',
  packages: '/services/packages',
  packageNew: '/services/packages/new',
  departments: '/services/departments',
  metrics: '/services/metrics',
} as const;

export const demandPath = (id: string): string => `/services/demands/${encodeURIComponent(id)}`;
export const packagePath = (id: string): string => `/services/packages/${encodeURIComponent(id)}`;
export const enterpriseServicePath = (id: string): string => `/services/enterprises/${encodeURIComponent(id)}`;
/** The visit form, with the enterprise chosen when it is known. */
export const newVisitPath = (enterpriseId?: string | null): string => (enterpriseId ? `${SERVICE_ROUTES.visitNew}?enterprise=${encodeURIComponent(enterpriseId)}` : SERVICE_ROUTES.visitNew);
/** A new package for an enterprise on a basis (`list`, `tier:<recognition>`). */
export const newPackagePath = (enterpriseId?: string | null, basis?: string | null): string => {
  const params = new URLSearchParams();
  if (enterpriseId) params.set('enterprise', enterpriseId);
  if (basis) params.set('basis', basis);
  const qs = params.toString();
  return qs ? `${SERVICE_ROUTES.packageNew}?${qs}` : SERVICE_ROUTES.packageNew;
};
