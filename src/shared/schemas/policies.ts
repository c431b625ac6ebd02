import { z } from 'zod';
import { ZCitation } from './sources.js';

/**
 * The policy library's shapes (issue 6). A benefit's eligibility is a JSON
 * Logic rule over named enterprise facts, evaluated three-valued by
 * core/policies.
 */
export const POLICY_LEVELS = ['national', 'municipal', 'district', 'park'] as const;
export const ZPolicyLevel = z.enum(POLICY_LEVELS);

export const BENEFIT_KINDS = ['grant', 'subsidy', 'tax_relief', 'loan_support', 'service', 'recognition'] as const;
export const ZBenefitKind = z.enum(BENEFIT_KINDS);

export const STACKING_KINDS = ['exclusive', 'no_double_funding'] as const;
export const ZStackingKind = z.enum(STACKING_KINDS);

const text = (max: number) => z.string().trim().min(1).max(max);
/** Lower-case code: letters, digits, `_` and `-`. */
export const ZBenefitCode = z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a short lower-case code');

/** A JSON Logic rule: any JSON value; core/policies checks its operators. */
export const ZJsonLogic: z.ZodType<unknown> = z.unknown();

export const ZPolicyClause = z.object({
  /** 第三条 / Art. 3 */
  number: text(40),
  textZh: text(20_000),
  textEn: z.string().trim().max(20_000).nullable().default(null),
});
export type TPolicyClause = z.infer<typeof ZPolicyClause>;

export const ZPolicyTranche = z.object({ label: text(120), share: z.number().gt(0).max(100) });

export const ZPolicyBenefit = z.object({
  code: ZBenefitCode,
  nameZh: text(200),
  nameEn: z.string().trim().max(200).nullable().default(null),
  kind: ZBenefitKind,
  /** A fixed amount in CNY (grant, subsidy), when there is one. */
  amount: z.number().nonnegative().nullable().default(null),
  /** A rate in percent of `rateBase` (e.g. 100 % super-deduction of R&D expense). */
  rate: z.number().nonnegative().max(1000).nullable().default(null),
  /** The enterprise fact the rate applies to (`rdExpense`). */
  rateBase: z.string().trim().max(60).nullable().default(null),
  /** The most one enterprise can receive, in CNY. */
  cap: z.number().nonnegative().nullable().default(null),
  tranches: z.array(ZPolicyTranche).max(12).default([]),
  /** The clause numbers the benefit rests on. */
  clauseRefs: z.array(text(40)).max(20).default([]),
  rule: ZJsonLogic,
});
export type TPolicyBenefit = z.infer<typeof ZPolicyBenefit>;

// ---------------------------------------------------------------------------
// The library's API (server/modules/policies): documents, versions, rule
// tools, stacking rules, enterprise facts and matching.
// ---------------------------------------------------------------------------

export type TPolicyLevel = z.infer<typeof ZPolicyLevel>;
export type TStackingKind = z.infer<typeof ZStackingKind>;

/** A policy's stable code in its centre (BJ-ZGC-2026-01, POL-01): letters, digits, `.`, `_`, `-`. */
export const ZPolicyCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/, 'letters, digits, . _ - (up to 60)');

const isRealDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
/** A calendar day, YYYY-MM-DD. */
export const ZIsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
  .refine(isRealDate, { message: 'not a calendar date' });

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const ZPolicyInput = z.object({
  code: ZPolicyCode,
  titleZh: text(300),
  titleEn: optionalText(300),
  issuer: text(200),
  level: ZPolicyLevel,
  documentNumber: optionalText(120),
  url: z.url({ protocol: /^https?$/ }).max(1000).nullable().optional(),
  isSample: z.boolean().default(false),
  /** The first draft's validity start; today when omitted. */
  validFrom: ZIsoDate.optional(),
});
export type TPolicyInput = z.infer<typeof ZPolicyInput>;

/** The document's metadata; its code stays (stacking rules name it). */
export const ZPolicyPatch = z
  .object({
    titleZh: text(300),
    titleEn: optionalText(300),
    issuer: text(200),
    level: ZPolicyLevel,
    documentNumber: optionalText(120),
    url: z.url({ protocol: /^https?$/ }).max(1000).nullable(),
    isSample: z.boolean(),
  })
  .partial();
export type TPolicyPatch = z.infer<typeof ZPolicyPatch>;

