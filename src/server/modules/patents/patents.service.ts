import { randomUUID } from 'node:crypto';
import { normaliseIpcPrefix, parsePatentNumber, type PatentKind, type PatentStatus, type PoolMemberRole, type RoyaltyBasis } from '../../../core/patents/index.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { TPatent, TPatentListQuery, TPatentStatistics, TPatentSummary, TPool, TPoolInput, TPoolSummary } from '../../../shared/schemas/patents.js';
import type { PatentStatDimension } from '../../../shared/patents-vocabulary.js';
import { appendAuditEvent } from '../../../db/audit-log.js';
import { readTogether, withWriteTx, type ReadTx, type WriteTx } from '../../../db/tx.js';
import { assertCentreScope, type ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { areaLinks, findCentre } from '../contracts/contracts.repository.js';
import { placeOf } from '../contracts/contracts.service.js';
import { publishedFigures } from '../indicators/indicators.repository.js';
import * as repo from './patents.repository.js';
import type { PartyRow, PatentRow } from './patents.repository.js';
import { PATENT_FIGURE_CODES } from './patents-statistics.js';

/**
 * Patent records are public (CNIPA publishes them), so anyone may read them
 * and their counts; importing, linking applicants to the registry and
 * keeping pools need patents:manage, and every write is audited.
 */

const issue = (path: string, reason: string, message: string, inPart: FieldIssue['in'] = 'body'): FieldIssue => ({ in: inPart, path, reason, message });
const invalid = (message: string, fields: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', message, { fields });
const audit = (tx: WriteTx, ctx: ServiceContext, centreId: string, action: string, entityType: string, entityId: string, before: unknown, after: unknown) =>
  appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action, entityType, entityId, centreId, before, after, requestId: ctx.requestId });

export const loadCentre = async (tx: ReadTx, centreId: string) => {
  const centre = await findCentre(tx, centreId);
  if (!centre) throw new AppError('NOT_FOUND', `No centre ${centreId}`);
  return centre;
};

/** An applicant, administrator or member must be an active organisation of the centre's registry (a field-level 400 otherwise). */
const assertOrganisation = async (tx: ReadTx, centreId: string, entityId: string, path: string): Promise<void> => {
  const org = await repo.findOrganisation(tx, centreId, entityId);
  if (!org || org.status !== 'active' || org.category === 'person') throw invalid('No such organisation', [issue(path, 'unknown_entity', `No active organisation ${entityId} in this centre's registry`)]);
};

/** The district a registry organisation lies in, or null when it is only known at the centre's level. */
export type AreaLinks = Awaited<ReturnType<typeof areaLinks>>;
export const districtOf = (areaId: string | null, links: AreaLinks): string | null => placeOf(areaId, links).district;

type Party = Pick<PartyRow, 'role' | 'position' | 'entityId'>;
const firstLinkedApplicant = (parties: readonly Party[]): string | null =>
  [...parties].filter((p) => p.role === 'applicant' && p.entityId).sort((a, b) => a.position - b.position)[0]?.entityId ?? null;

/**
 * What a patent counts for: its first applicant linked to the registry, and
 * that organisation's district. Recomputed whenever its applicants change.
 */
export const attributionOf = (parties: readonly Party[], links: AreaLinks, orgAreas: ReadonlyMap<string, string | null>): { firstApplicantId: string | null; areaId: string | null } => {
  const first = firstLinkedApplicant(parties);
  return first ? { firstApplicantId: first, areaId: districtOf(orgAreas.get(first) ?? null, links) } : { firstApplicantId: null, areaId: null };
};

// ---------------------------------------------------------------- reading
const partyOut = (p: PartyRow, names: Map<string, { nameZh: string | null; nameEn: string }>) => ({ name: p.name, entityId: p.entityId, entityNameZh: p.entityId ? (names.get(p.entityId)?.nameZh ?? null) : null, entityNameEn: p.entityId ? (names.get(p.entityId)?.nameEn ?? null) : null });

const summaryOf = (row: PatentRow, parties: PartyRow[], names: Map<string, { nameZh: string | null; nameEn: string }>): TPatentSummary => ({
  id: row.id,
  number: row.number,
  kind: row.kind as PatentKind,
  title: row.title,
  mainIpc: row.mainIpc,
  applicants: parties.filter((p) => p.role === 'applicant').map((p) => partyOut(p, names)),
  applicationDate: row.applicationDate,
  grantDate: row.grantDate,
  legalStatus: row.legalStatus as PatentStatus,
  areaId: row.areaId,
  isSample: row.isSample,
});

