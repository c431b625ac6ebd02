import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import { ZCohort, ZCohortInput, ZIncubatorInput, ZIncubatorPatch, ZIncubatorSummary, ZIncubatorView, ZResidentInput, ZResidentPatch, ZTypeComparison } from '../../../shared/schemas/incubators.js';
import { serviceContext } from '../../context.js';
import * as incubators from './incubators.service.js';

/**
 * Incubators (issue 9) over HTTP. Profiles, cohorts and funnels are public;
 * officers and analysts add incubators; they and the incubator's own members
 * keep its profile and cohorts (checked by the service).
 */
export const incubatorsRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['incubators'];
  const keep = { anyOf: ['incubators:manage', 'registry:propose'] } as const;
  const errors = { 400: ZErrorBodySchema, 401: ZErrorBodySchema, 403: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };
  const C = '/api/centres/:centreId/incubators';
  const I = `${C}/:incubatorId`;
  const P = ZCentreParams.extend({ incubatorId: ZId });
  const PC = P.extend({ cohortId: ZId });

  app.get(C, { config: { access: 'public' }, schema: { tags, summary: 'The centre’s incubators with their type, operator, freshness stamp and funnel over all cohorts', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZIncubatorSummary) }), 404: ZErrorBodySchema } } }, async (request) => ({
    items: await incubators.listIncubators(serviceContext(request), request.params.centreId),
  }));
  app.post(C, { config: { access: { permission: 'incubators:manage' } }, schema: { tags, summary: 'Give a registry organisation an incubator profile', params: ZCentreParams, body: ZIncubatorInput, response: { 201: ZIncubatorView, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await incubators.createIncubator(serviceContext(request), request.params.centreId, request.body)),
  );
  app.get(`/api/centres/:centreId/incubator-comparison`, { config: { access: 'public' }, schema: { tags, summary: 'Cohort funnels pooled by incubator type and intake year (like for like), and per type over all years', params: ZCentreParams, response: { 200: ZTypeComparison, 404: ZErrorBodySchema } } }, async (request) =>
    incubators.compareTypes(serviceContext(request), request.params.centreId),
  );
  app.get(I, { config: { access: 'public' }, schema: { tags, summary: 'An incubator with its cohorts, their start-ups and funnels', params: P, response: { 200: ZIncubatorView, 404: ZErrorBodySchema } } }, async (request) =>
    incubators.getIncubator(serviceContext(request), request.params.centreId, request.params.incubatorId),
  );
  app.patch(I, { config: { access: keep }, schema: { tags, summary: 'Change or confirm an incubator’s profile (send its version)', params: P, body: ZIncubatorPatch, response: { 200: ZIncubatorView, ...errors } } }, async (request) =>
    incubators.updateIncubator(serviceContext(request), request.params.centreId, request.params.incubatorId, request.body),
  );
  app.post(`${I}/cohorts`, { config: { access: keep }, schema: { tags, summary: 'Record an intake (year and term)', params: P, body: ZCohortInput, response: { 201: ZCohort, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await incubators.addCohort(serviceContext(request), request.params.centreId, request.params.incubatorId, request.body)),
  );
  app.post(`${I}/cohorts/:cohortId/residents`, { config: { access: keep }, schema: { tags, summary: 'Add a start-up from the registry to a cohort, with its entry (and exit, if it has left)', params: PC, body: ZResidentInput, response: { 201: ZCohort, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await incubators.addResident(serviceContext(request), request.params.centreId, request.params.incubatorId, request.params.cohortId, request.body)),
  );
  app.patch(`${I}/cohorts/:cohortId/residents/:residentId`, { config: { access: keep }, schema: { tags, summary: 'Record a start-up’s exit (graduated, failed, relocated) or correct its dates (send its version)', params: PC.extend({ residentId: ZId }), body: ZResidentPatch, response: { 200: ZCohort, ...errors } } }, async (request) =>
    incubators.updateResident(serviceContext(request), request.params.centreId, request.params.incubatorId, request.params.cohortId, request.params.residentId, request.body),
  );
};
