/** Query keys of the evaluation module, one place so writes invalidate the right lists. */
export const evaluationKeys = {
  all: (centreId: string) => ['evaluation', centreId] as const,
  datasets: (centreId: string) => ['evaluation', centreId, 'datasets'] as const,
  dataset: (centreId: string, id: string) => ['evaluation', centreId, 'dataset', id] as const,
  analysis: (centreId: string, id: string) => ['evaluation', centreId, 'analysis', id] as const,
};

export const evaluationPath = (centreId: string, rest: string): string => `/api/centres/${encodeURIComponent(centreId)}/evaluation/${rest}`;
