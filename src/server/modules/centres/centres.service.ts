import { resolveMapArea, type AreaNode } from '../../../core/areas/area-tree.js';
import type { TArea, TAreaKind, TAreaMap, TCentre } from '../../../shared/schemas/centres.js';
import type { TAreaCounts, TDashboard } from '../../../shared/schemas/dashboard.js';
import type { TEntity, TEntityCategory, TEntityDetail, TEntityListQuery } from '../../../shared/schemas/entities.js';
import type { TCitation, TSource } from '../../../shared/schemas/sources.js';
import type { ReadTx } from '../../../db/tx.js';
import { AppError } from '../../errors.js';
import { listIndicators } from '../indicators/indicators.service.js';
import { citationOf } from './citations.js';
import {
  countCentreRecords,
  findCentreRow,
  findEntityRow,
  countActorsByArea,
  listAreaExamples,
  type ActorFilter,
  listAreaRows,
  listCentreRows,
  listCitationsWithSource,
  listEntityRows,
  listEntitySourceIds,
  listMapAreaRows,
  listSourceRows,
  type AreaRow,
  type CentreRow,
  type EntityRow,
  type ObservationRow,
  type SourceRow,
} from './centres.repository.js';

type NameStatus = TArea['nameStatus'];

const toCentre = (row: CentreRow): TCentre => ({
  id: row.id,
  nameZh: row.nameZh,
  nameEn: row.nameEn,
  shortNameZh: row.shortNameZh,
  shortNameEn: row.shortNameEn,
  timezone: row.timezone,
  defaultLocale: row.defaultLocale === 'en-US' ? 'en-US' : 'zh-CN',
  mapAreaId: row.mapAreaId,
  descriptionZh: row.descriptionZh,
  descriptionEn: row.descriptionEn,
});

const toArea = (row: Omit<AreaRow, 'geometry'> & { hasBoundary?: boolean }): TArea => ({
  id: row.id,
  centreId: row.centreId,
  parentId: row.parentId,
  kind: row.kind as TAreaKind,
  code: row.code,
  nameZh: row.nameZh,
  nameEn: row.nameEn,
  nameStatus: row.nameStatus as NameStatus,
  withinAreaIds: row.withinAreaIds,
  centroid: row.centroid ?? null,
  hasBoundary: Boolean(row.hasBoundary),
  basis: row.basis,
  sortOrder: row.sortOrder,
});

export const toEntity = (row: EntityRow, sourceIds: string[]): TEntity => ({
  id: row.id,
  centreId: row.centreId,
  category: row.category as TEntityCategory,
  kindLabel: row.kindLabel,
  nameZh: row.nameZh,
  nameEn: row.nameEn,
  nameStatus: row.nameStatus as NameStatus,
  isGeneric: row.isGeneric,
  isSample: row.isSample,
  descriptionEn: row.descriptionEn,
  areaId: row.areaId,
  areaBasis: row.areaBasis,
  sourceIds,
});

export const toSource = (row: SourceRow): TSource => ({
  id: row.id,
  centreId: row.centreId,
  kind: row.kind,
  titleZh: row.titleZh,
  titleEn: row.titleEn,
  publisher: row.publisher,
  publishedOn: row.publishedOn,
  dateAsGiven: row.dateAsGiven,
  url: row.url,
  fileName: row.fileName,
  language: row.language,
});

export const listCentres = async (tx: ReadTx): Promise<TCentre[]> => (await listCentreRows(tx)).map(toCentre);

export const getCentre = async (tx: ReadTx, centreId: string): Promise<TCentre> => {
  const row = await findCentreRow(tx, centreId);
  if (!row) throw new AppError('NOT_FOUND', `No centre ${centreId}`);
  return toCentre(row);
};

export const listAreas = async (tx: ReadTx, centreId: string): Promise<TArea[]> => {
  await getCentre(tx, centreId);
  return (await listAreaRows(tx, centreId)).map(toArea);
};

export const getAreaMap = async (tx: ReadTx, centreId: string): Promise<TAreaMap> => {
  const centre = await findCentreRow(tx, centreId);
  if (!centre) throw new AppError('NOT_FOUND', `No centre ${centreId}`);
  if (!centre.mapAreaId) return { type: 'FeatureCollection', attribution: null, features: [] };
  const rows = await listMapAreaRows(tx, centreId, centre.mapAreaId);
  return {
    type: 'FeatureCollection',
    attribution: centre.mapAttribution,
    features: rows
      .filter((r) => r.geometry)
      .map((r) => ({
        type: 'Feature' as const,
        properties: { areaId: r.id, name: r.nameZh, nameZh: r.nameZh, nameEn: r.nameEn, code: r.code },
        geometry: r.geometry as { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] },
      })),
  };
};

/** The area and every area beneath it (children, parks within a district …), for filtering by place. */
const areaAndDescendants = (areas: Omit<AreaRow, 'geometry'>[], areaId: string): string[] => {
  const out = new Set([areaId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const a of areas) {
      if (out.has(a.id)) continue;
      if ((a.parentId && out.has(a.parentId)) || a.withinAreaIds.some((w) => out.has(w))) {
        out.add(a.id);
        grew = true;
      }
    }
  }
  return [...out];
};

