import { noteGiven, refusal } from './guards.js';
import { defineMachine, guard } from './machine.js';

/**
 * A demand (诉求) an enterprise raises, worked as a case: the owning
 * department accepts it (the response clock stops), works it, resolves it; the
 * enterprise confirms or reopens. A reopen within the window after a
 * resolution is what the reopen-aware metrics look for.
 */
export const DEMAND_STATES = ['received', 'accepted', 'in_progress', 'resolved', 'confirmed', 'reopened', 'withdrawn'] as const;
export type DemandState = (typeof DEMAND_STATES)[number];

export const DEMAND_ACTIONS = ['accept', 'transfer', 'start', 'resolve', 'confirm', 'reopen', 'withdraw'] as const;
export type DemandAction = (typeof DEMAND_ACTIONS)[number];

/**
 * Roles relative to the case: `enterprise` (a member of the enterprise),
 * `housekeeper` (its primary or backup housekeeper), `handler` (a member of
 * the owning department), `coordinator` (a coordinator the case has been
 * escalated to, or an administrator), `system` (the scheduler).
 */
export const DEMAND_ROLES = ['enterprise', 'housekeeper', 'handler', 'coordinator', 'system'] as const;
export type DemandRole = (typeof DEMAND_ROLES)[number];

/** States in which the case is someone's work to do (idle detection and SLA clocks run). */
export const OPEN_DEMAND_STATES: readonly DemandState[] = ['received', 'accepted', 'in_progress', 'reopened'];

export type DemandContext = {
  now: Date;
  note: string | null;
  /** When the case was last resolved (null before its first resolution). */
  resolvedAt: Date | null;
  /** Days after a resolution in which the enterprise may still reopen. */
  reopenWindowDays: number;
  /** For `transfer`: the department it goes to, and whether that differs from the current one. */
  transferTo: { departmentId: string | null; sameAsCurrent: boolean } | null;
};

export type DemandAudience = 'enterprise' | 'handlers' | 'housekeeper' | 'coordinators';
export type DemandTemplate =
  | 'demand_received'
  | 'demand_accepted'
  | 'demand_transferred'
  | 'demand_in_progress'
  | 'demand_resolved'
  | 'demand_confirmed'
  | 'demand_reopened'
  | 'demand_withdrawn'
  | 'demand_message'
  | 'demand_idle_reminder'
  | 'demand_escalated';

export type DemandEffect =
  | { type: 'notify'; audience: DemandAudience; template: DemandTemplate }
  /** Stamp a timestamp column with now. */
  | { type: 'stamp'; field: 'acceptedAt' | 'resolvedAt' | 'confirmedAt' | 'reopenedAt' }
  | { type: 'count_reopen' }
  | { type: 'route'; departmentId: string };

const DAY_MS = 86_400_000;

const withinReopenWindow = guard<DemandContext>('within_reopen_window', 'the case was resolved no longer ago than the reopen window', (c) => {
  if (!c.resolvedAt) return refusal('not_resolved', 'the case has not been resolved');
  const deadline = new Date(c.resolvedAt.getTime() + c.reopenWindowDays * DAY_MS);
  return c.now.getTime() <= deadline.getTime()
    ? null
    : refusal('reopen_window_passed', `the reopen window of ${c.reopenWindowDays} days after resolution ended on ${deadline.toISOString()}; raise a new demand instead`, { data: { deadline: deadline.toISOString(), days: c.reopenWindowDays } });
});

const transferTarget = guard<DemandContext>('transfer_target', 'another department is named', (c) => {
  if (!c.transferTo?.departmentId) return refusal('department_required', 'name the department the case goes to', { path: 'departmentId' });
  return c.transferTo.sameAsCurrent ? refusal('same_department', 'the case is already with that department', { path: 'departmentId' }) : null;
});

const notify = (audience: DemandAudience, template: DemandTemplate): DemandEffect => ({ type: 'notify', audience, template });

const WORKERS: readonly DemandRole[] = ['handler', 'housekeeper', 'coordinator'];

