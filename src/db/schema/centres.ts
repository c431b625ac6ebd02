import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const centres = pgTable('centres', {
  id: text('id').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  shortNameZh: text('short_name_zh').notNull(),
  shortNameEn: text('short_name_en').notNull(),
  timezone: text('timezone').notNull().default('Asia/Shanghai'),
  defaultLocale: text('default_locale').notNull().default('zh-CN'),
  mapAreaId: text('map_area_id'),
  /** Attribution of the boundary data drawn on the map. */
  mapAttribution: text('map_attribution'),
  descriptionZh: text('description_zh'),
  descriptionEn: text('description_en'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const areas = pgTable(
  'areas',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    parentId: text('parent_id'),
    kind: text('kind').notNull(),
    code: text('code'),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    nameStatus: text('name_status').notNull().default('well_known'),
    withinAreaIds: text('within_area_ids').array().notNull().default(sql`'{}'::text[]`),
    centroid: jsonb('centroid').$type<[number, number] | null>(),
    /** GeoJSON geometry (Polygon or MultiPolygon), when a boundary is known. */
    geometry: jsonb('geometry').$type<{ type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } | null>(),
    basis: text('basis'),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
  },
  (t) => [index('areas_centre_idx').on(t.centreId, t.kind), index('areas_parent_idx').on(t.parentId)],
);

/**
 * What the seed last wrote for each row it owns (a hash of the package's row).
 * Re-seeding changes a row only when the package changed it, so edits made in
 * the app survive a restart, and rows users created are never touched.
 */
export const seedFingerprints = pgTable(
  'seed_fingerprints',
  {
    tableName: text('table_name').notNull(),
    rowKey: text('row_key').notNull(),
    centreId: text('centre_id').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.rowKey] })],
);
