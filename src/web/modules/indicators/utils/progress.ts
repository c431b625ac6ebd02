import type { TProgressStatus, TTarget } from '../../../../shared/schemas/indicators.js';

export type StatusColour = 'green' | 'blue' | 'orange' | 'red' | 'default';

/** A progress status's colour: achieved green, on track blue, at risk orange, off track or missed red, the rest grey. */
export const STATUS_COLOUR: Readonly<Record<TProgressStatus, StatusColour>> = {
  achieved: 'green',
  on_track: 'blue',
  at_risk: 'orange',
  off_track: 'red',
  missed: 'red',
  awaiting_figures: 'default',
  in_progress: 'default',
  no_data: 'default',
  not_assessed: 'default',
};

/** A quantitative target compares an indicator's figures with a value; a qualitative goal is assessed by people. */
export const isQuantitative = (target: Pick<TTarget, 'comparison' | 'targetValue'>): boolean => target.comparison !== null && target.targetValue !== null;

/** The share of the way from baseline to target as a bar's percentage (0–100), or null when it cannot be told. */
export const progressPercent = (share: number | null): number | null => {
  if (share === null || !Number.isFinite(share)) return null;
  return Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
};

/**
 * Whether a pace (per year) goes the right way: for an "at least" target a
 * rise, for an "at most" target a fall. The sign of what is required says so.
 */
export const paceKeepsUp = (slopePerYear: number | null, requiredPerYear: number | null): boolean | null => {
  if (slopePerYear === null || requiredPerYear === null) return null;
  if (requiredPerYear === 0) return true;
  return slopePerYear / requiredPerYear >= 1;
};

/** Targets in reading order: quantitative first by deadline (soonest first, none last), then by code. */
export const sortTargets = <T extends Pick<TTarget, 'deadline' | 'code'>>(targets: readonly T[]): T[] =>
  [...targets].sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || a.code.localeCompare(b.code, undefined, { numeric: true }));

/** How many targets have each status. */
export const countByStatus = (targets: readonly Pick<TTarget, 'progress'>[]): Partial<Record<TProgressStatus, number>> => {
  const out: Partial<Record<TProgressStatus, number>> = {};
  for (const t of targets) out[t.progress.status] = (out[t.progress.status] ?? 0) + 1;
  return out;
};
