import { z } from 'zod';
import { ZCitation } from './sources.js';

/** How a published figure relates to the true value. */
export const ZQualifier = z.enum(['exact', 'lower_bound', 'upper_bound', 'approximate', 'qualitative', 'redacted']);
export type TQualifier = z.infer<typeof ZQualifier>;

export const ZObservationStatus = z.enum(['measured', 'estimated', 'target']);

export const ZObservation = z.object({
  id: z.string(),
  indicatorId: z.string(),
  areaId: z.string(),
  /** Year of the figure, or null when the source does not say. */
  year: z.number().int().nullable(),
  /** Whether the year is stated in the source or inferred from its date. */
  yearBasis: z.string().nullable(),
  /** Numeric value, null when the source gives none (redacted or qualitative). */
  value: z.number().nullable(),
  /** The figure exactly as the source words it. */
  valueAsGiven: z.string().nullable(),
  qualifier: ZQualifier,
  status: ZObservationStatus,
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
  observations: z.array(ZObservation),
});
export type TIndicator = z.infer<typeof ZIndicator>;
export const ZIndicatorList = z.object({ items: z.array(ZIndicator) });
