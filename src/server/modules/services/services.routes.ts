import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../../../shared/access.js';
import { describeMachine, demandWorkflow, packageWorkflow } from '../../../core/workflow/index.js';
import { DEFAULT_LADDER, DEFAULT_SERVICE_LEVELS } from '../../../core/services/index.js';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import {
  PACKAGE_ACTIONS,
  ZDemand,
  ZDemandInput,
  ZDemandListQuery,
  ZDemandMessage,
  ZDemandRating,
  ZDemandPage,
  ZDemandTransition,
  ZDepartment,
  ZDepartmentInput,
  ZEnterpriseServiceView,
  ZKeyCandidate,
  ZMetricsQuery,
  ZMetricsReport,
  ZPackage,
  ZPackageInput,
  ZPackagePatch,
  ZTopicCluster,
  ZVisit,
  ZVisitInput,
} from '../../../shared/schemas/services.js';
import { serviceContext } from '../../context.js';
import { acceptRawFiles, requireBytes, sendAttachment, ZFileQuery } from '../files/attachments.http.js';
import { MAX_ATTACHMENT_BYTES } from '../files/attachments.service.js';
import * as services from './services.service.js';

/**
 * Key-enterprise services over HTTP: departments, packages, visits, the
 * demand ledger, its metrics and the systemic-issue queue. Who may act on a
 * case is decided per case (handler, housekeeper, coordinator, enterprise);
 * routes only require the broad permission.
 */
