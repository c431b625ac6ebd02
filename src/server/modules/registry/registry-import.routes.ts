import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csvLine } from '../../../core/tabular/csv.js';
import { ZCentreParams, ZErrorBodySchema } from '../../../shared/schemas/common.js';
import { ZImportReport, type TImportReport } from '../../../shared/schemas/registry-import.js';
import { ZSearchQuery } from '../../../shared/schemas/registry.js';
import { asReadTx } from '../../../db/tx.js';
import { serviceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { exportEntities, importTemplate } from './registry-export.js';
import { formatOf } from '../../tabular.js';
import { countCsvRows, findImportJob, importEntities, listImportJobs, reportOf } from './registry-import.js';
import { assertCentreScope } from './registry.service.js';
import { acceptSpreadsheets, XLSX_TYPE } from '../../tabular.http.js';

const ZFormat = z.enum(['csv', 'xlsx']).default('xlsx');

export const registryImportRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  // Files arrive as the raw request body; these parsers apply inside this plugin only.
  acceptSpreadsheets(app, 64 * 1024 * 1024);
  const tx = asReadTx(app.kc.database.db);
  const tags = ['registry import/export'];
  const write = { permission: 'registry:write' } as const;

  app.get(
    '/api/centres/:centreId/imports/template',
    { config: { access: write }, schema: { tags, summary: 'The import template (zh-CN headers by default)', params: ZCentreParams, querystring: z.object({ format: ZFormat, headers: z.enum(['zh', 'en']).default('zh') }) } },
    async (request, reply) => {
      const { format, headers } = request.query;
      void reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE).header('content-disposition', `attachment; filename="kechuang-actors-template.${format}"`);
      return importTemplate(format, headers);
    },
  );

  // Uploads that run on after their request answered; a shutdown stops them after the batch in hand (resumable).
  const running = new Set<Promise<unknown>>();
  const shutdown = new AbortController();
  app.addHook('onClose', async () => {
    shutdown.abort();
    await Promise.allSettled(running);
  });

  app.post(
    '/api/centres/:centreId/imports/organisations',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Import actors from a CSV or XLSX body; per-row errors; upserts on identifiers; dryRun validates only',
        description:
          'With wait=true (default) the answer is the finished report. With wait=false the server answers 202 as soon as the header is accepted, and the import runs on: follow it at GET /imports/{jobId}. Uploading the same file after an interruption resumes it.',
        params: ZCentreParams,
        querystring: z.object({
          fileName: z.string().min(1).max(200).regex(/\.(csv|xlsx)$/i, 'a .csv or .xlsx file name'),
          dryRun: z.enum(['true', 'false']).default('false'),
          wait: z.enum(['true', 'false']).default('true'),
        }),
        response: { 200: ZImportReport, 202: ZImportReport, 400: ZErrorBodySchema, 415: ZErrorBodySchema },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      assertCentreScope(ctx, request.params.centreId);
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new AppError('VALIDATION_FAILED', 'Send the file as the request body', { fields: [{ in: 'body', path: '', reason: 'required', message: 'empty body' }] });
      }
      const { fileName } = request.query;
      const options = {
        centreId: request.params.centreId,
        input: body,
        fileName,
        dryRun: request.query.dryRun === 'true',
        actor: ctx.actor,
        now: () => app.kc.now(),
        signal: shutdown.signal,
      };
      if (request.query.wait === 'true') return importEntities(ctx.db, options);
      const totalRows = formatOf(fileName) === 'csv' ? countCsvRows(body) : null;
      return new Promise<TImportReport>((resolve, reject) => {
        let answered = false;
        const run = importEntities(ctx.db, {
          ...options,
          totalRows,
          onStarted: (report) => {
            answered = true;
            void reply.code(202);
            resolve(report);
          },
        });
        running.add(run);
        run.then(
          (report) => (answered ? undefined : resolve(report)),
          (error: unknown) => {
            if (!answered) reject(error);
            else request.log.warn({ err: error }, 'background import stopped');
          },
        ).finally(() => running.delete(run));
      });
    },
  );

  app.get(
    '/api/centres/:centreId/imports',
    { config: { access: write }, schema: { tags, summary: 'Recent imports into a centre, newest first (without their errors)', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZImportReport) }) } } },
    async (request) => {
      assertCentreScope(serviceContext(request), request.params.centreId);
      return { items: await listImportJobs(app.kc.database.db, request.params.centreId) };
    },
  );

  app.get(
    '/api/centres/:centreId/imports/:jobId',
    { config: { access: write }, schema: { tags, summary: 'One import: its progress, counts and first errors', params: ZCentreParams.extend({ jobId: z.string().max(64) }), response: { 200: ZImportReport, 404: ZErrorBodySchema } } },
    async (request) => {
      assertCentreScope(serviceContext(request), request.params.centreId);
      const job = await findImportJob(app.kc.database.db, request.params.centreId, request.params.jobId);
      if (!job) throw new AppError('NOT_FOUND', `No import ${request.params.jobId}`);
      return reportOf(job);
    },
  );

  app.get(
    '/api/centres/:centreId/imports/:jobId/errors',
    { config: { access: write }, schema: { tags, summary: 'An import’s error report as CSV (row, column, value, reason)', params: ZCentreParams.extend({ jobId: z.string().max(64) }) } },
    async (request, reply) => {
      assertCentreScope(serviceContext(request), request.params.centreId);
      const job = await findImportJob(app.kc.database.db, request.params.centreId, request.params.jobId);
      if (!job) throw new AppError('NOT_FOUND', `No import ${request.params.jobId}`);
      void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="import-errors-${job.id}.csv"`);
      return `\uFEFF${csvLine(['行 row', '列 column', '值 value', '原因 reason'])}${job.errors.map((e) => csvLine([e.row, e.column, e.value, e.reason])).join('')}`;
    },
  );

  app.get(
    '/api/centres/:centreId/export/organisations',
    { config: { access: 'public' }, schema: { tags, summary: 'Export a filtered list as CSV or XLSX: every actor the search matches (same filters and words), in id order, not capped like the ranked search', params: ZCentreParams, querystring: ZSearchQuery.omit({ limit: true, cursor: true }).extend({ format: ZFormat, headers: z.enum(['zh', 'en']).default('zh') }) } },
    async (request, reply) => {
      const { format, headers, ...query } = request.query;
      void reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE).header('content-disposition', `attachment; filename="kechuang-actors.${format}"`);
      return reply.send(exportEntities(tx, request.params.centreId, query, format, headers));
    },
  );
};
