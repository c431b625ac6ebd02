import { z } from 'zod';
import { ZId } from './common.js';
import { ZCallInput, ZDateOnly } from './calls.js';
import { TALENT_FACTS } from './talent-vocabulary.js';

export { TALENT_CATEGORIES, TALENT_FACTS, TALENT_SERVICE_KINDS, ZGC_MERIT_TEMPLATE, type TalentCategory, type TalentFactDefinition, type TalentServiceKind } from './talent-vocabulary.js';
import { TALENT_CATEGORIES, TALENT_SERVICE_KINDS } from './talent-vocabulary.js';

/**
 * Talent programmes (人才计划, issue 9): nomination or application calls on the
 * calls engine, each publishing its merit-point scheme (indicators, points, how
 * each is measured, the personal and enterprise parts with their weights, the
 * threshold) and its eligibility gates as policy-engine rules; a verified talent
 * credential on the person's registry record; talent service requests routed
 * through the demand ledger.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);

export const ZTalentCategory = z.enum(TALENT_CATEGORIES);
export const ZTalentServiceKind = z.enum(TALENT_SERVICE_KINDS);
const FACT_NAMES = TALENT_FACTS.map((f) => f.name) as [string, ...string[]];
export const ZTalentFactName = z.enum(FACT_NAMES);

/** How an indicator turns the applicant's answer into points. */
export const ZIndicatorMeasure = z.discriminatedUnion('kind', [
  /** Yes/no: the indicator's points when the answer is yes. */
  z.object({ kind: z.literal('boolean') }),
  /** Points per unit of a count or amount, up to the indicator's points. */
  z.object({ kind: z.literal('linear'), perUnit: z.number().positive().max(100) }),
  /** Bands: the points of the highest band whose lower bound the answer reaches; points never fall as bands rise. */
  z.object({
    kind: z.literal('bands'),
    bands: z
      .array(z.object({ min: z.number().finite(), points: z.number().min(0).max(100) }))
      .min(1)
      .max(10),
  }),
]);

export const ZIndicator = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a lower-case identifier'),
  labelZh: text(120),
  labelEn: text(200),
  /** The personal or the enterprise part of the score. */
  part: z.enum(['personal', 'enterprise']),
  /** The most points the indicator gives. */
  points: z.number().positive().max(100),
  fact: ZTalentFactName,
  measure: ZIndicatorMeasure,
  /** How the indicator is measured and evidenced, as published. */
  howZh: text(500),
  howEn: text(800),
});
export type TIndicator = z.infer<typeof ZIndicator>;

export const ZGate = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a lower-case identifier'),
  labelZh: text(200),
  labelEn: text(300),
  /** A JSON Logic rule over the talent facts, evaluated by the policy engine (eligible / ineligible / unknown). */
  rule: z.unknown(),
});
export type TGate = z.infer<typeof ZGate>;

