import { randomUUID } from 'node:crypto';
import {
  aggregate,
  assignReviewers,
  buildCoiIndex,
  calibrateReviewers,
  DEFAULT_COI_POLICY,
  detectConflicts,
  pairKey,
  rankByScore,
  sheetTotal,
  validateSheet,
  type CoiApplication,
  type CoiFlag,
  type CoiIndex,
  type CoiReviewer,
  type Consortium,
  type ScoringForm,
} from '../../../core/calls/index.js';
import { assignmentWorkflow, fire, type AssignmentAction, type AssignmentState } from '../../../core/workflow/index.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { z } from 'zod';
import type { ZExpertInput, ZExpertPatch } from '../../../shared/schemas/calls.js';
import { eq } from 'drizzle-orm';
import { experts } from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';
import { withWriteTx } from '../../../db/tx.js';
import type { ServiceContext, SessionUser } from '../../context.js';
import { AppError, bodyIssue as issue } from '../../errors.js';
import { auditWrite as audit } from '../../audit.js';
import { assignmentRoles, isOfficer } from './calls.policy.js';
import * as repo from './calls.repository.js';
import type { ApplicationRow, AssignmentRow, CallRow, ExpertRow, ProgrammeRow } from './calls.repository.js';
import { notify, refusalError } from './calls.service.js';

const requireUser = (ctx: ServiceContext): SessionUser => {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx.user;
};

