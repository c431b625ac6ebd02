import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { areas, centres } from './centres.js';
import { entities } from './entities.js';

/**
 * Key-enterprise services (issue 6): the service package a housekeeper
 * (服务管家) keeps with each key enterprise, the visits, and the demands
 * (诉求) those visits capture, worked as cases by the owning department under
 * SLA clocks and an escalation ladder. States are core/workflow's.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A service the package promises, with its own SLA. */
export type PromisedService = { code: string; titleZh: string; titleEn: string; slaDays: number | null; notes: string | null };

/** Who took part in a visit. */
export type VisitParticipant = { name: string; side: 'government' | 'enterprise'; role: string | null };

/**
 * A department that owns demands: it handles the demand types it lists, in its
 * area (null = the whole centre). `coordinator` departments are the rungs of
 * the escalation ladder for their area (district) or the centre (municipal).
 */
export const serviceDepartments = pgTable(
  'service_departments',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** `park`, `district` or `municipal`. */
    level: text('level').notNull(),
    areaId: text('area_id').references(() => areas.id, { onDelete: 'set null' }),
    demandTypes: text('demand_types').array().notNull().default(sql`'{}'::text[]`),
    isCoordinator: boolean('is_coordinator').notNull().default(false),
    /** Service officers who work this department's cases. */
    memberUserIds: text('member_user_ids').array().notNull().default(sql`'{}'::text[]`),
    isSample: boolean('is_sample').notNull().default(false),
    createdAt: ts('created_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('service_departments_centre_idx').on(t.centreId)],
);

export const servicePackages = pgTable(
  'service_packages',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    /** Why the enterprise is key: a recognition tier (`tier:little_giant`) or an officer's list (`list`). */
    keyBasis: text('key_basis').notNull(),
    primaryHousekeeperId: text('primary_housekeeper_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    backupHousekeeperId: text('backup_housekeeper_id').references(() => users.id, { onDelete: 'set null' }),
    services: jsonb('services').$type<PromisedService[]>().notNull().default([]),
    checkInEveryDays: integer('check_in_every_days').notNull(),
    nextCheckInOn: text('next_check_in_on').notNull(),
    /** `draft` → `offered` → `signed` (the enterprise signs it off); `ended`. */
    state: text('state').notNull(),
    signedAt: ts('signed_at'),
    signedBy: text('signed_by').references(() => users.id, { onDelete: 'set null' }),
    isSample: boolean('is_sample').notNull().default(false),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('service_packages_centre_idx').on(t.centreId), index('service_packages_enterprise_idx').on(t.enterpriseId), index('service_packages_housekeeper_idx').on(t.primaryHousekeeperId)],
);

export const serviceVisits = pgTable(
  'service_visits',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    packageId: text('package_id').references(() => servicePackages.id, { onDelete: 'set null' }),
    visitedOn: text('visited_on').notNull(),
    participants: jsonb('participants').$type<VisitParticipant[]>().notNull().default([]),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    notes: text('notes'),
    isSample: boolean('is_sample').notNull().default(false),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('service_visits_enterprise_idx').on(t.enterpriseId, t.visitedOn)],
);

/** A demand (诉求): one case, from receipt to the enterprise's confirmation. */
export const demands = pgTable(
  'demands',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    /** Human reference shown to enterprises and officers: SQ-2026-000123. */
    reference: text('reference').notNull(),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    visitId: text('visit_id').references(() => serviceVisits.id, { onDelete: 'set null' }),
    type: text('type').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** The enterprise's area when received: routing and district metrics use it. */
    areaId: text('area_id').references(() => areas.id, { onDelete: 'set null' }),
    departmentId: text('department_id').references(() => serviceDepartments.id, { onDelete: 'set null' }),
    state: text('state').notNull(),
    receivedAt: ts('received_at').notNull(),
    respondBy: ts('respond_by').notNull(),
    resolveBy: ts('resolve_by').notNull(),
    acceptedAt: ts('accepted_at'),
    resolvedAt: ts('resolved_at'),
    confirmedAt: ts('confirmed_at'),
    reopenedAt: ts('reopened_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    /** Last thing anybody did on the case: idle detection counts from here. */
    lastActivityAt: ts('last_activity_at').notNull(),
    /** 0 housekeeper, 1 district coordinator, 2 municipal coordinator. */
    escalationLevel: integer('escalation_level').notNull().default(0),
    escalatedAt: ts('escalated_at'),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    /** Words of title and description (jieba), for the systemic-issue clustering. */
    topicWords: text('topic_words').array().notNull().default(sql`'{}'::text[]`),
    isSample: boolean('is_sample').notNull().default(false),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('demands_centre_state_idx').on(t.centreId, t.state),
    index('demands_enterprise_idx').on(t.enterpriseId),
    index('demands_department_idx').on(t.departmentId),
    index('demands_received_idx').on(t.centreId, t.receivedAt),
    // The worklist's order (most escalated, then soonest due): a page is read off the index, not sorted from every case.
    index('demands_worklist_idx').on(t.centreId, t.escalationLevel.desc().nullsFirst(), t.resolveBy, t.id),
  ],
);

/** The case's thread: messages, state changes, reminders and escalations, in order. */
export const demandEvents = pgTable(
  'demand_events',
  {
    id: text('id').primaryKey(),
    demandId: text('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    /** `message`, `transition`, `reminder`, `escalation`, `routed`. */
    kind: text('kind').notNull(),
    action: text('action'),
    fromState: text('from_state'),
    toState: text('to_state'),
    body: text('body'),
    /** A note between officers, not shown to the enterprise. */
    internal: boolean('internal').notNull().default(false),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorLabel: text('author_label').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('demand_events_demand_idx').on(t.demandId, t.createdAt)],
);
