import type { TDerivedWeights, TPipelineStep } from '../../shared/schemas/evaluation.js';
import { EvaluationError, type Dataset, type Framework, type IndexInput } from './model.js';
import { createPipelineRunner, type PipelineResult } from './pipeline.js';

/**
 * Weights derived from the data rather than set by hand, the two ways COINr
 * offers (`get_PCA`, `get_opt_weights`): first-principal-component loadings
 * per aggregation group, and weights optimised so that each element's
 * correlation with the index matches a target share ("balance") or the
 * correlations are as large as possible ("infomax"). Both return a weight per
 * element of one level, to be saved as a new framework version: a run stays
 * reproducible from its stored framework.
 */

/** Elements of a level in framework order: indicators at level 1, aggregates above. */
export const elementsAtLevel = (framework: Framework, level: number): string[] =>
  (level === 1 ? framework.indicators : framework.aggregates).filter((e) => e.level === level).map((e) => e.code);

const columnOf = (dataset: Dataset, code: string): Float64Array => {
  const c = dataset.columns.get(code);
  if (!c) throw new EvaluationError(`no column "${code}" in the dataset: aggregate before deriving weights from level ${code}`);
  return c;
};

/** Pearson correlation over the units where both values are present (R's `use = "pairwise.complete.obs"`). */
export const pearson = (x: Float64Array, y: Float64Array): number => {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    n++;
    sx += a;
    sy += b;
  }
  if (n < 2) return Number.NaN;
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    sxy += (a - mx) * (b - my);
    sxx += (a - mx) ** 2;
    syy += (b - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy);
};

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations
 * (exact to machine precision for the small matrices of an aggregation group).
 * Returns eigenvalues descending with their unit eigenvectors.
 */
export const symmetricEigen = (matrix: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } => {
  const n = matrix.length;
  const a = matrix.map((row) => [...row]);
  const v = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p]?.[q] as number) ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]?.[q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p]?.[p] as number;
        const aqq = a[q]?.[q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]?.[p] as number;
          const akq = a[k]?.[q] as number;
          (a[k] as number[])[p] = c * akp - s * akq;
          (a[k] as number[])[q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]?.[k] as number;
          const aqk = a[q]?.[k] as number;
          (a[p] as number[])[k] = c * apk - s * aqk;
          (a[q] as number[])[k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]?.[p] as number;
          const vkq = v[k]?.[q] as number;
          (v[k] as number[])[p] = c * vkp - s * vkq;
          (v[k] as number[])[q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => (a[j]?.[j] as number) - (a[i]?.[i] as number));
  return { values: order.map((i) => a[i]?.[i] as number), vectors: order.map((i) => v.map((row) => row[i] as number)) };
};

export type PcaGroup = {
  parent: string;
  codes: string[];
  /** First-component loadings, the weights: signed so that they sum to a non-negative number. */
  loadings: number[];
  /** Share of the group's variance the first component explains. */
  varianceExplained: number;
  /** Units with every value present (PCA uses complete rows only). */
  rowsUsed: number;
};

/**
 * PCA weights for one level: within each aggregation group, the loadings of
 * the first principal component of the centred and scaled data (R's
 * `prcomp(center = TRUE, scale = TRUE)$rotation[, 1]`), complete rows only.
 * The sign of a component is arbitrary (COINr passes on whatever `prcomp`
 * returns); here it is fixed so that the loadings sum to a non-negative
 * number. Loadings can still be negative: they are reported, not hidden.
 */
export const pcaWeights = (dataset: Dataset, framework: Framework, level: number): { weights: Map<string, number>; groups: PcaGroup[] } => {
  const codes = elementsAtLevel(framework, level);
  if (codes.length === 0) throw new EvaluationError(`the framework has no level ${level}`);
  const byParent = new Map<string, string[]>();
  for (const code of codes) {
    const parent = framework.byCode.get(code)?.parent ?? '';
    byParent.set(parent, [...(byParent.get(parent) ?? []), code]);
  }
  const weights = new Map<string, number>();
  const groups: PcaGroup[] = [];
  for (const [parent, members] of byParent) {
    const cols = members.map((c) => columnOf(dataset, c));
    const rows: number[] = [];
    for (let i = 0; i < dataset.units.codes.length; i++) if (cols.every((col) => !Number.isNaN(col[i] as number))) rows.push(i);
    if (members.length === 1) {
      weights.set(members[0] as string, 1);
      groups.push({ parent, codes: members, loadings: [1], varianceExplained: 1, rowsUsed: rows.length });
      continue;
    }
    if (rows.length < 3) throw new EvaluationError(`PCA of the group "${parent}" needs at least 3 units with every value present, found ${rows.length}`);
    const standardised = cols.map((col) => {
      const values = rows.map((i) => col[i] as number);
      const mean = values.reduce((s, x) => s + x, 0) / values.length;
      const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length - 1));
      if (sd === 0) throw new EvaluationError(`PCA of the group "${parent}": "${members[cols.indexOf(col)]}" does not vary`);
      return values.map((x) => (x - mean) / sd);
    });
    const m = rows.length;
    const corr = standardised.map((x) => standardised.map((y) => x.reduce((s, xi, k) => s + xi * (y[k] as number), 0) / (m - 1)));
    const { values, vectors } = symmetricEigen(corr);
    const first = vectors[0] as number[];
    const sign = first.reduce((s, x) => s + x, 0) < 0 ? -1 : 1;
    const loadings = first.map((x) => x * sign);
    members.forEach((code, k) => weights.set(code, loadings[k] as number));
    const total = values.reduce((s, x) => s + x, 0);
    groups.push({ parent, codes: members, loadings, varianceExplained: (values[0] as number) / total, rowsUsed: m });
  }
  return { weights, groups };
};

