import { z } from 'zod';
import { ZId } from './common.js';
import { ZAttachment } from './files.js';

/**
 * The calls engine's API shapes (issue 5). State and action names mirror the
 * workflows in core/workflow (the server checks they agree).
 */
export const CALL_STATES = ['draft', 'internal_review', 'published', 'closed', 'under_review', 'awarded', 'in_execution', 'accepted', 'terminated'] as const;
export const CALL_ACTIONS = ['submit_for_review', 'return_to_draft', 'publish', 'close', 'start_review', 'award', 'start_execution', 'accept', 'terminate'] as const;
export const APPLICATION_STATES = ['draft', 'submitted', 'eligible', 'ineligible', 'under_review', 'shortlisted', 'awarded', 'rejected', 'appealed', 'withdrawn', 'completed', 'terminated'] as const;
export const APPLICATION_ACTIONS = ['submit', 'withdraw', 'mark_eligible', 'mark_ineligible', 'start_review', 'shortlist', 'award', 'reject', 'appeal', 'uphold_appeal', 'dismiss_appeal', 'complete', 'terminate'] as const;
export const MILESTONE_STATES = ['planned', 'evidence_submitted', 'accepted', 'rejected', 'paid', 'cancelled'] as const;
export const MILESTONE_ACTIONS = ['submit_evidence', 'accept', 'reject', 'release_payment', 'cancel'] as const;
export const ASSIGNMENT_STATES = ['assigned', 'completed', 'recused'] as const;
export const ASSIGNMENT_ACTIONS = ['recuse', 'reopen', 'reinstate'] as const;

/** Kinds of programme the engine runs; 揭榜挂帅 is `unveil_list`. */
export const PROGRAMME_KINDS = ['unveil_list', 'scenario', 'grant', 'talent', 'recognition'] as const;

/**
 * IP terms templates (HeroX/Wazoku pattern): chosen before publication and
 * frozen with the call. The text is the platform's summary of the template;
 * a centre's legal text belongs in its programme documents.
 */
export const IP_TEMPLATES = {
  team_retains_licence: 'The team keeps ownership of results; the demand owner receives a non-exclusive, royalty-free licence for its own use.',
  demand_owner_acquires: 'Ownership of results passes to the demand owner on acceptance, against the award; the team keeps a licence for research.',
  shared: 'Results are jointly owned by the team and the demand owner; exploitation terms are agreed in the task agreement.',
  open_source: 'Results are published under an open licence named in the task agreement.',
  negotiated: 'Ownership and licences are negotiated in the task agreement before work starts.',
} as const;
export type TIpTemplate = keyof typeof IP_TEMPLATES;
export const ZIpTemplate = z.enum(Object.keys(IP_TEMPLATES) as [TIpTemplate, ...TIpTemplate[]]);

const text = (max: number) => z.string().trim().min(1).max(max);
/** Dotted field codes: `ict`, `ict.semiconductor`, `ict.semiconductor.lithography`. */
export const ZFieldCode = z.string().trim().regex(/^[a-z0-9_]+(\.[a-z0-9_]+){0,5}$/, 'a dotted lower-case field code');
export const ZDateOnly = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'use YYYY-MM-DD');

export const ZEligibilityRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lead_category'), allowed: z.array(text(40)).min(1).max(20) }),
  z.object({ kind: z.literal('consortium_size'), min: z.number().int().min(1).max(50), max: z.number().int().min(1).max(50) }),
  z.object({ kind: z.literal('budget_cap'), max: z.number().positive() }),
  z.object({ kind: z.literal('cofunding_share'), min: z.number().min(0).max(100) }),
  z.object({ kind: z.literal('declarations'), required: z.array(text(60)).min(1).max(20) }),
  z.object({ kind: z.literal('trl_gap'), maxGap: z.number().int().min(0).max(8) }),
  z.object({ kind: z.literal('active_awards_cap'), max: z.number().int().min(1).max(50) }),
]);
export type TEligibilityRule = z.infer<typeof ZEligibilityRule>;

