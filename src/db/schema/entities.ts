import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
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
    /** Fine-grained kind from the vocabulary (national key laboratory, incubator, little giant …). */
    kind: text('kind'),
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    address: text('address'),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    /** YYYY, YYYY-MM or YYYY-MM-DD. */
    foundedOn: text('founded_on'),
    /** GB/T 4754-2017 industry codes. */
    sectorCodes: text('sector_codes').array().notNull().default(sql`'{}'::text[]`),
    /** Strategic emerging industry tags. */
    industryTags: text('industry_tags').array().notNull().default(sql`'{}'::text[]`),
    /** 统一社会信用代码 (GB 32100-2015), validated on entry. */
    uscc: text('uscc'),
    ror: text('ror'),
    orcid: text('orcid'),
    externalIds: jsonb('external_ids').$type<{ scheme: string; value: string }[]>().notNull().default([]),
    parentId: text('parent_id'),
    /** 'active', or 'merged' into `mergedIntoId`. */
    status: text('status').notNull().default('active'),
    mergedIntoId: text('merged_into_id'),
    /** Names, segments and pinyin (see db/search-text.ts). */
    searchText: text('search_text').notNull().default(''),
    /** Both names in lower case, for the trigram fallback on partial names ("关村智能"). */
    nameText: text('name_text').generatedAlwaysAs(sql`lower(coalesce(name_zh, '') || ' ' || name_en)`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('entities_centre_category_idx').on(t.centreId, t.category),
    // (area, id): the first few actors of an area in id order are an index probe (dashboard map examples).
    index('entities_area_idx').on(t.areaId, t.id),
    uniqueIndex('entities_uscc_uq').on(t.centreId, t.uscc).where(sql`${t.uscc} is not null and ${t.status} = 'active'`),
    uniqueIndex('entities_ror_uq').on(t.centreId, t.ror).where(sql`${t.ror} is not null and ${t.status} = 'active'`),
    uniqueIndex('entities_orcid_uq').on(t.centreId, t.orcid).where(sql`${t.orcid} is not null and ${t.status} = 'active'`),
    index('entities_name_trgm_idx').using('gin', sql`${t.nameText} gin_trgm_ops`),
    index('entities_parent_idx').on(t.parentId),
  ],
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


/** Dated recognitions: "little giant since 2022", unicorn, national key laboratory … */
export const recognitions = pgTable(
  'recognitions',
  {
    id: text('id').primaryKey(),
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    validFrom: text('valid_from'),
    validTo: text('valid_to'),
    sourceId: text('source_id').references(() => sources.id, { onDelete: 'restrict' }),
    sourceNote: text('source_note'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('recognitions_entity_idx').on(t.entityId), index('recognitions_type_idx').on(t.type)],
);

/** Size facts with their year and source: employees, revenue, R&D expense. */
export const entityFacts = pgTable(
  'entity_facts',
  {
    id: text('id').primaryKey(),
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull(),
    year: integer('year').notNull(),
    value: doublePrecision('value').notNull(),
    unit: text('unit').notNull(),
    sourceId: text('source_id').references(() => sources.id, { onDelete: 'restrict' }),
    sourceNote: text('source_note'),
  },
  (t) => [index('entity_facts_entity_idx').on(t.entityId, t.metric, t.year)],
);

/**
 * Typed, dated relations between actors (and from actors to areas): affiliated
 * with, subsidiary of, member of, partner of, spun off from, invested in,
 * supplies, hosts, located in. Each carries its source.
 */
export const relations = pgTable(
  'relations',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    fromId: text('from_id').notNull(),
    toId: text('to_id').notNull(),
    /** 'entity' or 'area': what `to_id` points at. */
    toKind: text('to_kind').notNull().default('entity'),
    validFrom: text('valid_from'),
    validTo: text('valid_to'),
    sourceId: text('source_id').references(() => sources.id, { onDelete: 'restrict' }),
    sourceNote: text('source_note'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('relations_from_idx').on(t.fromId), index('relations_to_idx').on(t.toId), index('relations_centre_type_idx').on(t.centreId, t.type)],
);

/** A person's personal fields, kept apart so only roles that need them can read them. */
export const personPrivate = pgTable('person_private', {
  entityId: text('entity_id')
    .primaryKey()
    .references(() => entities.id, { onDelete: 'cascade' }),
  email: text('email'),
  phone: text('phone'),
  birthYear: integer('birth_year'),
  notes: text('notes'),
});

/** One merge of a duplicate into the record that survives, with what was moved. */
export const entityMerges = pgTable('entity_merges', {
  id: text('id').primaryKey(),
  centreId: text('centre_id').notNull(),
  survivorId: text('survivor_id').notNull(),
  mergedId: text('merged_id').notNull(),
  /** The merged record as it was, for history. */
  snapshot: jsonb('snapshot').notNull(),
  /** How many references of each kind were re-pointed. */
  repointed: jsonb('repointed').$type<Record<string, number>>().notNull(),
  actorLabel: text('actor_label').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** A correction an enterprise proposes to its own profile; a service officer decides. */
export const corrections = pgTable(
  'corrections',
  {
    id: text('id').primaryKey(),
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    proposedBy: text('proposed_by').notNull(),
    patch: jsonb('patch').$type<Record<string, unknown>>().notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending'),
    reviewerId: text('reviewer_id'),
    reviewNote: text('review_note'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('corrections_entity_idx').on(t.entityId, t.status)],
);

/** A bulk import: its checkpoint (rows done) commits with each batch, so a killed import resumes. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id').notNull(),
    fileName: text('file_name').notNull(),
    fileHash: text('file_hash').notNull(),
    dryRun: boolean('dry_run').notNull(),
    status: text('status').notNull(),
    /** Data rows in the file when counted up front (uploads), for progress bars; null when unknown. */
    rowsTotal: integer('rows_total'),
    rowsDone: integer('rows_done').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    errors: jsonb('errors').$type<{ row: number; column: string; value: string; reason: string }[]>().notNull().default([]),
    actorLabel: text('actor_label').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('import_jobs_file_idx').on(t.centreId, t.fileHash, t.status)],
);

/**
 * Active actors counted by centre, category, kind and area ('' for none),
 * kept by statement-level triggers on entities (migration 0007). Facets and
 * totals of an unfiltered or coarsely filtered list read this instead of
 * counting a million rows.
 */
export const entityCounts = pgTable(
  'entity_counts',
  {
    centreId: text('centre_id').notNull(),
    category: text('category').notNull(),
    kind: text('kind').notNull(),
    areaId: text('area_id').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.category, t.kind, t.areaId] })],
);

/** A centre's own vocabulary terms (kinds, recognitions) beside the built-in lists; from its package or an administrator. */
export const vocabularyTerms = pgTable(
  'vocabulary_terms',
  {
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
    code: text('code').notNull(),
    /** For kinds: the fixed category the kind belongs to. */
    category: text('category'),
    labelZh: text('label_zh').notNull(),
    labelEn: text('label_en').notNull(),
    description: text('description'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.domain, t.code] })],
);
