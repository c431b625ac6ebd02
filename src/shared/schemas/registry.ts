import { z } from 'zod';
import { ZNameStatus } from './common.js';
import { ZEntity, ZEntityCategory } from './entities.js';
import { ZCitation } from './sources.js';

/**
 * The registry's vocabularies: kinds of actor (each under a coarse category),
 * recognitions, relation types, size metrics. Codes are stable; labels are
 * translated by the web app.
 */
export const ENTITY_KINDS = {
  national_lab: 'national_lab',
  national_key_lab: 'national_lab',
  big_science_facility: 'big_science_facility',
  cross_research_platform: 'big_science_facility',
  new_rnd_institution: 'rnd_institution',
  university: 'university',
  double_first_class_university: 'university',
  research_institute: 'rnd_institution',
  national_tech_innovation_centre: 'innovation_centre',
  national_manufacturing_innovation_centre: 'innovation_centre',
  proof_of_concept_platform: 'platform',
  pilot_platform: 'platform',
  incubator: 'platform',
  science_park: 'platform',
  platform: 'platform',
  foreign_rnd_centre: 'organisation',
  international_st_organisation: 'organisation',
  investor: 'organisation',
  government_body: 'organisation',
  media: 'organisation',
  organisation: 'organisation',
  innovation_consortium: 'organisation',
  enterprise: 'enterprise',
  talent: 'person',
  person: 'person',
  achievement: 'achievement',
  event: 'event',
  index: 'index',
  comparator: 'comparator',
} as const satisfies Record<string, z.infer<typeof ZEntityCategory>>;
export type TEntityKind = keyof typeof ENTITY_KINDS;
export const ZEntityKind = z.enum(Object.keys(ENTITY_KINDS) as [TEntityKind, ...TEntityKind[]]);

/** Rungs of the cultivation ladder and other recognitions, with validity periods. */
export const RECOGNITION_TYPES = [
  'leading_enterprise',
  'chain_master',
  'unicorn',
  'little_giant',
  'specialised_sophisticated_sme',
  'hidden_champion',
  'high_tech_enterprise',
  'tech_sme',
  'platform_enterprise',
  'listed_company',
  'foreign_rnd_centre',
  'national_key_lab',
  'strategic_scientist',
  'leading_talent',
  'young_talent',
  'innovation_team',
] as const;
export const ZRecognitionType = z.enum(RECOGNITION_TYPES);

/**
 * A vocabulary code (kind or recognition): one of the built-in lists above or
 * a term a centre adds by configuration (its package, or an administrator).
 * The server checks a code against the centre's vocabulary.
 */
export const ZVocabularyCode = z.string().trim().regex(/^[a-z][a-z0-9_]{1,62}$/, 'a code: lower-case letters, digits and _');
export const VOCABULARY_DOMAINS = ['kind', 'recognition'] as const;
export const ZVocabularyDomain = z.enum(VOCABULARY_DOMAINS);
export type TVocabularyDomain = z.infer<typeof ZVocabularyDomain>;

/** A centre's own term: a kind under one of the fixed categories, or a recognition; labelled in both languages. */
export const ZVocabularyTermInput = z.object({
  category: ZEntityCategory.nullable().default(null),
  labelZh: z.string().trim().min(1).max(60),
  labelEn: z.string().trim().min(1).max(120),
  description: z.string().trim().max(500).nullable().default(null),
});
export const ZVocabularyTerm = ZVocabularyTermInput.extend({
  domain: ZVocabularyDomain,
  code: z.string(),
  /** Built-in terms are labelled by the web app's catalogs; their labels here are null. */
  builtIn: z.boolean(),
  labelZh: z.string().nullable(),
  labelEn: z.string().nullable(),
});
export type TVocabularyTerm = z.infer<typeof ZVocabularyTerm>;
export const ZVocabulary = z.object({ kinds: z.array(ZVocabularyTerm), recognitions: z.array(ZVocabularyTerm) });
export type TVocabulary = z.infer<typeof ZVocabulary>;

/** Relation types, read "from … to": a person is affiliated with an organisation. */
export const RELATION_TYPES = ['affiliated_with', 'located_in', 'subsidiary_of', 'member_of', 'partner_of', 'spun_off_from', 'invested_in', 'supplies', 'hosts'] as const;
export const ZRelationType = z.enum(RELATION_TYPES);

export const FACT_METRICS = ['employees', 'revenue', 'rnd_expense'] as const;
export const ZFactMetric = z.enum(FACT_METRICS);

/** YYYY, YYYY-MM or YYYY-MM-DD. */
export const ZPartialDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'use YYYY, YYYY-MM or YYYY-MM-DD');

export const ZExternalId = z.object({
  scheme: z.string().regex(/^[a-z][a-z0-9_-]{1,31}$/, 'a short lower-case scheme name'),
  value: z.string().trim().min(1).max(200),
});

