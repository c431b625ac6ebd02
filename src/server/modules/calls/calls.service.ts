import type { Readable } from 'node:stream';
import { isOrganisationCategory } from '../../../shared/schemas/entities.js';
import { createHash, randomUUID } from 'node:crypto';
import { listAttachmentsOf } from './attachments.service.js';
import { aggregate, buildTaskAgreement, criterionMet, evaluateEligibility, milestoneTimeline, trancheAmounts, validateForm, type Comparator, type ScoringForm } from '../../../core/calls/index.js';
import {
  applicationWorkflow,
  availableActions,
  callWorkflow,
  fire,
  milestoneWorkflow,
  type ApplicationAction,
  type ApplicationContext,
  type ApplicationRole,
  type ApplicationState,
  type Audience,
  type CallAction,
  type CallRole,
  type CallContext,
  type CallState,
  type MilestoneAction,
  type MilestoneContext,
  type MilestoneState,
  type Outcome,
  type WorkflowEffect,
} from '../../../core/workflow/index.js';
import { ROLE_PERMISSIONS, ROLES } from '../../../shared/access.js';
import type { FieldIssue } from '../../../shared/errors.js';
import {
  IP_TEMPLATES,
  type TApplication,
  type TApplicationInput,
  type TApplicationPatch,
  type TTaskAgreement,
  type TCall,
  type TCallInput,
  type TCallPatch,
  type TIpTemplate,
} from '../../../shared/schemas/calls.js';
import type { z } from 'zod';
import { OPEN_RESULTS_COUNT_CAP, type TOpenResult, type TOpenResultPage, type TOpenResultsQuery, type ZCallListQuery, type ZEvidenceItem, type ZProgrammeInput } from '../../../shared/schemas/calls.js';
import { canonicalJson } from '../../../db/audit-log.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';
import { readTogether, withReadTx, withWriteTx } from '../../../db/tx.js';
import type { ServiceContext, SessionUser } from '../../context.js';
import { AppError, bodyIssue as issue, invalidBody as invalid, staleVersion as stale } from '../../errors.js';
import { decodeCursor, encodeCursor } from '../../paging.js';
import { auditWrite as audit } from '../../audit.js';
import { streamTable } from '../../tabular.js';
import { applicationRoles, callRoles, isApplicant, isDemandOwner, isOfficer, milestoneRoles } from './calls.policy.js';
import * as repo from './calls.repository.js';
import type { ApplicationRow, CallRow, MilestoneRow, ProgrammeRow } from './calls.repository.js';
import { getCentre } from '../centres/centres.service.js';

// ---------------------------------------------------------------- helpers

/** A refused transition: the role → 403, the state or a guard → 409; each reason becomes a field issue. */
export const refusalError = (out: Extract<Outcome<string, string, WorkflowEffect>, { ok: false }>): AppError => {
  const fields = out.reasons.map((r) => issue(r.path ?? 'action', r.code, r.message, r.data ? { data: r.data } : {}));
  if (out.kind === 'role_not_allowed') return new AppError('FORBIDDEN', out.reasons[0]?.message ?? 'not allowed', { fields, refusal: out.kind });
  return new AppError('CONFLICT', `${out.action} refused: ${out.reasons.map((r) => r.message).join('; ')}`, { fields, refusal: out.kind });
};

const requireUser = (ctx: ServiceContext): SessionUser => {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx.user;
};
const assertCentre = (user: SessionUser, centreId: string): void => {
  if (user.centreId !== null && user.centreId !== centreId) throw new AppError('FORBIDDEN', `Your account belongs to centre ${user.centreId}`);
};


// ---------------------------------------------------------------- programmes
export const createProgramme = async (ctx: ServiceContext, centreId: string, input: z.infer<typeof ZProgrammeInput>): Promise<ProgrammeRow> => {
  const user = requireUser(ctx);
  assertCentre(user, centreId);
  const formIssues = validateForm(input.settings.form as ScoringForm);
  if (input.settings.minCompletedReviews > input.settings.minReviewers) formIssues.push({ code: 'min_completed_above_min_reviewers', message: 'minCompletedReviews cannot exceed minReviewers', path: 'minCompletedReviews' });
  if (formIssues.length) throw invalid(formIssues.map((i) => issue(`settings.${i.path === 'minCompletedReviews' ? i.path : `form.${i.path}`}`, i.code, i.message)));
  return withWriteTx(ctx.db, async (tx) => {
    const row = await repo.insertProgramme(tx, { ...input, id: randomUUID(), centreId, createdAt: ctx.now });
    await audit(tx, ctx, centreId, 'programme.create', 'call_programme', row.id, null, row);
    return row;
  });
};

/**
 * Redefine a programme (the whole input, as the form sends it). Its titles and
 * description may always change; its review settings only while none of its
 * calls has been published, so a review never runs under rules that moved.
 */
export const updateProgramme = async (ctx: ServiceContext, centreId: string, programmeId: string, input: z.infer<typeof ZProgrammeInput>): Promise<ProgrammeRow> => {
  const user = requireUser(ctx);
  assertCentre(user, centreId);
  const formIssues = validateForm(input.settings.form as ScoringForm);
  if (input.settings.minCompletedReviews > input.settings.minReviewers) formIssues.push({ code: 'min_completed_above_min_reviewers', message: 'minCompletedReviews cannot exceed minReviewers', path: 'minCompletedReviews' });
  if (formIssues.length) throw invalid(formIssues.map((i) => issue(`settings.${i.path === 'minCompletedReviews' ? i.path : `form.${i.path}`}`, i.code, i.message)));
  return withWriteTx(ctx.db, async (tx) => {
    const before = await repo.findProgramme(tx, programmeId);
    if (!before || before.centreId !== centreId) throw new AppError('NOT_FOUND', `No programme ${programmeId}`);
    if (canonicalJson(before.settings) !== canonicalJson(input.settings)) {
      if (await repo.programmeHasPublishedCalls(tx, programmeId)) throw new AppError('CONFLICT', 'A call of this programme is published: its review settings are fixed', { fields: [issue('settings', 'programme_in_use', 'review settings cannot change once a call is published')] });
    }
    const after = await repo.updateProgrammeRow(tx, programmeId, input);
    await audit(tx, ctx, centreId, 'programme.update', 'call_programme', programmeId, before, after);
    return after;
  });
};

export const listProgrammes = (ctx: ServiceContext, centreId: string): Promise<ProgrammeRow[]> => repo.listProgrammes(ctx.db, centreId);

// ---------------------------------------------------------------- calls
const checkOwner = async (tx: ReadTx, centreId: string, ownerEntityId: string): Promise<FieldIssue[]> => {
  const [owner] = await repo.findEntities(tx, [ownerEntityId]);
  if (!owner || owner.centreId !== centreId || owner.status !== 'active') return [issue('ownerEntityId', 'not_found', `no active record ${ownerEntityId} in this centre`)];
  if (!isOrganisationCategory(owner.category)) return [issue('ownerEntityId', 'not_an_organisation', 'the demand owner must be an organisation')];
  return [];
};

