import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { centres } from './centres.js';
import { entities } from './entities.js';
import { sources } from './sources.js';

/**
 * S&T finance (issue 9): investment rounds into registry organisations, their
 * investors, listings and acquisitions, and the exchange rates the user
 * enters (amounts are never converted with a rate nobody entered).
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const investmentRounds = pgTable(
  'investment_rounds',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    /** The company that raised the round (a registry organisation). */
    investeeId: text('investee_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    /** YYYY-MM-DD: the day the round was announced (or closed, when that is all the source gives). */
    announcedOn: text('announced_on').notNull(),
    /** Null when the amount was not disclosed (未披露). */
    amount: doublePrecision('amount'),
    /** ISO 4217 code of `amount` and `post_money_valuation`. */
    currency: text('currency').notNull(),
    /** finance-vocabulary ROUND_STAGES. */
    stage: text('stage').notNull(),
    /** Post-money valuation in `currency`; null when not disclosed. */
    postMoneyValuation: doublePrecision('post_money_valuation'),
    sourceId: text('source_id').references(() => sources.id, { onDelete: 'restrict' }),
    /** Where the figures come from, in words (an announcement, a filing, a news item). */
    sourceNote: text('source_note'),
    sourceUrl: text('source_url'),
    isSample: boolean('is_sample').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('investment_rounds_centre_date_idx').on(t.centreId, t.announcedOn),
    index('investment_rounds_investee_idx').on(t.investeeId, t.announcedOn),
  ],
);

/**
 * The investors of a round in the order the source names them: a registry
 * organisation where known, otherwise the name as given. A table so that a
 * registry merge repoints the link (src/db/entity-references.ts).
 */
export const investmentRoundInvestors = pgTable(
  'investment_round_investors',
  {
    roundId: text('round_id')
      .notNull()
      .references(() => investmentRounds.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    entityId: text('entity_id').references(() => entities.id, { onDelete: 'set null' }),
    /** The round's lead investor (领投). */
    isLead: boolean('is_lead').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.position] }), index('investment_round_investors_entity_idx').on(t.entityId)],
);

/** A company's exit from venture finance: a listing on a board, or its acquisition. */
export const companyExits = pgTable(
  'company_exits',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    /** listing | acquisition. */
    kind: text('kind').notNull(),
    /** YYYY-MM-DD: first trading day, or the day the acquisition completed. */
    exitOn: text('exit_on').notNull(),
    /** Listings: finance-vocabulary LISTING_BOARDS and the security code. */
    board: text('board'),
    code: text('code'),
    /** Acquisitions: the buyer, in the registry or by name. */
    acquirerId: text('acquirer_id').references(() => entities.id, { onDelete: 'set null' }),
    acquirerName: text('acquirer_name'),
    sourceNote: text('source_note'),
    sourceUrl: text('source_url'),
    isSample: boolean('is_sample').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('company_exits_entity_idx').on(t.entityId),
    index('company_exits_centre_idx').on(t.centreId, t.exitOn),
    uniqueIndex('company_exits_listing_uq').on(t.centreId, t.board, t.code).where(sql`${t.kind} = 'listing'`),
  ],
);

/** Exchange rates the user enters: US dollars per unit of a currency, for a year (used for rounds announced that year). */
export const fxRates = pgTable(
  'fx_rates',
  {
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    currency: text('currency').notNull(),
    year: integer('year').notNull(),
    usdPerUnit: doublePrecision('usd_per_unit').notNull(),
    sourceNote: text('source_note'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.currency, t.year] })],
);