const criterionBase = { id: ZFieldCode, label: text(120), weight: z.number().positive().max(100), commentBelow: z.number().nullable().default(null), threshold: z.number().nullable().default(null) };
export const ZScoringCriterion = z.discriminatedUnion('kind', [
  z.object({ ...criterionBase, kind: z.literal('numeric'), min: z.number(), max: z.number() }),
  z.object({ ...criterionBase, kind: z.literal('rating'), scale: z.number().int().min(2).max(10) }),
  z.object({ ...criterionBase, kind: z.literal('pass_fail') }),
]);
export const ZScoringForm = z.object({ criteria: z.array(ZScoringCriterion).min(1).max(30), aggregation: z.enum(['mean', 'median']), overallThreshold: z.number().min(0).max(100).nullable().default(null) });
export type TScoringForm = z.infer<typeof ZScoringForm>;

export const ZProgrammeSettings = z.object({
  form: ZScoringForm,
  minReviewers: z.number().int().min(1).max(20).default(3),
  minCompletedReviews: z.number().int().min(1).max(20).default(2),
  coiYears: z.number().int().min(0).max(20).default(3),
  consortiumYears: z.number().int().min(0).max(20).default(3),
  appealDays: z.number().int().min(1).max(90).default(10),
  requiredDeclarations: z.array(text(60)).max(20).default([]),
  discloseReviewers: z.boolean().default(false),
});
export type TProgrammeSettings = z.infer<typeof ZProgrammeSettings>;

export const ZProgrammeInput = z.object({
  kind: z.enum(PROGRAMME_KINDS),
  titleZh: text(200).nullable().default(null),
  titleEn: text(300),
  year: z.number().int().min(2000).max(2100).nullable().default(null),
  description: z.string().trim().max(5000).nullable().default(null),
  settings: ZProgrammeSettings,
  isSample: z.boolean().default(false),
});
export const ZProgramme = ZProgrammeInput.extend({ id: z.string(), centreId: z.string(), createdAt: z.date() });

export const ZComparator = z.enum(['>=', '<=', '>', '<', '=']);
export const ZCriterionInput = z.object({ metric: text(200), unit: text(40), comparator: ZComparator, threshold: z.number().finite(), testMethod: text(1000) });
export const ZCriterion = ZCriterionInput.extend({ comparator: z.string(), id: z.string(), position: z.number().int(), resultValue: z.number().nullable(), resultMet: z.boolean().nullable(), resultNote: z.string().nullable() });
export const ZPaymentTranche = z.object({ label: text(120), share: z.number().positive().max(100) });

const callFields = {
  titleZh: text(200).nullable(),
  titleEn: text(300),
  problem: z.string().trim().max(10_000).nullable(),
  fieldCodes: z.array(ZFieldCode).max(20),
  chainPosition: z.string().trim().max(200).nullable(),
  trlExpected: z.number().int().min(1).max(9).nullable(),
  budget: z.number().positive().nullable(),
  paymentSchedule: z.array(ZPaymentTranche).max(20),
  deadline: z.iso.datetime({ offset: true }).nullable(),
  eligibilityRules: z.array(ZEligibilityRule).max(20),
  ipTemplate: ZIpTemplate.nullable(),
  decisionMemo: z.string().trim().max(10_000).nullable(),
  acceptanceCriteria: z.array(ZCriterionInput).max(30),
};
export const ZCallInput = z.object({
  programmeId: ZId,
  ownerEntityId: ZId,
  isSample: z.boolean().default(false),
  titleZh: callFields.titleZh.default(null),
  titleEn: callFields.titleEn,
  problem: callFields.problem.default(null),
  fieldCodes: callFields.fieldCodes.default([]),
  chainPosition: callFields.chainPosition.default(null),
  trlExpected: callFields.trlExpected.default(null),
  budget: callFields.budget.default(null),
  paymentSchedule: callFields.paymentSchedule.default([]),
  deadline: callFields.deadline.default(null),
  eligibilityRules: callFields.eligibilityRules.default([]),
  ipTemplate: callFields.ipTemplate.default(null),
  acceptanceCriteria: callFields.acceptanceCriteria.default([]),
});
export type TCallInput = z.infer<typeof ZCallInput>;
/** A change names only what it changes; after publication a note is required and the change is logged publicly. */
export const ZCallPatch = z
  .object({ version: z.number().int().min(1), note: z.string().trim().max(2000).nullable().default(null), ...Object.fromEntries(Object.entries(callFields).map(([k, v]) => [k, v.optional()])) } as { version: z.ZodNumber; note: z.ZodDefault<z.ZodNullable<z.ZodString>> } & { [K in keyof typeof callFields]: z.ZodOptional<(typeof callFields)[K]> })
  .refine((p) => Object.keys(p).some((k) => k !== 'version' && k !== 'note'), { message: 'change at least one field', params: { reason: 'empty_patch' } });
