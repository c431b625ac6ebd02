import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { z } from 'zod';
import { buildFiguresDataset, type Figure, type FigureUnit } from '../../../core/evaluation/index.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { TDataset, ZDatasetFromFigures } from '../../../shared/schemas/evaluation.js';
import { areas, entities, indicators, observations } from '../../../db/schema/index.js';
import { asReadTx, type ReadTx } from '../../../db/tx.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { assertCentre, storeDataset } from './evaluation.service.js';

/**
 * Evaluate the centre's own districts, parks or organisations: a dataset whose
 * cells are the catalogue's figures for one period, each cell keeping the id
 * of the figure it holds. From there it is an ordinary dataset: runs,
 * frameworks and sensitivity analyses work on it unchanged.
 */

type Body = z.output<typeof ZDatasetFromFigures>;

const issue = (path: string, reason: string, message: string): FieldIssue => ({ in: 'body', path, reason, message });

/** The units of a level: every active area of that kind, or the organisations with figures for these indicators. */
const unitsOf = async (tx: ReadTx, centreId: string, level: Body['level'], indicatorIds: string[], period: string): Promise<FigureUnit[]> => {
  if (level !== 'organisation') {
    const rows = await tx
      .select({ id: areas.id, nameZh: areas.nameZh, nameEn: areas.nameEn })
      .from(areas)
      .where(and(eq(areas.centreId, centreId), eq(areas.kind, level), eq(areas.isActive, true)))
      .orderBy(asc(areas.sortOrder), asc(areas.id));
    return rows.map((r) => ({ code: r.id, name: r.nameZh || r.nameEn }));
  }
  const rows = await tx
    .selectDistinct({ id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn })
    .from(observations)
    .innerJoin(entities, eq(entities.id, observations.entityId))
    .where(and(inArray(observations.indicatorId, indicatorIds), eq(observations.period, period), eq(entities.status, 'active')))
    .orderBy(asc(entities.id));
  return rows.map((r) => ({ code: r.id, name: r.nameZh ?? r.nameEn ?? r.id }));
};

export const createDatasetFromFigures = async (ctx: ServiceContext, centreId: string, body: Body): Promise<TDataset> => {
  assertCentre(ctx, centreId);
  const tx = asReadTx(ctx.db);
  const codes = body.indicators.map((i) => i.code);
  const problems: FieldIssue[] = [];
  codes.forEach((code, n) => {
    if (codes.indexOf(code) !== n) problems.push(issue(`indicators.${n}.code`, 'duplicate_indicator', `${code} is listed twice`));
  });
  const rows = await tx.select().from(indicators).where(and(eq(indicators.centreId, centreId), inArray(indicators.code, codes)));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  codes.forEach((code, n) => {
    if (!byCode.has(code)) problems.push(issue(`indicators.${n}.code`, 'unknown_indicator', `no indicator ${code}`));
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), { fields: problems });

  const indicatorIds = rows.map((r) => r.id);
  const units = await unitsOf(tx, centreId, body.level, indicatorIds, body.period);
  const statuses = body.includeEstimated ? ['measured', 'estimated'] : ['measured'];
  const unitIds = units.map((u) => u.code);
  const found = unitIds.length
    ? await tx
        .select()
        .from(observations)
        .where(
          and(
            inArray(observations.indicatorId, indicatorIds),
            eq(observations.period, body.period),
            inArray(observations.status, statuses),
            isNotNull(observations.value),
            body.level === 'organisation' ? inArray(observations.entityId, unitIds) : inArray(observations.areaId, unitIds),
          ),
        )
        .orderBy(asc(observations.id))
    : [];
  const codeOfId = new Map(rows.map((r) => [r.id, r.code]));
  const figures: Figure[] = found.map((o) => ({
    unitCode: (body.level === 'organisation' ? o.entityId : o.areaId) as string,
    indicatorCode: codeOfId.get(o.indicatorId) as string,
    value: o.value as number,
    figureId: o.id,
    preferred: o.status === 'measured',
  }));
  const built = buildFiguresDataset(
    units,
    body.indicators.map((i) => {
      const row = byCode.get(i.code) as (typeof rows)[number];
      return { code: i.code, name: row.nameZh ?? row.nameEn, unit: row.unit ?? '', direction: i.direction ?? (row.direction === -1 ? -1 : 1), weight: i.weight, pillar: i.pillar };
    }),
    figures,
    body.name,
  );
  if (built.filledCells === 0) {
    throw new AppError('VALIDATION_FAILED', `No ${statuses.join(' or ')} figures for ${body.period} at ${body.level} level`, { fields: [issue('period', 'no_figures', `no figures for ${body.period}`)] });
  }
  const usedIds = new Set(Object.values(built.cells).flatMap((c) => Object.values(c)));
  const sample = rows.some((r) => r.isSample) || found.some((o) => usedIds.has(o.id) && o.isSample);
  return storeDataset(ctx, centreId, {
    name: body.name,
    description: body.description,
    isExample: false,
    data: built.dataCsv,
    meta: built.metaCsv,
    origin: { kind: 'figures', level: body.level, period: body.period, includeEstimated: body.includeEstimated, indicators: codes, sample, filledCells: built.filledCells, emptyCells: built.emptyCells },
    cellSources: built.cells,
  });
};