const summaries = async (tx: ReadTx, rows: PatentRow[]): Promise<TPatentSummary[]> => {
  const parties = await repo.partiesOf(tx, rows.map((r) => r.id));
  const names = await repo.namesOf(tx, [...parties.values()].flat().flatMap((p) => (p.entityId ? [p.entityId] : [])));
  return rows.map((r) => summaryOf(r, parties.get(r.id) ?? [], names));
};

/** An IPC filter that is not a section, class, subclass, group or symbol is the caller's mistake: 400, not an empty list. */
const ipcFilter = (raw: string | undefined): string | undefined => {
  if (raw === undefined) return undefined;
  const prefix = normaliseIpcPrefix(raw);
  if (!prefix) throw invalid('The IPC filter is not an IPC section, class, subclass, group or symbol', [issue('ipc', 'ipc_invalid', `${raw} is not an IPC prefix such as H, H01, H01L, H01L 21 or H01L 21/02`, 'query')]);
  return prefix;
};

export const listPatents = async (ctx: ServiceContext, centreId: string, query: TPatentListQuery): Promise<{ items: TPatentSummary[]; total: number }> => {
  await loadCentre(ctx.db, centreId);
  const { limit, offset, ipc, unlinked, ...rest } = query;
  const { rows, total } = await repo.listPatents(ctx.db, { centreId, ...rest, ipc: ipcFilter(ipc), unlinked: unlinked === 'true' }, limit, offset);
  return { items: await summaries(ctx.db, rows), total };
};

const toPatent = async (tx: ReadTx, row: PatentRow): Promise<TPatent> => {
  const [parties, pools, links] = await readTogether(tx, [() => repo.partiesOf(tx, [row.id]), () => repo.poolsOfPatent(tx, row.id), () => areaLinks(tx, row.centreId)] as const);
  const mine = parties.get(row.id) ?? [];
  const names = await repo.namesOf(tx, mine.flatMap((p) => (p.entityId ? [p.entityId] : [])));
  const area = row.areaId ? links.find((l) => l.id === row.areaId) : undefined;
  return {
    ...summaryOf(row, mine, names),
    ipcClasses: row.ipcClasses,
    inventors: mine.filter((p) => p.role === 'inventor').map((p) => partyOut(p, names)),
    publicationDate: row.publicationDate,
    legalStatusDate: row.legalStatusDate,
    area: area ? { id: area.id, nameZh: area.nameZh, nameEn: area.nameEn } : null,
    pools,
    importBatch: row.importBatch,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
};

const loadPatent = async (tx: ReadTx, centreId: string, id: string): Promise<PatentRow> => {
  const row = await repo.findPatent(tx, centreId, id);
  if (!row) throw new AppError('NOT_FOUND', `No patent ${id}`);
  return row;
};

export const getPatent = async (ctx: ServiceContext, centreId: string, id: string): Promise<TPatent> => toPatent(ctx.db, await loadPatent(ctx.db, centreId, id));

// ---------------------------------------------------------------- linking
/** Link an applicant (by its position in the record) to a registry organisation, or unlink it with null. */
export const linkApplicant = async (ctx: ServiceContext, centreId: string, patentId: string, position: number, entityId: string | null): Promise<TPatent> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const row = await loadPatent(tx, centreId, patentId);
    const parties = (await repo.partiesOf(tx, [patentId])).get(patentId) ?? [];
    const party = parties.find((p) => p.role === 'applicant' && p.position === position);
    if (!party) throw new AppError('NOT_FOUND', `Patent ${row.number} has no applicant at position ${position}`);
    if (entityId) await assertOrganisation(tx, centreId, entityId, 'entityId');
    await repo.setPartyEntity(tx, patentId, 'applicant', position, entityId);
    const next = parties.map((p) => (p.role === 'applicant' && p.position === position ? { ...p, entityId } : p));
    // Only the first linked applicant decides the attribution: one organisation to read, not one per linked party.
    const first = firstLinkedApplicant(next);
    const orgAreas = new Map<string, string | null>(first ? [[first, (await repo.findOrganisation(tx, centreId, first))?.areaId ?? null]] : []);
    const attribution = attributionOf(next, await areaLinks(tx, centreId), orgAreas);
    await repo.updatePatent(tx, patentId, { ...attribution, updatedAt: ctx.now });
    await audit(tx, ctx, centreId, 'patent.link_applicant', 'patent', patentId, { position, name: party.name, entityId: party.entityId }, { position, name: party.name, entityId, ...attribution });
    return toPatent(tx, (await repo.findPatent(tx, centreId, patentId)) as PatentRow);
  });
};

