import { availableParallelism } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import {
  ZAnalysis,
  ZAnalysisRequest,
  ZDataset,
  ZDatasetFromFigures,
  ZDerivedWeights,
  ZDatasetSummary,
  ZDatasetUpload,
  ZExplanation,
  ZFrameworkKey,
  ZFrameworkSave,
  ZFrameworkVersion,
  ZRun,
  ZRunCheck,
  ZRunRequest,
  ZRunStep,
  ZRunSummary,
  ZWeightsRequest,
} from '../../../shared/schemas/evaluation.js';
import { serviceContext } from '../../context.js';
import {
  checkRun,
  createRun,
  deriveWeights,
  explainRunUnit,
  getAnalysis,
  getDataset,
  getRun,
  getRunStep,
  listCentreAnalyses,
  listCentreDatasets,
  listCentreRuns,
  listFrameworks,
  saveFrameworkVersion,
  startAnalysis,
  uploadDataset,
} from './evaluation.service.js';
import { createDatasetFromFigures } from './figures-dataset.service.js';

/**
 * The evaluation engine over HTTP (issue 4). Reading is for holders of
 * `centre:read`; uploading, saving frameworks and running for `evaluation:run`.
 */
export const evaluationRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['evaluation'];
  const read = { permission: 'centre:read' } as const;
  const run = { permission: 'evaluation:run' } as const;
  const base = '/api/centres/:centreId/evaluation';
  const errors = { 400: ZErrorBodySchema, 404: ZErrorBodySchema };
  const ZRunParams = ZCentreParams.extend({ runId: ZId });

  // Sensitivity analyses run on after their request answered; a shutdown waits for them.
  const running = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled(running);
  });
  const runner = {
    threads: Math.min(2, availableParallelism()),
    now: () => app.kc.now(),
    track: (job: Promise<unknown>) => {
      running.add(job);
      void job.finally(() => running.delete(job));
    },
    onError: (error: unknown) => app.log.error({ err: error }, 'sensitivity analysis could not be stored'),
  };

  app.get(`${base}/datasets`, { config: { access: read }, schema: { tags, summary: 'Uploaded datasets (iData + iMeta), newest first', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZDatasetSummary) }) } } }, async (request) => ({
    items: await listCentreDatasets(serviceContext(request), request.params.centreId),
  }));

  app.post(
    `${base}/datasets`,
    {
      config: { access: run },
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags,
        summary: "Upload COINr's iData and iMeta as CSV text; the engine checks them; the same files again return the stored dataset",
        params: ZCentreParams,
        body: ZDatasetUpload,
        response: { 200: ZDataset, 201: ZDataset, ...errors },
      },
    },
    async (request, reply) => {
      const dataset = await uploadDataset(serviceContext(request), request.params.centreId, request.body);
      void reply.code(dataset.created ? 201 : 200);
      return dataset;
    },
  );

  app.post(
    `${base}/datasets/from-figures`,
    {
      config: { access: run },
      schema: {
        tags,
        summary: "Build a dataset from the centre's own figures: its districts, parks or organisations as units, catalogue indicators for one period as columns; each cell names its figure",
        params: ZCentreParams,
        body: ZDatasetFromFigures,
        response: { 200: ZDataset, 201: ZDataset, ...errors },
      },
    },
    async (request, reply) => {
      const dataset = await createDatasetFromFigures(serviceContext(request), request.params.centreId, request.body);
      void reply.code(dataset.created ? 201 : 200);
      return dataset;
    },
  );

  app.get(`${base}/datasets/:datasetId`, { config: { access: read }, schema: { tags, summary: 'One dataset with both files', params: ZCentreParams.extend({ datasetId: ZId }), response: { 200: ZDataset, 404: ZErrorBodySchema } } }, async (request) =>
    getDataset(serviceContext(request), request.params.centreId, request.params.datasetId),
  );

  app.get(
    `${base}/frameworks`,
    { config: { access: read }, schema: { tags, summary: 'Framework versions, by key, newest version first', params: ZCentreParams, querystring: z.object({ key: ZFrameworkKey.optional() }), response: { 200: z.object({ items: z.array(ZFrameworkVersion) }) } } },
    async (request) => ({ items: await listFrameworks(serviceContext(request), request.params.centreId, request.query.key) }),
  );

  app.post(
    `${base}/frameworks/:key/versions`,
    {
      config: { access: run },
      schema: { tags, summary: 'Save a framework (iMeta rows with weights) as the next version under its key', params: ZCentreParams.extend({ key: ZFrameworkKey }), body: ZFrameworkSave, response: { 201: ZFrameworkVersion, ...errors } },
    },
    async (request, reply) => {
      const saved = await saveFrameworkVersion(serviceContext(request), request.params.centreId, request.params.key, request.body);
      void reply.code(201);
      return saved;
    },
  );

  app.get(`${base}/runs`, { config: { access: read }, schema: { tags, summary: 'Recent pipeline runs (without results)', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZRunSummary) }) } } }, async (request) => ({
    items: await listCentreRuns(serviceContext(request), request.params.centreId),
  }));

  app.post(
    `${base}/runs`,
    {
      config: { access: run },
      schema: { tags, summary: 'Run a pipeline on a dataset (and framework version) and store the run: versions, results, treatment report, timing', params: ZCentreParams, body: ZRunRequest, response: { 201: ZRun, ...errors } },
    },
    async (request, reply) => {
      const created = await createRun(serviceContext(request), request.params.centreId, request.body);
      void reply.code(201);
      return created;
    },
  );

  app.get(`${base}/runs/:runId`, { config: { access: read }, schema: { tags, summary: 'A stored run: pipeline, versions, results with ranks, treatment report', params: ZRunParams, response: { 200: ZRun, 404: ZErrorBodySchema } } }, async (request) =>
    getRun(serviceContext(request), request.params.centreId, request.params.runId),
  );

  app.post(
    `${base}/runs/:runId/weights`,
    {
      config: { access: run },
      schema: {
        tags,
        summary: "Derive weights for one level from a run's data: PCA loadings by group, or optimised against the index (balance / infomax); nothing is saved",
        params: ZRunParams,
        body: ZWeightsRequest,
        response: { 200: ZDerivedWeights, ...errors },
      },
    },
    async (request) => deriveWeights(serviceContext(request), request.params.centreId, request.params.runId, request.body),
  );

  app.get(
    `${base}/runs/:runId/check`,
    { config: { access: read }, schema: { tags, summary: 'Compute the run again from its stored inputs and compare every number', params: ZRunParams, response: { 200: ZRunCheck, ...errors } } },
    async (request) => checkRun(serviceContext(request), request.params.centreId, request.params.runId),
  );

  app.get(
    `${base}/runs/:runId/steps/:step`,
    {
      config: { access: read },
      schema: { tags, summary: "One step's output dataset (0 = the first step), with imputed and treated cells", params: ZRunParams.extend({ step: z.coerce.number().int().min(0).max(100) }), response: { 200: ZRunStep, ...errors } },
    },
    async (request) => getRunStep(serviceContext(request), request.params.centreId, request.params.runId, request.params.step),
  );

  app.get(
    `${base}/runs/:runId/explain/:uCode`,
    {
      config: { access: read },
      schema: { tags, summary: "One unit's indicator contributions and the smallest single-indicator change to move up one rank", params: ZRunParams.extend({ uCode: z.string().min(1).max(100) }), response: { 200: ZExplanation, ...errors } },
    },
    async (request) => explainRunUnit(serviceContext(request), request.params.centreId, request.params.runId, request.params.uCode),
  );

  app.get(`${base}/analyses`, { config: { access: read }, schema: { tags, summary: 'Recent sensitivity analyses (status only)', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZAnalysis) }) } } }, async (request) => ({
    items: await listCentreAnalyses(serviceContext(request), request.params.centreId),
  }));

  app.post(
    `${base}/analyses`,
    {
      config: { access: run },
      schema: {
        tags,
        summary: 'Start a sensitivity analysis (Saltelli design, Sobol indices, rank intervals) on worker threads',
        description: 'Answers 202 with the job; follow it at GET /analyses/{analysisId} until status is succeeded or failed. N·(d + 2) is capped; the CLI has no cap.',
        params: ZCentreParams,
        body: ZAnalysisRequest,
        response: { 202: ZAnalysis, ...errors },
      },
    },
    async (request, reply) => {
      const started = await startAnalysis(serviceContext(request), request.params.centreId, request.body, runner);
      void reply.code(202);
      return started;
    },
  );

  app.get(
    `${base}/analyses/:analysisId`,
    { config: { access: read }, schema: { tags, summary: 'A sensitivity analysis: status, then rank intervals and Sobol indices', params: ZCentreParams.extend({ analysisId: ZId }), response: { 200: ZAnalysis, 404: ZErrorBodySchema } } },
    async (request) => getAnalysis(serviceContext(request), request.params.centreId, request.params.analysisId),
  );
};