export type TCallPatch = z.infer<typeof ZCallPatch>;

export const ZChangeLogEntry = z.object({ at: z.date(), entry: z.string(), changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })), note: z.string().nullable() });

export const ZRefusalAction = z.object({ action: z.string(), to: z.string(), allowed: z.boolean(), reasons: z.array(z.object({ code: z.string(), message: z.string(), path: z.string().optional() })) });

export const ZCall = z.object({
  id: z.string(),
  centreId: z.string(),
  programmeId: z.string(),
  programmeKind: z.string(),
  state: z.enum(CALL_STATES),
  titleZh: z.string().nullable(),
  titleEn: z.string(),
  problem: z.string().nullable(),
  fieldCodes: z.array(z.string()),
  chainPosition: z.string().nullable(),
  trlExpected: z.number().nullable(),
  budget: z.number().nullable(),
  currency: z.string(),
  paymentSchedule: z.array(ZPaymentTranche),
  deadline: z.date().nullable(),
  eligibilityRules: z.array(ZEligibilityRule),
  ipTemplate: z.string().nullable(),
  frozenTerms: z.object({ ipTemplate: z.string(), ipText: z.string(), paymentSchedule: z.array(ZPaymentTranche), frozenAt: z.string() }).nullable(),
  owner: z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string() }),
  decisionMemo: z.string().nullable(),
  appealDeadline: z.date().nullable(),
  publishedAt: z.date().nullable(),
  awardedAt: z.date().nullable(),
  isSample: z.boolean(),
  version: z.number().int(),
  acceptanceCriteria: z.array(ZCriterion),
  changeLog: z.array(ZChangeLogEntry),
  /** The panel's names, published after the decision when the programme discloses them (never who scored what). */
  panel: z.array(z.string()).nullable(),
  /** What the signed-in user may do next, each with the reasons it is blocked. */
  actions: z.array(ZRefusalAction),
});
export type TCall = z.infer<typeof ZCall>;

