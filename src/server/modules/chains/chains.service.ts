import { isOrganisationCategory } from '../../../shared/schemas/entities.js';
import { randomUUID } from 'node:crypto';
import { analyseChain, cellOf, DEFAULT_CHAIN_OPTIONS, DEFAULT_CHOKEPOINT_WEIGHTS, diffChains, documentFromSheets, exposureOf, normaliseWeights, sheetsFromDocument, type ChainMap, type ChokepointWeights, type InnovationCapacity, type Removal, type SupplyRelation } from '../../../core/chains/index.js';
import { normaliseIpcPrefix } from '../../../core/patents/ipc.js';
import type { ChainMapContent, ChainSupplySnapshot } from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';
import { withWriteTx } from '../../../db/tx.js';
import { roleHasPermission } from '../../../shared/access.js';
import { CHAIN_DOCUMENT_FORMAT, CHAIN_INNOVATION_ENTITY_KINDS, type CHAIN_PLACEMENT_ROLES } from '../../../shared/chains-vocabulary.js';
import type { FieldIssue } from '../../../shared/errors.js';
import { ZChainImport } from '../../../shared/schemas/chains.js';
import type { TChainNode, TChainAnalytics, TChainDocument, TChainImport, TChainInnovationInput, TChainMapInput, TChainMapView, TChainPlacement, TChainSupply, TChainSupplyInput, TChainVersionInput } from '../../../shared/schemas/chains.js';
import { assertCentreScope, type ServiceContext, type SessionUser } from '../../context.js';
import { AppError, bodyIssue as issue, invalidBody as invalid, staleVersion as stale } from '../../errors.js';
import { auditWrite as audit } from '../../audit.js';
import { createCallInTx } from '../calls/calls.service.js';
import { getCentre } from '../centres/centres.service.js';
import { readWorkbook, writeWorkbook } from '../../tabular.js';
import { CHAIN_TEMPLATES } from './chain-templates.js';
import * as repo from './chains.repository.js';
import type { MapRow, SupplyRow, VersionHead as VersionRow } from './chains.repository.js';

/**
 * Three-chain linkage over the registry (issue 8). Map structure and the
 * aggregate analytics are open data; a supply row naming its supplier is
 * seen only by the centre's officers and analysts and by that supplier's own
 * members, while rows without a supplier (outside sources, an enterprise's
 * aggregated shares) are public. Every write is one transaction with its
 * audit event.
 */

type Warning = { path: string; reason: string; message: string; nodes?: string[] };

const inCentre = (user: SessionUser, centreId: string): boolean => user.centreId === null || user.centreId === centreId;
const canManage = (user: SessionUser | null, centreId: string): boolean => !!user && roleHasPermission(user.role, 'chains:manage') && inCentre(user, centreId);
/** Who sees a supply row that names its supplier. */
const canSeeSupplier = (user: SessionUser | null, centreId: string, supplierId: string | null): boolean =>
  supplierId === null || (!!user && inCentre(user, centreId) && (roleHasPermission(user.role, 'centre:read') || user.organisationId === supplierId));

const requireManager = (ctx: ServiceContext, centreId: string): SessionUser => {
  assertCentreScope(ctx, centreId);
  if (!canManage(ctx.user, centreId)) throw new AppError('FORBIDDEN', 'Only officers and analysts edit chain maps');
  return ctx.user as SessionUser;
};

const SHARE_TOLERANCE = 1e-9;

// ---------------------------------------------------------------- checks on a whole map

/** Nodes on a cycle or between two (left over when both upstream and downstream peeling stop). */
const cycleNodes = (ids: readonly string[], links: readonly { from: string; to: string }[]): string[] => {
  const peel = (forward: boolean): Set<string> => {
    const indeg = new Map(ids.map((id) => [id, 0]));
    const next = new Map<string, string[]>();
    for (const l of links) {
      const [a, b] = forward ? [l.from, l.to] : [l.to, l.from];
      if (!indeg.has(a) || !indeg.has(b)) continue;
      indeg.set(b, (indeg.get(b) ?? 0) + 1);
      next.set(a, [...(next.get(a) ?? []), b]);
    }
    const queue = ids.filter((id) => indeg.get(id) === 0);
    const done = new Set(queue);
    while (queue.length) {
      const u = queue.pop() as string;
      for (const v of next.get(u) ?? []) {
        const d = (indeg.get(v) as number) - 1;
        indeg.set(v, d);
        if (d === 0 && !done.has(v)) (done.add(v), queue.push(v));
      }
    }
    return new Set(ids.filter((id) => !done.has(id)));
  };
  const fwd = peel(true);
  if (fwd.size === 0) return [];
  const back = peel(false);
  return [...fwd].filter((id) => back.has(id)).sort();
};

/** Duplicate node ids and links whose ends are not nodes are refused; cycles are allowed and reported. */
const checkStructure = (content: { nodes: readonly { id: string }[]; links: readonly { from: string; to: string }[] }): { issues: FieldIssue[]; warnings: Warning[] } => {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  content.nodes.forEach((n, i) => {
    if (seen.has(n.id)) issues.push(issue(`nodes.${i}.id`, 'duplicate_node', `node id ${n.id} is used twice`));
    seen.add(n.id);
  });
  const linkSeen = new Set<string>();
  content.links.forEach((l, i) => {
    if (!seen.has(l.from)) issues.push(issue(`links.${i}.from`, 'unknown_node', `no node ${l.from} in the map`));
    if (!seen.has(l.to)) issues.push(issue(`links.${i}.to`, 'unknown_node', `no node ${l.to} in the map`));
    if (l.from === l.to) issues.push(issue(`links.${i}.to`, 'self_link', 'a node cannot supply itself'));
    const key = `${l.from}→${l.to}`;
    if (linkSeen.has(key)) issues.push(issue(`links.${i}`, 'duplicate_link', `the link ${key} is listed twice`));
    linkSeen.add(key);
  });
  const warnings: Warning[] = [];
  if (issues.length === 0) {
    const cyclic = cycleNodes(
      content.nodes.map((n) => n.id),
      content.links,
    );
    if (cyclic.length) warnings.push({ path: 'links', reason: 'cycle', message: 'these nodes supply each other in a loop (allowed: the what-if settles on loops)', nodes: cyclic });
  }
  return { issues, warnings };
};

