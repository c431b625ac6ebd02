import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { FieldIssue } from '../../../shared/errors.js';
import type {
  TIndicator,
  TIndicatorFigures,
  TIndicatorInput,
  TIndicatorLevel,
  TObservation,
  TObservationInput,
  TQualifier,
  TSourceInput,
  ZIndicatorPatch,
  ZObservationPatch,
} from '../../../shared/schemas/indicators.js';
import { latestFigures, subjectCount } from '../../../core/indicators/latest.js';
import { appendAuditEvent } from '../../../db/audit-log.js';
import { indicators, observations } from '../../../db/schema/index.js';
import { withWriteTx, type ReadTx, type WriteTx } from '../../../db/tx.js';
import { assertCentreScope, type ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { citationFrom } from '../centres/citations.js';
import { findCentreRow } from '../centres/centres.repository.js';
import {
  areaExists,
  entityExists,
  findIndicatorByCode,
  findObservationCell,
  findObservationRow,
  findRootAreaId,
  findSourceRow,
  insertSource,
  listIndicatorRows,
  listObservationHeads,
  listObservationRows,
  listObservationRowsByIds,
  listSourceRowsById,
  type IndicatorRow,
  type ObservationRow,
  type SourceRow,
} from './indicators.repository.js';

/**
 * The indicator catalogue and its figures (issue 4, item 1). Reading is open
 * data; writing needs `indicators:write`, happens in one transaction and is
 * audited. A figure always names where it comes from: a document, an import
 * batch, or (once other modules derive figures) the query that computed it.
 */

const issue = (path: string, reason: string, message: string): FieldIssue => ({ in: 'body', path, reason, message });
const invalid = (fields: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', fields.map((f) => f.message).join('; '), { fields });

export const assertCentre = async (tx: ReadTx, centreId: string): Promise<void> => {
  if (!(await findCentreRow(tx, centreId))) throw new AppError('NOT_FOUND', `No centre ${centreId}`);
};

export const toObservation = (row: ObservationRow, source: SourceRow | undefined): TObservation => ({
  id: row.id,
  indicatorId: row.indicatorId,
  areaId: row.areaId ?? row.entityId ?? '',
  entityId: row.entityId,
  year: row.year,
  period: row.period,
  yearBasis: row.yearBasis,
  value: row.value,
  valueAsGiven: row.valueAsGiven,
  qualifier: row.qualifier as TQualifier,
  status: row.status as TObservation['status'],
  provenance: row.provenance as TObservation['provenance'],
  derivation: row.derivation ?? null,
  isSample: row.isSample,
  citation: citationFrom(source, row.sourceId, row.quote, row.quoteGlossEn),
});

const toIndicator = (r: IndicatorRow, observationsOf: TObservation[], counts?: FigureCounts): TIndicator => ({
  id: r.id,
  centreId: r.centreId,
  code: r.code,
  nameZh: r.nameZh,
  nameEn: r.nameEn,
  unit: r.unit,
  metricType: r.metricType,
  direction: r.direction === 1 || r.direction === -1 ? r.direction : null,
  definitionZh: r.definitionZh,
  definitionEn: r.definitionEn,
  frequency: (r.frequency as TIndicator['frequency']) ?? null,
  level: r.level as TIndicatorLevel,
  sourceId: r.sourceId,
  isSample: r.isSample,
  observations: observationsOf,
  figureCount: counts?.figureCount ?? observationsOf.length,
  subjectCount: counts?.subjectCount ?? subjectCount(observationsOf),
});

type FigureCounts = { figureCount: number; subjectCount: number };

const withObservations = async (tx: ReadTx, rows: IndicatorRow[], figures: TIndicatorFigures = 'all'): Promise<TIndicator[]> => {
  const ids = rows.map((r) => r.id);
  let obs: ObservationRow[];
  const counts = new Map<string, FigureCounts>();
  if (figures === 'latest') {
    // Choose on slim rows, then read values and provenance for the chosen few only.
    const heads = await listObservationHeads(tx, ids);
    const byIndicator = new Map<string, Exclude<typeof heads, never[]>>();
    for (const h of heads) {
      const list = byIndicator.get(h.indicatorId);
      if (list) list.push(h);
      else byIndicator.set(h.indicatorId, [h]);
    }
    const chosen: string[] = [];
    for (const [indicatorId, list] of byIndicator) {
      const typed = list.map((h) => ({ ...h, status: h.status as TObservation['status'] }));
      chosen.push(...(latestFigures(typed)?.figures.map((f) => f.id) ?? []));
      counts.set(indicatorId, { figureCount: list.length, subjectCount: subjectCount(list) });
    }
    obs = await listObservationRowsByIds(tx, chosen);
  } else {
    obs = await listObservationRows(tx, ids);
  }
  const sourceById = await listSourceRowsById(tx, obs.map((o) => o.sourceId));
  const byIndicator = new Map<string, TObservation[]>();
  for (const o of obs) {
    const list = byIndicator.get(o.indicatorId) ?? [];
    list.push(toObservation(o, sourceById.get(o.sourceId)));
    byIndicator.set(o.indicatorId, list);
  }
  return rows.map((r) => toIndicator(r, byIndicator.get(r.id) ?? [], counts.get(r.id)));
};

/** The catalogue: every indicator with every figure, or (`figures: 'latest'`) with its latest figures and the counts of the rest. */
export const listIndicators = async (tx: ReadTx, centreId: string, filter: { headlineOnly?: boolean; level?: TIndicatorLevel | undefined; figures?: TIndicatorFigures } = {}): Promise<TIndicator[]> => {
  await assertCentre(tx, centreId);
  return withObservations(tx, await listIndicatorRows(tx, centreId, { headlineOnly: filter.headlineOnly ?? false, level: filter.level }), filter.figures);
};

export const getIndicatorRow = async (tx: ReadTx, centreId: string, code: string): Promise<IndicatorRow> => {
  await assertCentre(tx, centreId);
  const row = await findIndicatorByCode(tx, centreId, code);
  if (!row) throw new AppError('NOT_FOUND', `No indicator ${code} in ${centreId}`);
  return row;
};

export const getIndicator = async (tx: ReadTx, centreId: string, code: string): Promise<TIndicator> => {
  const [indicator] = await withObservations(tx, [await getIndicatorRow(tx, centreId, code)]);
  return indicator as TIndicator;
};

/** An indicator's defining source must be one of its centre's. */
const assertDefiningSource = async (tx: ReadTx, centreId: string, sourceId: string | null | undefined): Promise<void> => {
  if (sourceId && !(await findSourceRow(tx, centreId, sourceId))) throw invalid([issue('sourceId', 'unknown_source', `no source ${sourceId}`)]);
};

export const createIndicator = async (ctx: ServiceContext, centreId: string, input: TIndicatorInput): Promise<TIndicator> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    await assertCentre(tx, centreId);
    if (await findIndicatorByCode(tx, centreId, input.code)) throw new AppError('CONFLICT', `Indicator ${input.code} exists`, { fields: [issue('code', 'duplicate_code', `indicator ${input.code} exists`)] });
    await assertDefiningSource(tx, centreId, input.sourceId);
    const [row] = await tx
      .insert(indicators)
      .values({ id: randomUUID(), centreId, ...input, metricType: null, headlineRank: null, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    const created = row as IndicatorRow;
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'indicator.create', entityType: 'indicator', entityId: created.id, centreId, before: null, after: created, requestId: ctx.requestId });
    return toIndicator(created, []);
  });
};

