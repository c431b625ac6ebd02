import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { aggregate, cellsOf, checkContract, contractKey, growth, registrationNumber, reviewClock, sellerKindOf, suppressSmallCells, technicalTransactionAmount, canonicalPatentNumber, type ContractIssue, type RegisteredContract, type StatRow } from '../../../core/contracts/index.js';
import { availableActions, fire, techContractWorkflow, type TechContractAction, type TechContractRole } from '../../../core/workflow/index.js';
import { roleHasPermission } from '../../../shared/access.js';
import type { AmountItem, PlanOrigin, SellerKind, StatDimension, TechContractState, TechContractType, TechnicalField } from '../../../shared/contracts-vocabulary.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { TStatistics, TTechContract, TTechContractInput, ZTechContractListQuery, ZTechContractSummary } from '../../../shared/schemas/contracts.js';
import { appendAuditEvent } from '../../../db/audit-log.js';
import { readTogether, withWriteTx, type ReadTx, type WriteTx } from '../../../db/tx.js';
import type { ServiceContext, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import { publishedFigures } from '../indicators/indicators.repository.js';
import * as repo from './contracts.repository.js';
import type { ContractRow } from './contracts.repository.js';
import { dayIn } from '../../../core/calendar.js';
import { centreDay } from '../centres/centre-calendar.js';

/**
 * Technology-contract registration: sellers submit, registrars review and
 * register, registrations roll up into the statistics cells in the same
 * transaction. Amounts and parties are seen only by the parties and holders
 * of contracts:read; everyone else sees aggregates with small cells hidden.
 */

/** Public figures hide cells of fewer contracts than this. */
export const MIN_PUBLIC_CELL = 3;

// ---------------------------------------------------------------- helpers
const issue = (path: string, reason: string, message: string, extra: Record<string, unknown> = {}): FieldIssue => ({ in: 'body', path, reason, message, ...extra }) as FieldIssue;
const invalid = (fields: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 'The contract is not valid; see details.fields', { fields });
const fromCore = (issues: readonly ContractIssue[]): FieldIssue[] => issues.map((i) => issue(i.path, i.code, i.message, i.data ? { data: i.data } : {}));
const audit = (tx: WriteTx, ctx: ServiceContext, centreId: string, action: string, entityId: string, before: unknown, after: unknown) =>
  appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action, entityType: 'tech_contract', entityId, centreId, before, after, requestId: ctx.requestId });

const inCentre = (user: SessionUser, centreId: string): boolean => user.centreId === null || user.centreId === centreId;
const isRegistrar = (user: SessionUser | null, centreId: string): boolean => !!user && roleHasPermission(user.role, 'contracts:register') && inCentre(user, centreId);
const readsAll = (user: SessionUser | null, centreId: string): boolean => !!user && roleHasPermission(user.role, 'contracts:read') && inCentre(user, centreId);
const isSellerMember = (user: SessionUser | null, sellerId: string): boolean => !!user && roleHasPermission(user.role, 'contracts:submit') && user.organisationId === sellerId;
const isParty = (user: SessionUser | null, row: ContractRow): boolean => !!user && user.organisationId !== null && (user.organisationId === row.sellerId || user.organisationId === row.buyerEntityId);
const requireUser = (ctx: ServiceContext): SessionUser => {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx.user;
};


const rolesOn = (user: SessionUser | null, row: ContractRow): TechContractRole[] => [
  ...(isSellerMember(user, row.sellerId) ? (['seller'] as const) : []),
  ...(isRegistrar(user, row.centreId) ? (['registrar'] as const) : []),
];

const loadCentre = async (tx: ReadTx, centreId: string) => {
  const centre = await repo.findCentre(tx, centreId);
  if (!centre) throw new AppError('NOT_FOUND', `No centre ${centreId}`);
  return centre;
};

/** A contract the caller may see, or 404 (a contract's existence is not disclosed to others). */
const visibleContract = async (tx: ReadTx, ctx: ServiceContext, centreId: string, id: string): Promise<ContractRow> => {
  const row = await repo.findContract(tx, centreId, id);
  if (!row || !(readsAll(ctx.user, centreId) || isParty(ctx.user, row) || isRegistrar(ctx.user, centreId))) throw new AppError('NOT_FOUND', `No technology contract ${id}`);
  return row;
};