export const ZCallSummary = ZCall.pick({ id: true, programmeId: true, programmeKind: true, state: true, titleZh: true, titleEn: true, fieldCodes: true, chainPosition: true, trlExpected: true, budget: true, currency: true, deadline: true, owner: true, isSample: true });
export const ZCallListQuery = z.object({
  state: z.enum(CALL_STATES).optional(),
  field: ZFieldCode.optional(),
  chain: z.string().trim().max(200).optional(),
  trl: z.coerce.number().int().min(1).max(9).optional(),
  programmeId: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** A transition request: the action and, where the guard asks for one, a note (reason, answer, verification note). */
export const ZTransitionInput = <A extends readonly [string, ...string[]]>(actions: A) =>
  z.object({ action: z.enum(actions), note: z.string().trim().max(5000).nullable().default(null), awardAmount: z.number().positive().optional() });

export const ZTransitionResult = z.object({ id: z.string(), from: z.string(), to: z.string(), version: z.number().int().optional(), cascaded: z.array(z.object({ resource: z.string(), id: z.string(), from: z.string(), to: z.string() })) });

export const ZMilestoneInput = z.object({ title: text(200), deliverable: text(2000), verification: text(2000), dueOn: ZDateOnly, trancheShare: z.number().min(0).max(100) });
export const ZBudget = z.object({ total: z.number().min(0), selfFunded: z.number().min(0).nullable().default(null), items: z.array(z.object({ label: text(200), amount: z.number().min(0) })).max(100).default([]) });

const applicationFields = {
  title: text(300),
  leadEntityId: ZId.nullable(),
  partnerEntityIds: z.array(ZId).max(20),
  piEntityId: ZId.nullable(),
  memberEntityIds: z.array(ZId).max(50),
  plan: z.string().trim().max(50_000).nullable(),
  budget: ZBudget,
  declarations: z.record(z.string().max(60), z.boolean()),
  excludedEntityIds: z.array(ZId).max(20),
  teamTrl: z.number().int().min(1).max(9).nullable(),
  milestones: z.array(ZMilestoneInput).max(20),
};
export const ZApplicationInput = z.object({
  title: applicationFields.title,
  leadEntityId: applicationFields.leadEntityId.default(null),
  partnerEntityIds: applicationFields.partnerEntityIds.default([]),
  piEntityId: applicationFields.piEntityId.default(null),
  memberEntityIds: applicationFields.memberEntityIds.default([]),
  plan: applicationFields.plan.default(null),
  budget: applicationFields.budget.default({ total: 0, selfFunded: null, items: [] }),
  declarations: applicationFields.declarations.default({}),
  excludedEntityIds: applicationFields.excludedEntityIds.default([]),
  teamTrl: applicationFields.teamTrl.default(null),
  milestones: applicationFields.milestones.default([]),
});
export type TApplicationInput = z.infer<typeof ZApplicationInput>;
export const ZApplicationPatch = z
  .object({ version: z.number().int().min(1), ...Object.fromEntries(Object.entries(applicationFields).map(([k, v]) => [k, v.optional()])) } as { version: z.ZodNumber } & { [K in keyof typeof applicationFields]: z.ZodOptional<(typeof applicationFields)[K]> })
  .refine((p) => Object.keys(p).some((k) => k !== 'version'), { message: 'change at least one field', params: { reason: 'empty_patch' } });
export type TApplicationPatch = z.infer<typeof ZApplicationPatch>;

export const ZEvidenceItem = z.object({ kind: z.enum(['lab_report', 'test_certificate', 'end_user_signoff', 'dataset', 'prototype_demo', 'publication', 'other']), description: text(2000), reference: z.string().trim().max(500).nullable().default(null) });

export { ZAttachment, type TAttachment } from './files.js';

export const ZMilestone = ZMilestoneInput.extend({
  id: z.string(),
  position: z.number().int(),
  state: z.enum(MILESTONE_STATES),
  evidence: z.array(z.object({ kind: z.string(), description: z.string(), reference: z.string().nullable() })),
  verificationNote: z.string().nullable(),
  submittedAt: z.date().nullable(),
  verifiedAt: z.date().nullable(),
  paidAmount: z.number().nullable(),
  paidAt: z.date().nullable(),
  /** Tranche this milestone pays when accepted (share of the award). */
  trancheAmount: z.number().nullable(),
  slip: z.object({ status: z.string(), slipDays: z.number() }),
  /** Evidence files. */
  attachments: z.array(ZAttachment),
  version: z.number().int(),
});

export const ZEntityRef = z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string() });
export const ZCriterionScore = z.object({ id: z.string(), value: z.number().nullable(), normalised: z.number().nullable(), passed: z.boolean().nullable(), n: z.number().int() });

