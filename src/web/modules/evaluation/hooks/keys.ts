/** Query keys of the evaluation module, one place so writes invalidate the right lists. */
export const evaluationKeys = {
  all: (centreId: string) => ['evaluation', centreId] as const,
  datasets: (centreId: string) => ['evaluation', centreId, 'datasets'] as const,
  dataset: (centreId: string, id: string) => ['evaluation', centreId, 'dataset', id] as const,
  /** Every framework list (prefix, for invalidation after a save). */
  frameworkLists: (centreId: string) => ['evaluation', centreId, 'frameworks'] as const,
  frameworks: (centreId: string, key: string | null) => ['evaluation', centreId, 'frameworks', key ?? '*'] as const,
  runs: (centreId: string) => ['evaluation', centreId, 'runs'] as const,
  run: (centreId: string, id: string) => ['evaluation', centreId, 'run', id] as const,
  runStep: (centreId: string, id: string, step: number) => ['evaluation', centreId, 'run', id, 'step', step] as const,
  explanation: (centreId: string, id: string, uCode: string) => ['evaluation', centreId, 'run', id, 'explain', uCode] as const,
  analyses: (centreId: string) => ['evaluation', centreId, 'analyses'] as const,
  analysis: (centreId: string, id: string) => ['evaluation', centreId, 'analysis', id] as const,
};

export const evaluationPath = (centreId: string, rest: string): string => `/api/centres/${encodeURIComponent(centreId)}/evaluation/${rest}`;
