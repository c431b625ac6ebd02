import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { TRdEvidence, TRdFacts } from '../../shared/schemas/rdcentres.js';
import { users } from './accounts.js';
import { callApplications } from './calls.js';
import { centres } from './centres.js';
import { recognitions } from './entities.js';

/**
 * Foreign-funded R&D centres (issue 9) on the calls engine: an application
 * is a call application of a `recognition` programme; these tables hold only
 * what a centre adds — its type, facts, evidence and bilingual texts, the
 * recognition's own terms beside the registry's dated credential, the
 * support granted under it and the local hires the centre records. No column
 * names an actor: the organisation is the application's applicant and the
 * recognition's entity, so registry merges find them there.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const rdCentreApplications = pgTable(
  'rd_centre_applications',
  {
    applicationId: text('application_id')
      .primaryKey()
      .references(() => callApplications.id, { onDelete: 'cascade' }),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    /** innovation_centre, open_platform. */
    centreType: text('centre_type').notNull(),
    nameEn: text('name_en'),
    nameZh: text('name_zh'),
    descriptionEn: text('description_en'),
    descriptionZh: text('description_zh'),
    /** The language the applicant wrote in (en, zh); the other side is a translation or null. */
    original: text('original').notNull(),
    /** Who supplied the other language (an officer), when someone did. */
    translatedBy: text('translated_by').references(() => users.id, { onDelete: 'set null' }),
    facts: jsonb('facts').$type<TRdFacts>().notNull(),
    evidence: jsonb('evidence').$type<TRdEvidence[]>().notNull().default([]),
    plannedRdSpend: doublePrecision('planned_rd_spend'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('rd_centre_applications_centre_idx').on(t.centreId)],
);

/** The recognition's own terms beside the registry's credential (`recognitions`, type foreign_rnd_centre). */
export const rdCentreRecognitions = pgTable(
  'rd_centre_recognitions',
  {
    recognitionId: text('recognition_id')
      .primaryKey()
      .references(() => recognitions.id, { onDelete: 'cascade' }),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    applicationId: text('application_id')
      .notNull()
      .unique()
      .references(() => callApplications.id, { onDelete: 'restrict' }),
    centreType: text('centre_type').notNull(),
    decisionRef: text('decision_ref').notNull(),
    /** The assigned service housekeeper (an officer's account). */
    housekeeperUserId: text('housekeeper_user_id').references(() => users.id, { onDelete: 'set null' }),
    revokedOn: text('revoked_on'),
    revokeReason: text('revoke_reason'),
    isSample: boolean('is_sample').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('rd_centre_recognitions_centre_idx').on(t.centreId)],
);

export const rdCentreSupport = pgTable(
  'rd_centre_support',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    recognitionId: text('recognition_id')
      .notNull()
      .references(() => rdCentreRecognitions.recognitionId, { onDelete: 'cascade' }),
    /** first_centre, upgrade, project, other. */
    measure: text('measure').notNull(),
    /** Yuan. */
    amount: doublePrecision('amount').notNull(),
    grantedOn: text('granted_on').notNull(),
    decisionRef: text('decision_ref').notNull(),
    note: text('note'),
    recordedBy: text('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [index('rd_centre_support_recognition_idx').on(t.recognitionId)],
);

/** Local hires the centre records, per span of months. */
export const rdCentreHires = pgTable(
  'rd_centre_hires',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    recognitionId: text('recognition_id')
      .notNull()
      .references(() => rdCentreRecognitions.recognitionId, { onDelete: 'cascade' }),
    /** YYYY-MM, inclusive. */
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    count: integer('count').notNull(),
    note: text('note'),
    recordedBy: text('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [index('rd_centre_hires_recognition_idx').on(t.recognitionId)],
);