/** Nelder–Mead minimisation (R's `optim` default method): standard coefficients, an initial simplex of 10 % of the largest start value. */
export const nelderMead = (f: (x: number[]) => number, start: readonly number[], options: { reltol: number; maxit: number }): { x: number[]; value: number; iterations: number; converged: boolean } => {
  const n = start.length;
  const scale = 0.1 * Math.max(...start.map(Math.abs), 1e-3);
  let simplex = [start.slice(), ...start.map((_, i) => start.map((x, j) => (i === j ? x + scale : x)))];
  let values = simplex.map(f);
  let iterations = 0;
  const centroidOf = (points: number[][]): number[] => Array.from({ length: n }, (_, j) => points.reduce((s, p) => s + (p[j] as number), 0) / points.length);
  const along = (from: number[], to: number[], t: number): number[] => from.map((x, j) => x + t * ((to[j] as number) - x));
  while (iterations < options.maxit) {
    const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
    simplex = order.map((i) => simplex[i] as number[]);
    values = order.map((i) => values[i] as number);
    const best = values[0] as number;
    const worst = values[n] as number;
    if (Math.abs(worst - best) <= options.reltol * (Math.abs(best) + options.reltol)) return { x: simplex[0] as number[], value: best, iterations, converged: true };
    iterations++;
    const centroid = centroidOf(simplex.slice(0, n));
    const reflected = along(centroid, simplex[n] as number[], -1);
    const fr = f(reflected);
    if (fr < best) {
      const expanded = along(centroid, simplex[n] as number[], -2);
      const fe = f(expanded);
      [simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < (values[n - 1] as number)) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const contracted = fr < worst ? along(centroid, reflected, 0.5) : along(centroid, simplex[n] as number[], 0.5);
      const fc = f(contracted);
      if (fc < Math.min(fr, worst)) [simplex[n], values[n]] = [contracted, fc];
      else {
        const first = simplex[0] as number[];
        simplex = simplex.map((p, i) => (i === 0 ? p : along(first, p, 0.5)));
        values = simplex.map((p, i) => (i === 0 ? (values[0] as number) : f(p)));
      }
    }
  }
  const i = values.indexOf(Math.min(...values));
  return { x: simplex[i] as number[], value: values[i] as number, iterations, converged: false };
};

export type OptimisedWeights = {
  codes: string[];
  /** Optimised weights of the level, summing to 1. */
  weights: number[];
  /** Target shares (balance) or null (infomax). */
  desired: number[] | null;
  /** Correlation of each element with the index under the optimised weights. */
  correlations: number[];
  /** The correlations as shares of their sum (what balance matches to the targets). */
  shares: number[];
  objective: number;
  iterations: number;
  converged: boolean;
};

/**
 * Optimise the weights of one level (COINr `get_opt_weights`): re-aggregate
 * with candidate weights and compare each element's Pearson correlation with
 * the index. `balance` minimises log(mean((target share − correlation share)²)),
 * starting from the targets; `infomax` maximises the sum of correlations,
 * starting from the framework's weights. Weights are kept non-negative by
 * optimising their absolute values, where COINr lets them go negative.
 */
