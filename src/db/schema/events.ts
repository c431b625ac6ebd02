import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { achievements } from './achievements.js';
import { areas, centres } from './centres.js';
import { entities } from './entities.js';

/**
 * Events and releases (issue 9): events (the Zhongguancun Forum and others),
 * their sessions with organisers from the registry, and the achievements
 * released at an event or session. Counts by year are computed from these.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const events = pgTable(
  'events',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    /** The recurring series as named (中关村论坛 …). */
    series: text('series'),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    venue: text('venue'),
    areaId: text('area_id').references(() => areas.id, { onDelete: 'set null' }),
    /** The event's registry record, when it has one. */
    entityId: text('entity_id').references(() => entities.id, { onDelete: 'set null' }),
    isSample: boolean('is_sample').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('events_centre_idx').on(t.centreId, t.startsOn)],
);

export const eventSessions = pgTable(
  'event_sessions',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en'),
    heldOn: text('held_on').notNull(),
    venue: text('venue'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('event_sessions_event_idx').on(t.eventId, t.heldOn)],
);

export const eventSessionOrganisers = pgTable(
  'event_session_organisers',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => eventSessions.id, { onDelete: 'cascade' }),
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.entityId] }), index('event_session_organisers_entity_idx').on(t.entityId)],
);

export const eventReleases = pgTable(
  'event_releases',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    sessionId: text('session_id').references(() => eventSessions.id, { onDelete: 'set null' }),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en'),
    releasedOn: text('released_on').notNull(),
    achievementId: text('achievement_id').references(() => achievements.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('event_releases_event_idx').on(t.eventId), index('event_releases_achievement_idx').on(t.achievementId)],
);

export const eventReleaseOrganisations = pgTable(
  'event_release_organisations',
  {
    releaseId: text('release_id')
      .notNull()
      .references(() => eventReleases.id, { onDelete: 'cascade' }),
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.entityId] }), index('event_release_organisations_entity_idx').on(t.entityId)],
);
