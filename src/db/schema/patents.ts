import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { areas, centres } from './centres.js';
import { entities } from './entities.js';

/**
 * Patents (issue 7): records imported from CNIPA exports or spreadsheets,
 * their applicants and inventors (linked to the registry where known), and
 * patent pools. Numbers, IPC symbols and statuses are core/patents'.
 */
export const patents = pgTable(
  'patents',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    /** The canonical application number, `202310123456.7` (the form contract records store). */
    number: text('number').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** Normalised IPC symbols (`H01L 21/02`), the main one first. */
    ipcClasses: text('ipc_classes').array().notNull().default(sql`'{}'::text[]`),
    mainIpc: text('main_ipc'),
    applicationDate: text('application_date').notNull(),
    publicationDate: text('publication_date'),
    grantDate: text('grant_date'),
    legalStatus: text('legal_status').notNull(),
    /** When the current legal status took effect (for a lapsed patent: the day it ended); null when the source does not say. */
    legalStatusDate: text('legal_status_date'),
    /** The district of the first applicant linked to the registry; null while none is. */
    areaId: text('area_id').references(() => areas.id, { onDelete: 'set null' }),
    /** The first applicant's registry id (denormalised from patent_parties for counting). */
    firstApplicantId: text('first_applicant_id').references(() => entities.id, { onDelete: 'set null' }),
    importBatch: text('import_batch'),
    isSample: boolean('is_sample').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('patents_centre_number_uq').on(t.centreId, t.number),
    index('patents_centre_kind_idx').on(t.centreId, t.kind, t.legalStatus),
    index('patents_area_idx').on(t.areaId),
    index('patents_first_applicant_idx').on(t.firstApplicantId),
    index('patents_main_ipc_idx').on(t.centreId, t.mainIpc),
  ],
);

/**
 * Applicants and inventors in the order the record gives them. A table
 * rather than a JSON list so that each registry link is a foreign key a
 * registry merge repoints (src/db/entity-references.ts).
 */
export const patentParties = pgTable(
  'patent_parties',
  {
    patentId: text('patent_id')
      .notNull()
      .references(() => patents.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    entityId: text('entity_id').references(() => entities.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.patentId, t.role, t.position] }), index('patent_parties_entity_idx').on(t.entityId)],
);

export const patentPools = pgTable('patent_pools', {
  id: text('id').primaryKey(),
  centreId: text('centre_id')
    .notNull()
    .references(() => centres.id, { onDelete: 'cascade' }),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en'),
  /** The technical field the pool covers, in words (e.g. 5G 通信, 集成电路). */
  field: text('field').notNull(),
  administratorId: text('administrator_id').references(() => entities.id, { onDelete: 'set null' }),
  royaltyBasis: text('royalty_basis').notNull(),
  /** Licensed on fair, reasonable and non-discriminatory terms. */
  frand: boolean('frand').notNull().default(false),
  termsText: text('terms_text'),
  isSample: boolean('is_sample').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const patentPoolMembers = pgTable(
  'patent_pool_members',
  {
    poolId: text('pool_id')
      .notNull()
      .references(() => patentPools.id, { onDelete: 'cascade' }),
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    role: text('role').notNull(),
    joinedOn: text('joined_on'),
  },
  (t) => [primaryKey({ columns: [t.poolId, t.entityId] }), index('patent_pool_members_entity_idx').on(t.entityId)],
);

export const patentPoolPatents = pgTable(
  'patent_pool_patents',
  {
    poolId: text('pool_id')
      .notNull()
      .references(() => patentPools.id, { onDelete: 'cascade' }),
    patentId: text('patent_id')
      .notNull()
      .references(() => patents.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.poolId, t.patentId] }), index('patent_pool_patents_patent_idx').on(t.patentId)],
);
