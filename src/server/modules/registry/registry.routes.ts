import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import {
  ZCorrection,
  ZCorrectionDecision,
  ZCorrectionInput,
  ZDuplicateCandidate,
  ZEntityInput,
  ZEntityPatch,
  ZEntityProfile,
  ZGraph,
  ZMergeRequest,
  ZPersonPrivate,
  ZRecognition,
  ZRecognitionInput,
  ZFact,
  ZFactInput,
  ZRelation,
  ZRelationInput,
  ZSearchQuery,
  ZSearchResult,
  ZVocabulary,
  ZVocabularyCode,
  ZVocabularyDomain,
  ZVocabularyTerm,
  ZVocabularyTermInput,
} from '../../../shared/schemas/registry.js';
import { asReadTx } from '../../../db/tx.js';
import { serviceContext } from '../../context.js';
import { decideOnCorrection, listCentreCorrections, proposeCorrection } from './corrections.service.js';
import { entityGraph } from './registry-graph.js';
import { searchEntities } from './registry-search.js';
import { loadVocabulary, saveVocabularyTerm } from './vocabulary.service.js';
import { addFact, addRecognition, assertCentreScope, createEntity, createRelation, findDuplicates, getProfile, mergeEntities, normaliseIdentifiers, removeRelation, setPersonal, updateEntity } from './registry.service.js';
import { getCentre } from '../centres/centres.service.js';

const ZEntityParams = ZCentreParams.extend({ entityId: ZId });
const ZCreated = z.object({ id: z.string(), version: z.number().int() });
const ZDuplicates = z.object({ duplicates: z.array(ZDuplicateCandidate) });