const criterionRows = (callId: string, list: TCallInput['acceptanceCriteria']) =>
  list.map((c, i) => ({ id: randomUUID(), callId, position: i, metric: c.metric, unit: c.unit, comparator: c.comparator, threshold: c.threshold, testMethod: c.testMethod }));

export const createCall = async (ctx: ServiceContext, centreId: string, input: TCallInput): Promise<CallRow> => withWriteTx(ctx.db, (tx) => createCallInTx(tx, ctx, centreId, input));

/**
 * Draft a call inside the caller's transaction, so that modules building on
 * the engine (scenario batches, technology needs turned into calls) write
 * their own records with the call or not at all.
 */
export const createCallInTx = async (tx: WriteTx, ctx: ServiceContext, centreId: string, input: TCallInput): Promise<CallRow> => {
  const user = requireUser(ctx);
  assertCentre(user, centreId);
  const programme = await repo.findProgramme(tx, input.programmeId);
  const issues: FieldIssue[] = [];
  if (!programme || programme.centreId !== centreId) issues.push(issue('programmeId', 'not_found', `no programme ${input.programmeId} in this centre`));
  issues.push(...(await checkOwner(tx, centreId, input.ownerEntityId)));
  if (issues.length) throw invalid(issues);
  const { acceptanceCriteria, deadline, ...fields } = input;
  const id = randomUUID();
  const row = await repo.insertCall(tx, { ...fields, id, centreId, deadline: deadline ? new Date(deadline) : null, state: 'draft', createdAt: ctx.now, updatedAt: ctx.now });
  await repo.replaceCriteria(tx, id, criterionRows(id, acceptanceCriteria));
  await audit(tx, ctx, centreId, 'call.create', 'call', id, null, { ...row, acceptanceCriteria });
  return row;
};

/** Fields that are terms: fixed once published (later changes are refused; the public log shows what did change). */
const FROZEN_AFTER_PUBLICATION = ['ipTemplate', 'paymentSchedule', 'acceptanceCriteria', 'eligibilityRules', 'budget', 'trlExpected', 'fieldCodes'] as const;
const EDITABLE_WHILE_OPEN = ['titleZh', 'titleEn', 'problem', 'chainPosition', 'deadline'] as const;

export const updateCall = async (ctx: ServiceContext, centreId: string, callId: string, patch: TCallPatch): Promise<CallRow> => {
  const user = requireUser(ctx);
  assertCentre(user, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const call = await repo.findCall(tx, centreId, callId);
    if (!call) throw new AppError('NOT_FOUND', `No call ${callId}`);
    if (call.version !== patch.version) throw stale('The call');
    const { version: _v, note, ...changes } = patch;
    const named = Object.keys(changes).filter((k) => (changes as Record<string, unknown>)[k] !== undefined);
    const state = call.state as CallState;
    const issues: FieldIssue[] = [];
    if (state === 'published') {
      for (const k of named) {
        if ((FROZEN_AFTER_PUBLICATION as readonly string[]).includes(k)) issues.push(issue(k, 'terms_frozen', `${k} was frozen at publication`));
        else if (!(EDITABLE_WHILE_OPEN as readonly string[]).includes(k)) issues.push(issue(k, 'not_editable', `${k} cannot change while the call is open`));
      }
      if (!note || note.length < 5) issues.push(issue('note', 'note_required', 'a published call changes only with a public note (at least 5 characters)'));
      if (changes.deadline !== undefined && (changes.deadline === null || (call.deadline && new Date(changes.deadline) < call.deadline))) issues.push(issue('deadline', 'deadline_shortened', 'a published deadline may be extended, never shortened or removed'));
    } else if (state === 'closed' || state === 'under_review') {
      for (const k of named) if (k !== 'decisionMemo') issues.push(issue(k, 'not_editable', `only the decision memo can change while the call is ${state}`));
    } else if (state !== 'draft' && state !== 'internal_review') {
      throw new AppError('CONFLICT', `a call that is ${state} cannot be edited`, { fields: [issue('state', 'not_editable', `the call is ${state}`)] });
    }
    if (issues.length) throw new AppError(issues.some((i) => i.reason === 'note_required' || i.reason === 'deadline_shortened') && issues.every((i) => i.reason === 'note_required' || i.reason === 'deadline_shortened') ? 'VALIDATION_FAILED' : 'CONFLICT', 'The change is not allowed; see details.fields', { fields: issues });
    const { acceptanceCriteria, deadline, ...rest } = changes;
    const set: Partial<CallRow> = { ...(rest as Partial<CallRow>), updatedAt: ctx.now };
    if (deadline !== undefined) set.deadline = deadline ? new Date(deadline) : null;
    const updated = await repo.updateCallRow(tx, call.id, call.version, set);
    if (!updated) throw stale('The call');
    if (acceptanceCriteria) await repo.replaceCriteria(tx, call.id, criterionRows(call.id, acceptanceCriteria));
    const diff = named.map((field) => ({ field, before: (call as Record<string, unknown>)[field] ?? null, after: (changes as Record<string, unknown>)[field] }));
    if (state === 'published') await repo.insertChangeLog(tx, { id: randomUUID(), callId: call.id, at: ctx.now, entry: 'changed', changes: diff, note });
    await audit(tx, ctx, centreId, 'call.update', 'call', call.id, { version: call.version }, { version: updated.version, changes: diff, note });
    return updated;
  });
};

/** States anyone may see; drafts and internal review only for officers and the demand owner. */
export const PUBLIC_CALL_STATES: readonly CallState[] = ['published', 'closed', 'under_review', 'awarded', 'in_execution', 'accepted', 'terminated'];

const canSeeCall = (user: SessionUser | null, call: CallRow): boolean => PUBLIC_CALL_STATES.includes(call.state as CallState) || isOfficer(user, call.centreId) || isDemandOwner(user, call);

const entityRef = (e: repo.EntityRef | undefined, id: string) => (e ? { id: e.id, nameZh: e.nameZh, nameEn: e.nameEn } : { id, nameZh: null, nameEn: id });

export const listCalls = async (ctx: ServiceContext, centreId: string, q: z.infer<typeof ZCallListQuery>) => {
  const states = isOfficer(ctx.user, centreId) ? [...callWorkflow.states] : PUBLIC_CALL_STATES;
  // An unknown centre is a 404, not an empty list; both queries run at once.
  const [, { rows, total }] = await Promise.all([getCentre(ctx.db, centreId), repo.listCalls(ctx.db, centreId, { ...q, states })]);
  const owners = new Map((await repo.findEntities(ctx.db, rows.map((r) => r.ownerEntityId))).map((e) => [e.id, e]));
  return { total, items: rows.map((r) => ({ ...r, state: r.state as CallState, owner: entityRef(owners.get(r.ownerEntityId), r.ownerEntityId) })) };
};

