import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { applicationWorkflow, type ApplicationContext } from './application.js';
import { assignmentWorkflow, type AssignmentContext } from './assignment.js';
import { callWorkflow, type CallContext } from './call.js';
import { checkMachine, defineMachine, describeMachine, fire, availableActions, type Machine } from './machine.js';
import { milestoneWorkflow, type MilestoneContext } from './milestone.js';
import type { WorkflowEffect } from './effects.js';

/**
 * Every workflow is tested from its own table: for each (state, action) pair
 * the outcome is what the table says (allowed from the listed states only, to
 * the listed target, for the listed roles only), and for every guard of every
 * transition a context that breaks just that guard is refused with its reasons.
 */
type AnyMachine<C> = Machine<string, string, string, C, WorkflowEffect>;

const tableTests = <C,>(machine: AnyMachine<C>, allRoles: readonly string[], good: (action: string) => C, breakers: Record<string, (c: C) => C>): void => {
  describe(`${machine.id} workflow, from its table`, () => {
    test('the definition is consistent (reachable states, no dead ends, no duplicate edges)', () => {
      expect(checkMachine(machine)).toEqual([]);
    });

    const actions = [...new Set(machine.transitions.map((t) => t.action))];
    for (const state of machine.states) {
      for (const action of actions) {
        const t = machine.transitions.find((x) => x.action === action && x.from.includes(state));
        if (t) {
          test(`${state} --${action}--> ${t.to}: allowed for ${t.roles.join('/')}, refused (403-kind) for others`, () => {
            for (const role of t.roles) {
              const out = fire(machine, { state, action, roles: [role], context: good(action) });
              expect(out, `${role}: ${JSON.stringify(out)}`).toMatchObject({ ok: true, from: state, to: t.to });
            }
            for (const role of allRoles.filter((r) => !t.roles.includes(r))) {
              const out = fire(machine, { state, action, roles: [role], context: good(action) });
              expect(out).toMatchObject({ ok: false, kind: 'role_not_allowed' });
            }
            expect(fire(machine, { state, action, roles: [], context: good(action) })).toMatchObject({ ok: false, kind: 'role_not_allowed' });
          });
          for (const g of t.guards ?? []) {
            test(`${state} --${action}--> refused when guard ${g.id} fails, with its reasons`, () => {
              const breaker = breakers[g.id];
              expect(breaker, `no breaker for guard ${g.id}`).toBeDefined();
              const context = (breaker as (c: C) => C)(good(action));
              const out = fire(machine, { state, action, roles: [...t.roles], context });
              expect(out.ok).toBe(false);
              if (out.ok) return;
              expect(out.kind).toBe('guard_failed');
              expect(out.reasons.length).toBeGreaterThan(0);
              for (const r of out.reasons) expect(r.code).toMatch(/^[a-z_]+$/);
              expect(g.check(context).length).toBeGreaterThan(0);
            });
          }
        } else {
          test(`${state} --${action}--> forbidden (wrong state)`, () => {
            const out = fire(machine, { state, action, roles: [...allRoles], context: good(action) });
            expect(out).toMatchObject({ ok: false, kind: 'wrong_state' });
          });
        }
      }
    }

    test('an unknown action is refused as such', () => {
      expect(fire(machine, { state: machine.initial, action: 'no_such_action', roles: [...allRoles], context: good('no_such_action') })).toMatchObject({ ok: false, kind: 'unknown_action' });
    });

    test('final states allow nothing', () => {
      for (const s of machine.final) expect(machine.transitions.filter((t) => t.from.includes(s))).toEqual([]);
    });

    test('property: fire succeeds exactly when the table has the edge, a role matches and every guard holds', () => {
      fc.assert(
        fc.property(fc.constantFrom(...machine.states), fc.constantFrom(...actions), fc.subarray([...allRoles]), fc.boolean(), fc.nat(20), (state, action, roles, breakOne, which) => {
          const t = machine.transitions.find((x) => x.action === action && x.from.includes(state));
          let context = good(action);
          const guards = t?.guards ?? [];
          const broken = breakOne && guards.length > 0 ? guards[which % guards.length] : undefined;
          if (broken) context = (breakers[broken.id] as (c: C) => C)(context);
          const out = fire(machine, { state, action, roles, context });
          const expected = t !== undefined && t.roles.some((r) => roles.includes(r)) && broken === undefined;
          expect(out.ok).toBe(expected);
          if (out.ok) expect(out.to).toBe(t?.to);
        }),
      );
    });

    test('availableActions lists only edges out of the state the roles may take, each with its blocking reasons', () => {
      for (const s of machine.states) {
        const listed = availableActions(machine, s, allRoles, good('x'));
        expect(listed.map((a) => a.action).sort()).toEqual(machine.transitions.filter((t) => t.from.includes(s)).map((t) => t.action).sort());
        for (const a of listed) expect(a.allowed).toBe(a.reasons.length === 0);
      }
    });

    test('describeMachine is plain data that round-trips through JSON', () => {
      const d = describeMachine(machine);
      expect(JSON.parse(JSON.stringify(d))).toEqual(d);
      expect(d.transitions.length).toBe(machine.transitions.length);
    });
  });
};

