import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  csvRows,
  deriveWeights as deriveLevelWeights,
  elementsToMetaCsv,
  EvaluationError,
  EvaluationInputError,
  explainUnit,
  metaField,
  parseFramework,
  parseIndexInput,
  planSensitivity,
  runPipeline,
  runResults,
  stepTable,
  treatmentRows,
  WeightsRequestError,
  type IndexInput,
  type PipelineResult,
} from '../../../core/evaluation/index.js';
import type { FieldIssue } from '../../../shared/errors.js';
import {
  MAX_SENSITIVITY_N,
  MAX_SENSITIVITY_RUNS,
  ZPipeline,
  ZSensitivitySpec,
  type TAnalysis,
  type TAnalysisResult,
  type TDataset,
  type TDerivedWeights,
  type TDatasetSummary,
  type TExplanation,
  type TFrameworkElement,
  type TFrameworkVersion,
  type TRun,
  type TRunResults,
  type TRunStep,
  type TRunSummary,
  type TSensitivitySpec,
  type TTreatmentRow,
  ZAnalysisRequest,
  ZDatasetUpload,
  ZFrameworkSave,
  ZRunRequest,
  ZWeightsRequest,
} from '../../../shared/schemas/evaluation.js';
import type { z } from 'zod';
import { appendAuditEvent, canonicalJson, type Actor } from '../../../db/audit-log.js';
import type { DbExecutor } from '../../../db/client.js';
import { asReadTx, withWriteTx, type ReadTx } from '../../../db/tx.js';
import { assertCentreScope, type ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import {
  findAnalysis,
  findDataset,
  findDatasetByContent,
  findFramework,
  findRun,
  insertAnalysis,
  insertDataset,
  insertFramework,
  insertRun,
  latestFrameworkVersion,
  listAnalyses,
  listDatasets,
  listFrameworkVersions,
  listRuns,
  updateAnalysis,
  type AnalysisRow,
  type DatasetRow,
  type DatasetSummaryRow,
  type FrameworkRow,
  type RunRow,
} from './evaluation.repository.js';
import { runSensitivity } from './sensitivity-workers.js';

/**
 * Use cases of the evaluation engine (issue 4). The engine is pure and
 * deterministic, so a run stores its inputs' versions (SHA-256 of iData, iMeta
 * and the pipeline with every default filled in) and its results; step
 * datasets and explanations are recomputed from the stored inputs on demand.
 */

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const iso = (d: Date): string => d.toISOString();

/** Reads and writes stay inside the user's own centre; a deployment-wide admin may use any. */
export const assertCentre = assertCentreScope;

const invalid = (message: string, fields: (FieldIssue & Record<string, unknown>)[]): AppError => new AppError('VALIDATION_FAILED', message, { fields });


/** An engine error as a 400 naming the field; anything else is a bug and propagates. */
const asInputError = (error: unknown, paths: { data: string; meta: string; pipeline: string; elements?: boolean }): never => {
  if (error instanceof EvaluationInputError) {
    const inMeta = error.file === 'iMeta.csv';
    const extra = { file: error.file, row: error.row ?? null, column: error.column ?? null };
    const path =
      inMeta && paths.elements && error.row !== undefined
        ? `elements.${error.row - 2}${metaField(error.column) ? `.${metaField(error.column)}` : ''}`
        : inMeta
          ? paths.meta
          : paths.data;
    throw invalid(error.message, [{ in: 'body', path, reason: 'invalid_input', message: error.message, ...extra }]);
  }
  if (error instanceof EvaluationError) {
    throw invalid(error.message, [{ in: 'body', path: paths.pipeline, reason: 'pipeline_failed', message: error.message }]);
  }
  throw error;
};

const parseInput = (dataCsv: string, metaCsv: string): IndexInput =>
  parseIndexInput({ name: 'iData.csv', rows: csvRows(dataCsv) }, { name: 'iMeta.csv', rows: csvRows(metaCsv) });

/* ---------- datasets ---------- */

const toDatasetSummary = (row: DatasetSummaryRow): TDatasetSummary => ({
  id: row.id,
  name: row.name,
  description: row.description,
  isExample: row.isExample,
  dataSha256: row.dataSha256,
  metaSha256: row.metaSha256,
  unitCount: row.unitCount,
  indicatorCount: row.indicatorCount,
  origin: (row.origin as TDatasetSummary['origin']) ?? null,
  createdBy: row.createdBy,
  createdAt: iso(row.createdAt),
});

const toDataset = (row: DatasetRow, created?: boolean): TDataset => ({ ...toDatasetSummary(row), data: row.dataCsv, meta: row.metaCsv, cellSources: row.cellSources ?? null, ...(created === undefined ? {} : { created }) });

export const listCentreDatasets = async (ctx: ServiceContext, centreId: string): Promise<TDatasetSummary[]> => {
  assertCentre(ctx, centreId);
  return (await listDatasets(asReadTx(ctx.db), centreId)).map(toDatasetSummary);
};

export const getDataset = async (ctx: ServiceContext, centreId: string, id: string): Promise<TDataset> => {
  assertCentre(ctx, centreId);
  const row = await findDataset(asReadTx(ctx.db), centreId, id);
  if (!row) throw new AppError('NOT_FOUND', `No dataset ${id}`);
  return toDataset(row);
};

/** Store iData + iMeta after the engine has parsed them; the same files twice give the same dataset back. */
export const uploadDataset = (ctx: ServiceContext, centreId: string, body: z.output<typeof ZDatasetUpload>): Promise<TDataset> => storeDataset(ctx, centreId, { ...body, origin: null, cellSources: null });

export const storeDataset = async (
  ctx: ServiceContext,
  centreId: string,
  body: z.output<typeof ZDatasetUpload> & { origin: TDatasetSummary['origin']; cellSources: Record<string, Record<string, string>> | null },
): Promise<TDataset> => {
  assertCentre(ctx, centreId);
  const dataSha256 = sha256(body.data);
  const metaSha256 = sha256(body.meta);
  let input: IndexInput;
  try {
    input = parseInput(body.data, body.meta);
  } catch (error) {
    return asInputError(error, { data: 'data', meta: 'meta', pipeline: 'data' });
  }
  return withWriteTx(ctx.db, async (tx) => {
    const existing = await findDatasetByContent(tx, centreId, dataSha256, metaSha256);
    if (existing) return toDataset(existing, false);
    const row = await insertDataset(tx, {
      id: randomUUID(),
      centreId,
      name: body.name,
      description: body.description,
      isExample: body.isExample,
      dataCsv: body.data,
      metaCsv: body.meta,
      dataSha256,
      metaSha256,
      unitCount: input.data.units.codes.length,
      indicatorCount: input.framework.indicators.length,
      origin: body.origin,
      cellSources: body.cellSources,
      createdBy: ctx.actor.label,
      createdAt: ctx.now,
    });
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'evaluation.dataset.create', entityType: 'evaluation_dataset', entityId: row.id, centreId, before: null, after: toDatasetSummary(row), requestId: ctx.requestId });
    return toDataset(row, true);
  });
};

