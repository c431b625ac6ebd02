import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { calls } from './calls.js';
import { centres } from './centres.js';
import { techContracts } from './contracts.js';
import { entities } from './entities.js';

/**
 * S&T achievements (科技成果, issue 7): one record linking an achievement to
 * its owners, inventors, patents, technology contracts and licences and
 * spin-offs; a public summary and a confidential detail that is read only
 * under a grant and logged; and the buyer-side technology needs matched
 * against the pool. Vocabularies are shared/achievements-vocabulary.ts'.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const achievements = pgTable(
  'achievements',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    state: text('state').notNull().default('draft'),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en'),
    /** Public: shown to anyone once published. */
    summary: text('summary').notNull(),
    /** Confidential: returned only to owners, officers and holders of a live grant; every read is logged. */
    confidentialDetail: text('confidential_detail'),
    /** A technical-field code of shared/contracts-vocabulary.ts (dotted sub-codes allowed). */
    field: text('field').notNull(),
    trl: integer('trl').notNull(),
    stage: text('stage').notNull(),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    /** How a buyer may take it up: licence, transfer, cooperation, equity. */
    availability: text('availability').array().notNull().default(sql`'{}'::text[]`),
    /** Segmented title, summary and keywords (jieba, space-joined): what search and matching read. */
    searchTerms: text('search_terms').notNull().default(''),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: ts('published_at'),
    withdrawnAt: ts('withdrawn_at'),
    isSample: boolean('is_sample').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    check('achievements_trl_ck', sql`${t.trl} between 1 and 9`),
    index('achievements_centre_state_idx').on(t.centreId, t.state, t.updatedAt),
    index('achievements_field_idx').on(t.centreId, t.field),
  ],
);

/** Owners (权利人): registry organisations, with their share of the rights where known. */
export const achievementOwners = pgTable(
  'achievement_owners',
  {
    achievementId: text('achievement_id')
      .notNull()
      .references(() => achievements.id, { onDelete: 'cascade' }),
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    /** Share of the rights in (0, 1]; null when not stated. */
    share: doublePrecision('share'),
  },
  (t) => [primaryKey({ columns: [t.achievementId, t.entityId] }), index('achievement_owners_entity_idx').on(t.entityId)],
);

/** Inventors (完成人): registry people, in the order the record lists them. */
export const achievementInventors = pgTable(
  'achievement_inventors',
  {
    achievementId: text('achievement_id')
      .notNull()
      .references(() => achievements.id, { onDelete: 'cascade' }),
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    position: integer('position').notNull().default(0),
    /** Contribution in (0, 1]; null when not stated. */
    contribution: doublePrecision('contribution'),
  },
  (t) => [primaryKey({ columns: [t.achievementId, t.entityId] }), index('achievement_inventors_entity_idx').on(t.entityId)],
);

/**
 * Patents by normalised number. Not a foreign key: patent records are
 * imported separately and may arrive after the achievement; the page joins
 * on (centre_id, number) when the patent is known.
 */
export const achievementPatents = pgTable(
  'achievement_patents',
  {
    achievementId: text('achievement_id')
      .notNull()
      .references(() => achievements.id, { onDelete: 'cascade' }),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    patentNumber: text('patent_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.achievementId, t.patentNumber] }), index('achievement_patents_number_idx').on(t.centreId, t.patentNumber)],
);

/** Technology contracts (and, by their type, licences) that carried the achievement to a buyer. */
export const achievementContracts = pgTable(
  'achievement_contracts',
  {
    achievementId: text('achievement_id')
      .notNull()
      .references(() => achievements.id, { onDelete: 'cascade' }),
    contractId: text('contract_id')
      .notNull()
      .references(() => techContracts.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.achievementId, t.contractId] }), index('achievement_contracts_contract_idx').on(t.contractId)],
);

/** Start-ups spun off to exploit the achievement: registry organisations. */
export const achievementSpinoffs = pgTable(
  'achievement_spinoffs',
  {
    achievementId: text('achievement_id')
      .notNull()
      .references(() => achievements.id, { onDelete: 'cascade' }),
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.achievementId, t.entityId] }), index('achievement_spinoffs_entity_idx').on(t.entityId)],
);

/** A request to read the confidential detail, decided by a member of an owner. */
export const achievementAccessRequests = pgTable(
  'achievement_access_requests',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    achievementId: text('achievement_id')
      .notNull()
      .references(() => achievements.id, { onDelete: 'cascade' }),
    requesterId: text('requester_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The requester's organisation at the time of the request. */
    requesterOrgId: text('requester_org_id').references(() => entities.id, { onDelete: 'set null' }),
    purpose: text('purpose').notNull(),
    /** When the requester accepted the confidentiality terms (click-through CDA). */
    termsAcceptedAt: ts('terms_accepted_at').notNull(),
    state: text('state').notNull().default('requested'),
    decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    expiresAt: ts('expires_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('achievement_access_live_uq').on(t.achievementId, t.requesterId).where(sql`${t.state} in ('requested', 'granted')`),
    index('achievement_access_achievement_idx').on(t.achievementId, t.state),
    index('achievement_access_requester_idx').on(t.requesterId),
  ],
);

/** Append-only: every read of a confidential detail, by whom and on what basis. Shown to the owners. */
export const achievementDetailViews = pgTable(
  'achievement_detail_views',
  {
    id: text('id').primaryKey(),
    achievementId: text('achievement_id')
      .notNull()
      .references(() => achievements.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The reader's label at read time, kept if the account goes. */
    userLabel: text('user_label').notNull(),
    organisationId: text('organisation_id').references(() => entities.id, { onDelete: 'set null' }),
    /** owner | officer | grant */
    basis: text('basis').notNull(),
    requestId: text('request_id').references(() => achievementAccessRequests.id, { onDelete: 'set null' }),
    achievementVersion: integer('achievement_version').notNull(),
    viewedAt: ts('viewed_at').notNull(),
  },
  (t) => [index('achievement_views_achievement_idx').on(t.achievementId, t.viewedAt)],
);

/** Buyer-side technology needs (技术需求) posted by enterprises. */
export const technologyNeeds = pgTable(
  'technology_needs',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    state: text('state').notNull().default('open'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    field: text('field').notNull(),
    /** The lowest TRL the enterprise can take up. */
    trlMin: integer('trl_min').notNull(),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    budgetMin: doublePrecision('budget_min'),
    budgetMax: doublePrecision('budget_max'),
    currency: text('currency').notNull().default('CNY'),
    /** YYYY-MM-DD. */
    deadline: text('deadline'),
    searchTerms: text('search_terms').notNull().default(''),
    /** The 揭榜挂帅 call drafted from this need. */
    callId: text('call_id').references(() => calls.id, { onDelete: 'set null' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    isSample: boolean('is_sample').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    check('technology_needs_trl_ck', sql`${t.trlMin} between 1 and 9`),
    index('technology_needs_centre_state_idx').on(t.centreId, t.state, t.updatedAt),
    index('technology_needs_enterprise_idx').on(t.enterpriseId),
  ],
);
