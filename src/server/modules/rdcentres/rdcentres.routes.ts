import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import {
  ZCheckInput,
  ZCriteriaCheck,
  ZHire,
  ZHireInput,
  ZHousekeeperInput,
  ZRdApplication,
  ZRdApplicationInput,
  ZRdApplicationSummary,
  ZRecogniseInput,
  ZRecognitionDetail,
  ZRecognitionListItem,
  ZRecognitionView,
  ZRevokeInput,
  ZRound,
  ZRoundInput,
  ZSupport,
  ZSupportInput,
  ZTranslationInput,
} from '../../../shared/schemas/rdcentres.js';
import { serviceContext } from '../../context.js';
import * as rd from './rdcentres.service.js';

const ZRoundParams = ZCentreParams.extend({ callId: ZId });
const ZAppParams = ZCentreParams.extend({ applicationId: ZId });
const ZRecParams = ZCentreParams.extend({ recognitionId: ZId });

/**
 * Foreign-funded R&D centres over HTTP. The round's and the application's
 * lifecycle (close, expert review, award, appeals) stay on the calls routes;
 * these add the definition check, the bilingual application, recognition,
 * support, hires and the comprehensive assessment.
 */
export const rdCentresRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['rd-centres'];
  const manage = { permission: 'calls:manage' } as const;
  const errors = { 400: ZErrorBodySchema, 401: ZErrorBodySchema, 403: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };
  const C = '/api/centres/:centreId';

  app.post(`${C}/rd-centres/criteria/check`, { config: { access: 'public' }, schema: { tags, summary: 'Check facts and evidence against the definition of a foreign-funded R&D centre: each criterion pass, fail or unknown (nothing is stored)', params: ZCentreParams, body: ZCheckInput, response: { 200: ZCriteriaCheck, 400: ZErrorBodySchema } } }, async (request) => rd.checkDefinition(request.body));

  app.get(`${C}/rd-centre-rounds`, { config: { access: 'public' }, schema: { tags, summary: 'Recognition rounds (calls of recognition programmes; drafts only for officers)', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZRound) }), 404: ZErrorBodySchema } } }, async (request) => ({
    items: await rd.listRounds(serviceContext(request), request.params.centreId),
  }));
  app.post(`${C}/rd-centre-rounds`, { config: { access: manage }, schema: { tags, summary: 'Open a recognition round: its call drafted, submitted and published in one step, the assessment floors as acceptance criteria', params: ZCentreParams, body: ZRoundInput, response: { 201: z.object({ id: z.string(), version: z.number().int() }), ...errors } } }, async (request, reply) =>
    reply.status(201).send(await rd.openRound(serviceContext(request), request.params.centreId, request.body)),
  );
  app.post(`${C}/rd-centre-rounds/:callId/applications`, { config: { access: { permission: 'calls:apply' } }, schema: { tags, summary: 'Apply for recognition for one’s own organisation (bilingual; submitted through the calls engine)', params: ZRoundParams, body: ZRdApplicationInput, response: { 201: z.object({ id: z.string(), state: z.string() }), ...errors } } }, async (request, reply) =>
    reply.status(201).send(await rd.apply(serviceContext(request), request.params.centreId, request.params.callId, request.body)),
  );

  app.get(`${C}/rd-centre-applications`, { config: { access: { anyOf: ['calls:manage', 'calls:apply'] } }, schema: { tags, summary: 'R&D centre applications: all submitted ones for officers, one’s own organisation’s for members', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZRdApplicationSummary) }), ...errors } } }, async (request) => ({
    items: await rd.listApplications(serviceContext(request), request.params.centreId),
  }));
  app.get(`${C}/rd-centre-applications/:applicationId`, { config: { access: 'authenticated' }, schema: { tags, summary: 'An application with its criteria, evidence and texts in both languages (officers, the applicant’s organisation, assigned reviewers)', params: ZAppParams, response: { 200: ZRdApplication, ...errors } } }, async (request) =>
    rd.getApplication(serviceContext(request), request.params.centreId, request.params.applicationId),
  );
  app.put(`${C}/rd-centre-applications/:applicationId/translation`, { config: { access: manage }, schema: { tags, summary: 'Supply the other language of the applicant’s texts (marked as a translation, by whom)', params: ZAppParams, body: ZTranslationInput, response: { 200: z.object({ version: z.number().int() }), ...errors } } }, async (request) =>
    rd.translate(serviceContext(request), request.params.centreId, request.params.applicationId, request.body),
  );
  app.post(`${C}/rd-centre-applications/:applicationId/recognise`, { config: { access: manage }, schema: { tags, summary: 'Recognise an awarded application: a dated credential on the organisation, its housekeeper, the award as first support', params: ZAppParams, body: ZRecogniseInput, response: { 201: ZRecognitionView, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await rd.recognise(serviceContext(request), request.params.centreId, request.params.applicationId, request.body)),
  );

  app.get(`${C}/rd-centre-recognitions`, { config: { access: 'public' }, schema: { tags, summary: 'Recognised centres with their validity (support and comprehensive assessment for officers)', params: ZCentreParams, querystring: z.object({ entityId: ZId.optional() }), response: { 200: z.object({ items: z.array(ZRecognitionListItem) }), 404: ZErrorBodySchema } } }, async (request) => ({
    items: await rd.listRecognitions(serviceContext(request), request.params.centreId, request.query.entityId),
  }));
  app.get(`${C}/rd-centre-recognitions/:recognitionId`, { config: { access: 'authenticated' }, schema: { tags, summary: 'A recognised centre: support granted, local open-innovation outputs and the comprehensive assessment (officers, the centre’s members)', params: ZRecParams, response: { 200: ZRecognitionDetail, ...errors } } }, async (request) =>
    rd.getRecognition(serviceContext(request), request.params.centreId, request.params.recognitionId),
  );
  app.post(`${C}/rd-centre-recognitions/:recognitionId/revoke`, { config: { access: manage }, schema: { tags, summary: 'Revoke a recognition from a date, with the reason', params: ZRecParams, body: ZRevokeInput, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await rd.revoke(serviceContext(request), request.params.centreId, request.params.recognitionId, request.body);
    return reply.status(204).send(null);
  });
  app.put(`${C}/rd-centre-recognitions/:recognitionId/housekeeper`, { config: { access: manage }, schema: { tags, summary: 'Assign the centre’s service housekeeper (an officer)', params: ZRecParams, body: ZHousekeeperInput, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await rd.setHousekeeper(serviceContext(request), request.params.centreId, request.params.recognitionId, request.body);
    return reply.status(204).send(null);
  });
  app.post(`${C}/rd-centre-recognitions/:recognitionId/support`, { config: { access: manage }, schema: { tags, summary: 'Record support granted under the recognition (measure, amount, date, decision); the measures’ caps are checked', params: ZRecParams, body: ZSupportInput, response: { 201: ZSupport, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await rd.addSupport(serviceContext(request), request.params.centreId, request.params.recognitionId, request.body)),
  );
  app.post(`${C}/rd-centre-recognitions/:recognitionId/hires`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Record local hires for a period (the centre’s members, officers)', params: ZRecParams, body: ZHireInput, response: { 201: ZHire, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await rd.addHire(serviceContext(request), request.params.centreId, request.params.recognitionId, request.body)),
  );
  app.get(`${C}/rd-centres/housekeepers`, { config: { access: manage }, schema: { tags, summary: 'Officers who can be a centre’s service housekeeper', params: ZCentreParams, response: { 200: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string() })) }), ...errors } } }, async (request) => ({
    items: await rd.listHousekeepers(serviceContext(request), request.params.centreId),
  }));
};
