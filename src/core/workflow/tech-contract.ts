import { TECH_CONTRACT_ACTIONS, TECH_CONTRACT_STATES, type TechContractAction, type TechContractState } from '../../shared/contracts-vocabulary.js';
import { noteGiven, refusal } from './guards.js';
import { defineMachine, guard } from './machine.js';

/**
 * Technology-contract registration (技术合同认定登记): the seller submits a
 * signed contract once; a registrar reviews it and either registers it (a
 * registration number, a certificate) or declines with a reason. The seller
 * may withdraw or correct a submission until the registrar decides; a
 * returned submission comes back to the seller to correct and resubmit.
 */
export { TECH_CONTRACT_ACTIONS, TECH_CONTRACT_STATES, type TechContractAction, type TechContractState };

/** Roles relative to the contract: `seller` (a member of the seller organisation), `registrar`. */
export type TechContractRole = 'seller' | 'registrar';

/** States in which a contract counts as taken: a second submission of the same contract is refused. */
export const LIVE_TECH_CONTRACT_STATES: readonly TechContractState[] = ['submitted', 'under_review', 'returned', 'registered'];

export type TechContractContext = {
  note: string | null;
  /** Problems the registry still finds in the contract (missing parties, amounts that do not add up …). */
  openIssues: number;
};

export type TechContractEffect = { type: 'assign_registration_number' } | { type: 'stamp'; field: 'reviewStartedAt' | 'decidedAt' | 'submittedAt' };

const complete = guard<TechContractContext>('contract_complete', 'the contract has no open problems', (c) =>
  c.openIssues === 0 ? null : refusal('contract_incomplete', `the contract still has ${c.openIssues} problem(s) to correct`, { data: { openIssues: c.openIssues } }),
);

export const techContractWorkflow = defineMachine<TechContractState, TechContractAction, TechContractRole, TechContractContext, TechContractEffect>({
  id: 'tech_contract',
  states: TECH_CONTRACT_STATES,
  initial: 'submitted',
  final: ['registered', 'not_registered', 'withdrawn'],
  transitions: [
    { action: 'start_review', from: ['submitted'], to: 'under_review', roles: ['registrar'], effects: () => [{ type: 'stamp', field: 'reviewStartedAt' }], description: 'A registrar takes the submission.' },
    { action: 'return', from: ['submitted', 'under_review'], to: 'returned', roles: ['registrar'], guards: [noteGiven('what to correct')], description: 'Send it back to the seller to correct; the review clock starts again on resubmission.' },
    { action: 'resubmit', from: ['returned'], to: 'submitted', roles: ['seller'], guards: [complete], effects: () => [{ type: 'stamp', field: 'submittedAt' }], description: 'The seller resubmits the corrected contract.' },
    { action: 'register', from: ['under_review'], to: 'registered', roles: ['registrar'], guards: [complete], effects: () => [{ type: 'assign_registration_number' }, { type: 'stamp', field: 'decidedAt' }], description: 'Register it: a registration number and a certificate.' },
    { action: 'decline', from: ['under_review'], to: 'not_registered', roles: ['registrar'], guards: [noteGiven('reason it is not a technology contract')], effects: () => [{ type: 'stamp', field: 'decidedAt' }], description: 'Not registered, with the reason.' },
    { action: 'withdraw', from: ['submitted', 'returned'], to: 'withdrawn', roles: ['seller'], description: 'The seller withdraws the submission.' },
  ],
});
