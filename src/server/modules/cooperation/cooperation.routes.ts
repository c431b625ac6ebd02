import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_REGIONAL_CONFIG, HOSTED_ORG_KINDS, PARTNER_SIDES, REGIONAL_RECORD_KINDS } from '../../../shared/cooperation-vocabulary.js';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import { ZAgreement, ZAgreementInput, ZCooperationStatistics, ZHostedOrg, ZHostedOrgInput, ZJointLab, ZJointLabInput, ZRegionalConfig, ZRegionalConfigInput, ZRegionalRecord, ZRegionalRecordInput, ZRegionalRecordQuery } from '../../../shared/schemas/cooperation.js';
import { serviceContext } from '../../context.js';
import * as coop from './cooperation.service.js';

/**
 * International and regional cooperation over HTTP: records are read by the
 * centre's staff (centre:read) and kept by holders of cooperation:manage; the
 * regional configuration is changed by the same holders, audited.
 */
export const cooperationRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['cooperation'];
  const read = { permission: 'centre:read' } as const;
  const manage = { permission: 'cooperation:manage' } as const;
  const errors = { 400: ZErrorBodySchema, 401: ZErrorBodySchema, 403: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };
  const B = '/api/centres/:centreId/cooperation';
  const ZVersion = { version: z.number().int().min(1) };
  const ZItemParams = ZCentreParams.extend({ id: ZId });
  const noContent = { 204: z.null(), ...errors };

  app.get('/api/cooperation/vocabulary', { config: { access: 'public' }, schema: { tags, summary: 'Partner sides, hosted-organisation kinds, regional record kinds and the default regional configuration', response: { 200: z.object({ partnerSides: z.array(z.string()), hostedKinds: z.array(z.string()), regionalKinds: z.array(z.string()), defaultConfig: z.object({ nameZh: z.string(), nameEn: z.string(), homeCountry: z.string(), regions: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), lon: z.number().nullable(), lat: z.number().nullable() })) }) }) } } }, async () => ({
    partnerSides: [...PARTNER_SIDES],
    hostedKinds: [...HOSTED_ORG_KINDS],
    regionalKinds: [...REGIONAL_RECORD_KINDS],
    defaultConfig: { ...DEFAULT_REGIONAL_CONFIG, regions: DEFAULT_REGIONAL_CONFIG.regions.map((r) => ({ ...r, lon: r.lon ?? null, lat: r.lat ?? null })) },
  }));

  app.get(`${B}/config`, { config: { access: read }, schema: { tags, summary: 'The regional collaboration: its name, home country and regions (the default when the centre set none)', params: ZCentreParams, response: { 200: ZRegionalConfig, ...errors } } }, async (request) => coop.getConfig(serviceContext(request), request.params.centreId));
  app.put(`${B}/config`, { config: { access: manage }, schema: { tags, summary: 'Set the regional collaboration (send the version you saw, null while on the default); a region records use cannot be dropped', params: ZCentreParams, body: ZRegionalConfigInput, response: { 200: ZRegionalConfig, ...errors } } }, async (request) => coop.putConfig(serviceContext(request), request.params.centreId, request.body));

  app.get(`${B}/statistics`, { config: { access: read }, schema: { tags, summary: 'Regional records by year and kind, flows between regions, international cooperation by partner country, and published figures beside them', params: ZCentreParams, response: { 200: ZCooperationStatistics, ...errors } } }, async (request) => coop.cooperationStatistics(serviceContext(request), request.params.centreId));

  app.get(`${B}/joint-labs`, { config: { access: read }, schema: { tags, summary: 'Joint laboratories with their local and foreign partners', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZJointLab) }), ...errors } } }, async (request) => ({ items: await coop.listLabs(serviceContext(request), request.params.centreId) }));
  app.post(`${B}/joint-labs`, { config: { access: manage }, schema: { tags, summary: 'Record a joint laboratory (at least one local and one foreign partner)', params: ZCentreParams, body: ZJointLabInput, response: { 201: ZJointLab, ...errors } } }, async (request, reply) => reply.status(201).send(await coop.createLab(serviceContext(request), request.params.centreId, request.body)));
  app.put(`${B}/joint-labs/:id`, { config: { access: manage }, schema: { tags, summary: 'Change a joint laboratory (send the version you saw)', params: ZItemParams, body: ZJointLabInput.extend(ZVersion), response: { 200: ZJointLab, ...errors } } }, async (request) => coop.updateLab(serviceContext(request), request.params.centreId, request.params.id, request.body));
  app.delete(`${B}/joint-labs/:id`, { config: { access: manage }, schema: { tags, summary: 'Delete a joint laboratory', params: ZItemParams, response: noContent } }, async (request, reply) => {
    await coop.deleteLab(serviceContext(request), request.params.centreId, request.params.id);
    return reply.status(204).send(null);
  });

  app.get(`${B}/hosted-organisations`, { config: { access: read }, schema: { tags, summary: 'International S&T organisations the centre hosts', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZHostedOrg) }), ...errors } } }, async (request) => ({ items: await coop.listHosted(serviceContext(request), request.params.centreId) }));
  app.post(`${B}/hosted-organisations`, { config: { access: manage }, schema: { tags, summary: 'Record a hosted international organisation', params: ZCentreParams, body: ZHostedOrgInput, response: { 201: ZHostedOrg, ...errors } } }, async (request, reply) => reply.status(201).send(await coop.createHosted(serviceContext(request), request.params.centreId, request.body)));
  app.put(`${B}/hosted-organisations/:id`, { config: { access: manage }, schema: { tags, summary: 'Change a hosted organisation (send the version you saw)', params: ZItemParams, body: ZHostedOrgInput.extend(ZVersion), response: { 200: ZHostedOrg, ...errors } } }, async (request) => coop.updateHosted(serviceContext(request), request.params.centreId, request.params.id, request.body));
  app.delete(`${B}/hosted-organisations/:id`, { config: { access: manage }, schema: { tags, summary: 'Delete a hosted organisation', params: ZItemParams, response: noContent } }, async (request, reply) => {
    await coop.deleteHosted(serviceContext(request), request.params.centreId, request.params.id);
    return reply.status(204).send(null);
  });

  app.get(`${B}/agreements`, { config: { access: read }, schema: { tags, summary: 'Cooperation agreements with their parties and countries', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZAgreement) }), ...errors } } }, async (request) => ({ items: await coop.listAgreements(serviceContext(request), request.params.centreId) }));
  app.post(`${B}/agreements`, { config: { access: manage }, schema: { tags, summary: 'Record a cooperation agreement (parties, countries, date, subject)', params: ZCentreParams, body: ZAgreementInput, response: { 201: ZAgreement, ...errors } } }, async (request, reply) => reply.status(201).send(await coop.createAgreement(serviceContext(request), request.params.centreId, request.body)));
  app.put(`${B}/agreements/:id`, { config: { access: manage }, schema: { tags, summary: 'Change an agreement (send the version you saw)', params: ZItemParams, body: ZAgreementInput.extend(ZVersion), response: { 200: ZAgreement, ...errors } } }, async (request) => coop.updateAgreement(serviceContext(request), request.params.centreId, request.params.id, request.body));
  app.delete(`${B}/agreements/:id`, { config: { access: manage }, schema: { tags, summary: 'Delete an agreement', params: ZItemParams, response: noContent } }, async (request, reply) => {
    await coop.deleteAgreement(serviceContext(request), request.params.centreId, request.params.id);
    return reply.status(204).send(null);
  });

  app.get(`${B}/regional-records`, { config: { access: read }, schema: { tags, summary: 'Regional collaboration records (projects, technology contracts, relocations), newest first', params: ZCentreParams, querystring: ZRegionalRecordQuery, response: { 200: z.object({ items: z.array(ZRegionalRecord), total: z.number() }), ...errors } } }, async (request) => coop.listRegional(serviceContext(request), request.params.centreId, request.query));
  app.post(`${B}/regional-records`, { config: { access: manage }, schema: { tags, summary: 'Record a project, technology contract or relocation from one region to another', params: ZCentreParams, body: ZRegionalRecordInput, response: { 201: ZRegionalRecord, ...errors } } }, async (request, reply) => reply.status(201).send(await coop.createRegional(serviceContext(request), request.params.centreId, request.body)));
  app.put(`${B}/regional-records/:id`, { config: { access: manage }, schema: { tags, summary: 'Change a regional record (send the version you saw)', params: ZItemParams, body: ZRegionalRecordInput.extend(ZVersion), response: { 200: ZRegionalRecord, ...errors } } }, async (request) => coop.updateRegional(serviceContext(request), request.params.centreId, request.params.id, request.body));
  app.delete(`${B}/regional-records/:id`, { config: { access: manage }, schema: { tags, summary: 'Delete a regional record', params: ZItemParams, response: noContent } }, async (request, reply) => {
    await coop.deleteRegional(serviceContext(request), request.params.centreId, request.params.id);
    return reply.status(204).send(null);
  });
};