const callContext = async (tx: ReadTx, call: CallRow, programme: ProgrammeRow | undefined, now: Date, note: string | null): Promise<CallContext> => {
  const [criteria, apps, assignments] = await readTogether(tx, [() => repo.listCriteria(tx, call.id), () => repo.listApplicationsOfCall(tx, call.id), () => repo.listAssignmentsOfCall(tx, call.id)]);
  const milestones = await repo.listMilestones(tx, apps.map((a) => a.id));
  return {
    now,
    note,
    call: {
      title: call.titleEn,
      problem: call.problem,
      deadline: call.deadline,
      budget: call.budget,
      ipTemplate: call.ipTemplate,
      acceptanceCriteria: criteria,
      paymentSchedule: call.paymentSchedule,
      decisionMemo: call.decisionMemo,
      appealDeadline: call.appealDeadline,
    },
    applications: apps.map((a) => ({ id: a.id, state: a.state })),
    assignments: assignments.map((a) => ({ id: a.id, applicationId: a.applicationId, state: a.state as 'assigned' | 'completed' | 'recused' })),
    milestones: milestones.map((m) => ({ applicationId: m.applicationId, state: m.state })),
    criteriaResults: criteria.map((c, index) => ({ index, met: c.resultMet })),
    minReviewers: programme?.settings.minReviewers ?? 1,
  };
};

export const getCall = async (ctx: ServiceContext, centreId: string, callId: string): Promise<TCall> => {
  const call = await repo.findCall(ctx.db, centreId, callId);
  if (!call || !canSeeCall(ctx.user, call)) throw new AppError('NOT_FOUND', `No call ${callId}`);
  const programme = await repo.findProgramme(ctx.db, call.programmeId);
  const [criteria, log, owner] = await Promise.all([repo.listCriteria(ctx.db, call.id), repo.listChangeLog(ctx.db, call.id), repo.findEntities(ctx.db, [call.ownerEntityId])]);
  const roles = callRoles(ctx.user, call);
  const actions = roles.length ? availableActions(callWorkflow, call.state as CallState, roles, await callContext(ctx.db, call, programme, ctx.now, null)) : [];
  let panel: string[] | null = null;
  if (programme?.settings.discloseReviewers && ['awarded', 'in_execution', 'accepted'].includes(call.state)) {
    const assignments = await repo.listAssignmentsOfCall(ctx.db, call.id);
    const expertRows = await Promise.all([...new Set(assignments.filter((a) => a.state === 'completed').map((a) => a.expertId))].map((id) => repo.findExpert(ctx.db, id)));
    const people = await repo.findEntities(ctx.db, expertRows.flatMap((e) => (e ? [e.entityId] : [])));
    panel = people.map((p) => p.nameZh ?? p.nameEn).sort();
  }
  return {
    ...call,
    programmeKind: programme?.kind ?? 'unknown',
    state: call.state as CallState,
    owner: entityRef(owner[0], call.ownerEntityId),
    acceptanceCriteria: criteria,
    changeLog: log,
    panel,
    actions: actions.map((a) => ({ ...a, reasons: a.reasons.map((r) => ({ code: r.code, message: r.message, ...(r.path ? { path: r.path } : {}) })) })),
  };
};

// ---------------------------------------------------------------- effects
type Subject = { call: CallRow; application?: ApplicationRow; milestone?: MilestoneRow; subjectType: 'call' | 'application' | 'milestone' | 'assignment'; subjectId: string };
type Cascaded = { resource: string; id: string; from: string; to: string };

const rolesWith = (permission: 'calls:manage' | 'calls:apply'): string[] => ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));

const audienceUsers = async (tx: ReadTx, subject: Subject, audience: Audience): Promise<string[]> => {
  const { call, application } = subject;
  let users: repo.UserRef[] = [];
  switch (audience) {
    case 'officers':
      users = await repo.listUsersBy(tx, { roles: rolesWith('calls:manage') }, call.centreId);
      break;
    case 'demand_owner':
      users = await repo.listUsersBy(tx, { organisationIds: [call.ownerEntityId] }, call.centreId);
      break;
    case 'applicant':
    case 'applicants': {
      const apps = audience === 'applicant' && application ? [application] : (await repo.listApplicationsOfCall(tx, call.id)).filter((a) => a.state !== 'draft');
      users = await repo.listUsersBy(tx, { organisationIds: apps.flatMap((a) => (a.applicantOrgId ? [a.applicantOrgId] : [])), ids: apps.flatMap((a) => (a.createdBy ? [a.createdBy] : [])) }, call.centreId);
      users = users.filter((u) => rolesWith('calls:apply').includes(u.role));
      break;
    }
    case 'reviewers': {
      const assignments = application ? await repo.listAssignmentsOfApplication(tx, application.id) : await repo.listAssignmentsOfCall(tx, call.id);
      const ids = await readTogether(tx, [...new Set(assignments.filter((a) => a.state !== 'recused').map((a) => a.expertId))].map((id) => () => repo.findExpert(tx, id)));
      users = await repo.listUsersBy(tx, { ids: ids.flatMap((e) => (e?.userId ? [e.userId] : [])) }, call.centreId);
      break;
    }
    case 'matching_members': {
      const tags = [...new Set(call.fieldCodes.flatMap((f) => [f, f.split('.')[0] as string]))];
      const orgs = await repo.orgsWithTags(tx, call.centreId, tags);
      users = (await repo.listUsersBy(tx, { organisationIds: orgs }, call.centreId)).filter((u) => rolesWith('calls:apply').includes(u.role));
      break;
    }
  }
  return [...new Set(users.map((u) => u.id))];
};

/** Write notifications for the transition's `notify` effects (the actor gets one too: a receipt in their inbox). */
export const notify = async (tx: WriteTx, ctx: ServiceContext, subject: Subject, audience: Audience, template: string, note: string | null): Promise<void> => {
  const ids = await audienceUsers(tx, subject, audience);
  await repo.insertNotifications(
    tx,
    ids.map((userId) => ({
      id: randomUUID(),
      userId,
      centreId: subject.call.centreId,
      template,
      subjectType: subject.subjectType,
      subjectId: subject.subjectId,
      payload: { callId: subject.call.id, callTitle: subject.call.titleEn, callTitleZh: subject.call.titleZh, ...(subject.application ? { applicationId: subject.application.id, applicationTitle: subject.application.title } : {}), ...(note ? { note } : {}) },
      createdAt: ctx.now,
    })),
  );
};

const applyEffects = async (tx: WriteTx, ctx: ServiceContext, subject: Subject, effects: readonly WorkflowEffect[], note: string | null, cascaded: Cascaded[]): Promise<void> => {
  for (const e of effects) {
    switch (e.type) {
      case 'notify':
        await notify(tx, ctx, subject, e.audience, e.template, note);
        break;
      case 'change_log':
        await repo.insertChangeLog(tx, { id: randomUUID(), callId: subject.call.id, at: ctx.now, entry: e.entry, changes: [], note: e.entry === 'terminated' ? note : null });
        break;
      case 'cascade':
        if (e.resource === 'applications') {
          for (const app of await repo.listApplicationsOfCall(tx, subject.call.id)) {
            if (e.fromStates.includes(app.state)) await transitionApplicationInTx(tx, ctx, subject.call, app, e.action as ApplicationAction, ['system'], note ?? `cascade from call ${subject.call.state}`, {}, cascaded);
          }
        } else if (subject.application) {
          for (const m of await repo.listMilestones(tx, [subject.application.id])) {
            if (e.fromStates.includes(m.state)) await transitionMilestoneInTx(tx, ctx, subject.call, subject.application, m, e.action as MilestoneAction, ['system'], note ?? 'cancelled with the application', cascaded);
          }
        }
        break;
      case 'record_appeal':
        if (!subject.application) break;
        if (e.outcome === 'lodged') await repo.insertAppeal(tx, { id: randomUUID(), applicationId: subject.application.id, statement: note ?? '', lodgedAt: ctx.now, lodgedBy: ctx.actor.label });
        else await repo.answerOpenAppeal(tx, subject.application.id, { outcome: e.outcome, answer: note, answeredAt: ctx.now, answeredBy: ctx.actor.label });
        break;
      // stamp, freeze_terms and release_tranche are folded into the row update by the caller.
      default:
        break;
    }
  }
};

