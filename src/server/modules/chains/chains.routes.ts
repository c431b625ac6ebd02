import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import {
  ZAnalyticsQuery,
  ZCallDraft,
  ZCallDraftInput,
  ZChainAnalytics,
  ZChainDiff,
  ZChainDocument,
  ZChainImport,
  ZChainInnovationInput,
  ZChainInnovationLink,
  ZChainMapInput,
  ZChainMapSummary,
  ZChainMapView,
  ZChainPlacement,
  ZChainPlacementInput,
  ZChainPlacementPatch,
  ZChainSupply,
  ZChainSupplyInput,
  ZChainSupplyPatch,
  ZChainVersionInput,
  ZChainWarning,
  ZDiffQuery,
  ZVersionQuery,
  ZWhatIf,
  ZWhatIfInput,
} from '../../../shared/schemas/chains.js';
import { serviceContext } from '../../context.js';
import * as chains from './chains.service.js';
import { acceptSpreadsheets, XLSX_TYPE } from '../../tabular.http.js';
import { AppError } from '../../errors.js';
import { CHAIN_TEMPLATES } from './chain-templates.js';

const ZMapParams = ZCentreParams.extend({ mapId: ZId });
const ZSaved = z.object({ id: z.string(), version: z.number().int(), warnings: z.array(ZChainWarning) });

/**
 * Industry-chain maps (issue 8) over HTTP. Structure, placements, innovation
 * links and the aggregate analytics are public; supply rows naming a supplier
 * are filtered by the service; writes need chains:manage, except aggregated
 * supply shares an enterprise placed on a node submits itself.
 */
