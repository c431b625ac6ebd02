import { z } from 'zod';
import { ZCentre } from './centres.js';
import { ZEntityCategory } from './entities.js';
import { ZIndicator } from './indicators.js';

export const ZAreaEntityCount = z.object({
  areaId: z.string(),
  code: z.string().nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  centroid: z.tuple([z.number(), z.number()]).nullable(),
  total: z.number().int(),
  byCategory: z.record(z.string(), z.number().int()),
  /** Names of the entities placed there, for the map tooltip (first few). */
  examples: z.array(z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string(), category: ZEntityCategory, isSample: z.boolean() })),
});

/** Where the actors are: per map area, per category, and how many sit in no map area. */
export const ZAreaCounts = z.object({
  areaCounts: z.array(ZAreaEntityCount),
  categoryCounts: z.array(z.object({ category: ZEntityCategory, total: z.number().int() })),
  /** Entities not placed in any map area (city-wide, generic or outside). */
  unplacedEntities: z.number().int(),
});
export type TAreaCounts = z.infer<typeof ZAreaCounts>;

/** The map's filter: one category, kind or recognition (tier). */
export const ZAreaCountsQuery = z.object({
  category: ZEntityCategory.optional(),
  kind: z.string().max(64).optional(),
  recognition: z.string().max(64).optional(),
});

export const ZDashboard = ZAreaCounts.extend({
  centre: ZCentre,
  headline: z.array(ZIndicator),
  structure: z.object({
    districts: z.number().int(),
    scienceCities: z.number().int(),
    parks: z.number().int(),
    indicators: z.number().int(),
    observations: z.number().int(),
    sources: z.number().int(),
  }),
});
export type TDashboard = z.infer<typeof ZDashboard>;
