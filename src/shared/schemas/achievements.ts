import { z } from 'zod';
import { ACCESS_DECISIONS, ACCESS_REQUEST_STATES, ACHIEVEMENT_ACTIONS, ACHIEVEMENT_STAGES, ACHIEVEMENT_STATES, AVAILABILITY_MODES, DETAIL_VIEW_BASES, NEED_ACTIONS, NEED_STATES, TECHNICAL_FIELDS } from '../achievements-vocabulary.js';
import { ZId, ZPagination } from './common.js';
import { ZIsoDate } from './policies.js';

export const ZTrl = z.number().int().min(1).max(9);
const ZField = z.enum(TECHNICAL_FIELDS);
const ZKeywords = z.array(z.string().trim().min(1).max(40)).max(20).default([]);
const ZShare = z.number().gt(0).max(1).nullable().default(null);
/** Patent numbers as written (CN202310123456.7, ZL 2023 1 0123456.7 …); stored normalised. */
const ZPatentNumber = z.string().trim().min(6).max(32);

export const ZAchievementInput = z.object({
  titleZh: z.string().trim().min(2).max(200),
  titleEn: z.string().trim().max(300).nullable().default(null),
  summary: z.string().trim().min(10).max(4000),
  /**
   * Null for none. Omitted: none on create, unchanged on update, so that an
   * editor need not read (and so log a reading of) the detail to save the rest.
   */
  confidentialDetail: z.string().trim().max(20_000).nullable().optional(),
  field: ZField,
  trl: ZTrl,
  stage: z.enum(ACHIEVEMENT_STAGES),
  keywords: ZKeywords,
  availability: z.array(z.enum(AVAILABILITY_MODES)).max(AVAILABILITY_MODES.length).default([]),
  owners: z.array(z.object({ entityId: ZId, share: ZShare })).min(1).max(20),
  inventors: z.array(z.object({ entityId: ZId, contribution: ZShare })).max(50).default([]),
  patentNumbers: z.array(ZPatentNumber).max(50).default([]),
  contractIds: z.array(ZId).max(50).default([]),
  spinoffIds: z.array(ZId).max(20).default([]),
  isSample: z.boolean().default(false),
});
export type TAchievementInput = z.infer<typeof ZAchievementInput>;

export const ZAchievementTransition = z.object({ action: z.enum(ACHIEVEMENT_ACTIONS), version: z.number().int().min(1) });

const ZOrg = z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string() });

export const ZAchievementSummary = z.object({
  id: z.string(),
  state: z.enum(ACHIEVEMENT_STATES),
  titleZh: z.string(),
  titleEn: z.string().nullable(),
  summary: z.string(),
  field: ZField,
  trl: z.number(),
  stage: z.enum(ACHIEVEMENT_STAGES),
  keywords: z.array(z.string()),
  availability: z.array(z.enum(AVAILABILITY_MODES)),
  owners: z.array(ZOrg.extend({ share: z.number().nullable() })),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  isSample: z.boolean(),
});
export type TAchievementSummary = z.infer<typeof ZAchievementSummary>;

export const ZAchievementList = z.object({ items: z.array(ZAchievementSummary), total: z.number() });
export const ZAchievementListQuery = ZPagination.extend({
  q: z.string().trim().max(100).optional(),
  field: ZField.optional(),
  trlMin: z.coerce.number().int().min(1).max(9).optional(),
  availability: z.enum(AVAILABILITY_MODES).optional(),
  /** Officers see every state; owners' members their own drafts with `mine`. */
  state: z.enum(ACHIEVEMENT_STATES).optional(),
  mine: z.enum(['true', 'false']).default('false'),
});

/** The public record: never the confidential detail; the caller's own standing towards the detail is in `access`. */
export const ZAchievement = ZAchievementSummary.extend({
  inventors: z.array(ZOrg.extend({ contribution: z.number().nullable() })),
  patents: z.array(z.object({ number: z.string(), title: z.string().nullable(), status: z.string().nullable() })),
  contracts: z.array(z.object({ id: z.string(), title: z.string(), type: z.string(), kind: z.enum(['contract', 'licence']), state: z.string(), registrationNumber: z.string().nullable() })),
  spinoffs: z.array(ZOrg),
  hasDetail: z.boolean(),
  access: z.object({
    canEdit: z.boolean(),
    canDecide: z.boolean(),
    canReadDetail: z.boolean(),
    canRequest: z.boolean(),
    myRequest: z.object({ id: z.string(), state: z.enum(ACCESS_REQUEST_STATES), expiresAt: z.string().nullable() }).nullable(),
  }),
  actions: z.array(z.enum(ACHIEVEMENT_ACTIONS)),
  version: z.number(),
});
export type TAchievement = z.infer<typeof ZAchievement>;

