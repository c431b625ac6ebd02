import { z } from 'zod';
import { HOSTED_ORG_KINDS, PARTNER_SIDES, REGIONAL_RECORD_KINDS } from '../cooperation-vocabulary.js';
import { ZId } from './common.js';
import { ZIsoDate } from './policies.js';

/** ISO 3166-1 alpha-2. */
export const ZCountry = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'use a two-letter ISO 3166-1 code such as DE or US');
export const ZRegionalKind = z.enum(REGIONAL_RECORD_KINDS);
export const ZHostedKind = z.enum(HOSTED_ORG_KINDS);
const ZNote = z.string().trim().max(2000).nullable().default(null);
const ZVersioned = { version: z.number() };

export const ZPartnerInput = z.object({
  side: z.enum(PARTNER_SIDES),
  entityId: ZId.nullable().default(null),
  name: z.string().trim().max(200).default(''),
  country: ZCountry,
});
export const ZPartner = z.object({ side: z.enum(PARTNER_SIDES), entityId: z.string().nullable(), name: z.string(), country: z.string() });

export const ZJointLabInput = z.object({
  nameZh: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().max(200).nullable().default(null),
  field: z.string().trim().min(1).max(200),
  establishedOn: ZIsoDate.nullable().default(null),
  endedOn: ZIsoDate.nullable().default(null),
  partners: z.array(ZPartnerInput).min(2).max(30),
  sourceNote: ZNote,
  isSample: z.boolean().default(false),
});
export type TJointLabInput = z.infer<typeof ZJointLabInput>;
export const ZJointLab = ZJointLabInput.omit({ partners: true }).extend({ id: z.string(), partners: z.array(ZPartner), sourceNote: z.string().nullable(), ...ZVersioned });
export type TJointLab = z.infer<typeof ZJointLab>;

export const ZHostedOrgInput = z.object({
  entityId: ZId.nullable().default(null),
  nameZh: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().max(200).nullable().default(null),
  kind: ZHostedKind,
  field: z.string().trim().max(200).nullable().default(null),
  memberCountries: z.array(ZCountry).max(250).default([]),
  hostedSince: ZIsoDate.nullable().default(null),
  hostedUntil: ZIsoDate.nullable().default(null),
  sourceNote: ZNote,
  isSample: z.boolean().default(false),
});
export type THostedOrgInput = z.infer<typeof ZHostedOrgInput>;
export const ZHostedOrg = ZHostedOrgInput.extend({ id: z.string(), sourceNote: z.string().nullable(), ...ZVersioned });
export type THostedOrg = z.infer<typeof ZHostedOrg>;

export const ZAgreementInput = z.object({
  title: z.string().trim().min(2).max(300),
  subject: z.string().trim().min(1).max(2000),
  signedOn: ZIsoDate,
  endsOn: ZIsoDate.nullable().default(null),
  parties: z.array(ZPartnerInput).min(2).max(50),
  sourceNote: ZNote,
  isSample: z.boolean().default(false),
});
export type TAgreementInput = z.infer<typeof ZAgreementInput>;
export const ZAgreement = ZAgreementInput.omit({ parties: true }).extend({ id: z.string(), parties: z.array(ZPartner), sourceNote: z.string().nullable(), ...ZVersioned });
export type TAgreement = z.infer<typeof ZAgreement>;

export const ZRegion = z.object({ code: z.string().trim().min(1).max(12), nameZh: z.string().trim().min(1).max(50), nameEn: z.string().trim().min(1).max(80), lon: z.number().min(-180).max(180).nullable().default(null), lat: z.number().min(-90).max(90).nullable().default(null) });
export const ZRegionalConfigInput = z.object({
  nameZh: z.string().trim().min(2).max(100),
  nameEn: z.string().trim().min(2).max(150),
  homeCountry: ZCountry,
  regions: z.array(ZRegion).min(2).max(40),
  /** The version you saw; null when the centre still runs on the default. */
  version: z.number().int().min(1).nullable(),
});
export const ZRegionalConfig = z.object({ nameZh: z.string(), nameEn: z.string(), homeCountry: z.string(), regions: z.array(ZRegion), isDefault: z.boolean(), version: z.number().nullable() });
export type TRegionalConfig = z.infer<typeof ZRegionalConfig>;

export const ZRegionalRecordInput = z.object({
  kind: ZRegionalKind,
  fromRegion: z.string().trim().min(1).max(12),
  toRegion: z.string().trim().min(1).max(12),
  title: z.string().trim().min(2).max(300),
  entityId: ZId.nullable().default(null),
  organisationName: z.string().trim().max(200).default(''),
  occurredOn: ZIsoDate,
  /** Yuan, when known. */
  amount: z.number().finite().min(0).max(1e15).nullable().default(null),
  sourceNote: ZNote,
  isSample: z.boolean().default(false),
});
export type TRegionalRecordInput = z.infer<typeof ZRegionalRecordInput>;
export const ZRegionalRecord = ZRegionalRecordInput.extend({ id: z.string(), sourceNote: z.string().nullable(), ...ZVersioned });
export type TRegionalRecord = z.infer<typeof ZRegionalRecord>;
export const ZRegionalRecordQuery = z.object({
  kind: ZRegionalKind.optional(),
  year: z.coerce.number().int().min(1980).max(2100).optional(),
  fromRegion: z.string().max(12).optional(),
  toRegion: z.string().max(12).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type TRegionalRecordQuery = z.infer<typeof ZRegionalRecordQuery>;

export const ZCooperationStatistics = z.object({
  config: ZRegionalConfig,
  regional: z.object({
    byYearKind: z.array(z.object({ year: z.number(), kind: ZRegionalKind, records: z.number() })),
    flows: z.array(z.object({ from: z.string(), to: z.string(), kind: ZRegionalKind, records: z.number(), amount: z.number() })),
    unconfigured: z.array(z.string()),
    samples: z.number(),
  }),
  international: z.object({
    byCountry: z.array(z.object({ country: z.string(), jointLabs: z.number(), agreements: z.number(), hostedOrganisations: z.number(), total: z.number() })),
    jointLabs: z.number(),
    agreements: z.number(),
    hostedOrganisations: z.number(),
  }),
  /** Published figures on international cooperation (seeded or imported), beside the records' counts. */
  published: z.array(z.object({ indicatorCode: z.string(), nameZh: z.string().nullable(), nameEn: z.string(), period: z.string().nullable(), value: z.number().nullable(), valueAsGiven: z.string().nullable(), unit: z.string().nullable(), sourceTitle: z.string().nullable(), sourceUrl: z.string().nullable() })),
});
export type TCooperationStatistics = z.infer<typeof ZCooperationStatistics>;