export const ZApplication = z.object({
  id: z.string(),
  callId: z.string(),
  state: z.enum(APPLICATION_STATES),
  title: z.string(),
  lead: ZEntityRef.nullable(),
  partners: z.array(ZEntityRef),
  pi: ZEntityRef.nullable(),
  members: z.array(ZEntityRef),
  plan: z.string().nullable(),
  budget: ZBudget,
  declarations: z.record(z.string(), z.boolean()),
  excludedEntityIds: z.array(z.string()),
  teamTrl: z.number().nullable(),
  eligibility: z.object({ outcome: z.string(), results: z.array(z.object({ rule: z.string(), status: z.string(), code: z.string(), message: z.string(), path: z.string().optional() })) }).nullable(),
  awardAmount: z.number().nullable(),
  submittedAt: z.date().nullable(),
  decidedAt: z.date().nullable(),
  version: z.number().int(),
  milestones: z.array(ZMilestone),
  /** Files of the bid (technical plan, letters of support …). */
  attachments: z.array(ZAttachment),
  /** The form reviewers score this application on: its programme's, or for a foundation grant the form of the review track it chose. */
  scoringForm: ZScoringForm.nullable(),
  /** After a decision: the aggregated scores and each anonymous sheet (reviewers stay anonymous to applicants). */
  scores: z
    .object({ total: z.number().nullable(), passed: z.boolean().nullable(), criteria: z.array(ZCriterionScore), sheets: z.array(z.object({ reviewer: z.string(), total: z.number(), scores: z.record(z.string(), z.number()), comments: z.record(z.string(), z.string()) })) })
    .nullable(),
  appeals: z.array(z.object({ id: z.string(), statement: z.string(), lodgedAt: z.date(), outcome: z.string(), answer: z.string().nullable(), answeredAt: z.date().nullable() })),
  actions: z.array(ZRefusalAction),
});
export type TApplication = z.infer<typeof ZApplication>;

export const ZApplicationRow = z.object({ id: z.string(), callId: z.string(), state: z.enum(APPLICATION_STATES), title: z.string(), lead: ZEntityRef.nullable(), submittedAt: z.date().nullable(), awardAmount: z.number().nullable() });

export const ZExpertInput = z.object({ entityId: ZId, userId: z.string().uuid().nullable().default(null), fields: z.array(ZFieldCode).min(1).max(30), maxLoad: z.number().int().min(0).max(200).default(10) });
/** Change an expert's fields, load limit, linked account or whether they take new reviews. */
export const ZExpertPatch = z.object({ userId: z.string().uuid().nullable().optional(), fields: z.array(ZFieldCode).min(1).max(30).optional(), maxLoad: z.number().int().min(0).max(200).optional(), active: z.boolean().optional() });
export const ZExpert = z.object({ id: z.string(), entity: ZEntityRef, userId: z.string().nullable(), fields: z.array(z.string()), maxLoad: z.number().int(), load: z.number().int(), active: z.boolean() });

export const ZCoiFlag = z.object({ kind: z.string(), message: z.string(), evidence: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) });
export const ZAssignment = z.object({
  id: z.string(),
  applicationId: z.string(),
  expertId: z.string(),
  expertName: z.string().nullable(),
  state: z.enum(ASSIGNMENT_STATES),
  matchScore: z.number().nullable(),
  coiFlags: z.array(ZCoiFlag),
  overrideReason: z.string().nullable(),
  recusalReason: z.string().nullable(),
  total: z.number().nullable(),
});
export const ZAssignInput = z.object({ applicationId: ZId, expertId: ZId, overrideReason: z.string().trim().min(5).max(2000).nullable().default(null) });
export const ZAutoAssignResult = z.object({
  created: z.array(z.object({ id: z.string(), applicationId: z.string(), expertId: z.string(), match: z.number() })),
  unfilled: z.array(z.object({ applicationId: z.string(), missing: z.number().int() })),
  conflicted: z.array(z.object({ applicationId: z.string(), expertId: z.string(), flags: z.array(ZCoiFlag) })),
});
export const ZReviewInput = z.object({ scores: z.record(z.string().max(60), z.number()), comments: z.record(z.string().max(60), z.string().max(5000)).default({}) });

export const ZRankingRow = z.object({ applicationId: z.string(), title: z.string(), lead: z.string().nullable(), state: z.string(), total: z.number().nullable(), passed: z.boolean().nullable(), rank: z.number().nullable(), tied: z.boolean(), reviews: z.number().int(), criteria: z.array(ZCriterionScore) });
export const ZCalibrationRow = z.object({ expertId: z.string(), expertName: z.string().nullable(), n: z.number().int(), severity: z.number().nullable(), meanDeviation: z.number().nullable(), label: z.string() });