const stamps = (effects: readonly WorkflowEffect[], now: Date): Record<string, Date> =>
  Object.fromEntries(effects.filter((e): e is Extract<WorkflowEffect, { type: 'stamp' }> => e.type === 'stamp').map((e) => [e.field, now]));

// ---------------------------------------------------------------- call transitions
export const transitionCall = async (ctx: ServiceContext, centreId: string, callId: string, input: { action: CallAction; note: string | null }) => {
  requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const call = await repo.findCall(tx, centreId, callId);
    if (!call || !canSeeCall(ctx.user, call)) throw new AppError('NOT_FOUND', `No call ${callId}`);
    return transitionCallInTx(tx, ctx, call, input, callRoles(ctx.user, call));
  });
};

/** Fire a call transition for the given roles ('system' for the scheduler) inside the caller's transaction. */
export const transitionCallInTx = async (tx: WriteTx, ctx: ServiceContext, call: CallRow, input: { action: CallAction; note: string | null }, roles: CallRole[]) => {
  const centreId = call.centreId;
  const programme = await repo.findProgramme(tx, call.programmeId);
  const context = await callContext(tx, call, programme, ctx.now, input.note);
  const out = fire(callWorkflow, { state: call.state as CallState, action: input.action, roles, context });
  if (!out.ok) throw refusalError(out);
  const set: Partial<CallRow> = { state: out.to, updatedAt: ctx.now, ...stamps(out.effects, ctx.now) };
  if (out.effects.some((e) => e.type === 'freeze_terms') && call.ipTemplate) {
    set.frozenTerms = { ipTemplate: call.ipTemplate, ipText: IP_TEMPLATES[call.ipTemplate as TIpTemplate] ?? call.ipTemplate, paymentSchedule: call.paymentSchedule, frozenAt: ctx.now.toISOString() };
  }
  if (out.to === 'awarded') set.appealDeadline = new Date(ctx.now.getTime() + (programme?.settings.appealDays ?? 10) * 86_400_000);
  const updated = await repo.updateCallRow(tx, call.id, call.version, set);
  if (!updated) throw stale('The call');
  await audit(tx, ctx, centreId, `call.${input.action}`, 'call', call.id, { state: call.state }, { state: out.to, note: input.note, frozenTerms: set.frozenTerms ?? undefined });
  const cascaded: Cascaded[] = [];
  await applyEffects(tx, ctx, { call: updated, subjectType: 'call', subjectId: call.id }, out.effects, input.note, cascaded);
  return { id: call.id, from: out.from, to: out.to, version: updated.version, cascaded };
};

export const recordAcceptanceResults = async (ctx: ServiceContext, centreId: string, callId: string, results: { criterionId: string; value: number; note: string | null }[]) => {
  requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const call = await repo.findCall(tx, centreId, callId);
    if (!call || !canSeeCall(ctx.user, call)) throw new AppError('NOT_FOUND', `No call ${callId}`);
    if (callRoles(ctx.user, call).length === 0) throw new AppError('FORBIDDEN', 'Only officers and the demand owner record acceptance results');
    if (call.state !== 'in_execution') throw new AppError('CONFLICT', 'acceptance results are recorded while the call is in execution', { fields: [issue('state', 'call_not_in_execution', `the call is ${call.state}`)] });
    const criteria = await repo.listCriteria(tx, call.id);
    const issues = results.flatMap((r, i) => (criteria.some((c) => c.id === r.criterionId) ? [] : [issue(`results.${i}.criterionId`, 'not_found', `no criterion ${r.criterionId} on this call`)]));
    if (issues.length) throw invalid(issues);
    const out = [];
    for (const r of results) {
      const c = criteria.find((x) => x.id === r.criterionId) as repo.CriterionRow;
      const met = criterionMet({ comparator: c.comparator as Comparator, threshold: c.threshold }, r.value);
      await repo.updateCriterion(tx, c.id, { resultValue: r.value, resultMet: met, resultNote: r.note, resultAt: ctx.now });
      out.push({ criterionId: c.id, value: r.value, met });
    }
    await audit(tx, ctx, centreId, 'call.acceptance_results', 'call', call.id, null, { results: out });
    return { results: out };
  });
};

// ---------------------------------------------------------------- applications
type Team = { lead: string | null; partners: string[]; pi: string | null; members: string[] };

const teamOf = (members: repo.MemberRow[]): Team => ({
  lead: members.find((m) => m.role === 'lead')?.entityId ?? null,
  partners: members.filter((m) => m.role === 'partner').map((m) => m.entityId),
  pi: members.find((m) => m.role === 'pi')?.entityId ?? null,
  members: members.filter((m) => m.role === 'member').map((m) => m.entityId),
});

const checkTeam = async (tx: ReadTx, centreId: string, t: Partial<Team> & { excluded?: string[] | undefined }): Promise<FieldIssue[]> => {
  const ids = [t.lead, ...(t.partners ?? []), t.pi, ...(t.members ?? []), ...(t.excluded ?? [])].filter((x): x is string => !!x);
  const found = new Map((await repo.findEntities(tx, ids)).map((e) => [e.id, e]));
  const issues: FieldIssue[] = [];
  const check = (path: string, id: string, want: 'organisation' | 'person') => {
    const e = found.get(id);
    if (!e || e.centreId !== centreId || e.status !== 'active') issues.push(issue(path, 'not_found', `no active record ${id} in this centre`));
    else if (want === 'person' && e.category !== 'person') issues.push(issue(path, 'not_a_person', `${id} is not a person`));
    else if (want === 'organisation' && !isOrganisationCategory(e.category)) issues.push(issue(path, 'not_an_organisation', `${id} is not an organisation`));
  };
  if (t.lead) check('leadEntityId', t.lead, 'organisation');
  (t.partners ?? []).forEach((id, i) => check(`partnerEntityIds.${i}`, id, 'organisation'));
  if (t.pi) check('piEntityId', t.pi, 'person');
  (t.members ?? []).forEach((id, i) => check(`memberEntityIds.${i}`, id, 'person'));
  (t.excluded ?? []).forEach((id, i) => check(`excludedEntityIds.${i}`, id, 'organisation'));
  if (t.lead && (t.partners ?? []).includes(t.lead)) issues.push(issue('partnerEntityIds', 'lead_as_partner', 'the lead organisation is not also a partner'));
  if (t.excluded?.some((x) => x === t.lead || (t.partners ?? []).includes(x))) issues.push(issue('excludedEntityIds', 'excludes_own_team', 'a team cannot exclude its own organisations'));
  return issues;
};