export const ZAchievementDetail = z.object({ achievementId: z.string(), detail: z.string().nullable(), basis: z.enum(DETAIL_VIEW_BASES), requestId: z.string().nullable(), version: z.number() });

export const ZAccessRequestInput = z.object({
  purpose: z.string().trim().min(10).max(2000),
  /** The requester accepts the confidentiality terms (click-through CDA). */
  acceptTerms: z.literal(true),
});
export const ZAccessDecision = z.object({
  decision: z.enum(ACCESS_DECISIONS),
  note: z.string().trim().max(2000).nullable().default(null),
  /** For a grant: when it lapses (default 90 days). */
  expiresOn: ZIsoDate.nullable().default(null),
});
export const ZAccessRequest = z.object({
  id: z.string(),
  achievementId: z.string(),
  requester: z.object({ id: z.string(), displayName: z.string() }),
  organisation: ZOrg.nullable(),
  purpose: z.string(),
  state: z.enum(ACCESS_REQUEST_STATES),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TAccessRequest = z.infer<typeof ZAccessRequest>;
export const ZDetailView = z.object({ id: z.string(), userLabel: z.string(), organisation: ZOrg.nullable(), basis: z.enum(DETAIL_VIEW_BASES), requestId: z.string().nullable(), achievementVersion: z.number(), viewedAt: z.string() });

// ---------------------------------------------------------------- needs
export const ZNeedInput = z
  .object({
    enterpriseId: ZId,
    title: z.string().trim().min(4).max(200),
    description: z.string().trim().min(10).max(4000),
    field: ZField,
    trlMin: ZTrl,
    keywords: ZKeywords,
    budgetMin: z.number().min(0).max(1e12).nullable().default(null),
    budgetMax: z.number().min(0).max(1e12).nullable().default(null),
    deadline: ZIsoDate.nullable().default(null),
    isSample: z.boolean().default(false),
  })
  .superRefine((n, ctx) => {
    if (n.budgetMin !== null && n.budgetMax !== null && n.budgetMax < n.budgetMin) ctx.addIssue({ code: 'custom', path: ['budgetMax'], message: 'the upper budget is below the lower', params: { reason: 'budget_range' } });
  });
export type TNeedInput = z.infer<typeof ZNeedInput>;
export const ZNeedTransition = z.object({ action: z.enum(NEED_ACTIONS), version: z.number().int().min(1) });

export const ZNeed = z.object({
  id: z.string(),
  state: z.enum(NEED_STATES),
  enterprise: ZOrg,
  title: z.string(),
  description: z.string(),
  field: ZField,
  trlMin: z.number(),
  keywords: z.array(z.string()),
  budgetMin: z.number().nullable(),
  budgetMax: z.number().nullable(),
  currency: z.string(),
  deadline: z.string().nullable(),
  callId: z.string().nullable(),
  canEdit: z.boolean(),
  canConvert: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  isSample: z.boolean(),
  version: z.number(),
});
export type TNeed = z.infer<typeof ZNeed>;
export const ZNeedList = z.object({ items: z.array(ZNeed), total: z.number() });
export const ZNeedListQuery = ZPagination.extend({ state: z.enum(NEED_STATES).optional(), field: ZField.optional() });

/** One suggested achievement with every part of its score, so the match can be explained. */
export const ZMatch = z.object({
  achievement: ZAchievementSummary,
  score: z.number(),
  components: z.object({
    text: z.object({ value: z.number(), weight: z.number(), sharedTerms: z.array(z.string()), needTerms: z.number() }),
    field: z.object({ value: z.number(), weight: z.number(), relation: z.enum(['same', 'same_parent', 'different']) }),
    trl: z.object({ factor: z.number(), achievementTrl: z.number(), needMin: z.number(), meetsMinimum: z.boolean() }),
  }),
});
export const ZMatches = z.object({ needId: z.string(), items: z.array(ZMatch) });
export const ZCallDraftInput = z.object({ programmeId: ZId.nullable().default(null) });
export const ZCallDraftResult = z.object({ need: ZNeed, callId: z.string() });
