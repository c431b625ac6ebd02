import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import { ZBatch, ZBatchInput, ZBatchPublishResult, ZCandidate, ZDeployment, ZDeploymentInput, ZEntityDeployment, ZScenarioInput, ZScenarioPatch, ZScenarioView } from '../../../shared/schemas/scenarios.js';
import { serviceContext } from '../../context.js';
import * as scenarios from './scenarios.service.js';

const ZBatchParams = ZCentreParams.extend({ batchId: ZId });
const ZScenarioParams = ZCentreParams.extend({ callId: ZId });

/**
 * Application scenarios over HTTP. A scenario's lifecycle (submit, publish,
 * close, review, award, execution, acceptance) stays on the calls routes;
 * these add batches, the scenario's own fields, suggestions and deployments.
 */
export const scenariosRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['scenarios'];
  const manage = { permission: 'calls:manage' } as const;
  const errors = { 400: ZErrorBodySchema, 403: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };
  const C = '/api/centres/:centreId';

  app.get(`${C}/scenario-batches`, { config: { access: 'public' }, schema: { tags, summary: 'Numbered batches of application scenarios (drafts only for officers)', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZBatch) }), 404: ZErrorBodySchema } } }, async (request) => ({
    items: await scenarios.listBatches(serviceContext(request), request.params.centreId),
  }));
  app.post(`${C}/scenario-batches`, { config: { access: manage }, schema: { tags, summary: 'Open the next batch of a scenario programme', params: ZCentreParams, body: ZBatchInput, response: { 201: z.object({ id: z.string(), number: z.number().int(), version: z.number().int() }), ...errors } } }, async (request, reply) => {
    const row = await scenarios.createBatch(serviceContext(request), request.params.centreId, request.body);
    return reply.status(201).send({ id: row.id, number: row.number, version: row.version });
  });
  app.get(`${C}/scenario-batches/:batchId`, { config: { access: 'public' }, schema: { tags, summary: 'A batch with its scenarios', params: ZBatchParams, response: { 200: ZBatch, 404: ZErrorBodySchema } } }, async (request) =>
    scenarios.getBatch(serviceContext(request), request.params.centreId, request.params.batchId),
  );
  app.post(`${C}/scenario-batches/:batchId/scenarios`, { config: { access: manage }, schema: { tags, summary: 'Draft a scenario in a batch: the call (owner, problem, budget, acceptance metrics) and its site, data, sandbox and timeline', params: ZBatchParams, body: ZScenarioInput, response: { 201: z.object({ id: z.string(), version: z.number().int() }), ...errors } } }, async (request, reply) => {
    const call = await scenarios.addScenario(serviceContext(request), request.params.centreId, request.params.batchId, request.body);
    return reply.status(201).send({ id: call.id, version: call.version });
  });
  app.post(`${C}/scenario-batches/:batchId/publish`, { config: { access: manage }, schema: { tags, summary: 'Publish every scenario of the batch together, or none (each refusal names its scenario)', params: ZBatchParams, body: z.object({ version: z.number().int().min(1) }), response: { 200: ZBatchPublishResult, ...errors } } }, async (request) =>
    scenarios.publishBatch(serviceContext(request), request.params.centreId, request.params.batchId, request.body.version),
  );

  app.get(`${C}/scenarios/:callId`, { config: { access: 'public' }, schema: { tags, summary: 'A scenario’s own fields, its batch and its deployments (the call itself is at /calls/:callId)', params: ZScenarioParams, response: { 200: ZScenarioView, 404: ZErrorBodySchema } } }, async (request) =>
    scenarios.getScenario(serviceContext(request), request.params.centreId, request.params.callId),
  );
  app.put(`${C}/scenarios/:callId`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Change a scenario’s site, data, sandbox or timeline before publication (officers, the scenario owner)', params: ZScenarioParams, body: ZScenarioPatch, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await scenarios.updateScenario(serviceContext(request), request.params.centreId, request.params.callId, request.body.scenario);
    return reply.status(204).send(null);
  });
  app.get(`${C}/scenarios/:callId/candidates`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Enterprises that could take the scenario, each with its score components (officers, the scenario owner)', params: ZScenarioParams, response: { 200: z.object({ items: z.array(ZCandidate) }), ...errors } } }, async (request) => ({
    items: await scenarios.suggestEnterprises(serviceContext(request), request.params.centreId, request.params.callId),
  }));
  app.post(`${C}/scenarios/:callId/deployments`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Record or update the deployment of a selected solution, with its measured results (officers, the scenario owner)', params: ZScenarioParams, body: ZDeploymentInput, response: { 200: ZDeployment, ...errors } } }, async (request) =>
    scenarios.recordDeployment(serviceContext(request), request.params.centreId, request.params.callId, request.body),
  );
  app.get(`${C}/scenario-deployments`, { config: { access: 'public' }, schema: { tags, summary: 'Deployments of published scenarios, by enterprise or by achievement', params: ZCentreParams, querystring: z.object({ enterpriseId: ZId.optional(), achievementId: ZId.optional() }), response: { 200: z.object({ items: z.array(ZEntityDeployment) }), ...errors } } }, async (request) => ({
    items: await scenarios.listDeployments(serviceContext(request), request.params.centreId, request.query),
  }));
};
