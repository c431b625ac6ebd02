import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { areas, centres } from './centres.js';
import { entities } from './entities.js';
import { sources } from './sources.js';

/**
 * A derived figure names at most this many records when it is read in a list or stored with a drill-down filter: a
 * city's figures count tens of thousands (every bid of a year), and the catalogue, which reads every figure of every
 * indicator, carried 3.4 MB (found by the API load benchmark, issue 10).
 */
export const LISTED_RECORDS_MAX = 100;

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
    definitionZh: text('definition_zh'),
    definitionEn: text('definition_en'),
    /** How often the figure is published: annual, quarterly, monthly, irregular; null when unknown. */
    frequency: text('frequency'),
    /** What the indicator measures: a city (international comparison), the centre, a district, a park or an organisation. */
    level: text('level').notNull().default('centre'),
    /** The document that defines or first reports the indicator. */
    sourceId: text('source_id').references(() => sources.id, { onDelete: 'set null' }),
    /** Illustrative, not real: shown with a 示例 / sample label. */
    isSample: boolean('is_sample').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }),
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
    /** The period measured as text: `2023`, `2023-Q2` or `2023-07`; null when the source gives no date. */
    period: text('period'),
    /** How the figure arrived: `source` (a published document), `import` (a file; its source row is the batch), `entry` (typed in), `derived` (computed from records). */
    provenance: text('provenance').notNull().default('source'),
    /** For derived figures: the query over operational records and when it ran. */
    derivation: jsonb('derivation').$type<Record<string, unknown>>(),
    /**
     * `derivation` as lists read it: past LISTED_RECORDS_MAX record ids, the first of them and `recordCount`, the whole
     * count. Kept by the database on every write: trimming each figure's full list on every read of the catalogue
     * unpacked 3 MB of JSON at a city's scale, about 24 ms of database time a request (the API load benchmark, issue 10).
     */
    derivationListed: jsonb('derivation_listed')
      .$type<Record<string, unknown>>()
      .generatedAlwaysAs(
        sql.raw(
          `case when jsonb_typeof(derivation -> 'records') = 'array' and jsonb_array_length(derivation -> 'records') > ${LISTED_RECORDS_MAX} ` +
            `then jsonb_set(jsonb_set(derivation, '{records}', jsonb_path_query_array(derivation, '$.records[0 to ${LISTED_RECORDS_MAX - 1}]')), '{recordCount}', jsonb_path_query_first(derivation, '$.records.size()')) ` +
            `else derivation end`,
        ),
      ),
    isSample: boolean('is_sample').notNull().default(false),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('observations_indicator_idx').on(t.indicatorId, t.year),
    // One figure per indicator, subject, period and status: imports update it rather than add a second.
    uniqueIndex('observations_cell_uq')
      .on(t.indicatorId, sql`coalesce(${t.areaId}, '')`, sql`coalesce(${t.entityId}, '')`, t.period, t.status)
      .where(sql`${t.period} is not null`),
    index('observations_source_idx').on(t.sourceId),
  ],
);

/**
 * A target: a goal with a deadline, quantitative (an indicator, a threshold
 * and a direction of comparison) or qualitative (a stated goal, assessed by
 * analysts). Progress is computed from the indicator's observations.
 */
export const targets = pgTable(
  'targets',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    nameZh: text('name_zh'),
    nameEn: text('name_en').notNull(),
    description: text('description'),
    indicatorId: text('indicator_id').references(() => indicators.id, { onDelete: 'restrict' }),
    areaId: text('area_id').references(() => areas.id, { onDelete: 'restrict' }),
    entityId: text('entity_id').references(() => entities.id, { onDelete: 'restrict' }),
    /** `at_least` or `at_most`; null for a qualitative goal. */
    comparison: text('comparison'),
    targetValue: doublePrecision('target_value'),
    baselineValue: doublePrecision('baseline_value'),
    baselinePeriod: text('baseline_period'),
    /** `YYYY` or `YYYY-MM-DD`; null when the goal has no date. */
    deadline: text('deadline'),
    /** Analysts' assessment of a qualitative goal: achieved, on_track, at_risk, off_track, missed. */
    assessment: text('assessment'),
    assessmentNote: text('assessment_note'),
    sourceId: text('source_id').references(() => sources.id, { onDelete: 'restrict' }),
    quote: text('quote'),
    quoteGlossEn: text('quote_gloss_en'),
    isSample: boolean('is_sample').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('targets_centre_code_uq').on(t.centreId, t.code), index('targets_indicator_idx').on(t.indicatorId)],
);
