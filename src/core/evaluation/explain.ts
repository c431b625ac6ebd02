import { elementWeight, type AggregateStep, type WeightOverrides } from './aggregate.js';
import { EvaluationError, column, type Dataset, type Framework, type FrameworkElement } from './model.js';
import { max } from './stats.js';

/**
 * Why a unit scores what it scores, for the arithmetic mean: the index is then
 * linear in the normalised indicators, Σ eᵢ·xᵢ, where the effective weight eᵢ
 * is the product down the tree of each node's weight share among the children
 * present for that unit.
 */

export interface Contribution {
  readonly code: string;
  readonly level: number;
  /** Normalised value (indicators) or aggregate score. */
  readonly value: number;
  /** Share of the root score this element carries for this unit; 0 when missing. */
  readonly effectiveWeight: number;
  /** effectiveWeight × value; the indicators' contributions sum to the root score. */
  readonly contribution: number;
}

/** Contributions of every element (aggregates first, top-down, then indicators) to one unit's root score. */
export const contributions = (framework: Framework, aggregated: Dataset, step: AggregateStep, unit: number, overrides?: WeightOverrides): Contribution[] => {
  if (step.method !== 'amean') throw new EvaluationError(`contributions are defined for the arithmetic mean, not ${step.method}`);
  const effective = new Map<string, number>([[framework.root, 1]]);
  const valueOf = (code: string): number => aggregated.columns.get(code)?.[unit] ?? Number.NaN;
  for (const parent of [...framework.aggregates].reverse()) {
    const share = effective.get(parent.code) ?? 0;
    const present = (framework.children.get(parent.code) ?? []).filter((c) => !Number.isNaN(valueOf(c)));
    const weights = present.map((c) => elementWeight(framework.byCode.get(c) as FrameworkElement, step, overrides));
    const total = weights.reduce((s, w) => s + w, 0);
    present.forEach((c, k) => effective.set(c, share * ((weights[k] as number) / total)));
  }
  const elements = [...[...framework.aggregates].reverse(), ...framework.indicators].filter((e) => aggregated.columns.has(e.code));
  return elements.map((e) => {
    const value = valueOf(e.code);
    const effectiveWeight = effective.get(e.code) ?? 0;
    return { code: e.code, level: e.level, value, effectiveWeight, contribution: effectiveWeight === 0 ? 0 : effectiveWeight * value };
  });
};

export interface RankMove {
  readonly code: string;
  readonly current: number;
  /** The normalised value that lifts the unit level with the next better unit. */
  readonly required: number;
  readonly change: number;
  /** Whether `required` stays within the best value any unit has on this indicator (beyond it, a min-max scale would move). */
  readonly withinObservedRange: boolean;
}

export interface UpOneRank {
  readonly rank: number;
  readonly score: number;
  /** The nearest better score: equalling it shares that unit's (better) rank. */
  readonly scoreToReach: number;
  /** Single-indicator changes in normalised units, smallest first. */
  readonly moves: readonly RankMove[];
  /** The smallest move within the observed range, or null when none is. */
  readonly smallest: RankMove | null;
}

/** What it would take for one unit to move up one rank by changing a single normalised indicator (arithmetic mean). Null for the leader. */
export const upOneRank = (framework: Framework, aggregated: Dataset, step: AggregateStep, unit: number, overrides?: WeightOverrides): UpOneRank | null => {
  const scores = column(aggregated, framework.root);
  const score = scores[unit] as number;
  if (Number.isNaN(score)) throw new EvaluationError(`unit ${aggregated.units.codes[unit]} has no ${framework.root} score`);
  let scoreToReach = Number.POSITIVE_INFINITY;
  let rank = 1;
  for (const s of scores) {
    if (s > score) {
      rank++;
      if (s < scoreToReach) scoreToReach = s;
    }
  }
  if (rank === 1) return null;
  const gain = scoreToReach - score;
  const moves = contributions(framework, aggregated, step, unit, overrides)
    .filter((c) => c.level === 1 && c.effectiveWeight > 0)
    .map((c): RankMove => {
      const change = gain / c.effectiveWeight;
      const required = c.value + change;
      return { code: c.code, current: c.value, required, change, withinObservedRange: required <= max(column(aggregated, c.code)) };
    })
    .sort((a, b) => a.change - b.change);
  return { rank, score, scoreToReach, moves, smallest: moves.find((m) => m.withinObservedRange) ?? null };
};
