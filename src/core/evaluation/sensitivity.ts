import { ZPipelineStep, type TPipelineStep, type TSensitivityInput, type TSensitivitySpec } from '../../shared/schemas/evaluation.js';
import { elementWeight, type AggregateStep } from './aggregate.js';
import { EvaluationError, type IndexInput } from './model.js';
import { createPipelineRunner, type RunOptions } from './pipeline.js';
import { createRandom, createRandomIndex, sobolPoints, SOBOL_MAX_DIMENSIONS } from './random.js';
import { mean, quantileSorted, rank, sampleVariance, sortedPresent } from './stats.js';

/**
 * Variance-based sensitivity analysis as COINr's get_sensitivity(SA_type = "SA"):
 * a Saltelli design (rows A, then B, then AB_1 … AB_d, each N long: N·(d + 2)
 * runs), output y = mean over units of |rank − nominal rank| of the target,
 * first-order Si (Saltelli 2010) and total STi (Jansen) with bootstrap
 * intervals, and rank statistics over the A and B runs.
 *
 * Every run depends only on its index, so runs can be split across threads in
 * any way and the result stays the same (see server/modules/evaluation).
 */

/** PRNG streams of one seed, one per use. */
const STREAM = { weights: 0, sampling: 1, bootstrap: 2 } as const;

export interface SensitivityPlan {
  readonly spec: TSensitivitySpec;
  readonly unitCodes: readonly string[];
  readonly nominalScores: Float64Array;
  readonly nominalRanks: Float64Array;
  /** Inputs d and the design's total run count N·(d + 2). */
  readonly d: number;
  readonly runCount: number;
  /** The uniform draws, runCount × d, row-major. */
  readonly sample: Float64Array;
  /** The pipeline and options of run `r`, with a label per input for runs.csv. */
  readonly configure: (r: number) => { steps: TPipelineStep[]; options: RunOptions; choices: string[] };
  /** Target scores of run `r` per nominal unit (NaN when a unit was screened out or the run failed). */
  readonly run: (r: number) => Float64Array;
}

const pick = <T>(options: readonly T[], u: number): { value: T; index: number } => {
  const index = Math.min(options.length - 1, Math.floor(u * options.length));
  return { value: options[index] as T, index };
};

/** COINr's SA_sample layout over uniform A and B matrices (N × d each). */
const saltelliSample = (a: Float64Array, b: Float64Array, N: number, d: number): Float64Array => {
  const out = new Float64Array(N * (d + 2) * d);
  out.set(a, 0);
  out.set(b, N * d);
  for (let i = 0; i < d; i++) {
    const block = out.subarray((2 + i) * N * d, (3 + i) * N * d);
    block.set(a);
    for (let j = 0; j < N; j++) block[j * d + i] = b[j * d + i] as number;
  }
  return out;
};

/** The Saltelli design's uniform draws: N·(d + 2) rows × d, row-major, rows A then B then AB_1 … AB_d. */
export const saltelliDesign = (spec: Pick<TSensitivitySpec, 'N' | 'seed' | 'sampling'>, d: number): Float64Array => {
  const N = spec.N;
  const a = new Float64Array(N * d);
  const b = new Float64Array(N * d);
  if (spec.sampling === 'sobol') {
    if (2 * d > SOBOL_MAX_DIMENSIONS) throw new EvaluationError(`Sobol sampling supports up to ${SOBOL_MAX_DIMENSIONS / 2} inputs; use "sampling": "random"`);
    const points = sobolPoints(N, 2 * d);
    for (let j = 0; j < N; j++) {
      for (let k = 0; k < d; k++) {
        a[j * d + k] = points[j * 2 * d + k] as number;
        b[j * d + k] = points[j * 2 * d + d + k] as number;
      }
    }
  } else {
    const random = createRandom(spec.seed, STREAM.sampling);
    for (let j = 0; j < N; j++) {
      for (let k = 0; k < d; k++) a[j * d + k] = random();
      for (let k = 0; k < d; k++) b[j * d + k] = random();
    }
  }
  return saltelliSample(a, b, N, d);
};

type Chooser = (u: number, steps: TPipelineStep[], options: { weights: Map<string, number>; exclude: string[] }) => string;