/* ---------- frameworks ---------- */

const toFramework = (row: FrameworkRow): TFrameworkVersion => ({
  id: row.id,
  key: row.key,
  version: row.version,
  name: row.name,
  note: row.note,
  elements: row.elements as TFrameworkElement[],
  metaSha256: row.metaSha256,
  createdBy: row.createdBy,
  createdAt: iso(row.createdAt),
});

export const listFrameworks = async (ctx: ServiceContext, centreId: string, key?: string): Promise<TFrameworkVersion[]> => {
  assertCentre(ctx, centreId);
  return (await listFrameworkVersions(asReadTx(ctx.db), centreId, key)).map(toFramework);
};

/** Each save is a new version under the key; the engine checks the tree (levels, parents, weights) first. */
export const saveFrameworkVersion = async (ctx: ServiceContext, centreId: string, key: string, body: z.output<typeof ZFrameworkSave>): Promise<TFrameworkVersion> => {
  assertCentre(ctx, centreId);
  const metaCsv = elementsToMetaCsv(body.elements);
  try {
    parseFramework({ name: 'iMeta.csv', rows: csvRows(metaCsv) });
  } catch (error) {
    asInputError(error, { data: 'elements', meta: 'elements', pipeline: 'elements', elements: true });
  }
  return withWriteTx(ctx.db, async (tx) => {
    const version = (await latestFrameworkVersion(tx, centreId, key)) + 1;
    const row = await insertFramework(tx, {
      id: randomUUID(),
      centreId,
      key,
      version,
      name: body.name,
      note: body.note,
      elements: body.elements,
      metaCsv,
      metaSha256: sha256(metaCsv),
      createdBy: ctx.actor.label,
      createdAt: ctx.now,
    });
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'evaluation.framework.save', entityType: 'evaluation_framework', entityId: row.id, centreId, before: null, after: toFramework(row), requestId: ctx.requestId });
    return toFramework(row);
  });
};