const contentOf = (input: { nodes: ChainMapContent['nodes']; links: ChainMapContent['links']; weights: ChainMapContent['weights'] }): ChainMapContent => ({ nodes: input.nodes, links: input.links, weights: input.weights });

// ---------------------------------------------------------------- supply rows

type ResolvedSupply = { supplierId: string | null; region: string; country: string; local: boolean };

/**
 * Where a supply comes from: a named supplier's place comes from the registry
 * (an organisation with an area of the centre is local, in the centre's
 * province) unless given; an outside source names its region and country.
 */
const resolveSupply = async (tx: ReadTx, centreId: string, home: string | null, input: { supplierId: string | null; region: string | null; country: string | null; local: boolean | null; confidentialAggregate: boolean }, at: string): Promise<{ value?: ResolvedSupply; issues: FieldIssue[] }> => {
  const p = (f: string) => (at ? `${at}.${f}` : f);
  const issues: FieldIssue[] = [];
  let region = input.region;
  let country = input.country;
  let local = input.local;
  if (input.supplierId) {
    if (input.confidentialAggregate) issues.push(issue(p('confidentialAggregate'), 'aggregate_names_supplier', 'an aggregated share names no supplier'));
    const [e] = await repo.findEntities(tx, [input.supplierId]);
    if (!e || e.centreId !== centreId || e.status !== 'active') return { issues: [...issues, issue(p('supplierId'), 'not_found', `no active registry record ${input.supplierId} in this centre`)] };
    if (!isOrganisationCategory(e.category)) return { issues: [...issues, issue(p('supplierId'), 'not_an_organisation', 'a supplier is an organisation')] };
    const located = e.areaId !== null && home !== null;
    country ??= located ? 'CN' : null;
    region ??= located ? home : null;
    local ??= located && region === home && country === 'CN';
    if (!region || !country) issues.push(issue(p('region'), 'location_unknown', 'the registry has no location for this supplier: give its region and country'));
  } else {
    if (!region) issues.push(issue(p('region'), 'required', 'an outside source names its region (province code or "abroad")'));
    if (!country) issues.push(issue(p('country'), 'required', 'an outside source names its country'));
    local ??= home !== null && region === home && country === 'CN';
  }
  if (region && country && (region === 'abroad') !== (country !== 'CN')) issues.push(issue(p('region'), 'region_country_mismatch', 'a province code goes with CN, "abroad" with any other country'));
  if (local && country !== null && country !== 'CN') issues.push(issue(p('local'), 'local_abroad', 'a source abroad is not local'));
  if (issues.length || !region || !country) return { issues };
  return { value: { supplierId: input.supplierId, region, country, local: local ?? false }, issues };
};

const relationOf = (s: ChainSupplySnapshot): SupplyRelation => ({ nodeId: s.nodeId, supplierId: s.supplierId, region: s.region, country: s.country, local: s.local, share: s.share });

/** A version's supply: the live rows for the newest version, otherwise the rows frozen when the next one was saved. */
const suppliesOfVersion = async (tx: ReadTx, map: MapRow, version: number): Promise<ChainSupplySnapshot[]> => {
  if (version === map.latestVersion) return repo.supplyRelations(tx, map.id);
  return repo.suppliesSavedWith(tx, map.id, version + 1);
};

/** Only the supply a removal takes: a what-if needs no other row (exposure starts where supply is lost). */
const suppliesRemovedBy = async (tx: ReadTx, map: MapRow, version: number, removal: Removal): Promise<ChainSupplySnapshot[]> => {
  if (version === map.latestVersion) return repo.supplyRelations(tx, map.id, removal.kind === 'supplier' ? { supplierId: removal.supplierId } : removal.kind === 'country' ? { country: removal.country } : { country: removal.country, region: removal.region });
  const all = await repo.suppliesSavedWith(tx, map.id, version + 1);
  return all.filter((s) => (removal.kind === 'supplier' ? s.supplierId === removal.supplierId : s.country === removal.country && (removal.kind === 'country' || s.region === removal.region)));
};

// ---------------------------------------------------------------- loading

const findMapOr404 = async (tx: ReadTx, centreId: string, mapId: string): Promise<MapRow> => {
  const map = await repo.findMap(tx, centreId, mapId);
  if (!map) throw new AppError('NOT_FOUND', `No chain map ${mapId}`);
  return map;
};
const findVersionOr404 = async (tx: ReadTx, map: MapRow, version?: number): Promise<VersionRow> => {
  const v = await repo.findVersion(tx, map.id, version ?? map.latestVersion);
  if (!v) throw new AppError('NOT_FOUND', `Chain map ${map.id} has no version ${version}`);
  return v;
};
const nodesView = (c: ChainMapContent) => c.nodes.map((n) => ({ ...n, kind: n.kind as TChainNode['kind'], layer: n.layer ?? null }));
const nodeIdsOf = (v: VersionRow): Set<string> => new Set(v.content.nodes.map((n) => n.id));

const summary = (m: MapRow) => ({ id: m.id, centreId: m.centreId, clusterCode: m.clusterCode, nameZh: m.nameZh, nameEn: m.nameEn, isTemplate: m.isTemplate, templateCode: m.templateCode, isSample: m.isSample, latestVersion: m.latestVersion, createdAt: m.createdAt, updatedAt: m.updatedAt });

export const listMaps = async (ctx: ServiceContext, centreId: string) => {
  await getCentre(ctx.db, centreId);
  return (await repo.listMaps(ctx.db, centreId)).map(summary);
};

const placementsView = async (tx: ReadTx, mapId: string, nodes: Set<string>): Promise<TChainPlacement[]> =>
  (await repo.listPlacements(tx, mapId))
    .filter((r) => nodes.has(r.p.nodeId))
    .map(({ p, e, areaNameZh, areaNameEn }) => ({
      id: p.id,
      nodeId: p.nodeId,
      entity: { id: e.id, nameZh: e.nameZh, nameEn: e.nameEn, category: e.category, kind: e.kind },
      role: p.role as (typeof CHAIN_PLACEMENT_ROLES)[number],
      capacityNote: p.capacityNote,
      capacityValue: p.capacityValue,
      capacityUnit: p.capacityUnit,
      location: { areaId: e.areaId, areaNameZh, areaNameEn, address: e.address, lon: e.lon, lat: e.lat },
      version: p.version,
    }));