export const registryRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tx = asReadTx(app.kc.database.db);
  const tags = ['registry'];
  const write = { permission: 'registry:write' } as const;
  const errors = { 400: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };

  app.get('/api/centres/:centreId/search', { config: { access: 'public' }, schema: { tags, summary: 'Search all actors (Chinese, English, pinyin, partial names) with facets', params: ZCentreParams, querystring: ZSearchQuery, response: { 200: ZSearchResult, 400: ZErrorBodySchema } } }, async (request) =>
    searchEntities(tx, request.params.centreId, request.query),
  );

  app.get('/api/centres/:centreId/vocabulary', { config: { access: 'public' }, schema: { tags, summary: 'The kinds and recognitions this centre knows: built-in codes and its own labelled terms', params: ZCentreParams, response: { 200: ZVocabulary, 404: ZErrorBodySchema } } }, async (request) => {
    await getCentre(tx, request.params.centreId); // an unknown centre is a 404, not the built-in lists
    return (await loadVocabulary(tx, request.params.centreId)).terms;
  });

  app.put(
    '/api/centres/:centreId/vocabulary/:domain/:code',
    {
      config: { access: { permission: 'centre:configure' } },
      schema: { tags, summary: "Add or relabel one of the centre's own kinds or recognitions (built-in codes are fixed)", params: ZCentreParams.extend({ domain: ZVocabularyDomain, code: ZVocabularyCode }), body: ZVocabularyTermInput, response: { 200: ZVocabularyTerm, ...errors } },
    },
    async (request) => {
      const ctx = serviceContext(request);
      assertCentreScope(ctx, request.params.centreId);
      return saveVocabularyTerm(ctx, request.params.centreId, request.params.domain, request.params.code, request.body);
    },
  );

  app.get('/api/centres/:centreId/entities/:entityId/profile', { config: { access: 'public' }, schema: { tags, summary: 'Everything known about one actor; personal fields only for roles that need them', params: ZEntityParams, response: { 200: ZEntityProfile, 404: ZErrorBodySchema } } }, async (request) =>
    getProfile(serviceContext(request), request.params.centreId, request.params.entityId),
  );

  app.get(
    '/api/centres/:centreId/entities/:entityId/graph',
    { config: { access: 'public' }, schema: { tags, summary: 'Relations around an actor, limited and clustered', params: ZEntityParams, querystring: z.object({ depth: z.coerce.number().int().min(1).max(3).default(2), maxNodes: z.coerce.number().int().min(5).max(200).default(60) }), response: { 200: ZGraph, 404: ZErrorBodySchema } } },
    async (request) => entityGraph(tx, request.params.centreId, request.params.entityId, request.query.depth, request.query.maxNodes),
  );

  app.post(
    '/api/centres/:centreId/entities',
    { config: { access: write }, schema: { tags, summary: 'Create an actor; 200 with duplicates (nothing written) when similar records exist, unless confirmNotDuplicate', params: ZCentreParams, body: ZEntityInput, response: { 201: ZCreated, 200: ZDuplicates, ...errors } } },
    async (request, reply) => {
      const result = await createEntity(serviceContext(request), request.params.centreId, request.body);
      if ('duplicates' in result) return reply.status(200).send({ duplicates: result.duplicates });
      return reply.status(201).send({ id: result.entity.id, version: result.entity.version });
    },
  );

  app.patch('/api/centres/:centreId/entities/:entityId', { config: { access: write }, schema: { tags, summary: 'Change an actor (send the version you saw)', params: ZEntityParams, body: ZEntityPatch, response: { 200: ZCreated, ...errors } } }, async (request) => {
    const row = await updateEntity(serviceContext(request), request.params.centreId, request.params.entityId, request.body);
    return { id: row.id, version: row.version };
  });

  app.post(
    '/api/centres/:centreId/duplicates',
    {
      config: { access: write },
      schema: { tags, summary: 'Records that look like this one (identifiers exact, names fuzzy)', params: ZCentreParams, body: z.object({ nameZh: z.string().max(200).nullable().default(null), nameEn: z.string().min(1).max(300), uscc: z.string().max(40).nullable().default(null), ror: z.string().max(60).nullable().default(null), orcid: z.string().max(60).nullable().default(null), excludeId: z.string().max(120).nullable().default(null) }), response: { 200: ZDuplicates, 400: ZErrorBodySchema } },
    },
    async (request) => {
      const { values } = normaliseIdentifiers(request.body);
      return { duplicates: await findDuplicates(tx, request.params.centreId, { nameZh: request.body.nameZh, nameEn: request.body.nameEn, ...values }, request.body.excludeId) };
    },
  );

  app.post(
    '/api/centres/:centreId/entities/:entityId/merge',
    { config: { access: write }, schema: { tags, summary: 'Merge a duplicate into this record; references move, history stays', params: ZEntityParams, body: ZMergeRequest, response: { 200: z.object({ id: z.string(), version: z.number().int(), repointed: z.record(z.string(), z.number()) }), ...errors } } },
    async (request) => {
      const { survivor, repointed } = await mergeEntities(serviceContext(request), request.params.centreId, request.params.entityId, request.body.duplicateId, request.body.note);
      return { id: survivor.id, version: survivor.version, repointed };
    },
  );

  app.post('/api/centres/:centreId/relations', { config: { access: write }, schema: { tags, summary: 'Record a dated, sourced relation', params: ZCentreParams, body: ZRelationInput, response: { 201: ZRelation, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await createRelation(serviceContext(request), request.params.centreId, request.body)),
  );

  app.delete('/api/centres/:centreId/relations/:relationId', { config: { access: write }, schema: { tags, summary: 'Remove a relation', params: ZCentreParams.extend({ relationId: z.string().max(200) }), response: { 204: z.null(), 404: ZErrorBodySchema } } }, async (request, reply) => {
    await removeRelation(serviceContext(request), request.params.centreId, request.params.relationId);
    return reply.status(204).send(null);
  });

  app.post(
    '/api/centres/:centreId/entities/:entityId/recognitions',
    { config: { access: write }, schema: { tags, summary: 'Add a dated recognition with its source', params: ZEntityParams, body: ZRecognitionInput, response: { 201: ZRecognition, ...errors } } },
    async (request, reply) => {
      const row = await addRecognition(serviceContext(request), request.params.centreId, request.params.entityId, request.body);
      return reply.status(201).send({ ...row, type: request.body.type });
    },
  );

  app.post(
    '/api/centres/:centreId/entities/:entityId/facts',
    { config: { access: write }, schema: { tags, summary: 'Add a size fact (employees, revenue, R&D expense) with year and source', params: ZEntityParams, body: ZFactInput, response: { 201: ZFact, ...errors } } },
    async (request, reply) => {
      const row = await addFact(serviceContext(request), request.params.centreId, request.params.entityId, request.body);
      return reply.status(201).send({ ...row, metric: request.body.metric });
    },
  );

  app.put(
    '/api/centres/:centreId/entities/:entityId/personal',
    { config: { access: { permission: 'people:private' } }, schema: { tags, summary: 'Set a person’s personal fields', params: ZEntityParams, body: ZPersonPrivate, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await setPersonal(serviceContext(request), request.params.centreId, request.params.entityId, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/centres/:centreId/entities/:entityId/corrections',
    { config: { access: { permission: 'registry:propose' } }, schema: { tags, summary: 'Propose a correction to my organisation’s profile', params: ZEntityParams, body: ZCorrectionInput, response: { 201: ZCorrection, ...errors } } },
    async (request, reply) => reply.status(201).send(await proposeCorrection(serviceContext(request), request.params.centreId, request.params.entityId, request.body)),
  );

  app.get(
    '/api/centres/:centreId/corrections',
    { config: { access: { permission: 'registry:review' } }, schema: { tags, summary: 'Proposed corrections', params: ZCentreParams, querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional() }), response: { 200: z.object({ items: z.array(ZCorrection) }) } } },
    async (request) => ({ items: await listCentreCorrections(serviceContext(request), request.params.centreId, request.query.status) }),
  );

  app.post(
    '/api/centres/:centreId/corrections/:correctionId/decision',
    { config: { access: { permission: 'registry:review' } }, schema: { tags, summary: 'Approve (apply) or reject a correction', params: ZCentreParams.extend({ correctionId: z.string().max(64) }), body: ZCorrectionDecision, response: { 200: ZCorrection, ...errors } } },
    async (request) => decideOnCorrection(serviceContext(request), request.params.centreId, request.params.correctionId, request.body.decision, request.body.note),
  );
};
