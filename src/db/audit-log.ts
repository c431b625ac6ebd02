import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, lt, sql, type SQL } from 'drizzle-orm';
import type { DbExecutor } from './client.js';
import { auditEvents } from './schema/audit.js';
import type { ReadTx, WriteTx } from './tx.js';

/** Who did something: a signed-in user, or the system (seeding, CLI, jobs). */
export type Actor =
  | { kind: 'user'; userId: string; label: string }
  | { kind: 'system'; label: string };

export type AuditInput = {
  actor: Actor;
  at: Date;
  action: string;
  entityType: string;
  entityId: string;
  centreId: string | null;
  before: unknown;
  after: unknown;
  requestId?: string | null;
};

export const GENESIS_HASH = '0'.repeat(64);
/** Serialises appends across connections, so each row links to the one before. */
const AUDIT_LOCK_KEY = 7_305_001;

/** JSON with sorted keys: the same value always hashes the same, whatever jsonb does to key order. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

/** Dates become ISO strings, undefined fields vanish: the stored form is the hashed form. */
const toJsonValue = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

type HashedFields = {
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  centreId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
};

export const hashAuditRow = (prevHash: string, row: HashedFields): string =>
  createHash('sha256').update(prevHash).update('\n').update(canonicalJson(row)).digest('hex');

/** Append one event inside the caller's transaction; it lands or rolls back with the write it records. */
export const appendAuditEvent = async (tx: WriteTx, input: AuditInput): Promise<{ seq: number; hash: string }> => {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: HashedFields = {
    seq: (last?.seq ?? 0) + 1,
    at: input.at.toISOString(),
    actorId: input.actor.kind === 'user' ? input.actor.userId : null,
    actorLabel: input.actor.label,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    centreId: input.centreId,
    before: toJsonValue(input.before),
    after: toJsonValue(input.after),
    requestId: input.requestId ?? null,
  };
  const hash = hashAuditRow(prevHash, fields);
  await tx.insert(auditEvents).values({ ...fields, prevHash, hash });
  return { seq: fields.seq, hash };
};

export type AuditRow = typeof auditEvents.$inferSelect;

export type AuditFilter = {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  centreId?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
};

export const listAuditEvents = async (tx: ReadTx, filter: AuditFilter): Promise<AuditRow[]> => {
  const conditions: SQL[] = [];
  if (filter.entityType) conditions.push(eq(auditEvents.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditEvents.entityId, filter.entityId));
  if (filter.actorId) conditions.push(eq(auditEvents.actorId, filter.actorId));
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.centreId) conditions.push(eq(auditEvents.centreId, filter.centreId));
  if (filter.beforeSeq) conditions.push(lt(auditEvents.seq, filter.beforeSeq));
  return tx
    .select()
    .from(auditEvents)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.seq))
    .limit(filter.limit);
};

export type ChainProblem = { seq: number; problem: 'hash_mismatch' | 'broken_link' | 'gap'; detail: string };
export type ChainVerification = { ok: boolean; checked: number; problems: ChainProblem[] };

/**
 * Walk the whole chain in seq order, in pages. A modified row fails its hash;
 * a deleted row leaves a gap in seq and a link that points at nothing.
 */
export const verifyAuditChain = async (
  db: ReadTx | DbExecutor,
  onProgress?: (checked: number) => void,
  pageSize = 5_000,
): Promise<ChainVerification> => {
  const problems: ChainProblem[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let afterSeq = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, afterSeq))
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    if (page.length === 0) break;
    for (const row of page) {
      if (row.seq !== expectedSeq) {
        problems.push({ seq: row.seq, problem: 'gap', detail: `expected seq ${expectedSeq}, found ${row.seq}` });
      }
      if (row.prevHash !== prevHash) {
        problems.push({ seq: row.seq, problem: 'broken_link', detail: 'prev_hash does not match the preceding row' });
      }
      const recomputed = hashAuditRow(row.prevHash, {
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
      });
      if (recomputed !== row.hash) {
        problems.push({ seq: row.seq, problem: 'hash_mismatch', detail: 'row content does not match its hash' });
      }
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      afterSeq = row.seq;
      checked++;
    }
    onProgress?.(checked);
  }
  return { ok: problems.length === 0, checked, problems };
};