const innovationView = async (tx: ReadTx, centreId: string, mapId: string, nodes: Set<string>) => {
  const rows = (await repo.listInnovation(tx, mapId)).filter((r) => nodes.has(r.l.nodeId));
  const counts = await repo.patentCounts(tx, centreId, rows.flatMap((r) => (r.l.ipcPrefix ? [r.l.ipcPrefix] : [])));
  return rows.map(({ l, nameZh, nameEn }) => ({
    id: l.id,
    nodeId: l.nodeId,
    kind: l.kind as TChainInnovationInput['kind'],
    entity: l.entityId ? { id: l.entityId, nameZh, nameEn: nameEn ?? l.entityId } : null,
    refId: l.refId,
    ipcPrefix: l.ipcPrefix,
    patents: l.ipcPrefix ? (counts.get(l.ipcPrefix) ?? 0) : null,
    note: l.note,
  }));
};

export const getMap = async (ctx: ServiceContext, centreId: string, mapId: string, version?: number): Promise<TChainMapView> => {
  const map = await findMapOr404(ctx.db, centreId, mapId);
  const v = await findVersionOr404(ctx.db, map, version);
  const nodes = nodeIdsOf(v);
  const [placements, innovationLinks] = [await placementsView(ctx.db, map.id, nodes), await innovationView(ctx.db, centreId, map.id, nodes)];
  return {
    ...summary(map),
    version: { version: v.version, note: v.note, createdAt: v.createdAt, createdBy: v.createdBy },
    nodes: nodesView(v.content),
    links: v.content.links,
    weights: v.content.weights,
    placements,
    innovationLinks,
    warnings: checkStructure(v.content).warnings,
  };
};

// ---------------------------------------------------------------- maps and versions

const insertMapWithVersion = async (tx: WriteTx, ctx: ServiceContext, centreId: string, fields: { clusterCode: string; nameZh: string | null; nameEn: string; isTemplate: boolean; templateCode: string | null; isSample: boolean }, content: ChainMapContent, note: string | null): Promise<MapRow> => {
  const map = await repo.insertMap(tx, { id: randomUUID(), centreId, ...fields, latestVersion: 1, createdBy: ctx.user?.id ?? null, createdAt: ctx.now, updatedAt: ctx.now });
  await repo.insertVersion(tx, { id: randomUUID(), mapId: map.id, version: 1, content, suppliesAtSave: null, note, createdBy: ctx.user?.id ?? null, createdAt: ctx.now });
  return map;
};

export const createMap = async (ctx: ServiceContext, centreId: string, input: TChainMapInput) => {
  requireManager(ctx, centreId);
  const { issues, warnings } = checkStructure(input);
  if (issues.length) throw invalid(issues);
  return withWriteTx(ctx.db, async (tx) => {
    await getCentre(tx, centreId);
    const map = await insertMapWithVersion(tx, ctx, centreId, { clusterCode: input.clusterCode, nameZh: input.nameZh, nameEn: input.nameEn, isTemplate: false, templateCode: null, isSample: input.isSample }, contentOf(input), input.note);
    await audit(tx, ctx, centreId, 'chain_map.create', 'chain_map', map.id, null, { ...map, content: contentOf(input) });
    return { id: map.id, version: 1, warnings };
  });
};

export const createFromTemplate = async (ctx: ServiceContext, centreId: string, code: string, input: { isSample: boolean }) => {
  requireManager(ctx, centreId);
  const template = CHAIN_TEMPLATES[code];
  if (!template) throw new AppError('NOT_FOUND', `No chain template ${code}`);
  return withWriteTx(ctx.db, async (tx) => {
    await getCentre(tx, centreId);
    const content: ChainMapContent = { nodes: template.nodes, links: template.links, weights: null };
    const map = await insertMapWithVersion(tx, ctx, centreId, { clusterCode: template.clusterCode, nameZh: template.nameZh, nameEn: template.nameEn, isTemplate: true, templateCode: template.code, isSample: input.isSample }, content, 'From the platform template (general domain knowledge)');
    await audit(tx, ctx, centreId, 'chain_map.create_from_template', 'chain_map', map.id, null, { ...map, templateCode: code });
    return { id: map.id, version: 1, warnings: [] as Warning[] };
  });
};

export const saveVersion = async (ctx: ServiceContext, centreId: string, mapId: string, input: TChainVersionInput) => {
  requireManager(ctx, centreId);
  const { issues, warnings } = checkStructure(input);
  if (issues.length) throw invalid(issues);
  return withWriteTx(ctx.db, async (tx) => {
    const map = await findMapOr404(tx, centreId, mapId);
    if (map.latestVersion !== input.version) throw stale('The chain map');
    const live = await repo.supplyRelations(tx, map.id);
    const advanced = await repo.advanceMap(tx, map.id, input.version, ctx.now);
    if (!advanced) throw stale('The chain map');
    const version = input.version + 1;
    await repo.insertVersion(tx, { id: randomUUID(), mapId: map.id, version, content: contentOf(input), suppliesAtSave: live, note: input.note, createdBy: ctx.user?.id ?? null, createdAt: ctx.now });
    // Records on a node the new version drops are kept (an older version still shows them): say so.
    const kept = new Set(input.nodes.map((n) => n.id));
    const before = await repo.findVersion(tx, map.id, input.version);
    const dropped = (before?.content.nodes ?? []).map((n) => n.id).filter((id) => !kept.has(id));
    if (dropped.length) {
      const withRecords = new Set([...(await repo.listPlacements(tx, map.id)).map((r) => r.p.nodeId), ...live.map((s) => s.nodeId), ...(await repo.listInnovation(tx, map.id)).map((r) => r.l.nodeId)]);
      const orphaned = dropped.filter((id) => withRecords.has(id)).sort();
      if (orphaned.length) warnings.push({ path: 'nodes', reason: 'dropped_node_has_records', message: 'these nodes left the map but keep their placements, supply or innovation links (they return if the node does)', nodes: orphaned });
    }
    await audit(tx, ctx, centreId, 'chain_map.version', 'chain_map', map.id, { version: input.version }, { version, note: input.note, content: contentOf(input) });
    return { id: map.id, version, warnings };
  });
};

// ---------------------------------------------------------------- export and import

