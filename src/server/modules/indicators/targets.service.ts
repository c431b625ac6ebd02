import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { assessProgress, type Assessment, type Comparison } from '../../../core/targets/progress.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { TTarget, TTargetInput } from '../../../shared/schemas/indicators.js';
import { appendAuditEvent } from '../../../db/audit-log.js';
import { indicators, targets } from '../../../db/schema/index.js';
import { withWriteTx, type ReadTx, type WriteTx } from '../../../db/tx.js';
import { assertCentreScope, type ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { citationFrom } from '../centres/citations.js';
import { findIndicatorByCode, findSourceRow, findTargetRow, listObservationRows, listSourceRowsById, listTargetRows, type IndicatorRow, type ObservationRow, type TargetRow } from './indicators.repository.js';
import { assertCentre, resolveSubject } from './indicators.service.js';

/**
 * Targets and their progress. Progress is never stored: it is computed from
 * the indicator's measured and estimated figures for the target's subject
 * each time, so a new figure moves every target that depends on it.
 */

/** Today as a time in years, the unit the progress engine projects in. */
export const yearTime = (now: Date): number => {
  const start = Date.UTC(now.getUTCFullYear(), 0, 1);
  const end = Date.UTC(now.getUTCFullYear() + 1, 0, 1);
  return now.getUTCFullYear() + (now.getTime() - start) / (end - start);
};

const figuresFor = (target: TargetRow, obs: readonly ObservationRow[]) =>
  obs
    .filter((o) => o.indicatorId === target.indicatorId && o.areaId === target.areaId && o.entityId === target.entityId)
    .filter((o) => (o.status === 'measured' || o.status === 'estimated') && o.period !== null && o.value !== null)
    .map((o) => ({ period: o.period as string, value: o.value as number }));

const toTargets = async (tx: ReadTx, rows: TargetRow[], now: Date): Promise<TTarget[]> => {
  const indicatorIds = [...new Set(rows.map((r) => r.indicatorId).filter((id): id is string => id !== null))];
  const [obs, indicatorRows] = await Promise.all([
    listObservationRows(tx, indicatorIds),
    indicatorIds.length ? tx.select().from(indicators).where(inArray(indicators.id, indicatorIds)) : Promise.resolve([] as IndicatorRow[]),
  ]);
  const indicatorById = new Map(indicatorRows.map((r) => [r.id, r]));
  const sourceById = await listSourceRowsById(tx, rows.map((r) => r.sourceId).filter((id): id is string => id !== null));
  const t = yearTime(now);
  return rows.map((r) => {
    const indicator = r.indicatorId ? indicatorById.get(r.indicatorId) : undefined;
    return {
      id: r.id,
      centreId: r.centreId,
      code: r.code,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      description: r.description,
      indicatorId: r.indicatorId,
      indicatorCode: indicator?.code ?? null,
      areaId: r.areaId,
      entityId: r.entityId,
      comparison: (r.comparison as Comparison | null) ?? null,
      targetValue: r.targetValue,
      unit: indicator?.unit ?? null,
      baselineValue: r.baselineValue,
      baselinePeriod: r.baselinePeriod,
      deadline: r.deadline,
      assessment: (r.assessment as Assessment | null) ?? null,
      assessmentNote: r.assessmentNote,
      isSample: r.isSample,
      citation: r.sourceId ? citationFrom(sourceById.get(r.sourceId), r.sourceId, r.quote, r.quoteGlossEn) : null,
      progress: assessProgress(
        { comparison: (r.comparison as Comparison | null) ?? null, targetValue: r.targetValue, baselineValue: r.baselineValue, baselinePeriod: r.baselinePeriod, deadline: r.deadline, assessment: (r.assessment as Assessment | null) ?? null },
        figuresFor(r, obs),
        t,
      ),
    };
  });
};

export const listTargets = async (tx: ReadTx, centreId: string, now: Date, indicatorId?: string): Promise<TTarget[]> => {
  await assertCentre(tx, centreId);
  return toTargets(tx, await listTargetRows(tx, centreId, indicatorId), now);
};

const issue = (path: string, reason: string, message: string): FieldIssue => ({ in: 'body', path, reason, message });

/** Resolve a target's indicator, subject and source; every problem is a field issue. */
const resolveTarget = async (tx: ReadTx, centreId: string, input: TTargetInput) => {
  const problems: FieldIssue[] = [];
  let indicator: IndicatorRow | undefined;
  if (input.indicatorCode) {
    indicator = await findIndicatorByCode(tx, centreId, input.indicatorCode);
    if (!indicator) problems.push(issue('indicatorCode', 'unknown_indicator', `no indicator ${input.indicatorCode}`));
  }
  let subject: { areaId: string | null; entityId: string | null } = { areaId: input.areaId ?? null, entityId: input.entityId ?? null };
  if (indicator) {
    const resolved = await resolveSubject(tx, centreId, indicator, input);
    if ('reason' in resolved) problems.push(resolved);
    else subject = resolved;
  }
  if (input.sourceId && !(await findSourceRow(tx, centreId, input.sourceId))) problems.push(issue('sourceId', 'unknown_source', `no source ${input.sourceId}`));
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), { fields: problems });
  return { indicatorId: indicator?.id ?? null, ...subject };
};

