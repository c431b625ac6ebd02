import { z } from 'zod';

/**
 * The evaluation pipeline (issue 4) as data: `pipeline.json` and `sa.json`.
 * One schema for the CLI, the API and the browser, so a stored run can be
 * replayed anywhere. Objects are strict: a misspelt parameter is an error,
 * not a silently ignored default.
 */

const ZInterval = z
  .tuple([z.number(), z.number()])
  .refine(([lo, hi]) => lo < hi, { message: 'must be [low, high] with low < high' });

const normaliseMethods = {
  minmax: z.strictObject({ op: z.literal('normalise'), method: z.literal('minmax'), range: ZInterval.default([0, 100]) }),
  zscore: z.strictObject({ op: z.literal('normalise'), method: z.literal('zscore'), mean: z.number().default(0), sd: z.number().positive().default(1) }),
  /** Rank of the direction-adjusted value, ascending, ties get the lowest rank (COINr n_rank). */
  rank: z.strictObject({ op: z.literal('normalise'), method: z.literal('rank') }),
  /** 1 − (target − x)/(target − min), target from iMeta (COINr n_dist2targ). */
  distanceToTarget: z.strictObject({ op: z.literal('normalise'), method: z.literal('distanceToTarget'), capMax: z.boolean().default(false) }),
  /** 1 − (max − x)/(max − min) (COINr n_dist2max). */
  distanceToFrontier: z.strictObject({ op: z.literal('normalise'), method: z.literal('distanceToFrontier') }),
  /** (x − low)/(high − low) per indicator, optionally truncated to [0, 1], times scale (COINr n_goalposts). */
  goalposts: z.strictObject({
    op: z.literal('normalise'),
    method: z.literal('goalposts'),
    posts: z.record(z.string(), ZInterval),
    scale: z.number().positive().default(100),
    truncate: z.boolean().default(true),
  }),
};

export const ZNormaliseStep = z.discriminatedUnion('method', [
  normaliseMethods.minmax,
  normaliseMethods.zscore,
  normaliseMethods.rank,
  normaliseMethods.distanceToTarget,
  normaliseMethods.distanceToFrontier,
  normaliseMethods.goalposts,
]);

export const ZImputeStep = z.discriminatedUnion('method', [
  z.strictObject({ op: z.literal('impute'), method: z.enum(['mean', 'median', 'none']) }),
  z.strictObject({ op: z.literal('impute'), method: z.enum(['groupMean', 'groupMedian']), group: z.string().min(1) }),
]);

export const ZAggregationMethod = z.enum(['amean', 'gmean', 'hmean', 'median', 'copeland']);

export const ZPipelineStep = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('denominate') }),
  ZImputeStep,
  z.strictObject({ op: z.literal('screen'), minDataAvailability: z.number().min(0).max(1) }),
  z.strictObject({
    op: z.literal('treat'),
    winmax: z.number().int().min(0).default(5),
    skewThreshold: z.number().positive().default(2),
    kurtThreshold: z.number().default(3.5),
  }),
  ZNormaliseStep,
  z.strictObject({
    op: z.literal('aggregate'),
    method: ZAggregationMethod,
    /** `framework`: iMeta's Weight column; `equal`: every child weighs 1. */
    weights: z.enum(['framework', 'equal']).default('framework'),
    /** An aggregate is missing when the share of its children present is below this (COINr dat_thresh). */
    dataThreshold: z.number().min(0).max(1).default(0),
  }),
]);
export type TPipelineStep = z.output<typeof ZPipelineStep>;
export type TPipelineOp = TPipelineStep['op'];

export const ZPipeline = z
  .strictObject({ steps: z.array(ZPipelineStep).min(1) })
  .refine((p) => p.steps.filter((s) => s.op === 'aggregate').length === 1 && p.steps.at(-1)?.op === 'aggregate', {
    message: 'the pipeline needs exactly one aggregate step, and it must come last',
    path: ['steps'],
  });
export type TPipeline = z.output<typeof ZPipeline>;

const pipelineOps = ['denominate', 'impute', 'screen', 'treat', 'normalise', 'aggregate'] as const;

/** An uncertain input of the sensitivity analysis; each maps a uniform draw u ∈ [0, 1) to one choice. */
export const ZSensitivityInput = z.discriminatedUnion('type', [
  /** `sets` noisy weight sets drawn once (w + (2u − 1)·factor·w at each listed level); u picks one (COINr get_noisy_weights). */
  z.strictObject({
    name: z.string().min(1),
    type: z.literal('weightNoise'),
    noise: z.array(z.strictObject({ level: z.number().int().min(1), factor: z.number().min(0).max(1) })).min(1),
    sets: z.number().int().min(1).default(100),
  }),
  /** u picks one option, which replaces the parameters of the pipeline's step `op`. */
  z.strictObject({
    name: z.string().min(1),
    type: z.literal('alternatives'),
    op: z.enum(pipelineOps),
    options: z.array(z.record(z.string(), z.unknown())).min(2),
  }),
  /** u < ½ keeps the pipeline's step `op`, otherwise the step is left out (e.g. treatment on/off). */
  z.strictObject({ name: z.string().min(1), type: z.literal('switch'), op: z.enum(pipelineOps) }),
  /** u picks one set of indicators to leave out; [] leaves all in. */
  z.strictObject({ name: z.string().min(1), type: z.literal('exclusion'), options: z.array(z.array(z.string())).min(2) }),
]);
export type TSensitivityInput = z.output<typeof ZSensitivityInput>;

export const ZSensitivitySpec = z
  .strictObject({
    pipeline: ZPipeline,
    /** The aggregate whose ranks the analysis follows, e.g. "Index". */
    target: z.string().min(1),
    /** Base sample size: the design costs N·(d + 2) pipeline runs. */
    N: z.number().int().min(3).max(1_000_000),
    seed: z.number().int(),
    sampling: z.enum(['sobol', 'random']).default('sobol'),
    /** Bootstrap resamples for the intervals of Si and STi. */
    bootstrap: z.number().int().min(0).max(100_000).default(1000),
    inputs: z.array(ZSensitivityInput).min(2),
  })
  .superRefine((spec, ctx) => {
    const names = new Set<string>();
    spec.inputs.forEach((input, i) => {
      if (names.has(input.name)) ctx.addIssue({ code: 'custom', path: ['inputs', i, 'name'], message: `duplicate input name "${input.name}"` });
      names.add(input.name);
      if (input.type !== 'alternatives' && input.type !== 'switch') return;
      if (!spec.pipeline.steps.some((s) => s.op === input.op)) {
        ctx.addIssue({ code: 'custom', path: ['inputs', i, 'op'], message: `the pipeline has no "${input.op}" step to vary` });
      }
      if (input.type === 'alternatives') {
        input.options.forEach((option, j) => {
          const parsed = ZPipelineStep.safeParse({ ...option, op: input.op });
          for (const issue of parsed.error?.issues ?? []) {
            ctx.addIssue({ code: 'custom', path: ['inputs', i, 'options', j, ...issue.path.filter((p) => typeof p !== 'symbol')], message: issue.message });
          }
        });
      }
    });
  });
export type TSensitivitySpec = z.output<typeof ZSensitivitySpec>;
