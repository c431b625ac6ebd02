import type { WorkflowEffect } from './effects.js';
import { hasText, noteGiven, refusal } from './guards.js';
import { defineMachine, guard, type Refusal } from './machine.js';

/**
 * The lifecycle of a call (one item of a 揭榜挂帅 list, a scenario call, a
 * grant call …): drafted with its demand owner, checked internally, published
 * with frozen terms, closed at the deadline, reviewed, awarded, executed under
 * milestones and finally accepted against its acceptance criteria, or
 * terminated with a reason.
 */
export const CALL_STATES = ['draft', 'internal_review', 'published', 'closed', 'under_review', 'awarded', 'in_execution', 'accepted', 'terminated'] as const;
export type CallState = (typeof CALL_STATES)[number];

export const CALL_ACTIONS = ['submit_for_review', 'return_to_draft', 'publish', 'close', 'start_review', 'award', 'start_execution', 'accept', 'terminate'] as const;
export type CallAction = (typeof CALL_ACTIONS)[number];

/** Roles relative to one call: programme officers, members of the demand owner, the system (scheduled jobs, cascades). */
export const CALL_ROLES = ['officer', 'demand_owner', 'system'] as const;
export type CallRole = (typeof CALL_ROLES)[number];

/** An acceptance criterion as drafted: every field must be filled before publication. */
export type CriterionDraft = {
  metric: string | null;
  unit: string | null;
  comparator: string | null;
  threshold: number | null;
  testMethod: string | null;
};

export type CallContext = {
  now: Date;
  /** The reason or note sent with the action. */
  note: string | null;
  call: {
    title: string;
    problem: string | null;
    deadline: Date | null;
    budget: number | null;
    ipTemplate: string | null;
    acceptanceCriteria: readonly CriterionDraft[];
    /** Shares of the budget, in percent, per tranche. */
    paymentSchedule: readonly { share: number }[];
    decisionMemo: string | null;
    appealDeadline: Date | null;
  };
  applications: readonly { id: string; state: string }[];
  /** Review assignments on the call's applications. */
  assignments: readonly { id: string; applicationId: string; state: 'assigned' | 'completed' | 'recused' }[];
  /** Milestones of the call's applications. */
  milestones: readonly { applicationId: string; state: string }[];
  /** Acceptance-test results per criterion (index into acceptanceCriteria); null when not yet measured. */
  criteriaResults: readonly { index: number; met: boolean | null }[];
  /** Active (not recused) reviews each eligible application needs before review starts. */
  minReviewers: number;
};

const COMPARATORS = ['>=', '<=', '>', '<', '='];

const problemStated = guard<CallContext>('problem_stated', 'the call states its problem, budget and deadline', (c) => {
  const out: Refusal[] = [];
  if (!hasText(c.call.title)) out.push(refusal('title_required', 'the call needs a title', { path: 'title' }));
  if (!hasText(c.call.problem, 10)) out.push(refusal('problem_required', 'state the problem (at least 10 characters)', { path: 'problem' }));
  if (c.call.budget === null || !(c.call.budget > 0)) out.push(refusal('budget_required', 'the call needs a positive budget', { path: 'budget' }));
  if (c.call.deadline === null) out.push(refusal('deadline_required', 'the call needs a deadline', { path: 'deadline' }));
  return out;
});

/** The quality gate of 揭榜挂帅: a measurable acceptance test, typed, before anything is published. */
export const typedAcceptanceCriteria = guard<CallContext>('typed_acceptance_criteria', 'at least one acceptance criterion, each with metric, unit, comparator, threshold and test method', (c) => {
  const list = c.call.acceptanceCriteria;
  if (list.length === 0) return refusal('criteria_missing', 'a call cannot go out without measurable acceptance criteria', { path: 'acceptanceCriteria' });
  const out: Refusal[] = [];
  list.forEach((k, i) => {
    const at = (f: string) => `acceptanceCriteria.${i}.${f}`;
    if (!hasText(k.metric)) out.push(refusal('criterion_metric_missing', `criterion ${i + 1} names no metric`, { path: at('metric') }));
    if (!hasText(k.unit)) out.push(refusal('criterion_unit_missing', `criterion ${i + 1} has no unit`, { path: at('unit') }));
    if (!k.comparator || !COMPARATORS.includes(k.comparator)) out.push(refusal('criterion_comparator_missing', `criterion ${i + 1} needs a comparator (${COMPARATORS.join(' ')})`, { path: at('comparator') }));
    if (k.threshold === null || !Number.isFinite(k.threshold)) out.push(refusal('criterion_threshold_missing', `criterion ${i + 1} needs a numeric threshold`, { path: at('threshold') }));
    if (!hasText(k.testMethod, 5)) out.push(refusal('criterion_test_method_missing', `criterion ${i + 1} needs a test method`, { path: at('testMethod') }));
  });
  return out;
});

export const ipTemplateChosen = guard<CallContext>('ip_template_chosen', 'IP terms are chosen from a template', (c) =>
  hasText(c.call.ipTemplate) ? null : refusal('ip_template_missing', 'choose the IP terms template before publication', { path: 'ipTemplate' }),
);