const factsOf = (row: Pick<ContractRow, 'type' | 'sellerId' | 'buyerEntityId' | 'amount' | 'breakdown' | 'patentNumbers' | 'signedOn' | 'validUntil'>) => ({
  type: row.type as TechContractType,
  sellerId: row.sellerId,
  buyerEntityId: row.buyerEntityId,
  amount: row.amount,
  breakdown: row.breakdown as { item: AmountItem; amount: number }[],
  patentNumbers: row.patentNumbers,
  signedOn: row.signedOn,
  validUntil: row.validUntil,
});

// ---------------------------------------------------------------- reading
/** What the list shows of a contract; the detail adds to it. */
const summaryOf = (row: ContractRow, seller: { nameZh: string | null; nameEn: string } | undefined, now: Date): z.infer<typeof ZTechContractSummary> => {
  const clock = reviewClock(row.submittedAt, now, row.decidedAt);
  return {
    id: row.id,
    state: row.state as TechContractState,
    contractNumber: row.contractNumber,
    title: row.title,
    type: row.type as TechContractType,
    field: row.field as TechnicalField,
    seller: { id: row.sellerId, nameZh: seller?.nameZh ?? null, nameEn: seller?.nameEn ?? row.sellerId, kind: row.sellerKind as SellerKind },
    buyer: { entityId: row.buyerEntityId, name: row.buyerName, region: row.buyerRegion },
    amount: row.amount,
    technicalAmount: row.technicalAmount,
    signedOn: row.signedOn,
    submittedAt: row.submittedAt.toISOString(),
    registrationNumber: row.registrationNumber,
    registeredOn: row.registeredOn,
    clock: { dueAt: clock.dueAt.toISOString(), daysUsed: clock.daysUsed, daysLeft: clock.daysLeft, overdue: clock.overdue },
    isSample: row.isSample,
  };
};

const toContract = async (tx: ReadTx, ctx: ServiceContext, row: ContractRow): Promise<TTechContract> => {
  const [names, people, today] = await readTogether(tx, [() => repo.namesOf(tx, [row.sellerId]), () => repo.userNames(tx, row.registrarId ? [row.registrarId] : []), () => centreDay(tx, row.centreId, ctx.now)] as const);
  const roles = rolesOn(ctx.user, row);
  const state = row.state as TechContractState;
  return {
    ...summaryOf(row, names.get(row.sellerId), ctx.now),
    sellerDistrictId: row.sellerDistrictId,
    sellerParkId: row.sellerParkId,
    breakdown: row.breakdown as { item: AmountItem; amount: number }[],
    patentNumbers: row.patentNumbers,
    planOrigin: row.planOrigin as PlanOrigin,
    planProject: row.planProject,
    validUntil: row.validUntil,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote,
    registrar: row.registrarId ? { id: row.registrarId, displayName: people.get(row.registrarId) ?? row.registrarId } : null,
    // Offered when only a note is missing: the form asks for it.
    actions: availableActions(techContractWorkflow, state, roles, { note: null, openIssues: checkContract(factsOf(row), today).length })
      .filter((a) => a.reasons.every((r) => r.code === 'note_required'))
      .map((a) => a.action),
    canEdit: roles.includes('seller') && (state === 'submitted' || state === 'returned'),
    importBatch: row.importBatch,
    isSample: row.isSample,
    version: row.version,
  };
};

export const getContract = async (ctx: ServiceContext, centreId: string, id: string): Promise<TTechContract> => {
  requireUser(ctx);
  return toContract(ctx.db, ctx, await visibleContract(ctx.db, ctx, centreId, id));
};

