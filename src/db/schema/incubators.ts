import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { areas, centres } from './centres.js';
import { entities } from './entities.js';

/**
 * Incubators (issue 9): the incubator profile of a registry organisation,
 * its cohorts (intakes) and the start-ups of each cohort with entry and exit.
 * Funnel metrics are computed from these and the registry's other records
 * (investment rounds, technology contracts, patents), never stored.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const incubatorProfiles = pgTable(
  'incubator_profiles',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    /** The incubator itself: a registry organisation. */
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    /** One of INCUBATOR_TYPES (university, corporate, government …). */
    incubatorType: text('incubator_type').notNull(),
    operatorId: text('operator_id').references(() => entities.id, { onDelete: 'set null' }),
    operatorName: text('operator_name'),
    areaId: text('area_id').references(() => areas.id, { onDelete: 'set null' }),
    parks: text('parks'),
    focus: text('focus'),
    /** Freshness stamp: the day the profile was last confirmed (YYYY-MM-DD). */
    confirmedOn: text('confirmed_on'),
    isSample: boolean('is_sample').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('incubator_profiles_entity_uq').on(t.entityId), index('incubator_profiles_centre_idx').on(t.centreId, t.incubatorType)],
);

export const incubatorCohorts = pgTable(
  'incubator_cohorts',
  {
    id: text('id').primaryKey(),
    incubatorId: text('incubator_id')
      .notNull()
      .references(() => incubatorProfiles.id, { onDelete: 'cascade' }),
    intakeYear: integer('intake_year').notNull(),
    /** One of COHORT_TERMS: year, spring, autumn. */
    term: text('term').notNull().default('year'),
    isSample: boolean('is_sample').notNull().default(false),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('incubator_cohorts_uq').on(t.incubatorId, t.intakeYear, t.term)],
);

export const incubatorResidents = pgTable(
  'incubator_residents',
  {
    id: text('id').primaryKey(),
    cohortId: text('cohort_id')
      .notNull()
      .references(() => incubatorCohorts.id, { onDelete: 'cascade' }),
    /** The start-up: a registry organisation. */
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    enteredOn: text('entered_on').notNull(),
    exitedOn: text('exited_on'),
    /** One of COHORT_EXIT_KINDS: in_residence, graduated, failed, relocated. */
    exitKind: text('exit_kind').notNull().default('in_residence'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('incubator_residents_uq').on(t.cohortId, t.entityId), index('incubator_residents_entity_idx').on(t.entityId)],
);
