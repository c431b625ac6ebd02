import type { TAuditEvent, TAuditQuery, TAuditVerification } from '../../../shared/schemas/audit.js';
import { listAuditEvents, verifyAuditChain, type AuditRow } from '../../../db/audit-log.js';
import type { ServiceContext } from '../../context.js';

const toEvent = (row: AuditRow): TAuditEvent => ({
  seq: row.seq,
  at: row.at,
  actorId: row.actorId,
  actorLabel: row.actorLabel,
  action: row.action,
  entityType: row.entityType,
  entityId: row.entityId,
  centreId: row.centreId,
  before: row.before ?? null,
  after: row.after ?? null,
  requestId: row.requestId,
  hash: row.hash,
});

/** A centre's admin sees that centre's events; a deployment-wide admin sees all. */
export const browseAudit = async (ctx: ServiceContext, query: TAuditQuery): Promise<{ items: TAuditEvent[]; nextBeforeSeq: number | null }> => {
  const rows = await listAuditEvents(ctx.db, { ...query, centreId: ctx.user?.centreId ?? undefined });
  const last = rows.at(-1);
  return { items: rows.map(toEvent), nextBeforeSeq: rows.length === query.limit && last ? last.seq : null };
};

export const verifyAudit = (ctx: ServiceContext): Promise<TAuditVerification> => verifyAuditChain(ctx.db);
