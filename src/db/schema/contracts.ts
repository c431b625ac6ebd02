import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { areas, centres } from './centres.js';
import { entities } from './entities.js';

/**
 * Technology-contract registration (issue 7): the contracts sellers submit,
 * the registrar's decisions, and the roll-up cells the statistics read.
 * Vocabularies and the workflow are core/contracts' and core/workflow's.
 */
export const techContracts = pgTable(
  'tech_contracts',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    state: text('state').notNull(),
    /** The seller's own number for the contract, as written. */
    contractNumber: text('contract_number').notNull(),
    /** The number without case, spaces or punctuation: with the seller, what makes a submission a duplicate. */
    contractKey: text('contract_key').notNull(),
    title: text('title').notNull(),
    type: text('type').notNull(),
    field: text('field').notNull(),
    sellerId: text('seller_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    /** Frozen at submission so that statistics do not move when the registry changes later. */
    sellerKind: text('seller_kind').notNull(),
    sellerDistrictId: text('seller_district_id').references(() => areas.id, { onDelete: 'set null' }),
    sellerParkId: text('seller_park_id').references(() => areas.id, { onDelete: 'set null' }),
    buyerEntityId: text('buyer_entity_id').references(() => entities.id, { onDelete: 'restrict' }),
    buyerName: text('buyer_name').notNull(),
    /** A GB/T 2260 province code, or `abroad:<ISO 3166 alpha-2>`. */
    buyerRegion: text('buyer_region').notNull(),
    amount: doublePrecision('amount').notNull(),
    technicalAmount: doublePrecision('technical_amount').notNull(),
    breakdown: jsonb('breakdown').$type<{ item: string; amount: number }[]>().notNull().default([]),
    patentNumbers: text('patent_numbers').array().notNull().default(sql`'{}'::text[]`),
    planOrigin: text('plan_origin').notNull().default('none'),
    planProject: text('plan_project'),
    signedOn: text('signed_on').notNull(),
    validUntil: text('valid_until'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
    reviewStartedAt: timestamp('review_started_at', { withTimezone: true, mode: 'date' }),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decisionNote: text('decision_note'),
    registrationNumber: text('registration_number'),
    /** Registration date in the centre's time zone (YYYY-MM-DD): the statistics' period. */
    registeredOn: text('registered_on'),
    submittedBy: text('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    registrarId: text('registrar_id').references(() => users.id, { onDelete: 'set null' }),
    /** Set for contracts that arrived through a bulk import of historical records. */
    importBatch: text('import_batch'),
    isSample: boolean('is_sample').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('tech_contracts_live_uq').on(t.sellerId, t.contractKey).where(sql`${t.state} in ('submitted', 'under_review', 'returned', 'registered')`),
    uniqueIndex('tech_contracts_registration_uq').on(t.centreId, t.registrationNumber).where(sql`${t.registrationNumber} is not null`),
    index('tech_contracts_centre_state_idx').on(t.centreId, t.state, t.submittedAt),
    index('tech_contracts_registered_idx').on(t.centreId, t.registeredOn),
    index('tech_contracts_seller_idx').on(t.sellerId),
    index('tech_contracts_buyer_idx').on(t.buyerEntityId),
  ],
);

/** The next registration sequence number per centre and year. */
export const techContractSequences = pgTable(
  'tech_contract_sequences',
  {
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.year] })],
);

/**
 * Roll-up cells of registered contracts: one row per centre, month,
 * dimension and key (see core/contracts/statistics.ts). Each registration adds
 * to its cells in the same transaction; `POST …/tech-contracts/statistics/rebuild`
 * recomputes them from the contracts.
 */
export const techContractStats = pgTable(
  'tech_contract_stats',
  {
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    dimension: text('dimension').notNull(),
    key: text('key').notNull(),
    key2: text('key2').notNull().default(''),
    contracts: integer('contracts').notNull(),
    amount: doublePrecision('amount').notNull(),
    technicalAmount: doublePrecision('technical_amount').notNull(),
    samples: integer('samples').notNull(),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.dimension, t.year, t.month, t.key, t.key2] })],
);
