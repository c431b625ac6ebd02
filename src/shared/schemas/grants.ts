import { z } from 'zod';
import { ZId } from './common.js';
import { ZApplicationInput, ZCallInput, ZDateOnly, ZEntityRef, ZReviewInput, ZScoringForm } from './calls.js';

/**
 * Natural-science foundation grants (自然科学基金, issue 9) on the calls engine:
 * a grant call is a call of a `grant` programme with classified review tracks
 * (free exploration / task-oriented), each with its own review criteria and
 * its own end-of-project evaluation; an awarded project is funded as a lump
 * sum (包干制) checked against a versioned negative list (负面清单) whenever an
 * expense is recorded; its co-funding sources are recorded (national, city,
 * district, enterprise; fiscal or external); its final report lists outputs
 * only (papers, patents, datasets, talents trained).
 */

/** Classified review (分类评价): free exploration (自由探索) and task-oriented (任务导向). */
export const GRANT_TRACKS = ['free_exploration', 'task_oriented'] as const;
export type TGrantTrack = (typeof GRANT_TRACKS)[number];
/** Who puts the money in: the "national–city–district–enterprise" diversified investment mechanism. */
export const FUNDING_LEVELS = ['national', 'city', 'district', 'enterprise'] as const;
/** Fiscal money (财政) or external money (社会/外部投入). */
export const FUNDING_NATURES = ['fiscal', 'external'] as const;
export const OUTPUT_KINDS = ['paper', 'patent', 'dataset', 'talent'] as const;
export type TOutputKind = (typeof OUTPUT_KINDS)[number];
/**
 * General expenditure categories a lump-sum project records its spending under.
 * The centre's negative list names the forbidden ones with codes of its own;
 * an expense takes one of these or a code from the list.
 */
export const EXPENSE_CATEGORIES = ['equipment', 'materials', 'testing', 'fuel_power', 'publication_ip', 'travel_conference', 'international_exchange', 'labour', 'expert_consulting', 'other'] as const;
export const REPORT_STATES = ['submitted', 'evaluated'] as const;
/** Why an expense was refused at the moment it was recorded. */
export const EXPENSE_REFUSALS = ['negative_list', 'over_lump_sum'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);
/** Amounts in yuan, to the fen. */
export const ZMoney = z
  .number()
  .finite()
  .positive()
  .max(1e12)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { message: 'amounts are in yuan to two decimals', params: { reason: 'too_many_decimals' } });
const ZCategoryCode = z.string().trim().regex(/^[a-z][a-z0-9_]{1,59}$/, 'a lower-case code of letters, digits and _');

export const ZTrackInput = z.object({
  code: z.enum(GRANT_TRACKS),
  descriptionZh: optionalText(2000),
  descriptionEn: optionalText(2000),
  /** The criteria reviewers score applications on this track by. */
  reviewForm: ZScoringForm,
  /** The criteria of the end-of-project evaluation (classification evaluation). */
  evaluationForm: ZScoringForm,
});
export type TTrackInput = z.infer<typeof ZTrackInput>;

/** A grant call: the calls engine's call (its programme must be of kind `grant`) and one or two tracks. */
export const ZGrantCallInput = z.object({
  call: ZCallInput,
  tracks: z
    .array(ZTrackInput)
    .min(1)
    .max(GRANT_TRACKS.length)
    .superRefine((ts, ctx) => {
      const seen = new Set<string>();
      ts.forEach((t, i) => {
        if (seen.has(t.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: 'each track once', params: { reason: 'track_duplicate' } });
        seen.add(t.code);
      });
    }),
});
export type TGrantCallInput = z.infer<typeof ZGrantCallInput>;

export const ZTrack = ZTrackInput.extend({ callId: z.string() });
export type TTrack = z.infer<typeof ZTrack>;

export const ZOutputCommitments = z.object({ paper: z.number().int().min(0).max(1000), patent: z.number().int().min(0).max(1000), dataset: z.number().int().min(0).max(1000), talent: z.number().int().min(0).max(1000) });
export type TOutputCommitments = z.infer<typeof ZOutputCommitments>;

/** Apply to a grant call on one of its tracks: the calls engine's application plus the track chosen. */
export const ZGrantApplicationInput = z.object({ track: z.enum(GRANT_TRACKS), application: ZApplicationInput });
export type TGrantApplicationInput = z.infer<typeof ZGrantApplicationInput>;

export const ZGrantCallSummary = z.object({
  id: z.string(),
  programmeId: z.string(),
  programme: z.object({ titleZh: z.string().nullable(), titleEn: z.string(), year: z.number().nullable() }),
  state: z.string(),
  titleZh: z.string().nullable(),
  titleEn: z.string(),
  problem: z.string().nullable(),
  budget: z.number().nullable(),
  deadline: z.date().nullable(),
  isSample: z.boolean(),
  tracks: z.array(ZTrack),
  applications: z.object({ free_exploration: z.number().int(), task_oriented: z.number().int() }).nullable(),
});
export type TGrantCallSummary = z.infer<typeof ZGrantCallSummary>;

