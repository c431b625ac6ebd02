import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { achievements } from './achievements.js';
import { callApplications, callProgrammes, calls } from './calls.js';
import { centres } from './centres.js';
import { entities } from './entities.js';

/**
 * Application scenarios (issue 7) on the calls engine: a scenario is a call;
 * these tables hold only what a call does not have — its batch, its site and
 * sandbox, and what its deployments achieved.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A numbered batch of scenarios (第一批, 第二批 …), published together. */
export const scenarioBatches = pgTable(
  'scenario_batches',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    programmeId: text('programme_id')
      .notNull()
      .references(() => callProgrammes.id, { onDelete: 'restrict' }),
    number: integer('number').notNull(),
    titleZh: text('title_zh'),
    titleEn: text('title_en').notNull(),
    description: text('description'),
    /** draft, published. */
    state: text('state').notNull().default('draft'),
    publishedAt: ts('published_at'),
    isSample: boolean('is_sample').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('scenario_batches_number_uq').on(t.programmeId, t.number), index('scenario_batches_centre_idx').on(t.centreId)],
);

/** The scenario-only fields of a call. */
export const callScenarios = pgTable(
  'call_scenarios',
  {
    callId: text('call_id')
      .primaryKey()
      .references(() => calls.id, { onDelete: 'cascade' }),
    batchId: text('batch_id')
      .notNull()
      .references(() => scenarioBatches.id, { onDelete: 'restrict' }),
    ownerKind: text('owner_kind').notNull(),
    site: text('site').notNull(),
    dataAvailable: text('data_available'),
    sandboxStatus: text('sandbox_status').notNull().default('none'),
    /** YYYY-MM-DD. */
    timelineStart: text('timeline_start'),
    timelineEnd: text('timeline_end'),
  },
  (t) => [index('call_scenarios_batch_idx').on(t.batchId)],
);

export type DeploymentResult = { criterionId: string; metric: string; unit: string; comparator: string; threshold: number; value: number; met: boolean };

/**
 * A selected solution put to use at the scenario's site. Its outcome flows back
 * to the enterprise's profile and, when named, to the achievement deployed.
 */
export const scenarioDeployments = pgTable(
  'scenario_deployments',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    applicationId: text('application_id')
      .notNull()
      .references(() => callApplications.id, { onDelete: 'cascade' }),
    /** The applying organisation, kept here so that the enterprise's profile finds it and registry merges repoint it. */
    enterpriseId: text('enterprise_id').references(() => entities.id, { onDelete: 'restrict' }),
    /** The achievement put to use, when the enterprise names one (achievements module). */
    achievementId: text('achievement_id').references(() => achievements.id, { onDelete: 'set null' }),
    state: text('state').notNull().default('deploying'),
    startedOn: text('started_on'),
    finishedOn: text('finished_on'),
    outcome: text('outcome'),
    results: jsonb('results').$type<DeploymentResult[]>().notNull().default([]),
    recordedBy: text('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: ts('recorded_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('scenario_deployments_application_uq').on(t.applicationId),
    index('scenario_deployments_call_idx').on(t.callId),
    index('scenario_deployments_enterprise_idx').on(t.enterpriseId),
    index('scenario_deployments_achievement_idx').on(t.achievementId).where(sql`${t.achievementId} is not null`),
  ],
);