export const updateIndicator = async (ctx: ServiceContext, centreId: string, code: string, patch: z.infer<typeof ZIndicatorPatch>): Promise<TIndicator> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await getIndicatorRow(tx, centreId, code);
    await assertDefiningSource(tx, centreId, patch.sourceId);
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const [after] = await tx.update(indicators).set({ ...changes, updatedAt: ctx.now }).where(eq(indicators.id, before.id)).returning();
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'indicator.update', entityType: 'indicator', entityId: before.id, centreId, before, after, requestId: ctx.requestId });
    const [out] = await withObservations(tx, [after as IndicatorRow]);
    return out as TIndicator;
  });
};

/** A new source document for figures typed in or imported. */
export const createSource = async (tx: WriteTx, ctx: Pick<ServiceContext, 'now'>, centreId: string, input: TSourceInput & { kind: string; fileName?: string | null; extra?: Record<string, unknown> }): Promise<SourceRow> =>
  insertSource(tx, {
    id: randomUUID(),
    centreId,
    kind: input.kind,
    titleZh: input.titleZh ?? null,
    titleEn: input.titleEn ?? null,
    publisher: input.publisher ?? null,
    publishedOn: input.publishedOn ?? null,
    dateAsGiven: null,
    url: input.url ?? null,
    fileName: input.fileName ?? null,
    language: null,
    extra: input.extra ?? {},
    createdAt: ctx.now,
  });

/** The year a period belongs to: kept beside the period so that yearly charts and old readers still work. */
export const yearOfPeriod = (period: string): number => Number(period.slice(0, 4));

