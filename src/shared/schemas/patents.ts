import { z } from 'zod';
import { PATENT_KINDS, PATENT_STAT_DIMENSIONS, PATENT_STATUSES, POOL_MEMBER_ROLES, ROYALTY_BASES } from '../patents-vocabulary.js';
import { ZId } from './common.js';
import { ZIsoDate } from './policies.js';

export const ZPatentKind = z.enum(PATENT_KINDS);
export const ZPatentStatus = z.enum(PATENT_STATUSES);

const ZParty = z.object({ name: z.string(), entityId: z.string().nullable(), entityNameZh: z.string().nullable(), entityNameEn: z.string().nullable() });

export const ZPatentSummary = z.object({
  id: z.string(),
  number: z.string(),
  kind: ZPatentKind,
  title: z.string(),
  mainIpc: z.string().nullable(),
  applicants: z.array(ZParty),
  applicationDate: z.string(),
  grantDate: z.string().nullable(),
  legalStatus: ZPatentStatus,
  areaId: z.string().nullable(),
  isSample: z.boolean(),
});
export const ZPatent = ZPatentSummary.extend({
  ipcClasses: z.array(z.string()),
  inventors: z.array(ZParty),
  publicationDate: z.string().nullable(),
  legalStatusDate: z.string().nullable(),
  area: z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
  pools: z.array(z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string().nullable() })),
  importBatch: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPatent = z.infer<typeof ZPatent>;
export type TPatentSummary = z.infer<typeof ZPatentSummary>;

export const ZPatentListQuery = z.object({
  kind: ZPatentKind.optional(),
  status: ZPatentStatus.optional(),
  /** A section (H), class (H01), subclass (H01L), main group (H01L 21) or symbol (H01L 21/02). */
  ipc: z.string().trim().min(1).max(30).optional(),
  applicantId: ZId.optional(),
  areaId: ZId.optional(),
  /** With `yearOf`: the filing year (default) or grant year. */
  year: z.coerce.number().int().min(1980).max(2100).optional(),
  yearOf: z.enum(['application', 'grant']).default('application'),
  /** Invention patents in force at the end of this year (the indicator's drill-down). */
  inForceAt: z.coerce.number().int().min(1980).max(2100).optional(),
  /** Only patents whose first applicant is not yet linked to the registry. */
  unlinked: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type TPatentListQuery = z.infer<typeof ZPatentListQuery>;
export const ZPatentList = z.object({ items: z.array(ZPatentSummary), total: z.number() });

export const ZApplicantLink = z.object({ entityId: ZId.nullable() });

export const ZPatentStatDimension = z.enum(PATENT_STAT_DIMENSIONS);
export const ZPatentStatisticsQuery = z.object({
  dimension: ZPatentStatDimension.default('ipc_section'),
  kind: ZPatentKind.optional(),
  /** Limit the breakdown to patents filed in this year. */
  year: z.coerce.number().int().min(1980).max(2100).optional(),
});
const ZCount = z.object({ key: z.string(), patents: z.number(), samples: z.number() });
export const ZPatentStatistics = z.object({
  dimension: ZPatentStatDimension,
  kind: ZPatentKind.nullable(),
  year: z.number().nullable(),
  total: z.number(),
  /** Patents by filing year and kind, and granted patents by grant year and kind (all years). */
  byApplicationYear: z.array(z.object({ year: z.number(), kind: ZPatentKind, patents: z.number() })),
  byGrantYear: z.array(z.object({ year: z.number(), kind: ZPatentKind, patents: z.number() })),
  rows: z.array(ZCount),
  /** Organisations (first applicants linked to the registry), most patents first. */
  topApplicants: z.array(ZCount.extend({ nameZh: z.string().nullable(), nameEn: z.string() })),
  /** Patents whose applicants are not (yet) in the registry. */
  unlinked: z.number(),
  areas: z.record(z.string(), z.object({ nameZh: z.string(), nameEn: z.string() })),
  /** Published figures (seeded or imported, never derived) for invention patents, shown beside the registry's. */
  published: z.array(z.object({ indicatorCode: z.string(), nameZh: z.string().nullable(), nameEn: z.string(), period: z.string().nullable(), value: z.number().nullable(), valueAsGiven: z.string().nullable(), unit: z.string().nullable(), sourceTitle: z.string().nullable(), sourceUrl: z.string().nullable() })),
  /** The registry's derived figures (invention patents in force; per 10,000 people where a population figure exists). */
  derived: z.array(z.object({ indicatorCode: z.string(), period: z.string(), areaId: z.string(), value: z.number().nullable() })),
});
export type TPatentStatistics = z.infer<typeof ZPatentStatistics>;

export const ZImportError = z.object({ row: z.number(), column: z.string(), value: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(), reason: z.string() });
export const ZPatentImportReport = z.object({
  batch: z.string().nullable(),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  dryRun: z.boolean(),
  errors: z.array(ZImportError),
  /** Applicant names no registry organisation carries: kept as names, listed here to link later. */
  unmatchedApplicants: z.array(z.object({ name: z.string(), patents: z.number() })),
  linkedApplicants: z.number(),
});
export type TPatentImportReport = z.infer<typeof ZPatentImportReport>;

// ---------------------------------------------------------------- pools
export const ZPoolInput = z.object({
  nameZh: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().max(200).nullable().default(null),
  field: z.string().trim().min(1).max(200),
  administratorId: ZId.nullable().default(null),
  royaltyBasis: z.enum(ROYALTY_BASES),
  frand: z.boolean().default(false),
  termsText: z.string().trim().max(20_000).nullable().default(null),
  isSample: z.boolean().default(false),
});
export type TPoolInput = z.infer<typeof ZPoolInput>;
export const ZPoolMemberInput = z.object({ entityId: ZId, role: z.enum(POOL_MEMBER_ROLES), joinedOn: ZIsoDate.nullable().default(null) });
export const ZPoolPatentInput = z.object({ number: z.string().trim().min(8).max(30) });

const ZOrg = z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string() });
export const ZPoolSummary = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  field: z.string(),
  administrator: ZOrg.nullable(),
  royaltyBasis: z.enum(ROYALTY_BASES),
  frand: z.boolean(),
  members: z.number(),
  patents: z.number(),
  isSample: z.boolean(),
});
export const ZPool = ZPoolSummary.extend({
  termsText: z.string().nullable(),
  memberList: z.array(ZOrg.extend({ role: z.enum(POOL_MEMBER_ROLES), joinedOn: z.string().nullable() })),
  patentList: z.array(ZPatentSummary),
  version: z.number(),
  createdAt: z.string(),
});
export type TPool = z.infer<typeof ZPool>;
export type TPoolSummary = z.infer<typeof ZPoolSummary>;
