import { doublePrecision, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { areas, centres } from './centres.js';
import { entities } from './entities.js';
import { sources } from './sources.js';

export const indicators = pgTable(
  'indicators',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    nameZh: text('name_zh'),
    nameEn: text('name_en').notNull(),
    unit: text('unit'),
    metricType: text('metric_type'),
    direction: integer('direction'),
    /** Position on the dashboard; null when the indicator is not a headline. */
    headlineRank: integer('headline_rank'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('indicators_centre_code_uq').on(t.centreId, t.code)],
);

export const observations = pgTable(
  'observations',
  {
    id: text('id').primaryKey(),
    indicatorId: text('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    /** The place measured (a city, district, park …); null when the subject is an entity. */
    areaId: text('area_id').references(() => areas.id, { onDelete: 'restrict' }),
    /** The organisation measured, for organisation-level figures. */
    entityId: text('entity_id').references(() => entities.id, { onDelete: 'restrict' }),
    year: integer('year'),
    yearBasis: text('year_basis'),
    value: doublePrecision('value'),
    valueAsGiven: text('value_as_given'),
    qualifier: text('qualifier').notNull(),
    status: text('status').notNull().default('measured'),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    quote: text('quote'),
    quoteGlossEn: text('quote_gloss_en'),
  },
  (t) => [index('observations_indicator_idx').on(t.indicatorId, t.year)],
);
