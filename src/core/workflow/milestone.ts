import type { WorkflowEffect } from './effects.js';
import { noteGiven, refusal, stateIn } from './guards.js';
import { defineMachine, guard } from './machine.js';

/**
 * The lifecycle of one milestone of an awarded application: the team uploads
 * verification evidence, the demand owner or an independent expert accepts or
 * rejects it, and only accepted evidence lets an officer release the tranche.
 */
export const MILESTONE_STATES = ['planned', 'evidence_submitted', 'accepted', 'rejected', 'paid', 'cancelled'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

export const MILESTONE_ACTIONS = ['submit_evidence', 'accept', 'reject', 'release_payment', 'cancel'] as const;
export type MilestoneAction = (typeof MILESTONE_ACTIONS)[number];

/** `verifier`: a member of the demand owner, or an expert appointed to verify. */
export const MILESTONE_ROLES = ['applicant', 'verifier', 'officer', 'system'] as const;
export type MilestoneRole = (typeof MILESTONE_ROLES)[number];

export type MilestoneContext = {
  now: Date;
  note: string | null;
  call: { state: string };
  application: { state: string };
  evidenceCount: number;
  /** The verifier belongs to the team that did the work: not independent. */
  verifierIsApplicant: boolean;
  /** The tranche this milestone pays, and what remains of the award unpaid. */
  tranche: { amount: number; remaining: number };
};

const evidenceGiven = guard<MilestoneContext>('evidence_given', 'at least one piece of verification evidence is attached', (c) =>
  c.evidenceCount > 0 ? null : refusal('evidence_missing', 'attach the verification evidence first', { path: 'evidence' }),
);

const independentVerifier = guard<MilestoneContext>('independent_verifier', 'the verifier is not a member of the team', (c) =>
  c.verifierIsApplicant ? refusal('verifier_not_independent', 'a team cannot verify its own milestone') : null,
);

const trancheWithinAward = guard<MilestoneContext>('tranche_within_award', 'the tranche is a non-negative amount within what remains of the award', (c) => {
  const { amount, remaining } = c.tranche;
  if (!Number.isFinite(amount) || amount < 0) return refusal('tranche_invalid', 'the tranche amount is not valid', { data: { amount } });
  return amount <= remaining + 1e-6 ? null : refusal('tranche_exceeds_award', `the tranche (${amount}) exceeds what remains of the award (${remaining})`, { data: { amount, remaining } });
});

const executing = stateIn<MilestoneContext>('call_in_execution', 'call', (c) => c.call.state, ['in_execution']);
const awarded = stateIn<MilestoneContext>('application_awarded', 'application', (c) => c.application.state, ['awarded']);

const notify = (audience: Extract<WorkflowEffect, { type: 'notify' }>['audience'], template: Extract<WorkflowEffect, { type: 'notify' }>['template']): WorkflowEffect => ({ type: 'notify', audience, template });

export const milestoneWorkflow = defineMachine<MilestoneState, MilestoneAction, MilestoneRole, MilestoneContext, WorkflowEffect>({
  id: 'milestone',
  states: MILESTONE_STATES,
  initial: 'planned',
  final: ['paid', 'cancelled'],
  transitions: [
    { action: 'submit_evidence', from: ['planned', 'rejected'], to: 'evidence_submitted', roles: ['applicant'], guards: [executing, awarded, evidenceGiven], effects: () => [{ type: 'stamp', field: 'submittedAt' }, notify('demand_owner', 'milestone_evidence_submitted'), notify('officers', 'milestone_evidence_submitted')] },
    { action: 'accept', from: ['evidence_submitted'], to: 'accepted', roles: ['verifier', 'officer'], guards: [executing, independentVerifier, noteGiven('verification note')], effects: () => [{ type: 'stamp', field: 'verifiedAt' }, notify('applicant', 'milestone_accepted'), notify('officers', 'milestone_accepted')] },
    { action: 'reject', from: ['evidence_submitted'], to: 'rejected', roles: ['verifier', 'officer'], guards: [executing, independentVerifier, noteGiven('verification note')], effects: () => [{ type: 'stamp', field: 'verifiedAt' }, notify('applicant', 'milestone_rejected')] },
    { action: 'release_payment', from: ['accepted'], to: 'paid', roles: ['officer'], guards: [trancheWithinAward], effects: (c) => [{ type: 'release_tranche', amount: c.tranche.amount }, { type: 'stamp', field: 'paidAt' }, notify('applicant', 'tranche_released')] },
    { action: 'cancel', from: ['planned', 'evidence_submitted', 'rejected'], to: 'cancelled', roles: ['officer', 'system'], guards: [noteGiven('reason')], effects: () => [notify('applicant', 'milestone_cancelled')] },
  ],
});
