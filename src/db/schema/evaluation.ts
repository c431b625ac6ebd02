import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { centres } from './centres.js';

/**
 * The evaluation engine's records (issue 4). A dataset is an uploaded pair of
 * COINr files kept verbatim with their SHA-256, so a run names the exact data
 * it used; a framework is versioned (each save is a new row); a run keeps the
 * pipeline with every default filled in and its results, so replaying it from
 * (dataset, framework, pipeline) gives the same numbers.
 */

export const evaluationDatasets = pgTable(
  'evaluation_datasets',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    /** Example data from elsewhere (e.g. COINr's ASEM set), never this centre's figures. */
    isExample: boolean('is_example').notNull().default(false),
    dataCsv: text('data_csv').notNull(),
    metaCsv: text('meta_csv').notNull(),
    dataSha256: text('data_sha256').notNull(),
    metaSha256: text('meta_sha256').notNull(),
    unitCount: integer('unit_count').notNull(),
    indicatorCount: integer('indicator_count').notNull(),
    /** For datasets built from the centre's own figures: level, period, indicators, whether any figure is a sample. */
    origin: jsonb('origin').$type<Record<string, unknown>>(),
    /** For such datasets: uCode → indicator code → the observation id in that cell (provenance down to the record). */
    cellSources: jsonb('cell_sources').$type<Record<string, Record<string, string>>>(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('evaluation_datasets_content_uq').on(t.centreId, t.dataSha256, t.metaSha256)],
);

export const evaluationFrameworks = pgTable(
  'evaluation_frameworks',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    /** The framework's stable key; every save adds a version under it. */
    key: text('key').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    note: text('note'),
    /** iMeta rows (Level, iCode, iName, Direction, Weight, Unit, Target, Denominator, Parent, Type). */
    elements: jsonb('elements').notNull(),
    /** The same rows as iMeta CSV, and its SHA-256: what a run records. */
    metaCsv: text('meta_csv').notNull(),
    metaSha256: text('meta_sha256').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('evaluation_frameworks_version_uq').on(t.centreId, t.key, t.version)],
);

export const evaluationRuns = pgTable(
  'evaluation_runs',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    datasetId: text('dataset_id')
      .notNull()
      .references(() => evaluationDatasets.id, { onDelete: 'restrict' }),
    /** Null: the dataset's own iMeta. */
    frameworkId: text('framework_id').references(() => evaluationFrameworks.id, { onDelete: 'restrict' }),
    /** The pipeline with every default filled in. */
    pipeline: jsonb('pipeline').notNull(),
    /** SHA-256 of iData, iMeta and the canonical pipeline. */
    versions: jsonb('versions').notNull(),
    results: jsonb('results').notNull(),
    treatment: jsonb('treatment'),
    durationMs: integer('duration_ms').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('evaluation_runs_centre_idx').on(t.centreId, t.createdAt)],
);

/** A sensitivity analysis: a background job, then its rank intervals and Sobol indices. */
export const evaluationAnalyses = pgTable(
  'evaluation_analyses',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    datasetId: text('dataset_id')
      .notNull()
      .references(() => evaluationDatasets.id, { onDelete: 'restrict' }),
    frameworkId: text('framework_id').references(() => evaluationFrameworks.id, { onDelete: 'restrict' }),
    spec: jsonb('spec').notNull(),
    /** running | succeeded | failed */
    status: text('status').notNull(),
    runCount: integer('run_count').notNull(),
    result: jsonb('result'),
    error: text('error'),
    durationMs: integer('duration_ms'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('evaluation_analyses_centre_idx').on(t.centreId, t.createdAt)],
);