/* ---------- runs ---------- */

type Sources = { dataset: DatasetRow; framework: FrameworkRow | null; input: IndexInput };

const loadSources = async (tx: ReadTx, centreId: string, datasetId: string, frameworkId: string | null): Promise<Sources> => {
  const dataset = await findDataset(tx, centreId, datasetId);
  if (!dataset) throw invalid(`No dataset ${datasetId}`, [{ in: 'body', path: 'datasetId', reason: 'unknown_dataset', message: `no dataset ${datasetId} in this centre` }]);
  const framework = frameworkId === null ? null : ((await findFramework(tx, centreId, frameworkId)) ?? null);
  if (frameworkId !== null && !framework) throw invalid(`No framework ${frameworkId}`, [{ in: 'body', path: 'frameworkId', reason: 'unknown_framework', message: `no framework version ${frameworkId} in this centre` }]);
  try {
    return { dataset, framework, input: parseInput(dataset.dataCsv, framework?.metaCsv ?? dataset.metaCsv) };
  } catch (error) {
    // The files were checked at upload; what fails here is a framework that does not fit the data.
    return asInputError(error, { data: framework ? 'frameworkId' : 'datasetId', meta: framework ? 'frameworkId' : 'datasetId', pipeline: 'pipeline' });
  }
};

const execute = (input: IndexInput, steps: z.output<typeof ZPipeline>['steps']): PipelineResult => {
  try {
    return runPipeline(input, steps);
  } catch (error) {
    return asInputError(error, { data: 'pipeline', meta: 'pipeline', pipeline: 'pipeline' });
  }
};

const toRunSummary = (row: Pick<RunRow, 'id' | 'datasetId' | 'frameworkId' | 'versions' | 'durationMs' | 'createdBy' | 'createdAt'>): TRunSummary => ({
  id: row.id,
  datasetId: row.datasetId,
  frameworkId: row.frameworkId,
  versions: row.versions as TRunSummary['versions'],
  durationMs: row.durationMs,
  createdBy: row.createdBy,
  createdAt: iso(row.createdAt),
});

const toRun = (row: RunRow): TRun => ({
  ...toRunSummary(row),
  pipeline: row.pipeline as TRun['pipeline'],
  results: row.results as TRunResults,
  treatment: (row.treatment as TTreatmentRow[] | null) ?? null,
});