const memberRows = (applicationId: string, t: Team): repo.MemberRow[] => {
  const rows: repo.MemberRow[] = [];
  const seen = new Set<string>();
  const add = (entityId: string | null, role: string) => {
    if (!entityId || seen.has(`${entityId}:${role}`)) return;
    seen.add(`${entityId}:${role}`);
    rows.push({ applicationId, entityId, role });
  };
  add(t.lead, 'lead');
  t.partners.forEach((p) => add(p, 'partner'));
  add(t.pi, 'pi');
  t.members.forEach((m) => add(m, 'member'));
  return rows;
};

const milestoneRows = (applicationId: string, list: TApplicationInput['milestones']) =>
  list.map((m, i) => ({ id: randomUUID(), applicationId, position: i, title: m.title, deliverable: m.deliverable, verification: m.verification, dueOn: m.dueOn, trancheShare: m.trancheShare, state: 'planned' }));

export const createApplication = async (ctx: ServiceContext, centreId: string, callId: string, input: TApplicationInput) => {
  const user = requireUser(ctx);
  assertCentre(user, centreId);
  if (!user.organisationId) throw new AppError('FORBIDDEN', 'Your account is not linked to an organisation that could apply');
  const call = await repo.findCall(ctx.db, centreId, callId);
  if (!call || !canSeeCall(user, call)) throw new AppError('NOT_FOUND', `No call ${callId}`);
  if (call.state !== 'published' || (call.deadline && ctx.now >= call.deadline)) throw new AppError('CONFLICT', 'the call is not open for bids', { fields: [issue('callId', 'call_not_open', `the call is ${call.state}`)] });
  const team: Team = { lead: input.leadEntityId ?? user.organisationId, partners: input.partnerEntityIds, pi: input.piEntityId, members: input.memberEntityIds };
  const issues = await checkTeam(ctx.db, centreId, { ...team, excluded: input.excludedEntityIds });
  if (team.lead !== user.organisationId) issues.push(issue('leadEntityId', 'not_your_organisation', 'you can bid only with your own organisation as lead'));
  if (issues.length) throw invalid(issues);
  return withWriteTx(ctx.db, async (tx) => {
    const id = randomUUID();
    const row = await repo.insertApplication(tx, {
      id,
      callId,
      state: 'draft',
      title: input.title,
      applicantOrgId: user.organisationId,
      createdBy: user.id,
      plan: input.plan,
      budget: input.budget,
      declarations: input.declarations,
      excludedEntityIds: input.excludedEntityIds,
      teamTrl: input.teamTrl,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await repo.replaceMembers(tx, id, memberRows(id, team));
    await repo.replaceMilestones(tx, id, milestoneRows(id, input.milestones));
    await audit(tx, ctx, centreId, 'application.create', 'call_application', id, null, { ...row, team, milestones: input.milestones });
    return row;
  });
};

const loadApplication = async (tx: ReadTx, centreId: string, applicationId: string): Promise<{ app: ApplicationRow; call: CallRow }> => {
  const app = await repo.findApplication(tx, applicationId);
  const call = app ? await repo.findCallById(tx, app.callId) : undefined;
  if (!app || !call || call.centreId !== centreId) throw new AppError('NOT_FOUND', `No application ${applicationId}`);
  return { app, call };
};

/** Draft autosave: send the version you saw; only the team, only while a draft. */
export const updateApplication = async (ctx: ServiceContext, centreId: string, applicationId: string, patch: TApplicationPatch) => {
  const user = requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const { app, call } = await loadApplication(tx, centreId, applicationId);
    if (!isApplicant(user, app)) throw new AppError('NOT_FOUND', `No application ${applicationId}`);
    if (app.state !== 'draft') throw new AppError('CONFLICT', 'only a draft can be edited', { fields: [issue('state', 'not_a_draft', `the application is ${app.state}`)] });
    if (app.version !== patch.version) throw stale('The application');
    const current = teamOf(await repo.listMembers(tx, [app.id]));
    const team: Team = {
      lead: patch.leadEntityId !== undefined ? patch.leadEntityId : current.lead,
      partners: patch.partnerEntityIds ?? current.partners,
      pi: patch.piEntityId !== undefined ? patch.piEntityId : current.pi,
      members: patch.memberEntityIds ?? current.members,
    };
    const issues = await checkTeam(tx, call.centreId, { ...team, excluded: patch.excludedEntityIds ?? app.excludedEntityIds });
    if (team.lead !== null && team.lead !== user.organisationId && team.lead !== current.lead) issues.push(issue('leadEntityId', 'not_your_organisation', 'you can bid only with your own organisation as lead'));
    if (issues.length) throw invalid(issues);
    const { version: _v, leadEntityId: _l, partnerEntityIds: _p, piEntityId: _pi, memberEntityIds: _m, milestones, ...fields } = patch;
    const updated = await repo.updateApplicationRow(tx, app.id, app.version, { ...fields, updatedAt: ctx.now });
    if (!updated) throw stale('The application');
    await repo.replaceMembers(tx, app.id, memberRows(app.id, team));
    if (milestones) await repo.replaceMilestones(tx, app.id, milestoneRows(app.id, milestones));
    await audit(tx, ctx, centreId, 'application.update', 'call_application', app.id, { version: app.version }, { version: updated.version, changed: Object.keys(patch).filter((k) => k !== 'version') });
    return { id: updated.id, version: updated.version, savedAt: ctx.now };
  });
};

const applicationContext = async (tx: ReadTx, call: CallRow, app: ApplicationRow, programme: ProgrammeRow | undefined, now: Date, note: string | null, awardAmount: number | null): Promise<ApplicationContext> => {
  const [members, assignments, milestones] = await readTogether(tx, [() => repo.listMembers(tx, [app.id]), () => repo.listAssignmentsOfApplication(tx, app.id), () => repo.listMilestones(tx, [app.id])]);
  const team = teamOf(members);
  const required = programme?.settings.requiredDeclarations ?? [];
  return {
    now,
    note,
    call: { state: call.state, deadline: call.deadline, appealDeadline: call.appealDeadline },
    application: {
      hasLead: team.lead !== null,
      hasPi: team.pi !== null,
      plan: app.plan,
      budgetTotal: app.budget.total,
      milestoneCount: milestones.length,
      declarationsMissing: required.filter((d) => app.declarations[d] !== true),
      appealCount: app.appealCount,
    },
    eligibility: app.eligibility ? { outcome: app.eligibility.outcome, reasons: app.eligibility.results.filter((r) => r.status !== 'pass').map((r) => ({ code: r.code, message: r.message })) } : null,
    assignments: assignments.map((a) => ({ id: a.id, state: a.state as 'assigned' | 'completed' | 'recused' })),
    minCompletedReviews: programme?.settings.minCompletedReviews ?? 1,
    milestones: milestones.map((m) => ({ id: m.id, state: m.state })),
    awardAmount,
  };
};

