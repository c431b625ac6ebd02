import { appendAuditEvent } from '../db/audit-log.js';
import type { WriteTx } from '../db/tx.js';
import type { ServiceContext } from './context.js';

/**
 * The audit event of a write a request makes, appended in the write's own
 * transaction: who, when and which request come from the context, so a
 * module names only what changed.
 */
export const auditWrite = (tx: WriteTx, ctx: ServiceContext, centreId: string, action: string, entityType: string, entityId: string, before: unknown, after: unknown) =>
  appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action, entityType, entityId, centreId, before, after, requestId: ctx.requestId });
