import { z } from 'zod';

/**
 * Columns of the actor import template: the field, its zh-CN header (the
 * template's language) and English header; either header is accepted.
 */
export const IMPORT_COLUMNS = [
  { field: 'nameZh', zh: '中文名称', en: 'Chinese name' },
  { field: 'nameEn', zh: '英文名称', en: 'English name', required: true },
  { field: 'kind', zh: '类型代码', en: 'Kind code', required: true },
  { field: 'aliases', zh: '别名', en: 'Aliases' },
  { field: 'uscc', zh: '统一社会信用代码', en: 'Unified social credit code' },
  { field: 'ror', zh: 'ROR', en: 'ROR' },
  { field: 'orcid', zh: 'ORCID', en: 'ORCID' },
  { field: 'areaId', zh: '所在区域', en: 'Area' },
  { field: 'address', zh: '地址', en: 'Address' },
  { field: 'lon', zh: '经度', en: 'Longitude' },
  { field: 'lat', zh: '纬度', en: 'Latitude' },
  { field: 'foundedOn', zh: '成立日期', en: 'Founded' },
  { field: 'sectorCodes', zh: '行业代码', en: 'Industry codes' },
  { field: 'industryTags', zh: '产业标签', en: 'Industry tags' },
  { field: 'isSample', zh: '示例数据', en: 'Sample' },
] as const;
export type TImportField = (typeof IMPORT_COLUMNS)[number]['field'];

/** Lists inside one cell are separated by | or the Chinese semicolon. */
export const LIST_SEPARATOR = /[|；;]/;

export const ZImportError = z.object({ row: z.number().int(), column: z.string(), value: z.string(), reason: z.string() });

/** running → done | failed (the file was refused) | interrupted (resumable: upload the same file again). */
export const ZImportStatus = z.enum(['running', 'done', 'failed', 'interrupted']);
export type TImportStatus = z.infer<typeof ZImportStatus>;

export const ZImportReport = z.object({
  jobId: z.string(),
  fileName: z.string(),
  dryRun: z.boolean(),
  status: ZImportStatus,
  /** Data rows in the file when known (uploads count them first), else null. */
  totalRows: z.number().int().nullable(),
  /** The last row processed (rows are numbered from 1 after the header). */
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  failed: z.number().int(),
  resumedFromRow: z.number().int(),
  /** The first errors; the whole list is downloadable as CSV. */
  errors: z.array(ZImportError),
  actorLabel: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TImportReport = z.infer<typeof ZImportReport>;