export const listContracts = async (ctx: ServiceContext, centreId: string, query: z.infer<typeof ZTechContractListQuery>): Promise<{ items: z.infer<typeof ZTechContractSummary>[]; total: number }> => {
  const user = requireUser(ctx);
  await loadCentre(ctx.db, centreId);
  const all = readsAll(user, centreId) || isRegistrar(user, centreId);
  if (!all && !user.organisationId) return { items: [], total: 0 };
  const { limit, offset, ...filter } = query;
  const { rows, total } = await repo.listContracts(ctx.db, { centreId, ...filter, ...(all ? {} : { partyId: user.organisationId as string }) }, limit, offset);
  const names = await repo.namesOf(ctx.db, rows.map((r) => r.sellerId));
  const items = rows.map((row) => summaryOf(row, names.get(row.sellerId), ctx.now));
  return { items, total };
};

// ---------------------------------------------------------------- submitting
type Resolved = Omit<repo.ContractInsert, 'id' | 'centreId' | 'state' | 'submittedAt' | 'createdAt' | 'updatedAt' | 'version'>;

/** Check an input against the registry and the rules; the row fields it resolves to, or every problem at its field. */
const resolveInput = async (tx: ReadTx, centreId: string, input: TTechContractInput, today: string, ctx: { province: string; links: Awaited<ReturnType<typeof repo.areaLinks>> }): Promise<{ fields: Resolved | null; issues: FieldIssue[] }> => {
  const issues: FieldIssue[] = [];
  const seller = await repo.findEntity(tx, centreId, input.sellerId);
  if (!seller || seller.status !== 'active') issues.push(issue('sellerId', 'unknown_seller', `No active organisation ${input.sellerId} in this centre's registry`));
  let buyerName = input.buyer.name;
  let buyerRegion = input.buyer.region;
  if (input.buyer.entityId) {
    const buyer = await repo.findEntity(tx, centreId, input.buyer.entityId);
    if (!buyer || buyer.status !== 'active') issues.push(issue('buyer.entityId', 'unknown_buyer', `No active organisation ${input.buyer.entityId} in this centre's registry`));
    else {
      buyerName = buyer.nameZh ?? buyer.nameEn;
      buyerRegion = ctx.province;
    }
  }
  const patentNumbers = input.patentNumbers.map((p) => p.trim());
  issues.push(...fromCore(checkContract({ type: input.type, sellerId: input.sellerId, buyerEntityId: input.buyer.entityId, amount: input.amount, breakdown: input.breakdown, patentNumbers, signedOn: input.signedOn, validUntil: input.validUntil }, today)));
  if (issues.length || !seller) return { fields: null, issues };
  const { district, park } = placeOf(seller.areaId, ctx.links);
  return {
    issues,
    fields: {
      contractNumber: input.contractNumber,
      contractKey: contractKey(input.contractNumber),
      title: input.title,
      type: input.type,
      field: input.field,
      sellerId: input.sellerId,
      sellerKind: sellerKindOf(seller.category),
      sellerDistrictId: district,
      sellerParkId: park,
      buyerEntityId: input.buyer.entityId,
      buyerName: buyerName ?? '',
      buyerRegion: buyerRegion ?? ctx.province,
      amount: input.amount,
      technicalAmount: technicalTransactionAmount(input.amount, input.breakdown),
      breakdown: input.breakdown,
      patentNumbers: patentNumbers.map(canonicalPatentNumber),
      planOrigin: input.planOrigin,
      planProject: input.planProject,
      signedOn: input.signedOn,
      validUntil: input.validUntil,
      isSample: input.isSample,
    },
  };
};

/** The district and park an organisation's area lies in (a park names its district through withinAreaIds). */
export const placeOf = (areaId: string | null, links: Awaited<ReturnType<typeof repo.areaLinks>>): { district: string | null; park: string | null } => {
  const byId = new Map(links.map((l) => [l.id, l]));
  let district: string | null = null;
  let park: string | null = null;
  for (let a = areaId ? byId.get(areaId) : undefined, hops = 0; a && hops < 8; a = a.parentId ? byId.get(a.parentId) : undefined, hops++) {
    if (!park && (a.kind === 'park' || a.kind === 'sub_park')) park = a.id;
    if (!district && a.kind === 'district') district = a.id;
    if (!district) district = a.withinAreaIds.map((w) => byId.get(w)).find((w) => w?.kind === 'district')?.id ?? null;
  }
  return { district, park };
};