export const listEntities = async (tx: ReadTx, centreId: string, query: TEntityListQuery): Promise<{ items: TEntity[]; total: number }> => {
  await getCentre(tx, centreId);
  const areaIds = query.areaId ? areaAndDescendants(await listAreaRows(tx, centreId), query.areaId) : undefined;
  const { rows, total } = await listEntityRows(tx, centreId, { category: query.category, areaIds, q: query.q, limit: query.limit, offset: query.offset });
  const sourceIds = await listEntitySourceIds(tx, rows.map((r) => r.id));
  return { items: rows.map((r) => toEntity(r, sourceIds.get(r.id) ?? [])), total };
};

export const getEntity = async (tx: ReadTx, centreId: string, entityId: string): Promise<TEntityDetail> => {
  const row = await findEntityRow(tx, centreId, entityId);
  if (!row) throw new AppError('NOT_FOUND', `No entity ${entityId} in centre ${centreId}`);
  const [sourceIds, citations] = await Promise.all([listEntitySourceIds(tx, [row.id]), listCitationsWithSource(tx, 'entity', row.id)]);
  return {
    ...toEntity(row, sourceIds.get(row.id) ?? []),
    notes: row.notes,
    citations: citations.map(citationOf),
  };
};

export const listSources = async (tx: ReadTx, centreId: string): Promise<TSource[]> => {
  await getCentre(tx, centreId);
  return (await listSourceRows(tx, centreId)).map(toSource);
};

const MAP_EXAMPLES = 5;

/**
 * Actors per map area (sub-areas rolled up into the map area that holds
 * them), with a few examples each, and how many sit in no map area. Counts
 * come from entity_counts, so the home page costs the same at a million actors.
 */
export const getAreaCounts = async (tx: ReadTx, centreId: string, filter: ActorFilter): Promise<TAreaCounts> => {
  const centre = await getCentre(tx, centreId);
  return areaCountsOf(tx, centre, await listAreaRows(tx, centreId), filter);
};

/** The counts for a centre whose row and areas the caller has already read (the dashboard needs them too). */
const areaCountsOf = async (tx: ReadTx, centre: TCentre, areas: Awaited<ReturnType<typeof listAreaRows>>, filter: ActorFilter): Promise<TAreaCounts> => {
  const [counts, examples] = await Promise.all([countActorsByArea(tx, centre.id, filter), listAreaExamples(tx, centre.id, filter, MAP_EXAMPLES)]);
  const mapAreas = areas.filter((a) => a.parentId === centre.mapAreaId && a.centroid);
  const mapIds = new Set(mapAreas.map((a) => a.id));
  const nodes = new Map<string, AreaNode>(areas.map((a) => [a.id, a]));
  const perArea = new Map(mapAreas.map((a) => [a.id, { total: 0, byCategory: {} as Record<string, number>, examples: [] as TAreaCounts['areaCounts'][number]['examples'] }]));
  const perCategory = new Map<TEntityCategory, number>();
  let unplaced = 0;
  for (const { areaId, category, n } of counts) {
    perCategory.set(category as TEntityCategory, (perCategory.get(category as TEntityCategory) ?? 0) + n);
    const bucket = areaId ? perArea.get(resolveMapArea(nodes, mapIds, areaId) ?? '') : undefined;
    if (!bucket) {
      unplaced += n;
      continue;
    }
    bucket.total += n;
    bucket.byCategory[category] = (bucket.byCategory[category] ?? 0) + n;
  }
  for (const e of examples) {
    const bucket = perArea.get(resolveMapArea(nodes, mapIds, e.areaId) ?? '');
    if (bucket && bucket.examples.length < MAP_EXAMPLES) bucket.examples.push({ id: e.id, nameZh: e.nameZh, nameEn: e.nameEn, category: e.category as TEntityCategory, isSample: e.isSample });
  }
  return {
    areaCounts: mapAreas.map((a) => ({ areaId: a.id, code: a.code, nameZh: a.nameZh, nameEn: a.nameEn, centroid: a.centroid ?? null, ...(perArea.get(a.id) ?? { total: 0, byCategory: {}, examples: [] }) })),
    categoryCounts: [...perCategory.entries()].map(([category, total]) => ({ category, total })).sort((x, y) => y.total - x.total || x.category.localeCompare(y.category)),
    unplacedEntities: unplaced,
  };
};

export const getDashboard = async (tx: ReadTx, centreId: string): Promise<TDashboard> => {
  const centre = await getCentre(tx, centreId);
  const [areas, headline, counts] = await Promise.all([listAreaRows(tx, centreId), listIndicators(tx, centreId, { headlineOnly: true }), countCentreRecords(tx, centreId)]);
  const where = await areaCountsOf(tx, centre, areas, {});
  return {
    centre,
    headline,
    ...where,
    structure: {
      districts: areas.filter((a) => a.kind === 'district').length,
      scienceCities: areas.filter((a) => a.kind === 'science_city' || a.kind === 'development_area').length,
      parks: areas.filter((a) => a.kind === 'park').length,
      ...counts,
    },
  };
};