/** A draft's content; every field optional (the UI saves as the author types). */
export const ZPolicyVersionPatch = z
  .object({
    validFrom: ZIsoDate,
    validTo: ZIsoDate.nullable(),
    legalText: z.string().max(200_000),
    clauses: z.array(ZPolicyClause).max(500),
    benefits: z.array(ZPolicyBenefit).max(100),
    changeNote: z.string().trim().max(2000).nullable(),
  })
  .partial();
export type TPolicyVersionPatch = z.infer<typeof ZPolicyVersionPatch>;

export const ZNewPolicyVersionInput = z.object({
  validFrom: ZIsoDate.optional(),
  changeNote: z.string().trim().max(2000).nullable().optional(),
});

export const ZPublishInput = z.object({
  /**
   * End the version in force with no end date on the day before this one
   * starts. Without it, an overlap with any published version is refused.
   */
  supersede: z.boolean().default(false),
});

export const POLICY_STATUSES = ['catalogued', 'draft', 'published'] as const;
/**
 * `catalogued`: a document the sources name whose text, benefits and dates
 * are not loaded (no version); `draft`: only unpublished versions;
 * `published`: at least one published version.
 */
export const ZPolicyStatus = z.enum(POLICY_STATUSES);

export const ZPolicyVersionSummary = z.object({
  version: z.number().int(),
  state: z.enum(['draft', 'published']),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  benefitCount: z.number().int(),
  publishedAt: z.string().nullable(),
});

export const ZPolicyCitation = ZCitation;