/** Run the call's eligibility rules over the registry's facts about the team. */
const checkEligibility = async (tx: ReadTx, call: CallRow, app: ApplicationRow) => {
  const team = teamOf(await repo.listMembers(tx, [app.id]));
  const orgs = new Map((await repo.findEntities(tx, [team.lead, ...team.partners].filter((x): x is string => !!x))).map((e) => [e.id, e]));
  const activeAwards = team.lead
    ? (await repo.listApplicationsOfOrg(tx, team.lead, '')).filter((a) => a.state === 'awarded' && a.id !== app.id).length
    : null;
  const lead = team.lead ? orgs.get(team.lead) : undefined;
  return evaluateEligibility(call.eligibilityRules, {
    lead: team.lead ? { id: team.lead, category: lead?.category ?? null, activeAwards } : null,
    partners: team.partners.map((id) => ({ id, category: orgs.get(id)?.category ?? null })),
    budget: { total: app.budget.total, selfFunded: app.budget.selfFunded },
    declarations: app.declarations,
    teamTrl: app.teamTrl,
    callTrl: call.trlExpected,
  });
};

export const transitionApplicationInTx = async (
  tx: WriteTx,
  ctx: ServiceContext,
  call: CallRow,
  app: ApplicationRow,
  action: ApplicationAction,
  roles: ApplicationRole[],
  note: string | null,
  extra: { awardAmount?: number | undefined },
  cascaded: Cascaded[],
): Promise<ApplicationRow> => {
  const programme = await repo.findProgramme(tx, call.programmeId);
  const awardAmount = extra.awardAmount ?? app.awardAmount;
  const context = await applicationContext(tx, call, app, programme, ctx.now, note, awardAmount);
  const out = fire(applicationWorkflow, { state: app.state as ApplicationState, action, roles, context });
  if (!out.ok) throw refusalError(out);
  const set: Partial<ApplicationRow> = { state: out.to, updatedAt: ctx.now, ...stamps(out.effects, ctx.now) };
  if (action === 'award') set.awardAmount = awardAmount;
  if (out.effects.some((e) => e.type === 'record_appeal' && e.outcome === 'lodged')) set.appealCount = app.appealCount + 1;
  const updated = await repo.updateApplicationRow(tx, app.id, app.version, set);
  if (!updated) throw stale('The application');
  await audit(tx, ctx, call.centreId, `application.${action}`, 'call_application', app.id, { state: app.state }, { state: out.to, note, ...(set.awardAmount ? { awardAmount: set.awardAmount } : {}) });
  if (roles.includes('system')) cascaded.push({ resource: 'application', id: app.id, from: out.from, to: out.to });
  await applyEffects(tx, ctx, { call, application: updated, subjectType: 'application', subjectId: app.id }, out.effects, note, cascaded);
  // Eligibility is checked on submit, with reasons; a clear verdict moves the application on by itself.
  if (out.to === 'submitted') {
    const verdict = await checkEligibility(tx, call, updated);
    const checked = await repo.updateApplicationRow(tx, updated.id, updated.version, { eligibility: verdict });
    if (!checked) throw stale('The application');
    await audit(tx, ctx, call.centreId, 'application.eligibility_checked', 'call_application', app.id, null, verdict);
    if (verdict.outcome !== 'needs_review') return transitionApplicationInTx(tx, ctx, call, checked, verdict.outcome === 'eligible' ? 'mark_eligible' : 'mark_ineligible', ['system'], null, {}, cascaded);
    return checked;
  }
  return updated;
};

export const transitionApplication = async (ctx: ServiceContext, centreId: string, applicationId: string, input: { action: ApplicationAction; note: string | null; awardAmount?: number | undefined }) => {
  const user = requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const { app, call } = await loadApplication(tx, centreId, applicationId);
    const roles = applicationRoles(user, call, app);
    if (roles.length === 0) throw new AppError('NOT_FOUND', `No application ${applicationId}`);
    const cascaded: Cascaded[] = [];
    const after = await transitionApplicationInTx(tx, ctx, call, app, input.action, roles, input.note, { awardAmount: input.awardAmount }, cascaded);
    return { id: app.id, from: app.state, to: after.state, version: after.version, cascaded };
  });
};

const DECIDED: string[] = ['awarded', 'rejected', 'appealed', 'completed', 'terminated'];

export const getApplication = async (ctx: ServiceContext, centreId: string, applicationId: string, reviewerOf: (app: ApplicationRow) => Promise<boolean>): Promise<TApplication> => {
  const user = requireUser(ctx);
  const { app, call } = await loadApplication(ctx.db, centreId, applicationId);
  const roles = applicationRoles(user, call, app);
  const owner = isDemandOwner(user, call) && !['draft', 'withdrawn'].includes(app.state);
  if (roles.length === 0 && !owner && !(await reviewerOf(app))) throw new AppError('NOT_FOUND', `No application ${applicationId}`);
  // The page's reads do not depend on one another: they run at once.
  const [programme, members, milestones, appeals, trackForms] = await Promise.all([repo.findProgramme(ctx.db, call.programmeId), repo.listMembers(ctx.db, [app.id]), repo.listMilestones(ctx.db, [app.id]), repo.listAppeals(ctx.db, app.id), repo.findTrackReviewForms(ctx.db, [app.id])]);
  const scoringForm = trackForms.get(app.id) ?? (programme?.settings.form as ScoringForm | undefined) ?? null;
  const [files, entities] = await Promise.all([listAttachmentsOf(ctx.db, app.id, milestones.map((m) => m.id)), repo.findEntities(ctx.db, members.map((m) => m.entityId))]);
  const team = teamOf(members);
  const refs = new Map(entities.map((e) => [e.id, e]));
  const ref = (id: string) => entityRef(refs.get(id), id);
  const tranches = app.awardAmount ? trancheAmounts(app.awardAmount, milestones.map((m) => m.trancheShare)) : null;
  const slips = milestoneTimeline(milestones, ctx.now);
  let scores: TApplication['scores'] = null;
  if ((roles.length > 0 || owner) && DECIDED.includes(app.state) && scoringForm) {
    const assignments = (await repo.listAssignmentsOfApplication(ctx.db, app.id)).filter((a) => a.state === 'completed');
    const reviewRows = await repo.listReviews(ctx.db, assignments.map((a) => a.id));
    const sheets = assignments.flatMap((a) => reviewRows.filter((r) => r.assignmentId === a.id));
    const agg = aggregate(scoringForm, sheets);
    scores = { total: agg.total, passed: agg.passed, criteria: agg.criteria, sheets: sheets.map((s, i) => ({ reviewer: `Reviewer ${i + 1}`, total: s.total, scores: s.scores, comments: s.comments })) };
  }
  const actions = roles.length ? availableActions(applicationWorkflow, app.state as ApplicationState, roles, await applicationContext(ctx.db, call, app, programme, ctx.now, null, app.awardAmount)) : [];
  return {
    ...app,
    state: app.state as ApplicationState,
    lead: team.lead ? ref(team.lead) : null,
    partners: team.partners.map(ref),
    pi: team.pi ? ref(team.pi) : null,
    members: team.members.map(ref),
    budget: { total: app.budget.total, selfFunded: app.budget.selfFunded, items: app.budget.items },
    milestones: milestones.map((m, i) => ({ ...m, state: m.state as MilestoneState, trancheAmount: tranches?.[i] ?? null, slip: { status: slips[i]?.status ?? 'upcoming', slipDays: slips[i]?.slipDays ?? 0 }, attachments: files.milestones.get(m.id) ?? [] })),
    attachments: files.application,
    scores,
    scoringForm: scoringForm as TApplication['scoringForm'],
    appeals,
    actions: actions.map((a) => ({ ...a, reasons: a.reasons.map((r) => ({ code: r.code, message: r.message, ...(r.path ? { path: r.path } : {}) })) })),
  };
};