// ---------------------------------------------------------------- call
const D = (s: string) => new Date(s);
const NOW = D('2026-06-01T00:00:00Z');
const note = 'a reason given on record';
const fullCall = (): CallContext['call'] => ({
  title: '示例 Sample: 7 nm lithography alignment sensor',
  problem: 'Sample problem statement: alignment sensor precision',
  deadline: D('2026-07-01T00:00:00Z'),
  budget: 5_000_000,
  ipTemplate: 'shared_licence',
  acceptanceCriteria: [{ metric: 'overlay accuracy', unit: 'nm', comparator: '<=', threshold: 1.5, testMethod: 'third-party metrology lab test' }],
  paymentSchedule: [{ share: 30 }, { share: 40 }, { share: 30 }],
  decisionMemo: null,
  appealDeadline: null,
});
const callGood = (action: string): CallContext => {
  const base: CallContext = { now: NOW, note, call: fullCall(), applications: [], assignments: [], milestones: [], criteriaResults: [], minReviewers: 2 };
  switch (action) {
    case 'close':
      return { ...base, call: { ...base.call, deadline: D('2026-05-01T00:00:00Z') } };
    case 'start_review':
      return {
        ...base,
        applications: [{ id: 'a1', state: 'eligible' }, { id: 'a2', state: 'ineligible' }],
        assignments: [{ id: 'x1', applicationId: 'a1', state: 'assigned' }, { id: 'x2', applicationId: 'a1', state: 'assigned' }, { id: 'x3', applicationId: 'a1', state: 'recused' }],
      };
    case 'award':
      return {
        ...base,
        call: { ...base.call, decisionMemo: 'Sample memo: a1 best meets the criteria.' },
        applications: [{ id: 'a1', state: 'awarded' }, { id: 'a2', state: 'rejected' }],
        assignments: [{ id: 'x1', applicationId: 'a1', state: 'completed' }, { id: 'x2', applicationId: 'a2', state: 'recused' }],
      };
    case 'start_execution':
      return { ...base, call: { ...base.call, appealDeadline: D('2026-05-15T00:00:00Z') }, applications: [{ id: 'a1', state: 'awarded' }, { id: 'a2', state: 'rejected' }], milestones: [{ applicationId: 'a1', state: 'planned' }] };
    case 'accept':
      return { ...base, applications: [{ id: 'a1', state: 'completed' }, { id: 'a3', state: 'terminated' }], criteriaResults: [{ index: 0, met: true }] };
    default:
      return base;
  }
};
const callBreakers: Record<string, (c: CallContext) => CallContext> = {
  problem_stated: (c) => ({ ...c, call: { ...c.call, problem: '', budget: 0, deadline: null } }),
  typed_acceptance_criteria: (c) => ({ ...c, call: { ...c.call, acceptanceCriteria: [{ metric: 'x', unit: null, comparator: '~', threshold: null, testMethod: '' }] } }),
  ip_template_chosen: (c) => ({ ...c, call: { ...c.call, ipTemplate: null } }),
  payment_schedule_complete: (c) => ({ ...c, call: { ...c.call, paymentSchedule: [{ share: 50 }, { share: 40 }] } }),
  deadline_in_future: (c) => ({ ...c, call: { ...c.call, deadline: D('2026-05-31T00:00:00Z') } }),
  deadline_reached: (c) => ({ ...c, call: { ...c.call, deadline: D('2026-06-02T00:00:00Z') } }),
  note_given: (c) => ({ ...c, note: '  ' }),
  eligibility_decided: (c) => ({ ...c, applications: [...c.applications, { id: 'a9', state: 'submitted' }] }),
  has_eligible_applications: (c) => ({ ...c, applications: c.applications.map((a) => ({ ...a, state: 'ineligible' })) }),
  reviewers_assigned: (c) => ({ ...c, assignments: c.assignments.slice(1) }),
  reviews_complete: (c) => ({ ...c, assignments: [...c.assignments, { id: 'x9', applicationId: 'a1', state: 'assigned' }] }),
  applications_decided: (c) => ({ ...c, applications: [{ id: 'a1', state: 'shortlisted' }] }),
  decision_memo: (c) => ({ ...c, call: { ...c.call, decisionMemo: null } }),
  appeals_settled: (c) => ({ ...c, call: { ...c.call, appealDeadline: D('2026-06-10T00:00:00Z') } }),
  winners_have_milestones: (c) => ({ ...c, milestones: [] }),
  winners_finished: (c) => ({ ...c, applications: [{ id: 'a1', state: 'awarded' }] }),
  acceptance_criteria_met: (c) => ({ ...c, criteriaResults: [{ index: 0, met: false }] }),
};
tableTests(callWorkflow as unknown as AnyMachine<CallContext>, ['officer', 'demand_owner', 'system'], callGood, callBreakers);