export const ZPolicy = z.object({
  id: z.string(),
  centreId: z.string(),
  code: z.string(),
  titleZh: z.string(),
  titleEn: z.string().nullable(),
  issuer: z.string(),
  level: ZPolicyLevel,
  documentNumber: z.string().nullable(),
  url: z.string().nullable(),
  sourceId: z.string().nullable(),
  isSample: z.boolean(),
  status: ZPolicyStatus,
  /** The published version in force on the date asked (today by default), if any. */
  inForce: ZPolicyVersionSummary.nullable(),
  /** The versions the caller may see: published ones, and drafts for policies:write. */
  versions: z.array(ZPolicyVersionSummary),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPolicy = z.infer<typeof ZPolicy>;

export const ZPolicyListQuery = z.object({
  level: ZPolicyLevel.optional(),
  issuer: z.string().trim().min(1).max(200).optional(),
  /** Only policies with a published version in force on this day. */
  inForceOn: ZIsoDate.optional(),
  /** Words of the title, code, issuer or document number. */
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const ZPolicyList = z.object({ items: z.array(ZPolicy), total: z.number().int(), date: z.string() });

/** A benefit as the API returns it: the stored benefit and its rule rendered in both languages. */
export const ZPolicyBenefitView = ZPolicyBenefit.extend({
  rule: z.unknown(),
  ruleText: z.object({ zh: z.string(), en: z.string() }),
  factsUsed: z.array(z.string()),
});

export const ZPolicyVersion = z.object({
  id: z.string(),
  policyCode: z.string(),
  version: z.number().int(),
  state: z.enum(['draft', 'published']),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  legalText: z.string(),
  clauses: z.array(ZPolicyClause),
  benefits: z.array(ZPolicyBenefitView),
  changeNote: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type TPolicyVersion = z.infer<typeof ZPolicyVersion>;

export const ZPolicyDetail = z.object({
  policy: ZPolicy,
  versions: z.array(ZPolicyVersion),
  /** Where the sources name this policy (fact-sheet documents): the passages quoted. */
  citations: z.array(ZPolicyCitation),
  /** False when no version holds benefits: the sources did not give them, nothing is invented. */
  benefitsKnown: z.boolean(),
});
export type TPolicyDetail = z.infer<typeof ZPolicyDetail>;

// --- rule tools ------------------------------------------------------------

export const FACT_TYPES = ['number', 'integer', 'boolean', 'string', 'string[]'] as const;
/** One named enterprise fact a rule may use (core/policies' catalogue). */
export const ZFactDefinition = z.object({
  name: z.string(),
  type: z.enum(FACT_TYPES),
  /** Shown after a number (元, %, 人); null for years, codes and yes/no facts. */
  unitZh: z.string().nullable(),
  unitEn: z.string().nullable(),
  labelZh: z.string(),
  labelEn: z.string(),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  /** How to ask an enterprise for the fact. */
  questionZh: z.string(),
  questionEn: z.string(),
  /** Where KeChuang finds it: read from the registry, computed from registry records, or only declared by the enterprise. */
  origin: z.enum(['registry', 'derived', 'declared']),
});
export type TFactDefinition = z.infer<typeof ZFactDefinition>;
export const ZFactCatalogue = z.object({ items: z.array(ZFactDefinition) });

/** A problem in a rule; `path` is dotted inside the rule (`and.1.>=.0`; '' for the rule itself). */
export const ZRuleProblem = z.object({ path: z.string(), severity: z.enum(['error', 'warning']), reason: z.string(), message: z.string() });
export type TRuleProblem = z.infer<typeof ZRuleProblem>;
export const ZRuleCheckInput = z.object({ rule: ZJsonLogic });
export const ZRuleCheckResult = z.object({
  valid: z.boolean(),
  problems: z.array(ZRuleProblem),
  factsUsed: z.array(z.string()),
  text: z.object({ zh: z.string(), en: z.string() }),
});

// --- stacking rules ----------------------------------------------------------

/** `policyCode/benefitCode`. */
export const ZBenefitKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,59}\/[a-z0-9][a-z0-9_-]{0,39}$/, 'policyCode/benefitCode');

export const ZStackingRuleInput = z.object({
  kind: ZStackingKind,
  benefitA: ZBenefitKey,
  benefitB: ZBenefitKey,
  note: z.string().trim().max(1000).nullable().optional(),
});
export const ZBenefitRef = z.object({
  key: z.string(),
  policyCode: z.string(),
  benefitCode: z.string(),
  level: ZPolicyLevel,
  policyTitleZh: z.string(),
  policyTitleEn: z.string().nullable(),
  nameZh: z.string().nullable(),
  nameEn: z.string().nullable(),
});
export const ZStackingRule = z.object({
  id: z.string(),
  kind: ZStackingKind,
  benefitA: ZBenefitRef,
  benefitB: ZBenefitRef,
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type TStackingRule = z.infer<typeof ZStackingRule>;

// --- enterprise facts ----------------------------------------------------------

export const ZFactOrigin = z.object({
  /** `registry`: read from records; `derived`: computed from registry records; `answer`: declared by the enterprise or an officer. */
  kind: z.enum(['registry', 'derived', 'answer']),
  /** The records read: table and id. */
  records: z.array(z.object({ table: z.string(), id: z.string() })),
  /** The year of the figures used (size facts). */
  year: z.number().int().nullable(),
  answerId: z.string().nullable(),
  answeredBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  answeredAt: z.string().nullable(),
  note: z.string().nullable(),
});
export const ZEnterpriseFact = z.object({
  fact: z.string(),
  known: z.boolean(),
  value: z.unknown(),
  origin: ZFactOrigin.nullable(),
  /** What the registry says when an answer overrides it. */
  registryValue: z.unknown().optional(),
});
export type TEnterpriseFact = z.infer<typeof ZEnterpriseFact>;

export const ZPushConsent = z.object({
  consent: z.boolean(),
  recordedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  recordedAt: z.string(),
});

export const ZEnterpriseFacts = z.object({
  enterpriseId: z.string(),
  nameZh: z.string().nullable(),
  nameEn: z.string(),
  date: z.string(),
  facts: z.array(ZEnterpriseFact),
  pushConsent: ZPushConsent.nullable(),
});

export const ZFactAnswersInput = z.object({
  /** Each answer: a catalogue fact and its value; null withdraws an earlier answer. */
  answers: z
    .array(z.object({ fact: z.string().trim().min(1).max(60), value: z.union([z.number().finite(), z.boolean(), z.string().max(200), z.array(z.string().max(60)).max(100), z.null()]) }))
    .min(1)
    .max(50),
});

// --- matching ------------------------------------------------------------------

export const MATCH_RESULTS = ['eligible', 'unknown', 'ineligible'] as const;
export const ZMatchResult = z.enum(MATCH_RESULTS);

/**
 * One node of an explanation (core/policies' ExplainNode): the operator at
 * `path` in the rule, what it evaluated to, the facts read below it with
 * their values (null when missing), the missing facts it waits for.
 */
export type TExplanationNode = {
  path: string;
  op: string;
  fact?: string;
  value?: unknown;
  truth: 'true' | 'false' | 'unknown';
  facts: Record<string, unknown>;
  missing: string[];
  children: TExplanationNode[];
  skipped?: true;
  element?: number;
};
/** Serialised as given: see TExplanationNode. */
export const ZExplanation = z.record(z.string(), z.unknown());

export const ZBenefitValue = z.object({
  /** Estimated CNY, or null when it cannot be estimated. */
  estimate: z.number().nullable(),
  /** `amount`: the fixed amount; `rate`: rate × the rate-base fact; `none`. */
  basis: z.enum(['amount', 'rate', 'none']),
  capped: z.boolean(),
});

/** A single-fact change the engine verified to make a benefit apply: "if R&D intensity reaches 4 %". */
export const ZAdvice = z.object({
  fact: z.string(),
  /** The value now (null when missing). */
  current: z.unknown(),
  /** The clause the change satisfies: fact `operator` threshold (`in`: one of; `contains`: the list holds it). */
  operator: z.string(),
  threshold: z.unknown(),
  /** The value tried: with it, nothing else changed, the benefit applies. */
  value: z.unknown(),
  textZh: z.string(),
  textEn: z.string(),
});

export const ZBenefitMatch = z.object({
  key: z.string(),
  policy: z.object({ code: z.string(), titleZh: z.string(), titleEn: z.string().nullable(), issuer: z.string(), level: ZPolicyLevel, isSample: z.boolean() }),
  version: z.number().int(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  benefit: ZPolicyBenefit.omit({ rule: true }),
  /** The clauses of the version the benefit rests on (its clauseRefs). */
  clauses: z.array(ZPolicyClause),
  result: ZMatchResult,
  missing: z.array(z.string()),
  explanation: ZExplanation,
  ruleText: z.object({ zh: z.string(), en: z.string() }),
  value: ZBenefitValue,
  /** Facts the rule used whose value the enterprise declared rather than the registry holding it. */
  declaredFacts: z.array(z.string()),
  advice: z.array(ZAdvice),
});
export type TBenefitMatch = z.infer<typeof ZBenefitMatch>;

export const ZFactQuestion = ZFactDefinition.extend({
  /** Of the unknown benefits, how many some answer to this fact alone would decide. */
  decides: z.number().int(),
  /** The unknown benefits that wait for this fact. */
  benefits: z.array(z.string()),
});

export const ZStackingConflict = z.object({
  ruleId: z.string(),
  kind: ZStackingKind,
  benefits: z.tuple([z.string(), z.string()]),
  levels: z.tuple([ZPolicyLevel, ZPolicyLevel]),
  /** The one to choose (the higher estimated value), or null when the values do not decide. */
  choose: z.string().nullable(),
  note: z.string().nullable(),
});

export const ZEnterpriseMatches = z.object({
  enterpriseId: z.string(),
  date: z.string(),
  counts: z.object({ eligible: z.number().int(), unknown: z.number().int(), ineligible: z.number().int() }),
  results: z.array(ZBenefitMatch),
  questions: z.array(ZFactQuestion),
  conflicts: z.array(ZStackingConflict),
  /** The total estimated value of the eligible benefits once each conflict is settled by its choice. */
  eligibleValue: z.number(),
});
export type TEnterpriseMatches = z.infer<typeof ZEnterpriseMatches>;

export const ZMatchQuery = z.object({ date: ZIsoDate.optional() });

export const ZBenefitEnterprisesQuery = z.object({
  date: ZIsoDate.optional(),
  result: ZMatchResult.default('eligible'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ZBenefitEnterprises = z.object({
  key: z.string(),
  version: z.number().int(),
  date: z.string(),
  evaluated: z.number().int(),
  counts: z.object({ eligible: z.number().int(), unknown: z.number().int(), ineligible: z.number().int() }),
  result: ZMatchResult,
  total: z.number().int(),
  items: z.array(
    z.object({
      enterpriseId: z.string(),
      nameZh: z.string().nullable(),
      nameEn: z.string(),
      areaId: z.string().nullable(),
      value: z.number().nullable(),
      missing: z.array(z.string()),
      declaredFacts: z.array(z.string()),
      pushConsent: ZPushConsent.nullable(),
    }),
  ),
});

export const ZPushConsentInput = z.object({
  consent: z.boolean(),
  /** Required when an officer records it on the enterprise's behalf: how the enterprise gave it. */
  note: z.string().trim().min(1).max(1000).nullable().optional(),
});