export const listCallApplications = async (ctx: ServiceContext, centreId: string, callId: string) => {
  const call = await repo.findCall(ctx.db, centreId, callId);
  if (!call) throw new AppError('NOT_FOUND', `No call ${callId}`);
  const apps = await repo.listApplicationsOfCall(ctx.db, call.id);
  return { items: await withLeads(ctx.db, apps) };
};

export const listMyApplications = async (ctx: ServiceContext) => {
  const user = requireUser(ctx);
  const apps = await repo.listApplicationsOfOrg(ctx.db, user.organisationId ?? '\u0000', user.id);
  return { items: await withLeads(ctx.db, apps) };
};

const withLeads = async (tx: ReadTx, apps: ApplicationRow[]) => {
  const members = await repo.listMembers(tx, apps.map((a) => a.id));
  const leads = new Map(members.filter((m) => m.role === 'lead').map((m) => [m.applicationId, m.entityId]));
  const refs = new Map((await repo.findEntities(tx, [...leads.values()])).map((e) => [e.id, e]));
  return apps.map((a) => {
    const lead = leads.get(a.id);
    return { id: a.id, callId: a.callId, state: a.state as ApplicationState, title: a.title, lead: lead ? entityRef(refs.get(lead), lead) : null, submittedAt: a.submittedAt, awardAmount: a.awardAmount };
  });
};

// ---------------------------------------------------------------- milestones
const milestoneContext = async (tx: ReadTx, call: CallRow, app: ApplicationRow, m: MilestoneRow, roles: string[], now: Date, note: string | null): Promise<MilestoneContext> => {
  const all = await repo.listMilestones(tx, [app.id]);
  const amounts = trancheAmounts(app.awardAmount ?? 0, all.map((x) => x.trancheShare));
  const paid = all.reduce((a, x) => a + (x.paidAmount ?? 0), 0);
  return {
    now,
    note,
    call: { state: call.state },
    application: { state: app.state },
    evidenceCount: m.evidence.length,
    verifierIsApplicant: roles.includes('applicant'),
    tranche: { amount: amounts[all.findIndex((x) => x.id === m.id)] ?? 0, remaining: (app.awardAmount ?? 0) - paid },
  };
};

const transitionMilestoneInTx = async (tx: WriteTx, ctx: ServiceContext, call: CallRow, app: ApplicationRow, m: MilestoneRow, action: MilestoneAction, roles: ('applicant' | 'verifier' | 'officer' | 'system')[], note: string | null, cascaded: Cascaded[]) => {
  const context = await milestoneContext(tx, call, app, m, roles, ctx.now, note);
  const out = fire(milestoneWorkflow, { state: m.state as MilestoneState, action, roles, context });
  if (!out.ok) throw refusalError(out);
  const set: Partial<MilestoneRow> = { state: out.to, ...stamps(out.effects, ctx.now) };
  const release = out.effects.find((e) => e.type === 'release_tranche');
  if (release && release.type === 'release_tranche') set.paidAmount = release.amount;
  if (action === 'accept' || action === 'reject') Object.assign(set, { verifiedBy: ctx.user?.id ?? null, verificationNote: note });
  const updated = await repo.updateMilestoneRow(tx, m.id, m.version, set);
  if (!updated) throw stale('The milestone');
  await audit(tx, ctx, call.centreId, `milestone.${action}`, 'call_milestone', m.id, { state: m.state }, { state: out.to, note, ...(set.paidAmount !== undefined ? { paidAmount: set.paidAmount } : {}) });
  if (roles.includes('system')) cascaded.push({ resource: 'milestone', id: m.id, from: out.from, to: out.to });
  await applyEffects(tx, ctx, { call, application: app, milestone: updated, subjectType: 'milestone', subjectId: m.id }, out.effects, note, cascaded);
  return updated;
};

const loadMilestone = async (tx: ReadTx, centreId: string, milestoneId: string) => {
  const m = await repo.findMilestone(tx, milestoneId);
  if (!m) throw new AppError('NOT_FOUND', `No milestone ${milestoneId}`);
  const { app, call } = await loadApplication(tx, centreId, m.applicationId);
  return { m, app, call };
};

export const transitionMilestone = async (ctx: ServiceContext, centreId: string, milestoneId: string, input: { action: MilestoneAction; note: string | null }) => {
  const user = requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const { m, app, call } = await loadMilestone(tx, centreId, milestoneId);
    const roles = milestoneRoles(user, call, app);
    if (roles.length === 0) throw new AppError('NOT_FOUND', `No milestone ${milestoneId}`);
    const cascaded: Cascaded[] = [];
    const after = await transitionMilestoneInTx(tx, ctx, call, app, m, input.action, roles, input.note, cascaded);
    return { id: m.id, from: m.state, to: after.state, version: after.version, cascaded };
  });
};

/** The team's verification evidence (descriptions and references; file upload is not part of this API yet). */
export const setMilestoneEvidence = async (ctx: ServiceContext, centreId: string, milestoneId: string, items: z.infer<typeof ZEvidenceItem>[], version: number) => {
  const user = requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const { m, app } = await loadMilestone(tx, centreId, milestoneId);
    if (!isApplicant(user, app)) throw new AppError('NOT_FOUND', `No milestone ${milestoneId}`);
    if (!['planned', 'rejected'].includes(m.state)) throw new AppError('CONFLICT', 'evidence can change only before it is submitted', { fields: [issue('state', 'evidence_locked', `the milestone is ${m.state}`)] });
    if (m.version !== version) throw stale('The milestone');
    const updated = await repo.updateMilestoneRow(tx, m.id, m.version, { evidence: items });
    if (!updated) throw stale('The milestone');
    await audit(tx, ctx, centreId, 'milestone.evidence', 'call_milestone', m.id, { evidence: m.evidence }, { evidence: items });
    return { id: updated.id, version: updated.version };
  });
};

// ---------------------------------------------------------------- notifications and open data
export const listMyNotifications = async (ctx: ServiceContext, unreadOnly: boolean, limit: number) => {
  const user = requireUser(ctx);
  const [items, unread] = await Promise.all([repo.listNotifications(ctx.db, user.id, unreadOnly, limit), repo.countUnread(ctx.db, user.id)]);
  return { items, unread };
};

export const readNotification = async (ctx: ServiceContext, id: string) => {
  const user = requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const row = await repo.markRead(tx, user.id, id, ctx.now);
    if (!row) throw new AppError('NOT_FOUND', `No notification ${id}`);
    return row;
  });
};

/** A timestamptz as PostgreSQL prints it (ISO date style), with a real calendar date and time of day. */
const isPrintedTimestamp = (text: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-]\d{2}(:?\d{2}){0,2}|Z)$/.exec(text);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && se < 60;
};

