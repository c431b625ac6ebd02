import { z } from 'zod';
import { ZAttachment } from './files.js';
import { ZId } from './common.js';

/**
 * Key-enterprise services (issue 6): departments, service packages, visits and
 * demands. State and action names mirror core/workflow/demand.ts.
 */
export const DEMAND_TYPES = ['financing', 'talent_housing', 'land_space', 'approvals', 'market_access', 'scenario_access', 'ip', 'policy_question', 'other'] as const;
export const ZDemandType = z.enum(DEMAND_TYPES);
export const DEMAND_STATES = ['received', 'accepted', 'in_progress', 'resolved', 'confirmed', 'reopened', 'withdrawn'] as const;
export const DEMAND_ACTIONS = ['accept', 'transfer', 'start', 'resolve', 'confirm', 'reopen', 'withdraw'] as const;
export const PACKAGE_STATES = ['draft', 'offered', 'signed', 'ended'] as const;
export const PACKAGE_ACTIONS = ['offer', 'sign', 'return', 'end'] as const;
export const DEPARTMENT_LEVELS = ['park', 'district', 'municipal'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const ZDateOnly = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'use YYYY-MM-DD');
const ZNamed = z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string().nullable() });
const ZUserRef = z.object({ id: z.string(), displayName: z.string() });

export const ZDepartmentInput = z.object({
  nameZh: text(120),
  nameEn: text(120),
  level: z.enum(DEPARTMENT_LEVELS),
  areaId: ZId.nullable().default(null),
  demandTypes: z.array(ZDemandType).max(DEMAND_TYPES.length).default([]),
  isCoordinator: z.boolean().default(false),
  memberUserIds: z.array(ZId).max(200).default([]),
});
export const ZDepartment = ZDepartmentInput.extend({ id: z.string(), isSample: z.boolean(), version: z.number().int(), members: z.array(ZUserRef) });
export type TDepartment = z.infer<typeof ZDepartment>;

export const ZPromisedService = z.object({
  code: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a short lower-case code'),
  titleZh: text(200),
  titleEn: text(200),
  slaDays: z.number().int().min(1).max(365).nullable().default(null),
  notes: z.string().trim().max(2000).nullable().default(null),
});

export const ZPackageInput = z.object({
  enterpriseId: ZId,
  /** `tier:<recognition type>` when the enterprise is key by a tier, `list` when an officer put it on the key list. */
  keyBasis: z.string().trim().regex(/^(list|tier:[a-z0-9_.-]{1,60})$/, 'list, or tier:<recognition type>'),
  primaryHousekeeperId: ZId,
  backupHousekeeperId: ZId.nullable().default(null),
  services: z.array(ZPromisedService).max(40).default([]),
  checkInEveryDays: z.number().int().min(7).max(365).default(90),
  nextCheckInOn: ZDateOnly,
});
/** Only what is sent changes (no defaults here: an absent field keeps its value). */
export const ZPackagePatch = z.object({
  version: z.number().int().min(1),
  keyBasis: ZPackageInput.shape.keyBasis.optional(),
  primaryHousekeeperId: ZId.optional(),
  backupHousekeeperId: ZId.nullable().optional(),
  services: z.array(ZPromisedService).max(40).optional(),
  checkInEveryDays: z.number().int().min(7).max(365).optional(),
  nextCheckInOn: ZDateOnly.optional(),
});

const ZAvailableAction = z.object({ action: z.string(), to: z.string(), allowed: z.boolean(), reasons: z.array(z.object({ code: z.string(), message: z.string(), path: z.string().optional() })) });