export const ZGrantReviewInput = ZReviewInput;

export const ZTrackRankingRow = z.object({ applicationId: z.string(), title: z.string(), state: z.string(), track: z.enum(GRANT_TRACKS), total: z.number().nullable(), passed: z.boolean().nullable(), rank: z.number().nullable(), tied: z.boolean(), reviews: z.number().int() });

// ---------------------------------------------------------------- co-funding
export const ZFundingInput = z.object({
  level: z.enum(FUNDING_LEVELS),
  nature: z.enum(FUNDING_NATURES),
  /** The funder in the registry, when it is there. */
  funderEntityId: ZId.nullable().default(null),
  funderName: text(300),
  amount: ZMoney,
  year: z.number().int().min(2000).max(2100),
  note: optionalText(1000),
});
export type TFundingInput = z.infer<typeof ZFundingInput>;
export const ZFunding = ZFundingInput.extend({ id: z.string(), applicationId: z.string(), funder: ZEntityRef.nullable(), isSample: z.boolean(), recordedAt: z.date() });
export type TFunding = z.infer<typeof ZFunding>;

export const ZRatioCell = z.object({
  programmeId: z.string().nullable(),
  year: z.number().int(),
  fiscal: z.number(),
  external: z.number(),
  /** External ÷ fiscal; null when no fiscal money is recorded. */
  externalPerFiscal: z.number().nullable(),
  /** "1:1", "1:0.85": fiscal to external. */
  label: z.string().nullable(),
  records: z.array(z.string()),
  isSample: z.boolean(),
});
export type TRatioCell = z.infer<typeof ZRatioCell>;

export const ZPublishedFigure = z.object({ indicatorCode: z.string(), nameZh: z.string().nullable(), nameEn: z.string(), period: z.string().nullable(), value: z.number().nullable(), valueAsGiven: z.string().nullable(), unit: z.string().nullable(), qualifier: z.string().nullable(), sourceTitle: z.string().nullable(), sourceUrl: z.string().nullable() });

export const ZFundingSummary = z.object({
  /** Per programme and year, from the recorded co-funding sources. */
  byProgramme: z.array(ZRatioCell.extend({ programme: z.object({ titleZh: z.string().nullable(), titleEn: z.string() }) })),
  /** The centre's grants as a whole, per year. */
  centre: z.array(ZRatioCell),
  /** Figures the centre's documents publish (never mixed into the records' figures). */
  published: z.array(ZPublishedFigure),
  /** Supporting units (依托单位) holding a lump-sum grant on the platform, beside the published count. */
  supportingUnits: z.object({ count: z.number().int(), records: z.array(z.string()) }),
});

// ---------------------------------------------------------------- negative list
export const ZNegativeItemInput = z.object({
  code: ZCategoryCode,
  nameZh: text(200),
  nameEn: text(300),
  explanationZh: text(2000),
  explanationEn: text(3000),
});
export const ZNegativeListInput = z
  .object({
    effectiveFrom: ZDateOnly,
    noteZh: optionalText(2000),
    noteEn: optionalText(2000),
    /** Where the list's text comes from (the centre's document). */
    sourceTitle: optionalText(500),
    items: z.array(ZNegativeItemInput).min(1).max(100),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.items.forEach((it, i) => {
      if (seen.has(it.code)) ctx.addIssue({ code: 'custom', path: ['items', i, 'code'], message: 'each code once', params: { reason: 'item_duplicate' } });
      if ((EXPENSE_CATEGORIES as readonly string[]).includes(it.code)) ctx.addIssue({ code: 'custom', path: ['items', i, 'code'], message: 'a general expenditure category cannot be forbidden as a whole; name the forbidden use', params: { reason: 'general_category' } });
      seen.add(it.code);
    });
  });
export type TNegativeListInput = z.infer<typeof ZNegativeListInput>;
export const ZNegativeItem = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), explanationZh: z.string(), explanationEn: z.string() });
export const ZNegativeListVersion = z.object({
  id: z.string(),
  number: z.number().int(),
  effectiveFrom: z.string(),
  /** Until the next version takes effect; null for the newest. */
  effectiveTo: z.string().nullable(),
  inForce: z.boolean(),
  noteZh: z.string().nullable(),
  noteEn: z.string().nullable(),
  sourceTitle: z.string().nullable(),
  publishedAt: z.date(),
  items: z.array(ZNegativeItem),
});
export type TNegativeListVersion = z.infer<typeof ZNegativeListVersion>;

// ---------------------------------------------------------------- ledger
export const ZExpenseInput = z.object({
  spentOn: ZDateOnly,
  category: ZCategoryCode,
  amount: ZMoney,
  description: text(1000),
});
export type TExpenseInput = z.infer<typeof ZExpenseInput>;
export const ZExpense = ZExpenseInput.extend({ id: z.string(), listVersion: z.number().int().nullable(), recordedAt: z.date(), balanceAfter: z.number() });
export const ZRejectedExpense = ZExpenseInput.extend({ id: z.string(), reason: z.enum(EXPENSE_REFUSALS), listVersion: z.number().int().nullable(), itemCode: z.string().nullable(), attemptedAt: z.date() });