/** Run a pipeline on a stored dataset (and framework version) and store the run with its versions and results. */
export const createRun = async (ctx: ServiceContext, centreId: string, body: z.output<typeof ZRunRequest>): Promise<TRun> => {
  assertCentre(ctx, centreId);
  const { dataset, framework, input } = await loadSources(asReadTx(ctx.db), centreId, body.datasetId, body.frameworkId);
  const started = performance.now();
  const result = execute(input, body.pipeline.steps);
  const durationMs = Math.round(performance.now() - started);
  const steps = result.steps.map((s) => s.step);
  const versions = { data: dataset.dataSha256, meta: framework?.metaSha256 ?? dataset.metaSha256, pipeline: sha256(canonicalJson({ steps })) };
  return withWriteTx(ctx.db, async (tx) => {
    const row = await insertRun(tx, {
      id: randomUUID(),
      centreId,
      datasetId: dataset.id,
      frameworkId: framework?.id ?? null,
      pipeline: { steps },
      versions,
      results: runResults(input, result),
      treatment: treatmentRows(result),
      durationMs,
      createdBy: ctx.actor.label,
      createdAt: ctx.now,
    });
    await appendAuditEvent(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: 'evaluation.run.create',
      entityType: 'evaluation_run',
      entityId: row.id,
      centreId,
      before: null,
      after: { ...toRunSummary(row), pipeline: row.pipeline },
      requestId: ctx.requestId,
    });
    return toRun(row);
  });
};

export const listCentreRuns = async (ctx: ServiceContext, centreId: string): Promise<TRunSummary[]> => {
  assertCentre(ctx, centreId);
  return (await listRuns(asReadTx(ctx.db), centreId, 100)).map(toRunSummary);
};

export const getRun = async (ctx: ServiceContext, centreId: string, runId: string): Promise<TRun> => {
  assertCentre(ctx, centreId);
  const row = await findRun(asReadTx(ctx.db), centreId, runId);
  if (!row) throw new AppError('NOT_FOUND', `No run ${runId}`);
  return toRun(row);
};

/** A stored run computed again from its stored inputs (the engine is deterministic). Small cache: inputs never change. */
const replays = new Map<string, { input: IndexInput; result: PipelineResult }>();
const replay = async (ctx: ServiceContext, centreId: string, runId: string): Promise<{ row: RunRow; input: IndexInput; result: PipelineResult }> => {
  assertCentre(ctx, centreId);
  const tx = asReadTx(ctx.db);
  const row = await findRun(tx, centreId, runId);
  if (!row) throw new AppError('NOT_FOUND', `No run ${runId}`);
  const cached = replays.get(row.id);
  if (cached) return { row, ...cached };
  const { input } = await loadSources(tx, centreId, row.datasetId, row.frameworkId);
  const result = execute(input, ZPipeline.parse(row.pipeline).steps);
  if (replays.size >= 16) replays.delete(replays.keys().next().value as string);
  replays.set(row.id, { input, result });
  return { row, input, result };
};

/** Re-run a stored run and compare every stored number with the new ones. */
export const checkRun = async (ctx: ServiceContext, centreId: string, runId: string): Promise<{ identical: boolean; compared: number; maxAbsDiff: number }> => {
  assertCentre(ctx, centreId);
  const tx = asReadTx(ctx.db);
  const row = await findRun(tx, centreId, runId);
  if (!row) throw new AppError('NOT_FOUND', `No run ${runId}`);
  const { input } = await loadSources(tx, centreId, row.datasetId, row.frameworkId);
  const result = execute(input, ZPipeline.parse(row.pipeline).steps);
  const stored = row.results as TRunResults;
  const fresh = runResults(input, result);
  let compared = 0;
  let maxAbsDiff = 0;
  const byCode = new Map(fresh.units.map((u) => [u.uCode, u]));
  for (const unit of stored.units) {
    const other = byCode.get(unit.uCode);
    const pairs: [number | null, number | null | undefined][] = [[unit.rank, other?.rank], ...Object.entries(unit.scores).map(([c, v]): [number | null, number | null | undefined] => [v, other?.scores[c]])];
    for (const [a, b] of pairs) {
      compared++;
      const diff = a === null || b === null || b === undefined ? (a === b ? 0 : Number.POSITIVE_INFINITY) : Math.abs(a - b);
      maxAbsDiff = Math.max(maxAbsDiff, diff);
    }
  }
  const identical =
    canonicalJson(stored) === canonicalJson(fresh) &&
    canonicalJson(row.treatment ?? null) === canonicalJson(treatmentRows(result)) &&
    fresh.units.length === stored.units.length;
  return { identical, compared, maxAbsDiff: Number.isFinite(maxAbsDiff) ? maxAbsDiff : Number.MAX_VALUE };
};