// ---------------------------------------------------------------- experts
export const addExpert = async (ctx: ServiceContext, centreId: string, input: z.infer<typeof ZExpertInput>): Promise<ExpertRow> => {
  const user = requireUser(ctx);
  if (!isOfficer(user, centreId)) throw new AppError('FORBIDDEN', 'Only officers of this centre manage the expert pool');
  const [person] = await repo.findEntities(ctx.db, [input.entityId]);
  const issues: FieldIssue[] = [];
  if (!person || person.centreId !== centreId || person.status !== 'active') issues.push(issue('entityId', 'not_found', `no active record ${input.entityId} in this centre`));
  else if (person.category !== 'person') issues.push(issue('entityId', 'not_a_person', 'an expert is a person of the registry'));
  if (input.userId) {
    const [u] = await repo.listUsersBy(ctx.db, { ids: [input.userId] }, centreId);
    if (!u) issues.push(issue('userId', 'not_found', `no active user ${input.userId}`));
    else if (u.role !== 'expert_reviewer') issues.push(issue('userId', 'not_an_expert_account', 'link an account with the expert_reviewer role'));
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', 'The expert is not valid; see details.fields', { fields: issues });
  if (await repo.findExpertByEntity(ctx.db, centreId, input.entityId)) throw new AppError('CONFLICT', 'This person is already in the expert pool', { fields: [issue('entityId', 'duplicate', 'already an expert')] });
  return withWriteTx(ctx.db, async (tx) => {
    const row = await repo.insertExpert(tx, { ...input, id: randomUUID(), centreId, createdAt: ctx.now });
    await audit(tx, ctx, centreId, 'expert.create', 'expert', row.id, null, row);
    return row;
  });
};

export const updateExpert = async (ctx: ServiceContext, centreId: string, expertId: string, patch: z.infer<typeof ZExpertPatch>): Promise<ExpertRow> => {
  const user = requireUser(ctx);
  if (!isOfficer(user, centreId)) throw new AppError('FORBIDDEN', 'Only officers of this centre manage the expert pool');
  if (patch.userId) {
    const [u] = await repo.listUsersBy(ctx.db, { ids: [patch.userId] }, centreId);
    if (!u) throw new AppError('VALIDATION_FAILED', 'No such account', { fields: [issue('userId', 'not_found', `no active user ${patch.userId}`)] });
    if (u.role !== 'expert_reviewer') throw new AppError('VALIDATION_FAILED', 'Not an expert account', { fields: [issue('userId', 'not_an_expert_account', 'link an account with the expert_reviewer role')] });
  }
  return withWriteTx(ctx.db, async (tx) => {
    const before = await repo.findExpert(tx, expertId);
    if (!before || before.centreId !== centreId) throw new AppError('NOT_FOUND', `No expert ${expertId}`);
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const [after] = await tx.update(experts).set(changes).where(eq(experts.id, expertId)).returning();
    await audit(tx, ctx, centreId, 'expert.update', 'expert', expertId, before, after);
    return after as ExpertRow;
  });
};

export const listExperts = async (ctx: ServiceContext, centreId: string) => {
  const rows = await repo.listExperts(ctx.db, centreId);
  const [people, loads] = await Promise.all([repo.findEntities(ctx.db, rows.map((r) => r.entityId)), repo.expertLoads(ctx.db, rows.map((r) => r.id))]);
  const byId = new Map(people.map((p) => [p.id, p]));
  return {
    items: rows.map((r) => {
      const p = byId.get(r.entityId);
      return { id: r.id, entity: { id: r.entityId, nameZh: p?.nameZh ?? null, nameEn: p?.nameEn ?? r.entityId }, userId: r.userId, fields: r.fields, maxLoad: r.maxLoad, load: loads.get(r.id) ?? 0, active: r.active };
    }),
  };
};

// ---------------------------------------------------------------- conflict data from the registry
const teamOf = (members: repo.MemberRow[], app: ApplicationRow): CoiApplication => ({
  id: app.id,
  leadOrgId: members.find((m) => m.applicationId === app.id && m.role === 'lead')?.entityId ?? null,
  partnerOrgIds: members.filter((m) => m.applicationId === app.id && m.role === 'partner').map((m) => m.entityId),
  personIds: members.filter((m) => m.applicationId === app.id && (m.role === 'pi' || m.role === 'member')).map((m) => m.entityId),
  excludedOrgIds: app.excludedEntityIds,
});

/**
 * Everything conflict detection needs, read from the registry and past
 * applications: reviewers' affiliations, relations around the organisations
 * of both sides (one hop, plus their parents), and the consortia either side
 * has been in.
 */
export const loadCoiWorld = async (tx: ReadTx, programme: ProgrammeRow | undefined, expertRows: ExpertRow[], apps: ApplicationRow[]): Promise<{ reviewers: Map<string, CoiReviewer>; teams: Map<string, CoiApplication>; index: CoiIndex }> => {
  const policy = { ...DEFAULT_COI_POLICY, affiliationYears: programme?.settings.coiYears ?? DEFAULT_COI_POLICY.affiliationYears, consortiumYears: programme?.settings.consortiumYears ?? DEFAULT_COI_POLICY.consortiumYears };
  const affiliations = await repo.listAffiliations(tx, expertRows.map((e) => e.entityId));
  const reviewers = new Map(
    expertRows.map((e) => [e.id, { expertId: e.id, personId: e.entityId, affiliations: affiliations.filter((a) => a.personId === e.entityId).map((a) => ({ orgId: a.orgId, from: a.from, to: a.to })) } satisfies CoiReviewer]),
  );
  const members = await repo.listMembers(tx, apps.map((a) => a.id));
  const teams = new Map(apps.map((a) => [a.id, teamOf(members, a)]));
  const reviewerOrgs = [...new Set(affiliations.map((a) => a.orgId))];
  const applicantOrgs = [...new Set([...teams.values()].flatMap((t) => [...(t.leadOrgId ? [t.leadOrgId] : []), ...t.partnerOrgIds]))];
  const links = await repo.listOrgLinks(tx, [...new Set([...reviewerOrgs, ...applicantOrgs])], policy.relationTypes);
  const past = await repo.listConsortiaTouching(tx, [...reviewerOrgs, ...expertRows.map((e) => e.entityId)]);
  const byApp = new Map<string, Consortium & { orgIds: string[]; personIds: string[] }>();
  for (const r of past) {
    const c = byApp.get(r.applicationId) ?? { applicationId: r.applicationId, year: r.year, orgIds: [], personIds: [] };
    (r.role === 'lead' || r.role === 'partner' ? c.orgIds : c.personIds).push(r.entityId);
    byApp.set(r.applicationId, c);
  }
  return { reviewers, teams, index: buildCoiIndex({ links, consortia: [...byApp.values()] }, policy) };
};

const loadCallForOfficer = async (ctx: ServiceContext, tx: ReadTx, centreId: string, callId: string): Promise<{ call: CallRow; programme: ProgrammeRow | undefined }> => {
  const user = requireUser(ctx);
  const call = await repo.findCall(tx, centreId, callId);
  if (!call) throw new AppError('NOT_FOUND', `No call ${callId}`);
  if (!isOfficer(user, centreId)) throw new AppError('FORBIDDEN', 'Only officers of this centre run the review');
  return { call, programme: await repo.findProgramme(tx, call.programmeId) };
};

const REVIEWABLE = ['eligible', 'under_review', 'shortlisted'];
const ASSIGNING_CALL_STATES = ['closed', 'under_review'];

const notAssigning = (call: CallRow) =>
  new AppError('CONFLICT', `experts are assigned while the call is closed or under review (it is ${call.state})`, { fields: [issue('callId', 'call_not_in_review', `the call is ${call.state}`)] });

/** Assign experts to every application still short of reviewers, by expertise and load, skipping conflicts (reported with evidence). */
export const autoAssign = async (ctx: ServiceContext, centreId: string, callId: string) =>
  withWriteTx(ctx.db, async (tx) => {
    const { call, programme } = await loadCallForOfficer(ctx, tx, centreId, callId);
    if (!ASSIGNING_CALL_STATES.includes(call.state)) throw notAssigning(call);
    const apps = (await repo.listApplicationsOfCall(tx, call.id)).filter((a) => REVIEWABLE.includes(a.state));
    const existingRows = await repo.listAssignmentsOfCall(tx, call.id);
    const expertRows = (await repo.listExperts(tx, centreId)).filter((e) => e.active);
    const loads = await repo.expertLoads(tx, expertRows.map((e) => e.id));
    const world = await loadCoiWorld(tx, programme, expertRows, apps);
    const need = programme?.settings.minReviewers ?? 3;
    const result = assignReviewers({
      applications: apps.map((a) => ({ id: a.id, fields: call.fieldCodes, needed: Math.max(0, need - existingRows.filter((x) => x.applicationId === a.id && x.state !== 'recused').length) })),
      experts: expertRows.map((e) => ({ id: e.id, fields: e.fields, maxLoad: e.maxLoad, load: loads.get(e.id) ?? 0 })),
      existing: new Set(existingRows.map((x) => pairKey(x.applicationId, x.expertId))),
      conflicts: (expertId, applicationId) => detectConflicts(world.reviewers.get(expertId) as CoiReviewer, world.teams.get(applicationId) as CoiApplication, world.index, ctx.now),
    });
    const rows = await repo.insertAssignments(
      tx,
      result.assignments.map((a) => ({ id: randomUUID(), callId: call.id, applicationId: a.applicationId, expertId: a.expertId, state: 'assigned', matchScore: a.match, coiFlags: [], createdAt: ctx.now })),
    );
    await audit(tx, ctx, centreId, 'assignment.auto', 'call', call.id, null, { created: rows.map((r) => ({ id: r.id, applicationId: r.applicationId, expertId: r.expertId })), unfilled: result.unfilled, conflicted: result.conflicted });
    // One batch of notices (the experts are in hand): a query per assignment would cost a second at a thousand bids.
    const userOf = new Map(expertRows.map((e) => [e.id, e.userId]));
    await repo.insertNotifications(
      tx,
      rows.flatMap((r) => {
        const userId = userOf.get(r.expertId);
        return userId && userId !== ctx.user?.id ? [reviewNotice(call, r, userId, ctx.now)] : [];
      }),
    );
    return { created: rows.map((r) => ({ id: r.id, applicationId: r.applicationId, expertId: r.expertId, match: r.matchScore ?? 0 })), unfilled: result.unfilled, conflicted: result.conflicted.map((c) => ({ ...c, flags: [...c.flags] })) };
  });

const reviewNotice = (call: CallRow, a: AssignmentRow, userId: string, now: Date) => ({
  id: randomUUID(),
  userId,
  centreId: call.centreId,
  template: 'review_assigned',
  subjectType: 'assignment',
  subjectId: a.id,
  payload: { callId: call.id, callTitle: call.titleEn, callTitleZh: call.titleZh, applicationId: a.applicationId },
  createdAt: now,
});

const notifyReviewer = async (tx: WriteTx, ctx: ServiceContext, call: CallRow, a: AssignmentRow) => {
  const expert = await repo.findExpert(tx, a.expertId);
  if (!expert?.userId || expert.userId === ctx.user?.id) return;
  await repo.insertNotifications(tx, [reviewNotice(call, a, expert.userId, ctx.now)]);
};

/** Assign one expert by hand. A detected conflict refuses it unless an override reason is given; the override is audited. */
export const assignManually = async (ctx: ServiceContext, centreId: string, callId: string, input: { applicationId: string; expertId: string; overrideReason: string | null }) =>
  withWriteTx(ctx.db, async (tx) => {
    const { call, programme } = await loadCallForOfficer(ctx, tx, centreId, callId);
    if (!ASSIGNING_CALL_STATES.includes(call.state)) throw notAssigning(call);
    const app = await repo.findApplication(tx, input.applicationId);
    const expert = await repo.findExpert(tx, input.expertId);
    const issues: FieldIssue[] = [];
    if (!app || app.callId !== call.id) issues.push(issue('applicationId', 'not_found', `no application ${input.applicationId} on this call`));
    else if (!REVIEWABLE.includes(app.state)) issues.push(issue('applicationId', 'not_reviewable', `the application is ${app.state}`));
    if (!expert || expert.centreId !== centreId || !expert.active) issues.push(issue('expertId', 'not_found', `no active expert ${input.expertId}`));
    if (issues.length) throw new AppError('VALIDATION_FAILED', 'The assignment is not valid; see details.fields', { fields: issues });
    const a = app as ApplicationRow;
    const e = expert as ExpertRow;
    if ((await repo.listAssignmentsOfApplication(tx, a.id)).some((x) => x.expertId === e.id)) throw new AppError('CONFLICT', 'This expert is already assigned (or recused) on this application', { fields: [issue('expertId', 'duplicate', 'already assigned')] });
    const world = await loadCoiWorld(tx, programme, [e], [a]);
    const flags = detectConflicts(world.reviewers.get(e.id) as CoiReviewer, world.teams.get(a.id) as CoiApplication, world.index, ctx.now);
    if (flags.length > 0 && !input.overrideReason) {
      throw new AppError('CONFLICT', `conflict of interest: ${flags.map((f) => f.message).join('; ')}`, { fields: [issue('expertId', 'conflict_of_interest', 'give an override reason to assign despite the conflict', { flags })], flags });
    }
    const [row] = await repo.insertAssignments(tx, [
      { id: randomUUID(), callId: call.id, applicationId: a.id, expertId: e.id, state: 'assigned', matchScore: null, coiFlags: flags, overrideReason: flags.length ? input.overrideReason : null, overriddenBy: flags.length ? ctx.actor.label : null, createdAt: ctx.now },
    ]);
    const created = row as AssignmentRow;
    await audit(tx, ctx, centreId, flags.length ? 'assignment.override' : 'assignment.create', 'review_assignment', created.id, null, { applicationId: a.id, expertId: e.id, flags, overrideReason: created.overrideReason });
    await notifyReviewer(tx, ctx, call, created);
    return created;
  });

const withNames = async (tx: ReadTx, rows: AssignmentRow[]) => {
  const expertsById = new Map((await repo.listExperts(tx, (await repo.findCallById(tx, rows[0]?.callId ?? ''))?.centreId ?? '')).map((e) => [e.id, e]));
  const people = new Map((await repo.findEntities(tx, [...expertsById.values()].map((e) => e.entityId))).map((p) => [p.id, p]));
  const reviewRows = new Map((await repo.listReviews(tx, rows.map((r) => r.id))).map((r) => [r.assignmentId, r]));
  return rows.map((r) => {
    const p = people.get(expertsById.get(r.expertId)?.entityId ?? '');
    return { ...r, state: r.state as AssignmentState, expertName: p ? (p.nameZh ?? p.nameEn) : null, total: reviewRows.get(r.id)?.total ?? null };
  });
};

export const listAssignments = async (ctx: ServiceContext, centreId: string, callId: string) => {
  const { call } = await loadCallForOfficer(ctx, ctx.db, centreId, callId);
  return { items: await withNames(ctx.db, await repo.listAssignmentsOfCall(ctx.db, call.id)) };
};

/** The signed-in expert's assignments: the application title and call, no applicant-side reviewer data. */
export const listMyAssignments = async (ctx: ServiceContext) => {
  const user = requireUser(ctx);
  const expert = await repo.findExpertByUser(ctx.db, user.id);
  if (!expert) return { items: [] };
  return { items: await withNames(ctx.db, await repo.listAssignmentsOfExpert(ctx.db, expert.id)) };
};

const loadAssignment = async (tx: ReadTx, centreId: string, assignmentId: string) => {
  const a = await repo.findAssignment(tx, assignmentId);
  const call = a ? await repo.findCallById(tx, a.callId) : undefined;
  const app = a ? await repo.findApplication(tx, a.applicationId) : undefined;
  const expert = a ? await repo.findExpert(tx, a.expertId) : undefined;
  if (!a || !call || !app || !expert || call.centreId !== centreId) throw new AppError('NOT_FOUND', `No assignment ${assignmentId}`);
  return { a, call, app, expert };
};

/** Is the user an expert with a live assignment on this application (may read it)? */
export const isAssignedReviewer = async (tx: ReadTx, user: SessionUser | null, app: ApplicationRow): Promise<boolean> => {
  if (!user) return false;
  const expert = await repo.findExpertByUser(tx, user.id);
  if (!expert) return false;
  return (await repo.listAssignmentsOfApplication(tx, app.id)).some((a) => a.expertId === expert.id && a.state !== 'recused');
};

const runAssignmentTransition = async (
  tx: WriteTx,
  ctx: ServiceContext,
  loaded: Awaited<ReturnType<typeof loadAssignment>>,
  action: AssignmentAction,
  note: string | null,
  sheetIssues: { code: string; message: string; path: string }[],
  unresolvedConflicts: number,
  patch: Partial<AssignmentRow>,
) => {
  const { a, call, app, expert } = loaded;
  const roles = assignmentRoles(ctx.user, call.centreId, expert);
  if (roles.length === 0) throw new AppError('NOT_FOUND', `No assignment ${a.id}`);
  const out = fire(assignmentWorkflow, { state: a.state as AssignmentState, action, roles, context: { now: ctx.now, note, application: { state: app.state }, sheetIssues, unresolvedConflicts } });
  if (!out.ok) throw refusalError(out);
  const stamp = out.effects.some((e) => e.type === 'stamp' && e.field === 'completedAt') ? { completedAt: ctx.now } : {};
  const updated = await repo.updateAssignmentRow(tx, a.id, a.state, { ...patch, ...stamp, state: out.to });
  if (!updated) throw new AppError('CONFLICT', 'The assignment changed meanwhile; reload and try again', { fields: [issue('state', 'stale_state', 'changed meanwhile')] });
  await audit(tx, ctx, call.centreId, `assignment.${action}`, 'review_assignment', a.id, { state: a.state }, { state: out.to, note });
  for (const e of out.effects) if (e.type === 'notify') await notify(tx, ctx, { call, application: app, subjectType: 'assignment', subjectId: a.id }, e.audience, e.template, note);
  return { id: a.id, from: out.from, to: out.to, cascaded: [] };
};

export const transitionAssignment = async (ctx: ServiceContext, centreId: string, assignmentId: string, input: { action: AssignmentAction; note: string | null }) => {
  requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const loaded = await loadAssignment(tx, centreId, assignmentId);
    const patch: Partial<AssignmentRow> = input.action === 'recuse' ? { recusalReason: input.note } : input.action === 'reinstate' ? { recusalReason: null } : {};
    return runAssignmentTransition(tx, ctx, loaded, input.action, input.note, [], 0, patch);
  });
};

