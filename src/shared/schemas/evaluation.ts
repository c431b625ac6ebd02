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

/* ---------- The API (issue 4): datasets, framework versions, runs, analyses ---------- */

/** A double as JSON: missing (NaN) is null. */
const ZNum = z.number().nullable();
const ZIdText = z.string().min(1).max(120);
const ZCsvText = z.string().min(1).max(8 * 1024 * 1024);

/** Upload of COINr's two files as text: iData (units × indicators) and iMeta (the framework). */
export const ZDatasetUpload = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullable().default(null),
  /** Example data from elsewhere (e.g. COINr's ASEM set), shown as such, never as this centre's figures. */
  isExample: z.boolean().default(false),
  data: ZCsvText,
  meta: ZCsvText,
});
export type TDatasetUpload = z.input<typeof ZDatasetUpload>;

export const ZDatasetSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  isExample: z.boolean(),
  /** SHA-256 of the files as uploaded: the data version a run names. */
  dataSha256: z.string(),
  metaSha256: z.string(),
  unitCount: z.number().int(),
  indicatorCount: z.number().int(),
  /** Set when the dataset was built from the centre's own indicator figures. */
  origin: z
    .object({
      kind: z.literal('figures'),
      level: z.string(),
      period: z.string(),
      includeEstimated: z.boolean(),
      indicators: z.array(z.string()),
      /** True when any figure used is a sample (示例): the dataset and its results are then samples too. */
      sample: z.boolean(),
      filledCells: z.number().int(),
      emptyCells: z.number().int(),
    })
    .nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type TDatasetSummary = z.output<typeof ZDatasetSummary>;

/** Build a dataset from the centre's figures: its districts (parks, organisations) as units, catalogue indicators as columns. */
export const ZDatasetFromFigures = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullable().default(null),
  level: z.enum(['district', 'park', 'organisation']),
  /** The period whose figures fill the cells: 2023, 2023-Q2, 2023-07. */
  period: z.string().regex(/^\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$/, 'a year (2023), quarter (2023-Q2) or month (2023-07)'),
  /** Use estimated figures where no measured one exists. */
  includeEstimated: z.boolean().default(false),
  indicators: z
    .array(
      z.strictObject({
        code: z.string().min(1).max(80),
        weight: z.number().min(0).default(1),
        /** Overrides the catalogue's direction (+1 more is better, −1 less is better). */
        direction: z.union([z.literal(1), z.literal(-1)]).nullable().default(null),
        /** A pillar (sub-index) to group this indicator under; none puts it straight under the index. */
        pillar: z.string().trim().min(1).max(100).regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'letters, digits and _').nullable().default(null),
      }),
    )
    .min(2)
    .max(200),
});
export type TDatasetFromFigures = z.input<typeof ZDatasetFromFigures>;

export const ZDataset = ZDatasetSummary.extend({
  data: z.string(),
  meta: z.string(),
  /** uCode → indicator code → observation id, for datasets built from figures. */
  cellSources: z.record(z.string(), z.record(z.string(), z.string())).nullable(),
  created: z.boolean().optional(),
});
export type TDataset = z.output<typeof ZDataset>;

/** One iMeta row. Indicators have level 1; aggregates 2 and up; groups and denominators no level. */
export const ZFrameworkElement = z.strictObject({
  type: z.enum(['Indicator', 'Aggregate', 'Group', 'Denominator']),
  level: z.number().int().min(1).max(20).nullable().default(null),
  code: z.string().trim().min(1).max(100),
  name: z.string().max(300).default(''),
  direction: z.union([z.literal(1), z.literal(-1)]).nullable().default(null),
  weight: z.number().min(0).nullable().default(null),
  unit: z.string().max(100).default(''),
  target: z.number().nullable().default(null),
  denominator: z.string().max(100).nullable().default(null),
  parent: z.string().max(100).nullable().default(null),
});
export type TFrameworkElement = z.output<typeof ZFrameworkElement>;

export const ZFrameworkSave = z.strictObject({
  name: z.string().trim().min(1).max(200),
  note: z.string().max(2000).nullable().default(null),
  elements: z.array(ZFrameworkElement).min(2).max(5000),
});
export type TFrameworkSave = z.input<typeof ZFrameworkSave>;

export const ZFrameworkKey = z.string().min(1).max(80).regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _');