const centreFacts = async (tx: ReadTx, centreId: string) => {
  const [centre, root, links] = await readTogether(tx, [() => loadCentre(tx, centreId), () => repo.rootArea(tx, centreId), () => repo.areaLinks(tx, centreId)] as const);
  const areaCode = root?.code ?? '000000';
  return { centre, areaCode, province: areaCode.slice(0, 2), links };
};

/** Two submissions of one contract at the same moment: the partial unique index refuses the second. */
const isUniqueViolation = (e: unknown): boolean => {
  const code = (x: unknown) => (x as { code?: unknown } | null)?.code;
  return code(e) === '23505' || code((e as { cause?: unknown } | null)?.cause) === '23505';
};
const raceLost = (): AppError => new AppError('CONFLICT', 'This contract has just been submitted by its seller', { fields: [issue('contractNumber', 'duplicate_contract', 'submitted a moment ago')] });

const duplicateError = (dup: { id: string; state: string; registrationNumber: string | null }): AppError =>
  new AppError('CONFLICT', 'This contract has already been submitted by its seller', {
    fields: [issue('contractNumber', 'duplicate_contract', dup.registrationNumber ? `already registered as ${dup.registrationNumber}` : `already submitted (${dup.state})`, { data: { existingId: dup.id, state: dup.state, registrationNumber: dup.registrationNumber } })],
  });

export const submitContract = async (ctx: ServiceContext, centreId: string, input: TTechContractInput): Promise<TTechContract> => {
  const user = requireUser(ctx);
  if (!isSellerMember(user, input.sellerId) && !isRegistrar(user, centreId)) throw new AppError('FORBIDDEN', 'Only the seller’s members (or a registrar on their behalf) may submit its contracts');
  return withWriteTx(ctx.db, async (tx) => {
    const facts = await centreFacts(tx, centreId);
    const { fields, issues } = await resolveInput(tx, centreId, input, dayIn(ctx.now, facts.centre.timezone), facts);
    if (!fields) throw invalid(issues);
    const dup = await repo.findLiveDuplicate(tx, fields.sellerId, fields.contractKey);
    if (dup) throw duplicateError(dup);
    const id = randomUUID();
    await repo.insertContracts(tx, [{ id, centreId, state: 'submitted', ...fields, submittedAt: ctx.now, submittedBy: user.id, createdAt: ctx.now, updatedAt: ctx.now }]).catch((e: unknown) => {
      throw isUniqueViolation(e) ? raceLost() : e;
    });
    const row = (await repo.findContract(tx, centreId, id)) as ContractRow;
    await audit(tx, ctx, centreId, 'tech_contract.submit', id, null, row);
    return toContract(tx, ctx, row);
  });
};

export const updateContract = async (ctx: ServiceContext, centreId: string, id: string, input: TTechContractInput & { version: number }): Promise<TTechContract> => {
  const user = requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await visibleContract(tx, ctx, centreId, id);
    if (!isSellerMember(user, before.sellerId)) throw new AppError('FORBIDDEN', 'Only the seller’s members may correct a submission');
    if (before.state !== 'submitted' && before.state !== 'returned') throw new AppError('CONFLICT', `A ${before.state.replace('_', ' ')} contract cannot be changed`, { fields: [issue('state', 'not_editable', 'only a submitted or returned contract can be corrected')] });
    if (input.sellerId !== before.sellerId) throw invalid([issue('sellerId', 'seller_fixed', 'the seller of a submission cannot change; withdraw it and submit anew')]);
    const facts = await centreFacts(tx, centreId);
    const { version, ...body } = input;
    const { fields, issues } = await resolveInput(tx, centreId, body, dayIn(ctx.now, facts.centre.timezone), facts);
    if (!fields) throw invalid(issues);
    const dup = await repo.findLiveDuplicate(tx, fields.sellerId, fields.contractKey, id);
    if (dup) throw duplicateError(dup);
    const row = await repo.updateContract(tx, id, version, { ...fields, updatedAt: ctx.now }).catch((e: unknown) => {
      throw isUniqueViolation(e) ? raceLost() : e;
    });
    if (!row) throw new AppError('CONFLICT', 'The contract changed meanwhile; reload and try again', { fields: [issue('version', 'stale_version', 'someone else changed it first')] });
    await audit(tx, ctx, centreId, 'tech_contract.update', id, before, row);
    return toContract(tx, ctx, row);
  });
};

