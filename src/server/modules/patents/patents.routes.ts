import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IPC_SECTIONS, PATENT_KIND_ZH, PATENT_KINDS, PATENT_STAT_DIMENSIONS, PATENT_STATUSES, POOL_MEMBER_ROLES, ROYALTY_BASES } from '../../../shared/patents-vocabulary.js';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import { ZApplicantLink, ZPatent, ZPatentImportReport, ZPatentList, ZPatentListQuery, ZPatentStatistics, ZPatentStatisticsQuery, ZPool, ZPoolInput, ZPoolMemberInput, ZPoolPatentInput, ZPoolSummary } from '../../../shared/schemas/patents.js';
import { assertCentreScope, serviceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { writeTable } from '../../tabular.js';
import { importPatents, patentImportTemplate } from './patents-import.js';
import { POPULATION_INDICATOR_CODE } from './patents-statistics.js';
import * as patents from './patents.service.js';
import { acceptSpreadsheets, XLSX_TYPE } from '../../tabular.http.js';


/**
 * Patents over HTTP. Patent records are public records, so reading them, their
 * counts and the pools is open; importing, linking applicants and keeping
 * pools need patents:manage.
 */
export const patentsRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['patents'];
  const manage = { permission: 'patents:manage' } as const;
  const errors = { 400: ZErrorBodySchema, 401: ZErrorBodySchema, 403: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };
  const P = '/api/centres/:centreId/patents';
  const POOLS = '/api/centres/:centreId/patent-pools';
  const ZPatentParams = ZCentreParams.extend({ patentId: ZId });
  const ZPoolParams = ZCentreParams.extend({ poolId: ZId });
  // Scoped to this plugin: the contracts plugin registers the same parser in its own scope.
  acceptSpreadsheets(app, 32 * 1024 * 1024);

  app.get('/api/patents/vocabulary', { config: { access: 'public' }, schema: { tags, summary: 'Patent kinds, legal statuses, IPC sections, pool roles and royalty bases', response: { 200: z.object({ kinds: z.array(z.string()), kindsZh: z.record(z.string(), z.string()), statuses: z.array(z.string()), dimensions: z.array(z.string()), ipcSections: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })), poolRoles: z.array(z.string()), royaltyBases: z.array(z.string()), populationIndicator: z.string() }) } } }, async () => ({
    kinds: [...PATENT_KINDS],
    kindsZh: { ...PATENT_KIND_ZH },
    statuses: [...PATENT_STATUSES],
    dimensions: [...PATENT_STAT_DIMENSIONS],
    ipcSections: { ...IPC_SECTIONS },
    poolRoles: [...POOL_MEMBER_ROLES],
    royaltyBases: [...ROYALTY_BASES],
    populationIndicator: POPULATION_INDICATOR_CODE,
  }));

  app.get(P, { config: { access: 'public' }, schema: { tags, summary: 'Patents of the centre: by kind, legal status, IPC prefix, applicant, district, filing or grant year, or in force at a year end', params: ZCentreParams, querystring: ZPatentListQuery, response: { 200: ZPatentList, ...errors } } }, async (request) =>
    patents.listPatents(serviceContext(request), request.params.centreId, request.query),
  );

  app.get(`${P}/statistics`, { config: { access: 'public', publicCache: true }, schema: { tags, summary: 'Patents by filing and grant year and kind, one breakdown (kind, status, applicant, district, IPC section/class/subclass, year), top organisations, and the published and derived invention-patent figures', params: ZCentreParams, querystring: ZPatentStatisticsQuery, response: { 200: ZPatentStatistics, ...errors } } }, async (request) =>
    patents.patentStatistics(serviceContext(request), request.params.centreId, request.query),
  );
  app.get(`${P}/statistics.csv`, { config: { access: 'public' }, schema: { tags, summary: 'The same breakdown as open data (CSV)', params: ZCentreParams, querystring: ZPatentStatisticsQuery } }, async (request, reply) => {
    const stats = await patents.patentStatistics(serviceContext(request), request.params.centreId, request.query);
    const label = (key: string) => (stats.dimension === 'district' ? stats.areas[key]?.nameZh : stats.dimension === 'applicant' ? stats.topApplicants.find((a) => a.key === key)?.nameZh : stats.dimension === 'ipc_section' ? IPC_SECTIONS[key]?.zh : stats.dimension === 'kind' ? PATENT_KIND_ZH[key as 'invention'] : undefined) ?? '';
    const header = ['维度 dimension', '分类 key', '名称 label', '专利类型 kind', '申请年份 filing year', '专利数 patents', '其中示例 samples'];
    const rows = stats.rows.map((r) => [stats.dimension, r.key, label(r.key), stats.kind ?? '', stats.year ?? '', r.patents, r.samples]);
    const body = await writeTable(header, rows, 'csv', 'patents');
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="patents-${stats.dimension}${stats.kind ? `-${stats.kind}` : ''}${stats.year ? `-${stats.year}` : ''}.csv"`);
    return body;
  });

  app.get(`${P}/import-template`, { config: { access: manage }, schema: { tags, summary: 'A blank spreadsheet for patent records', params: ZCentreParams, querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') }) } }, async (request, reply) => {
    void reply.header('content-type', request.query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE).header('content-disposition', `attachment; filename="kechuang-patents-template.${request.query.format}"`);
    return patentImportTemplate(request.query.format);
  });
  app.post(
    `${P}/import`,
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Import patent records from a CSV or XLSX body: checked row by row, written whole or not at all; a number already held is updated; dryRun only checks',
        params: ZCentreParams,
        querystring: z.object({ fileName: z.string().trim().min(1).max(200), dryRun: z.enum(['true', 'false']).default('false'), sample: z.enum(['true', 'false']).default('false') }),
        response: { 200: ZPatentImportReport, ...errors, 413: ZErrorBodySchema, 415: ZErrorBodySchema },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      assertCentreScope(ctx, request.params.centreId);
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('VALIDATION_FAILED', 'Send the file as the request body', { fields: [{ in: 'body', path: '', reason: 'required', message: 'empty body' }] });
      return importPatents(ctx, request.params.centreId, body, request.query.fileName, { dryRun: request.query.dryRun === 'true', isSample: request.query.sample === 'true' });
    },
  );

  app.get(`${P}/:patentId`, { config: { access: 'public' }, schema: { tags, summary: 'A patent with its applicants, inventors, IPC classes, district and pools', params: ZPatentParams, response: { 200: ZPatent, ...errors } } }, async (request) =>
    patents.getPatent(serviceContext(request), request.params.centreId, request.params.patentId),
  );
  app.put(`${P}/:patentId/applicants/:position`, { config: { access: manage }, schema: { tags, summary: 'Link an applicant (by its position, from 0) to a registry organisation, or unlink it (null); the patent’s district follows its first linked applicant', params: ZPatentParams.extend({ position: z.coerce.number().int().min(0).max(49) }), body: ZApplicantLink, response: { 200: ZPatent, ...errors } } }, async (request) =>
    patents.linkApplicant(serviceContext(request), request.params.centreId, request.params.patentId, request.params.position, request.body.entityId),
  );

  app.get(POOLS, { config: { access: 'public' }, schema: { tags, summary: 'Patent pools of the centre', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZPoolSummary) }), ...errors } } }, async (request) => ({
    items: await patents.listPools(serviceContext(request), request.params.centreId),
  }));
  app.post(POOLS, { config: { access: manage }, schema: { tags, summary: 'Create a patent pool (field, administrator, licensing terms)', params: ZCentreParams, body: ZPoolInput, response: { 201: ZPool, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await patents.createPool(serviceContext(request), request.params.centreId, request.body)),
  );
  app.get(`${POOLS}/:poolId`, { config: { access: 'public' }, schema: { tags, summary: 'A patent pool with its members, patents and terms', params: ZPoolParams, response: { 200: ZPool, ...errors } } }, async (request) =>
    patents.getPool(serviceContext(request), request.params.centreId, request.params.poolId),
  );
  app.put(`${POOLS}/:poolId`, { config: { access: manage }, schema: { tags, summary: 'Change a pool (send the version you saw)', params: ZPoolParams, body: ZPoolInput.extend({ version: z.number().int().min(1) }), response: { 200: ZPool, ...errors } } }, async (request) =>
    patents.updatePool(serviceContext(request), request.params.centreId, request.params.poolId, request.body),
  );
  app.delete(`${POOLS}/:poolId`, { config: { access: manage }, schema: { tags, summary: 'Delete a pool (the audit log keeps it)', params: ZPoolParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await patents.deletePool(serviceContext(request), request.params.centreId, request.params.poolId);
    return reply.status(204).send(null);
  });
  app.put(`${POOLS}/:poolId/members`, { config: { access: manage }, schema: { tags, summary: 'Add a member organisation to a pool, or change its role', params: ZPoolParams, body: ZPoolMemberInput, response: { 200: ZPool, ...errors } } }, async (request) =>
    patents.putPoolMember(serviceContext(request), request.params.centreId, request.params.poolId, request.body),
  );
  app.delete(`${POOLS}/:poolId/members/:entityId`, { config: { access: manage }, schema: { tags, summary: 'Remove a member from a pool', params: ZPoolParams.extend({ entityId: ZId }), response: { 200: ZPool, ...errors } } }, async (request) =>
    patents.removePoolMember(serviceContext(request), request.params.centreId, request.params.poolId, request.params.entityId),
  );
  app.post(`${POOLS}/:poolId/patents`, { config: { access: manage }, schema: { tags, summary: 'Add a patent (by application number) to a pool', params: ZPoolParams, body: ZPoolPatentInput, response: { 200: ZPool, ...errors } } }, async (request) =>
    patents.addPoolPatent(serviceContext(request), request.params.centreId, request.params.poolId, request.body.number),
  );
  app.delete(`${POOLS}/:poolId/patents/:patentId`, { config: { access: manage }, schema: { tags, summary: 'Remove a patent from a pool', params: ZPoolParams.extend({ patentId: ZId }), response: { 200: ZPool, ...errors } } }, async (request) =>
    patents.removePoolPatent(serviceContext(request), request.params.centreId, request.params.poolId, request.params.patentId),
  );
};