export const exportMap = async (ctx: ServiceContext, centreId: string, mapId: string, version?: number): Promise<TChainDocument> => {
  const map = await findMapOr404(ctx.db, centreId, mapId);
  const v = await findVersionOr404(ctx.db, map, version);
  const nodes = nodeIdsOf(v);
  const supplies = (await suppliesOfVersion(ctx.db, map, v.version)).filter((s) => nodes.has(s.nodeId) && canSeeSupplier(ctx.user, centreId, s.supplierId));
  return {
    format: CHAIN_DOCUMENT_FORMAT,
    clusterCode: map.clusterCode as TChainDocument['clusterCode'],
    nameZh: map.nameZh,
    nameEn: map.nameEn,
    isTemplate: map.isTemplate,
    version: v.version,
    nodes: nodesView(v.content),
    links: v.content.links,
    weights: v.content.weights,
    supplies: supplies.map((s) => ({ nodeId: s.nodeId, supplierId: s.supplierId, region: s.region, country: s.country, local: s.local, share: s.share, confidentialAggregate: s.confidentialAggregate })),
  };
};

/** A document becomes a new map: its structure as version 1 and its supply rows, all checked first, each problem at its path. */
export const importMap = async (ctx: ServiceContext, centreId: string, doc: TChainImport) => {
  requireManager(ctx, centreId);
  const { issues, warnings } = checkStructure(doc);
  return withWriteTx(ctx.db, async (tx) => {
    await getCentre(tx, centreId);
    const home = await repo.centreRegion(tx, centreId);
    const nodes = new Set(doc.nodes.map((n) => n.id));
    const totals = new Map<string, number>();
    const rows: ResolvedSupply[] = [];
    for (const [i, s] of doc.supplies.entries()) {
      if (!nodes.has(s.nodeId)) issues.push(issue(`supplies.${i}.nodeId`, 'unknown_node', `no node ${s.nodeId} in the map`));
      const total = (totals.get(s.nodeId) ?? 0) + s.share;
      totals.set(s.nodeId, total);
      if (total > 1 + SHARE_TOLERANCE) issues.push(issue(`supplies.${i}.share`, 'shares_over_one', `the shares of node ${s.nodeId} add up to ${Number(total.toFixed(6))}, more than 1`, { total: Number(total.toFixed(6)) }));
      const r = await resolveSupply(tx, centreId, home, s, `supplies.${i}`);
      issues.push(...r.issues);
      if (r.value) rows.push(r.value);
    }
    if (issues.length) throw invalid(issues);
    const map = await insertMapWithVersion(tx, ctx, centreId, { clusterCode: doc.clusterCode, nameZh: doc.nameZh, nameEn: doc.nameEn, isTemplate: doc.isTemplate, templateCode: null, isSample: doc.isSample }, contentOf(doc), doc.note ?? (doc.version ? `Imported from version ${doc.version}` : 'Imported'));
    await repo.insertSupplies(
      tx,
      rows.map((r, i) => ({ id: randomUUID(), mapId: map.id, nodeId: doc.supplies[i]?.nodeId as string, ...r, share: doc.supplies[i]?.share as number, confidentialAggregate: doc.supplies[i]?.confidentialAggregate ?? false, submittedByOrgId: null, note: null, createdAt: ctx.now, updatedAt: ctx.now })),
    );
    await audit(tx, ctx, centreId, 'chain_map.import', 'chain_map', map.id, null, { ...map, content: contentOf(doc), supplies: rows.length });
    return { id: map.id, version: 1, warnings, supplies: rows.length };
  });
};

// ---------------------------------------------------------------- placements

const requireNodeInLatest = async (tx: ReadTx, map: MapRow, nodeId: string, path = 'nodeId'): Promise<VersionRow> => {
  const v = await findVersionOr404(tx, map);
  if (!nodeIdsOf(v).has(nodeId)) throw invalid([issue(path, 'unknown_node', `no node ${nodeId} in the map's version ${v.version}`)]);
  return v;
};

export const listPlacements = async (ctx: ServiceContext, centreId: string, mapId: string) => {
  const map = await findMapOr404(ctx.db, centreId, mapId);
  const v = await findVersionOr404(ctx.db, map);
  return placementsView(ctx.db, map.id, nodeIdsOf(v));
};

export const addPlacement = async (ctx: ServiceContext, centreId: string, mapId: string, input: { nodeId: string; entityId: string; role: string; capacityNote: string | null; capacityValue: number | null; capacityUnit: string | null }) => {
  requireManager(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const map = await findMapOr404(tx, centreId, mapId);
    await requireNodeInLatest(tx, map, input.nodeId);
    const [e] = await repo.findEntities(tx, [input.entityId]);
    if (!e || e.centreId !== centreId || e.status !== 'active') throw invalid([issue('entityId', 'not_found', `no active registry record ${input.entityId} in this centre`)]);
    if (!isOrganisationCategory(e.category)) throw invalid([issue('entityId', 'not_an_organisation', 'only organisations are placed on a chain')]);
    if (await repo.placementExists(tx, map.id, input.nodeId, input.entityId)) throw new AppError('CONFLICT', 'The organisation is already placed on this node', { fields: [issue('entityId', 'placement_exists', 'already placed on this node; change its role instead')] });
    const row = await repo.insertPlacement(tx, { id: randomUUID(), mapId: map.id, ...input, createdAt: ctx.now, updatedAt: ctx.now });
    await audit(tx, ctx, centreId, 'chain_placement.create', 'chain_placement', row.id, null, row);
    return (await placementsView(tx, map.id, new Set([row.nodeId]))).find((p) => p.id === row.id) as TChainPlacement;
  });
};

export const updatePlacement = async (ctx: ServiceContext, centreId: string, mapId: string, placementId: string, patch: { version: number; role?: string | undefined; capacityNote?: string | null | undefined; capacityValue?: number | null | undefined; capacityUnit?: string | null | undefined }) => {
  requireManager(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const map = await findMapOr404(tx, centreId, mapId);
    const before = await repo.findPlacement(tx, map.id, placementId);
    if (!before) throw new AppError('NOT_FOUND', `No placement ${placementId}`);
    if (before.version !== patch.version) throw stale('The placement');
    const { version, ...changes } = patch;
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const row = await repo.updatePlacementRow(tx, before.id, version, { ...set, updatedAt: ctx.now });
    if (!row) throw stale('The placement');
    await audit(tx, ctx, centreId, 'chain_placement.update', 'chain_placement', row.id, before, row);
    return (await placementsView(tx, map.id, new Set([row.nodeId]))).find((p) => p.id === row.id) as TChainPlacement;
  });
};

