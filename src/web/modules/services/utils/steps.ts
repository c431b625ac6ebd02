import type { DemandEvent } from '../types.js';

/** The main line of a case, the states the step indicator shows. */
export const DEMAND_STEPS = ['received', 'accepted', 'in_progress', 'resolved', 'confirmed'] as const;

export type StepsView = {
  current: number;
  status: 'process' | 'finish' | 'error' | 'wait';
  /** Shown under the current step: the case was reopened or withdrawn there. */
  note: 'reopened' | 'withdrawn' | null;
};

/**
 * Where a case stands on the main line. A reopened case is back at "in
 * progress" (flagged); a withdrawn one stops where it was withdrawn (the
 * state it left, read from the thread); a confirmed one is finished.
 */
export const demandSteps = (state: string, events: readonly Pick<DemandEvent, 'kind' | 'action' | 'fromState' | 'createdAt'>[] = []): StepsView => {
  const index = (s: string) => DEMAND_STEPS.indexOf(s as (typeof DEMAND_STEPS)[number]);
  if (state === 'confirmed') return { current: 4, status: 'finish', note: null };
  if (state === 'reopened') return { current: index('in_progress'), status: 'error', note: 'reopened' };
  if (state === 'withdrawn') {
    const last = [...events].filter((e) => e.kind === 'transition' && e.action === 'withdraw').sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
    const from = last?.fromState === 'reopened' ? 'in_progress' : (last?.fromState ?? 'received');
    return { current: Math.max(0, index(from)), status: 'error', note: 'withdrawn' };
  }
  const i = index(state);
  return { current: Math.max(0, i), status: 'process', note: null };
};

/**
 * When the case last entered each step of the main line (the thread's
 * transitions; receipt for the first step), for the step indicator.
 */
export const stepTimes = (receivedAt: string, events: readonly Pick<DemandEvent, 'kind' | 'toState' | 'createdAt'>[]): Partial<Record<(typeof DEMAND_STEPS)[number], string>> => {
  const out: Partial<Record<(typeof DEMAND_STEPS)[number], string>> = { received: receivedAt };
  for (const e of [...events].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))) {
    if (e.kind !== 'transition' || !e.toState || e.toState === 'received') continue;
    if ((DEMAND_STEPS as readonly string[]).includes(e.toState)) out[e.toState as (typeof DEMAND_STEPS)[number]] = e.createdAt;
  }
  return out;
};

export const PACKAGE_STEPS = ['draft', 'offered', 'signed'] as const;

/** Where a package stands: drafted, offered, signed off; an ended one is marked where it ended (at its last step). */
export const packageSteps = (state: string): StepsView => {
  if (state === 'ended') return { current: 2, status: 'error', note: null };
  if (state === 'signed') return { current: 2, status: 'finish', note: null };
  return { current: Math.max(0, PACKAGE_STEPS.indexOf(state as (typeof PACKAGE_STEPS)[number])), status: 'process', note: null };
};