export const servicesRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['services'];
  const manage = { permission: 'services:manage' } as const;
  // Officers and enterprise members share the case routes; the service scopes each to what it may see.
  const party = { anyOf: ['services:manage', 'services:request'] } as const satisfies Access;
  const read = { permission: 'centre:read' } as const;
  const errors = { 400: ZErrorBodySchema, 401: ZErrorBodySchema, 403: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };
  const C = '/api/centres/:centreId';
  acceptRawFiles(app);
  const ZDemandParams = ZCentreParams.extend({ demandId: ZId });
  const ZPackageParams = ZCentreParams.extend({ packageId: ZId });

  app.get('/api/services/settings', { config: { access: 'public' }, schema: { tags, summary: 'The demand and package workflows, the default service levels per demand type, and the escalation ladder', response: { 200: z.object({ workflows: z.array(z.unknown()), serviceLevels: z.record(z.string(), z.object({ respondHours: z.number(), resolveDays: z.number() })), ladder: z.object({ remindAfterDays: z.number(), escalateAfterDays: z.array(z.number()), reopenWindowDays: z.number(), autoConfirmDays: z.number() }) }) } } }, async () => ({
    workflows: [describeMachine(demandWorkflow as never), describeMachine(packageWorkflow as never)],
    serviceLevels: DEFAULT_SERVICE_LEVELS,
    ladder: { ...DEFAULT_LADDER, escalateAfterDays: [...DEFAULT_LADDER.escalateAfterDays] },
  }));

  // departments
  app.get(`${C}/service-departments`, { config: { access: read }, schema: { tags, summary: 'Departments that own demands, by type and area, and the coordinators of the escalation ladder', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZDepartment) }), ...errors } } }, async (request) => ({
    items: await services.listDepartments(serviceContext(request), request.params.centreId),
  }));
  app.post(`${C}/service-departments`, { config: { access: manage }, schema: { tags, summary: 'Add a department', params: ZCentreParams, body: ZDepartmentInput, response: { 201: ZDepartment, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await services.createDepartment(serviceContext(request), request.params.centreId, request.body)),
  );
  app.put(`${C}/service-departments/:departmentId`, { config: { access: manage }, schema: { tags, summary: 'Change a department (send the version you saw)', params: ZCentreParams.extend({ departmentId: ZId }), body: ZDepartmentInput.extend({ version: z.number().int().min(1) }), response: { 200: ZDepartment, ...errors } } }, async (request) =>
    services.updateDepartment(serviceContext(request), request.params.centreId, request.params.departmentId, request.body),
  );

  // packages
  app.get(`${C}/service-packages`, { config: { access: manage }, schema: { tags, summary: 'Service packages of key enterprises (mine=true: those I keep)', params: ZCentreParams, querystring: z.object({ mine: z.enum(['true', 'false']).optional(), state: z.enum(['draft', 'offered', 'signed', 'ended']).optional() }), response: { 200: z.object({ items: z.array(ZPackage) }), ...errors } } }, async (request) => ({
    items: await services.listPackages(serviceContext(request), request.params.centreId, { mine: request.query.mine === 'true', ...(request.query.state ? { state: request.query.state } : {}) }),
  }));
  app.get(`${C}/service-packages/candidates`, { config: { access: manage }, schema: { tags, summary: 'Enterprises that are key by recognition tier, and whether they have a package', params: ZCentreParams, querystring: z.object({ tiers: z.string().trim().min(1).max(400) }), response: { 200: z.object({ items: z.array(ZKeyCandidate) }), ...errors } } }, async (request) => ({
    items: await services.keyCandidates(serviceContext(request), request.params.centreId, request.query.tiers.split(',').map((t) => t.trim()).filter(Boolean)),
  }));
  app.post(`${C}/service-packages`, { config: { access: manage }, schema: { tags, summary: 'Draft a service package for a key enterprise, with its housekeepers and promised services', params: ZCentreParams, body: ZPackageInput, response: { 201: ZPackage, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await services.createPackage(serviceContext(request), request.params.centreId, request.body)),
  );
  app.get(`${C}/service-packages/:packageId`, { config: { access: party }, schema: { tags, summary: 'A service package (its officers and the enterprise)', params: ZPackageParams, response: { 200: ZPackage, ...errors } } }, async (request) =>
    services.getPackage(serviceContext(request), request.params.centreId, request.params.packageId),
  );
  app.patch(`${C}/service-packages/:packageId`, { config: { access: manage }, schema: { tags, summary: 'Change a package; changing the promised services sends it back for sign-off', params: ZPackageParams, body: ZPackagePatch, response: { 200: ZPackage, ...errors } } }, async (request) =>
    services.updatePackage(serviceContext(request), request.params.centreId, request.params.packageId, request.body),
  );
  app.post(`${C}/service-packages/:packageId/transitions`, { config: { access: party }, schema: { tags, summary: 'Offer a package, sign it off (the enterprise), return it with a comment, end it', params: ZPackageParams, body: z.object({ action: z.enum(PACKAGE_ACTIONS), note: z.string().trim().max(2000).nullable().default(null), version: z.number().int().min(1).optional() }), response: { 200: ZPackage, ...errors } } }, async (request) =>
    services.transitionPackage(serviceContext(request), request.params.centreId, request.params.packageId, request.body),
  );

  // visits
  app.get(`${C}/service-visits`, { config: { access: manage }, schema: { tags, summary: 'Visits to enterprises, newest first', params: ZCentreParams, querystring: z.object({ enterpriseId: ZId.optional() }), response: { 200: z.object({ items: z.array(ZVisit) }), ...errors } } }, async (request) => ({
    items: await services.listVisits(serviceContext(request), request.params.centreId, request.query.enterpriseId ?? null),
  }));
  app.post(`${C}/service-visits`, { config: { access: manage }, schema: { tags, summary: 'Record a visit; each need raised becomes a demand routed to its department', params: ZCentreParams, body: ZVisitInput, response: { 201: ZVisit, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await services.recordVisit(serviceContext(request), request.params.centreId, request.body)),
  );

  // demands
  app.get(`${C}/demands`, { config: { access: party }, schema: { tags, summary: 'The demand ledger: officers see the centre’s (mine=true: the cases I work), enterprises their own', params: ZCentreParams, querystring: ZDemandListQuery, response: { 200: ZDemandPage, ...errors } } }, async (request) =>
    services.listDemands(serviceContext(request), request.params.centreId, request.query),
  );
  app.post(`${C}/demands`, { config: { access: party }, schema: { tags, summary: 'Raise a demand (an enterprise for itself, an officer for an enterprise); it is routed by type and area', params: ZCentreParams, body: ZDemandInput, response: { 201: ZDemand, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await services.createDemand(serviceContext(request), request.params.centreId, request.body)),
  );
  app.get(`${C}/demands/metrics`, { config: { access: read }, schema: { tags, summary: 'Response and resolution within SLA, reopen-aware resolution and satisfaction, per department, district or type, with the monthly trend', params: ZCentreParams, querystring: ZMetricsQuery, response: { 200: ZMetricsReport, ...errors } } }, async (request) =>
    services.serviceMetrics(serviceContext(request), request.params.centreId, request.query),
  );
  app.get(`${C}/demands/systemic-issues`, { config: { access: read }, schema: { tags, summary: 'The policy-gap queue: demands of different enterprises that raise the same problem', params: ZCentreParams, querystring: z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), minEnterprises: z.coerce.number().int().min(2).max(50).optional() }), response: { 200: z.object({ items: z.array(ZTopicCluster) }), ...errors } } }, async (request) => ({
    items: await services.systemicIssues(serviceContext(request), request.params.centreId, request.query),
  }));
  app.get(`${C}/demands/:demandId`, { config: { access: party }, schema: { tags, summary: 'A case with its SLA clocks, thread and what you may do next', params: ZDemandParams, response: { 200: ZDemand, ...errors } } }, async (request) =>
    services.getDemand(serviceContext(request), request.params.centreId, request.params.demandId),
  );
  app.post(`${C}/demands/:demandId/transitions`, { config: { access: party }, schema: { tags, summary: 'Accept, transfer, start, resolve; the enterprise confirms, reopens or withdraws', params: ZDemandParams, body: ZDemandTransition, response: { 200: ZDemand, ...errors } } }, async (request) =>
    services.transitionDemand(serviceContext(request), request.params.centreId, request.params.demandId, request.body),
  );
  app.post(`${C}/demands/:demandId/messages`, { config: { access: party }, schema: { tags, summary: 'Write in the case thread (internal notes are not shown to the enterprise)', params: ZDemandParams, body: ZDemandMessage, response: { 200: ZDemand, ...errors } } }, async (request) =>
    services.postMessage(serviceContext(request), request.params.centreId, request.params.demandId, request.body),
  );
  app.post(
    `${C}/demands/:demandId/attachments`,
    { config: { access: party }, bodyLimit: MAX_ATTACHMENT_BYTES + 1024, schema: { tags, summary: 'Add a file to the case thread (PDF, Office, images, text; ≤ 20 MB; type checked from the content; internal=true keeps it among officers)', params: ZDemandParams, querystring: ZFileQuery.extend({ internal: z.enum(['true', 'false']).default('false') }), response: { 200: ZDemand, ...errors, 413: ZErrorBodySchema } } },
    async (request) => services.attachToDemand(serviceContext(request), request.params.centreId, request.params.demandId, { fileName: request.query.fileName, internal: request.query.internal === 'true' }, requireBytes(request.body)),
  );
  app.get(`${C}/demands/:demandId/attachments/:attachmentId`, { config: { access: party }, schema: { tags, summary: 'Download a file of the case thread (served as a download, never rendered inline)', params: ZDemandParams.extend({ attachmentId: ZId }) } }, async (request, reply) =>
    sendAttachment(reply, await services.readDemandFile(serviceContext(request), request.params.centreId, request.params.demandId, request.params.attachmentId)),
  );
  app.put(`${C}/demands/:demandId/rating`, { config: { access: { permission: 'services:request' } }, schema: { tags, summary: 'The enterprise rates the outcome (1–5)', params: ZDemandParams, body: ZDemandRating, response: { 200: ZDemand, ...errors } } }, async (request) =>
    services.rateDemand(serviceContext(request), request.params.centreId, request.params.demandId, request.body),
  );

  app.get(`${C}/enterprises/:enterpriseId/service-view`, { config: { access: party }, schema: { tags, summary: 'One enterprise for its housekeeper: profile, package, demands, visits, applications', params: ZCentreParams.extend({ enterpriseId: ZId }), response: { 200: ZEnterpriseServiceView, ...errors } } }, async (request) =>
    services.enterpriseView(serviceContext(request), request.params.centreId, request.params.enterpriseId),
  );
};