/**
 * A reviewer submits (or, after a reopen, resubmits) a score sheet. Conflicts
 * are checked again now, so a relation recorded after assignment still stops
 * the review unless an officer overrode it.
 */
export const submitReview = async (ctx: ServiceContext, centreId: string, assignmentId: string, sheet: { scores: Record<string, number>; comments: Record<string, string> }) => {
  requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const loaded = await loadAssignment(tx, centreId, assignmentId);
    const programme = await repo.findProgramme(tx, loaded.call.programmeId);
    const form = (await repo.findTrackReviewForms(tx, [loaded.app.id])).get(loaded.app.id) ?? (programme?.settings.form as ScoringForm);
    const sheetIssues = validateSheet(form, sheet);
    const world = await loadCoiWorld(tx, programme, [loaded.expert], [loaded.app]);
    const flags: CoiFlag[] = detectConflicts(world.reviewers.get(loaded.expert.id) as CoiReviewer, world.teams.get(loaded.app.id) as CoiApplication, world.index, ctx.now);
    const unresolved = loaded.a.overrideReason ? 0 : flags.length;
    const result = await runAssignmentTransition(tx, ctx, loaded, 'submit_review', null, sheetIssues, unresolved, {});
    const total = sheetTotal(form, sheet);
    await repo.upsertReview(tx, { assignmentId, scores: sheet.scores, comments: sheet.comments, total, submittedAt: ctx.now });
    await audit(tx, ctx, centreId, 'review.submit', 'review_assignment', assignmentId, null, { total, scores: sheet.scores });
    return { ...result, total };
  });
};