export const removePlacement = async (ctx: ServiceContext, centreId: string, mapId: string, placementId: string): Promise<void> => {
  requireManager(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    const map = await findMapOr404(tx, centreId, mapId);
    const before = await repo.findPlacement(tx, map.id, placementId);
    if (!before) throw new AppError('NOT_FOUND', `No placement ${placementId}`);
    await repo.deletePlacement(tx, before.id);
    await audit(tx, ctx, centreId, 'chain_placement.delete', 'chain_placement', before.id, before, null);
  });
};

// ---------------------------------------------------------------- supplies

const supplyView = (r: SupplyRow, name?: { nameZh: string | null; nameEn: string | null }): TChainSupply => ({
  id: r.id,
  nodeId: r.nodeId,
  supplier: r.supplierId ? { id: r.supplierId, nameZh: name?.nameZh ?? null, nameEn: name?.nameEn ?? r.supplierId } : null,
  region: r.region,
  country: r.country,
  local: r.local,
  share: r.share,
  confidentialAggregate: r.confidentialAggregate,
  submittedByOrgId: r.submittedByOrgId,
  note: r.note,
  version: r.version,
});

/** The supply rows the caller may see: every row without a supplier; named ones for officers, analysts and the supplier itself. */
export const listSupplies = async (ctx: ServiceContext, centreId: string, mapId: string): Promise<TChainSupply[]> => {
  const map = await findMapOr404(ctx.db, centreId, mapId);
  return (await repo.listSupplies(ctx.db, map.id)).filter((r) => canSeeSupplier(ctx.user, centreId, r.s.supplierId)).map((r) => supplyView(r.s, { nameZh: r.supplierNameZh, nameEn: r.supplierNameEn }));
};

/** Officers and analysts enter any row; an enterprise placed on the node enters only aggregated shares, as itself. */
const supplyAuthor = async (tx: ReadTx, ctx: ServiceContext, centreId: string, mapId: string, nodeId: string): Promise<{ manager: boolean; orgId: string | null }> => {
  assertCentreScope(ctx, centreId);
  const user = ctx.user as SessionUser;
  if (canManage(user, centreId)) return { manager: true, orgId: null };
  if (user.organisationId && (await repo.placementExists(tx, mapId, nodeId, user.organisationId))) return { manager: false, orgId: user.organisationId };
  throw new AppError('FORBIDDEN', 'Supply shares are entered by officers and analysts, or by an enterprise placed on the node (aggregated shares only)');
};

const checkShareTotal = async (tx: ReadTx, mapId: string, nodeId: string, exceptId: string | null, share: number): Promise<void> => {
  const others = await repo.sharesOfNode(tx, mapId, nodeId, exceptId);
  const total = others + share;
  if (total > 1 + SHARE_TOLERANCE) throw invalid([issue('share', 'shares_over_one', `the node's shares would add up to ${Number(total.toFixed(6))}; at most ${Number(Math.max(0, 1 - others).toFixed(6))} is left`, { total: Number(total.toFixed(6)), available: Number(Math.max(0, 1 - others).toFixed(6)) })]);
};

export const addSupply = async (ctx: ServiceContext, centreId: string, mapId: string, input: TChainSupplyInput): Promise<TChainSupply> =>
  withWriteTx(ctx.db, async (tx) => {
    const map = await findMapOr404(tx, centreId, mapId);
    const author = await supplyAuthor(tx, ctx, centreId, map.id, input.nodeId);
    await requireNodeInLatest(tx, map, input.nodeId);
    if (!author.manager && input.supplierId) throw invalid([issue('supplierId', 'aggregate_only', 'an enterprise shares aggregated shares only: leave the supplier out and give region and country')]);
    const confidentialAggregate = author.manager ? input.confidentialAggregate : true;
    const r = await resolveSupply(tx, centreId, await repo.centreRegion(tx, centreId), { ...input, confidentialAggregate }, '');
    if (!r.value) throw invalid(r.issues);
    await checkShareTotal(tx, map.id, input.nodeId, null, input.share);
    const [row] = await repo.insertSupplies(tx, [{ id: randomUUID(), mapId: map.id, nodeId: input.nodeId, ...r.value, share: input.share, confidentialAggregate, submittedByOrgId: author.orgId, note: input.note, createdAt: ctx.now, updatedAt: ctx.now }]);
    await audit(tx, ctx, centreId, 'chain_supply.create', 'chain_supply', (row as SupplyRow).id, null, row);
    const [e] = r.value.supplierId ? await repo.findEntities(tx, [r.value.supplierId]) : [];
    return supplyView(row as SupplyRow, e);
  });

/** A row the caller may change: officers and analysts any; an enterprise the aggregated rows it submitted. Others see 404 for rows they cannot see. */
const changeableSupply = async (tx: ReadTx, ctx: ServiceContext, centreId: string, mapId: string, supplyId: string): Promise<SupplyRow> => {
  assertCentreScope(ctx, centreId);
  const user = ctx.user as SessionUser;
  const row = await repo.findSupply(tx, mapId, supplyId);
  if (!row || !canSeeSupplier(user, centreId, row.supplierId)) throw new AppError('NOT_FOUND', `No supply row ${supplyId}`);
  if (!canManage(user, centreId) && (user.organisationId === null || row.submittedByOrgId !== user.organisationId)) throw new AppError('FORBIDDEN', 'Only officers, analysts or the enterprise that submitted the row change it');
  return row;
};

export const updateSupply = async (ctx: ServiceContext, centreId: string, mapId: string, supplyId: string, patch: { version: number; share?: number | undefined; region?: string | undefined; country?: string | undefined; local?: boolean | undefined; note?: string | null | undefined }): Promise<TChainSupply> =>
  withWriteTx(ctx.db, async (tx) => {
    const map = await findMapOr404(tx, centreId, mapId);
    const before = await changeableSupply(tx, ctx, centreId, map.id, supplyId);
    if (before.version !== patch.version) throw stale('The supply row');
    const region = patch.region ?? before.region;
    const country = patch.country ?? before.country;
    const r = await resolveSupply(tx, centreId, await repo.centreRegion(tx, centreId), { supplierId: before.supplierId, region, country, local: patch.local ?? (patch.region || patch.country ? null : before.local), confidentialAggregate: before.confidentialAggregate }, '');
    if (!r.value) throw invalid(r.issues);
    const share = patch.share ?? before.share;
    await checkShareTotal(tx, map.id, before.nodeId, before.id, share);
    const row = await repo.updateSupplyRow(tx, before.id, before.version, { region: r.value.region, country: r.value.country, local: r.value.local, share, ...(patch.note !== undefined ? { note: patch.note } : {}), updatedAt: ctx.now });
    if (!row) throw stale('The supply row');
    await audit(tx, ctx, centreId, 'chain_supply.update', 'chain_supply', row.id, before, row);
    const [e] = row.supplierId ? await repo.findEntities(tx, [row.supplierId]) : [];
    return supplyView(row, e);
  });

