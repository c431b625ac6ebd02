import type { WorkflowEffect } from './effects.js';
import { noteGiven, refusal, stateIn } from './guards.js';
import { defineMachine, guard, type Refusal } from './machine.js';

/**
 * A review assignment (one expert × one application). Recusal is a state of
 * its own (Challenge.gov), so a recused review drops out of aggregation and
 * out of the "every review complete" guard, and its history stays.
 */
export const ASSIGNMENT_STATES = ['assigned', 'completed', 'recused'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

export const ASSIGNMENT_ACTIONS = ['submit_review', 'recuse', 'reopen', 'reinstate'] as const;
export type AssignmentAction = (typeof ASSIGNMENT_ACTIONS)[number];

export const ASSIGNMENT_ROLES = ['reviewer', 'officer'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

export type AssignmentContext = {
  now: Date;
  note: string | null;
  application: { state: string };
  /** Problems with the submitted score sheet (from core/calls/scoring). */
  sheetIssues: readonly Refusal[];
  /** Conflict flags on the pair that no officer has overridden. */
  unresolvedConflicts: number;
};

const sheetValid = guard<AssignmentContext>('score_sheet_valid', 'the score sheet answers every criterion within its range, with comments where required', (c) => [...c.sheetIssues]);
const noConflict = guard<AssignmentContext>('no_unresolved_conflict', 'no conflict of interest stands un-overridden', (c) =>
  c.unresolvedConflicts > 0 ? refusal('conflict_of_interest', 'this assignment has a conflict of interest; recuse, or an officer overrides it with a reason') : null,
);
const inReview = stateIn<AssignmentContext>('application_in_review', 'application', (c) => c.application.state, ['under_review', 'shortlisted']);
const beforeDecision = stateIn<AssignmentContext>('application_undecided', 'application', (c) => c.application.state, ['submitted', 'eligible', 'under_review', 'shortlisted', 'appealed']);

export const assignmentWorkflow = defineMachine<AssignmentState, AssignmentAction, AssignmentRole, AssignmentContext, WorkflowEffect>({
  id: 'assignment',
  states: ASSIGNMENT_STATES,
  initial: 'assigned',
  final: [],
  transitions: [
    { action: 'submit_review', from: ['assigned'], to: 'completed', roles: ['reviewer'], guards: [inReview, noConflict, sheetValid], effects: () => [{ type: 'stamp', field: 'completedAt' }, { type: 'notify', audience: 'officers', template: 'review_submitted' }] },
    { action: 'recuse', from: ['assigned', 'completed'], to: 'recused', roles: ['reviewer', 'officer'], guards: [beforeDecision, noteGiven('reason')], effects: () => [{ type: 'notify', audience: 'officers', template: 'review_recused' }] },
    { action: 'reopen', from: ['completed'], to: 'assigned', roles: ['officer'], guards: [inReview, noteGiven('reason')], effects: () => [{ type: 'notify', audience: 'reviewers', template: 'review_assigned' }] },
    { action: 'reinstate', from: ['recused'], to: 'assigned', roles: ['officer'], guards: [beforeDecision, noteGiven('reason')], effects: () => [{ type: 'notify', audience: 'reviewers', template: 'review_assigned' }] },
  ],
});
