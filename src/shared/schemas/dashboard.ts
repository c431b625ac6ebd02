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

export const ZDashboard = z.object({
  centre: ZCentre,
  headline: z.array(ZIndicator),
  areaCounts: z.array(ZAreaEntityCount),
  categoryCounts: z.array(z.object({ category: ZEntityCategory, total: z.number().int() })),
  /** Entities not placed in any map area (city-wide, generic or outside). */
  unplacedEntities: z.number().int(),
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
