import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { areas, centres } from './centres.js';
import { sources } from './sources.js';

/** Named actors and records of a centre (organisations, facilities, achievements, events …). */
export const entities = pgTable(
  'entities',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    /** Stable id in the source fact sheet (e.g. ENT-022), for idempotent re-seeding. */
    externalRef: text('external_ref'),
    category: text('category').notNull(),
    kindLabel: text('kind_label'),
    nameZh: text('name_zh'),
    nameEn: text('name_en').notNull(),
    nameStatus: text('name_status').notNull(),
    isGeneric: boolean('is_generic').notNull().default(false),
    isSample: boolean('is_sample').notNull().default(false),
    descriptionEn: text('description_en'),
    notes: text('notes'),
    areaId: text('area_id').references(() => areas.id, { onDelete: 'set null' }),
    areaBasis: text('area_basis'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('entities_centre_category_idx').on(t.centreId, t.category), index('entities_area_idx').on(t.areaId)],
);

/** A passage of a source that supports a record (entity, indicator observation …). */
export const citations = pgTable(
  'citations',
  {
    id: text('id').primaryKey(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    quote: text('quote'),
    quoteGlossEn: text('quote_gloss_en'),
  },
  (t) => [index('citations_subject_idx').on(t.subjectType, t.subjectId)],
);

export const entitySources = pgTable(
  'entity_sources',
  {
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.sourceId] })],
);