/** Check a figure's subject against the indicator's level; fill in the centre's top area when none is named. */
export const resolveSubject = async (
  tx: ReadTx,
  centreId: string,
  indicator: IndicatorRow,
  subject: { areaId?: string | null | undefined; entityId?: string | null | undefined },
): Promise<{ areaId: string | null; entityId: string | null } | FieldIssue> => {
  if (subject.entityId) {
    if (!(await entityExists(tx, centreId, subject.entityId))) return issue('entityId', 'unknown_organisation', `no active organisation ${subject.entityId}`);
    return { areaId: null, entityId: subject.entityId };
  }
  if (indicator.level === 'organisation') return issue('entityId', 'organisation_required', `${indicator.code} measures organisations: name one`);
  const areaId = subject.areaId ?? (await findRootAreaId(tx, centreId)) ?? null;
  if (!areaId || !(await areaExists(tx, centreId, areaId))) return issue('areaId', 'unknown_area', `no area ${subject.areaId ?? ''}`);
  return { areaId, entityId: null };
};

export const addObservation = async (ctx: ServiceContext, centreId: string, code: string, input: TObservationInput): Promise<TObservation> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const indicator = await getIndicatorRow(tx, centreId, code);
    const subject = await resolveSubject(tx, centreId, indicator, input);
    if ('reason' in subject) throw invalid([subject]);
    const existing = await findObservationCell(tx, { indicatorId: indicator.id, ...subject, period: input.period, status: input.status });
    if (existing) {
      throw new AppError('CONFLICT', `A ${input.status} figure for ${input.period} is recorded already`, {
        fields: [issue('period', 'duplicate_period', `${code} has a ${input.status} figure for ${input.period} already: correct that one`)],
        existingId: existing.id,
      });
    }
    let source: SourceRow | undefined;
    if (input.sourceId) {
      source = await findSourceRow(tx, centreId, input.sourceId);
      if (!source) throw invalid([issue('sourceId', 'unknown_source', `no source ${input.sourceId}`)]);
    } else if (input.source) {
      source = await createSource(tx, ctx, centreId, { ...input.source, kind: 'document' });
    }
    const [row] = await tx
      .insert(observations)
      .values({
        id: randomUUID(),
        indicatorId: indicator.id,
        ...subject,
        year: yearOfPeriod(input.period),
        yearBasis: 'stated',
        period: input.period,
        value: input.value,
        valueAsGiven: input.valueAsGiven ?? null,
        qualifier: input.qualifier,
        status: input.status,
        sourceId: (source as SourceRow).id,
        quote: input.quote ?? null,
        quoteGlossEn: null,
        provenance: 'entry',
        isSample: input.isSample,
        createdBy: ctx.user?.id ?? null,
        updatedAt: ctx.now,
      })
      .returning();
    const created = row as ObservationRow;
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'observation.create', entityType: 'observation', entityId: created.id, centreId, before: null, after: created, requestId: ctx.requestId });
    return toObservation(created, source);
  });
};

export const updateObservation = async (ctx: ServiceContext, centreId: string, id: string, patch: z.infer<typeof ZObservationPatch>): Promise<TObservation> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const found = await findObservationRow(tx, centreId, id);
    if (!found) throw new AppError('NOT_FOUND', `No figure ${id}`);
    const { indicatorCode: _code, ...before } = found;
    if (patch.status && patch.status !== before.status && before.period) {
      const clash = await findObservationCell(tx, { indicatorId: before.indicatorId, areaId: before.areaId, entityId: before.entityId, period: before.period, status: patch.status });
      if (clash) throw new AppError('CONFLICT', 'That cell has a figure already', { fields: [issue('status', 'duplicate_period', `a ${patch.status} figure for ${before.period} exists`)] });
    }
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const [after] = await tx.update(observations).set({ ...changes, updatedAt: ctx.now }).where(eq(observations.id, id)).returning();
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'observation.update', entityType: 'observation', entityId: id, centreId, before, after, requestId: ctx.requestId });
    const source = await findSourceRow(tx, centreId, (after as ObservationRow).sourceId);
    return toObservation(after as ObservationRow, source);
  });
};

export const deleteObservation = async (ctx: ServiceContext, centreId: string, id: string): Promise<void> => {
  assertCentreScope(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    const found = await findObservationRow(tx, centreId, id);
    if (!found) throw new AppError('NOT_FOUND', `No figure ${id}`);
    const { indicatorCode: _code, ...before } = found;
    await tx.delete(observations).where(eq(observations.id, id));
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'observation.delete', entityType: 'observation', entityId: id, centreId, before, after: null, requestId: ctx.requestId });
  });
};
