import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { TMeritScheme, TSelfAssessment } from '../../shared/schemas/talent.js';
import { users } from './accounts.js';
import { callApplications, calls } from './calls.js';
import { centres } from './centres.js';
import { entities, recognitions } from './entities.js';
import { demands } from './services.js';

/**
 * Talent programmes (issue 9) on the calls engine: a talent call is a call of
 * a `talent` programme; these tables hold what a call does not have — its
 * category and published merit-point scheme, the person behind each
 * application with their self-assessment, the credential awarded (a dated
 * recognition on the person), and the service requests credential holders
 * raise as demands.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The talent-only fields of a call. */
export const talentCalls = pgTable('talent_calls', {
  callId: text('call_id')
    .primaryKey()
    .references(() => calls.id, { onDelete: 'cascade' }),
  category: text('category').notNull(),
  /** application, nomination. */
  mode: text('mode').notNull().default('application'),
  validityYears: integer('validity_years'),
  scheme: jsonb('scheme').$type<TMeritScheme>().notNull(),
});

/** The person an application is for, and the self-assessment they submitted with it. */
export const talentApplications = pgTable(
  'talent_applications',
  {
    applicationId: text('application_id')
      .primaryKey()
      .references(() => callApplications.id, { onDelete: 'cascade' }),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    personEntityId: text('person_entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    selfAssessment: jsonb('self_assessment').$type<TSelfAssessment>().notNull(),
  },
  (t) => [index('talent_applications_call_idx').on(t.callId), index('talent_applications_person_idx').on(t.personEntityId)],
);

/**
 * A verified talent status: the recognition `talent:<category>` on the
 * person's registry record, with who holds it, what awarded it and whether it
 * has been revoked.
 */
export const talentCredentials = pgTable(
  'talent_credentials',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    recognitionId: text('recognition_id')
      .notNull()
      .references(() => recognitions.id, { onDelete: 'restrict' }),
    personEntityId: text('person_entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    /** The employer at award (the application's lead organisation), for statistics by area. */
    employerEntityId: text('employer_entity_id').references(() => entities.id, { onDelete: 'set null' }),
    holderUserId: text('holder_user_id').references(() => users.id, { onDelete: 'set null' }),
    applicationId: text('application_id')
      .notNull()
      .references(() => callApplications.id, { onDelete: 'restrict' }),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'restrict' }),
    category: text('category').notNull(),
    /** YYYY-MM-DD, inclusive. */
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to').notNull(),
    areaId: text('area_id'),
    revokedAt: ts('revoked_at'),
    revokeReason: text('revoke_reason'),
    isSample: boolean('is_sample').notNull().default(false),
    issuedBy: text('issued_by').references(() => users.id, { onDelete: 'set null' }),
    issuedAt: ts('issued_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('talent_credentials_application_uq').on(t.applicationId),
    index('talent_credentials_person_idx').on(t.personEntityId),
    index('talent_credentials_holder_idx').on(t.holderUserId),
    index('talent_credentials_centre_idx').on(t.centreId, t.category),
  ],
);

/** A talent service request: a demand in the services ledger raised on a credential. */
export const talentServiceRequests = pgTable(
  'talent_service_requests',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    credentialId: text('credential_id')
      .notNull()
      .references(() => talentCredentials.id, { onDelete: 'restrict' }),
    demandId: text('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('talent_service_requests_demand_uq').on(t.demandId), index('talent_service_requests_credential_idx').on(t.credentialId)],
);
