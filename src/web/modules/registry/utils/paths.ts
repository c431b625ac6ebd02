/** Where an actor's profile lives. */
export const entityPath = (id: string): string => `/registry/${encodeURIComponent(id)}`;

/** The registry search with filters (empty values left out). */
export const registrySearchPath = (filters: Readonly<Record<string, string | null | undefined>>): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const qs = params.toString();
  return qs ? `/registry?${qs}` : '/registry';
};