// ---------------------------------------------------------------- statistics
export const patentStatistics = async (ctx: ServiceContext, centreId: string, query: { dimension: PatentStatDimension; kind?: PatentKind | undefined; year?: number | undefined }): Promise<TPatentStatistics> => {
  const tx = ctx.db;
  await loadCentre(tx, centreId);
  // The applicant counts are the breakdown itself when that is the dimension asked for: counted once.
  const [rows, byApp, byGrant, applicantCounts, links, published, derived] = await readTogether(tx, [
    () => repo.countPatents(tx, centreId, query.dimension, query),
    () => repo.countByYearAndKind(tx, centreId, 'application'),
    () => repo.countByYearAndKind(tx, centreId, 'grant'),
    () => (query.dimension === 'applicant' ? Promise.resolve(null) : repo.countPatents(tx, centreId, 'applicant', query)),
    () => areaLinks(tx, centreId),
    () => publishedFigures(tx, centreId, [{ prefix: 'invention_patent' }]),
    () => repo.derivedFigures(tx, centreId, PATENT_FIGURE_CODES),
  ] as const);
  const applicants = applicantCounts ?? rows;
  const top = applicants.filter((a) => a.key !== '').slice(0, 20);
  const names = await repo.namesOf(tx, top.map((a) => a.key));
  return {
    dimension: query.dimension,
    kind: query.kind ?? null,
    year: query.year ?? null,
    total: rows.reduce((s, r) => s + r.patents, 0),
    byApplicationYear: byApp.map((r) => ({ ...r, kind: r.kind as PatentKind })),
    byGrantYear: byGrant.map((r) => ({ ...r, kind: r.kind as PatentKind })),
    rows,
    topApplicants: top.map((a) => ({ ...a, nameZh: names.get(a.key)?.nameZh ?? null, nameEn: names.get(a.key)?.nameEn ?? a.key })),
    unlinked: applicants.find((a) => a.key === '')?.patents ?? 0,
    areas: Object.fromEntries(links.filter((l) => l.kind === 'district').map((l) => [l.id, { nameZh: l.nameZh, nameEn: l.nameEn }])),
    published: published.map((p) => ({ ...p, value: p.value === null ? null : Number(p.value) })),
    derived: derived.flatMap((d) => (d.period && d.areaId ? [{ indicatorCode: d.indicatorCode, period: d.period, areaId: d.areaId, value: d.value }] : [])),
  };
};

// ---------------------------------------------------------------- pools
const orgOut = (id: string, names: Map<string, { nameZh: string | null; nameEn: string }>) => ({ id, nameZh: names.get(id)?.nameZh ?? null, nameEn: names.get(id)?.nameEn ?? id });

export const listPools = async (ctx: ServiceContext, centreId: string): Promise<TPoolSummary[]> => {
  await loadCentre(ctx.db, centreId);
  const pools = await repo.listPools(ctx.db, centreId);
  const names = await repo.namesOf(ctx.db, pools.flatMap((p) => (p.row.administratorId ? [p.row.administratorId] : [])));
  return pools.map(({ row, members, patents }) => ({ id: row.id, nameZh: row.nameZh, nameEn: row.nameEn, field: row.field, administrator: row.administratorId ? orgOut(row.administratorId, names) : null, royaltyBasis: row.royaltyBasis as RoyaltyBasis, frand: row.frand, members, patents, isSample: row.isSample }));
};

const loadPool = async (tx: ReadTx, centreId: string, id: string) => {
  const row = await repo.findPool(tx, centreId, id);
  if (!row) throw new AppError('NOT_FOUND', `No patent pool ${id}`);
  return row;
};

const toPool = async (tx: ReadTx, row: repo.PoolRow): Promise<TPool> => {
  const [members, pats] = await readTogether(tx, [() => repo.poolMembers(tx, row.id), () => repo.poolPatents(tx, row.id)] as const);
  const names = await repo.namesOf(tx, [...members.map((m) => m.entityId), ...(row.administratorId ? [row.administratorId] : [])]);
  return {
    id: row.id,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    field: row.field,
    administrator: row.administratorId ? orgOut(row.administratorId, names) : null,
    royaltyBasis: row.royaltyBasis as RoyaltyBasis,
    frand: row.frand,
    members: members.length,
    patents: pats.length,
    isSample: row.isSample,
    termsText: row.termsText,
    memberList: members.map((m) => ({ ...orgOut(m.entityId, names), role: m.role as PoolMemberRole, joinedOn: m.joinedOn })),
    patentList: await summaries(tx, pats),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
};

export const getPool = async (ctx: ServiceContext, centreId: string, id: string): Promise<TPool> => toPool(ctx.db, await loadPool(ctx.db, centreId, id));

export const createPool = async (ctx: ServiceContext, centreId: string, input: TPoolInput): Promise<TPool> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    await loadCentre(tx, centreId);
    if (input.administratorId) await assertOrganisation(tx, centreId, input.administratorId, 'administratorId');
    const id = randomUUID();
    await repo.insertPool(tx, { id, centreId, ...input, createdAt: ctx.now, updatedAt: ctx.now });
    const row = (await repo.findPool(tx, centreId, id)) as repo.PoolRow;
    await audit(tx, ctx, centreId, 'patent_pool.create', 'patent_pool', id, null, row);
    return toPool(tx, row);
  });
};

