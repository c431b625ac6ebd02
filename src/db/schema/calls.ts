import { sql } from 'drizzle-orm';
import { boolean, customType, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { TEligibilityRule as EligibilityRule, TScoringForm as ScoringForm } from '../../shared/schemas/calls.js';
import { users } from './accounts.js';
import { centres } from './centres.js';
import { entities } from './entities.js';

/**
 * The calls engine (issue 5): programmes hold calls; teams apply; experts
 * review under conflict-of-interest control; winners execute milestones to
 * acceptance. States are the core workflows' (core/workflow); every change
 * goes through one transition function and is audited.
 */

type CoiFlag = { kind: string; message: string; evidence: Record<string, string | number | boolean | null> };
type EligibilityVerdict = { outcome: 'eligible' | 'ineligible' | 'needs_review'; results: { rule: string; status: 'pass' | 'fail' | 'unknown'; code: string; message: string; path?: string }[] };

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Review settings a programme fixes for all its calls. */
export type ProgrammeSettings = {
  form: ScoringForm;
  minReviewers: number;
  minCompletedReviews: number;
  coiYears: number;
  consortiumYears: number;
  appealDays: number;
  requiredDeclarations: string[];
  /** Publish the panel's names (not who scored what) once the call is awarded. */
  discloseReviewers: boolean;
};

export const callProgrammes = pgTable('call_programmes', {
  id: text('id').primaryKey(),
  centreId: text('centre_id')
    .notNull()
    .references(() => centres.id, { onDelete: 'cascade' }),
  /** unveil_list (揭榜挂帅), scenario, grant, talent, recognition. */
  kind: text('kind').notNull(),
  titleZh: text('title_zh'),
  titleEn: text('title_en').notNull(),
  year: integer('year'),
  description: text('description'),
  settings: jsonb('settings').$type<ProgrammeSettings>().notNull(),
  isSample: boolean('is_sample').notNull().default(false),
  createdAt: ts('created_at').notNull(),
});

export type PaymentTranche = { label: string; share: number };
export type FrozenTerms = { ipTemplate: string; ipText: string; paymentSchedule: PaymentTranche[]; frozenAt: string };

export const calls = pgTable(
  'calls',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    programmeId: text('programme_id')
      .notNull()
      .references(() => callProgrammes.id, { onDelete: 'restrict' }),
    state: text('state').notNull().default('draft'),
    titleZh: text('title_zh'),
    titleEn: text('title_en').notNull(),
    problem: text('problem'),
    /** Dotted field codes (`ict.semiconductor.lithography`): matched against experts' and members' fields. */
    fieldCodes: text('field_codes').array().notNull().default(sql`'{}'::text[]`),
    chainPosition: text('chain_position'),
    trlExpected: integer('trl_expected'),
    budget: doublePrecision('budget'),
    currency: text('currency').notNull().default('CNY'),
    paymentSchedule: jsonb('payment_schedule').$type<PaymentTranche[]>().notNull().default([]),
    deadline: ts('deadline'),
    eligibilityRules: jsonb('eligibility_rules').$type<EligibilityRule[]>().notNull().default([]),
    ipTemplate: text('ip_template'),
    /** Terms as published; later changes go to the change log, never here. */
    frozenTerms: jsonb('frozen_terms').$type<FrozenTerms | null>(),
    /** The demand owner (发榜方): an organisation of the registry. */
    ownerEntityId: text('owner_entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    decisionMemo: text('decision_memo'),
    appealDeadline: ts('appeal_deadline'),
    publishedAt: ts('published_at'),
    awardedAt: ts('awarded_at'),
    isSample: boolean('is_sample').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('calls_centre_state_idx').on(t.centreId, t.state),
    index('calls_programme_idx').on(t.programmeId),
    index('calls_fields_idx').using('gin', t.fieldCodes),
    /** The open results' keyset order (newest award first, then id), without a sort however deep the page. */
    index('calls_centre_awarded_idx').on(t.centreId, t.awardedAt.desc().nullsFirst(), t.id).where(sql`${t.awardedAt} is not null`),
  ],
);

/** Typed acceptance criteria, with the measured result at final acceptance. */
export const callCriteria = pgTable(
  'call_criteria',
  {
    id: text('id').primaryKey(),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    metric: text('metric').notNull(),
    unit: text('unit').notNull(),
    comparator: text('comparator').notNull(),
    threshold: doublePrecision('threshold').notNull(),
    testMethod: text('test_method').notNull(),
    resultValue: doublePrecision('result_value'),
    resultMet: boolean('result_met'),
    resultNote: text('result_note'),
    resultAt: ts('result_at'),
  },
  (t) => [index('call_criteria_call_idx').on(t.callId, t.position)],
);

/** The public change log of a call: publication, every later change with its note, closing, results. */
export const callChangeLog = pgTable(
  'call_change_log',
  {
    id: text('id').primaryKey(),
    /** Order of entries made in the same instant (publication and the change right after it). */
    seq: integer('seq').generatedAlwaysAsIdentity(),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    at: ts('at').notNull(),
    entry: text('entry').notNull(),
    changes: jsonb('changes').$type<{ field: string; before: unknown; after: unknown }[]>().notNull().default([]),
    note: text('note'),
  },
  (t) => [index('call_change_log_call_idx').on(t.callId, t.at)],
);

export type ApplicationBudget = { total: number; selfFunded: number | null; items: { label: string; amount: number }[] };

export const callApplications = pgTable(
  'call_applications',
  {
    id: text('id').primaryKey(),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    state: text('state').notNull().default('draft'),
    title: text('title').notNull(),
    /** The applying user's organisation: every member of it may work on the application. */
    applicantOrgId: text('applicant_org_id'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    plan: text('plan'),
    budget: jsonb('budget').$type<ApplicationBudget>().notNull().default({ total: 0, selfFunded: null, items: [] }),
    declarations: jsonb('declarations').$type<Record<string, boolean>>().notNull().default({}),
    /** Organisations the applicant asks to keep off the panel (no reason needed). */
    excludedEntityIds: text('excluded_entity_ids').array().notNull().default(sql`'{}'::text[]`),
    teamTrl: integer('team_trl'),
    eligibility: jsonb('eligibility').$type<EligibilityVerdict | null>(),
    appealCount: integer('appeal_count').notNull().default(0),
    awardAmount: doublePrecision('award_amount'),
    submittedAt: ts('submitted_at'),
    decidedAt: ts('decided_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('call_applications_call_idx').on(t.callId, t.state), index('call_applications_org_idx').on(t.applicantOrgId)],
);

/** The team: lead and partner organisations (the consortium), the PI and members, all registry records. */
export const callApplicationMembers = pgTable(
  'call_application_members',
  {
    applicationId: text('application_id')
      .notNull()
      .references(() => callApplications.id, { onDelete: 'cascade' }),
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    /** lead, partner, pi, member. */
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.entityId, t.role] }), index('call_application_members_entity_idx').on(t.entityId)],
);

export type EvidenceItem = { kind: string; description: string; reference: string | null };

export const callMilestones = pgTable(
  'call_milestones',
  {
    id: text('id').primaryKey(),
    applicationId: text('application_id')
      .notNull()
      .references(() => callApplications.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    deliverable: text('deliverable').notNull(),
    /** What will prove it (lab report, end-user sign-off …). */
    verification: text('verification').notNull(),
    dueOn: text('due_on').notNull(),
    /** Share of the award paid on acceptance, percent. */
    trancheShare: doublePrecision('tranche_share').notNull().default(0),
    state: text('state').notNull().default('planned'),
    evidence: jsonb('evidence').$type<EvidenceItem[]>().notNull().default([]),
    verifiedBy: text('verified_by'),
    verificationNote: text('verification_note'),
    submittedAt: ts('submitted_at'),
    verifiedAt: ts('verified_at'),
    paidAmount: doublePrecision('paid_amount'),
    paidAt: ts('paid_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('call_milestones_application_idx').on(t.applicationId, t.position)],
);

/** The expert pool: registry people with fields of expertise and a load limit; `userId` is their sign-in. */
export const experts = pgTable(
  'experts',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    fields: text('fields').array().notNull().default(sql`'{}'::text[]`),
    maxLoad: integer('max_load').notNull().default(10),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('experts_entity_uq').on(t.centreId, t.entityId), uniqueIndex('experts_user_uq').on(t.userId).where(sql`${t.userId} is not null`), index('experts_fields_idx').using('gin', t.fields)],
);

export const reviewAssignments = pgTable(
  'review_assignments',
  {
    id: text('id').primaryKey(),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    applicationId: text('application_id')
      .notNull()
      .references(() => callApplications.id, { onDelete: 'cascade' }),
    expertId: text('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'restrict' }),
    state: text('state').notNull().default('assigned'),
    matchScore: doublePrecision('match_score'),
    /** Conflicts found when assigned (non-empty only with an override). */
    coiFlags: jsonb('coi_flags').$type<CoiFlag[]>().notNull().default([]),
    overrideReason: text('override_reason'),
    overriddenBy: text('overridden_by'),
    recusalReason: text('recusal_reason'),
    createdAt: ts('created_at').notNull(),
    completedAt: ts('completed_at'),
  },
  (t) => [uniqueIndex('review_assignments_pair_uq').on(t.applicationId, t.expertId), index('review_assignments_call_idx').on(t.callId), index('review_assignments_expert_idx').on(t.expertId, t.state)],
);

export const reviews = pgTable('reviews', {
  assignmentId: text('assignment_id')
    .primaryKey()
    .references(() => reviewAssignments.id, { onDelete: 'cascade' }),
  scores: jsonb('scores').$type<Record<string, number>>().notNull(),
  comments: jsonb('comments').$type<Record<string, string>>().notNull(),
  total: doublePrecision('total').notNull(),
  submittedAt: ts('submitted_at').notNull(),
});

export const callAppeals = pgTable(
  'call_appeals',
  {
    id: text('id').primaryKey(),
    applicationId: text('application_id')
      .notNull()
      .references(() => callApplications.id, { onDelete: 'cascade' }),
    statement: text('statement').notNull(),
    lodgedAt: ts('lodged_at').notNull(),
    lodgedBy: text('lodged_by').notNull(),
    /** open, upheld, dismissed. */
    outcome: text('outcome').notNull().default('open'),
    answer: text('answer'),
    answeredAt: ts('answered_at'),
    answeredBy: text('answered_by'),
  },
  (t) => [index('call_appeals_application_idx').on(t.applicationId)],
);

/** In-app inbox; email delivery can read the same rows later. */
export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    centreId: text('centre_id'),
    template: text('template').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts('created_at').notNull(),
    readAt: ts('read_at'),
    /** Set by scheduled notices (deadline soon, milestone due, digest): the same notice reaches a user once. */
    dedupeKey: text('dedupe_key'),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt), uniqueIndex('notifications_dedupe_uq').on(t.userId, t.dedupeKey).where(sql`${t.dedupeKey} is not null`)],
);

/** Binary content: a Buffer on node-postgres, a Uint8Array on PGlite; both come back as bytes. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * Files attached to an application (plans, letters) or a milestone
 * (verification evidence). The bytes live in the database so that an upload
 * lands with its record or not at all, and backups carry them.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    /** `application` or `milestone`. */
    ownerType: text('owner_type').notNull(),
    ownerId: text('owner_id').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('attachments_owner_idx').on(t.ownerType, t.ownerId)],
);
