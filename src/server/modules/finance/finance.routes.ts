import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COMMON_CURRENCIES, EXIT_KINDS, LISTING_BOARDS, ROUND_STAGE_ZH, ROUND_STAGES, UNICORN_THRESHOLD_USD } from '../../../shared/finance-vocabulary.js';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import { ZCurrency, ZExit, ZExitInput, ZFinanceStatistics, ZFxRate, ZFxRateInput, ZRound, ZRoundImportReport, ZRoundInput, ZRoundList, ZRoundListQuery, ZUnicornQuery, ZUnicornReport } from '../../../shared/schemas/finance.js';
import { assertCentreScope, serviceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { acceptSpreadsheets, XLSX_TYPE } from '../../tabular.http.js';
import { importRounds, roundImportTemplate } from './finance-import.js';
import * as finance from './finance.service.js';

/**
 * S&T finance over HTTP: rounds, exits and rates are read by the centre's
 * staff (centre:read) and kept by holders of finance:manage. The figures the
 * records yield reach the public through the indicators.
 */
export const financeRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['finance'];
  const read = { permission: 'centre:read' } as const;
  const manage = { permission: 'finance:manage' } as const;
  const errors = { 400: ZErrorBodySchema, 401: ZErrorBodySchema, 403: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };
  const F = '/api/centres/:centreId/finance';
  const ZRoundParams = ZCentreParams.extend({ roundId: ZId });
  const ZExitParams = ZCentreParams.extend({ exitId: ZId });
  const ZVersion = z.object({ version: z.number().int().min(1) });
  acceptSpreadsheets(app, 16 * 1024 * 1024);

  app.get('/api/finance/vocabulary', { config: { access: 'public' }, schema: { tags, summary: 'Round stages, listing boards, exit kinds, common currencies and the unicorn threshold', response: { 200: z.object({ stages: z.array(z.string()), stagesZh: z.record(z.string(), z.string()), boards: z.array(z.string()), exitKinds: z.array(z.string()), currencies: z.array(z.string()), unicornThresholdUsd: z.number() }) } } }, async () => ({
    stages: [...ROUND_STAGES],
    stagesZh: { ...ROUND_STAGE_ZH },
    boards: [...LISTING_BOARDS],
    exitKinds: [...EXIT_KINDS],
    currencies: [...COMMON_CURRENCIES],
    unicornThresholdUsd: UNICORN_THRESHOLD_USD,
  }));

  app.get(`${F}/rounds`, { config: { access: read }, schema: { tags, summary: 'Investment rounds, newest first: by investee, investor, stage, year or area', params: ZCentreParams, querystring: ZRoundListQuery, response: { 200: ZRoundList, ...errors } } }, async (request) =>
    finance.listRounds(serviceContext(request), request.params.centreId, request.query),
  );
  app.post(`${F}/rounds`, { config: { access: manage }, schema: { tags, summary: 'Record an investment round (investee, date, stage, amount or undisclosed, currency, post-money valuation, investors)', params: ZCentreParams, body: ZRoundInput, response: { 201: ZRound, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await finance.createRound(serviceContext(request), request.params.centreId, request.body)),
  );
  app.get(`${F}/rounds/import-template`, { config: { access: manage }, schema: { tags, summary: 'A blank spreadsheet for investment rounds', params: ZCentreParams, querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') }) } }, async (request, reply) => {
    void reply.header('content-type', request.query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE).header('content-disposition', `attachment; filename="kechuang-rounds-template.${request.query.format}"`);
    return roundImportTemplate(request.query.format);
  });
  app.post(
    `${F}/rounds/import`,
    {
      config: { access: manage },
      schema: { tags, summary: 'Import investment rounds from a CSV or XLSX body: checked row by row, written whole or not at all; dryRun only checks', params: ZCentreParams, querystring: z.object({ fileName: z.string().trim().min(1).max(200), dryRun: z.enum(['true', 'false']).default('false'), sample: z.enum(['true', 'false']).default('false') }), response: { 200: ZRoundImportReport, ...errors, 413: ZErrorBodySchema, 415: ZErrorBodySchema } },
    },
    async (request) => {
      const ctx = serviceContext(request);
      assertCentreScope(ctx, request.params.centreId);
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('VALIDATION_FAILED', 'Send the file as the request body', { fields: [{ in: 'body', path: '', reason: 'required', message: 'empty body' }] });
      return importRounds(ctx, request.params.centreId, body, request.query.fileName, { dryRun: request.query.dryRun === 'true', isSample: request.query.sample === 'true' });
    },
  );
  app.get(`${F}/rounds/:roundId`, { config: { access: read }, schema: { tags, summary: 'An investment round with its investors', params: ZRoundParams, response: { 200: ZRound, ...errors } } }, async (request) =>
    finance.getRound(serviceContext(request), request.params.centreId, request.params.roundId),
  );
  app.put(`${F}/rounds/:roundId`, { config: { access: manage }, schema: { tags, summary: 'Change an investment round (send the version you saw)', params: ZRoundParams, body: ZRoundInput.extend(ZVersion.shape), response: { 200: ZRound, ...errors } } }, async (request) =>
    finance.updateRound(serviceContext(request), request.params.centreId, request.params.roundId, request.body),
  );
  app.delete(`${F}/rounds/:roundId`, { config: { access: manage }, schema: { tags, summary: 'Delete an investment round (the audit log keeps it)', params: ZRoundParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await finance.deleteRound(serviceContext(request), request.params.centreId, request.params.roundId);
    return reply.status(204).send(null);
  });

  app.get(`${F}/exits`, { config: { access: read }, schema: { tags, summary: 'Listings and acquisitions, newest first', params: ZCentreParams, querystring: z.object({ entityId: ZId.optional() }), response: { 200: z.object({ items: z.array(ZExit) }), ...errors } } }, async (request) => ({
    items: await finance.listExits(serviceContext(request), request.params.centreId, request.query.entityId),
  }));
  app.post(`${F}/exits`, { config: { access: manage }, schema: { tags, summary: 'Record a listing (board, code, date) or an acquisition (acquirer, date)', params: ZCentreParams, body: ZExitInput, response: { 201: ZExit, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await finance.createExit(serviceContext(request), request.params.centreId, request.body)),
  );
  app.put(`${F}/exits/:exitId`, { config: { access: manage }, schema: { tags, summary: 'Change a listing or acquisition (send the version you saw)', params: ZExitParams, body: ZExitInput.extend(ZVersion.shape), response: { 200: ZExit, ...errors } } }, async (request) =>
    finance.updateExit(serviceContext(request), request.params.centreId, request.params.exitId, request.body),
  );
  app.delete(`${F}/exits/:exitId`, { config: { access: manage }, schema: { tags, summary: 'Delete a listing or acquisition', params: ZExitParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await finance.deleteExit(serviceContext(request), request.params.centreId, request.params.exitId);
    return reply.status(204).send(null);
  });

  app.get(`${F}/rates`, { config: { access: read }, schema: { tags, summary: 'The exchange rates entered (US dollars per unit, by year)', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZFxRate) }), ...errors } } }, async (request) => ({
    items: await finance.listRates(serviceContext(request), request.params.centreId),
  }));
  app.put(`${F}/rates`, { config: { access: manage }, schema: { tags, summary: 'Enter or change the rate of a currency for a year (US dollars per unit)', params: ZCentreParams, body: ZFxRateInput, response: { 200: z.object({ items: z.array(ZFxRate) }), ...errors } } }, async (request) => ({
    items: await finance.putRate(serviceContext(request), request.params.centreId, request.body),
  }));
  app.delete(`${F}/rates/:currency/:year`, { config: { access: manage }, schema: { tags, summary: 'Remove a rate', params: ZCentreParams.extend({ currency: ZCurrency, year: z.coerce.number().int().min(1980).max(2100) }), response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await finance.deleteRate(serviceContext(request), request.params.centreId, request.params.currency, request.params.year);
    return reply.status(204).send(null);
  });

  app.get(`${F}/unicorns`, { config: { access: read }, schema: { tags, summary: 'Unicorns at a date (default today) with their basis, entries and exits with reasons, counts at each year end, valuations waiting for a rate, and the published count beside them', params: ZCentreParams, querystring: ZUnicornQuery, response: { 200: ZUnicornReport, ...errors } } }, async (request) =>
    finance.unicornReport(serviceContext(request), request.params.centreId, request.query.date),
  );
  app.get(`${F}/statistics`, { config: { access: read }, schema: { tags, summary: 'The financing funnel by cohort year, rounds and amounts by year, stage and area, and the derived and published figures', params: ZCentreParams, response: { 200: ZFinanceStatistics, ...errors } } }, async (request) =>
    finance.financeStatistics(serviceContext(request), request.params.centreId),
  );
};