const chooser = (input: IndexInput, spec: TSensitivitySpec, uncertain: TSensitivityInput): Chooser => {
  const { framework } = input;
  switch (uncertain.type) {
    case 'weightNoise': {
      const aggregateStep = spec.pipeline.steps.find((s) => s.op === 'aggregate') as AggregateStep;
      const random = createRandom(spec.seed, STREAM.weights);
      const elements = [...framework.indicators, ...framework.aggregates];
      for (const { level } of uncertain.noise) {
        if (!elements.some((e) => e.level === level && e.code !== framework.root)) throw new EvaluationError(`${uncertain.name}: no weights at level ${level}`);
      }
      // COINr get_noisy_weights: `sets` replicates drawn up front, each w + (2u − 1)·factor·w.
      const sets = Array.from({ length: uncertain.sets }, () => {
        const weights = new Map<string, number>();
        for (const { level, factor } of uncertain.noise) {
          for (const e of elements) {
            if (e.level !== level) continue;
            const w = elementWeight(e, aggregateStep);
            weights.set(e.code, w + (random() * 2 - 1) * factor * w);
          }
        }
        return weights;
      });
      return (u, _steps, options) => {
        const { value, index } = pick(sets, u);
        for (const [code, w] of value) options.weights.set(code, w);
        return `set ${index + 1}`;
      };
    }
    case 'alternatives': {
      const alternatives = uncertain.options.map((option) => ZPipelineStep.parse({ ...option, op: uncertain.op }));
      return (u, steps) => {
        const { value, index } = pick(alternatives, u);
        steps.forEach((s, k) => {
          if (s.op === uncertain.op) steps[k] = value;
        });
        return JSON.stringify(uncertain.options[index]);
      };
    }
    case 'switch': {
      if (uncertain.op === 'aggregate') throw new EvaluationError(`${uncertain.name}: the aggregate step cannot be switched off`);
      return (u, steps) => {
        if (u < 0.5) return 'on';
        for (let k = steps.length - 1; k >= 0; k--) if (steps[k]?.op === uncertain.op) steps.splice(k, 1);
        return 'off';
      };
    }
    case 'exclusion': {
      for (const set of uncertain.options) {
        for (const code of set) {
          if (!input.data.columns.has(code)) throw new EvaluationError(`${uncertain.name}: "${code}" is not an indicator`);
        }
      }
      return (u, _steps, options) => {
        const { value } = pick(uncertain.options, u);
        options.exclude.push(...value);
        return value.length === 0 ? 'none' : value.join('+');
      };
    }
  }
};

export const planSensitivity = (input: IndexInput, spec: TSensitivitySpec): SensitivityPlan => {
  const d = spec.inputs.length;
  const runPipeline = createPipelineRunner(input);
  const nominal = runPipeline(spec.pipeline.steps);
  const nominalScores = nominal.aggregated.columns.get(spec.target);
  if (!nominalScores) throw new EvaluationError(`target "${spec.target}" is not an aggregate or indicator of the framework`);
  const unitCodes = nominal.aggregated.units.codes;
  const unitIndex = new Map(unitCodes.map((c, i) => [c, i]));
  const choosers = spec.inputs.map((uncertain) => chooser(input, spec, uncertain));
  const sample = saltelliDesign(spec, d);

  const configure = (r: number) => {
    const steps = [...spec.pipeline.steps];
    const options = { weights: new Map<string, number>(), exclude: [] as string[] };
    const choices = choosers.map((choose, k) => choose(sample[r * d + k] as number, steps, options));
    return { steps, options, choices };
  };

  const run = (r: number): Float64Array => {
    const scores = new Float64Array(unitCodes.length).fill(Number.NaN);
    const { steps, options } = configure(r);
    try {
      const result = runPipeline(steps, options);
      const target = result.aggregated.columns.get(spec.target);
      if (!target) return scores;
      result.aggregated.units.codes.forEach((code, i) => {
        const at = unitIndex.get(code);
        if (at !== undefined) scores[at] = target[i] as number;
      });
    } catch (error) {
      // A run whose choices cannot work together (e.g. a geometric mean over a z-score ≤ 0) counts as failed, as in COINr.
      if (!(error instanceof EvaluationError)) throw error;
    }
    return scores;
  };

  return {
    spec,
    unitCodes,
    nominalScores,
    nominalRanks: rank(nominalScores, true),
    d,
    runCount: spec.N * (d + 2),
    sample,
    configure,
    run,
  };
};

/** Target scores of runs [from, to), row-major (run × unit). */
export const runSensitivityRange = (plan: SensitivityPlan, from: number, to: number): Float64Array => {
  const n = plan.unitCodes.length;
  const out = new Float64Array((to - from) * n);
  for (let r = from; r < to; r++) out.set(plan.run(r), (r - from) * n);
  return out;
};

export interface SensitivityIndex {
  readonly input: string;
  readonly Si: number;
  readonly STi: number;
  readonly SiQ5: number;
  readonly SiQ95: number;
  readonly STiQ5: number;
  readonly STiQ95: number;
}

export interface RankStats {
  readonly uCode: string;
  readonly nominal: number;
  readonly mean: number;
  readonly median: number;
  readonly q5: number;
  readonly q95: number;
}

