import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import { ZCredential, ZCredentialInput, ZCredentialVerification, ZRevokeInput, ZSelfAssessment, ZTalentAnswers, ZTalentApplication, ZTalentApplyInput, ZTalentCall, ZTalentCallInput, ZTalentIdParams, ZTalentServiceRequest, ZTalentServiceRequestInput } from '../../../shared/schemas/talent.js';
import { serviceContext } from '../../context.js';
import * as talent from './talent.service.js';

const ZCallParams = ZCentreParams.extend({ callId: ZId });

/**
 * Talent programmes over HTTP. A talent call's lifecycle (publish, close,
 * review) and its applications' review stay on the calls routes; these add the
 * merit-point scheme, the self-assessment, applying as a person, credentials
 * and talent service requests.
 */
export const talentRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['talent'];
  const manage = { permission: 'calls:manage' } as const;
  const errors = { 400: ZErrorBodySchema, 403: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };
  const T = '/api/centres/:centreId/talent';

  app.get(`${T}/calls`, { config: { access: 'public' }, schema: { tags, summary: 'Talent calls with their published merit-point schemes (drafts only for officers)', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZTalentCall) }), 404: ZErrorBodySchema } } }, async (request) => ({
    items: await talent.listTalentCalls(serviceContext(request), request.params.centreId),
  }));
  app.post(`${T}/calls`, { config: { access: manage }, schema: { tags, summary: 'Draft a talent call on a talent programme: the call, its category and its merit-point scheme (indicators, weights, threshold, eligibility gates)', params: ZCentreParams, body: ZTalentCallInput, response: { 201: ZTalentCall, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await talent.createTalentCall(serviceContext(request), request.params.centreId, request.body)),
  );
  app.get(`${T}/calls/:callId`, { config: { access: 'public' }, schema: { tags, summary: 'A talent call with its indicator list, weights, threshold and gates', params: ZCallParams, response: { 200: ZTalentCall, 404: ZErrorBodySchema } } }, async (request) =>
    talent.getTalentCall(serviceContext(request), request.params.centreId, request.params.callId),
  );
  app.post(`${T}/calls/:callId/self-assessment`, { config: { access: 'public' }, schema: { tags, summary: 'Self-assessment against the call’s scheme: points per indicator, the weighted total and the gates (eligible / ineligible / unknown) with the questions that decide them; nothing is stored', params: ZCallParams, body: z.object({ answers: ZTalentAnswers }), response: { 200: ZSelfAssessment, ...errors } } }, async (request) =>
    talent.selfAssessment(serviceContext(request), request.params.centreId, request.params.callId, request.body.answers),
  );
  app.post(`${T}/calls/:callId/applications`, { config: { access: { permission: 'calls:apply' } }, schema: { tags, summary: 'Apply (or nominate) as a person: the application goes through the calls engine, led by one’s organisation, with the self-assessment on record', params: ZCallParams, body: ZTalentApplyInput.extend({ personEntityId: ZId.optional() }), response: { 201: ZTalentApplication, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await talent.apply(serviceContext(request), request.params.centreId, request.params.callId, request.body)),
  );
  app.get(`${T}/applications`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Talent applications: all for officers, one’s own (and one’s organisation’s) for applicants', params: ZCentreParams, querystring: z.object({ callId: ZId.optional() }), response: { 200: z.object({ items: z.array(ZTalentApplication) }), ...errors } } }, async (request) => ({
    items: await talent.listTalentApplications(serviceContext(request), request.params.centreId, request.query.callId),
  }));
  app.get(`${T}/applications/:id`, { config: { access: 'authenticated' }, schema: { tags, summary: 'One talent application with its self-assessment', params: ZTalentIdParams, response: { 200: ZTalentApplication, ...errors } } }, async (request) =>
    talent.getTalentApplication(serviceContext(request), request.params.centreId, request.params.id),
  );
  app.post(`${T}/applications/:id/credential`, { config: { access: manage }, schema: { tags, summary: 'Award (when still under review and an amount is given) and issue the talent credential: a dated recognition on the person’s registry record', params: ZTalentIdParams, body: ZCredentialInput, response: { 201: ZCredential, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await talent.issueCredential(serviceContext(request), request.params.centreId, request.params.id, request.body)),
  );
  app.get(`${T}/credentials`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Talent credentials: all for programme and service officers, one’s own for holders', params: ZCentreParams, querystring: z.object({ personEntityId: ZId.optional() }), response: { 200: z.object({ items: z.array(ZCredential) }), ...errors } } }, async (request) => ({
    items: await talent.listCredentials(serviceContext(request), request.params.centreId, request.query),
  }));
  app.get(`${T}/credentials/:id`, { config: { access: 'authenticated' }, schema: { tags, summary: 'One talent credential (officers, its holder)', params: ZTalentIdParams, response: { 200: ZCredential, ...errors } } }, async (request) =>
    talent.getCredential(serviceContext(request), request.params.centreId, request.params.id),
  );
  app.get(`${T}/credentials/:id/verify`, { config: { access: 'public' }, schema: { tags, summary: 'Verify a talent credential: valid, not yet valid, expired or revoked today, with its category and validity (no name)', params: ZTalentIdParams, response: { 200: ZCredentialVerification, 404: ZErrorBodySchema } } }, async (request) =>
    talent.verifyCredential(serviceContext(request), request.params.centreId, request.params.id),
  );
  app.post(`${T}/credentials/:id/revoke`, { config: { access: manage }, schema: { tags, summary: 'Revoke a talent credential, with the reason (audited; the registry recognition ends that day)', params: ZTalentIdParams, body: ZRevokeInput, response: { 200: ZCredential, ...errors } } }, async (request) =>
    talent.revokeCredential(serviceContext(request), request.params.centreId, request.params.id, request.body),
  );
  app.post(`${T}/service-requests`, { config: { access: { permission: 'services:request' } }, schema: { tags, summary: 'A credential holder asks for a talent service (housing, schooling, medical, visa/work permit): a demand in the services ledger, routed and timed like an enterprise’s', params: ZCentreParams, body: ZTalentServiceRequestInput, response: { 201: ZTalentServiceRequest, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await talent.raiseServiceRequest(serviceContext(request), request.params.centreId, request.body)),
  );
  app.get(`${T}/service-requests`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Talent service requests with their demand’s state: all for officers, one’s own for holders', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZTalentServiceRequest) }), ...errors } } }, async (request) => ({
    items: await talent.listServiceRequests(serviceContext(request), request.params.centreId),
  }));
};