const paymentScheduleComplete = guard<CallContext>('payment_schedule_complete', 'the payment schedule has tranches whose shares sum to 100%', (c) => {
  const s = c.call.paymentSchedule;
  if (s.length === 0) return refusal('payment_schedule_missing', 'the call needs a payment schedule', { path: 'paymentSchedule' });
  const sum = s.reduce((a, t) => a + t.share, 0);
  return Math.abs(sum - 100) < 1e-6 ? null : refusal('payment_schedule_sum', `tranche shares sum to ${sum}%, not 100%`, { path: 'paymentSchedule', data: { sum } });
});

const deadlineInFuture = guard<CallContext>('deadline_in_future', 'the deadline is still ahead', (c) =>
  c.call.deadline !== null && c.call.deadline.getTime() > c.now.getTime() ? null : refusal('deadline_passed', 'the deadline has already passed; set a later one', { path: 'deadline', data: { deadline: c.call.deadline?.toISOString() ?? null } }),
);

const deadlineReached = guard<CallContext>('deadline_reached', 'the deadline has passed (a published call stays open until then)', (c) =>
  c.call.deadline !== null && c.now.getTime() >= c.call.deadline.getTime() ? null : refusal('before_deadline', 'a call cannot close before its deadline', { path: 'deadline', data: { deadline: c.call.deadline?.toISOString() ?? null } }),
);

const eligibilityDecided = guard<CallContext>('eligibility_decided', 'every submitted application has an eligibility decision', (c) => {
  const pending = c.applications.filter((a) => a.state === 'submitted').map((a) => a.id);
  return pending.length === 0 ? null : refusal('eligibility_pending', `${pending.length} submitted application(s) have no eligibility decision`, { data: { applicationIds: pending } });
});

const hasEligible = guard<CallContext>('has_eligible_applications', 'at least one application is eligible', (c) =>
  c.applications.some((a) => a.state === 'eligible') ? null : refusal('no_eligible_applications', 'no eligible application to review'),
);

const reviewersAssigned = guard<CallContext>('reviewers_assigned', 'every eligible application has enough active reviewers', (c) => {
  const short = c.applications
    .filter((a) => a.state === 'eligible')
    .map((a) => ({ applicationId: a.id, active: c.assignments.filter((x) => x.applicationId === a.id && x.state !== 'recused').length }))
    .filter((x) => x.active < c.minReviewers);
  return short.length === 0 ? null : refusal('reviewers_missing', `${short.length} eligible application(s) have fewer than ${c.minReviewers} reviewers`, { data: { applications: short, minReviewers: c.minReviewers } });
});

/** Challenge.gov's rule: no advance while any assigned review is neither complete nor recused. */
export const reviewsComplete = guard<CallContext>('reviews_complete', 'every assigned review is complete or recused', (c) => {
  const open = c.assignments.filter((a) => a.state === 'assigned').map((a) => a.id);
  return open.length === 0 ? null : refusal('reviews_incomplete', `${open.length} assigned review(s) are neither complete nor recused`, { data: { assignmentIds: open } });
});

const applicationsDecided = guard<CallContext>('applications_decided', 'every application under review is decided, at least one awarded', (c) => {
  const out: Refusal[] = [];
  const open = c.applications.filter((a) => a.state === 'under_review' || a.state === 'shortlisted').map((a) => a.id);
  if (open.length > 0) out.push(refusal('applications_undecided', `${open.length} application(s) are neither awarded nor rejected`, { data: { applicationIds: open } }));
  if (!c.applications.some((a) => a.state === 'awarded')) out.push(refusal('no_winner', 'award at least one application first'));
  return out;
});

const decisionMemo = guard<CallContext>('decision_memo', 'a decision memo is written', (c) =>
  hasText(c.call.decisionMemo, 10) ? null : refusal('decision_memo_missing', 'write the decision memo (at least 10 characters)', { path: 'decisionMemo' }),
);

const appealsSettled = guard<CallContext>('appeals_settled', 'the appeal window is over and every appeal is answered', (c) => {
  const out: Refusal[] = [];
  if (c.call.appealDeadline !== null && c.now.getTime() <= c.call.appealDeadline.getTime()) {
    out.push(refusal('appeal_window_open', 'losing applicants may still appeal', { data: { appealDeadline: c.call.appealDeadline.toISOString() } }));
  }
  const open = c.applications.filter((a) => a.state === 'appealed' || a.state === 'under_review' || a.state === 'shortlisted').map((a) => a.id);
  if (open.length > 0) out.push(refusal('appeals_open', `${open.length} application(s) are appealed or back under review`, { data: { applicationIds: open } }));
  return out;
});

const winnersHaveMilestones = guard<CallContext>('winners_have_milestones', 'every awarded application has milestones', (c) => {
  const missing = c.applications.filter((a) => a.state === 'awarded' && !c.milestones.some((m) => m.applicationId === a.id)).map((a) => a.id);
  return missing.length === 0 ? null : refusal('milestones_missing', 'an awarded application has no milestones', { data: { applicationIds: missing } });
});

