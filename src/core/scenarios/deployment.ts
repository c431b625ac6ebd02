import { criterionMet, type Comparator } from '../calls/acceptance.js';

export type ScenarioCriterion = { id: string; metric: string; unit: string; comparator: string; threshold: number };
export type JudgedResult = { criterionId: string; metric: string; unit: string; comparator: string; threshold: number; value: number; met: boolean };

/**
 * A deployment's measured results judged against the scenario's own acceptance
 * metrics (the call's criteria), in the criteria's order; a value for a
 * criterion the scenario does not have is reported, not dropped.
 */
export const judgeResults = (criteria: readonly ScenarioCriterion[], values: readonly { criterionId: string; value: number }[]): { results: JudgedResult[]; unknown: number[] } => {
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const unknown = values.flatMap((v, i) => (byId.has(v.criterionId) ? [] : [i]));
  const given = new Map(values.filter((v) => byId.has(v.criterionId)).map((v) => [v.criterionId, v.value]));
  const results = criteria.flatMap((c) => {
    const value = given.get(c.id);
    return value === undefined ? [] : [{ criterionId: c.id, metric: c.metric, unit: c.unit, comparator: c.comparator, threshold: c.threshold, value, met: criterionMet({ comparator: c.comparator as Comparator, threshold: c.threshold }, value) }];
  });
  return { results, unknown };
};