export const ZLedger = z.object({
  applicationId: z.string(),
  lumpSum: z.number().nullable(),
  currency: z.string(),
  spent: z.number(),
  remaining: z.number().nullable(),
  expenses: z.array(ZExpense),
  /** Refused attempts, kept for oversight: the count for the team, the records for officers. */
  rejectedCount: z.number().int(),
  rejected: z.array(ZRejectedExpense).nullable(),
  canRecord: z.boolean(),
  /** The categories an expense may name: the general ones and the negative list's codes. */
  categories: z.array(z.string()),
});
export type TLedger = z.infer<typeof ZLedger>;

// ---------------------------------------------------------------- outputs
export const ZOutputInput = z
  .object({
    kind: z.enum(OUTPUT_KINDS),
    title: text(500),
    /** Papers: the DOI. */
    doi: z.string().trim().regex(/^10\.\d{4,9}\/\S+$/, 'a DOI such as 10.1000/xyz123').nullable().default(null),
    /** Patents: the application number; linked to the registry's patent record when it is there. */
    patentNumber: z.string().trim().max(40).nullable().default(null),
    /** Datasets: where it is deposited. */
    url: z.url({ protocol: /^https?$/ }).max(1000).nullable().default(null),
    /** Talents trained: the person in the registry. */
    personEntityId: ZId.nullable().default(null),
    year: z.number().int().min(2000).max(2100).nullable().default(null),
  })
  .superRefine((o, ctx) => {
    if (o.kind === 'patent' && !o.patentNumber) ctx.addIssue({ code: 'custom', path: ['patentNumber'], message: 'a patent output names its application number', params: { reason: 'patent_number_required' } });
    if (o.kind === 'talent' && !o.personEntityId) ctx.addIssue({ code: 'custom', path: ['personEntityId'], message: 'a talent trained is a person of the registry', params: { reason: 'person_required' } });
  });
export type TOutputInput = z.infer<typeof ZOutputInput>;

/** The final report of a lump-sum grant: outputs only — no financial narrative (unknown fields are refused). */
export const ZFinalReportInput = z.strictObject({ summary: text(5000), outputs: z.array(ZOutputInput).max(200) });
export type TFinalReportInput = z.infer<typeof ZFinalReportInput>;

export const ZOutput = z.object({
  id: z.string(),
  kind: z.enum(OUTPUT_KINDS),
  title: z.string(),
  doi: z.string().nullable(),
  patentNumber: z.string().nullable(),
  patent: z.object({ id: z.string(), title: z.string(), legalStatus: z.string() }).nullable(),
  url: z.string().nullable(),
  person: ZEntityRef.nullable(),
  year: z.number().nullable(),
});
export type TOutput = z.infer<typeof ZOutput>;

export const ZEvaluationInput = z.object({ scores: z.record(z.string().max(60), z.number()), comments: z.record(z.string().max(60), z.string().max(5000)).default({}), version: z.number().int().min(1) });

export const ZProject = z.object({
  applicationId: z.string(),
  callId: z.string(),
  title: z.string(),
  state: z.string(),
  track: z.enum(GRANT_TRACKS),
  lead: ZEntityRef.nullable(),
  call: z.object({ titleZh: z.string().nullable(), titleEn: z.string(), isSample: z.boolean(), programmeId: z.string() }),
  lumpSum: z.number().nullable(),
  currency: z.string(),
  funding: z.array(ZFunding),
  commitments: ZOutputCommitments.nullable(),
  report: z
    .object({
      state: z.enum(REPORT_STATES),
      summary: z.string(),
      submittedAt: z.date(),
      outputs: z.array(ZOutput),
      /** Per kind: committed, delivered and the gap (committed − delivered, never below 0); null without commitments. */
      gap: z.array(z.object({ kind: z.enum(OUTPUT_KINDS), committed: z.number().int(), delivered: z.number().int(), gap: z.number().int() })).nullable(),
      evaluation: z.object({ total: z.number(), scores: z.record(z.string(), z.number()), comments: z.record(z.string(), z.string()), evaluatedAt: z.date() }).nullable(),
      version: z.number().int(),
    })
    .nullable(),
  evaluationForm: ZScoringForm.nullable(),
  can: z.object({ manage: z.boolean(), team: z.boolean() }),
  /** The grant record's version (send it when declaring commitments). */
  version: z.number().int(),
});
export type TProject = z.infer<typeof ZProject>;

export const ZProjectRow = z.object({ applicationId: z.string(), callId: z.string(), title: z.string(), track: z.enum(GRANT_TRACKS), state: z.string(), lead: ZEntityRef.nullable(), lumpSum: z.number().nullable(), spent: z.number(), reportState: z.enum(REPORT_STATES).nullable(), isSample: z.boolean() });
