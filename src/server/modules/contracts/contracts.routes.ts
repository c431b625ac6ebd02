import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../../../shared/access.js';
import { REVIEW_DAYS } from '../../../core/contracts/index.js';
import { describeMachine, techContractWorkflow } from '../../../core/workflow/index.js';
import { AMOUNT_ITEMS, NON_TECHNICAL_ITEMS, PLAN_ORIGINS, PROVINCES, SELLER_KINDS, TECH_CONTRACT_TYPES, TECHNICAL_FIELDS } from '../../../shared/contracts-vocabulary.js';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import { ZStatistics, ZStatisticsQuery, ZTechContract, ZTechContractInput, ZTechContractList, ZTechContractListQuery, ZTechContractTransition } from '../../../shared/schemas/contracts.js';
import { assertCentreScope, serviceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { writeTable } from '../../tabular.js';
import { contractImportTemplate, importContracts } from './contracts-import.js';
import * as contracts from './contracts.service.js';
import { acceptSpreadsheets, XLSX_TYPE } from '../../tabular.http.js';


/**
 * Technology-contract registration over HTTP. Parties, registrars and
 * authorised analysts share the contract routes (the service scopes each
 * caller); the statistics are open data with small cells hidden for anyone
 * who may not read the contracts themselves.
 */
export const contractsRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['contracts'];
  const party = { anyOf: ['contracts:submit', 'contracts:register', 'contracts:read'] } as const satisfies Access;
  const submit = { anyOf: ['contracts:submit', 'contracts:register'] } as const satisfies Access;
  const register = { permission: 'contracts:register' } as const;
  const errors = { 400: ZErrorBodySchema, 401: ZErrorBodySchema, 403: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };
  const C = '/api/centres/:centreId/tech-contracts';
  const ZParams = ZCentreParams.extend({ contractId: ZId });
  acceptSpreadsheets(app, 32 * 1024 * 1024);

  app.get('/api/tech-contracts/vocabulary', { config: { access: 'public' }, schema: { tags, summary: 'Contract types, technical fields, amount items, seller kinds, provinces and the registration workflow', response: { 200: z.object({ types: z.array(z.string()), fields: z.array(z.string()), amountItems: z.array(z.string()), nonTechnicalItems: z.array(z.string()), sellerKinds: z.array(z.string()), planOrigins: z.array(z.string()), provinces: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })), workflow: z.unknown(), minPublicCell: z.number(), reviewDays: z.number() }) } } }, async () => ({
    types: [...TECH_CONTRACT_TYPES],
    fields: [...TECHNICAL_FIELDS],
    amountItems: [...AMOUNT_ITEMS],
    nonTechnicalItems: [...NON_TECHNICAL_ITEMS],
    sellerKinds: [...SELLER_KINDS],
    planOrigins: [...PLAN_ORIGINS],
    provinces: { ...PROVINCES },
    workflow: describeMachine(techContractWorkflow as never),
    minPublicCell: contracts.MIN_PUBLIC_CELL,
    reviewDays: REVIEW_DAYS,
  }));

  app.get(C, { config: { access: party }, schema: { tags, summary: 'Technology contracts: all of the centre for registrars and analysts, one’s own organisation’s (as seller or buyer) for members', params: ZCentreParams, querystring: ZTechContractListQuery, response: { 200: ZTechContractList, ...errors } } }, async (request) =>
    contracts.listContracts(serviceContext(request), request.params.centreId, request.query),
  );
  app.post(C, { config: { access: submit }, schema: { tags, summary: 'Submit a signed contract for registration (the seller, or a registrar on its behalf); a second submission of the same contract is refused', params: ZCentreParams, body: ZTechContractInput, response: { 201: ZTechContract, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await contracts.submitContract(serviceContext(request), request.params.centreId, request.body)),
  );

  app.get(`${C}/statistics`, { config: { access: 'public', publicCache: true }, schema: { tags, summary: 'Registered contracts by year and month, and one breakdown (type, field, seller kind, district, park, buyer region, flow) for a year with year-on-year growth; small cells hidden unless the caller may read contracts', params: ZCentreParams, querystring: ZStatisticsQuery, response: { 200: ZStatistics, ...errors } } }, async (request) =>
    contracts.contractStatistics(serviceContext(request), request.params.centreId, request.query),
  );
  app.get(`${C}/statistics.csv`, { config: { access: 'public' }, schema: { tags, summary: 'The same breakdown as open data (CSV, small cells hidden unless the caller may read contracts)', params: ZCentreParams, querystring: ZStatisticsQuery } }, async (request, reply) => {
    const stats = await contracts.contractStatistics(serviceContext(request), request.params.centreId, request.query);
    const label = (key: string) => stats.areas[key]?.nameZh ?? PROVINCES[key]?.zh ?? key;
    const header = ['年份 year', '维度 dimension', '分类 key', '分类2 key2', '合同数 contracts', '成交额（元） amount (yuan)', '技术交易额（元） technical amount (yuan)', '成交额同比（%） amount growth (%)', '已隐藏 suppressed', '示例 sample'];
    const rows = stats.rows.map((r) => [stats.year, stats.dimension, r.key ? `${label(r.key)} (${r.key})` : '', r.key2 ? `${label(r.key2)} (${r.key2})` : '', r.contracts, r.amount, r.technicalAmount, r.amountGrowth, r.suppressed ? 'yes' : '', r.isSample ? 'yes' : '']);
    const body = await writeTable(header, rows, 'csv', 'statistics');
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="tech-contracts-${stats.dimension}-${stats.year ?? 'none'}.csv"`);
    return body;
  });
  app.post(`${C}/statistics/rebuild`, { config: { access: register }, schema: { tags, summary: 'Rebuild the statistics cells from the registered contracts', params: ZCentreParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await contracts.rebuildStatistics(serviceContext(request), request.params.centreId);
    return reply.status(204).send(null);
  });

  app.get(`${C}/import-template`, { config: { access: register }, schema: { tags, summary: 'A blank spreadsheet for historical registrations', params: ZCentreParams, querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') }) } }, async (request, reply) => {
    void reply.header('content-type', request.query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE).header('content-disposition', `attachment; filename="kechuang-tech-contracts-template.${request.query.format}"`);
    return contractImportTemplate(request.query.format);
  });
  app.post(
    `${C}/import`,
    {
      config: { access: register },
      schema: {
        tags,
        summary: 'Import historical registrations from a CSV or XLSX body: checked row by row, written whole or not at all; dryRun only checks',
        params: ZCentreParams,
        querystring: z.object({ fileName: z.string().trim().min(1).max(200), dryRun: z.enum(['true', 'false']).default('false'), sample: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ batch: z.string().nullable(), rows: z.number(), imported: z.number(), dryRun: z.boolean(), errors: z.array(z.object({ row: z.number(), column: z.string(), value: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(), reason: z.string() })) }), ...errors, 413: ZErrorBodySchema, 415: ZErrorBodySchema },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      assertCentreScope(ctx, request.params.centreId);
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('VALIDATION_FAILED', 'Send the file as the request body', { fields: [{ in: 'body', path: '', reason: 'required', message: 'empty body' }] });
      return importContracts(ctx, request.params.centreId, body, request.query.fileName, { dryRun: request.query.dryRun === 'true', isSample: request.query.sample === 'true' });
    },
  );

  app.get(`${C}/:contractId`, { config: { access: party }, schema: { tags, summary: 'A technology contract (its parties, registrars and authorised analysts)', params: ZParams, response: { 200: ZTechContract, ...errors } } }, async (request) =>
    contracts.getContract(serviceContext(request), request.params.centreId, request.params.contractId),
  );
  app.put(`${C}/:contractId`, { config: { access: { permission: 'contracts:submit' } }, schema: { tags, summary: 'Correct a submitted or returned contract (the seller; send the version you saw)', params: ZParams, body: ZTechContractInput.and(z.object({ version: z.number().int().min(1) })), response: { 200: ZTechContract, ...errors } } }, async (request) =>
    contracts.updateContract(serviceContext(request), request.params.centreId, request.params.contractId, request.body),
  );
  app.post(`${C}/:contractId/transitions`, { config: { access: submit }, schema: { tags, summary: 'Start review, return for correction, register, decline (registrar); resubmit or withdraw (seller)', params: ZParams, body: ZTechContractTransition, response: { 200: ZTechContract, ...errors } } }, async (request) =>
    contracts.transitionContract(serviceContext(request), request.params.centreId, request.params.contractId, request.body),
  );
};