/** GB/T 4754-2017 codes: a section letter, or 2–4 digits (division, group, class). */
export const ZSectorCode = z.string().regex(/^([A-T]|\d{2,4})$/, 'a GB/T 4754-2017 code: a section letter A–T or 2–4 digits');

const trimmed = (max: number) => z.string().trim().min(1).max(max);

/** Fields a user may set on an actor, without defaults: a patch names only what it changes. */
const entityFields = {
  kind: ZVocabularyCode,
  nameZh: trimmed(200).nullable(),
  nameEn: trimmed(300),
  aliases: z.array(trimmed(200)).max(30),
  descriptionEn: z.string().trim().max(4000).nullable(),
  areaId: z.string().max(120).nullable(),
  address: z.string().trim().max(300).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  foundedOn: ZPartialDate.nullable(),
  sectorCodes: z.array(ZSectorCode).max(20),
  industryTags: z.array(trimmed(60)).max(20),
  uscc: z.string().trim().max(40).nullable(),
  ror: z.string().trim().max(60).nullable(),
  orcid: z.string().trim().max(60).nullable(),
  externalIds: z.array(ZExternalId).max(20),
  parentId: z.string().max(120).nullable(),
  isSample: z.boolean(),
};

/** A new actor: what is not given is empty. Identifiers are checked again by the server (check characters). */
export const ZEntityInput = z.object({
  ...entityFields,
  nameZh: entityFields.nameZh.default(null),
  aliases: entityFields.aliases.default([]),
  descriptionEn: entityFields.descriptionEn.default(null),
  areaId: entityFields.areaId.default(null),
  address: entityFields.address.default(null),
  lon: entityFields.lon.default(null),
  lat: entityFields.lat.default(null),
  foundedOn: entityFields.foundedOn.default(null),
  sectorCodes: entityFields.sectorCodes.default([]),
  industryTags: entityFields.industryTags.default([]),
  uscc: entityFields.uscc.default(null),
  ror: entityFields.ror.default(null),
  orcid: entityFields.orcid.default(null),
  externalIds: entityFields.externalIds.default([]),
  parentId: entityFields.parentId.default(null),
  isSample: entityFields.isSample.default(false),
  /** Create even though the server found likely duplicates (after a person has looked). */
  confirmNotDuplicate: z.boolean().default(false),
});
export type TEntityInput = z.infer<typeof ZEntityInput>;

export const ZEntityPatch = z
  .object(entityFields)
  .partial()
  .extend({ version: z.number().int().positive() })
  .refine((p) => Object.keys(p).length > 1, { message: 'change at least one field' });
export type TEntityPatch = z.infer<typeof ZEntityPatch>;

export const ZDuplicateCandidate = z.object({
  id: z.string(),
  nameZh: z.string().nullable(),
  nameEn: z.string(),
  kind: z.string().nullable(),
  /** 'uscc' | 'ror' | 'orcid' for an exact identifier match, 'name' for a similar name. */
  matchedOn: z.enum(['uscc', 'ror', 'orcid', 'name']),
  similarity: z.number(),
});
export type TDuplicateCandidate = z.infer<typeof ZDuplicateCandidate>;

export const ZRecognition = z.object({
  id: z.string(),
  entityId: z.string(),
  type: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  sourceId: z.string().nullable(),
  sourceNote: z.string().nullable(),
});
export const ZRecognitionInput = z.object({
  type: ZVocabularyCode,
  validFrom: ZPartialDate.nullable().default(null),
  validTo: ZPartialDate.nullable().default(null),
  sourceId: z.string().max(120).nullable().default(null),
  sourceNote: z.string().trim().max(500).nullable().default(null),
});

export const ZFact = z.object({
  id: z.string(),
  entityId: z.string(),
  metric: ZFactMetric,
  year: z.number().int(),
  value: z.number(),
  unit: z.string(),
  sourceId: z.string().nullable(),
  sourceNote: z.string().nullable(),
});
export const ZFactInput = z.object({
  metric: ZFactMetric,
  year: z.number().int().min(1900).max(2100),
  value: z.number().finite().min(0),
  unit: trimmed(40),
  sourceId: z.string().max(120).nullable().default(null),
  sourceNote: z.string().trim().max(500).nullable().default(null),
});

export const ZRelation = z.object({
  id: z.string(),
  type: ZRelationType,
  fromId: z.string(),
  toId: z.string(),
  toKind: z.enum(['entity', 'area']),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  sourceId: z.string().nullable(),
  sourceNote: z.string().nullable(),
});
export type TRelation = z.infer<typeof ZRelation>;
export const ZRelationInput = z
  .object({
    type: ZRelationType,
    fromId: z.string().min(1).max(120),
    toId: z.string().min(1).max(120),
    toKind: z.enum(['entity', 'area']).default('entity'),
    validFrom: ZPartialDate.nullable().default(null),
    validTo: ZPartialDate.nullable().default(null),
    sourceId: z.string().max(120).nullable().default(null),
    sourceNote: z.string().trim().max(500).nullable().default(null),
  })
  .refine((r) => r.fromId !== r.toId, { message: 'a record cannot relate to itself', path: ['toId'], params: { reason: 'self_reference' } })
  .refine((r) => !r.validFrom || !r.validTo || r.validFrom <= r.validTo, { message: 'ends before it starts', path: ['validTo'], params: { reason: 'ends_before_start' } });
