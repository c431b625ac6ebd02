import { metaCsvToElements } from '../../../../core/evaluation/index.js';
import type { TFrameworkElement, TRun } from '../../../../shared/schemas/evaluation.js';

/**
 * Names of a run's indicators and aggregates by code: from the saved framework
 * version it ran with, else from its dataset's iMeta; the run's own aggregate
 * names win.
 */
export const runNames = (run: Pick<TRun, 'results'>, source: { elements?: readonly TFrameworkElement[] | undefined; meta?: string | undefined }): Map<string, string> => {
  const names = new Map<string, string>();
  let elements: readonly TFrameworkElement[] = source.elements ?? [];
  if (!source.elements && source.meta) {
    try {
      elements = metaCsvToElements(source.meta);
    } catch {
      elements = [];
    }
  }
  for (const e of elements) if (e.name) names.set(e.code, e.name);
  for (const a of run.results.aggregates) if (a.name) names.set(a.code, a.name);
  return names;
};
