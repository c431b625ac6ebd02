import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { TPolicyBenefit as PolicyBenefit, TPolicyClause as PolicyClause } from '../../shared/schemas/policies.js';
import { users } from './accounts.js';
import { centres } from './centres.js';
import { entities } from './entities.js';
import { sources } from './sources.js';

/**
 * The policy library and engine (issue 6): policy documents, versioned, each
 * version with its clauses and its benefits, every benefit's eligibility a
 * JSON Logic rule over named enterprise facts (core/policies). Stacking rules
 * say which benefits exclude each other across levels.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const policies = pgTable(
  'policies',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    /** Stable short code (BJ-ZGC-2026-01), unique in the centre. */
    code: text('code').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en'),
    issuer: text('issuer').notNull(),
    /** `national`, `municipal`, `district` or `park`. */
    level: text('level').notNull(),
    /** Document number (京政发〔2026〕1号) where there is one. */
    documentNumber: text('document_number'),
    url: text('url'),
    sourceId: text('source_id').references(() => sources.id, { onDelete: 'set null' }),
    isSample: boolean('is_sample').notNull().default(false),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('policies_code_uq').on(t.centreId, t.code)],
);

/**
 * One version of a policy: its text, clauses and benefits, valid from a date
 * (to a date). Published versions are never edited; a change is a new version.
 */
export const policyVersions = pgTable(
  'policy_versions',
  {
    id: text('id').primaryKey(),
    policyId: text('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** `draft` or `published`. */
    state: text('state').notNull(),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    legalText: text('legal_text').notNull().default(''),
    clauses: jsonb('clauses').$type<PolicyClause[]>().notNull().default([]),
    benefits: jsonb('benefits').$type<PolicyBenefit[]>().notNull().default([]),
    changeNote: text('change_note'),
    publishedAt: ts('published_at'),
    publishedBy: text('published_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('policy_versions_uq').on(t.policyId, t.version)],
);

/**
 * Two benefits that cannot both be granted: `exclusive` (choose one) or
 * `no_double_funding` (the same cost cannot be funded twice). Keys are
 * `policyCode/benefitCode`, so a rule outlives versions.
 */
export const policyStackingRules = pgTable(
  'policy_stacking_rules',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    benefitA: text('benefit_a').notNull(),
    benefitB: text('benefit_b').notNull(),
    note: text('note'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('policy_stacking_uq').on(t.centreId, t.benefitA, t.benefitB)],
);

/**
 * What an enterprise (or its housekeeper) declared about a fact the registry
 * does not hold, e.g. `taxCompliant`; the newest answer counts.
 */
export const enterpriseFactAnswers = pgTable(
  'enterprise_fact_answers',
  {
    id: text('id').primaryKey(),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    fact: text('fact').notNull(),
    value: jsonb('value').$type<unknown>(),
    answeredBy: text('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: ts('answered_at').notNull(),
  },
  (t) => [index('enterprise_fact_answers_idx').on(t.enterpriseId, t.fact, t.answeredAt)],
);

/** The enterprise's consent to be told of, or enrolled in, benefits it qualifies for without applying (免申即享). */
export const policyPushConsents = pgTable(
  'policy_push_consents',
  {
    enterpriseId: text('enterprise_id')
      .primaryKey()
      .references(() => entities.id, { onDelete: 'cascade' }),
    consent: boolean('consent').notNull(),
    recordedBy: text('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: ts('recorded_at').notNull(),
  },
);
