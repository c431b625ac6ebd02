import { z } from 'zod';
import { ZCitation } from './sources.js';

/** How a published figure relates to the true value. */
export const ZQualifier = z.enum(['exact', 'lower_bound', 'upper_bound', 'approximate', 'qualitative', 'redacted']);
export type TQualifier = z.infer<typeof ZQualifier>;

export const ZObservationStatus = z.enum(['measured', 'estimated', 'target']);
export type TObservationStatus = z.infer<typeof ZObservationStatus>;

/** How a figure arrived: from a published document, a user's import (the source is the batch), typed in, or derived from records. */
export const ZProvenance = z.enum(['source', 'import', 'entry', 'derived']);
export type TProvenance = z.infer<typeof ZProvenance>;

/** What an indicator measures: cities (international comparison), the centre, its districts, its parks, or organisations. */
export const INDICATOR_LEVELS = ['city', 'centre', 'district', 'park', 'organisation'] as const;
export const ZIndicatorLevel = z.enum(INDICATOR_LEVELS);
export type TIndicatorLevel = z.infer<typeof ZIndicatorLevel>;

export const ZFrequency = z.enum(['annual', 'quarterly', 'monthly', 'irregular']);
export type TFrequency = z.infer<typeof ZFrequency>;

/** `2023`, `2023-Q2` or `2023-07`: the period a figure measures. */
export const PERIOD_PATTERN = /^\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$/;
export const ZPeriod = z.string().regex(PERIOD_PATTERN, 'a year (2023), quarter (2023-Q2) or month (2023-07)');
/** A deadline: a year or a day. */
export const ZDeadline = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))?$/, 'a year (2025) or a date (2025-12-31)');

/** Words the web app uses as paths under /indicators: no indicator may take them as its code. */
const RESERVED_CODES = new Set(['import', 'new']);
export const ZIndicatorCode = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - (starting with a letter)')
  .refine((code) => !RESERVED_CODES.has(code.toLowerCase()), { message: 'a reserved word' });

export const ZObservation = z.object({
  id: z.string(),
  indicatorId: z.string(),
  /** The subject measured: an area's id, or an organisation's id for organisation-level figures. */
  areaId: z.string(),
  /** Set when the subject is an organisation. */
  entityId: z.string().nullable(),
  /** Year of the figure, or null when the source does not say. */
  year: z.number().int().nullable(),
  /** `2023`, `2023-Q2`, `2023-07`; null when the source gives no date. */
  period: z.string().nullable(),
  /** Whether the year is stated in the source or inferred from its date. */
  yearBasis: z.string().nullable(),
  /** Numeric value, null when the source gives none (redacted or qualitative). */
  value: z.number().nullable(),
  /** The figure exactly as the source words it. */
  valueAsGiven: z.string().nullable(),
  qualifier: ZQualifier,
  status: ZObservationStatus,
  provenance: ZProvenance,
  /** For derived figures: the query over operational records that produced it. */
  derivation: z.record(z.string(), z.unknown()).nullable(),
  isSample: z.boolean(),
  citation: ZCitation,
});
export type TObservation = z.infer<typeof ZObservation>;

export const ZIndicator = z.object({
  id: z.string(),
  centreId: z.string(),
  code: z.string(),
  nameZh: z.string().nullable(),
  nameEn: z.string(),
  unit: z.string().nullable(),
  metricType: z.string().nullable(),
  /** +1 when more is better, −1 when less is better, null when not applicable (rankings vary). */
  direction: z.union([z.literal(1), z.literal(-1)]).nullable(),
  definitionZh: z.string().nullable(),
  definitionEn: z.string().nullable(),
  frequency: ZFrequency.nullable(),
  level: ZIndicatorLevel,
  /** The document that defines or first reports it. */
  sourceId: z.string().nullable(),
  isSample: z.boolean(),
  /** Every figure, or with `figures=latest` on the catalogue only the latest period's (one per subject). */
  observations: z.array(ZObservation),
  /** How many figures the indicator has in all (every subject, period and status), whichever were returned. */
  figureCount: z.number().int(),
  /** How many subjects (areas, organisations) its figures are about. */
  subjectCount: z.number().int(),
});
export type TIndicator = z.infer<typeof ZIndicator>;
export const ZIndicatorList = z.object({ items: z.array(ZIndicator) });

