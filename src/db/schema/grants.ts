import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { TScoringForm as ScoringForm } from '../../shared/schemas/calls.js';
import { users } from './accounts.js';
import { callApplications, calls } from './calls.js';
import { centres } from './centres.js';
import { entities } from './entities.js';
import { patents } from './patents.js';

/**
 * Natural-science foundation grants (issue 9) on the calls engine: a grant
 * call is a call of a `grant` programme; these tables hold what a call does
 * not have — its review tracks, the track each application chose, co-funding
 * sources, the centre's versioned negative list, the lump-sum ledger (with
 * refused attempts kept for oversight) and the outputs-only final report.
 * Money is stored in fen (integers), so balances are exact.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const fen = (name: string) => bigint(name, { mode: 'number' });

/** A call's classified review tracks, each with its review and end-of-project evaluation criteria. */
export const grantTracks = pgTable(
  'grant_tracks',
  {
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    /** free_exploration, task_oriented. */
    code: text('code').notNull(),
    descriptionZh: text('description_zh'),
    descriptionEn: text('description_en'),
    reviewForm: jsonb('review_form').$type<ScoringForm>().notNull(),
    evaluationForm: jsonb('evaluation_form').$type<ScoringForm>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.code] })],
);

export type OutputCommitments = { paper: number; patent: number; dataset: number; talent: number };

/** The grant side of an application: its track, and after award its output commitments and lump sum's ledger. */
export const grantApplications = pgTable(
  'grant_applications',
  {
    applicationId: text('application_id')
      .primaryKey()
      .references(() => callApplications.id, { onDelete: 'cascade' }),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    track: text('track').notNull(),
    /** Outputs the team committed to at award (pre-registered), null until declared. */
    commitments: jsonb('commitments').$type<OutputCommitments | null>(),
    /** Accepted expenses so far, in fen (kept with each expense in one transaction). */
    spentFen: fen('spent_fen').notNull().default(0),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('grant_applications_call_idx').on(t.callId, t.track), index('grant_applications_centre_idx').on(t.centreId)],
);

/** One co-funding source of a project: who, at which level, fiscal or external, how much, which year. */
export const grantFundingSources = pgTable(
  'grant_funding_sources',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    applicationId: text('application_id')
      .notNull()
      .references(() => grantApplications.applicationId, { onDelete: 'cascade' }),
    /** national, city, district, enterprise. */
    level: text('level').notNull(),
    /** fiscal, external. */
    nature: text('nature').notNull(),
    funderEntityId: text('funder_entity_id').references(() => entities.id, { onDelete: 'restrict' }),
    funderName: text('funder_name').notNull(),
    amountFen: fen('amount_fen').notNull(),
    year: integer('year').notNull(),
    note: text('note'),
    isSample: boolean('is_sample').notNull().default(false),
    recordedBy: text('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [index('grant_funding_application_idx').on(t.applicationId), index('grant_funding_centre_year_idx').on(t.centreId, t.year), index('grant_funding_funder_idx').on(t.funderEntityId)],
);

/** A published version of the centre's negative list: immutable; a change is a new version with its effective date. */
export const negativeListVersions = pgTable(
  'negative_list_versions',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    /** YYYY-MM-DD: expenses from this day on are checked against this version (until the next takes effect). */
    effectiveFrom: text('effective_from').notNull(),
    noteZh: text('note_zh'),
    noteEn: text('note_en'),
    sourceTitle: text('source_title'),
    publishedBy: text('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: ts('published_at').notNull(),
  },
  (t) => [uniqueIndex('negative_list_versions_number_uq').on(t.centreId, t.number)],
);

export const negativeListItems = pgTable(
  'negative_list_items',
  {
    versionId: text('version_id')
      .notNull()
      .references(() => negativeListVersions.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    position: integer('position').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    explanationZh: text('explanation_zh').notNull(),
    explanationEn: text('explanation_en').notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.code] })],
);

/** An accepted expense of a lump-sum project, with the list version it was checked against. */
export const grantExpenses = pgTable(
  'grant_expenses',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    applicationId: text('application_id')
      .notNull()
      .references(() => grantApplications.applicationId, { onDelete: 'cascade' }),
    spentOn: text('spent_on').notNull(),
    category: text('category').notNull(),
    amountFen: fen('amount_fen').notNull(),
    description: text('description').notNull(),
    listVersionId: text('list_version_id').references(() => negativeListVersions.id, { onDelete: 'restrict' }),
    balanceAfterFen: fen('balance_after_fen').notNull(),
    recordedBy: text('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [index('grant_expenses_application_idx').on(t.applicationId, t.recordedAt)],
);

/** A refused attempt to record an expense, kept for oversight (counted for the team, listed for officers). */
export const grantExpenseRejections = pgTable(
  'grant_expense_rejections',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    applicationId: text('application_id')
      .notNull()
      .references(() => grantApplications.applicationId, { onDelete: 'cascade' }),
    spentOn: text('spent_on').notNull(),
    category: text('category').notNull(),
    amountFen: fen('amount_fen').notNull(),
    description: text('description').notNull(),
    /** negative_list, over_lump_sum (the first refusal; the audit event has them all). */
    reason: text('reason').notNull(),
    listVersionId: text('list_version_id').references(() => negativeListVersions.id, { onDelete: 'restrict' }),
    itemCode: text('item_code'),
    attemptedBy: text('attempted_by').references(() => users.id, { onDelete: 'set null' }),
    attemptedAt: ts('attempted_at').notNull(),
  },
  (t) => [index('grant_expense_rejections_application_idx').on(t.applicationId), index('grant_expense_rejections_centre_idx').on(t.centreId, t.attemptedAt)],
);

/** The outputs-only final report of a grant and, once evaluated, its score on the track's evaluation criteria. */
export const grantFinalReports = pgTable('grant_final_reports', {
  applicationId: text('application_id')
    .primaryKey()
    .references(() => grantApplications.applicationId, { onDelete: 'cascade' }),
  /** submitted, evaluated. */
  state: text('state').notNull(),
  summary: text('summary').notNull(),
  submittedBy: text('submitted_by').references(() => users.id, { onDelete: 'set null' }),
  submittedAt: ts('submitted_at').notNull(),
  evaluationScores: jsonb('evaluation_scores').$type<Record<string, number> | null>(),
  evaluationComments: jsonb('evaluation_comments').$type<Record<string, string> | null>(),
  evaluationTotal: doublePrecision('evaluation_total'),
  evaluatedBy: text('evaluated_by').references(() => users.id, { onDelete: 'set null' }),
  evaluatedAt: ts('evaluated_at'),
  version: integer('version').notNull().default(1),
});

/** One output of a final report: a paper, patent, dataset or talent trained, linked to the registry where it is there. */
export const grantOutputs = pgTable(
  'grant_outputs',
  {
    id: text('id').primaryKey(),
    applicationId: text('application_id')
      .notNull()
      .references(() => grantApplications.applicationId, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    doi: text('doi'),
    patentNumber: text('patent_number'),
    patentId: text('patent_id').references(() => patents.id, { onDelete: 'set null' }),
    url: text('url'),
    personEntityId: text('person_entity_id').references(() => entities.id, { onDelete: 'restrict' }),
    year: integer('year'),
  },
  (t) => [index('grant_outputs_application_idx').on(t.applicationId), index('grant_outputs_person_idx').on(t.personEntityId)],
);
