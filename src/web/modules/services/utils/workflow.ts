import type { Demand, ServiceSettings } from '../types.js';

const DAY_MS = 86_400_000;

/** Without the settings (still loading, or unreachable): the actions that need a note, as the workflows define them. */
const NOTE_FALLBACK: Readonly<Record<string, readonly string[]>> = {
  demand: ['transfer', 'resolve', 'reopen', 'withdraw'],
  service_package: ['return', 'end'],
};

/** True when the workflow's transition has a guard asking for a note (`note_given`). */
export const needsNote = (settings: ServiceSettings | undefined, workflowId: 'demand' | 'service_package', action: string): boolean => {
  const machine = settings?.workflows.find((w) => w.id === workflowId);
  if (!machine) return NOTE_FALLBACK[workflowId]?.includes(action) ?? false;
  return machine.transitions.some((tr) => tr.action === action && tr.guards.some((g) => g.id === 'note_given'));
};

/** True when the transition names a department (a transfer). */
export const needsDepartment = (settings: ServiceSettings | undefined, action: string): boolean => {
  const machine = settings?.workflows.find((w) => w.id === 'demand');
  if (!machine) return action === 'transfer';
  return machine.transitions.some((tr) => tr.action === action && tr.guards.some((g) => g.id === 'transfer_target'));
};

/** Until when the enterprise may reopen a resolved case (null when it has not been resolved). */
export const reopenDeadline = (d: Pick<Demand, 'resolvedAt' | 'reopenWindowDays'>): Date | null =>
  d.resolvedAt ? new Date(Date.parse(d.resolvedAt) + d.reopenWindowDays * DAY_MS) : null;

/** Reasons that only ask for input the dialog collects; the action is not blocked by them. */
export const INPUT_REASONS: ReadonlySet<string> = new Set(['note_required', 'department_required']);