export const removeSupply = async (ctx: ServiceContext, centreId: string, mapId: string, supplyId: string): Promise<void> => {
  await withWriteTx(ctx.db, async (tx) => {
    const map = await findMapOr404(tx, centreId, mapId);
    const before = await changeableSupply(tx, ctx, centreId, map.id, supplyId);
    await repo.deleteSupply(tx, before.id);
    await audit(tx, ctx, centreId, 'chain_supply.delete', 'chain_supply', before.id, before, null);
  });
};

// ---------------------------------------------------------------- innovation links

const ENTITY_KINDS: ReadonlySet<string> = new Set(CHAIN_INNOVATION_ENTITY_KINDS);

export const listInnovationLinks = async (ctx: ServiceContext, centreId: string, mapId: string) => {
  const map = await findMapOr404(ctx.db, centreId, mapId);
  const v = await findVersionOr404(ctx.db, map);
  return innovationView(ctx.db, centreId, map.id, nodeIdsOf(v));
};

export const addInnovationLink = async (ctx: ServiceContext, centreId: string, mapId: string, input: TChainInnovationInput) => {
  requireManager(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const map = await findMapOr404(tx, centreId, mapId);
    await requireNodeInLatest(tx, map, input.nodeId);
    let entityId: string | null = null;
    let refId: string | null = null;
    let ipcPrefix: string | null = null;
    if (input.kind === 'patent_ipc') {
      ipcPrefix = input.ipcPrefix ? normaliseIpcPrefix(input.ipcPrefix) : null;
      if (!ipcPrefix) throw invalid([issue('ipcPrefix', input.ipcPrefix ? 'invalid_ipc' : 'required', 'an IPC section, class, subclass, group or symbol (H01L, H01L 21/02 …)')]);
    } else if (!input.refId) {
      throw invalid([issue('refId', 'required', `a ${input.kind} link names its record`)]);
    } else if (ENTITY_KINDS.has(input.kind)) {
      const [e] = await repo.findEntities(tx, [input.refId]);
      if (!e || e.centreId !== centreId || e.status !== 'active') throw invalid([issue('refId', 'not_found', `no active registry record ${input.refId} in this centre`)]);
      if (!isOrganisationCategory(e.category)) throw invalid([issue('refId', 'not_an_organisation', 'a lab, university or R&D institution is an organisation of the registry')]);
      entityId = e.id;
    } else {
      const found = input.kind === 'achievement' ? await repo.findAchievement(tx, centreId, input.refId) : await repo.findCallIn(tx, centreId, input.refId);
      if (!found) throw invalid([issue('refId', 'not_found', `no ${input.kind} ${input.refId} in this centre`)]);
      refId = input.refId;
    }
    const row = await repo.insertInnovation(tx, { id: randomUUID(), mapId: map.id, nodeId: input.nodeId, kind: input.kind, entityId, refId, ipcPrefix, note: input.note, createdAt: ctx.now });
    await audit(tx, ctx, centreId, 'chain_innovation_link.create', 'chain_innovation_link', row.id, null, row);
    return (await innovationView(tx, centreId, map.id, new Set([row.nodeId]))).find((l) => l.id === row.id) as Awaited<ReturnType<typeof innovationView>>[number];
  });
};

export const removeInnovationLink = async (ctx: ServiceContext, centreId: string, mapId: string, linkId: string): Promise<void> => {
  requireManager(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    const map = await findMapOr404(tx, centreId, mapId);
    const before = await repo.findInnovation(tx, map.id, linkId);
    if (!before) throw new AppError('NOT_FOUND', `No innovation link ${linkId}`);
    await repo.deleteInnovation(tx, before.id);
    await audit(tx, ctx, centreId, 'chain_innovation_link.delete', 'chain_innovation_link', before.id, before, null);
  });
};

// ---------------------------------------------------------------- analytics, what-if, diff

/** Innovation capacity per node: links counted by kind; an IPC range counts only when the centre holds patents in it. */
export const capacityOf = (links: readonly { nodeId: string; kind: string; ipcPrefix: string | null }[], patents: ReadonlyMap<string, number>): Map<string, InnovationCapacity> => {
  const out = new Map<string, InnovationCapacity>();
  for (const l of links) {
    if (l.kind === 'patent_ipc' && !(l.ipcPrefix && (patents.get(l.ipcPrefix) ?? 0) > 0)) continue;
    const c = out.get(l.nodeId) ?? {};
    c[l.kind] = (c[l.kind] ?? 0) + 1;
    out.set(l.nodeId, c);
  }
  return out;
};

/** The engine's view of one version: its nodes and links, and the supply rows on its nodes. */
export const engineMap = (content: ChainMapContent, supplies: readonly ChainSupplySnapshot[]): ChainMap => {
  const nodes = new Set(content.nodes.map((n) => n.id));
  return { nodes: content.nodes.map((n) => ({ id: n.id, name: n.nameEn })), links: content.links, supplies: supplies.filter((s) => nodes.has(s.nodeId)).map(relationOf) };
};

type WeightsQuery = { dependence?: number | undefined; concentration?: number | undefined; substitute?: number | undefined; innovation?: number | undefined };