export const updatePool = async (ctx: ServiceContext, centreId: string, id: string, input: TPoolInput & { version: number }): Promise<TPool> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await loadPool(tx, centreId, id);
    if (input.administratorId) await assertOrganisation(tx, centreId, input.administratorId, 'administratorId');
    const { version, ...patch } = input;
    const row = await repo.updatePool(tx, id, version, { ...patch, updatedAt: ctx.now });
    if (!row) throw new AppError('CONFLICT', 'The pool was changed by someone else; reload it', { currentVersion: before.version });
    await audit(tx, ctx, centreId, 'patent_pool.update', 'patent_pool', id, before, row);
    return toPool(tx, row);
  });
};

export const deletePool = async (ctx: ServiceContext, centreId: string, id: string): Promise<void> => {
  assertCentreScope(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    const before = await loadPool(tx, centreId, id);
    await repo.deletePool(tx, id);
    await audit(tx, ctx, centreId, 'patent_pool.delete', 'patent_pool', id, before, null);
  });
};

export const putPoolMember = async (ctx: ServiceContext, centreId: string, poolId: string, input: { entityId: string; role: PoolMemberRole; joinedOn: string | null }): Promise<TPool> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const pool = await loadPool(tx, centreId, poolId);
    await assertOrganisation(tx, centreId, input.entityId, 'entityId');
    const before = (await repo.poolMembers(tx, poolId)).find((m) => m.entityId === input.entityId) ?? null;
    await repo.upsertPoolMember(tx, { poolId, ...input });
    await audit(tx, ctx, centreId, 'patent_pool.member', 'patent_pool', poolId, before, { poolId, ...input });
    return toPool(tx, pool);
  });
};

export const removePoolMember = async (ctx: ServiceContext, centreId: string, poolId: string, entityId: string): Promise<TPool> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const pool = await loadPool(tx, centreId, poolId);
    const before = (await repo.poolMembers(tx, poolId)).find((m) => m.entityId === entityId);
    if (!before) throw new AppError('NOT_FOUND', `${entityId} is not a member of this pool`);
    await repo.deletePoolMember(tx, poolId, entityId);
    await audit(tx, ctx, centreId, 'patent_pool.remove_member', 'patent_pool', poolId, before, null);
    return toPool(tx, pool);
  });
};

/** Add a patent to a pool by its number (any spelling); the patent must be in the centre's records. */
export const addPoolPatent = async (ctx: ServiceContext, centreId: string, poolId: string, number: string): Promise<TPool> => {
  assertCentreScope(ctx, centreId);
  const parsed = parsePatentNumber(number);
  if (!parsed.ok) throw invalid('Not a Chinese patent number', [issue('number', parsed.problem === 'format' ? 'patent_number_format' : 'patent_number_check', parsed.problem === 'format' ? `${number} is not a Chinese application number` : `the check character should be ${parsed.expected}`)]);
  return withWriteTx(ctx.db, async (tx) => {
    const pool = await loadPool(tx, centreId, poolId);
    const patent = await repo.findPatentByNumber(tx, centreId, parsed.number);
    if (!patent) throw invalid('No such patent', [issue('number', 'unknown_patent', `No patent ${parsed.number} in this centre's records; import it first`)]);
    if (await repo.addPoolPatent(tx, poolId, patent.id)) await audit(tx, ctx, centreId, 'patent_pool.add_patent', 'patent_pool', poolId, null, { patentId: patent.id, number: patent.number });
    return toPool(tx, pool);
  });
};

export const removePoolPatent = async (ctx: ServiceContext, centreId: string, poolId: string, patentId: string): Promise<TPool> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const pool = await loadPool(tx, centreId, poolId);
    if (!(await repo.deletePoolPatent(tx, poolId, patentId))) throw new AppError('NOT_FOUND', `Patent ${patentId} is not in this pool`);
    await audit(tx, ctx, centreId, 'patent_pool.remove_patent', 'patent_pool', poolId, { patentId }, null);
    return toPool(tx, pool);
  });
};