export const optimiseWeights = (
  input: IndexInput,
  steps: readonly TPipelineStep[],
  options: { level: number; mode: 'balance' | 'infomax'; targets?: readonly number[] | undefined; reltol?: number; maxit?: number },
): OptimisedWeights => {
  const { framework } = input;
  const codes = elementsAtLevel(framework, options.level);
  if (codes.length < 2) throw new EvaluationError(`level ${options.level} needs at least two elements to weight`);
  if (!steps.some((s) => s.op === 'aggregate')) throw new EvaluationError('the pipeline must end in an aggregate step');
  const root = framework.root;
  if (codes.includes(root)) throw new EvaluationError('the index itself cannot be weighted');
  let desired: number[] | null = null;
  if (options.mode === 'balance') {
    const raw = options.targets ?? codes.map(() => 1);
    if (raw.length !== codes.length) throw new EvaluationError(`give ${codes.length} target importances for level ${options.level}, one per element`);
    if (raw.some((x) => !(x >= 0)) || raw.every((x) => x === 0)) throw new EvaluationError('target importances must be non-negative and not all zero');
    const sum = raw.reduce((s, x) => s + x, 0);
    desired = raw.map((x) => x / sum);
  }
  const run = createPipelineRunner(input);
  const evaluate = (w: readonly number[]) => {
    const abs = w.map(Math.abs);
    const sum = abs.reduce((s, x) => s + x, 0) || 1;
    const weights = abs.map((x) => x / sum);
    const result = run(steps, { weights: new Map(codes.map((c, i) => [c, weights[i] as number])) });
    const index = columnOf(result.aggregated, root);
    const correlations = codes.map((c) => pearson(columnOf(result.aggregated, c), index));
    const total = correlations.reduce((s, x) => s + x, 0);
    const shares = correlations.map((x) => x / total);
    const objective = desired
      ? Math.log(Math.max(desired.reduce((s, d, i) => s + (d - (shares[i] as number)) ** 2, 0) / codes.length, Number.MIN_VALUE))
      : -correlations.reduce((s, x) => s + x, 0);
    return { weights, correlations, shares, objective: Number.isFinite(objective) ? objective : Number.MAX_VALUE };
  };
  const start = desired ?? codes.map((c) => framework.byCode.get(c)?.weight ?? 1);
  const best = nelderMead((w) => evaluate(w).objective, start, { reltol: options.reltol ?? 1e-8, maxit: options.maxit ?? 500 });
  const out = evaluate(best.x);
  return { codes, weights: out.weights, desired, correlations: out.correlations, shares: out.shares, objective: out.objective, iterations: best.iterations, converged: best.converged };
};

/** A request that cannot be met, naming the field at fault (the API maps it to a field error). */
export class WeightsRequestError extends EvaluationError {
  constructor(
    readonly field: 'level' | 'targets' | 'method',
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'WeightsRequestError';
  }
}

/**
 * Weights for one level derived from a run's data, with the diagnostics an
 * analyst needs to judge them (shared by the API and the CLI). PCA of
 * indicators reads the normalised data, what aggregation sees; of aggregates,
 * the aggregated data. Optimisation re-runs the aggregation.
 */
export const deriveWeights = (
  input: IndexInput,
  steps: readonly TPipelineStep[],
  result: PipelineResult,
  request: { method: 'pca' | 'balance' | 'infomax'; level: number; targets?: readonly number[] | null },
): TDerivedWeights => {
  const { framework } = input;
  const codes = elementsAtLevel(framework, request.level);
  if (codes.length === 0) throw new WeightsRequestError('level', 'no_such_level', `the framework has no level ${request.level}`);
  if (codes.includes(framework.root)) throw new WeightsRequestError('level', 'index_level', 'the index itself has no weight to derive');
  if (request.targets && request.targets.length !== codes.length) throw new WeightsRequestError('targets', 'wrong_length', `give ${codes.length} targets, one per element of level ${request.level}`);
  const base = (code: string) => {
    const e = framework.byCode.get(code);
    return { code, name: e?.name ?? code, parent: e?.parent ?? null, current: e?.weight ?? 1 };
  };
  if (request.method === 'pca') {
    const normalised = [...result.steps].reverse().find((s) => s.step.op === 'normalise')?.dataset;
    const useNormalised = request.level === 1 && normalised !== undefined;
    const { weights, groups } = pcaWeights(useNormalised ? normalised : result.aggregated, framework, request.level);
    return {
      method: 'pca',
      level: request.level,
      elements: codes.map((c) => ({ ...base(c), derived: weights.get(c) ?? 0, usable: Math.max(0, weights.get(c) ?? 0), correlation: null, desiredShare: null, obtainedShare: null })),
      groups: groups.map((g) => ({ parent: g.parent, varianceExplained: g.varianceExplained, rowsUsed: g.rowsUsed })),
      converged: null,
      iterations: null,
      dataset: useNormalised ? 'normalised' : 'aggregated',
    };
  }
  const out = optimiseWeights(input, steps, { level: request.level, mode: request.method, targets: request.targets ?? undefined });
  return {
    method: request.method,
    level: request.level,
    elements: codes.map((c, i) => ({ ...base(c), derived: out.weights[i] as number, usable: out.weights[i] as number, correlation: out.correlations[i] as number, desiredShare: out.desired?.[i] ?? null, obtainedShare: out.shares[i] as number })),
    groups: [],
    converged: out.converged,
    iterations: out.iterations,
    dataset: 'aggregated',
  };
};