export const demandWorkflow = defineMachine<DemandState, DemandAction, DemandRole, DemandContext, DemandEffect>({
  id: 'demand',
  states: DEMAND_STATES,
  initial: 'received',
  final: ['withdrawn'],
  transitions: [
    { action: 'accept', from: ['received'], to: 'accepted', roles: WORKERS, effects: () => [{ type: 'stamp', field: 'acceptedAt' }, notify('enterprise', 'demand_accepted')], description: 'The owning department takes the case; the response clock stops.' },
    {
      action: 'transfer',
      from: ['received', 'accepted', 'in_progress', 'reopened'],
      to: 'received',
      roles: WORKERS,
      guards: [transferTarget, noteGiven('reason for the transfer')],
      effects: (c) => [{ type: 'route', departmentId: c.transferTo?.departmentId ?? '' }, notify('handlers', 'demand_transferred'), notify('enterprise', 'demand_transferred')],
      description: 'Hand the case to the department that owns it; it is received there afresh.',
    },
    { action: 'start', from: ['accepted', 'reopened'], to: 'in_progress', roles: WORKERS, effects: () => [notify('enterprise', 'demand_in_progress')] },
    { action: 'resolve', from: ['in_progress'], to: 'resolved', roles: WORKERS, guards: [noteGiven('resolution')], effects: () => [{ type: 'stamp', field: 'resolvedAt' }, notify('enterprise', 'demand_resolved'), notify('housekeeper', 'demand_resolved')] },
    { action: 'confirm', from: ['resolved'], to: 'confirmed', roles: ['enterprise', 'system'], effects: () => [{ type: 'stamp', field: 'confirmedAt' }, notify('handlers', 'demand_confirmed')], description: 'The enterprise confirms; the scheduler confirms for it once the confirmation period has passed.' },
    {
      action: 'reopen',
      from: ['resolved', 'confirmed'],
      to: 'reopened',
      roles: ['enterprise'],
      guards: [withinReopenWindow, noteGiven('reason for reopening')],
      effects: () => [{ type: 'stamp', field: 'reopenedAt' }, { type: 'count_reopen' }, notify('handlers', 'demand_reopened'), notify('housekeeper', 'demand_reopened')],
    },
    { action: 'withdraw', from: ['received', 'accepted', 'in_progress', 'reopened'], to: 'withdrawn', roles: ['enterprise'], guards: [noteGiven('reason')], effects: () => [notify('handlers', 'demand_withdrawn'), notify('housekeeper', 'demand_withdrawn')] },
  ],
});

/** The package a housekeeper keeps with a key enterprise: drafted, offered, signed off by the enterprise, ended. */
export const PACKAGE_STATES = ['draft', 'offered', 'signed', 'ended'] as const;
export type PackageState = (typeof PACKAGE_STATES)[number];
export const PACKAGE_ACTIONS = ['offer', 'sign', 'return', 'end'] as const;
export type PackageAction = (typeof PACKAGE_ACTIONS)[number];
export type PackageRole = 'housekeeper' | 'officer' | 'enterprise';
export type PackageContext = { note: string | null; serviceCount: number };

const servicesListed = guard<PackageContext>('services_listed', 'the package promises at least one service', (c) =>
  c.serviceCount > 0 ? null : refusal('services_required', 'list at least one promised service before offering the package', { path: 'services' }),
);

export const packageWorkflow = defineMachine<PackageState, PackageAction, PackageRole, PackageContext, DemandEffect>({
  id: 'service_package',
  states: PACKAGE_STATES,
  initial: 'draft',
  final: ['ended'],
  transitions: [
    { action: 'offer', from: ['draft'], to: 'offered', roles: ['housekeeper', 'officer'], guards: [servicesListed], description: 'Show the package to the enterprise for sign-off.' },
    { action: 'sign', from: ['offered'], to: 'signed', roles: ['enterprise'], description: 'The enterprise signs the package off.' },
    { action: 'return', from: ['offered'], to: 'draft', roles: ['enterprise', 'housekeeper', 'officer'], guards: [noteGiven('comment')], description: 'Send it back for changes, with a comment.' },
    { action: 'end', from: ['draft', 'offered', 'signed'], to: 'ended', roles: ['officer', 'housekeeper'], guards: [noteGiven('reason')] },
  ],
});