const winnersFinished = guard<CallContext>('winners_finished', 'every awarded team is completed or terminated, at least one completed', (c) => {
  const out: Refusal[] = [];
  const running = c.applications.filter((a) => a.state === 'awarded').map((a) => a.id);
  if (running.length > 0) out.push(refusal('execution_running', `${running.length} awarded application(s) are still executing`, { data: { applicationIds: running } }));
  if (!c.applications.some((a) => a.state === 'completed')) out.push(refusal('nothing_completed', 'no team has completed its milestones'));
  return out;
});

/** Final acceptance is against the call's own criteria: each measured and met. */
export const criteriaMet = guard<CallContext>('acceptance_criteria_met', 'every acceptance criterion has a measured result that meets it', (c) =>
  c.call.acceptanceCriteria.flatMap((_, i) => {
    const r = c.criteriaResults.find((x) => x.index === i);
    if (!r || r.met === null) return [refusal('criterion_not_measured', `criterion ${i + 1} has no measured result`, { path: `acceptanceCriteria.${i}.result` })];
    if (!r.met) return [refusal('criterion_not_met', `criterion ${i + 1} is not met`, { path: `acceptanceCriteria.${i}.result` })];
    return [];
  }),
);

const notify = (audience: Extract<WorkflowEffect, { type: 'notify' }>['audience'], template: Extract<WorkflowEffect, { type: 'notify' }>['template']): WorkflowEffect => ({ type: 'notify', audience, template });

export const callWorkflow = defineMachine<CallState, CallAction, CallRole, CallContext, WorkflowEffect>({
  id: 'call',
  states: CALL_STATES,
  initial: 'draft',
  final: ['accepted', 'terminated'],
  transitions: [
    {
      action: 'submit_for_review',
      from: ['draft'],
      to: 'internal_review',
      roles: ['officer', 'demand_owner'],
      guards: [problemStated, typedAcceptanceCriteria, ipTemplateChosen, paymentScheduleComplete],
      effects: () => [notify('officers', 'call_submitted_for_review')],
    },
    { action: 'return_to_draft', from: ['internal_review'], to: 'draft', roles: ['officer'], guards: [noteGiven('reason')], effects: () => [notify('demand_owner', 'call_returned')] },
    {
      action: 'publish',
      from: ['internal_review'],
      to: 'published',
      roles: ['officer'],
      guards: [problemStated, typedAcceptanceCriteria, ipTemplateChosen, paymentScheduleComplete, deadlineInFuture],
      effects: () => [{ type: 'freeze_terms' }, { type: 'stamp', field: 'publishedAt' }, { type: 'change_log', entry: 'published' }, notify('matching_members', 'call_published'), notify('demand_owner', 'call_published')],
    },
    { action: 'close', from: ['published'], to: 'closed', roles: ['officer', 'system'], guards: [deadlineReached], effects: () => [{ type: 'change_log', entry: 'closed' }, notify('applicants', 'call_closed')] },
    {
      action: 'start_review',
      from: ['closed'],
      to: 'under_review',
      roles: ['officer'],
      guards: [eligibilityDecided, hasEligible, reviewersAssigned],
      effects: () => [{ type: 'cascade', resource: 'applications', fromStates: ['eligible'], action: 'start_review' }, notify('applicants', 'call_review_started'), notify('reviewers', 'call_review_started')],
    },
    {
      action: 'award',
      from: ['under_review'],
      to: 'awarded',
      roles: ['officer'],
      guards: [reviewsComplete, applicationsDecided, decisionMemo],
      effects: () => [{ type: 'stamp', field: 'awardedAt' }, { type: 'change_log', entry: 'results published' }, notify('applicants', 'call_awarded'), notify('demand_owner', 'call_awarded')],
    },
    { action: 'start_execution', from: ['awarded'], to: 'in_execution', roles: ['officer', 'demand_owner'], guards: [appealsSettled, winnersHaveMilestones], effects: () => [notify('applicants', 'call_execution_started')] },
    { action: 'accept', from: ['in_execution'], to: 'accepted', roles: ['demand_owner', 'officer'], guards: [winnersFinished, criteriaMet], effects: () => [{ type: 'change_log', entry: 'accepted' }, notify('applicants', 'call_accepted'), notify('officers', 'call_accepted')] },
    {
      action: 'terminate',
      from: ['published', 'closed', 'under_review', 'awarded', 'in_execution'],
      to: 'terminated',
      roles: ['officer'],
      guards: [noteGiven('reason')],
      effects: () => [
        { type: 'change_log', entry: 'terminated' },
        { type: 'cascade', resource: 'applications', fromStates: ['awarded'], action: 'terminate' },
        notify('applicants', 'call_terminated'),
        notify('reviewers', 'call_terminated'),
        notify('demand_owner', 'call_terminated'),
      ],
    },
  ],
});