export const ZFrameworkVersion = z.object({
  id: z.string(),
  key: z.string(),
  version: z.number().int(),
  name: z.string(),
  note: z.string().nullable(),
  elements: z.array(ZFrameworkElement),
  metaSha256: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type TFrameworkVersion = z.output<typeof ZFrameworkVersion>;

export const ZRunRequest = z.strictObject({
  datasetId: ZIdText,
  /** A saved framework version replacing the dataset's own iMeta; null or absent keeps iMeta. */
  frameworkId: ZIdText.nullable().default(null),
  pipeline: ZPipeline,
});
export type TRunRequest = z.input<typeof ZRunRequest>;

export const ZTreatmentRow = z.object({
  code: z.string(),
  skewBefore: ZNum,
  kurtBefore: ZNum,
  skewAfter: ZNum,
  kurtAfter: ZNum,
  winsorised: z.number().int(),
  logApplied: z.boolean(),
  passes: z.boolean(),
  treatedUnits: z.array(z.string()),
});
export type TTreatmentRow = z.output<typeof ZTreatmentRow>;

/** The outcome of a pipeline: every unit's rank and scores for every aggregate, best first. */
export const ZRunResults = z.object({
  root: z.string(),
  /** The index first, then each level down (COINr get_results order). */
  aggregates: z.array(z.object({ code: z.string(), name: z.string(), level: z.number().int(), parent: z.string().nullable() })),
  units: z.array(z.object({ uCode: z.string(), uName: z.string(), rank: ZNum, scores: z.record(z.string(), ZNum) })),
});
export type TRunResults = z.output<typeof ZRunResults>;

export const ZRunVersions = z.object({ data: z.string(), meta: z.string(), pipeline: z.string() });

export const ZRunSummary = z.object({
  id: z.string(),
  datasetId: z.string(),
  frameworkId: z.string().nullable(),
  versions: ZRunVersions,
  durationMs: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type TRunSummary = z.output<typeof ZRunSummary>;

export const ZRun = ZRunSummary.extend({
  pipeline: z.object({ steps: z.array(z.record(z.string(), z.unknown())) }),
  results: ZRunResults,
  treatment: z.array(ZTreatmentRow).nullable(),
});
export type TRun = z.output<typeof ZRun>;

/** One step's output dataset, with the cells it filled (impute) or changed (treat). */
export const ZRunStep = z.object({
  index: z.number().int(),
  op: z.string(),
  step: z.record(z.string(), z.unknown()),
  codes: z.array(z.string()),
  units: z.array(z.object({ uCode: z.string(), uName: z.string() })),
  /** One row per unit, one value per code. */
  values: z.array(z.array(ZNum)),
  /** [uCode, code] of cells missing before this step and present after it. */
  filled: z.array(z.tuple([z.string(), z.string()])),
  /** [uCode, code] of cells this step changed by outlier treatment. */
  treated: z.array(z.tuple([z.string(), z.string()])),
});
export type TRunStep = z.output<typeof ZRunStep>;

export const ZExplanation = z.object({
  uCode: z.string(),
  uName: z.string(),
  rank: ZNum,
  score: ZNum,
  contributions: z.array(z.object({ code: z.string(), name: z.string(), level: z.number().int(), value: ZNum, effectiveWeight: z.number(), contribution: ZNum })),
  upOneRank: z
    .object({
      rank: z.number(),
      score: z.number(),
      scoreToReach: z.number(),
      moves: z.array(z.object({ code: z.string(), current: ZNum, required: ZNum, change: ZNum, withinObservedRange: z.boolean() })),
      smallestCode: z.string().nullable(),
    })
    .nullable(),
});
export type TExplanation = z.output<typeof ZExplanation>;

export const ZRunCheck = z.object({ identical: z.boolean(), compared: z.number().int(), maxAbsDiff: z.number() });

/** The API caps the design so one request cannot occupy the server for long: N·(d + 2) ≤ this many runs. */
export const MAX_SENSITIVITY_RUNS = 20_000;
export const MAX_SENSITIVITY_N = 2_000;

export const ZAnalysisRequest = z.strictObject({
  datasetId: ZIdText,
  frameworkId: ZIdText.nullable().default(null),
  spec: ZSensitivitySpec,
});
export type TAnalysisRequest = z.input<typeof ZAnalysisRequest>;

export const ZAnalysisStatus = z.enum(['running', 'succeeded', 'failed']);

export const ZAnalysisResult = z.object({
  failedRuns: z.number().int(),
  variance: ZNum,
  indices: z.array(z.object({ input: z.string(), Si: ZNum, STi: ZNum, SiQ5: ZNum, SiQ95: ZNum, STiQ5: ZNum, STiQ95: ZNum })),
  rankStats: z.array(z.object({ uCode: z.string(), uName: z.string(), nominal: ZNum, mean: ZNum, median: ZNum, q5: ZNum, q95: ZNum })),
});
export type TAnalysisResult = z.output<typeof ZAnalysisResult>;

export const ZAnalysis = z.object({
  id: z.string(),
  datasetId: z.string(),
  frameworkId: z.string().nullable(),
  status: ZAnalysisStatus,
  runCount: z.number().int(),
  spec: z.record(z.string(), z.unknown()),
  result: ZAnalysisResult.nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TAnalysis = z.output<typeof ZAnalysis>;

/** Weights derived from a run's data for one level (COINr get_PCA / get_opt_weights), to review and save as a framework version. */
export const ZWeightsRequest = z.strictObject({
  method: z.enum(['pca', 'balance', 'infomax']),
  /** 1 = indicators, 2 = the first aggregates, and so on; not the index itself. */
  level: z.number().int().min(1).max(19),
  /** balance only: relative target importances, one per element of the level in framework order (default equal). */
  targets: z.array(z.number().min(0)).max(500).nullable().default(null),
});
export type TWeightsRequest = z.input<typeof ZWeightsRequest>;

export const ZDerivedWeights = z.object({
  method: z.enum(['pca', 'balance', 'infomax']),
  level: z.number().int(),
  elements: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      parent: z.string().nullable(),
      /** The weight in the run's framework. */
      current: z.number(),
      /** As derived: PCA loadings may be negative. */
      derived: z.number(),
      /** What a framework can take (weights are ≥ 0): the derived weight, or 0 where it is negative. */
      usable: z.number(),
      /** Correlation with the index under the derived weights (balance, infomax). */
      correlation: z.number().nullable(),
      /** The element's target share of the correlations (balance). */
      desiredShare: z.number().nullable(),
      obtainedShare: z.number().nullable(),
    }),
  ),
  /** PCA: one entry per aggregation group. */
  groups: z.array(z.object({ parent: z.string(), varianceExplained: z.number(), rowsUsed: z.number().int() })),
  /** Optimisation: convergence and iterations. */
  converged: z.boolean().nullable(),
  iterations: z.number().int().nullable(),
  /** The pipeline data the weights come from: normalised (PCA of indicators), aggregated (PCA of aggregates, optimisation). */
  dataset: z.string(),
});
export type TDerivedWeights = z.output<typeof ZDerivedWeights>;
