import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import {
  ZIndicator,
  ZIndicatorCode,
  ZIndicatorInput,
  ZIndicatorList,
  ZIndicatorListQuery,
  ZIndicatorPatch,
  ZObservation,
  ZObservationImportQuery,
  ZObservationImportReport,
  ZObservationInput,
  ZObservationPatch,
  ZTarget,
  ZTargetInput,
  ZTargetList,
} from '../../../shared/schemas/indicators.js';
import { asReadTx } from '../../../db/tx.js';
import { assertCentreScope, serviceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { refreshDerivedFigures } from './derived-figures.service.js';
import { addObservation, createIndicator, deleteObservation, getIndicator, listIndicators, updateIndicator, updateObservation } from './indicators.service.js';
import { exportObservations, importObservations, observationsTemplate } from './observations-import.js';
import { createTarget, deleteTarget, listTargets, updateTarget } from './targets.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZFormat = z.enum(['csv', 'xlsx']).default('xlsx');
const ZHeaders = z.enum(['zh', 'en']).default('zh');

/**
 * The indicator catalogue, figures and targets. Reading is open data (the
 * public sees every published figure with its source); writing needs
 * `indicators:write` within one's own centre.
 */
export const indicatorsRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser(['text/csv', XLSX, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 16 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  const tx = asReadTx(app.kc.database.db);
  const open = { access: 'public' as const };
  const write = { access: { permission: 'indicators:write' as const } };
  const tags = ['indicators and targets'];
  const errors = { 400: ZErrorBodySchema, 403: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };
  const base = '/api/centres/:centreId';
  const ZCodeParams = ZCentreParams.extend({ code: ZIndicatorCode });

  app.get(`${base}/indicators`, { config: { ...open, publicCache: true }, schema: { tags, summary: 'Indicators with every figure and its source (or, with figures=latest, each with its latest figures and how many it has)', params: ZCentreParams, querystring: ZIndicatorListQuery, response: { 200: ZIndicatorList, 404: ZErrorBodySchema } } }, async (request) => ({
    items: await listIndicators(tx, request.params.centreId, { headlineOnly: request.query.headline === 'true', level: request.query.level, figures: request.query.figures ?? 'all' }),
  }));

  app.get(
    `${base}/indicators/:code`,
    { config: open, schema: { tags, summary: 'One indicator: definition, every figure with its provenance, and its targets with progress', params: ZCodeParams, response: { 200: z.object({ indicator: ZIndicator, targets: z.array(ZTarget) }), 404: ZErrorBodySchema } } },
    async (request) => {
      const indicator = await getIndicator(tx, request.params.centreId, request.params.code);
      return { indicator, targets: await listTargets(tx, request.params.centreId, app.kc.now(), indicator.id) };
    },
  );

  app.post(`${base}/indicators`, { config: write, schema: { tags, summary: 'Define an indicator', params: ZCentreParams, body: ZIndicatorInput, response: { 201: ZIndicator, ...errors } } }, async (request, reply) => {
    const created = await createIndicator(serviceContext(request), request.params.centreId, request.body);
    void reply.code(201);
    return created;
  });

  app.patch(`${base}/indicators/:code`, { config: write, schema: { tags, summary: "Change an indicator's definition (its code stays)", params: ZCodeParams, body: ZIndicatorPatch, response: { 200: ZIndicator, ...errors } } }, async (request) =>
    updateIndicator(serviceContext(request), request.params.centreId, request.params.code, request.body),
  );

  app.post(
    `${base}/indicators/:code/observations`,
    { config: write, schema: { tags, summary: 'Record one figure with its source (an existing source or a new document)', params: ZCodeParams, body: ZObservationInput, response: { 201: ZObservation, ...errors } } },
    async (request, reply) => {
      const created = await addObservation(serviceContext(request), request.params.centreId, request.params.code, request.body);
      void reply.code(201);
      return created;
    },
  );

  const ZObservationParams = ZCentreParams.extend({ observationId: ZId });
  app.patch(`${base}/observations/:observationId`, { config: write, schema: { tags, summary: 'Correct a figure (audited with its previous value)', params: ZObservationParams, body: ZObservationPatch, response: { 200: ZObservation, ...errors } } }, async (request) =>
    updateObservation(serviceContext(request), request.params.centreId, request.params.observationId, request.body),
  );

  app.delete(`${base}/observations/:observationId`, { config: write, schema: { tags, summary: 'Withdraw a figure (the audit log keeps it)', params: ZObservationParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await deleteObservation(serviceContext(request), request.params.centreId, request.params.observationId);
    return reply.code(204).send(null);
  });

  app.get(
    `${base}/observations/template`,
    { config: write, schema: { tags, summary: 'The figures import template (zh-CN headers by default)', params: ZCentreParams, querystring: z.object({ format: ZFormat, headers: ZHeaders }) } },
    async (request, reply) => {
      const { format, headers } = request.query;
      void reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX).header('content-disposition', `attachment; filename="kechuang-figures-template.${format}"`);
      return observationsTemplate(format, headers);
    },
  );

  app.get(
    `${base}/observations/export`,
    { config: open, schema: { tags, summary: 'Every figure (or one indicator’s) as CSV or XLSX, in the import columns plus source', params: ZCentreParams, querystring: z.object({ format: ZFormat, headers: ZHeaders, indicator: ZIndicatorCode.optional() }) } },
    async (request, reply) => {
      const { format, headers, indicator } = request.query;
      const file = await exportObservations(tx, request.params.centreId, format, headers, indicator);
      void reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX).header('content-disposition', `attachment; filename="kechuang-figures${indicator ? `-${indicator}` : ''}.${format}"`);
      return file;
    },
  );

  app.post(
    `${base}/observations/import`,
    {
      config: write,
      schema: {
        tags,
        summary: 'Import figures from a CSV or XLSX body: checked row by row; written whole or not at all; dryRun only checks',
        params: ZCentreParams,
        querystring: ZObservationImportQuery,
        response: { 200: ZObservationImportReport, 400: ZErrorBodySchema, 413: ZErrorBodySchema, 415: ZErrorBodySchema },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      assertCentreScope(ctx, request.params.centreId);
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new AppError('VALIDATION_FAILED', 'Send the file as the request body', { fields: [{ in: 'body', path: '', reason: 'required', message: 'empty body' }] });
      }
      const q = request.query;
      return importObservations(ctx.db, {
        centreId: request.params.centreId,
        input: body,
        fileName: q.fileName,
        dryRun: q.dryRun === 'true',
        source: { titleZh: q.sourceTitle, publisher: q.publisher, publishedOn: q.publishedOn, url: q.url },
        isSample: q.sample === 'true',
        actor: ctx.actor,
        requestId: ctx.requestId,
        now: ctx.now,
      });
    },
  );

  app.post(
    `${base}/derived-figures/refresh`,
    {
      config: write,
      schema: {
        tags,
        summary: "Recompute the figures derived from the platform's records (calls engine statistics …): each names its query, parameters and every record counted",
        params: ZCentreParams,
        response: { 200: z.object({ items: z.array(z.object({ key: z.string(), sourceId: z.string(), figures: z.number().int(), inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), withdrawn: z.number().int() })) }), ...errors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      assertCentreScope(ctx, request.params.centreId);
      return { items: await refreshDerivedFigures(ctx, request.params.centreId) };
    },
  );

  app.get(`${base}/targets`, { config: open, schema: { tags, summary: 'Targets and goals with deadlines, each with its progress computed from the figures', params: ZCentreParams, response: { 200: ZTargetList, 404: ZErrorBodySchema } } }, async (request) => {
    const now = app.kc.now();
    return { items: await listTargets(tx, request.params.centreId, now), asOf: now.toISOString() };
  });

  app.post(`${base}/targets`, { config: write, schema: { tags, summary: 'Set a target (quantitative: indicator, comparison, value, deadline; or a qualitative goal)', params: ZCentreParams, body: ZTargetInput, response: { 201: ZTarget, ...errors } } }, async (request, reply) => {
    const created = await createTarget(serviceContext(request), request.params.centreId, request.body);
    void reply.code(201);
    return created;
  });

  const ZTargetParams = ZCentreParams.extend({ targetId: ZId });
  app.put(`${base}/targets/:targetId`, { config: write, schema: { tags, summary: 'Redefine or assess a target', params: ZTargetParams, body: ZTargetInput, response: { 200: ZTarget, ...errors } } }, async (request) =>
    updateTarget(serviceContext(request), request.params.centreId, request.params.targetId, request.body),
  );

  app.delete(`${base}/targets/:targetId`, { config: write, schema: { tags, summary: 'Remove a target (the audit log keeps it)', params: ZTargetParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await deleteTarget(serviceContext(request), request.params.centreId, request.params.targetId);
    return reply.code(204).send(null);
  });
};