/** `all`: every figure of every indicator; `latest`: each indicator's latest figures (the catalogue's view; its series is read per indicator). */
export const ZIndicatorFigures = z.enum(['all', 'latest']);
export type TIndicatorFigures = z.infer<typeof ZIndicatorFigures>;

export const ZIndicatorListQuery = z.object({
  headline: z.enum(['true', 'false']).optional(),
  level: ZIndicatorLevel.optional(),
  figures: ZIndicatorFigures.optional(),
});

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const ZIndicatorInput = z.object({
  code: ZIndicatorCode,
  nameZh: optionalText(200),
  nameEn: z.string().trim().min(1).max(300),
  unit: optionalText(80),
  direction: z.union([z.literal(1), z.literal(-1)]).nullable().default(1),
  definitionZh: optionalText(2000),
  definitionEn: optionalText(2000),
  frequency: ZFrequency.nullable().default('annual'),
  level: ZIndicatorLevel.default('centre'),
  /** The document that defines the indicator (one of the centre's sources). */
  sourceId: z.string().min(1).max(200).nullable().optional(),
  isSample: z.boolean().default(false),
});
export type TIndicatorInput = z.infer<typeof ZIndicatorInput>;
export const ZIndicatorPatch = ZIndicatorInput.omit({ code: true }).partial();

/** A source document given with a figure typed in or imported: what the numbers come from. */
export const ZSourceInput = z.object({
  titleZh: optionalText(300),
  titleEn: optionalText(300),
  publisher: optionalText(200),
  publishedOn: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD').nullable().optional(),
  url: z.string().url({ protocol: /^https?$/ }).max(1000).nullable().optional(),
}).refine((s) => Boolean(s.titleZh || s.titleEn), { message: 'a title in either language', path: ['titleZh'] });
export type TSourceInput = z.infer<typeof ZSourceInput>;

/** One figure typed in: the subject is an area or an organisation; the source is an existing one or a new document. */
export const ZObservationInput = z
  .object({
    areaId: z.string().min(1).nullable().optional(),
    entityId: z.string().min(1).nullable().optional(),
    period: ZPeriod,
    value: z.number().finite(),
    valueAsGiven: optionalText(300),
    qualifier: ZQualifier.exclude(['qualitative', 'redacted']).default('exact'),
    status: ZObservationStatus.default('measured'),
    sourceId: z.string().min(1).optional(),
    source: ZSourceInput.optional(),
    quote: optionalText(2000),
    isSample: z.boolean().default(false),
  })
  .refine((o) => Boolean(o.areaId) !== Boolean(o.entityId), { message: 'either an area or an organisation', path: ['areaId'] })
  .refine((o) => Boolean(o.sourceId) !== Boolean(o.source), { message: 'an existing source or a new one, not both', path: ['sourceId'] });
export type TObservationInput = z.infer<typeof ZObservationInput>;

export const ZObservationPatch = z.object({
  value: z.number().finite().optional(),
  valueAsGiven: optionalText(300),
  qualifier: ZQualifier.exclude(['qualitative', 'redacted']).optional(),
  status: ZObservationStatus.optional(),
  quote: optionalText(2000),
});

// --- targets -----------------------------------------------------------------

export const ZComparison = z.enum(['at_least', 'at_most']);
export const ZAssessment = z.enum(['achieved', 'on_track', 'at_risk', 'off_track', 'missed']);
export const ZProgressStatus = z.enum(['achieved', 'on_track', 'at_risk', 'off_track', 'missed', 'awaiting_figures', 'in_progress', 'no_data', 'not_assessed']);
export type TProgressStatus = z.infer<typeof ZProgressStatus>;

const ZPeriodValue = z.object({ period: z.string(), value: z.number() });

export const ZProgress = z.object({
  status: ZProgressStatus,
  basis: z.enum(['figures', 'assessment', 'none']),
  latest: ZPeriodValue.nullable(),
  baseline: ZPeriodValue.nullable(),
  share: z.number().nullable(),
  remaining: z.number().nullable(),
  slopePerYear: z.number().nullable(),
  projected: z.number().nullable(),
  requiredPerYear: z.number().nullable(),
});
export type TProgress = z.infer<typeof ZProgress>;

