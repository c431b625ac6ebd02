import { z } from 'zod';
import { ZDateOnly, ZEntityRef } from './calls.js';
import { ZId } from './common.js';

/**
 * Recognition and support of foreign-funded R&D centres (外资研发中心, issue 9).
 * A recognition round is a call of a `recognition` programme on the calls
 * engine; a centre's application is a call application with the fields only
 * a centre has (its type, the definition's facts, the evidence list, texts in
 * English and Chinese). An officer recognises an awarded application: a dated
 * credential on the organisation (registry `recognitions`, type
 * `foreign_rnd_centre`), support granted under it, an assigned housekeeper,
 * and the centre's local open-innovation outputs read from the records.
 */

/** The two types of the Beijing 2022 definition: an R&D innovation centre (its own R&D team) or an open innovation platform. */
export const RD_CENTRE_TYPES = ['innovation_centre', 'open_platform'] as const;
export type TRdCentreType = (typeof RD_CENTRE_TYPES)[number];

/** The definition's criteria, each a rule over the facts below (see core/rdcentres). */
export const RD_CRITERIA = ['foreign_funded', 'investor_overseas', 'registered_in_china', 'natural_sciences', 'type_requirement'] as const;
export type TRdCriterion = (typeof RD_CRITERIA)[number];

/** Documents that back the criteria (titles and references; the documents may be in English). */
export const RD_EVIDENCE_KINDS = ['shareholding', 'investor_profile', 'business_licence', 'rd_programme', 'team_roster', 'platform_rules', 'other'] as const;
export type TRdEvidenceKind = (typeof RD_EVIDENCE_KINDS)[number];

/** Support measures (16 measures, 2023/24): a first physical centre or platform (≤ CNY 50 M), an upgrade to a regional or global centre (≤ CNY 20 M), projects, other. */
export const RD_SUPPORT_MEASURES = ['first_centre', 'upgrade', 'project', 'other'] as const;
export type TRdSupportMeasure = (typeof RD_SUPPORT_MEASURES)[number];

export const RD_RECOGNITION_STATUSES = ['active', 'expired', 'revoked'] as const;
export const TEXT_LANGUAGES = ['en', 'zh'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
/** Optional free text; an empty string counts as not given (the service treats '' as null). */
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);
const YEAR_MONTH = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'use YYYY-MM');

/** The facts the criteria read; null means "not answered" (the criterion it decides stays unknown). */
export const ZRdFacts = z.object({
  centreType: z.enum(RD_CENTRE_TYPES).nullable().default(null),
  /** Share of the registered capital held by foreign investors, in per cent. */
  foreignShare: z.number().min(0).max(100).nullable().default(null),
  investorMainlyOverseas: z.boolean().nullable().default(null),
  registeredInChina: z.boolean().nullable().default(null),
  naturalSciencesRd: z.boolean().nullable().default(null),
  independentTeam: z.boolean().nullable().default(null),
  openServices: z.boolean().nullable().default(null),
});
export type TRdFacts = z.infer<typeof ZRdFacts>;

export const ZRdEvidence = z.object({
  kind: z.enum(RD_EVIDENCE_KINDS),
  title: text(300),
  /** A document number, register entry or address where an officer can check it. */
  reference: optionalText(500),
  language: z.enum(TEXT_LANGUAGES).default('en'),
});
export type TRdEvidence = z.infer<typeof ZRdEvidence>;

export const CRITERION_RESULTS = ['pass', 'fail', 'unknown'] as const;
export const ZCriterionCheck = z.object({
  code: z.enum(RD_CRITERIA),
  result: z.enum(CRITERION_RESULTS),
  /** Facts the criterion still needs (for `unknown`). */
  missing: z.array(z.string()),
  /** Evidence kinds that back this criterion, and whether one is listed. */
  evidenceKinds: z.array(z.enum(RD_EVIDENCE_KINDS)),
  evidenceGiven: z.boolean(),
  ruleZh: z.string(),
  ruleEn: z.string(),
});
export type TCriterionCheck = z.infer<typeof ZCriterionCheck>;
export const ZCriteriaCheck = z.object({ outcome: z.enum(['meets', 'fails', 'undecided']), criteria: z.array(ZCriterionCheck) });
export type TCriteriaCheck = z.infer<typeof ZCriteriaCheck>;
export const ZCheckInput = z.object({ facts: ZRdFacts, evidence: z.array(ZRdEvidence).max(40).default([]) });