describe('call guards, in detail', () => {
  test('publication needs typed criteria and an IP template, and says where each gap is', () => {
    const c = callBreakers['typed_acceptance_criteria']?.(callBreakers['ip_template_chosen']?.(callGood('publish')) as CallContext) as CallContext;
    const out = fire(callWorkflow, { state: 'internal_review', action: 'publish', roles: ['officer'], context: c });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.reasons.map((r) => r.path).sort()).toEqual(['acceptanceCriteria.0.comparator', 'acceptanceCriteria.0.testMethod', 'acceptanceCriteria.0.threshold', 'acceptanceCriteria.0.unit', 'ipTemplate']);
    const none = fire(callWorkflow, { state: 'internal_review', action: 'publish', roles: ['officer'], context: { ...callGood('publish'), call: { ...fullCall(), acceptanceCriteria: [] } } });
    expect(!none.ok && none.reasons.map((r) => r.code)).toEqual(['criteria_missing']);
  });

  test('closing exactly at the deadline is allowed, one millisecond before is not', () => {
    const deadline = D('2026-06-01T00:00:00Z');
    const at = (now: Date) => fire(callWorkflow, { state: 'published', action: 'close', roles: ['system'], context: { ...callGood('close'), now, call: { ...fullCall(), deadline } } });
    expect(at(deadline).ok).toBe(true);
    expect(at(new Date(deadline.getTime() - 1))).toMatchObject({ ok: false, reasons: [{ code: 'before_deadline' }] });
  });

  test('award is refused while any assigned review is open, naming the assignments', () => {
    const out = fire(callWorkflow, { state: 'under_review', action: 'award', roles: ['officer'], context: callBreakers['reviews_complete']?.(callGood('award')) as CallContext });
    expect(out).toMatchObject({ ok: false, reasons: [{ code: 'reviews_incomplete', data: { assignmentIds: ['x9'] } }] });
  });

  test('publishing freezes the terms and notifies matching members; start of review cascades to eligible applications', () => {
    const pub = fire(callWorkflow, { state: 'internal_review', action: 'publish', roles: ['officer'], context: callGood('publish') });
    expect(pub.ok && pub.effects).toContainEqual({ type: 'freeze_terms' });
    expect(pub.ok && pub.effects).toContainEqual({ type: 'notify', audience: 'matching_members', template: 'call_published' });
    const rev = fire(callWorkflow, { state: 'closed', action: 'start_review', roles: ['officer'], context: callGood('start_review') });
    expect(rev.ok && rev.effects).toContainEqual({ type: 'cascade', resource: 'applications', fromStates: ['eligible'], action: 'start_review' });
  });

  test('property: every path from draft to accepted passes publication, closing, review and award in that order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...callWorkflow.transitions.map((t) => t.action)), { maxLength: 30 }), (actions) => {
        let state: string = 'draft';
        const visited: string[] = [state];
        for (const action of actions) {
          const out = fire(callWorkflow, { state: state as never, action, roles: ['officer', 'demand_owner', 'system'], context: callGood(action) });
          if (out.ok) {
            state = out.to;
            visited.push(state);
          }
        }
        if (state === 'accepted') {
          const order = ['published', 'closed', 'under_review', 'awarded', 'in_execution', 'accepted'].map((s) => visited.indexOf(s));
          expect(order.every((i) => i >= 0)).toBe(true);
          expect([...order].sort((a, b) => a - b)).toEqual(order);
        }
      }),
    );
  });
});

