import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ZCorrection, ZCorrectionInput } from '../../../shared/schemas/registry.js';
import { appendAuditEvent } from '../../../db/audit-log.js';
import { withWriteTx } from '../../../db/tx.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { decideCorrection, findCorrection, findEntity, insertCorrection, listCorrections, withNames, type NamedCorrectionRow } from './registry.repository.js';
import { assertCentreScope, updateEntity } from './registry.service.js';

type TCorrection = z.infer<typeof ZCorrection>;

const toCorrection = (r: NamedCorrectionRow): TCorrection => ({
  ...r,
  status: r.status as TCorrection['status'],
  createdAt: r.createdAt.toISOString(),
  decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
});

/** An enterprise or research-team member proposes a change to their own organisation's profile. */
export const proposeCorrection = async (ctx: ServiceContext, centreId: string, entityId: string, input: z.infer<typeof ZCorrectionInput>): Promise<TCorrection> => {
  const user = ctx.user;
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  if (user.organisationId !== entityId) throw new AppError('FORBIDDEN', 'You can propose corrections only to your own organisation');
  assertCentreScope(ctx, centreId);
  const entity = await findEntity(ctx.db, centreId, entityId);
  if (!entity || entity.status !== 'active') throw new AppError('NOT_FOUND', `No active record ${entityId}`);
  const row = await withWriteTx(ctx.db, async (tx) => {
    const created = await insertCorrection(tx, { id: randomUUID(), entityId, proposedBy: user.id, patch: input.patch, reason: input.reason, status: 'pending', createdAt: ctx.now });
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'correction.propose', entityType: 'correction', entityId: created.id, centreId, before: null, after: created, requestId: ctx.requestId });
    return created;
  });
  const [named] = await withNames(ctx.db, [row]);
  return toCorrection(named ?? { ...row, proposedByName: null, reviewerName: null });
};

export const listCentreCorrections = async (ctx: ServiceContext, centreId: string, status: string | undefined): Promise<TCorrection[]> => {
  assertCentreScope(ctx, centreId);
  return (await listCorrections(ctx.db, centreId, status)).map(toCorrection);
};

/** A service officer approves (the change is applied, audited as the officer's) or rejects, with a note. */
export const decideOnCorrection = async (ctx: ServiceContext, centreId: string, id: string, decision: 'approve' | 'reject', note: string | null): Promise<TCorrection> => {
  assertCentreScope(ctx, centreId);
  const correction = await findCorrection(ctx.db, id);
  const entity = correction ? await findEntity(ctx.db, centreId, correction.entityId) : undefined;
  if (!correction || !entity) throw new AppError('NOT_FOUND', `No correction ${id} in this centre`);
  if (correction.status !== 'pending') throw new AppError('CONFLICT', `This correction was already ${correction.status}`);
  const row = await withWriteTx(ctx.db, async (tx) => {
    if (decision === 'approve') await updateEntity(ctx, centreId, entity.id, { version: entity.version, ...correction.patch }, 'entity.correction_applied', tx);
    const decided = await decideCorrection(tx, id, { status: decision === 'approve' ? 'approved' : 'rejected', reviewerId: ctx.user?.id ?? null, reviewNote: note, decidedAt: ctx.now });
    if (!decided) throw new AppError('CONFLICT', 'This correction was decided meanwhile');
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: `correction.${decided.status}`, entityType: 'correction', entityId: id, centreId, before: correction, after: decided, requestId: ctx.requestId });
    return decided;
  });
  const [named] = await withNames(ctx.db, [row]);
  return toCorrection(named ?? { ...row, proposedByName: null, reviewerName: null });
};