// ---------------------------------------------------------------- the workflow
const registeredOf = (row: ContractRow): RegisteredContract => ({
  registeredOn: row.registeredOn as string,
  type: row.type as TechContractType,
  field: row.field as TechnicalField,
  sellerKind: row.sellerKind as SellerKind,
  sellerDistrictId: row.sellerDistrictId,
  sellerParkId: row.sellerParkId,
  buyerRegion: row.buyerRegion,
  amount: row.amount,
  technicalAmount: row.technicalAmount,
  isSample: row.isSample,
});

export const transitionContract = async (ctx: ServiceContext, centreId: string, id: string, body: { action: TechContractAction; note: string | null; version: number }): Promise<TTechContract> => {
  const user = requireUser(ctx);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await visibleContract(tx, ctx, centreId, id);
    if (before.version !== body.version) throw new AppError('CONFLICT', 'The contract changed meanwhile; reload and try again', { fields: [issue('version', 'stale_version', 'someone else changed it first')] });
    const facts = await centreFacts(tx, centreId);
    const today = dayIn(ctx.now, facts.centre.timezone);
    const openIssues = checkContract(factsOf(before), today);
    const outcome = fire(techContractWorkflow, { state: before.state as TechContractState, action: body.action, roles: rolesOn(user, before), context: { note: body.note, openIssues: openIssues.length } });
    if (!outcome.ok) {
      if (outcome.kind === 'role_not_allowed') throw new AppError('FORBIDDEN', `You may not ${body.action.replace('_', ' ')} this contract`);
      throw new AppError(outcome.kind === 'guard_failed' ? 'VALIDATION_FAILED' : 'CONFLICT', outcome.reasons.map((r) => r.message).join('; '), { fields: outcome.reasons.map((r) => issue(r.path ?? 'action', r.code, r.message, r.data ? { data: r.data } : {})) });
    }
    const patch: Partial<repo.ContractInsert> = { state: outcome.to, updatedAt: ctx.now };
    if (body.action === 'return' || body.action === 'decline') patch.decisionNote = body.note;
    if (body.action === 'start_review' || body.action === 'register' || body.action === 'decline' || body.action === 'return') patch.registrarId = user.id;
    for (const effect of outcome.effects) {
      if (effect.type === 'stamp') patch[effect.field] = ctx.now;
      if (effect.type === 'assign_registration_number') {
        const year = Number(today.slice(0, 4));
        patch.registrationNumber = registrationNumber(year, facts.areaCode, await repo.takeSequence(tx, centreId, year));
        patch.registeredOn = today;
      }
    }
    if (body.action === 'resubmit') {
      patch.decidedAt = null;
      patch.decisionNote = null;
    }
    const row = await repo.updateContract(tx, id, before.version, patch);
    if (!row) throw new AppError('CONFLICT', 'The contract changed meanwhile; reload and try again', { fields: [issue('version', 'stale_version', 'someone else changed it first')] });
    if (row.state === 'registered') await repo.addToStats(tx, centreId, aggregate([registeredOf(row)]));
    await audit(tx, ctx, centreId, `tech_contract.${body.action}`, id, { state: before.state, version: before.version }, { state: row.state, version: row.version, note: body.note, registrationNumber: row.registrationNumber });
    return toContract(tx, ctx, row);
  });
};

