import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import { ZEventCounts, ZEventInput, ZEventPatch, ZEventSummary, ZEventView, ZReleaseInput, ZSessionInput } from '../../../shared/schemas/events.js';
import { serviceContext } from '../../context.js';
import * as events from './events.service.js';

/** Events, sessions and achievement releases (issue 9): public reads; events:manage writes. */
export const eventsRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['events'];
  const manage = { permission: 'events:manage' } as const;
  const errors = { 400: ZErrorBodySchema, 401: ZErrorBodySchema, 403: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };
  const C = '/api/centres/:centreId/events';
  const E = `${C}/:eventId`;
  const P = ZCentreParams.extend({ eventId: ZId });

  app.get(C, { config: { access: 'public' }, schema: { tags, summary: 'The centre’s events, newest first (?year= for one year), with their session and release counts', params: ZCentreParams, querystring: z.object({ year: z.coerce.number().int().min(1900).max(2100).optional() }), response: { 200: z.object({ items: z.array(ZEventSummary) }), 400: ZErrorBodySchema, 404: ZErrorBodySchema } } }, async (request) => ({
    items: await events.listEvents(serviceContext(request), request.params.centreId, request.query.year),
  }));
  app.post(C, { config: { access: manage }, schema: { tags, summary: 'Record an event', params: ZCentreParams, body: ZEventInput, response: { 201: ZEventView, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await events.createEvent(serviceContext(request), request.params.centreId, request.body)),
  );
  app.get('/api/centres/:centreId/event-counts', { config: { access: 'public' }, schema: { tags, summary: 'Events, sessions and releases per year (all events and per series), with the figures the sources publish beside them', params: ZCentreParams, response: { 200: ZEventCounts, 404: ZErrorBodySchema } } }, async (request) =>
    events.eventCounts(serviceContext(request), request.params.centreId),
  );
  app.get(E, { config: { access: 'public' }, schema: { tags, summary: 'An event with its sessions, organisers and releases', params: P, response: { 200: ZEventView, 404: ZErrorBodySchema } } }, async (request) =>
    events.getEvent(serviceContext(request), request.params.centreId, request.params.eventId),
  );
  app.patch(E, { config: { access: manage }, schema: { tags, summary: 'Change an event (send its version)', params: P, body: ZEventPatch, response: { 200: ZEventView, ...errors } } }, async (request) =>
    events.updateEvent(serviceContext(request), request.params.centreId, request.params.eventId, request.body),
  );
  app.post(`${E}/sessions`, { config: { access: manage }, schema: { tags, summary: 'Add a session held during the event, with its organisers from the registry', params: P, body: ZSessionInput, response: { 201: ZEventView, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await events.addSession(serviceContext(request), request.params.centreId, request.params.eventId, request.body)),
  );
  app.post(`${E}/releases`, { config: { access: manage }, schema: { tags, summary: 'Record an achievement release at the event (or one of its sessions), linked to an achievement and organisations', params: P, body: ZReleaseInput, response: { 201: ZEventView, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await events.addRelease(serviceContext(request), request.params.centreId, request.params.eventId, request.body)),
  );
};
