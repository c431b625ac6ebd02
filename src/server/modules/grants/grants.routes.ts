import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import { ZTransitionResult } from '../../../shared/schemas/calls.js';
import {
  GRANT_TRACKS,
  ZEvaluationInput,
  ZExpense,
  ZExpenseInput,
  ZFinalReportInput,
  ZFunding,
  ZFundingInput,
  ZFundingSummary,
  ZGrantApplicationInput,
  ZGrantCallInput,
  ZGrantCallSummary,
  ZGrantReviewInput,
  ZLedger,
  ZNegativeListInput,
  ZNegativeListVersion,
  ZOutputCommitments,
  ZProject,
  ZProjectRow,
  ZTrackRankingRow,
} from '../../../shared/schemas/grants.js';
import { serviceContext } from '../../context.js';
import * as grants from './grants.service.js';

const ZCallParams = ZCentreParams.extend({ callId: ZId });
const ZProjectParams = ZCentreParams.extend({ applicationId: ZId });

/**
 * Foundation grants over HTTP. The call's and the application's lifecycle
 * (publish, close, assign reviewers, award) stays on the calls routes; these
 * add the tracks, the review on a track's criteria, co-funding, the negative
 * list, the lump-sum ledger and the outputs-only final report.
 */
export const grantsRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['grants'];
  const manage = { permission: 'calls:manage' } as const;
  const apply = { permission: 'calls:apply' } as const;
  const errors = { 400: ZErrorBodySchema, 403: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };
  const C = '/api/centres/:centreId';

  app.get(`${C}/grant-calls`, { config: { access: 'public' }, schema: { tags, summary: 'Foundation grant calls with their review tracks (drafts and counts per track only for officers)', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZGrantCallSummary) }), 404: ZErrorBodySchema } } }, async (request) => ({
    items: await grants.listGrantCalls(serviceContext(request), request.params.centreId),
  }));
  app.post(`${C}/grant-calls`, { config: { access: manage }, schema: { tags, summary: 'Draft a grant call on a grant programme, with its tracks (free exploration, task-oriented), each with review and evaluation criteria', params: ZCentreParams, body: ZGrantCallInput, response: { 201: z.object({ id: z.string(), version: z.number().int() }), ...errors } } }, async (request, reply) => {
    const call = await grants.createGrantCall(serviceContext(request), request.params.centreId, request.body);
    return reply.status(201).send({ id: call.id, version: call.version });
  });
  app.get(`${C}/grant-calls/:callId`, { config: { access: 'public' }, schema: { tags, summary: 'A grant call with its tracks (the call itself is at /calls/:callId)', params: ZCallParams, response: { 200: ZGrantCallSummary, 404: ZErrorBodySchema } } }, async (request) =>
    grants.getGrantCall(serviceContext(request), request.params.centreId, request.params.callId),
  );
  app.post(`${C}/grant-calls/:callId/applications`, { config: { access: apply }, schema: { tags, summary: 'Start an application (draft) on one of the call’s tracks; submit it through /applications/:id/transitions', params: ZCallParams, body: ZGrantApplicationInput, response: { 201: z.object({ id: z.string(), version: z.number().int() }), ...errors } } }, async (request, reply) => {
    const row = await grants.applyToGrant(serviceContext(request), request.params.centreId, request.params.callId, request.body);
    return reply.status(201).send({ id: row.id, version: row.version });
  });
  app.get(`${C}/grant-calls/:callId/ranking`, { config: { access: manage }, schema: { tags, summary: 'Applications ranked within each track on that track’s review criteria', params: ZCallParams, response: { 200: z.object({ items: z.array(ZTrackRankingRow) }), ...errors } } }, async (request) => ({
    items: await grants.trackRanking(serviceContext(request), request.params.centreId, request.params.callId),
  }));
  app.put(`${C}/grant-reviews/:assignmentId`, { config: { access: { permission: 'calls:review' } }, schema: { tags, summary: 'Submit my score sheet for a grant application, on the criteria of the track it chose', params: ZCentreParams.extend({ assignmentId: ZId }), body: ZGrantReviewInput, response: { 200: ZTransitionResult.extend({ total: z.number(), track: z.enum(GRANT_TRACKS) }), ...errors } } }, async (request) =>
    grants.submitTrackReview(serviceContext(request), request.params.centreId, request.params.assignmentId, request.body),
  );

  app.get(`${C}/grant-projects`, { config: { access: { anyOf: ['calls:manage', 'calls:apply'] } }, schema: { tags, summary: 'Awarded grant projects: all for officers (with refused expense attempts), one’s own organisation’s for teams', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZProjectRow.extend({ rejectedAttempts: z.number().int().nullable() })) }), ...errors } } }, async (request) =>
    grants.listProjects(serviceContext(request), request.params.centreId),
  );
  app.get(`${C}/grant-projects/:applicationId`, { config: { access: { anyOf: ['calls:manage', 'calls:apply'] } }, schema: { tags, summary: 'A grant project: track, lump sum, co-funding, commitments, final report and evaluation (team, officers)', params: ZProjectParams, response: { 200: ZProject, ...errors } } }, async (request) =>
    grants.getProject(serviceContext(request), request.params.centreId, request.params.applicationId),
  );
  app.post(`${C}/grant-projects/:applicationId/funding`, { config: { access: manage }, schema: { tags, summary: 'Record a co-funding source of a project (level, fiscal or external, funder, amount, year)', params: ZProjectParams, body: ZFundingInput, response: { 201: ZFunding, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await grants.addFunding(serviceContext(request), request.params.centreId, request.params.applicationId, request.body)),
  );
  app.put(`${C}/grant-projects/:applicationId/commitments`, { config: { access: { anyOf: ['calls:manage', 'calls:apply'] } }, schema: { tags, summary: 'Declare the outputs the project commits to, once, at award (team, officers)', params: ZProjectParams, body: z.object({ commitments: ZOutputCommitments, version: z.number().int().min(1) }), response: { 200: z.object({ version: z.number().int() }), ...errors } } }, async (request) =>
    grants.declareCommitments(serviceContext(request), request.params.centreId, request.params.applicationId, request.body.commitments, request.body.version),
  );
  app.get(`${C}/grant-projects/:applicationId/ledger`, { config: { access: { anyOf: ['calls:manage', 'calls:apply'] } }, schema: { tags, summary: 'The lump-sum ledger: accepted expenses with the balance, refused attempts (counted for the team, listed for officers)', params: ZProjectParams, response: { 200: ZLedger, ...errors } } }, async (request) =>
    grants.getLedger(serviceContext(request), request.params.centreId, request.params.applicationId),
  );
  app.post(
    `${C}/grant-projects/:applicationId/expenses`,
    { config: { access: apply }, schema: { tags, summary: 'Record an expense; a category on the negative list in force on its date, or an overspend, is refused at once (422) with the list version and item', params: ZProjectParams, body: ZExpenseInput, response: { 201: ZExpense, 422: ZErrorBodySchema, ...errors } } },
    async (request, reply) => reply.status(201).send(await grants.recordExpense(serviceContext(request), request.params.centreId, request.params.applicationId, request.body)),
  );
  app.put(`${C}/grant-projects/:applicationId/final-report`, { config: { access: apply }, schema: { tags, summary: 'Submit (or, before evaluation, replace) the outputs-only final report: papers, patents, datasets, talents trained', params: ZProjectParams, querystring: z.object({ version: z.coerce.number().int().min(1).optional() }), body: ZFinalReportInput, response: { 200: z.object({ version: z.number().int(), outputs: z.number().int(), linkedPatents: z.number().int() }), ...errors } } }, async (request) =>
    grants.submitFinalReport(serviceContext(request), request.params.centreId, request.params.applicationId, request.body, request.query.version),
  );
  app.post(`${C}/grant-projects/:applicationId/evaluation`, { config: { access: manage }, schema: { tags, summary: 'Evaluate the final report on the track’s end-of-project criteria', params: ZProjectParams, body: ZEvaluationInput, response: { 200: z.object({ total: z.number(), version: z.number().int() }), ...errors } } }, async (request) =>
    grants.evaluateReport(serviceContext(request), request.params.centreId, request.params.applicationId, { scores: request.body.scores, comments: request.body.comments }, request.body.version),
  );

  app.get(`${C}/grant-funding`, { config: { access: 'public' }, schema: { tags, summary: 'Fiscal and external co-funding per programme and year from the records, with the records behind each figure, beside the published figures', params: ZCentreParams, response: { 200: ZFundingSummary, 404: ZErrorBodySchema } } }, async (request) =>
    grants.fundingSummary(serviceContext(request), request.params.centreId),
  );
  app.get(`${C}/negative-lists`, { config: { access: 'public' }, schema: { tags, summary: 'Every version of the negative list of forbidden expenditure, newest first, with the one in force today', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZNegativeListVersion) }), 404: ZErrorBodySchema } } }, async (request) => ({
    items: await grants.listNegativeLists(serviceContext(request), request.params.centreId),
  }));
  app.post(`${C}/negative-lists`, { config: { access: manage }, schema: { tags, summary: 'Publish the next version of the negative list with its effective date (versions are never changed)', params: ZCentreParams, body: ZNegativeListInput, response: { 201: z.object({ id: z.string(), number: z.number().int(), effectiveFrom: z.string() }), ...errors } } }, async (request, reply) =>
    reply.status(201).send(await grants.publishNegativeList(serviceContext(request), request.params.centreId, request.body)),
  );
};