export type TRelationInput = z.infer<typeof ZRelationInput>;

export const ZPersonPrivate = z.object({
  email: z.string().email().max(200).nullable(),
  phone: z.string().max(40).nullable(),
  birthYear: z.number().int().min(1900).max(2100).nullable(),
  notes: z.string().max(2000).nullable(),
});

/** Everything the registry knows about one actor. */
export const ZEntityProfile = z.object({
  entity: ZEntity.extend({
    kind: z.string().nullable(),
    aliases: z.array(z.string()),
    address: z.string().nullable(),
    lon: z.number().nullable(),
    lat: z.number().nullable(),
    foundedOn: z.string().nullable(),
    sectorCodes: z.array(z.string()),
    industryTags: z.array(z.string()),
    uscc: z.string().nullable(),
    ror: z.string().nullable(),
    orcid: z.string().nullable(),
    externalIds: z.array(ZExternalId),
    parentId: z.string().nullable(),
    status: z.enum(['active', 'merged']),
    mergedIntoId: z.string().nullable(),
    version: z.number().int(),
    notes: z.string().nullable(),
  }),
  citations: z.array(ZCitation),
  recognitions: z.array(ZRecognition),
  facts: z.array(ZFact),
  relations: z.array(ZRelation.extend({ otherId: z.string(), otherNameZh: z.string().nullable(), otherNameEn: z.string(), direction: z.enum(['out', 'in']) })),
  /** Null when the caller may not see personal fields, or the actor is not a person. */
  personal: ZPersonPrivate.nullable(),
  timeline: z.array(z.object({ seq: z.number().int(), at: z.string(), action: z.string(), actorLabel: z.string() })),
});
export type TEntityProfile = z.infer<typeof ZEntityProfile>;

export const ZSearchQuery = z.object({
  q: z.string().trim().max(200).default(''),
  category: ZEntityCategory.optional(),
  kind: ZVocabularyCode.optional(),
  areaId: z.string().max(120).optional(),
  recognition: ZVocabularyCode.optional(),
  sector: z.string().max(10).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Opaque cursor from the previous page. */
  cursor: z.string().max(200).optional(),
});
export type TSearchQuery = z.infer<typeof ZSearchQuery>;

export const ZSearchHit = z.object({
  id: z.string(),
  category: ZEntityCategory,
  kind: z.string().nullable(),
  nameZh: z.string().nullable(),
  nameEn: z.string(),
  nameStatus: ZNameStatus,
  areaId: z.string().nullable(),
  isSample: z.boolean(),
  score: z.number(),
});
export const ZFacetCount = z.object({ value: z.string(), count: z.number().int() });
export const ZSearchResult = z.object({
  items: z.array(ZSearchHit),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
  /**
   * True when the query matched more actors than a search examines (a broad
   * word over a city's registry): total is then "at least", facets count the
   * examined matches, and paging stops there. Refining the query lifts it.
   */
  truncated: z.boolean(),
  facets: z.object({ category: z.array(ZFacetCount), kind: z.array(ZFacetCount), area: z.array(ZFacetCount), recognition: z.array(ZFacetCount) }),
});
export type TSearchResult = z.infer<typeof ZSearchResult>;

export const ZGraph = z.object({
  nodes: z.array(z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string(), category: z.string(), kind: z.string().nullable(), depth: z.number().int(), isCluster: z.boolean(), clusterSize: z.number().int() })),
  links: z.array(z.object({ source: z.string(), target: z.string(), type: z.string() })),
  truncated: z.boolean(),
});
export type TGraph = z.infer<typeof ZGraph>;

export const ZMergeRequest = z.object({ duplicateId: z.string().min(1).max(120), note: z.string().trim().max(500).nullable().default(null) });

export const ZCorrectionInput = z.object({
  patch: z
    .object(entityFields)
    .pick({ nameZh: true, nameEn: true, aliases: true, address: true, foundedOn: true, sectorCodes: true, industryTags: true, descriptionEn: true })
    .partial()
    .refine((p) => Object.keys(p).length > 0, { message: 'propose at least one change' }),
  reason: z.string().trim().min(1).max(1000),
});
export const ZCorrection = z.object({
  id: z.string(),
  entityId: z.string(),
  proposedBy: z.string(),
  /** Display names, so a reviewer sees who asked without the right to list accounts. */
  proposedByName: z.string().nullable(),
  reviewerName: z.string().nullable(),
  patch: z.record(z.string(), z.unknown()),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  reviewerId: z.string().nullable(),
  reviewNote: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export const ZCorrectionDecision = z.object({ decision: z.enum(['approve', 'reject']), note: z.string().trim().max(1000).nullable().default(null) });
