import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAreaList, ZAreaMap, ZCentre, ZCentreList } from '../../../shared/schemas/centres.js';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import { ZAreaCounts, ZAreaCountsQuery, ZDashboard } from '../../../shared/schemas/dashboard.js';
import { ZEntityDetail, ZEntityListQuery, ZEntityPage } from '../../../shared/schemas/entities.js';
import { ZSource } from '../../../shared/schemas/sources.js';
import { asReadTx } from '../../../db/tx.js';
import { getAreaCounts, getAreaMap, getCentre, getDashboard, getEntity, listAreas, listCentres, listEntities, listSources } from './centres.service.js';

/** Open data: every route here is public and read-only. */
export const centresRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tx = asReadTx(app.kc.database.db);
  const config = { access: 'public' as const };
  const tags = ['centres (open data)'];
  const notFound = { 404: ZErrorBodySchema };

  app.get('/api/centres', { config, schema: { tags, summary: 'Innovation centres hosted here', response: { 200: ZCentreList } } }, async () => ({ items: await listCentres(tx) }));

  app.get('/api/centres/:centreId', { config, schema: { tags, summary: 'One centre', params: ZCentreParams, response: { 200: ZCentre, ...notFound } } }, async (request) =>
    getCentre(tx, request.params.centreId),
  );

  app.get('/api/centres/:centreId/areas', { config, schema: { tags, summary: 'The area hierarchy (city, districts, science cities, parks)', params: ZCentreParams, response: { 200: ZAreaList, ...notFound } } }, async (request) => ({
    items: await listAreas(tx, request.params.centreId),
  }));

  app.get('/api/centres/:centreId/map', { config, schema: { tags, summary: 'GeoJSON boundaries of the map areas', params: ZCentreParams, response: { 200: ZAreaMap, ...notFound } } }, async (request, reply) => {
    void reply.header('cache-control', 'public, max-age=300');
    return getAreaMap(tx, request.params.centreId);
  });

  app.get('/api/centres/:centreId/dashboard', { config: { ...config, publicCache: true }, schema: { tags, summary: 'Headline indicators and where the actors are', params: ZCentreParams, response: { 200: ZDashboard, ...notFound } } }, async (request) =>
    getDashboard(tx, request.params.centreId),
  );

  app.get(
    '/api/centres/:centreId/area-counts',
    { config, schema: { tags, summary: 'Actors per map area, optionally of one category, kind or recognition (tier)', params: ZCentreParams, querystring: ZAreaCountsQuery, response: { 200: ZAreaCounts, ...notFound } } },
    async (request) => getAreaCounts(tx, request.params.centreId, request.query),
  );

  app.get('/api/centres/:centreId/entities', { config, schema: { tags, summary: 'Actors and records, filtered and paged', params: ZCentreParams, querystring: ZEntityListQuery, response: { 200: ZEntityPage, ...notFound } } }, async (request) =>
    listEntities(tx, request.params.centreId, request.query),
  );

  app.get(
    '/api/centres/:centreId/entities/:entityId',
    { config, schema: { tags, summary: 'One record with the passages that support it', params: ZCentreParams.extend({ entityId: ZId }), response: { 200: ZEntityDetail, ...notFound } } },
    async (request) => getEntity(tx, request.params.centreId, request.params.entityId),
  );

  app.get('/api/centres/:centreId/sources', { config, schema: { tags, summary: 'Source documents', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZSource) }), ...notFound } } }, async (request) => ({
    items: await listSources(tx, request.params.centreId),
  }));
};