/** The panel's view: aggregated scores per application, ranked, ties flagged. */
export const ranking = async (ctx: ServiceContext, centreId: string, callId: string) => {
  const { call, programme } = await loadCallForOfficer(ctx, ctx.db, centreId, callId);
  const apps = (await repo.listApplicationsOfCall(ctx.db, call.id)).filter((a) => !['draft', 'submitted', 'withdrawn', 'ineligible', 'eligible'].includes(a.state));
  const trackForms = await repo.findTrackReviewForms(ctx.db, apps.map((a) => a.id));
  const formOf = (applicationId: string) => trackForms.get(applicationId) ?? (programme?.settings.form as ScoringForm);
  const assignments = (await repo.listAssignmentsOfCall(ctx.db, call.id)).filter((a) => a.state === 'completed');
  const reviewRows = await repo.listReviews(ctx.db, assignments.map((a) => a.id));
  const members = await repo.listMembers(ctx.db, apps.map((a) => a.id));
  const leads = new Map((await repo.findEntities(ctx.db, members.filter((m) => m.role === 'lead').map((m) => m.entityId))).map((e) => [e.id, e]));
  const aggs = new Map(
    apps.map((a) => {
      const ids = new Set(assignments.filter((x) => x.applicationId === a.id).map((x) => x.id));
      return [a.id, aggregate(formOf(a.id), reviewRows.filter((r) => ids.has(r.assignmentId)))];
    }),
  );
  const ranked = rankByScore(apps.map((a) => ({ id: a.id, score: aggs.get(a.id)?.total ?? null })));
  return {
    items: ranked.map((r) => {
      const a = apps.find((x) => x.id === r.id) as ApplicationRow;
      const agg = aggs.get(r.id);
      const lead = leads.get(members.find((m) => m.applicationId === r.id && m.role === 'lead')?.entityId ?? '');
      return { applicationId: r.id, title: a.title, lead: lead ? (lead.nameZh ?? lead.nameEn) : null, state: a.state, total: r.score, passed: agg?.passed ?? null, rank: r.rank, tied: r.tied, reviews: agg?.n ?? 0, criteria: agg?.criteria ?? [] };
    }),
  };
};

/** For the chair: each reviewer's severity against the panel median on the applications they shared. */
export const calibration = async (ctx: ServiceContext, centreId: string, callId: string) => {
  const { call } = await loadCallForOfficer(ctx, ctx.db, centreId, callId);
  const assignments = (await repo.listAssignmentsOfCall(ctx.db, call.id)).filter((a) => a.state === 'completed');
  const reviewRows = new Map((await repo.listReviews(ctx.db, assignments.map((a) => a.id))).map((r) => [r.assignmentId, r]));
  const rows = calibrateReviewers(assignments.flatMap((a) => (reviewRows.has(a.id) ? [{ reviewerId: a.expertId, applicationId: a.applicationId, total: (reviewRows.get(a.id) as repo.ReviewRow).total }] : [])));
  const named = await withNames(ctx.db, assignments);
  return { items: rows.map((r) => ({ expertId: r.reviewerId, expertName: named.find((n) => n.expertId === r.reviewerId)?.expertName ?? null, n: r.n, severity: r.severity, meanDeviation: r.meanDeviation, label: r.label })) };
};