const rowValues = (input: TTargetInput, resolved: { indicatorId: string | null; areaId: string | null; entityId: string | null }) => ({
  code: input.code,
  nameZh: input.nameZh ?? null,
  nameEn: input.nameEn,
  description: input.description ?? null,
  ...resolved,
  comparison: input.comparison ?? null,
  targetValue: input.targetValue ?? null,
  baselineValue: input.baselineValue ?? null,
  baselinePeriod: input.baselinePeriod ?? null,
  deadline: input.deadline ?? null,
  assessment: input.assessment ?? null,
  assessmentNote: input.assessmentNote ?? null,
  sourceId: input.sourceId ?? null,
  quote: input.quote ?? null,
  isSample: input.isSample,
});

const one = async (tx: WriteTx, row: TargetRow, now: Date): Promise<TTarget> => (await toTargets(tx, [row], now))[0] as TTarget;

export const createTarget = async (ctx: ServiceContext, centreId: string, input: TTargetInput): Promise<TTarget> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    await assertCentre(tx, centreId);
    const clash = (await listTargetRows(tx, centreId)).some((t) => t.code === input.code);
    if (clash) throw new AppError('CONFLICT', `Target ${input.code} exists`, { fields: [issue('code', 'duplicate_code', `target ${input.code} exists`)] });
    const resolved = await resolveTarget(tx, centreId, input);
    const [row] = await tx
      .insert(targets)
      .values({ id: randomUUID(), centreId, ...rowValues(input, resolved), quoteGlossEn: null, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'target.create', entityType: 'target', entityId: (row as TargetRow).id, centreId, before: null, after: row, requestId: ctx.requestId });
    return one(tx, row as TargetRow, ctx.now);
  });
};

/** Replace a target's definition (the whole input, as the form sends it); the code stays. */
export const updateTarget = async (ctx: ServiceContext, centreId: string, id: string, input: TTargetInput): Promise<TTarget> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await findTargetRow(tx, centreId, id);
    if (!before) throw new AppError('NOT_FOUND', `No target ${id}`);
    if (input.code !== before.code) throw new AppError('VALIDATION_FAILED', 'A target keeps its code', { fields: [issue('code', 'immutable', 'the code cannot change')] });
    const resolved = await resolveTarget(tx, centreId, input);
    const [after] = await tx
      .update(targets)
      .set({ ...rowValues(input, resolved), updatedAt: ctx.now })
      .where(eq(targets.id, id))
      .returning();
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'target.update', entityType: 'target', entityId: id, centreId, before, after, requestId: ctx.requestId });
    return one(tx, after as TargetRow, ctx.now);
  });
};

export const deleteTarget = async (ctx: ServiceContext, centreId: string, id: string): Promise<void> => {
  assertCentreScope(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    const before = await findTargetRow(tx, centreId, id);
    if (!before) throw new AppError('NOT_FOUND', `No target ${id}`);
    await tx.delete(targets).where(eq(targets.id, id));
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'target.delete', entityType: 'target', entityId: id, centreId, before, after: null, requestId: ctx.requestId });
  });
};
