/** Where an actor's profile lives. */
export const entityPath = (id: string): string => `/registry/${encodeURIComponent(id)}`;

/** The registry search with filters (empty values left out). */
export const registrySearchPath = (filters: Readonly<Record<string, string | null | undefined>>): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const qs = params.toString();
  return qs ? `/registry?${qs}` : '/registry';
};

const centreApi = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}`;

/** The import template, for a download link (writers only; the session cookie goes along). */
export const importTemplateUrl = (centreId: string, format: 'xlsx' | 'csv', headers: 'zh' | 'en'): string =>
  `${centreApi(centreId)}/imports/template?format=${format}&headers=${headers}`;

/** An import's whole error report as CSV (row, column, value, reason). */
export const importErrorsUrl = (centreId: string, jobId: string): string => `${centreApi(centreId)}/imports/${encodeURIComponent(jobId)}/errors`;
