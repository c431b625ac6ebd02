import { z } from 'zod';
import { ZNameStatus } from './common.js';

export const AREA_KINDS = ['city', 'district', 'zone', 'science_city', 'development_area', 'park', 'sub_park'] as const;
export const ZAreaKind = z.enum(AREA_KINDS);
export type TAreaKind = z.infer<typeof ZAreaKind>;

export const ZCentre = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  shortNameZh: z.string(),
  shortNameEn: z.string(),
  timezone: z.string(),
  defaultLocale: z.enum(['zh-CN', 'en-US']),
  /** The area whose children are drawn on the centre's map (e.g. the city with its districts). */
  mapAreaId: z.string().nullable(),
  descriptionZh: z.string().nullable(),
  descriptionEn: z.string().nullable(),
});
export type TCentre = z.infer<typeof ZCentre>;

export const ZArea = z.object({
  id: z.string(),
  centreId: z.string(),
  parentId: z.string().nullable(),
  kind: ZAreaKind,
  /** Official code where one exists, e.g. GB/T 2260 administrative division code. */
  code: z.string().nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  nameStatus: ZNameStatus,
  /** Areas this one lies in when that is not its parent (a park inside a district). */
  withinAreaIds: z.array(z.string()),
  /** Representative point [longitude, latitude] (WGS-84 / GCJ as given by the boundary source). */
  centroid: z.tuple([z.number(), z.number()]).nullable(),
  hasBoundary: z.boolean(),
  /** Why this area is here and where its name and placement come from. */
  basis: z.string().nullable(),
  sortOrder: z.number().int(),
});
export type TArea = z.infer<typeof ZArea>;

export const ZAreaList = z.object({ items: z.array(ZArea) });
export const ZCentreList = z.object({ items: z.array(ZCentre) });

/** GeoJSON of a centre's map: one feature per child area of `mapAreaId`. */
export const ZAreaMap = z.object({
  type: z.literal('FeatureCollection'),
  /** Where the boundaries come from (package or file and its licence). */
  attribution: z.string().nullable(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ areaId: z.string(), name: z.string(), nameZh: z.string(), nameEn: z.string(), code: z.string().nullable() }),
      geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
    }),
  ),
});
export type TAreaMap = z.infer<typeof ZAreaMap>;
