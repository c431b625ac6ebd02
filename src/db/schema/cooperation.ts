import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { centres } from './centres.js';
import { entities } from './entities.js';

/**
 * International and regional cooperation (issue 9): joint laboratories with
 * their partners, international S&T organisations the centre hosts,
 * cooperation agreements, and regional collaboration records (projects,
 * technology contracts, relocations between the regions a centre configures).
 * Countries are ISO 3166-1 alpha-2 codes; regions GB/T 2260 codes.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const jointLabs = pgTable(
  'joint_labs',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    field: text('field').notNull(),
    /** YYYY-MM-DD. */
    establishedOn: text('established_on'),
    endedOn: text('ended_on'),
    sourceNote: text('source_note'),
    isSample: boolean('is_sample').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('joint_labs_centre_idx').on(t.centreId)],
);

/** Partners of a joint laboratory or an agreement: a registry organisation where known, else the name; with its country. */
const partnerColumns = () => ({
  position: integer('position').notNull(),
  side: text('side').notNull(),
  name: text('name').notNull(),
  entityId: text('entity_id').references(() => entities.id, { onDelete: 'set null' }),
  country: text('country').notNull(),
});

export const jointLabPartners = pgTable(
  'joint_lab_partners',
  {
    labId: text('lab_id')
      .notNull()
      .references(() => jointLabs.id, { onDelete: 'cascade' }),
    ...partnerColumns(),
  },
  (t) => [primaryKey({ columns: [t.labId, t.position] }), index('joint_lab_partners_entity_idx').on(t.entityId)],
);

/** International S&T organisations (and alliances, secretariats, branches) the centre hosts. */
export const hostedOrganisations = pgTable(
  'hosted_organisations',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    /** The organisation's registry record, when it has one. */
    entityId: text('entity_id').references(() => entities.id, { onDelete: 'set null' }),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    kind: text('kind').notNull(),
    field: text('field'),
    /** Countries (ISO 3166-1 alpha-2) of its members, as far as known. */
    memberCountries: text('member_countries').array().notNull().default(sql`'{}'::text[]`),
    hostedSince: text('hosted_since'),
    hostedUntil: text('hosted_until'),
    sourceNote: text('source_note'),
    isSample: boolean('is_sample').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('hosted_organisations_centre_idx').on(t.centreId), index('hosted_organisations_entity_idx').on(t.entityId)],
);

export const cooperationAgreements = pgTable(
  'cooperation_agreements',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    subject: text('subject').notNull(),
    /** YYYY-MM-DD. */
    signedOn: text('signed_on').notNull(),
    endsOn: text('ends_on'),
    sourceNote: text('source_note'),
    isSample: boolean('is_sample').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('cooperation_agreements_centre_idx').on(t.centreId, t.signedOn)],
);

export const cooperationAgreementParties = pgTable(
  'cooperation_agreement_parties',
  {
    agreementId: text('agreement_id')
      .notNull()
      .references(() => cooperationAgreements.id, { onDelete: 'cascade' }),
    ...partnerColumns(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.position] }), index('cooperation_agreement_parties_entity_idx').on(t.entityId)],
);

/** A centre's regional collaboration: its name and regions (the default is Beijing–Tianjin–Hebei, shared/cooperation-vocabulary.ts). */
export const collaborationConfigs = pgTable('collaboration_configs', {
  centreId: text('centre_id')
    .primaryKey()
    .references(() => centres.id, { onDelete: 'cascade' }),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** ISO 3166-1 alpha-2 of the centre's own country: its partners are domestic. */
  homeCountry: text('home_country').notNull().default('CN'),
  regions: jsonb('regions').$type<{ code: string; nameZh: string; nameEn: string; lon: number | null; lat: number | null }[]>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull(),
});

/** A project, technology contract or relocation from one region of the collaboration to another. */
export const regionalRecords = pgTable(
  'regional_records',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    fromRegion: text('from_region').notNull(),
    toRegion: text('to_region').notNull(),
    title: text('title').notNull(),
    /** The organisation concerned (the relocating company, the project lead, the seller): registry record or name. */
    entityId: text('entity_id').references(() => entities.id, { onDelete: 'set null' }),
    organisationName: text('organisation_name').notNull(),
    /** YYYY-MM-DD. */
    occurredOn: text('occurred_on').notNull(),
    /** Contract or investment amount in yuan, when known. */
    amount: doublePrecision('amount'),
    sourceNote: text('source_note'),
    isSample: boolean('is_sample').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('regional_records_centre_idx').on(t.centreId, t.occurredOn), index('regional_records_entity_idx').on(t.entityId)],
);