export const chainsRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['chains'];
  const manage = { permission: 'chains:manage' } as const;
  const errors = { 400: ZErrorBodySchema, 401: ZErrorBodySchema, 403: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };
  const C = '/api/centres/:centreId/chain-maps';
  const M = `${C}/:mapId`;
  // Workbooks arrive as the raw request body (JSON documents stay JSON).
  acceptSpreadsheets(app, 16 * 1024 * 1024);

  app.get('/api/chain-templates', { config: { access: 'public' }, schema: { tags, summary: 'The chain-map templates the platform ships (general domain knowledge, labelled as templates)', response: { 200: z.object({ items: z.array(z.object({ code: z.string(), clusterCode: z.string(), nameZh: z.string(), nameEn: z.string(), nodes: z.number().int() })) }) } } }, async () => ({
    items: Object.values(CHAIN_TEMPLATES).map((t) => ({ code: t.code, clusterCode: t.clusterCode, nameZh: t.nameZh, nameEn: t.nameEn, nodes: t.nodes.length })),
  }));
  app.get(C, { config: { access: 'public' }, schema: { tags, summary: 'The centre’s industry-chain maps', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZChainMapSummary) }), 404: ZErrorBodySchema } } }, async (request) => ({
    items: await chains.listMaps(serviceContext(request), request.params.centreId),
  }));
  app.post(C, { config: { access: manage }, schema: { tags, summary: 'Create a map with its first version (nodes and upstream → downstream links)', params: ZCentreParams, body: ZChainMapInput, response: { 201: ZSaved, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await chains.createMap(serviceContext(request), request.params.centreId, request.body)),
  );
  app.post(`${C}/from-template/:code`, { config: { access: manage }, schema: { tags, summary: 'Create a map from a platform template (general domain knowledge, labelled as a template)', params: ZCentreParams.extend({ code: ZId }), body: z.object({ isSample: z.boolean().default(false) }).default({ isSample: false }), response: { 201: ZSaved, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await chains.createFromTemplate(serviceContext(request), request.params.centreId, request.params.code, request.body)),
  );
  app.post(`${C}/import`, { config: { access: manage }, schema: { tags, summary: 'Import a map document (JSON, as exported) as a new map; every problem is refused at its path (nodes.3.id, supplies.2.share …)', params: ZCentreParams, body: ZChainImport, response: { 201: ZSaved.extend({ supplies: z.number().int() }), ...errors } } }, async (request, reply) =>
    reply.status(201).send(await chains.importMap(serviceContext(request), request.params.centreId, request.body)),
  );

  app.post(
    `${C}/import.xlsx`,
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Import a map workbook (.xlsx with map, nodes, links and supplies sheets, as exported) as a new map; every problem names its sheet and row',
        params: ZCentreParams,
        querystring: z.object({ sample: z.enum(['true', 'false']).default('false') }),
        response: { 201: ZSaved.extend({ supplies: z.number().int() }), ...errors, 413: ZErrorBodySchema, 415: ZErrorBodySchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('VALIDATION_FAILED', 'Send the workbook as the request body', { fields: [{ in: 'body', path: 'file', reason: 'empty', message: 'empty body' }] });
      return reply.status(201).send(await chains.importWorkbook(serviceContext(request), request.params.centreId, body, { isSample: request.query.sample === 'true' }));
    },
  );

  app.get(M, { config: { access: 'public' }, schema: { tags, summary: 'A map: its newest version or ?version=N, with placements and innovation links', params: ZMapParams, querystring: ZVersionQuery, response: { 200: ZChainMapView, 404: ZErrorBodySchema } } }, async (request) =>
    chains.getMap(serviceContext(request), request.params.centreId, request.params.mapId, request.query.version),
  );
  app.post(`${M}/versions`, { config: { access: manage }, schema: { tags, summary: 'Save the next version (send the version you saw; 409 if someone saved first)', params: ZMapParams, body: ZChainVersionInput, response: { 201: ZSaved, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await chains.saveVersion(serviceContext(request), request.params.centreId, request.params.mapId, request.body)),
  );
  app.get(`${M}/export`, { config: { access: 'public' }, schema: { tags, summary: 'One version as a JSON document, with the supply rows the caller may see', params: ZMapParams, querystring: ZVersionQuery, response: { 200: ZChainDocument, 404: ZErrorBodySchema } } }, async (request, reply) => {
    const doc = await chains.exportMap(serviceContext(request), request.params.centreId, request.params.mapId, request.query.version);
    void reply.header('content-disposition', `attachment; filename="chain-map-${request.params.mapId}-v${doc.version ?? ''}.json"`);
    return doc;
  });

  app.get(`${M}/export.xlsx`, { config: { access: 'public' }, schema: { tags, summary: 'One version as an Excel workbook (map, nodes, links, supplies), with the supply rows the caller may see', params: ZMapParams, querystring: ZVersionQuery } }, async (request, reply) => {
    const out = await chains.exportWorkbook(serviceContext(request), request.params.centreId, request.params.mapId, request.query.version);
    void reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename="chain-map-${request.params.mapId}-v${out.version ?? ''}.xlsx"`);
    return out.content;
  });

  const ZPlacementParams = ZMapParams.extend({ placementId: ZId });
  app.get(`${M}/placements`, { config: { access: 'public' }, schema: { tags, summary: 'Organisations placed on the newest version’s nodes, with role, capacity and registry location', params: ZMapParams, response: { 200: z.object({ items: z.array(ZChainPlacement) }), 404: ZErrorBodySchema } } }, async (request) => ({
    items: await chains.listPlacements(serviceContext(request), request.params.centreId, request.params.mapId),
  }));
  app.post(`${M}/placements`, { config: { access: manage }, schema: { tags, summary: 'Place a registry organisation on a node (chain master, key supplier, supplier, user)', params: ZMapParams, body: ZChainPlacementInput, response: { 201: ZChainPlacement, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await chains.addPlacement(serviceContext(request), request.params.centreId, request.params.mapId, request.body)),
  );
  app.patch(`${M}/placements/:placementId`, { config: { access: manage }, schema: { tags, summary: 'Change a placement’s role or capacity (send its version)', params: ZPlacementParams, body: ZChainPlacementPatch, response: { 200: ZChainPlacement, ...errors } } }, async (request) =>
    chains.updatePlacement(serviceContext(request), request.params.centreId, request.params.mapId, request.params.placementId, request.body),
  );
  app.delete(`${M}/placements/:placementId`, { config: { access: manage }, schema: { tags, summary: 'Remove a placement', params: ZPlacementParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await chains.removePlacement(serviceContext(request), request.params.centreId, request.params.mapId, request.params.placementId);
    return reply.status(204).send(null);
  });

  const ZSupplyParams = ZMapParams.extend({ supplyId: ZId });
  app.get(`${M}/supplies`, { config: { access: 'public' }, schema: { tags, summary: 'Supply rows: outside sources and aggregated shares for all; rows naming a supplier for officers, analysts and that supplier', params: ZMapParams, response: { 200: z.object({ items: z.array(ZChainSupply) }), 404: ZErrorBodySchema } } }, async (request) => ({
    items: await chains.listSupplies(serviceContext(request), request.params.centreId, request.params.mapId),
  }));
  app.post(`${M}/supplies`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Enter a share of a node’s supply (officers, analysts; an enterprise placed on the node: aggregated shares only); a node’s shares add up to at most 1', params: ZMapParams, body: ZChainSupplyInput, response: { 201: ZChainSupply, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await chains.addSupply(serviceContext(request), request.params.centreId, request.params.mapId, request.body)),
  );
  app.patch(`${M}/supplies/:supplyId`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Change a supply row (officers, analysts, or the enterprise that submitted it; send its version)', params: ZSupplyParams, body: ZChainSupplyPatch, response: { 200: ZChainSupply, ...errors } } }, async (request) =>
    chains.updateSupply(serviceContext(request), request.params.centreId, request.params.mapId, request.params.supplyId, request.body),
  );
  app.delete(`${M}/supplies/:supplyId`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Remove a supply row (officers, analysts, or the enterprise that submitted it)', params: ZSupplyParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await chains.removeSupply(serviceContext(request), request.params.centreId, request.params.mapId, request.params.supplyId);
    return reply.status(204).send(null);
  });

  const ZLinkParams = ZMapParams.extend({ linkId: ZId });
  app.get(`${M}/innovation-links`, { config: { access: 'public' }, schema: { tags, summary: 'Labs, universities, R&D institutions, achievements, IPC ranges and calls attached to nodes', params: ZMapParams, response: { 200: z.object({ items: z.array(ZChainInnovationLink) }), 404: ZErrorBodySchema } } }, async (request) => ({
    items: await chains.listInnovationLinks(serviceContext(request), request.params.centreId, request.params.mapId),
  }));
  app.post(`${M}/innovation-links`, { config: { access: manage }, schema: { tags, summary: 'Attach who can innovate at a node', params: ZMapParams, body: ZChainInnovationInput, response: { 201: ZChainInnovationLink, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await chains.addInnovationLink(serviceContext(request), request.params.centreId, request.params.mapId, request.body)),
  );
  app.delete(`${M}/innovation-links/:linkId`, { config: { access: manage }, schema: { tags, summary: 'Detach an innovation link', params: ZLinkParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await chains.removeInnovationLink(serviceContext(request), request.params.centreId, request.params.mapId, request.params.linkId);
    return reply.status(204).send(null);
  });

  app.get(`${M}/analytics`, { config: { access: 'public' }, schema: { tags, summary: 'Per node: suppliers, local and foreign shares, HHI, flags and the chokepoint score with its components; per chain: completeness, chokepoints, local share. Weights from the query, else the map’s, else the defaults; the ones used are returned', params: ZMapParams, querystring: ZAnalyticsQuery, response: { 200: ZChainAnalytics, ...errors } } }, async (request) =>
    chains.chainAnalytics(serviceContext(request), request.params.centreId, request.params.mapId, request.query),
  );
  app.post(`${M}/what-if`, { config: { access: 'public' }, schema: { tags, summary: 'Remove a supplier, a region or a country: which nodes and placed organisations are exposed downstream, and how much', params: ZMapParams, body: ZWhatIfInput, response: { 200: ZWhatIf, ...errors } } }, async (request) =>
    chains.whatIf(serviceContext(request), request.params.centreId, request.params.mapId, request.body),
  );
  app.get(`${M}/diff`, { config: { access: 'public' }, schema: { tags, summary: 'What changed between two versions: nodes, links and the supply rows the caller may see', params: ZMapParams, querystring: ZDiffQuery, response: { 200: ZChainDiff, ...errors } } }, async (request) =>
    chains.diffVersions(serviceContext(request), request.params.centreId, request.params.mapId, request.query.from, request.query.to),
  );
  app.post(`${M}/nodes/:nodeId/call-draft`, { config: { access: { permission: 'calls:manage' } }, schema: { tags, summary: 'Draft a 揭榜挂帅 call from a node: its gap as the problem, its innovation links as candidate teams, the chain master as owner', params: ZMapParams.extend({ nodeId: ZId }), body: ZCallDraftInput, response: { 201: ZCallDraft, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await chains.draftCallFromNode(serviceContext(request), request.params.centreId, request.params.mapId, request.params.nodeId, request.body)),
  );
};
