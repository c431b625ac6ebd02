import type { TAuditEvent, TAuditQuery, TAuditVerification } from '../../../shared/schemas/audit.js';
import { listAuditEvents, verifyAuditChain, type AuditRow } from '../../../db/audit-log.js';
import type { ServiceContext } from '../../context.js';

const toEvent = ({ prevHash: _link, before, after, ...row }: AuditRow): TAuditEvent => ({ ...row, before: before ?? null, after: after ?? null });

/** A centre's admin sees that centre's events; a deployment-wide admin sees all. */
export const browseAudit = async (ctx: ServiceContext, query: TAuditQuery): Promise<{ items: TAuditEvent[]; nextBeforeSeq: number | null }> => {
  const rows = await listAuditEvents(ctx.db, { ...query, centreId: ctx.user?.centreId ?? undefined });
  const last = rows.at(-1);
  return { items: rows.map(toEvent), nextBeforeSeq: rows.length === query.limit && last ? last.seq : null };
};

export const verifyAudit = (ctx: ServiceContext): Promise<TAuditVerification> => verifyAuditChain(ctx.db);
