import { bigint, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained record of every write. `hash` covers the row's
 * content and the previous row's hash, so editing or deleting any row breaks
 * the chain (`kechuang audit verify`). A trigger (migration) refuses UPDATE and
 * DELETE; the chain catches what bypasses the trigger.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    /** ISO-8601 with milliseconds, stored as text so the hashed form is the stored form. */
    at: text('at').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    centreId: text('centre_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity_idx').on(t.entityType, t.entityId), index('audit_actor_idx').on(t.actorId)],
);