export const ZTarget = z.object({
  id: z.string(),
  centreId: z.string(),
  code: z.string(),
  nameZh: z.string().nullable(),
  nameEn: z.string(),
  description: z.string().nullable(),
  indicatorId: z.string().nullable(),
  indicatorCode: z.string().nullable(),
  areaId: z.string().nullable(),
  entityId: z.string().nullable(),
  comparison: ZComparison.nullable(),
  targetValue: z.number().nullable(),
  unit: z.string().nullable(),
  baselineValue: z.number().nullable(),
  baselinePeriod: z.string().nullable(),
  deadline: z.string().nullable(),
  assessment: ZAssessment.nullable(),
  assessmentNote: z.string().nullable(),
  isSample: z.boolean(),
  citation: ZCitation.nullable(),
  progress: ZProgress,
});
export type TTarget = z.infer<typeof ZTarget>;
export const ZTargetList = z.object({ items: z.array(ZTarget), asOf: z.string() });

export const ZTargetInput = z
  .object({
    code: ZIndicatorCode,
    nameZh: optionalText(300),
    nameEn: z.string().trim().min(1).max(500),
    description: optionalText(2000),
    indicatorCode: ZIndicatorCode.nullable().optional(),
    areaId: z.string().min(1).nullable().optional(),
    entityId: z.string().min(1).nullable().optional(),
    comparison: ZComparison.nullable().optional(),
    targetValue: z.number().finite().nullable().optional(),
    baselineValue: z.number().finite().nullable().optional(),
    baselinePeriod: ZPeriod.nullable().optional(),
    deadline: ZDeadline.nullable().optional(),
    assessment: ZAssessment.nullable().optional(),
    assessmentNote: optionalText(2000),
    sourceId: z.string().min(1).nullable().optional(),
    quote: optionalText(2000),
    isSample: z.boolean().default(false),
  })
  .refine((t) => (t.comparison == null) === (t.targetValue == null), { message: 'a comparison and a target value together', path: ['targetValue'] })
  .refine((t) => t.comparison == null || Boolean(t.indicatorCode), { message: 'a quantitative target names its indicator', path: ['indicatorCode'] })
  .refine((t) => (t.baselineValue == null) === (t.baselinePeriod == null), { message: 'a baseline value and its period together', path: ['baselinePeriod'] });
export type TTargetInput = z.infer<typeof ZTargetInput>;

// --- import ------------------------------------------------------------------

/** Columns of the observations import template, zh-CN and English headers. */
export const OBSERVATION_IMPORT_COLUMNS = [
  { field: 'indicator', zh: '指标代码', en: 'Indicator code', required: true },
  { field: 'area', zh: '地区', en: 'Area', required: false },
  { field: 'organisation', zh: '机构', en: 'Organisation', required: false },
  { field: 'period', zh: '期间', en: 'Period', required: true },
  { field: 'value', zh: '数值', en: 'Value', required: true },
  { field: 'status', zh: '状态', en: 'Status', required: false },
  { field: 'qualifier', zh: '限定', en: 'Qualifier', required: false },
  { field: 'valueAsGiven', zh: '原文数值', en: 'Value as given', required: false },
  { field: 'quote', zh: '原文摘录', en: 'Quote', required: false },
] as const;
export type TObservationImportField = (typeof OBSERVATION_IMPORT_COLUMNS)[number]['field'];

export const ZObservationImportQuery = z.object({
  fileName: z.string().min(1).max(200).regex(/\.(csv|xlsx)$/i, 'a .csv or .xlsx file name'),
  dryRun: z.enum(['true', 'false']).default('false'),
  /** The document the figures come from; without it the file itself is the source. */
  sourceTitle: z.string().trim().min(1).max(300).optional(),
  publisher: z.string().trim().min(1).max(200).optional(),
  publishedOn: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional(),
  url: z.string().url({ protocol: /^https?$/ }).max(1000).optional(),
  sample: z.enum(['true', 'false']).default('false'),
});

export const ZObservationImportReport = z.object({
  fileName: z.string(),
  dryRun: z.boolean(),
  /** True when the figures were saved: only when no row failed (a file lands whole or not at all). */
  written: z.boolean(),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), value: z.string(), reason: z.string() })),
  /** The source row that records this batch (its provenance), once written. */
  sourceId: z.string().nullable(),
  /** Codes of the indicators the file's valid rows touch. */
  indicatorCodes: z.array(z.string()),
});
export type TObservationImportReport = z.infer<typeof ZObservationImportReport>;