const analyse = async (tx: ReadTx, centreId: string, map: MapRow, v: VersionRow, query: WeightsQuery = {}) => {
  const given = Object.fromEntries(Object.entries(query).filter(([k, x]) => x !== undefined && ['dependence', 'concentration', 'substitute', 'innovation'].includes(k))) as Partial<ChokepointWeights>;
  const base = v.content.weights ?? DEFAULT_CHOKEPOINT_WEIGHTS;
  const configured: ChokepointWeights = { ...base, ...given };
  const source: 'query' | 'map' | 'default' = Object.keys(given).length ? 'query' : v.content.weights ? 'map' : 'default';
  const links = (await repo.listInnovation(tx, map.id)).map((r) => r.l);
  const patents = await repo.patentCounts(tx, centreId, links.flatMap((l) => (l.ipcPrefix ? [l.ipcPrefix] : [])));
  const capacity = capacityOf(links, patents);
  const supplies = await suppliesOfVersion(tx, map, v.version);
  const options = { ...DEFAULT_CHAIN_OPTIONS, weights: configured };
  return { result: analyseChain(engineMap(v.content, supplies), capacity, options), capacity, configured, applied: normaliseWeights(configured), source, options, supplies };
};

export const chainAnalytics = async (ctx: ServiceContext, centreId: string, mapId: string, query: WeightsQuery & { version?: number | undefined }): Promise<TChainAnalytics> => {
  const map = await findMapOr404(ctx.db, centreId, mapId);
  const v = await findVersionOr404(ctx.db, map, query.version);
  const { result, capacity, configured, applied, source, options } = await analyse(ctx.db, centreId, map, v, query);
  const names = new Map(v.content.nodes.map((n) => [n.id, n]));
  return {
    mapId: map.id,
    version: v.version,
    weights: { source, configured, applied },
    options: { homeCountry: options.homeCountry, foreignDependenceAt: options.foreignDependenceAt, chokepointAt: options.chokepointAt },
    completeness: result.completeness,
    chokepoints: result.chokepoints,
    localShare: result.localShare,
    nodes: result.nodes.map((n) => ({ ...n, nameZh: names.get(n.nodeId)?.nameZh ?? null, nameEn: names.get(n.nodeId)?.nameEn ?? n.nodeId, innovation: capacity.get(n.nodeId) ?? {} })),
    computedAt: ctx.now,
  };
};

export const whatIf = async (ctx: ServiceContext, centreId: string, mapId: string, input: { removal: Removal; version?: number | undefined }) => {
  // Removing one named supplier would show its shares: only those who may see them ask.
  if (input.removal.kind === 'supplier' && !canSeeSupplier(ctx.user, centreId, input.removal.supplierId))
    throw new AppError('FORBIDDEN', 'A named supplier’s removal is for officers, analysts and the supplier itself; remove a region or a country instead', { fields: [issue('removal.supplierId', 'supplier_confidential', 'named supply is confidential')] });
  const map = await findMapOr404(ctx.db, centreId, mapId);
  const v = await findVersionOr404(ctx.db, map, input.version);
  const supplies = await suppliesRemovedBy(ctx.db, map, v.version, input.removal);
  const exposed = exposureOf(engineMap(v.content, supplies), input.removal);
  const names = new Map(v.content.nodes.map((n) => [n.id, n]));
  const placed = await placementsView(ctx.db, map.id, new Set(exposed.map((e) => e.nodeId)));
  return {
    mapId: map.id,
    version: v.version,
    removal: input.removal,
    exposed: exposed.map((e) => ({
      ...e,
      nameZh: names.get(e.nodeId)?.nameZh ?? null,
      nameEn: names.get(e.nodeId)?.nameEn ?? e.nodeId,
      organisations: placed.filter((p) => p.nodeId === e.nodeId).map((p) => ({ id: p.entity.id, nameZh: p.entity.nameZh, nameEn: p.entity.nameEn, role: p.role })),
    })),
  };
};

export const diffVersions = async (ctx: ServiceContext, centreId: string, mapId: string, from: number, to: number) => {
  const map = await findMapOr404(ctx.db, centreId, mapId);
  const [a, b] = [await findVersionOr404(ctx.db, map, from), await findVersionOr404(ctx.db, map, to)];
  const visible = (rows: ChainSupplySnapshot[]) => rows.filter((s) => canSeeSupplier(ctx.user, centreId, s.supplierId));
  const [sa, sb] = [visible(await suppliesOfVersion(ctx.db, map, from)), visible(await suppliesOfVersion(ctx.db, map, to))];
  // Both names in one key, so a change of either counts as a rename.
  const keyed = (c: ChainMapContent, s: ChainSupplySnapshot[]): ChainMap => ({ ...engineMap(c, s), nodes: c.nodes.map((n) => ({ id: n.id, name: `${n.nameZh ?? ''}\u0000${n.nameEn}` })) });
  const d = diffChains(keyed(a.content, sa), keyed(b.content, sb));
  const nameOf = (c: ChainMapContent, id: string) => {
    const n = c.nodes.find((x) => x.id === id);
    return { nameZh: n?.nameZh ?? null, nameEn: n?.nameEn ?? id };
  };
  return { from, to, ...d, nodesRenamed: d.nodesRenamed.map((r) => ({ id: r.id, before: nameOf(a.content, r.id), after: nameOf(b.content, r.id) })) };
};

// ---------------------------------------------------------------- bridge to the calls engine

const REASON_TEXT: Record<string, { zh: string; en: string }> = {
  no_supply_data: { zh: '暂无供应数据', en: 'no supply data yet' },
  single_source: { zh: '单一来源', en: 'a single source' },
  foreign_dependent: { zh: '依赖境外供应', en: 'dependence on foreign supply' },
  no_local_supplier: { zh: '本地无供应商', en: 'no local supplier' },
  no_local_innovation: { zh: '本地缺少创新力量', en: 'no local innovation capacity' },
  concentrated: { zh: '供应高度集中', en: 'highly concentrated supply' },
};
const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * A 揭榜挂帅 draft from a node: the gap (the chokepoint reasons and score
 * components) as its problem, the node's innovation links as candidate
 * teams, the map's chain master as the demand owner. It stays a draft for
 * officers to complete and publish through the calls engine.
 */