export const ZMeritScheme = z
  .object({
    /** Where the scheme's shape comes from: a template with its source, or the programme's own. */
    template: z.enum(['zgc_merit_points', 'custom']).default('custom'),
    sourceNote: optionalText(500),
    sourceUrls: z.array(z.url({ protocol: /^https?$/ }).max(500)).max(5).default([]),
    weights: z.object({ personal: z.number().min(0).max(100), enterprise: z.number().min(0).max(100) }),
    /** The weighted total (0–100) needed for a recommendation. */
    threshold: z.number().min(0).max(100),
    indicators: z.array(ZIndicator).min(1).max(40),
    gates: z.array(ZGate).max(20).default([]),
  })
  .superRefine((s, ctx) => {
    if (Math.abs(s.weights.personal + s.weights.enterprise - 100) > 1e-9) ctx.addIssue({ code: 'custom', path: ['weights'], message: 'the personal and enterprise weights add up to 100', params: { reason: 'weights_sum' } });
    const seen = new Set<string>();
    s.indicators.forEach((ind, i) => {
      if (seen.has(ind.id)) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'id'], message: 'indicator ids are unique', params: { reason: 'duplicate_id' } });
      seen.add(ind.id);
      const fact = TALENT_FACTS.find((f) => f.name === ind.fact);
      const numeric = fact?.type === 'number' || fact?.type === 'integer';
      if (ind.measure.kind === 'boolean' && fact?.type !== 'boolean') ctx.addIssue({ code: 'custom', path: ['indicators', i, 'measure'], message: 'a yes/no indicator reads a yes/no fact', params: { reason: 'fact_type' } });
      if (ind.measure.kind !== 'boolean' && !numeric) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'measure'], message: 'a counted or banded indicator reads a number', params: { reason: 'fact_type' } });
      if (ind.measure.kind === 'bands') {
        const bands = ind.measure.bands;
        bands.forEach((b, j) => {
          if (b.points > ind.points) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'measure', 'bands', j, 'points'], message: 'a band gives at most the indicator’s points', params: { reason: 'band_over_points' } });
          const prev = bands[j - 1];
          if (prev && (b.min <= prev.min || b.points < prev.points)) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'measure', 'bands', j], message: 'bands rise: each starts above the last and gives no fewer points', params: { reason: 'bands_not_rising' } });
        });
      }
    });
    for (const part of ['personal', 'enterprise'] as const) {
      if (s.weights[part] > 0 && !s.indicators.some((ind) => ind.part === part)) ctx.addIssue({ code: 'custom', path: ['indicators'], message: `the ${part} part has weight but no indicators`, params: { reason: 'part_without_indicators' } });
    }
    const gateIds = new Set<string>();
    s.gates.forEach((g, i) => {
      if (gateIds.has(g.id)) ctx.addIssue({ code: 'custom', path: ['gates', i, 'id'], message: 'gate ids are unique', params: { reason: 'duplicate_id' } });
      gateIds.add(g.id);
    });
  });
export type TMeritScheme = z.infer<typeof ZMeritScheme>;

export const ZTalentCallInput = z.object({
  call: ZCallInput,
  category: ZTalentCategory,
  /** Nomination (by an employer or body) or open application. */
  mode: z.enum(['application', 'nomination']).default('application'),
  /** Years a credential awarded under this call is valid for (the officer may set other dates at award). */
  validityYears: z.number().int().min(1).max(20).nullable().default(null),
  scheme: ZMeritScheme,
});
export type TTalentCallInput = z.infer<typeof ZTalentCallInput>;

export const ZTalentCall = z.object({
  id: z.string(),
  programmeId: z.string(),
  state: z.string(),
  titleZh: z.string().nullable(),
  titleEn: z.string(),
  problem: z.string().nullable(),
  deadline: z.date().nullable(),
  owner: z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string() }),
  isSample: z.boolean(),
  category: ZTalentCategory,
  mode: z.enum(['application', 'nomination']),
  validityYears: z.number().int().nullable(),
  scheme: z.custom<TMeritScheme>(),
  /** Gates rendered as sentences in both languages (from the policy engine). */
  gateText: z.array(z.object({ id: z.string(), zh: z.string(), en: z.string() })),
});
export type TTalentCall = z.infer<typeof ZTalentCall>;

/** Answers to the talent facts; a fact left out (or null) is unknown. */
export const ZTalentAnswers = z.partialRecord(ZTalentFactName, z.union([z.number().finite(), z.boolean(), z.string().max(200), z.null()]));
export type TTalentAnswers = z.infer<typeof ZTalentAnswers>;