/** The cursor is the last row's keyset position (see paging.ts). */
const encodeResultsCursor = (k: repo.AwardedKey): string => encodeCursor({ a: k.awardedAt, c: k.callId, b: k.bidId });
const decodeResultsCursor = (raw: string): repo.AwardedKey =>
  decodeCursor(raw, (c) => {
    const [a, callId, bidId] = [c['a'], c['c'], c['b']];
    // The award time goes back to the database as a timestamptz: only the shape it printed may.
    if (typeof a !== 'string' || !isPrintedTimestamp(a)) return null;
    if (typeof callId !== 'string' || callId.length === 0 || callId.length > 120 || typeof bidId !== 'string' || bidId.length > 120) return null;
    return { awardedAt: a, callId, bidId };
  });

/** Rows as open data: names of the demand owner and the winning lead instead of ids. */
const openResultItems = async (tx: ReadTx, rows: repo.AwardedResultRow[]): Promise<TOpenResult[]> => {
  const leads = await repo.findLeads(tx, rows.flatMap((r) => (r.bidId ? [r.bidId] : [])));
  const refs = new Map((await repo.findEntities(tx, [...rows.map((r) => r.ownerEntityId), ...leads.values()])).map((e) => [e.id, e]));
  return rows.map((r) => {
    const owner = refs.get(r.ownerEntityId);
    const winnerId = r.bidId ? leads.get(r.bidId) : undefined;
    const winner = winnerId ? refs.get(winnerId) : undefined;
    return {
      callId: r.callId,
      title: r.titleEn,
      titleZh: r.titleZh,
      owner: owner?.nameZh ?? owner?.nameEn ?? r.ownerEntityId,
      state: r.state,
      winner: winner?.nameEn ?? null,
      winnerZh: winner?.nameZh ?? null,
      amount: r.amount,
      currency: r.currency,
      awardedAt: r.awardedAt,
      isSample: r.isSample,
    };
  });
};

/**
 * One page of the awarded results (open data), newest award first. The first
 * page also says how many there are (counted up to a cap; a page that holds
 * them all needs no count); later pages do not repeat it.
 */
export const openResults = async (ctx: ServiceContext, centreId: string, query: TOpenResultsQuery): Promise<TOpenResultPage> => {
  const after = query.cursor ? decodeResultsCursor(query.cursor) : null;
  const rows = await repo.listAwardedResults(ctx.db, centreId, { callId: query.callId, after, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const more = rows.length > query.limit;
  let counted: Pick<TOpenResultPage, 'total' | 'totalAtLeast'> = {};
  if (!after) {
    const n = more ? await repo.countAwardedResults(ctx.db, centreId, query.callId, OPEN_RESULTS_COUNT_CAP + 1) : page.length;
    counted = { total: Math.min(n, OPEN_RESULTS_COUNT_CAP), totalAtLeast: n > OPEN_RESULTS_COUNT_CAP };
  }
  return {
    items: await openResultItems(ctx.db, page),
    nextCursor: more && last ? encodeResultsCursor({ awardedAt: last.awardedKey, callId: last.callId, bidId: last.bidId }) : null,
    ...counted,
  };
};

const EXPORT_PAGE = 1000;

/** Every awarded result, read page by page in one snapshot (a download is a complete, consistent table). */
async function* allOpenResults(tx: ReadTx, centreId: string): AsyncGenerator<TOpenResult> {
  let after: repo.AwardedKey | null = null;
  for (;;) {
    const rows = await repo.listAwardedResults(tx, centreId, { after, limit: EXPORT_PAGE });
    yield* await openResultItems(tx, rows);
    const last = rows.at(-1);
    if (rows.length < EXPORT_PAGE || !last) return;
    after = { awardedAt: last.awardedKey, callId: last.callId, bidId: last.bidId };
  }
}

/** The same open data as a table (CSV or Excel) for download: one row an awarded team, all of them, streamed from one snapshot. */
export const exportOpenResults = (ctx: ServiceContext, centreId: string, format: 'csv' | 'xlsx'): Readable => {
  const header = ['call_id', 'title_zh', 'title_en', 'demand_owner', 'state', 'winner_zh', 'winner_en', 'amount', 'currency', 'awarded_on', 'sample'];
  return streamTable(header, format, 'call results', (write) =>
    withReadTx(ctx.db, async (tx) => {
      async function* rows(): AsyncGenerator<unknown[]> {
        for await (const r of allOpenResults(tx, centreId)) {
          yield [r.callId, r.titleZh ?? '', r.title, r.owner, r.state, r.winnerZh ?? '', r.winner ?? '', r.amount ?? '', r.currency, r.awardedAt ? r.awardedAt.toISOString().slice(0, 10) : '', r.isSample ? 'sample' : ''];
        }
      }
      await write(rows());
    }),
  );
};

const AGREED: string[] = ['awarded', 'completed', 'terminated'];

/**
 * The task agreement of an awarded bid, for its team, the demand owner and
 * officers (not reviewers). Generated each time from the records; its hash
 * names the version the parties sign.
 */
export const getTaskAgreement = async (ctx: ServiceContext, centreId: string, applicationId: string): Promise<TTaskAgreement> => {
  const user = requireUser(ctx);
  const { app, call } = await loadApplication(ctx.db, centreId, applicationId);
  if (applicationRoles(user, call, app).length === 0 && !isDemandOwner(user, call)) throw new AppError('NOT_FOUND', `No application ${applicationId}`);
  if (!AGREED.includes(app.state)) {
    throw new AppError('CONFLICT', 'A task agreement exists once the bid is awarded', { fields: [issue('applicationId', 'not_awarded', `the application is ${app.state}`)] });
  }
  const [members, milestones, criteria] = await Promise.all([repo.listMembers(ctx.db, [app.id]), repo.listMilestones(ctx.db, [app.id]), repo.listCriteria(ctx.db, call.id)]);
  const team = teamOf(members);
  const leadId = team.lead ?? app.applicantOrgId;
  const refs = new Map((await repo.findEntities(ctx.db, [call.ownerEntityId, ...(leadId ? [leadId] : []), ...members.map((m) => m.entityId)])).map((e) => [e.id, e]));
  const ref = (id: string) => entityRef(refs.get(id), id);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const agreement = buildTaskAgreement({
    call: { ...call, frozenTerms: call.frozenTerms ?? null, awardedAt: iso(call.awardedAt) },
    owner: ref(call.ownerEntityId),
    criteria: criteria.map((c) => ({ metric: c.metric, unit: c.unit, comparator: c.comparator, threshold: c.threshold, testMethod: c.testMethod })),
    application: { id: app.id, title: app.title, plan: app.plan, state: app.state, awardAmount: app.awardAmount, decidedAt: iso(app.decidedAt), selfFunded: app.budget.selfFunded },
    lead: leadId ? ref(leadId) : null,
    partners: team.partners.map(ref),
    pi: team.pi ? ref(team.pi) : null,
    members: team.members.map(ref),
    milestones: milestones.map((m) => ({ position: m.position, title: m.title, deliverable: m.deliverable, verification: m.verification, dueOn: m.dueOn, trancheShare: m.trancheShare })),
  });
  return { ...agreement, sha256: createHash('sha256').update(canonicalJson(agreement)).digest('hex') };
};
