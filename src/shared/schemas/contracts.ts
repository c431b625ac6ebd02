import { z } from 'zod';
import { AMOUNT_ITEMS, isBuyerRegion, PLAN_ORIGINS, SELLER_KINDS, STAT_DIMENSIONS, TECH_CONTRACT_ACTIONS, TECH_CONTRACT_STATES, TECH_CONTRACT_TYPES, TECHNICAL_FIELDS } from '../contracts-vocabulary.js';
import { ZId } from './common.js';
import { ZIsoDate } from './policies.js';

export { TECH_CONTRACT_ACTIONS, TECH_CONTRACT_STATES };
export const ZTechContractType = z.enum(TECH_CONTRACT_TYPES);
export const ZTechnicalField = z.enum(TECHNICAL_FIELDS);
export const ZTechContractState = z.enum(TECH_CONTRACT_STATES);

/** Yuan with at most two decimals, below a trillion. */
const ZYuan = z
  .number()
  .min(0)
  .max(1e12)
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, { message: 'at most two decimals (fen)' });

export const ZBuyerRegion = z.string().trim().refine(isBuyerRegion, { message: 'a two-digit province code (GB/T 2260) or abroad:XX (ISO 3166)' });

export const ZTechContractInput = z
  .object({
    contractNumber: z.string().trim().min(1).max(64),
    title: z.string().trim().min(2).max(200),
    type: ZTechContractType,
    field: ZTechnicalField,
    sellerId: ZId,
    /** A buyer in the registry (its name and region follow from it), or a name and region for one outside it. */
    buyer: z.object({ entityId: ZId.nullable().default(null), name: z.string().trim().min(2).max(200).nullable().default(null), region: ZBuyerRegion.nullable().default(null) }),
    amount: ZYuan,
    breakdown: z.array(z.object({ item: z.enum(AMOUNT_ITEMS), amount: ZYuan })).max(AMOUNT_ITEMS.length).default([]),
    patentNumbers: z.array(z.string().trim().min(8).max(24)).max(50).default([]),
    planOrigin: z.enum(PLAN_ORIGINS).default('none'),
    planProject: z.string().trim().max(200).nullable().default(null),
    signedOn: ZIsoDate,
    validUntil: ZIsoDate.nullable().default(null),
    isSample: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    if (c.buyer.entityId === null) {
      if (!c.buyer.name) ctx.addIssue({ code: 'custom', path: ['buyer', 'name'], message: 'name the buyer, or pick it from the registry' });
      if (!c.buyer.region) ctx.addIssue({ code: 'custom', path: ['buyer', 'region'], message: 'give the buyer’s region for a buyer outside the registry' });
    }
  });
export type TTechContractInput = z.infer<typeof ZTechContractInput>;

export const ZTechContractTransition = z.object({
  action: z.enum(TECH_CONTRACT_ACTIONS),
  note: z.string().trim().max(2000).nullable().default(null),
  version: z.number().int().min(1),
});

const ZParty = z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string() });

export const ZTechContract = z.object({
  id: z.string(),
  state: ZTechContractState,
  contractNumber: z.string(),
  title: z.string(),
  type: ZTechContractType,
  field: ZTechnicalField,
  seller: ZParty.extend({ kind: z.enum(SELLER_KINDS) }),
  sellerDistrictId: z.string().nullable(),
  sellerParkId: z.string().nullable(),
  buyer: z.object({ entityId: z.string().nullable(), name: z.string(), region: z.string() }),
  amount: z.number(),
  technicalAmount: z.number(),
  breakdown: z.array(z.object({ item: z.enum(AMOUNT_ITEMS), amount: z.number() })),
  patentNumbers: z.array(z.string()),
  planOrigin: z.enum(PLAN_ORIGINS),
  planProject: z.string().nullable(),
  signedOn: z.string(),
  validUntil: z.string().nullable(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  registeredOn: z.string().nullable(),
  registrar: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  /** The registrar's 30-day clock from the latest (re)submission; stopped at the decision. */
  clock: z.object({ dueAt: z.string(), daysUsed: z.number(), daysLeft: z.number(), overdue: z.boolean() }),
  /** What the caller may do now. */
  actions: z.array(z.enum(TECH_CONTRACT_ACTIONS)),
  canEdit: z.boolean(),
  importBatch: z.string().nullable(),
  isSample: z.boolean(),
  version: z.number(),
});
export type TTechContract = z.infer<typeof ZTechContract>;

export const ZTechContractListQuery = z.object({
  state: ZTechContractState.optional(),
  year: z.coerce.number().int().min(1980).max(2100).optional(),
  type: ZTechContractType.optional(),
  field: ZTechnicalField.optional(),
  sellerKind: z.enum(SELLER_KINDS).optional(),
  districtId: ZId.optional(),
  parkId: ZId.optional(),
  buyerRegion: ZBuyerRegion.optional(),
  sellerId: ZId.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ZTechContractSummary = ZTechContract.pick({ id: true, state: true, contractNumber: true, title: true, type: true, field: true, seller: true, buyer: true, amount: true, technicalAmount: true, signedOn: true, submittedAt: true, registrationNumber: true, registeredOn: true, clock: true, isSample: true });
export const ZTechContractList = z.object({ items: z.array(ZTechContractSummary), total: z.number() });

export const ZStatDimension = z.enum(STAT_DIMENSIONS);
export const ZStatisticsQuery = z.object({
  dimension: ZStatDimension.default('total'),
  /** For a breakdown: the year (all months); without it, the latest year with registrations. */
  year: z.coerce.number().int().min(1980).max(2100).optional(),
});

const ZStatValue = z.number().nullable();
export const ZStatisticsRow = z.object({
  key: z.string(),
  key2: z.string(),
  contracts: ZStatValue,
  amount: ZStatValue,
  technicalAmount: ZStatValue,
  /** Year-on-year growth in percent (null without a base, or when hidden). */
  contractsGrowth: ZStatValue,
  amountGrowth: ZStatValue,
  technicalAmountGrowth: ZStatValue,
  isSample: z.boolean(),
  suppressed: z.boolean(),
});
export const ZStatistics = z.object({
  dimension: ZStatDimension,
  year: z.number().nullable(),
  /** Registered contracts by year (all years), and by month of the chosen year. */
  byYear: z.array(ZStatisticsRow.extend({ year: z.number() })),
  byMonth: z.array(ZStatisticsRow.extend({ month: z.number() })),
  /** The chosen breakdown for the year. */
  rows: z.array(ZStatisticsRow),
  /** True when cells with fewer than `minCell` contracts are hidden (anyone without contracts:read). */
  suppression: z.object({ applied: z.boolean(), minCell: z.number() }),
  /** The centre's published totals (seeded or imported figures), shown beside what the registry holds. */
  published: z.array(z.object({ indicatorCode: z.string(), nameZh: z.string().nullable(), nameEn: z.string(), period: z.string().nullable(), value: z.number().nullable(), valueAsGiven: z.string().nullable(), unit: z.string().nullable(), sourceTitle: z.string().nullable(), sourceUrl: z.string().nullable() })),
  /** Labels for area keys (districts, parks). */
  areas: z.record(z.string(), z.object({ nameZh: z.string(), nameEn: z.string() })),
});
export type TStatistics = z.infer<typeof ZStatistics>;