export const ZAcceptanceResultsInput = z.object({ results: z.array(z.object({ criterionId: ZId, value: z.number().finite(), note: z.string().trim().max(2000).nullable().default(null) })).min(1).max(30) });

export const ZNotification = z.object({ id: z.string(), template: z.string(), subjectType: z.string(), subjectId: z.string(), payload: z.record(z.string(), z.unknown()), createdAt: z.date(), readAt: z.date().nullable() });

/** Open data: awarded results without sign-in. */
export const ZOpenResult = z.object({ callId: z.string(), title: z.string(), titleZh: z.string().nullable(), owner: z.string(), state: z.string(), winner: z.string().nullable(), winnerZh: z.string().nullable(), amount: z.number().nullable(), currency: z.string(), awardedAt: z.date().nullable(), isSample: z.boolean() });
export type TOpenResult = z.infer<typeof ZOpenResult>;
/** One page of the open results: newest award first (then call and bid), one row an awarded bid. */
export const ZOpenResultsQuery = z.object({
  /** Only the results of this call. */
  callId: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page. */
  cursor: z.string().max(400).optional(),
});
export type TOpenResultsQuery = z.infer<typeof ZOpenResultsQuery>;
export const ZOpenResultPage = z.object({
  items: z.array(ZOpenResult),
  nextCursor: z.string().nullable(),
  /**
   * How many results match; only on the first page (no cursor), so paging on
   * costs a page, not a count. Counted up to OPEN_RESULTS_COUNT_CAP: past it
   * the total is that cap and `totalAtLeast` is true ("1,000+").
   */
  total: z.number().int().optional(),
  totalAtLeast: z.boolean().optional(),
});
/** The open results are counted up to this many; a city's list beyond it says "at least" rather than count every row on each visit. */
export const OPEN_RESULTS_COUNT_CAP = 1000;
export type TOpenResultPage = z.infer<typeof ZOpenResultPage>;

const ZParty = z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string() });
/** The task agreement (任务书) of an awarded bid, generated from the frozen call and the decided application. */
export const ZTaskAgreement = z.object({
  number: z.string(),
  title: z.string(),
  titleZh: z.string().nullable(),
  isSample: z.boolean(),
  parties: z.object({ demandOwner: ZParty, lead: ZParty.nullable(), partners: z.array(ZParty), pi: ZParty.nullable(), members: z.array(ZParty) }),
  subject: z.object({ problem: z.string().nullable(), fieldCodes: z.array(z.string()), chainPosition: z.string().nullable(), trlExpected: z.number().nullable(), plan: z.string().nullable() }),
  acceptanceCriteria: z.array(z.object({ metric: z.string(), unit: z.string(), comparator: z.string(), threshold: z.number(), testMethod: z.string() })),
  funding: z.object({ currency: z.string(), awardAmount: z.number().nullable(), selfFunded: z.number().nullable(), paymentSchedule: z.array(z.object({ label: z.string(), share: z.number() })) }),
  milestones: z.array(z.object({ position: z.number().int(), title: z.string(), deliverable: z.string(), verification: z.string(), dueOn: z.string(), trancheShare: z.number(), trancheAmount: z.number().nullable() })),
  ipTerms: z.object({ template: z.string(), text: z.string(), frozenAt: z.string() }).nullable(),
  decision: z.object({ memo: z.string().nullable(), awardedAt: z.string().nullable(), decidedAt: z.string().nullable() }),
  missing: z.array(z.enum(['award_amount', 'lead', 'pi', 'milestones', 'frozen_terms', 'criteria', 'tranche_shares'])),
  /** SHA-256 of the agreement's content: the version the parties sign. */
  sha256: z.string(),
});
export type TTaskAgreement = z.infer<typeof ZTaskAgreement>;
