/** The evaluation engine (issue 4): COINr's pipeline, sensitivity analysis and explanations, pure and typed-array based. */
export { aggregate, elementWeight, type AggregateStep, type WeightOverrides } from './aggregate.js';
export { contributions, upOneRank, type Contribution, type RankMove, type UpOneRank } from './explain.js';
export { csvRows, parseFramework, parseIndexInput, type CsvFile } from './input.js';
export { EvaluationError, EvaluationInputError, column, type Dataset, type Framework, type FrameworkElement, type IndexInput, type Units } from './model.js';
export { normalise, type NormaliseStep } from './normalise.js';
export { createPipelineRunner, DATASET_NAMES, runPipeline, type PipelineResult, type RunOptions, type StepResult } from './pipeline.js';
export { denominate, impute, screen, type ImputeStep, type ScreenStep } from './prepare.js';
export { createRandom, sobolPoints } from './random.js';
export {
  estimateSobolIndices,
  planSensitivity,
  saltelliDesign,
  runSensitivityRange,
  summariseSensitivity,
  type RankStats,
  type SensitivityIndex,
  type SensitivityPlan,
  type SensitivityResult,
  type SensitivityRun,
} from './sensitivity.js';
export { kurtosis, quantileSorted, rank, sampleSd, skewness } from './stats.js';
export { treat, treatColumn, type TreatmentRecord, type TreatStep } from './treat.js';
export { elementsToMetaCsv, explainUnit, metaCsvToElements, metaField, runResults, stepTable, treatmentRows } from './results.js';
export { buildFiguresDataset, figuresFramework, INDEX_CODE, type Figure, type FigureIndicator, type FigureUnit, type FiguresDataset } from './from-figures.js';
export { deriveWeights, elementsAtLevel, nelderMead, WeightsRequestError, optimiseWeights, pcaWeights, pearson, symmetricEigen, type OptimisedWeights, type PcaGroup } from './weights.js';