// ---------------------------------------------------------------- rounds
export const ZRoundInput = z.object({
  programmeId: ZId,
  /** The recognising department: an organisation in the registry. */
  ownerEntityId: ZId,
  titleZh: optionalText(200),
  titleEn: text(300),
  deadline: z.iso.datetime({ offset: true }),
  /** The support budget of the round, in yuan (the call's budget). */
  budget: z.number().positive().max(1e12),
  isSample: z.boolean().default(false),
  /** The comprehensive assessment's floor for each output over the recognition's validity to date (they become the call's acceptance criteria). */
  assessment: z.object({ jointProjects: z.number().int().min(0).max(1000), localContracts: z.number().int().min(0).max(10_000), localHires: z.number().int().min(0).max(100_000) }),
});
export type TRoundInput = z.infer<typeof ZRoundInput>;
export const ZRound = z.object({
  id: z.string(),
  programmeId: z.string(),
  titleZh: z.string().nullable(),
  titleEn: z.string(),
  state: z.string(),
  deadline: z.date().nullable(),
  budget: z.number().nullable(),
  isSample: z.boolean(),
  owner: ZEntityRef,
  assessment: z.array(z.object({ metric: z.string(), threshold: z.number() })),
  applications: z.number().int(),
});
export type TRound = z.infer<typeof ZRound>;

// ---------------------------------------------------------------- applications
export const ZRdApplicationInput = z.object({
  nameEn: optionalText(300),
  nameZh: optionalText(200),
  descriptionEn: optionalText(10_000),
  descriptionZh: optionalText(10_000),
  facts: ZRdFacts,
  evidence: z.array(ZRdEvidence).max(40),
  /** The head of the centre: a person in the registry (the application's principal investigator). */
  headEntityId: ZId.nullable().default(null),
  /** Planned R&D spending in the first year of recognition, in yuan (the application's budget). */
  plannedRdSpend: z.number().positive().max(1e12).nullable().default(null),
  /** The applicant affirms that the information is true. */
  truthful: z.boolean().default(false),
});
export type TRdApplicationInput = z.infer<typeof ZRdApplicationInput>;

export const ZTranslationInput = z.object({
  version: z.number().int().min(1),
  nameEn: optionalText(300),
  nameZh: optionalText(200),
  descriptionEn: optionalText(10_000),
  descriptionZh: optionalText(10_000),
});

/** A text in two languages; `original` names the language the applicant wrote; a side is null when nobody translated it. */
export const ZBilingual = z.object({ en: z.string().nullable(), zh: z.string().nullable(), original: z.enum(TEXT_LANGUAGES), translatedBy: z.string().nullable() });

export const ZRecognitionView = z.object({
  id: z.string(),
  entity: ZEntityRef,
  centreType: z.enum(RD_CENTRE_TYPES),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  status: z.enum(RD_RECOGNITION_STATUSES),
  decisionRef: z.string(),
  revokedOn: z.string().nullable(),
  revokeReason: z.string().nullable(),
  housekeeper: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  applicationId: z.string(),
  isSample: z.boolean(),
  version: z.number().int(),
});
export type TRecognitionView = z.infer<typeof ZRecognitionView>;

export const ZRdApplicationSummary = z.object({
  id: z.string(),
  callId: z.string(),
  roundTitleZh: z.string().nullable(),
  roundTitleEn: z.string(),
  state: z.string(),
  organisation: ZEntityRef,
  centreType: z.enum(RD_CENTRE_TYPES),
  name: ZBilingual,
  submittedAt: z.date().nullable(),
  recognitionId: z.string().nullable(),
  isSample: z.boolean(),
});
export type TRdApplicationSummary = z.infer<typeof ZRdApplicationSummary>;

