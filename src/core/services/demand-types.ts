/**
 * The kinds of need a visit or an enterprise can raise, with the platform's
 * default service levels. These are configuration a centre may change (per
 * department), not figures from any source.
 */
import { DEMAND_TYPES } from '../../shared/schemas/services.js';

export { DEMAND_TYPES };
export type DemandType = (typeof DEMAND_TYPES)[number];

export type ServiceLevel = {
  /** Hours from receipt to acceptance by the owning department. */
  respondHours: number;
  /** Days from receipt to resolution. */
  resolveDays: number;
};

export const DEFAULT_SERVICE_LEVELS: Readonly<Record<DemandType, ServiceLevel>> = {
  financing: { respondHours: 48, resolveDays: 30 },
  talent_housing: { respondHours: 48, resolveDays: 30 },
  land_space: { respondHours: 48, resolveDays: 45 },
  approvals: { respondHours: 24, resolveDays: 20 },
  market_access: { respondHours: 48, resolveDays: 30 },
  scenario_access: { respondHours: 48, resolveDays: 30 },
  ip: { respondHours: 48, resolveDays: 20 },
  policy_question: { respondHours: 24, resolveDays: 5 },
  other: { respondHours: 48, resolveDays: 15 },
};

/** How the case ladder works: reminders, then escalation by idle days; reopen and confirmation windows. */
export type LadderSettings = {
  /** Remind the people working the case after this many idle days. */
  remindAfterDays: number;
  /** Escalate to the district coordinator (level 1), then the municipal coordinator (level 2), after these many idle days. */
  escalateAfterDays: readonly [number, number];
  /** A case reopened within this many days of a resolution does not count as resolved. */
  reopenWindowDays: number;
  /** Resolved cases the enterprise neither confirms nor reopens are confirmed by the system after this many days. */
  autoConfirmDays: number;
};

export const DEFAULT_LADDER: LadderSettings = { remindAfterDays: 3, escalateAfterDays: [5, 10], reopenWindowDays: 7, autoConfirmDays: 14 };

export const ESCALATION_LEVELS = ['housekeeper', 'district', 'municipal'] as const;
export type EscalationLevel = 0 | 1 | 2;
