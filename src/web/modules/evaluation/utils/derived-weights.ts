import type { TDerivedWeights, TFrameworkElement, TWeightsRequest } from '../../../../shared/schemas/evaluation.js';
import { applyWeights, topLevel } from './framework.js';

/**
 * "Derive weights" for a saved run (`POST /runs/:id/weights`, COINr get_PCA
 * and get_opt_weights): the request body, the levels that can be weighted,
 * and the framework with the derived weights to save as a new version.
 */

export const WEIGHT_METHODS = ['pca', 'balance', 'infomax'] as const;
export type WeightMethod = (typeof WEIGHT_METHODS)[number];

/** Levels whose weights can be derived: indicators (1) up to the level below the index. */
export const weightLevels = (elements: readonly TFrameworkElement[]): number[] => Array.from({ length: topLevel(elements) - 1 }, (_, i) => i + 1);

/**
 * Targets as typed ("1, 2, 1" or blank): a list of non-negative numbers, null
 * for blank (equal targets) or for methods other than balance; undefined when
 * the text is not a list of numbers.
 */
export const parseTargets = (method: WeightMethod, text: string): number[] | null | undefined => {
  if (method !== 'balance' || !text.trim()) return null;
  const parts = text.split(/[\s,，;；]+/).filter(Boolean);
  const numbers = parts.map(Number);
  return numbers.every((n) => Number.isFinite(n) && n >= 0) ? numbers : undefined;
};

export const weightsBody = (method: WeightMethod, level: number, targets: number[] | null): TWeightsRequest => ({ method, level, targets: method === 'balance' ? targets : null });

/** Derived weights a framework can take (negative PCA loadings as 0), by element code. */
export const usableWeights = (derived: TDerivedWeights): Map<string, number> => new Map(derived.elements.map((e) => [e.code, e.usable]));

/** The run's framework with the level's weights replaced by the usable derived ones (what "save as a new version" saves). */
export const withDerivedWeights = (elements: readonly TFrameworkElement[], derived: TDerivedWeights): TFrameworkElement[] => applyWeights(elements, usableWeights(derived));

/** Elements whose derived weight was negative and is taken as 0. */
export const negativeLoadings = (derived: TDerivedWeights): string[] => derived.elements.filter((e) => e.derived < 0).map((e) => e.code);
