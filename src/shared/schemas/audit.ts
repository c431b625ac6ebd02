import { z } from 'zod';

export const ZAuditEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  centreId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
  hash: z.string(),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditQuery = z.object({
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(120).optional(),
  actorId: z.string().max(120).optional(),
  action: z.string().max(80).optional(),
  /** Return events with seq below this (for paging backwards in time). */
  beforeSeq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditPage = z.object({ items: z.array(ZAuditEvent), nextBeforeSeq: z.number().int().nullable() });

export const ZAuditVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  problems: z.array(z.object({ seq: z.number().int(), problem: z.enum(['hash_mismatch', 'broken_link', 'gap']), detail: z.string() })),
});
export type TAuditVerification = z.infer<typeof ZAuditVerification>;