// ---------------------------------------------------------------- statistics
type GrowthRow = StatRow & { contractsGrowth: number | null; amountGrowth: number | null; technicalAmountGrowth: number | null };
/** Cells with their growth over the matching cell of `previous` (matched by `keyOf`). */
const withGrowth = (rows: repo.StatRowDb[], previous: repo.StatRowDb[], keyOf: (r: repo.StatRowDb) => string): GrowthRow[] => {
  const before = new Map(previous.map((p) => [keyOf(p), p]));
  return rows.map((r) => {
    const p = before.get(keyOf(r));
    return {
      key: r.key,
      key2: r.key2,
      contracts: r.contracts,
      amount: r.amount,
      technicalAmount: r.technicalAmount,
      isSample: r.samples > 0,
      suppressed: false,
      contractsGrowth: growth(r.contracts, p?.contracts),
      amountGrowth: growth(r.amount, p?.amount),
      technicalAmountGrowth: growth(r.technicalAmount, p?.technicalAmount),
    };
  });
};
const byKey = (r: repo.StatRowDb) => `${r.key}|${r.key2}`;

/** Hide small cells, and their growth with them (a growth rate would reveal the count). */
const hideSmall = <T extends GrowthRow>(rows: T[], apply: boolean): T[] => {
  if (!apply) return rows;
  const hidden = suppressSmallCells(rows, MIN_PUBLIC_CELL);
  return rows.map((r, i) => (hidden[i]?.suppressed ? { ...r, ...hidden[i], contractsGrowth: null, amountGrowth: null, technicalAmountGrowth: null } : r));
};

export const contractStatistics = async (ctx: ServiceContext, centreId: string, query: { dimension: StatDimension; year?: number | undefined }): Promise<TStatistics> => {
  const tx = ctx.db;
  await loadCentre(tx, centreId);
  const suppress = !readsAll(ctx.user, centreId);
  const years = await repo.readStats(tx, centreId, 'total', {});
  const year = query.year ?? years.at(-1)?.year ?? null;
  const [months, current, previous, published, links] = await readTogether(tx, [
    () => (year === null ? Promise.resolve([]) : repo.readStats(tx, centreId, 'total', { years: [year], byMonth: true })),
    () => (year === null ? Promise.resolve([]) : repo.readStats(tx, centreId, query.dimension, { years: [year] })),
    () => (year === null ? Promise.resolve([]) : repo.readStats(tx, centreId, query.dimension, { years: [year - 1] })),
    () => publishedFigures(tx, centreId, [{ prefix: 'tech_contract' }]),
    () => repo.areaLinks(tx, centreId),
  ] as const);
  // A year's growth is over the year before: shift each year on by one and match by year.
  const byYear = withGrowth(years, years.map((y) => ({ ...y, year: y.year + 1 })), (r) => String(r.year)).map((r, i) => ({ ...r, year: years[i]?.year ?? 0 }));
  const rows = hideSmall(withGrowth(current, previous, byKey), suppress).sort((a, b) => (b.amount ?? -1) - (a.amount ?? -1) || a.key.localeCompare(b.key));
  return {
    dimension: query.dimension,
    year,
    byYear: suppress ? byYear.map((r) => ({ ...hideSmall([r], true)[0]!, year: r.year })) : byYear,
    byMonth: hideSmall(withGrowth(months, [], byKey), suppress).map((r, i) => ({ ...r, month: months[i]?.month ?? 0 })),
    rows,
    suppression: { applied: suppress, minCell: MIN_PUBLIC_CELL },
    published: published.map((p) => ({ ...p, value: p.value === null ? null : Number(p.value) })),
    areas: Object.fromEntries(links.filter((l) => l.kind === 'district' || l.kind === 'park' || l.kind === 'sub_park').map((l) => [l.id, { nameZh: l.nameZh, nameEn: l.nameEn }])),
  };
};

/** Rebuild a centre's statistics cells from its contracts (after a bulk load, or to check the incremental cells). */
export const rebuildStatistics = async (ctx: ServiceContext, centreId: string): Promise<void> =>
  withWriteTx(ctx.db, async (tx) => {
    await loadCentre(tx, centreId);
    await repo.rebuildStats(tx, centreId);
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'tech_contract.rebuild_statistics', entityType: 'centre', entityId: centreId, centreId, before: null, after: null, requestId: ctx.requestId });
  });

export { cellsOf };
