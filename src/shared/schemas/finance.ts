import { z } from 'zod';
import { EXIT_KINDS, LISTING_BOARDS, ROUND_STAGES, UNICORN_EXIT_REASONS } from '../finance-vocabulary.js';
import { ZId } from './common.js';
import { ZIsoDate } from './policies.js';

export const ZRoundStage = z.enum(ROUND_STAGES);
export const ZListingBoard = z.enum(LISTING_BOARDS);
export const ZExitKind = z.enum(EXIT_KINDS);
/** ISO 4217: three capital letters. */
export const ZCurrency = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'use a three-letter ISO 4217 code such as CNY or USD');
const ZMoney = z.number().finite().min(0).max(1e15);
const ZUrl = z.string().trim().url({ protocol: /^https?$/ }).max(2000);

const ZOrg = z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string() });

export const ZInvestorInput = z.object({
  /** The registry organisation, when the investor is in the registry; otherwise only the name. */
  entityId: ZId.nullable().default(null),
  name: z.string().trim().max(200).default(''),
  isLead: z.boolean().default(false),
});

export const ZRoundInput = z.object({
  investeeId: ZId,
  announcedOn: ZIsoDate,
  stage: ZRoundStage,
  /** null: not disclosed. */
  amount: ZMoney.nullable().default(null),
  currency: ZCurrency.default('CNY'),
  postMoneyValuation: ZMoney.nullable().default(null),
  investors: z.array(ZInvestorInput).max(50).default([]),
  sourceNote: z.string().trim().max(2000).nullable().default(null),
  sourceUrl: ZUrl.nullable().default(null),
  isSample: z.boolean().default(false),
});
export type TRoundInput = z.infer<typeof ZRoundInput>;

export const ZRound = z.object({
  id: z.string(),
  investee: ZOrg.extend({ areaId: z.string().nullable() }),
  announcedOn: z.string(),
  stage: ZRoundStage,
  amount: z.number().nullable(),
  currency: z.string(),
  postMoneyValuation: z.number().nullable(),
  investors: z.array(z.object({ name: z.string(), entityId: z.string().nullable(), isLead: z.boolean() })),
  sourceNote: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  isSample: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TRound = z.infer<typeof ZRound>;

export const ZRoundListQuery = z.object({
  investeeId: ZId.optional(),
  investorId: ZId.optional(),
  stage: ZRoundStage.optional(),
  year: z.coerce.number().int().min(1980).max(2100).optional(),
  areaId: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type TRoundListQuery = z.infer<typeof ZRoundListQuery>;
export const ZRoundList = z.object({ items: z.array(ZRound), total: z.number() });

export const ZExitInput = z.object({
  entityId: ZId,
  kind: ZExitKind,
  exitOn: ZIsoDate,
  board: ZListingBoard.nullable().default(null),
  code: z.string().trim().min(1).max(20).nullable().default(null),
  acquirerId: ZId.nullable().default(null),
  acquirerName: z.string().trim().max(200).nullable().default(null),
  sourceNote: z.string().trim().max(2000).nullable().default(null),
  sourceUrl: ZUrl.nullable().default(null),
  isSample: z.boolean().default(false),
});
export type TExitInput = z.infer<typeof ZExitInput>;
export const ZExit = z.object({
  id: z.string(),
  entity: ZOrg,
  kind: ZExitKind,
  exitOn: z.string(),
  board: ZListingBoard.nullable(),
  code: z.string().nullable(),
  acquirer: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
  sourceNote: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  isSample: z.boolean(),
  version: z.number(),
});
export type TExit = z.infer<typeof ZExit>;

export const ZFxRateInput = z.object({
  currency: ZCurrency.refine((c) => c !== 'USD', 'US dollars need no rate'),
  year: z.number().int().min(1980).max(2100),
  usdPerUnit: z.number().finite().gt(0).max(1e6),
  sourceNote: z.string().trim().max(500).nullable().default(null),
});
export const ZFxRate = z.object({ currency: z.string(), year: z.number(), usdPerUnit: z.number(), sourceNote: z.string().nullable() });
export type TFxRate = z.infer<typeof ZFxRate>;

export const ZUnicornQuery = z.object({ date: ZIsoDate.optional() });
const ZUnicornStatus = z.object({
  entity: ZOrg,
  unicorn: z.boolean(),
  bases: z.array(z.enum(['recognition', 'valuation'])),
  latestValuation: z.object({ roundId: z.string(), announcedOn: z.string(), amount: z.number(), currency: z.string(), usd: z.number().nullable() }).nullable(),
  exit: z.object({ id: z.string(), kind: ZExitKind, exitOn: z.string() }).nullable(),
});
const ZPublished = z.object({ indicatorCode: z.string(), nameZh: z.string().nullable(), nameEn: z.string(), period: z.string().nullable(), value: z.number().nullable(), valueAsGiven: z.string().nullable(), unit: z.string().nullable(), sourceTitle: z.string().nullable(), sourceUrl: z.string().nullable() });
export const ZUnicornReport = z.object({
  date: z.string(),
  /** Unicorns on the date. */
  unicorns: z.array(ZUnicornStatus),
  /** Companies the records name (recognition or valued round) that are not unicorns on the date, with why. */
  others: z.array(ZUnicornStatus),
  events: z.array(z.object({ entity: ZOrg, date: z.string(), event: z.enum(['entry', 'exit']), reason: z.enum(UNICORN_EXIT_REASONS).nullable() })),
  /** Valuations that could not be judged because no rate was entered for their currency and year. */
  missingRates: z.array(z.object({ currency: z.string(), year: z.number() })),
  /** Unicorns at each year end, from the records. */
  byYearEnd: z.array(z.object({ year: z.number(), unicorns: z.number() })),
  /** Published counts (seeded or imported), shown beside the records' counts, never mixed in. */
  published: z.array(ZPublished),
});
export type TUnicornReport = z.infer<typeof ZUnicornReport>;

export const ZFinanceStatistics = z.object({
  currency: z.string(),
  funnel: z.array(z.object({ cohort: z.number(), steps: z.array(z.object({ step: z.enum(['first_round', 'a', 'b', 'c', 'd_plus', 'listing']), companies: z.number(), conversion: z.number().nullable() })) })),
  cells: z.array(z.object({ year: z.number(), stage: ZRoundStage, areaId: z.string().nullable(), rounds: z.number(), disclosed: z.number(), amount: z.number(), unconverted: z.number(), samples: z.number() })),
  areas: z.record(z.string(), z.object({ nameZh: z.string(), nameEn: z.string() })),
  published: z.array(ZPublished),
  derived: z.array(z.object({ indicatorCode: z.string(), period: z.string().nullable(), areaId: z.string().nullable(), value: z.number().nullable() })),
});
export type TFinanceStatistics = z.infer<typeof ZFinanceStatistics>;

export const ZRoundImportReport = z.object({
  rows: z.number(),
  created: z.number(),
  dryRun: z.boolean(),
  /** Each problem by row (1 = the header), column (its Chinese header), value and code; any problem means nothing was written. */
  errors: z.array(z.object({ row: z.number(), column: z.string(), value: z.string(), code: z.string(), reason: z.string() })),
  /** Investors whose names matched one registry organisation. */
  linkedInvestors: z.number(),
});
export type TRoundImportReport = z.infer<typeof ZRoundImportReport>;