export const getRunStep = async (ctx: ServiceContext, centreId: string, runId: string, index: number): Promise<TRunStep> => {
  const { input, result } = await replay(ctx, centreId, runId);
  if (index >= result.steps.length) throw new AppError('NOT_FOUND', `Run ${runId} has ${result.steps.length} steps (0–${result.steps.length - 1})`);
  return stepTable(input, result, index);
};

export const explainRunUnit = async (ctx: ServiceContext, centreId: string, runId: string, uCode: string): Promise<TExplanation> => {
  const { input, result } = await replay(ctx, centreId, runId);
  const unit = result.aggregated.units.codes.indexOf(uCode);
  if (unit < 0) throw new AppError('NOT_FOUND', `No unit ${uCode} in run ${runId}`);
  const method = (result.steps.at(-1)?.step as { method?: string }).method;
  if (method !== 'amean') {
    throw invalid('Contributions need an arithmetic-mean aggregation', [{ in: 'params', path: 'runId', reason: 'amean_only', message: `this run aggregates with ${method}; contributions are defined for amean` }]);
  }
  try {
    return explainUnit(input, result, unit);
  } catch (error) {
    return asInputError(error, { data: 'uCode', meta: 'uCode', pipeline: 'uCode' });
  }
};

/* ---------- sensitivity analyses ---------- */

const toAnalysis = (row: AnalysisRow): TAnalysis => ({
  id: row.id,
  datasetId: row.datasetId,
  frameworkId: row.frameworkId,
  status: row.status as TAnalysis['status'],
  runCount: row.runCount,
  spec: row.spec as Record<string, unknown>,
  result: (row.result as TAnalysisResult | null) ?? null,
  error: row.error,
  durationMs: row.durationMs,
  createdBy: row.createdBy,
  createdAt: iso(row.createdAt),
  finishedAt: row.finishedAt ? iso(row.finishedAt) : null,
});

const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

export type AnalysisRunner = {
  threads: number;
  now: () => Date;
  /** Keeps the background job so a shutdown can wait for it. */
  track: (job: Promise<unknown>) => void;
  onError: (error: unknown) => void;
};

/** Check the spec against the data, store the job, and run it in the background on worker threads. */
export const startAnalysis = async (ctx: ServiceContext, centreId: string, body: z.output<typeof ZAnalysisRequest>, runner: AnalysisRunner): Promise<TAnalysis> => {
  assertCentre(ctx, centreId);
  const spec: TSensitivitySpec = body.spec;
  const runCount = spec.N * (spec.inputs.length + 2);
  if (spec.N > MAX_SENSITIVITY_N || runCount > MAX_SENSITIVITY_RUNS) {
    throw invalid('The design is too large for the server', [
      { in: 'body', path: 'spec.N', reason: 'too_many_runs', message: `N·(d + 2) = ${runCount} runs; the API allows N ≤ ${MAX_SENSITIVITY_N} and at most ${MAX_SENSITIVITY_RUNS} runs (use the CLI for more)`, maximum: MAX_SENSITIVITY_RUNS },
    ]);
  }
  if (spec.bootstrap > 10_000) throw invalid('Too many bootstrap resamples', [{ in: 'body', path: 'spec.bootstrap', reason: 'too_big', message: 'at most 10000 bootstrap resamples', maximum: 10_000 }]);
  const { dataset, framework, input } = await loadSources(asReadTx(ctx.db), centreId, body.datasetId, body.frameworkId);
  try {
    planSensitivity(input, spec);
  } catch (error) {
    asInputError(error, { data: 'spec', meta: 'spec', pipeline: 'spec.pipeline' });
  }
  const stored = ZSensitivitySpec.parse(spec);
  const row = await withWriteTx(ctx.db, async (tx) => {
    const created = await insertAnalysis(tx, {
      id: randomUUID(),
      centreId,
      datasetId: dataset.id,
      frameworkId: framework?.id ?? null,
      spec: stored,
      status: 'running',
      runCount,
      result: null,
      error: null,
      durationMs: null,
      createdBy: ctx.actor.label,
      createdAt: ctx.now,
      finishedAt: null,
    });
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'evaluation.analysis.start', entityType: 'evaluation_analysis', entityId: created.id, centreId, before: null, after: toAnalysis(created), requestId: ctx.requestId });
    return created;
  });
  runner.track(runAnalysis(ctx.db, ctx.actor, centreId, row, input, stored, runner).catch(runner.onError));
  return toAnalysis(row);
};