export const ZSelfAssessment = z.object({
  indicators: z.array(
    z.object({
      id: z.string(),
      part: z.enum(['personal', 'enterprise']),
      points: z.number().nullable(),
      max: z.number(),
    }),
  ),
  parts: z.object({ personal: z.object({ min: z.number(), max: z.number() }), enterprise: z.object({ min: z.number(), max: z.number() }) }),
  total: z.object({ min: z.number(), max: z.number() }),
  threshold: z.number(),
  thresholdResult: z.enum(['pass', 'fail', 'unknown']),
  gates: z.array(z.object({ id: z.string(), result: z.enum(['eligible', 'ineligible', 'unknown']), missing: z.array(z.string()) })),
  result: z.enum(['eligible', 'ineligible', 'unknown']),
  /** Unanswered facts that would decide something, most decisive first. */
  questions: z.array(z.object({ fact: z.string(), decides: z.number().int(), rules: z.number().int() })),
});
export type TSelfAssessment = z.infer<typeof ZSelfAssessment>;

export const ZTalentApplyInput = z.object({
  nameZh: optionalText(100),
  nameEn: text(200),
  /** What the applicant has done and will do (at least 20 characters, as the calls engine asks of any plan). */
  statement: z.string().trim().min(20).max(10_000),
  /** Support requested (CNY), as the programme offers it. */
  supportRequested: z.number().positive().max(1e10),
  /** When the first annual report on the support falls due. */
  firstReportDue: ZDateOnly,
  answers: ZTalentAnswers.default({}),
});
export type TTalentApplyInput = z.infer<typeof ZTalentApplyInput>;

export const ZTalentApplication = z.object({
  applicationId: z.string(),
  callId: z.string(),
  state: z.string(),
  person: z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string() }),
  employer: z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string() }).nullable(),
  selfAssessment: ZSelfAssessment,
  submittedAt: z.date().nullable(),
  credentialId: z.string().nullable(),
});
export type TTalentApplication = z.infer<typeof ZTalentApplication>;

export const ZCredentialInput = z.object({
  /** Given when the application is still under review: the calls engine awards it first. */
  awardAmount: z.number().positive().max(1e10).optional(),
  validFrom: ZDateOnly,
  validTo: ZDateOnly,
  note: optionalText(2000),
});

export const CREDENTIAL_STATUSES = ['valid', 'not_yet_valid', 'expired', 'revoked'] as const;
export const ZCredentialStatus = z.enum(CREDENTIAL_STATUSES);

export const ZCredential = z.object({
  id: z.string(),
  recognitionId: z.string(),
  category: ZTalentCategory,
  person: z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string() }),
  employer: z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string() }).nullable(),
  call: z.object({ id: z.string(), titleZh: z.string().nullable(), titleEn: z.string() }),
  programme: z.object({ id: z.string(), titleZh: z.string().nullable(), titleEn: z.string() }),
  applicationId: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  status: ZCredentialStatus,
  revokedAt: z.date().nullable(),
  revokeReason: z.string().nullable(),
  isSample: z.boolean(),
  isMine: z.boolean(),
  version: z.number().int(),
});
export type TCredential = z.infer<typeof ZCredential>;

export const ZCredentialVerification = z.object({
  id: z.string(),
  status: ZCredentialStatus,
  category: ZTalentCategory,
  type: z.string(),
  personId: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** The date the status was judged on (in the centre's time zone). */
  asOf: z.string(),
  programme: z.object({ id: z.string(), titleZh: z.string().nullable(), titleEn: z.string() }),
});

export const ZRevokeInput = z.object({ version: z.number().int().min(1), reason: z.string().trim().min(5).max(2000) });

export const ZTalentServiceRequestInput = z.object({
  credentialId: ZId,
  kind: ZTalentServiceKind,
  title: text(200),
  description: text(5000),
});

export const ZTalentServiceRequest = z.object({
  id: z.string(),
  kind: ZTalentServiceKind,
  credentialId: z.string(),
  category: ZTalentCategory,
  person: z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string() }),
  demand: z.object({ id: z.string(), reference: z.string(), title: z.string(), state: z.string(), type: z.string(), department: z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable() }),
  createdAt: z.date(),
});
export type TTalentServiceRequest = z.infer<typeof ZTalentServiceRequest>;

export const ZTalentIdParams = z.object({ centreId: ZId, id: ZId });
