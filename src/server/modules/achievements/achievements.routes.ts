import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../../../shared/access.js';
import { ACCESS_DECISIONS, ACHIEVEMENT_STAGES, ACHIEVEMENT_STATES, AVAILABILITY_MODES, DEFAULT_GRANT_DAYS, NEED_STATES, TECHNICAL_FIELDS } from '../../../shared/achievements-vocabulary.js';
import {
  ZAccessDecision,
  ZAccessRequest,
  ZAccessRequestInput,
  ZAchievement,
  ZAchievementDetail,
  ZAchievementInput,
  ZAchievementList,
  ZAchievementListQuery,
  ZAchievementTransition,
  ZCallDraftInput,
  ZCallDraftResult,
  ZDetailView,
  ZMatches,
  ZNeed,
  ZNeedInput,
  ZNeedList,
  ZNeedListQuery,
  ZNeedTransition,
} from '../../../shared/schemas/achievements.js';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import { serviceContext } from '../../context.js';
import * as svc from './achievements.service.js';

/**
 * Achievements and technology needs over HTTP. The marketplace (list and
 * public summary) is open data; the confidential detail, the requests and
 * the read log need a session and are scoped by the service (404 to those
 * who may not know of them).
 */
export const achievementsRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['achievements'];
  const write = { anyOf: ['achievements:write', 'achievements:manage'] } as const satisfies Access;
  const needs = { anyOf: ['needs:post', 'achievements:manage'] } as const satisfies Access;
  const errors = { 400: ZErrorBodySchema, 401: ZErrorBodySchema, 403: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };
  const A = '/api/centres/:centreId/achievements';
  const N = '/api/centres/:centreId/technology-needs';
  const ZA = ZCentreParams.extend({ achievementId: ZId });
  const ZN = ZCentreParams.extend({ needId: ZId });
  const ZVersion = z.object({ version: z.number().int().min(1) });

  app.get('/api/achievements/vocabulary', { config: { access: 'public' }, schema: { tags, summary: 'Achievement states, stages, availability modes, technical fields, need states, access decisions', response: { 200: z.object({ states: z.array(z.string()), stages: z.array(z.string()), availability: z.array(z.string()), fields: z.array(z.string()), needStates: z.array(z.string()), decisions: z.array(z.string()), defaultGrantDays: z.number() }) } } }, async () => ({
    states: [...ACHIEVEMENT_STATES],
    stages: [...ACHIEVEMENT_STAGES],
    availability: [...AVAILABILITY_MODES],
    fields: [...TECHNICAL_FIELDS],
    needStates: [...NEED_STATES],
    decisions: [...ACCESS_DECISIONS],
    defaultGrantDays: DEFAULT_GRANT_DAYS,
  }));

  app.get(A, { config: { access: 'public' }, schema: { tags, summary: 'The achievements marketplace: published public summaries (search, field, TRL, availability); owners add their own with mine=true, officers every state', params: ZCentreParams, querystring: ZAchievementListQuery, response: { 200: ZAchievementList, ...errors } } }, async (request) =>
    svc.listAchievements(serviceContext(request), request.params.centreId, request.query),
  );
  app.post(A, { config: { access: write }, schema: { tags, summary: 'Record an achievement as a draft (a member of an owner, or an officer)', params: ZCentreParams, body: ZAchievementInput, response: { 201: ZAchievement, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await svc.createAchievement(serviceContext(request), request.params.centreId, request.body)),
  );
  app.get(`${A}/:achievementId`, { config: { access: 'public' }, schema: { tags, summary: 'An achievement’s public record and links; never the confidential detail', params: ZA, response: { 200: ZAchievement, ...errors } } }, async (request) =>
    svc.getAchievement(serviceContext(request), request.params.centreId, request.params.achievementId),
  );
  app.put(`${A}/:achievementId`, { config: { access: write }, schema: { tags, summary: 'Change an achievement (owners’ members or an officer; send the version you saw)', params: ZA, body: ZAchievementInput.and(ZVersion), response: { 200: ZAchievement, ...errors } } }, async (request) =>
    svc.updateAchievement(serviceContext(request), request.params.centreId, request.params.achievementId, request.body),
  );
  app.post(`${A}/:achievementId/transitions`, { config: { access: write }, schema: { tags, summary: 'Publish, withdraw or redraft an achievement', params: ZA, body: ZAchievementTransition, response: { 200: ZAchievement, ...errors } } }, async (request) =>
    svc.transitionAchievement(serviceContext(request), request.params.centreId, request.params.achievementId, request.body),
  );
  // A POST, not a GET: each reading writes a log entry, which a cross-site link or a prefetch must not be able to make (writes need the session's CSRF token).
  app.post(`${A}/:achievementId/detail-reads`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Read the confidential detail (owners’ members, officers, holders of a live grant); the reading is logged; 404 to anyone else', params: ZA, response: { 200: ZAchievementDetail, ...errors } } }, async (request) =>
    svc.readDetail(serviceContext(request), request.params.centreId, request.params.achievementId),
  );
  app.get(`${A}/:achievementId/access-requests`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Requests to read the detail: all for owners’ members and officers, one’s own for others', params: ZA, response: { 200: z.array(ZAccessRequest), ...errors } } }, async (request) =>
    svc.listAccessRequests(serviceContext(request), request.params.centreId, request.params.achievementId),
  );
  app.post(`${A}/:achievementId/access-requests`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Ask to read the confidential detail, accepting the confidentiality terms', params: ZA, body: ZAccessRequestInput, response: { 201: ZAccessRequest, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await svc.requestAccess(serviceContext(request), request.params.centreId, request.params.achievementId, request.body)),
  );
  app.post(`${A}/:achievementId/access-requests/:requestId/decision`, { config: { access: { permission: 'achievements:write' } }, schema: { tags, summary: 'Grant, refuse (with a reason) or revoke a request (a member of an owner)', params: ZA.extend({ requestId: ZId }), body: ZAccessDecision, response: { 200: ZAccessRequest, ...errors } } }, async (request) =>
    svc.decideAccess(serviceContext(request), request.params.centreId, request.params.achievementId, request.params.requestId, request.body),
  );
  app.get(`${A}/:achievementId/detail-views`, { config: { access: write }, schema: { tags, summary: 'Who read the confidential detail, when and under which grant (owners’ members, officers)', params: ZA, response: { 200: z.array(ZDetailView), ...errors } } }, async (request) =>
    svc.listDetailViews(serviceContext(request), request.params.centreId, request.params.achievementId),
  );

  app.get(N, { config: { access: needs }, schema: { tags, summary: 'Technology needs: every one for officers, one’s own enterprise’s for its members', params: ZCentreParams, querystring: ZNeedListQuery, response: { 200: ZNeedList, ...errors } } }, async (request) =>
    svc.listNeeds(serviceContext(request), request.params.centreId, request.query),
  );
  app.post(N, { config: { access: needs }, schema: { tags, summary: 'Post a technology need for one’s enterprise (or an officer on its behalf)', params: ZCentreParams, body: ZNeedInput, response: { 201: ZNeed, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await svc.createNeed(serviceContext(request), request.params.centreId, request.body)),
  );
  app.get(`${N}/:needId`, { config: { access: needs }, schema: { tags, summary: 'A technology need (its enterprise’s members, officers)', params: ZN, response: { 200: ZNeed, ...errors } } }, async (request) =>
    svc.getNeed(serviceContext(request), request.params.centreId, request.params.needId),
  );
  app.put(`${N}/:needId`, { config: { access: needs }, schema: { tags, summary: 'Change an open need (send the version you saw)', params: ZN, body: ZNeedInput.and(ZVersion), response: { 200: ZNeed, ...errors } } }, async (request) =>
    svc.updateNeed(serviceContext(request), request.params.centreId, request.params.needId, request.body),
  );
  app.post(`${N}/:needId/transitions`, { config: { access: needs }, schema: { tags, summary: 'Mark matched, close or reopen a need', params: ZN, body: ZNeedTransition, response: { 200: ZNeed, ...errors } } }, async (request) =>
    svc.transitionNeed(serviceContext(request), request.params.centreId, request.params.needId, request.body),
  );
  app.get(`${N}/:needId/matches`, { config: { access: needs }, schema: { tags, summary: 'Published achievements ranked against the need, with each score’s parts (words, field, TRL)', params: ZN, querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }), response: { 200: ZMatches, ...errors } } }, async (request) =>
    svc.needMatches(serviceContext(request), request.params.centreId, request.params.needId, request.query.limit),
  );
  app.post(`${N}/:needId/call-draft`, { config: { access: needs }, schema: { tags, summary: 'Turn the need into a 揭榜挂帅 call draft owned by the enterprise (the centre’s latest unveil_list programme unless one is named)', params: ZN, body: ZCallDraftInput, response: { 201: ZCallDraftResult, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await svc.convertNeedToCall(serviceContext(request), request.params.centreId, request.params.needId, request.body)),
  );
};