export interface SensitivityRun {
  readonly run: number;
  /** "A", "B" or "AB_i" with i the 1-based input number. */
  readonly block: string;
  readonly choices: readonly string[];
  readonly y: number;
  /** Ranks of the target per nominal unit. */
  readonly ranks: Float64Array;
}

export interface SensitivityResult {
  readonly runCount: number;
  readonly failedRuns: number;
  /** var(c(yA, yB)), the denominator of both indices. */
  readonly variance: number;
  readonly indices: readonly SensitivityIndex[];
  readonly rankStats: readonly RankStats[];
  readonly runs: readonly SensitivityRun[];
}

/**
 * Si = mean(yB·(yABi − yA))/V and STi = Σ(yA − yABi)²/(2N·V), V = var(c(yA, yB))
 * (COINr SA_estimate). Rows where a run failed are left out. Bootstrap as COINr:
 * the N terms of each index are resampled with replacement, V held fixed.
 */
export const estimateSobolIndices = (y: Float64Array, N: number, names: readonly string[], seed: number, bootstrap: number) => {
  const yA = y.subarray(0, N);
  const yB = y.subarray(N, 2 * N);
  const variance = sampleVariance(y.subarray(0, 2 * N));
  const randomIndex = createRandomIndex(seed, STREAM.bootstrap);
  const indices = names.map((input, i): SensitivityIndex => {
    const yAB = y.subarray((2 + i) * N, (3 + i) * N);
    const firstTerms = new Float64Array(N);
    const totalTerms = new Float64Array(N);
    let n = 0;
    for (let j = 0; j < N; j++) {
      const a = yA[j] as number;
      const b = yB[j] as number;
      const ab = yAB[j] as number;
      if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(ab)) continue;
      firstTerms[n] = b * (ab - a);
      totalTerms[n] = (a - ab) ** 2;
      n++;
    }
    let firstSum = 0;
    let totalSum = 0;
    for (let j = 0; j < n; j++) {
      firstSum += firstTerms[j] as number;
      totalSum += totalTerms[j] as number;
    }
    const Si = firstSum / n / variance;
    const STi = totalSum / (2 * n * variance);
    const siBoot = new Float64Array(bootstrap);
    const stiBoot = new Float64Array(bootstrap);
    for (let k = 0; k < bootstrap; k++) {
      let first = 0;
      let total = 0;
      for (let j = 0; j < n; j++) first += firstTerms[randomIndex(n)] as number;
      for (let j = 0; j < n; j++) total += totalTerms[randomIndex(n)] as number;
      siBoot[k] = first / n / variance;
      stiBoot[k] = total / (2 * n * variance);
    }
    const si = sortedPresent(siBoot);
    const sti = sortedPresent(stiBoot);
    return { input, Si, STi, SiQ5: quantileSorted(si, 0.05), SiQ95: quantileSorted(si, 0.95), STiQ5: quantileSorted(sti, 0.05), STiQ95: quantileSorted(sti, 0.95) };
  });
  return { variance, indices };
};

/** Ranks, y and indices from the target scores of every run (run × unit, as runSensitivityRange returns). */
export const summariseSensitivity = (plan: SensitivityPlan, scores: Float64Array): SensitivityResult => {
  const { N } = plan.spec;
  const n = plan.unitCodes.length;
  const y = new Float64Array(plan.runCount);
  let failedRuns = 0;
  const runs: SensitivityRun[] = [];
  for (let r = 0; r < plan.runCount; r++) {
    const ranks = rank(scores.subarray(r * n, (r + 1) * n), true);
    let sum = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const diff = Math.abs((ranks[i] as number) - (plan.nominalRanks[i] as number));
      if (!Number.isNaN(diff)) {
        sum += diff;
        count++;
      }
    }
    y[r] = count === 0 ? Number.NaN : sum / count;
    if (count === 0) failedRuns++;
    const blockIndex = Math.floor(r / N);
    runs.push({ run: r + 1, block: blockIndex === 0 ? 'A' : blockIndex === 1 ? 'B' : `AB_${blockIndex - 1}`, choices: plan.configure(r).choices, y: y[r] as number, ranks });
  }
  const { variance, indices } = estimateSobolIndices(y, N, plan.spec.inputs.map((i) => i.name), plan.spec.seed, plan.spec.bootstrap);
  const rankStats = plan.unitCodes.map((uCode, i): RankStats => {
    const sorted = sortedPresent(Float64Array.from(runs.slice(0, 2 * N), (run) => run.ranks[i] as number));
    return {
      uCode,
      nominal: plan.nominalRanks[i] as number,
      mean: mean(sorted),
      median: quantileSorted(sorted, 0.5),
      q5: quantileSorted(sorted, 0.05),
      q95: quantileSorted(sorted, 0.95),
    };
  });
  return { runCount: plan.runCount, failedRuns, variance, indices, rankStats, runs };
};