// ---------------------------------------------------------------- application
const appGood = (action: string): ApplicationContext => {
  const base: ApplicationContext = {
    now: NOW,
    note,
    call: { state: 'published', deadline: D('2026-07-01T00:00:00Z'), appealDeadline: null },
    application: { hasLead: true, hasPi: true, plan: 'Sample plan: a detailed technical route.', budgetTotal: 1_000_000, milestoneCount: 2, declarationsMissing: [], appealCount: 0 },
    eligibility: { outcome: action === 'mark_ineligible' ? 'ineligible' : 'eligible', reasons: [] },
    assignments: [{ id: 'x1', state: 'completed' }, { id: 'x2', state: 'completed' }, { id: 'x3', state: 'recused' }],
    minCompletedReviews: 2,
    milestones: [{ id: 'm1', state: 'paid' }, { id: 'm2', state: 'accepted' }],
    awardAmount: 2_000_000,
  };
  if (['start_review', 'shortlist', 'award', 'reject'].includes(action)) return { ...base, call: { ...base.call, state: 'under_review' } };
  if (action === 'appeal') return { ...base, call: { ...base.call, state: 'awarded', appealDeadline: D('2026-06-15T00:00:00Z') } };
  return base;
};
const appBreakers: Record<string, (c: ApplicationContext) => ApplicationContext> = {
  call_open: (c) => ({ ...c, call: { ...c.call, deadline: D('2026-05-01T00:00:00Z') } }),
  application_complete: (c) => ({ ...c, application: { ...c.application, plan: 'short', declarationsMissing: ['no_duplicate_funding'] } }),
  eligibility_eligible: (c) => ({ ...c, eligibility: { outcome: 'ineligible', reasons: [{ code: 'x', message: 'x' }] } }),
  eligibility_ineligible: (c) => ({ ...c, eligibility: { outcome: 'eligible', reasons: [] } }),
  call_in_review: (c) => ({ ...c, call: { ...c.call, state: 'closed' } }),
  call_deciding: (c) => ({ ...c, call: { ...c.call, state: 'closed' } }),
  reviews_complete: (c) => ({ ...c, assignments: [{ id: 'x1', state: 'completed' }, { id: 'x2', state: 'assigned' }] }),
  award_amount: (c) => ({ ...c, awardAmount: null }),
  appeal_window: (c) => ({ ...c, application: { ...c.application, appealCount: 1 } }),
  note_given: (c) => ({ ...c, note: null }),
  milestones_accepted: (c) => ({ ...c, milestones: [{ id: 'm1', state: 'paid' }, { id: 'm2', state: 'evidence_submitted' }] }),
};
tableTests(applicationWorkflow as unknown as AnyMachine<ApplicationContext>, ['applicant', 'officer', 'system'], appGood, appBreakers);

describe('application guards, in detail', () => {
  test('an officer may decide an open eligibility case only with a note', () => {
    const open: ApplicationContext = { ...appGood('mark_eligible'), eligibility: { outcome: 'needs_review', reasons: [{ code: 'unknown', message: 'x' }] } };
    expect(fire(applicationWorkflow, { state: 'submitted', action: 'mark_eligible', roles: ['officer'], context: open }).ok).toBe(true);
    expect(fire(applicationWorkflow, { state: 'submitted', action: 'mark_eligible', roles: ['officer'], context: { ...open, note: null } }).ok).toBe(false);
  });

  test('a decision can be appealed once, inside the window only', () => {
    const late = { ...appGood('appeal'), now: D('2026-06-16T00:00:00Z') };
    expect(fire(applicationWorkflow, { state: 'rejected', action: 'appeal', roles: ['applicant'], context: late })).toMatchObject({ ok: false, reasons: [{ code: 'appeal_window_closed' }] });
    expect(fire(applicationWorkflow, { state: 'rejected', action: 'appeal', roles: ['applicant'], context: appGood('appeal') }).ok).toBe(true);
  });
});

