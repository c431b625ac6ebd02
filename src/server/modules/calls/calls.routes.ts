import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { applicationWorkflow, assignmentWorkflow, callWorkflow, describeMachine, milestoneWorkflow } from '../../../core/workflow/index.js';
import { ZCentreParams, ZErrorBodySchema, ZId } from '../../../shared/schemas/common.js';
import {
  ZAttachment,
  ZExpertPatch,
  ZTaskAgreement,
  APPLICATION_ACTIONS,
  ASSIGNMENT_ACTIONS,
  CALL_ACTIONS,
  MILESTONE_ACTIONS,
  ZAcceptanceResultsInput,
  ZApplication,
  ZApplicationInput,
  ZApplicationPatch,
  ZApplicationRow,
  ZAssignInput,
  ZAssignment,
  ZAutoAssignResult,
  ZCalibrationRow,
  ZCall,
  ZCallInput,
  ZCallListQuery,
  ZCallPatch,
  ZCallSummary,
  ZEvidenceItem,
  ZExpert,
  ZExpertInput,
  ZNotification,
  ZOpenResultPage,
  ZOpenResultsQuery,
  ZProgramme,
  ZProgrammeInput,
  ZRankingRow,
  ZReviewInput,
  ZTransitionInput,
  ZTransitionResult,
} from '../../../shared/schemas/calls.js';
import { serviceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import * as attachmentsService from './attachments.service.js';
import { MAX_ATTACHMENT_BYTES } from '../files/attachments.service.js';
import { acceptRawFiles, requireBytes, sendAttachment, ZFileQuery } from '../files/attachments.http.js';
import * as calls from './calls.service.js';
import * as review from './review.service.js';

const ZCallParams = ZCentreParams.extend({ callId: ZId });
const ZApplicationParams = ZCentreParams.extend({ applicationId: ZId });
const ZMilestoneParams = ZCentreParams.extend({ milestoneId: ZId });
const ZAssignmentParams = ZCentreParams.extend({ assignmentId: ZId });
const ZSaved = z.object({ id: z.string(), version: z.number().int() });
const ZWorkflow = z.object({ id: z.string(), states: z.array(z.string()), initial: z.string(), final: z.array(z.string()), transitions: z.array(z.object({ action: z.string(), from: z.array(z.string()), to: z.string(), roles: z.array(z.string()), guards: z.array(z.object({ id: z.string(), description: z.string() })) })) });

/**
 * The calls engine over HTTP. Each resource has one transition endpoint that
 * runs its core workflow, so guards live in one place; refusals come back as
 * 409 (state or guard, reasons as field issues) or 403 (role).
 */
export const callsRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['calls'];
  const manage = { permission: 'calls:manage' } as const;
  const apply = { permission: 'calls:apply' } as const;
  const reviewer = { permission: 'calls:review' } as const;
  const errors = { 400: ZErrorBodySchema, 403: ZErrorBodySchema, 404: ZErrorBodySchema, 409: ZErrorBodySchema };
  const C = '/api/centres/:centreId';
  // Attachments arrive as the raw request body, whatever type the browser names (the bytes decide).
  acceptRawFiles(app);

  app.get('/api/calls/workflows', { config: { access: 'public' }, schema: { tags, summary: 'The call, application, milestone and assignment workflows as data (states, transitions, roles, guards)', response: { 200: z.array(ZWorkflow) } } }, async () =>
    [callWorkflow, applicationWorkflow, milestoneWorkflow, assignmentWorkflow].map((m) => describeMachine(m as never)),
  );

  // programmes
  app.get(`${C}/call-programmes`, { config: { access: 'public' }, schema: { tags, summary: 'Programmes (揭榜挂帅, scenario calls, grants …)', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZProgramme) }) } } }, async (request) => ({
    items: (await calls.listProgrammes(serviceContext(request), request.params.centreId)) as z.infer<typeof ZProgramme>[],
  }));
  app.put(`${C}/call-programmes/:programmeId`, { config: { access: manage }, schema: { tags, summary: "Redefine a programme; its review settings only while none of its calls is published", params: ZCentreParams.extend({ programmeId: ZId }), body: ZProgrammeInput, response: { 200: ZProgramme, ...errors } } }, async (request) =>
    (await calls.updateProgramme(serviceContext(request), request.params.centreId, request.params.programmeId, request.body)) as z.infer<typeof ZProgramme>,
  );
  app.post(`${C}/call-programmes`, { config: { access: manage }, schema: { tags, summary: 'Create a programme with its review settings and scoring form', params: ZCentreParams, body: ZProgrammeInput, response: { 201: ZProgramme, ...errors } } }, async (request, reply) =>
    reply.status(201).send((await calls.createProgramme(serviceContext(request), request.params.centreId, request.body)) as z.infer<typeof ZProgramme>),
  );

  // calls
  app.get(`${C}/calls`, { config: { access: 'public', publicCache: true }, schema: { tags, summary: 'Calls, filterable by field, chain position, TRL, state (drafts only for officers)', params: ZCentreParams, querystring: ZCallListQuery, response: { 200: z.object({ total: z.number().int(), items: z.array(ZCallSummary) }), 400: ZErrorBodySchema, 404: ZErrorBodySchema } } }, async (request) =>
    calls.listCalls(serviceContext(request), request.params.centreId, request.query),
  );
  app.post(`${C}/calls`, { config: { access: manage }, schema: { tags, summary: 'Draft a call with its demand owner and typed acceptance criteria', params: ZCentreParams, body: ZCallInput, response: { 201: ZSaved, ...errors } } }, async (request, reply) => {
    const row = await calls.createCall(serviceContext(request), request.params.centreId, request.body);
    return reply.status(201).send({ id: row.id, version: row.version });
  });
  app.get(`${C}/calls/:callId`, { config: { access: 'public' }, schema: { tags, summary: 'A call with criteria, frozen terms, public change log and what you may do next', params: ZCallParams, response: { 200: ZCall, 404: ZErrorBodySchema } } }, async (request) =>
    calls.getCall(serviceContext(request), request.params.centreId, request.params.callId),
  );
  app.patch(`${C}/calls/:callId`, { config: { access: manage }, schema: { tags, summary: 'Change a call (send the version you saw); after publication only with a public note, terms stay frozen', params: ZCallParams, body: ZCallPatch, response: { 200: ZSaved, ...errors } } }, async (request) => {
    const row = await calls.updateCall(serviceContext(request), request.params.centreId, request.params.callId, request.body);
    return { id: row.id, version: row.version };
  });
  app.post(`${C}/calls/:callId/transitions`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Move a call through its workflow (officers; the demand owner for its own steps)', params: ZCallParams, body: ZTransitionInput(CALL_ACTIONS), response: { 200: ZTransitionResult, ...errors } } }, async (request) =>
    calls.transitionCall(serviceContext(request), request.params.centreId, request.params.callId, request.body),
  );
  app.put(`${C}/calls/:callId/acceptance-results`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Record measured results against the acceptance criteria (officers, demand owner)', params: ZCallParams, body: ZAcceptanceResultsInput, response: { 200: z.object({ results: z.array(z.object({ criterionId: z.string(), value: z.number(), met: z.boolean() })) }), ...errors } } }, async (request) =>
    calls.recordAcceptanceResults(serviceContext(request), request.params.centreId, request.params.callId, request.body.results),
  );

  // applications
  app.post(`${C}/calls/:callId/applications`, { config: { access: apply }, schema: { tags, summary: 'Start a bid (draft) for my organisation', params: ZCallParams, body: ZApplicationInput, response: { 201: ZSaved, ...errors } } }, async (request, reply) => {
    const row = await calls.createApplication(serviceContext(request), request.params.centreId, request.params.callId, request.body);
    return reply.status(201).send({ id: row.id, version: row.version });
  });
  app.get(`${C}/calls/:callId/applications`, { config: { access: manage }, schema: { tags, summary: 'All applications to a call', params: ZCallParams, response: { 200: z.object({ items: z.array(ZApplicationRow) }), 404: ZErrorBodySchema } } }, async (request) =>
    calls.listCallApplications(serviceContext(request), request.params.centreId, request.params.callId),
  );
  app.get('/api/me/applications', { config: { access: apply }, schema: { tags, summary: 'My organisation’s applications', response: { 200: z.object({ items: z.array(ZApplicationRow) }) } } }, async (request) => calls.listMyApplications(serviceContext(request)));
  app.get(`${C}/applications/:applicationId`, { config: { access: 'authenticated' }, schema: { tags, summary: 'An application: for its team, officers, the demand owner after submission, and its assigned reviewers', params: ZApplicationParams, response: { 200: ZApplication, ...errors } } }, async (request) => {
    const ctx = serviceContext(request);
    return calls.getApplication(ctx, request.params.centreId, request.params.applicationId, (a) => review.isAssignedReviewer(ctx.db, ctx.user, a));
  });
  app.patch(`${C}/applications/:applicationId`, { config: { access: apply }, schema: { tags, summary: 'Autosave a draft (send the version you saw)', params: ZApplicationParams, body: ZApplicationPatch, response: { 200: ZSaved.extend({ savedAt: z.date() }), ...errors } } }, async (request) =>
    calls.updateApplication(serviceContext(request), request.params.centreId, request.params.applicationId, request.body),
  );
  app.post(`${C}/applications/:applicationId/transitions`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Move an application through its workflow (submit, eligibility, decisions, appeal …)', params: ZApplicationParams, body: ZTransitionInput(APPLICATION_ACTIONS), response: { 200: ZTransitionResult, ...errors } } }, async (request) =>
    calls.transitionApplication(serviceContext(request), request.params.centreId, request.params.applicationId, request.body),
  );

  app.get(`${C}/applications/:applicationId/agreement`, { config: { access: 'authenticated' }, schema: { tags, summary: 'The task agreement of an awarded bid, generated from the frozen call and the decided application (team, demand owner, officers)', params: ZApplicationParams, response: { 200: ZTaskAgreement, ...errors } } }, async (request) =>
    calls.getTaskAgreement(serviceContext(request), request.params.centreId, request.params.applicationId),
  );

  // milestones
  app.put(`${C}/milestones/:milestoneId/evidence`, { config: { access: apply }, schema: { tags, summary: 'Set the verification evidence of a milestone (descriptions and references)', params: ZMilestoneParams, body: z.object({ version: z.number().int().min(1), items: z.array(ZEvidenceItem).max(20) }), response: { 200: ZSaved, ...errors } } }, async (request) =>
    calls.setMilestoneEvidence(serviceContext(request), request.params.centreId, request.params.milestoneId, request.body.items, request.body.version),
  );
  app.post(`${C}/milestones/:milestoneId/transitions`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Move a milestone: submit evidence, accept or reject it (demand owner, officers), release the tranche', params: ZMilestoneParams, body: ZTransitionInput(MILESTONE_ACTIONS), response: { 200: ZTransitionResult, ...errors } } }, async (request) =>
    calls.transitionMilestone(serviceContext(request), request.params.centreId, request.params.milestoneId, request.body),
  );

  // attachments: raw bytes in, checked from the bytes; downloads for whoever may see the application
  const fileQuery = ZFileQuery;
  app.post(
    `${C}/applications/:applicationId/attachments`,
    { config: { access: apply }, bodyLimit: MAX_ATTACHMENT_BYTES + 1024, schema: { tags, summary: 'Attach a file to a draft bid (PDF, Office, images, text; ≤ 20 MB; type checked from the content)', params: ZApplicationParams, querystring: fileQuery, response: { 201: ZAttachment, ...errors, 413: ZErrorBodySchema } } },
    async (request, reply) => {
      const saved = await attachmentsService.uploadAttachment(serviceContext(request), request.params.centreId, { type: 'application', id: request.params.applicationId }, request.query.fileName, requireBytes(request.body));
      return reply.code(201).send(saved);
    },
  );
  app.post(
    `${C}/milestones/:milestoneId/attachments`,
    { config: { access: apply }, bodyLimit: MAX_ATTACHMENT_BYTES + 1024, schema: { tags, summary: 'Attach an evidence file to a milestone awaiting evidence', params: ZMilestoneParams, querystring: fileQuery, response: { 201: ZAttachment, ...errors, 413: ZErrorBodySchema } } },
    async (request, reply) => {
      const saved = await attachmentsService.uploadAttachment(serviceContext(request), request.params.centreId, { type: 'milestone', id: request.params.milestoneId }, request.query.fileName, requireBytes(request.body));
      return reply.code(201).send(saved);
    },
  );
  const ZAttachmentParams = ZCentreParams.extend({ attachmentId: ZId });
  app.get(`${C}/attachments/:attachmentId`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Download an attachment (served as a download, never rendered inline)', params: ZAttachmentParams } }, async (request, reply) => {
    const ctx = serviceContext(request);
    const canSee = async (applicationId: string) =>
      calls.getApplication(ctx, request.params.centreId, applicationId, (a) => review.isAssignedReviewer(ctx.db, ctx.user, a)).then(
        () => true,
        () => false,
      );
    const file = await attachmentsService.readAttachment(ctx, request.params.centreId, request.params.attachmentId, canSee);
    return sendAttachment(reply, file);
  });
  app.delete(`${C}/attachments/:attachmentId`, { config: { access: apply }, schema: { tags, summary: 'Remove an attachment while its bid or milestone is still editable', params: ZAttachmentParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await attachmentsService.deleteAttachment(serviceContext(request), request.params.centreId, request.params.attachmentId);
    return reply.code(204).send(null);
  });

  // experts and review
  app.get(`${C}/experts`, { config: { access: manage }, schema: { tags, summary: 'The expert pool with fields and current load', params: ZCentreParams, response: { 200: z.object({ items: z.array(ZExpert) }) } } }, async (request) => review.listExperts(serviceContext(request), request.params.centreId));
  app.post(`${C}/experts`, { config: { access: manage }, schema: { tags, summary: 'Add a registry person to the expert pool', params: ZCentreParams, body: ZExpertInput, response: { 201: ZSaved.omit({ version: true }), ...errors } } }, async (request, reply) =>
    reply.status(201).send({ id: (await review.addExpert(serviceContext(request), request.params.centreId, request.body)).id }),
  );
  app.patch(`${C}/experts/:expertId`, { config: { access: manage }, schema: { tags, summary: "Change an expert's fields, load limit, linked account, or pause them (active: false)", params: ZCentreParams.extend({ expertId: ZId }), body: ZExpertPatch, response: { 200: ZSaved.omit({ version: true }), ...errors } } }, async (request) => {
    const row = await review.updateExpert(serviceContext(request), request.params.centreId, request.params.expertId, request.body);
    return { id: row.id };
  });
  app.post(`${C}/calls/:callId/assignments/auto`, { config: { access: manage }, schema: { tags, summary: 'Assign experts by expertise and load, skipping detected conflicts (returned with evidence)', params: ZCallParams, response: { 200: ZAutoAssignResult, ...errors } } }, async (request) =>
    review.autoAssign(serviceContext(request), request.params.centreId, request.params.callId),
  );
  app.post(`${C}/calls/:callId/assignments`, { config: { access: manage }, schema: { tags, summary: 'Assign one expert; a conflict needs an override reason (audited)', params: ZCallParams, body: ZAssignInput, response: { 201: ZSaved.omit({ version: true }), ...errors } } }, async (request, reply) =>
    reply.status(201).send({ id: (await review.assignManually(serviceContext(request), request.params.centreId, request.params.callId, request.body)).id }),
  );
  app.get(`${C}/calls/:callId/assignments`, { config: { access: manage }, schema: { tags, summary: 'Assignments with conflict flags, overrides and recusals', params: ZCallParams, response: { 200: z.object({ items: z.array(ZAssignment) }), ...errors } } }, async (request) =>
    review.listAssignments(serviceContext(request), request.params.centreId, request.params.callId),
  );
  app.get('/api/me/assignments', { config: { access: reviewer }, schema: { tags, summary: 'My review assignments', response: { 200: z.object({ items: z.array(ZAssignment) }) } } }, async (request) => review.listMyAssignments(serviceContext(request)));
  app.put(`${C}/assignments/:assignmentId/review`, { config: { access: reviewer }, schema: { tags, summary: 'Submit my score sheet', params: ZAssignmentParams, body: ZReviewInput, response: { 200: ZTransitionResult.extend({ total: z.number() }), ...errors } } }, async (request) =>
    review.submitReview(serviceContext(request), request.params.centreId, request.params.assignmentId, request.body),
  );
  app.post(`${C}/assignments/:assignmentId/transitions`, { config: { access: 'authenticated' }, schema: { tags, summary: 'Recuse (reviewer or officer), reopen or reinstate (officer), with a reason', params: ZAssignmentParams, body: ZTransitionInput(ASSIGNMENT_ACTIONS), response: { 200: ZTransitionResult, ...errors } } }, async (request) =>
    review.transitionAssignment(serviceContext(request), request.params.centreId, request.params.assignmentId, request.body),
  );
  app.get(`${C}/calls/:callId/ranking`, { config: { access: manage }, schema: { tags, summary: 'Aggregated scores per application, ranked, ties flagged', params: ZCallParams, response: { 200: z.object({ items: z.array(ZRankingRow) }), ...errors } } }, async (request) =>
    review.ranking(serviceContext(request), request.params.centreId, request.params.callId),
  );
  app.get(`${C}/calls/:callId/calibration`, { config: { access: manage }, schema: { tags, summary: 'Each reviewer’s severity against the panel median', params: ZCallParams, response: { 200: z.object({ items: z.array(ZCalibrationRow) }), ...errors } } }, async (request) =>
    review.calibration(serviceContext(request), request.params.centreId, request.params.callId),
  );

  // inbox and open data
  app.get('/api/me/notifications', { config: { access: 'authenticated' }, schema: { tags, summary: 'My inbox', querystring: z.object({ unread: z.enum(['true', 'false']).default('false'), limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: z.object({ unread: z.number().int(), items: z.array(ZNotification) }), 400: ZErrorBodySchema } } }, async (request) =>
    calls.listMyNotifications(serviceContext(request), request.query.unread === 'true', request.query.limit),
  );
  app.post('/api/me/notifications/:notificationId/read', { config: { access: 'authenticated' }, schema: { tags, summary: 'Mark a notification read', params: z.object({ notificationId: ZId }), response: { 200: ZNotification, ...errors } } }, async (request) =>
    calls.readNotification(serviceContext(request), request.params.notificationId),
  );
  app.get(
    `${C}/open-data/call-results`,
    {
      config: { access: 'public', publicCache: true },
      schema: {
        tags,
        summary: 'Open data: awarded results (call, owner, winner, amount), newest award first, paged by cursor; optionally of one call',
        params: ZCentreParams,
        querystring: ZOpenResultsQuery,
        response: { 200: ZOpenResultPage, 400: ZErrorBodySchema },
      },
    },
    async (request) => calls.openResults(serviceContext(request), request.params.centreId, request.query),
  );
  app.get(
    `${C}/open-data/call-results/export`,
    { config: { access: 'public' }, schema: { tags, summary: 'Open data: the awarded results as a CSV or Excel file', params: ZCentreParams, querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }) } },
    async (request, reply) => {
      const { format } = request.query;
      const file = calls.exportOpenResults(serviceContext(request), request.params.centreId, format);
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="kechuang-call-results.${format}"`)
        .send(file);
    },
  );
};
