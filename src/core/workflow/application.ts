import type { WorkflowEffect } from './effects.js';
import { hasText, noteGiven, refusal, stateIn } from './guards.js';
import { defineMachine, guard, type Refusal } from './machine.js';

/**
 * The lifecycle of an application (a bid, 揭榜): drafted and autosaved,
 * submitted before the deadline, checked for eligibility with reasons,
 * reviewed, shortlisted, awarded or rejected; a rejected or ineligible team may
 * appeal once within the window and gets an answer on record. An awarded team
 * executes its milestones and completes, or is terminated (e.g. at the
 * down-select milestone of a 赛马 horse race).
 */
export const APPLICATION_STATES = ['draft', 'submitted', 'eligible', 'ineligible', 'under_review', 'shortlisted', 'awarded', 'rejected', 'appealed', 'withdrawn', 'completed', 'terminated'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const APPLICATION_ACTIONS = ['submit', 'withdraw', 'mark_eligible', 'mark_ineligible', 'start_review', 'shortlist', 'award', 'reject', 'appeal', 'uphold_appeal', 'dismiss_appeal', 'complete', 'terminate'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export const APPLICATION_ROLES = ['applicant', 'officer', 'system'] as const;
export type ApplicationRole = (typeof APPLICATION_ROLES)[number];

export type ApplicationContext = {
  now: Date;
  note: string | null;
  call: { state: string; deadline: Date | null; appealDeadline: Date | null };
  application: {
    hasLead: boolean;
    hasPi: boolean;
    plan: string | null;
    budgetTotal: number;
    milestoneCount: number;
    /** Declarations the programme requires that are not yet affirmed. */
    declarationsMissing: readonly string[];
    appealCount: number;
  };
  /** The eligibility check's verdict, once run. */
  eligibility: { outcome: 'eligible' | 'ineligible' | 'needs_review'; reasons: readonly Refusal[] } | null;
  assignments: readonly { id: string; state: 'assigned' | 'completed' | 'recused' }[];
  minCompletedReviews: number;
  milestones: readonly { id: string; state: string }[];
  awardAmount: number | null;
};

const callOpen = guard<ApplicationContext>('call_open', 'the call is published and its deadline not passed', (c) => {
  if (c.call.state !== 'published') return refusal('call_not_open', `the call is ${c.call.state}, not open for bids`, { data: { state: c.call.state } });
  if (c.call.deadline !== null && c.now.getTime() >= c.call.deadline.getTime()) return refusal('deadline_passed', 'the call’s deadline has passed', { data: { deadline: c.call.deadline.toISOString() } });
  return null;
});

const applicationComplete = guard<ApplicationContext>('application_complete', 'lead organisation, PI, plan, budget, milestones and declarations are given', (c) => {
  const a = c.application;
  const out: Refusal[] = [];
  if (!a.hasLead) out.push(refusal('lead_missing', 'name the lead organisation', { path: 'leadEntityId' }));
  if (!a.hasPi) out.push(refusal('pi_missing', 'name the principal investigator', { path: 'piEntityId' }));
  if (!hasText(a.plan, 20)) out.push(refusal('plan_missing', 'describe the technical plan (at least 20 characters)', { path: 'plan' }));
  if (!(a.budgetTotal > 0)) out.push(refusal('budget_missing', 'give a budget', { path: 'budget' }));
  if (a.milestoneCount === 0) out.push(refusal('milestones_missing', 'plan at least one milestone with its deliverable and evidence', { path: 'milestones' }));
  for (const d of a.declarationsMissing) out.push(refusal('declaration_missing', `affirm the declaration ${d}`, { path: `declarations.${d}` }));
  return out;
});

const eligibilityIs = (want: 'eligible' | 'ineligible') =>
  guard<ApplicationContext>(`eligibility_${want}`, `the eligibility check finds the application ${want} (or an officer decides an open case with a note)`, (c) => {
    const e = c.eligibility;
    if (e === null) return refusal('eligibility_not_checked', 'run the eligibility check first');
    if (e.outcome === want) return null;
    if (e.outcome === 'needs_review' && hasText(c.note, 5)) return null;
    return refusal(`eligibility_${e.outcome}`, `the eligibility check says ${e.outcome}`, { data: { reasons: e.reasons } });
  });

const reviewsDone = guard<ApplicationContext>('reviews_complete', 'every assigned review is complete or recused, and enough are complete', (c) => {
  const out: Refusal[] = [];
  const open = c.assignments.filter((a) => a.state === 'assigned').map((a) => a.id);
  if (open.length > 0) out.push(refusal('reviews_incomplete', `${open.length} assigned review(s) are neither complete nor recused`, { data: { assignmentIds: open } }));
  const done = c.assignments.filter((a) => a.state === 'completed').length;
  if (done < c.minCompletedReviews) out.push(refusal('too_few_reviews', `${done} completed review(s); ${c.minCompletedReviews} needed`, { data: { completed: done, needed: c.minCompletedReviews } }));
  return out;
});

const awardAmount = guard<ApplicationContext>('award_amount', 'the award names a positive amount', (c) =>
  c.awardAmount !== null && c.awardAmount > 0 ? null : refusal('award_amount_missing', 'give the amount awarded', { path: 'awardAmount' }),
);

const appealWindow = guard<ApplicationContext>('appeal_window', 'the appeal comes within the window and is the first', (c) => {
  const out: Refusal[] = [];
  const d = c.call.appealDeadline;
  const open = d === null ? ['closed', 'under_review'].includes(c.call.state) : c.now.getTime() <= d.getTime();
  if (!open) out.push(refusal('appeal_window_closed', 'the appeal window is closed', { data: { appealDeadline: d?.toISOString() ?? null } }));
  if (c.application.appealCount > 0) out.push(refusal('already_appealed', 'a decision can be appealed once'));
  return out;
});

const milestonesAccepted = guard<ApplicationContext>('milestones_accepted', 'every milestone is accepted (and settled) or cancelled, at least one accepted', (c) => {
  const out: Refusal[] = [];
  const open = c.milestones.filter((m) => !['accepted', 'paid', 'cancelled'].includes(m.state)).map((m) => m.id);
  if (open.length > 0) out.push(refusal('milestones_open', `${open.length} milestone(s) are not yet accepted`, { data: { milestoneIds: open } }));
  if (!c.milestones.some((m) => m.state === 'accepted' || m.state === 'paid')) out.push(refusal('nothing_accepted', 'no milestone has been accepted'));
  return out;
});

const callInReview = stateIn<ApplicationContext>('call_in_review', 'call', (c) => c.call.state, ['under_review']);
const callDeciding = stateIn<ApplicationContext>('call_deciding', 'call', (c) => c.call.state, ['under_review', 'awarded']);

const notify = (audience: Extract<WorkflowEffect, { type: 'notify' }>['audience'], template: Extract<WorkflowEffect, { type: 'notify' }>['template']): WorkflowEffect => ({ type: 'notify', audience, template });

export const applicationWorkflow = defineMachine<ApplicationState, ApplicationAction, ApplicationRole, ApplicationContext, WorkflowEffect>({
  id: 'application',
  states: APPLICATION_STATES,
  initial: 'draft',
  final: ['withdrawn', 'completed', 'terminated'],
  transitions: [
    { action: 'submit', from: ['draft'], to: 'submitted', roles: ['applicant'], guards: [callOpen, applicationComplete], effects: () => [{ type: 'stamp', field: 'submittedAt' }, notify('applicant', 'application_submitted'), notify('officers', 'application_submitted')] },
    { action: 'withdraw', from: ['draft', 'submitted', 'eligible', 'under_review', 'shortlisted'], to: 'withdrawn', roles: ['applicant'], effects: () => [notify('officers', 'application_withdrawn')] },
    { action: 'mark_eligible', from: ['submitted'], to: 'eligible', roles: ['system', 'officer'], guards: [eligibilityIs('eligible')], effects: () => [notify('applicant', 'application_eligible')] },
    { action: 'mark_ineligible', from: ['submitted'], to: 'ineligible', roles: ['system', 'officer'], guards: [eligibilityIs('ineligible')], effects: () => [notify('applicant', 'application_ineligible')] },
    { action: 'start_review', from: ['eligible'], to: 'under_review', roles: ['system', 'officer'], guards: [callInReview] },
    { action: 'shortlist', from: ['under_review'], to: 'shortlisted', roles: ['officer'], guards: [callInReview, reviewsDone], effects: () => [notify('applicant', 'application_shortlisted')] },
    { action: 'award', from: ['under_review', 'shortlisted'], to: 'awarded', roles: ['officer'], guards: [callDeciding, reviewsDone, awardAmount], effects: () => [{ type: 'stamp', field: 'decidedAt' }, notify('applicant', 'application_awarded')] },
    { action: 'reject', from: ['under_review', 'shortlisted'], to: 'rejected', roles: ['officer'], guards: [callDeciding, reviewsDone], effects: () => [{ type: 'stamp', field: 'decidedAt' }, notify('applicant', 'application_rejected')] },
    { action: 'appeal', from: ['rejected', 'ineligible'], to: 'appealed', roles: ['applicant'], guards: [appealWindow, noteGiven('statement of appeal')], effects: () => [{ type: 'record_appeal', outcome: 'lodged' }, notify('officers', 'appeal_lodged')] },
    { action: 'uphold_appeal', from: ['appealed'], to: 'under_review', roles: ['officer'], guards: [noteGiven('published answer')], effects: () => [{ type: 'record_appeal', outcome: 'upheld' }, notify('applicant', 'appeal_answered')] },
    { action: 'dismiss_appeal', from: ['appealed'], to: 'rejected', roles: ['officer'], guards: [noteGiven('published answer')], effects: () => [{ type: 'record_appeal', outcome: 'dismissed' }, notify('applicant', 'appeal_answered')] },
    { action: 'complete', from: ['awarded'], to: 'completed', roles: ['officer', 'system'], guards: [milestonesAccepted], effects: () => [notify('applicant', 'application_completed')] },
    {
      action: 'terminate',
      from: ['awarded'],
      to: 'terminated',
      roles: ['officer', 'system'],
      guards: [noteGiven('reason')],
      effects: () => [{ type: 'cascade', resource: 'milestones', fromStates: ['planned', 'evidence_submitted', 'rejected'], action: 'cancel' }, notify('applicant', 'application_terminated')],
    },
  ],
});