// ---------------------------------------------------------------- milestone
const msGood = (): MilestoneContext => ({ now: NOW, note, call: { state: 'in_execution' }, application: { state: 'awarded' }, evidenceCount: 1, verifierIsApplicant: false, tranche: { amount: 300_000, remaining: 1_000_000 } });
const msBreakers: Record<string, (c: MilestoneContext) => MilestoneContext> = {
  call_in_execution: (c) => ({ ...c, call: { state: 'awarded' } }),
  application_awarded: (c) => ({ ...c, application: { state: 'terminated' } }),
  evidence_given: (c) => ({ ...c, evidenceCount: 0 }),
  independent_verifier: (c) => ({ ...c, verifierIsApplicant: true }),
  note_given: (c) => ({ ...c, note: '' }),
  tranche_within_award: (c) => ({ ...c, tranche: { amount: 2_000_000, remaining: 1_000_000 } }),
};
tableTests(milestoneWorkflow as unknown as AnyMachine<MilestoneContext>, ['applicant', 'verifier', 'officer', 'system'], msGood, msBreakers);

describe('milestone payments', () => {
  test('property: a tranche is released only from accepted evidence, for exactly the tranche amount', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...milestoneWorkflow.transitions.map((t) => t.action)), fc.subarray(['applicant', 'verifier', 'officer', 'system'] as const), fc.boolean()), { maxLength: 25 }), (steps) => {
        let state: string = 'planned';
        for (const [action, roles, verifierIsApplicant] of steps) {
          const out = fire(milestoneWorkflow, { state: state as never, action, roles, context: { ...msGood(), verifierIsApplicant } });
          if (!out.ok) continue;
          const released = out.effects.filter((e) => e.type === 'release_tranche');
          if (released.length > 0) {
            expect(state).toBe('accepted');
            expect(released).toEqual([{ type: 'release_tranche', amount: 300_000 }]);
          }
          if (out.to === 'accepted') expect(verifierIsApplicant).toBe(false);
          state = out.to;
        }
      }),
    );
  });
});

// ---------------------------------------------------------------- assignment
const asGood = (): AssignmentContext => ({ now: NOW, note, application: { state: 'under_review' }, sheetIssues: [], unresolvedConflicts: 0 });
const asBreakers: Record<string, (c: AssignmentContext) => AssignmentContext> = {
  application_in_review: (c) => ({ ...c, application: { state: 'awarded' } }),
  application_undecided: (c) => ({ ...c, application: { state: 'rejected' } }),
  no_unresolved_conflict: (c) => ({ ...c, unresolvedConflicts: 1 }),
  score_sheet_valid: (c) => ({ ...c, sheetIssues: [{ code: 'score_missing', message: 'x', path: 'scores.novelty' }] }),
  note_given: (c) => ({ ...c, note: 'no' }),
};
tableTests(assignmentWorkflow as unknown as AnyMachine<AssignmentContext>, ['reviewer', 'officer'], asGood, asBreakers);

describe('the engine itself', () => {
  test('an inconsistent definition is refused with every problem', () => {
    expect(() =>
      defineMachine({
        id: 'broken',
        states: ['a', 'b', 'c', 'd'] as const,
        initial: 'a',
        final: ['b'],
        transitions: [
          { action: 'go', from: ['a'], to: 'b', roles: ['x'] },
          { action: 'go', from: ['a'], to: 'b', roles: ['x'] },
          { action: 'back', from: ['b'], to: 'a', roles: [] },
        ],
      }),
    ).toThrow(/defined twice from a.*nobody may take it.*leaves final state b.*state c cannot be reached.*state d cannot be reached/s);
  });

  test('all guard reasons are reported, not just the first', () => {
    const c = callGood('submit_for_review');
    const out = fire(callWorkflow, { state: 'draft', action: 'submit_for_review', roles: ['demand_owner'], context: { ...c, call: { ...c.call, ipTemplate: null, paymentSchedule: [], problem: null } } });
    expect(!out.ok && out.reasons.map((r) => r.code).sort()).toEqual(['ip_template_missing', 'payment_schedule_missing', 'problem_required']);
  });
});