export const ZPackage = z.object({
  id: z.string(),
  enterprise: ZNamed,
  keyBasis: z.string(),
  primaryHousekeeper: ZUserRef,
  backupHousekeeper: ZUserRef.nullable(),
  services: z.array(ZPromisedService),
  checkInEveryDays: z.number().int(),
  nextCheckInOn: z.string(),
  checkInDue: z.boolean(),
  state: z.enum(PACKAGE_STATES),
  signedAt: z.date().nullable(),
  signedBy: z.string().nullable(),
  isSample: z.boolean(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
  actions: z.array(ZAvailableAction),
});
export type TPackage = z.infer<typeof ZPackage>;

export const ZKeyCandidate = z.object({ enterprise: ZNamed, tiers: z.array(z.string()), areaId: z.string().nullable(), hasPackage: z.boolean() });

export const ZVisitParticipant = z.object({ name: text(80), side: z.enum(['government', 'enterprise']), role: z.string().trim().max(80).nullable().default(null) });

export const ZDemandDraft = z.object({ type: ZDemandType, title: text(200), description: text(5000) });

export const ZVisitInput = z.object({
  enterpriseId: ZId,
  visitedOn: ZDateOnly,
  participants: z.array(ZVisitParticipant).min(1).max(40),
  topics: z.array(text(80)).min(1).max(20),
  notes: z.string().trim().max(10_000).nullable().default(null),
  /** Needs raised in the visit, each becoming a demand routed to its department. */
  demands: z.array(ZDemandDraft).max(20).default([]),
});
export const ZVisit = z.object({
  id: z.string(),
  enterprise: ZNamed,
  packageId: z.string().nullable(),
  visitedOn: z.string(),
  participants: z.array(ZVisitParticipant),
  topics: z.array(z.string()),
  notes: z.string().nullable(),
  demandIds: z.array(z.string()),
  isSample: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
});

export const ZDemandInput = ZDemandDraft.extend({
  /** Officers name the enterprise; an enterprise member's own organisation is used otherwise. */
  enterpriseId: ZId.optional(),
});

const ZClock = z.object({ dueAt: z.date(), state: z.enum(['running', 'overdue', 'met', 'missed', 'stopped']), marginMs: z.number().nullable(), stoppedAt: z.date().nullable() });

export const ZDemandSummary = z.object({
  id: z.string(),
  reference: z.string(),
  enterprise: ZNamed,
  type: ZDemandType,
  title: z.string(),
  state: z.enum(DEMAND_STATES),
  department: z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
  areaId: z.string().nullable(),
  receivedAt: z.date(),
  lastActivityAt: z.date(),
  escalationLevel: z.number().int(),
  reopenCount: z.number().int(),
  rating: z.number().int().nullable(),
  response: ZClock,
  resolution: ZClock,
  isSample: z.boolean(),
});
export type TDemandSummary = z.infer<typeof ZDemandSummary>;

/** A page of the ledger. `total` is exact up to DEMAND_COUNT_CAP; past it, the cap with `totalAtLeast`. */
export const ZDemandPage = z.object({ total: z.number().int(), totalAtLeast: z.boolean(), items: z.array(ZDemandSummary) });
export type TDemandPage = z.infer<typeof ZDemandPage>;

export const ZDemandEvent = z.object({
  id: z.string(),
  kind: z.enum(['message', 'transition', 'reminder', 'escalation', 'routed']),
  action: z.string().nullable(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  body: z.string().nullable(),
  internal: z.boolean(),
  authorLabel: z.string(),
  authorIsEnterprise: z.boolean(),
  /** Files this entry carries (an entry with files may have no text). */
  attachments: z.array(ZAttachment),
  createdAt: z.date(),
});

export const ZDemand = ZDemandSummary.extend({
  description: z.string(),
  visitId: z.string().nullable(),
  acceptedAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  confirmedAt: z.date().nullable(),
  ratingComment: z.string().nullable(),
  version: z.number().int(),
  events: z.array(ZDemandEvent),
  actions: z.array(ZAvailableAction),
  /** What the viewer may do besides transitions. */
  can: z.object({ message: z.boolean(), internalNote: z.boolean(), rate: z.boolean() }),
  reopenWindowDays: z.number().int(),
});
export type TDemand = z.infer<typeof ZDemand>;

export const ZDemandListQuery = z.object({
  state: z.enum([...DEMAND_STATES, 'open']).optional(),
  type: ZDemandType.optional(),
  departmentId: ZId.optional(),
  enterpriseId: ZId.optional(),
  /** Cases the caller works: their department's, their enterprises' as housekeeper, those escalated to them. */
  mine: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Received in this year (the centre's time zone): the cases a derived figure for the year counts. */
  year: z.coerce.number().int().min(1900).max(2999).optional(),
  /** Only cases the enterprise rated (true) or did not rate (false). */
  rated: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The ledger counts matching cases up to this many; past it the total is the cap and `totalAtLeast` is true ("more than 1,000"). */
export const DEMAND_COUNT_CAP = 1_000;

export const ZDemandTransition = z.object({
  action: z.enum(DEMAND_ACTIONS),
  note: z.string().trim().max(5000).nullable().default(null),
  departmentId: ZId.nullable().default(null),
  version: z.number().int().min(1).optional(),
});
export const ZDemandMessage = z.object({ body: text(5000), internal: z.boolean().default(false) });
export const ZDemandRating = z.object({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).nullable().default(null) });

export const ZRate = z.object({ numerator: z.number().int(), denominator: z.number().int(), value: z.number().nullable() });
export const ZServiceMetrics = z.object({
  received: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  withdrawn: z.number().int(),
  responseOnTime: ZRate,
  resolutionOnTime: ZRate,
  reopenAwareResolution: ZRate,
  satisfaction: z.object({ mean: z.number().nullable(), count: z.number().int() }),
});
export const ZMetricsQuery = z.object({
  from: ZDateOnly.optional(),
  to: ZDateOnly.optional(),
  groupBy: z.enum(['department', 'district', 'type']).default('department'),
  reopenDays: z.coerce.number().int().min(0).max(90).optional(),
});
export const ZMetricsReport = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  reopenDays: z.number().int(),
  total: ZServiceMetrics,
  groups: z.array(z.object({ key: z.string().nullable(), nameZh: z.string().nullable(), nameEn: z.string().nullable(), metrics: ZServiceMetrics })),
  /** By month of receipt (in the centre's time zone), oldest first. */
  trend: z.array(z.object({ period: z.string(), metrics: ZServiceMetrics })),
});

export const ZTopicCluster = z.object({
  keywords: z.array(z.string()),
  demands: z.array(z.object({ id: z.string(), reference: z.string(), title: z.string(), type: ZDemandType, state: z.string() })),
  enterprises: z.array(ZNamed),
  cohesion: z.number(),
});

export const ZEnterpriseServiceView = z.object({
  enterprise: ZNamed.extend({ areaId: z.string().nullable(), kind: z.string().nullable(), tiers: z.array(z.string()), isSample: z.boolean() }),
  package: ZPackage.nullable(),
  openDemands: z.array(ZDemandSummary),
  closedDemands: z.array(ZDemandSummary),
  visits: z.array(ZVisit),
  applications: z.array(z.object({ id: z.string(), callId: z.string(), callTitleZh: z.string().nullable(), callTitleEn: z.string().nullable(), title: z.string(), state: z.string() })),
});