export const ZRdApplication = ZRdApplicationSummary.extend({
  description: ZBilingual,
  facts: ZRdFacts,
  evidence: z.array(ZRdEvidence),
  criteria: ZCriteriaCheck,
  head: ZEntityRef.nullable(),
  plannedRdSpend: z.number().nullable(),
  awardAmount: z.number().nullable(),
  recognition: ZRecognitionView.nullable(),
  canRecognise: z.boolean(),
  canTranslate: z.boolean(),
  version: z.number().int(),
});
export type TRdApplication = z.infer<typeof ZRdApplication>;

// ---------------------------------------------------------------- recognition, support, outputs
export const ZRecogniseInput = z.object({
  version: z.number().int().min(1),
  validFrom: ZDateOnly,
  validTo: ZDateOnly,
  decisionRef: text(200),
  housekeeperUserId: ZId.nullable().default(null),
});
export const ZRevokeInput = z.object({ version: z.number().int().min(1), effectiveOn: ZDateOnly, reason: text(2000) });
export const ZHousekeeperInput = z.object({ version: z.number().int().min(1), userId: ZId.nullable() });

export const ZSupportInput = z.object({
  measure: z.enum(RD_SUPPORT_MEASURES),
  amount: z.number().min(0).max(1e12),
  grantedOn: ZDateOnly,
  decisionRef: text(200),
  note: optionalText(2000),
});
export const ZSupport = z.object({ id: z.string(), measure: z.enum(RD_SUPPORT_MEASURES), amount: z.number(), grantedOn: z.string(), decisionRef: z.string(), note: z.string().nullable(), recordedAt: z.date() });
export type TSupport = z.infer<typeof ZSupport>;

export const ZHireInput = z.object({ periodFrom: YEAR_MONTH, periodTo: YEAR_MONTH, count: z.number().int().min(1).max(100_000), note: optionalText(1000) });
export const ZHire = z.object({ id: z.string(), periodFrom: z.string(), periodTo: z.string(), count: z.number().int(), note: z.string().nullable(), recordedAt: z.date() });
export type THire = z.infer<typeof ZHire>;

export const ZJointProject = z.object({ applicationId: z.string(), callId: z.string(), title: z.string(), state: z.string(), year: z.string().nullable(), partners: z.array(ZEntityRef) });
export const ZLocalContract = z.object({ id: z.string(), title: z.string(), buyer: ZEntityRef, technicalAmount: z.number(), registeredOn: z.string() });
export const ZAssessmentLine = z.object({ metric: z.enum(['jointProjects', 'localContracts', 'localHires']), value: z.number(), threshold: z.number().nullable(), met: z.boolean().nullable() });
export const ZOutputs = z.object({
  jointProjects: z.array(ZJointProject),
  localContracts: z.array(ZLocalContract),
  hires: z.array(ZHire),
  assessment: z.object({ from: z.string(), to: z.string(), lines: z.array(ZAssessmentLine), outcome: z.enum(['met', 'not_met', 'no_floor']) }),
});
export type TOutputs = z.infer<typeof ZOutputs>;

export const ZRecognitionDetail = z.object({ recognition: ZRecognitionView, name: ZBilingual, support: z.array(ZSupport), outputs: ZOutputs, canManage: z.boolean(), canRecordHires: z.boolean() });
export type TRecognitionDetail = z.infer<typeof ZRecognitionDetail>;

/** A recognised centre in the public list; the comprehensive assessment only for officers. */
export const ZRecognitionListItem = ZRecognitionView.extend({
  /** The application behind it: for officers and the centre's own members, null for everyone else (the list is public). */
  applicationId: z.string().nullable(),
  name: ZBilingual,
  supportTotal: z.number().nullable(),
  assessment: z.object({ jointProjects: z.number(), localContracts: z.number(), localHires: z.number(), outcome: z.enum(['met', 'not_met', 'no_floor']) }).nullable(),
});
export type TRecognitionListItem = z.infer<typeof ZRecognitionListItem>;