const runAnalysis = async (db: DbExecutor, actor: Actor, centreId: string, row: AnalysisRow, input: IndexInput, spec: TSensitivitySpec, runner: AnalysisRunner): Promise<void> => {
  const started = performance.now();
  let values: Parameters<typeof updateAnalysis>[2];
  try {
    const { result } = await runSensitivity(input, spec, runner.threads);
    const names = new Map(input.data.units.codes.map((c, i) => [c, input.data.units.names[i] as string]));
    const summary: TAnalysisResult = {
      failedRuns: result.failedRuns,
      variance: num(result.variance),
      indices: result.indices.map((i) => ({ input: i.input, Si: num(i.Si), STi: num(i.STi), SiQ5: num(i.SiQ5), SiQ95: num(i.SiQ95), STiQ5: num(i.STiQ5), STiQ95: num(i.STiQ95) })),
      rankStats: result.rankStats.map((r) => ({ uCode: r.uCode, uName: names.get(r.uCode) ?? r.uCode, nominal: num(r.nominal), mean: num(r.mean), median: num(r.median), q5: num(r.q5), q95: num(r.q95) })),
    };
    values = { status: 'succeeded', result: summary };
  } catch (error) {
    values = { status: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
  const at = runner.now();
  await withWriteTx(db, async (tx) => {
    const updated = await updateAnalysis(tx, row.id, { ...values, durationMs: Math.round(performance.now() - started), finishedAt: at });
    await appendAuditEvent(tx, {
      actor,
      at,
      action: 'evaluation.analysis.finish',
      entityType: 'evaluation_analysis',
      entityId: row.id,
      centreId,
      before: { status: row.status },
      after: { status: updated.status, durationMs: updated.durationMs, error: updated.error, failedRuns: (updated.result as TAnalysisResult | null)?.failedRuns ?? null },
    });
  });
};

export const getAnalysis = async (ctx: ServiceContext, centreId: string, id: string): Promise<TAnalysis> => {
  assertCentre(ctx, centreId);
  const row = await findAnalysis(asReadTx(ctx.db), centreId, id);
  if (!row) throw new AppError('NOT_FOUND', `No analysis ${id}`);
  return toAnalysis(row);
};

export const listCentreAnalyses = async (ctx: ServiceContext, centreId: string): Promise<TAnalysis[]> => {
  assertCentre(ctx, centreId);
  return (await listAnalyses(asReadTx(ctx.db), centreId, 50)).map((row) => ({ ...toAnalysis(row), result: null }));
};

/**
 * Weights derived from a stored run's data for one level: PCA loadings by
 * group, or weights optimised against the index (balance / infomax). Nothing
 * is saved: the analyst reviews them and saves a framework version.
 */
export const deriveWeights = async (ctx: ServiceContext, centreId: string, runId: string, request: z.output<typeof ZWeightsRequest>): Promise<TDerivedWeights> => {
  const { row, input, result } = await replay(ctx, centreId, runId);
  try {
    return deriveLevelWeights(input, ZPipeline.parse(row.pipeline).steps, result, request);
  } catch (error) {
    if (error instanceof WeightsRequestError) throw new AppError('VALIDATION_FAILED', error.message, { fields: [{ in: 'body', path: error.field, reason: error.reason, message: error.message }] });
    if (error instanceof EvaluationError) throw new AppError('VALIDATION_FAILED', error.message, { fields: [{ in: 'body', path: 'method', reason: 'cannot_derive', message: error.message }] });
    throw error;
  }
};