export const draftCallFromNode = async (ctx: ServiceContext, centreId: string, mapId: string, nodeId: string, input: { programmeId?: string | undefined; budget: number | null; deadline: string | null }) => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const map = await findMapOr404(tx, centreId, mapId);
    const v = await findVersionOr404(tx, map);
    const node = v.content.nodes.find((n) => n.id === nodeId);
    if (!node) throw new AppError('NOT_FOUND', `No node ${nodeId} in chain map ${map.id}`);
    const issues: FieldIssue[] = [];
    const programme = input.programmeId ? await repo.findProgramme(tx, input.programmeId) : await repo.latestUnveilProgramme(tx, centreId);
    if (!programme || programme.centreId !== centreId) issues.push(issue('programmeId', input.programmeId ? 'not_found' : 'no_unveil_programme', input.programmeId ? `no programme ${input.programmeId} in this centre` : 'the centre has no 揭榜挂帅 (unveil_list) programme yet'));
    else if (programme.kind !== 'unveil_list') issues.push(issue('programmeId', 'not_unveil_programme', 'a call drafted from a chokepoint belongs to a 揭榜挂帅 (unveil_list) programme'));
    const placements = await placementsView(tx, map.id, nodeIdsOf(v));
    const masters = placements.filter((p) => p.role === 'chain_master');
    const owner = masters.find((p) => p.nodeId === nodeId) ?? masters[0];
    if (!owner) issues.push(issue('ownerEntityId', 'no_chain_master', 'the map has no chain master placed: place one (链主) to own the call'));
    if (issues.length || !owner || !programme) throw invalid(issues);
    const { result } = await analyse(tx, centreId, map, v);
    const a = result.nodes.find((n) => n.nodeId === nodeId);
    const links = await innovationView(tx, centreId, map.id, new Set([nodeId]));
    const candidates = links.map((l) => ({ kind: l.kind, id: l.entity?.id ?? l.refId, label: l.entity ? (l.entity.nameZh ?? l.entity.nameEn) : l.ipcPrefix ? `IPC ${l.ipcPrefix}（${l.patents ?? 0}件专利 / patents）` : (l.refId ?? '') }));
    const label = node.nameZh ?? node.nameEn;
    const reasons = a?.reasons ?? [];
    const gapZh = reasons.map((r) => REASON_TEXT[r]?.zh ?? r).join('、') || '无明显短板';
    const gapEn = reasons.map((r) => REASON_TEXT[r]?.en ?? r).join('; ') || 'no flagged gap';
    const comp = a?.components;
    const problem = [
      `【产业链】${map.nameZh ?? map.nameEn} · 【环节】${label}`,
      `【短板】${gapZh}。卡脖子评分 ${a?.score ?? 0}${comp ? `（对外依赖 ${pct(comp.dependence)}，集中度 ${pct(comp.concentration)}，本地替代缺口 ${pct(comp.substitute)}，创新缺口 ${pct(comp.innovation)}）` : ''}；本地供应占比 ${pct(a?.localShare ?? 0)}。`,
      `【候选团队】${candidates.map((c) => c.label).join('、') || '暂无，请补充'}`,
      '',
      `Chain: ${map.nameEn} · node: ${node.nameEn}. Gap: ${gapEn}. Chokepoint score ${a?.score ?? 0}; local share of supply ${pct(a?.localShare ?? 0)}.`,
      `Candidate teams: ${candidates.map((c) => c.label).join('; ') || 'none yet'}.`,
    ].join('\n');
    const titleZh = `${label}关键技术攻关（揭榜挂帅）`.slice(0, 200);
    const titleEn = `Breaking the bottleneck in ${node.nameEn}`.slice(0, 300);
    const call = await createCallInTx(tx, ctx, centreId, {
      programmeId: programme.id,
      ownerEntityId: owner.entity.id,
      isSample: map.isSample,
      titleZh,
      titleEn,
      problem,
      fieldCodes: [],
      chainPosition: `${map.nameZh ?? map.nameEn} / ${label}`.slice(0, 200),
      trlExpected: null,
      budget: input.budget,
      paymentSchedule: [],
      deadline: input.deadline,
      eligibilityRules: [],
      ipTemplate: null,
      acceptanceCriteria: [],
    });
    await audit(tx, ctx, centreId, 'chain_map.call_draft', 'chain_map', map.id, null, { nodeId, callId: call.id, reasons, score: a?.score ?? 0 });
    return { callId: call.id, version: call.version, programmeId: programme.id, ownerEntityId: owner.entity.id, titleZh, titleEn, problem, candidates };
  });
};

export type { Removal };

// ---------------------------------------------------------------- Excel

/** One version as a workbook (map, nodes, links, supplies sheets): the same document as the JSON export. */
export const exportWorkbook = async (ctx: ServiceContext, centreId: string, mapId: string, version?: number): Promise<{ version: number | null; content: Buffer }> => {
  const doc = await exportMap(ctx, centreId, mapId, version);
  return { version: doc.version, content: await writeWorkbook(sheetsFromDocument(doc)) };
};

/** Each problem of a workbook import names its cell: `data.sheet` and `data.row` beside the document path. */
const atCell = (f: FieldIssue): FieldIssue => {
  const cell = cellOf(f.path);
  return cell ? ({ ...f, data: { ...((f as { data?: Record<string, unknown> }).data ?? {}), ...cell } } as FieldIssue) : f;
};

/**
 * A workbook becomes a new map through the same checks as a JSON document:
 * first what only a sheet can get wrong (a missing sheet or column, a number
 * or yes/no that is not one), then the document's schema, then the map's own
 * checks; every problem with its sheet and row, and nothing written unless all pass.
 */
export const importWorkbook = async (ctx: ServiceContext, centreId: string, bytes: Buffer, options: { isSample: boolean }) => {
  requireManager(ctx, centreId);
  const { document, problems } = documentFromSheets(await readWorkbook(bytes));
  if (problems.length > 0) {
    throw invalid(problems.map((p) => issue(p.sheet === 'map' ? p.column || 'file' : `${p.sheet}.${Math.max(0, p.row - 2)}.${p.column}`.replace(/\.$/, ''), p.reason, `${p.sheet} sheet, row ${p.row}${p.column ? `, column ${p.column}` : ''}: ${p.reason.replaceAll('_', ' ')}${p.value ? ` (“${p.value}”)` : ''}`, { data: { sheet: p.sheet, row: p.row, column: p.column, value: p.value } })));
  }
  const parsed = ZChainImport.safeParse({ ...document, isSample: options.isSample });
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => atCell(issue(i.path.join('.'), (i as { params?: { reason?: string } }).params?.reason ?? i.code, i.message))));
  try {
    return await importMap(ctx, centreId, parsed.data);
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION_FAILED') throw invalid(((error.details?.fields ?? []) as FieldIssue[]).map(atCell));
    throw error;
  }
};
