import { randomUUID } from 'node:crypto';
import { computeFunnel, rateBook, sumRounds, unicornEvents, unicornsAt, unicornsAtYearEnd, yearOfDate, type UnicornInput } from '../../../core/finance/index.js';
import type { RoundStage } from '../../../shared/finance-vocabulary.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { TExit, TExitInput, TFinanceStatistics, TFxRate, TRound, TRoundInput, TRoundListQuery, TUnicornReport } from '../../../shared/schemas/finance.js';
import { readTogether, withWriteTx, type ReadTx, type WriteTx } from '../../../db/tx.js';
import { auditWrite } from '../../audit.js';
import { assertCentreScope, type ServiceContext } from '../../context.js';
import { AppError, bodyIssue, invalidBody, staleVersion } from '../../errors.js';
import { findCentre } from '../contracts/contracts.repository.js';
import { FINANCE_INDICATORS, PUBLISHED_UNICORN_CODE, SUM_CURRENCY } from './finance-statistics.js';
import { publishedFigures } from '../indicators/indicators.repository.js';
import { centreDay } from '../centres/centre-calendar.js';
import * as repo from './finance.repository.js';

/**
 * S&T finance: investment rounds, exits (listings, acquisitions), the
 * exchange rates users enter, the unicorn tracker and the funnel. Records are
 * read by the centre's officers and analysts (centre:read) and kept by
 * holders of finance:manage; every write is audited in its transaction.
 */

const loadCentre = async (tx: ReadTx, centreId: string) => {
  const centre = await findCentre(tx, centreId);
  if (!centre) throw new AppError('NOT_FOUND', `No centre ${centreId}`);
  return centre;
};

const readScope = async (ctx: ServiceContext, centreId: string) => {
  assertCentreScope(ctx, centreId);
  await loadCentre(ctx.db, centreId);
};

/** An organisation named by a record must be an active, non-person record of the centre's registry. */
const checkOrganisation = async (tx: ReadTx, centreId: string, entityId: string, path: string, issues: FieldIssue[]) => {
  const org = await repo.findOrganisation(tx, centreId, entityId);
  if (!org || org.status !== 'active' || org.category === 'person') issues.push(bodyIssue(path, 'unknown_entity', `No active organisation ${entityId} in this centre's registry`));
  return org;
};

type Org = { id: string; nameZh: string | null; nameEn: string; areaId: string | null };
const orgOut = (id: string, names: Map<string, Org>) => {
  const o = names.get(id);
  return { id, nameZh: o?.nameZh ?? null, nameEn: o?.nameEn ?? id };
};

// ---------------------------------------------------------------- rounds
const toRounds = async (tx: ReadTx, rows: repo.RoundRow[]): Promise<TRound[]> => {
  const investors = await repo.investorsOf(tx, rows.map((r) => r.id));
  const names = await repo.namesOf(tx, rows.map((r) => r.investeeId));
  return rows.map((r) => ({
    id: r.id,
    investee: { ...orgOut(r.investeeId, names), areaId: names.get(r.investeeId)?.areaId ?? null },
    announcedOn: r.announcedOn,
    stage: r.stage as RoundStage,
    amount: r.amount,
    currency: r.currency,
    postMoneyValuation: r.postMoneyValuation,
    investors: (investors.get(r.id) ?? []).map((i) => ({ name: i.name, entityId: i.entityId, isLead: i.isLead })),
    sourceNote: r.sourceNote,
    sourceUrl: r.sourceUrl,
    isSample: r.isSample,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
};

export const listRounds = async (ctx: ServiceContext, centreId: string, query: TRoundListQuery) => {
  await readScope(ctx, centreId);
  const { limit, offset, ...filter } = query;
  const { rows, total } = await repo.listRounds(ctx.db, { centreId, ...filter }, limit, offset);
  return { items: await toRounds(ctx.db, rows), total };
};

const loadRound = async (tx: ReadTx, centreId: string, id: string) => {
  const row = await repo.findRound(tx, centreId, id);
  if (!row) throw new AppError('NOT_FOUND', `No investment round ${id}`);
  return row;
};

export const getRound = async (ctx: ServiceContext, centreId: string, id: string): Promise<TRound> => {
  await readScope(ctx, centreId);
  return (await toRounds(ctx.db, [await loadRound(ctx.db, centreId, id)]))[0] as TRound;
};

/** Check a round's organisations and investors; the investors as rows (a registry investor takes its registry name when none is given). */
const checkRound = async (tx: ReadTx, centreId: string, input: TRoundInput) => {
  const issues: FieldIssue[] = [];
  await checkOrganisation(tx, centreId, input.investeeId, 'investeeId', issues);
  const investors: { position: number; name: string; entityId: string | null; isLead: boolean }[] = [];
  for (const [i, inv] of input.investors.entries()) {
    let name = inv.name;
    if (inv.entityId) {
      const org = await checkOrganisation(tx, centreId, inv.entityId, `investors.${i}.entityId`, issues);
      if (inv.entityId === input.investeeId) issues.push(bodyIssue(`investors.${i}.entityId`, 'self_investment', 'a company cannot be its own investor'));
      if (!name && org) name = org.nameZh ?? org.nameEn;
    }
    if (!name) issues.push(bodyIssue(`investors.${i}.name`, 'required', 'name the investor or pick it from the registry'));
    investors.push({ position: i, name, entityId: inv.entityId, isLead: inv.isLead });
  }
  if (input.amount !== null && input.postMoneyValuation !== null && input.postMoneyValuation < input.amount) issues.push(bodyIssue('postMoneyValuation', 'below_amount', 'the post-money valuation cannot be less than the amount raised'));
  if (issues.length) throw invalidBody(issues);
  return investors;
};

const roundColumns = (input: TRoundInput) => ({ investeeId: input.investeeId, announcedOn: input.announcedOn, stage: input.stage, amount: input.amount, currency: input.currency, postMoneyValuation: input.postMoneyValuation, sourceNote: input.sourceNote, sourceUrl: input.sourceUrl, isSample: input.isSample });

const snapshot = async (tx: ReadTx, centreId: string, id: string) => {
  const row = await repo.findRound(tx, centreId, id);
  return row ? { ...row, investors: (await repo.investorsOf(tx, [id])).get(id) ?? [] } : null;
};

export const createRound = async (ctx: ServiceContext, centreId: string, input: TRoundInput): Promise<TRound> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    await loadCentre(tx, centreId);
    const investors = await checkRound(tx, centreId, input);
    const id = randomUUID();
    await repo.insertRound(tx, { id, centreId, ...roundColumns(input), createdBy: ctx.user?.id ?? null, createdAt: ctx.now, updatedAt: ctx.now });
    await repo.replaceInvestors(tx, id, investors);
    await auditWrite(tx, ctx, centreId, 'investment_round.create', 'investment_round', id, null, await snapshot(tx, centreId, id));
    return (await toRounds(tx, [await loadRound(tx, centreId, id)]))[0] as TRound;
  });
};

export const updateRound = async (ctx: ServiceContext, centreId: string, id: string, input: TRoundInput & { version: number }): Promise<TRound> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    await loadRound(tx, centreId, id);
    const before = await snapshot(tx, centreId, id);
    const investors = await checkRound(tx, centreId, input);
    const row = await repo.updateRound(tx, id, input.version, { ...roundColumns(input), updatedAt: ctx.now });
    if (!row) throw staleVersion('The investment round');
    await repo.replaceInvestors(tx, id, investors);
    await auditWrite(tx, ctx, centreId, 'investment_round.update', 'investment_round', id, before, await snapshot(tx, centreId, id));
    return (await toRounds(tx, [row]))[0] as TRound;
  });
};

export const deleteRound = async (ctx: ServiceContext, centreId: string, id: string): Promise<void> => {
  assertCentreScope(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    await loadRound(tx, centreId, id);
    const before = await snapshot(tx, centreId, id);
    await repo.deleteRound(tx, id);
    await auditWrite(tx, ctx, centreId, 'investment_round.delete', 'investment_round', id, before, null);
  });
};

// ---------------------------------------------------------------- exits
const toExits = async (tx: ReadTx, rows: repo.ExitRow[]): Promise<TExit[]> => {
  const names = await repo.namesOf(tx, rows.flatMap((r) => [r.entityId, ...(r.acquirerId ? [r.acquirerId] : [])]));
  return rows.map((r) => ({
    id: r.id,
    entity: orgOut(r.entityId, names),
    kind: r.kind as TExit['kind'],
    exitOn: r.exitOn,
    board: r.board as TExit['board'],
    code: r.code,
    acquirer: r.kind === 'acquisition' ? { id: r.acquirerId, name: r.acquirerName ?? (r.acquirerId ? (names.get(r.acquirerId)?.nameZh ?? names.get(r.acquirerId)?.nameEn ?? r.acquirerId) : '') } : null,
    sourceNote: r.sourceNote,
    sourceUrl: r.sourceUrl,
    isSample: r.isSample,
    version: r.version,
  }));
};

export const listExits = async (ctx: ServiceContext, centreId: string, entityId?: string): Promise<TExit[]> => {
  await readScope(ctx, centreId);
  return toExits(ctx.db, await repo.listExits(ctx.db, centreId, entityId));
};

const loadExit = async (tx: ReadTx, centreId: string, id: string) => {
  const row = await repo.findExit(tx, centreId, id);
  if (!row) throw new AppError('NOT_FOUND', `No listing or acquisition ${id}`);
  return row;
};

const checkExit = async (tx: ReadTx, centreId: string, input: TExitInput, id: string | null) => {
  const issues: FieldIssue[] = [];
  await checkOrganisation(tx, centreId, input.entityId, 'entityId', issues);
  if (input.kind === 'listing') {
    if (!input.board) issues.push(bodyIssue('board', 'required', 'a listing names its board'));
    if (!input.code) issues.push(bodyIssue('code', 'required', 'a listing names its security code'));
    if (input.acquirerId || input.acquirerName) issues.push(bodyIssue('acquirerId', 'not_for_listing', 'a listing has no acquirer'));
    if (input.board && input.code && (await repo.findListing(tx, centreId, input.board, input.code, id))) issues.push(bodyIssue('code', 'duplicate_listing', `${input.code} is already recorded on this board`));
  } else {
    if (input.board || input.code) issues.push(bodyIssue('board', 'not_for_acquisition', 'an acquisition has no board or code'));
    if (!input.acquirerId && !input.acquirerName) issues.push(bodyIssue('acquirerName', 'required', 'name the acquirer or pick it from the registry'));
    if (input.acquirerId) await checkOrganisation(tx, centreId, input.acquirerId, 'acquirerId', issues);
    if (input.acquirerId && input.acquirerId === input.entityId) issues.push(bodyIssue('acquirerId', 'self_acquisition', 'a company cannot acquire itself'));
  }
  if (issues.length) throw invalidBody(issues);
};

const exitColumns = (input: TExitInput) => ({ entityId: input.entityId, kind: input.kind, exitOn: input.exitOn, board: input.board, code: input.code, acquirerId: input.acquirerId, acquirerName: input.acquirerName, sourceNote: input.sourceNote, sourceUrl: input.sourceUrl, isSample: input.isSample });

export const createExit = async (ctx: ServiceContext, centreId: string, input: TExitInput): Promise<TExit> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    await loadCentre(tx, centreId);
    await checkExit(tx, centreId, input, null);
    const id = randomUUID();
    await repo.insertExit(tx, { id, centreId, ...exitColumns(input), createdAt: ctx.now, updatedAt: ctx.now });
    const row = await loadExit(tx, centreId, id);
    await auditWrite(tx, ctx, centreId, 'company_exit.create', 'company_exit', id, null, row);
    return (await toExits(tx, [row]))[0] as TExit;
  });
};

export const updateExit = async (ctx: ServiceContext, centreId: string, id: string, input: TExitInput & { version: number }): Promise<TExit> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const before = await loadExit(tx, centreId, id);
    await checkExit(tx, centreId, input, id);
    const row = await repo.updateExit(tx, id, input.version, { ...exitColumns(input), updatedAt: ctx.now });
    if (!row) throw staleVersion('The listing or acquisition');
    await auditWrite(tx, ctx, centreId, 'company_exit.update', 'company_exit', id, before, row);
    return (await toExits(tx, [row]))[0] as TExit;
  });
};

export const deleteExit = async (ctx: ServiceContext, centreId: string, id: string): Promise<void> => {
  assertCentreScope(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    const before = await loadExit(tx, centreId, id);
    await repo.deleteExit(tx, id);
    await auditWrite(tx, ctx, centreId, 'company_exit.delete', 'company_exit', id, before, null);
  });
};

// ---------------------------------------------------------------- rates
export const listRates = async (ctx: ServiceContext, centreId: string): Promise<TFxRate[]> => {
  await readScope(ctx, centreId);
  return (await repo.listRates(ctx.db, centreId)).map((r) => ({ currency: r.currency, year: r.year, usdPerUnit: r.usdPerUnit, sourceNote: r.sourceNote }));
};

export const putRate = async (ctx: ServiceContext, centreId: string, input: TFxRate): Promise<TFxRate[]> => {
  assertCentreScope(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    await loadCentre(tx, centreId);
    const before = (await repo.findRate(tx, centreId, input.currency, input.year)) ?? null;
    await repo.upsertRate(tx, { centreId, ...input, updatedAt: ctx.now });
    await auditWrite(tx, ctx, centreId, 'fx_rate.put', 'fx_rate', `${input.currency}-${input.year}`, before, input);
  });
  return listRates(ctx, centreId);
};

export const deleteRate = async (ctx: ServiceContext, centreId: string, currency: string, year: number): Promise<void> => {
  assertCentreScope(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    const before = await repo.findRate(tx, centreId, currency, year);
    if (!before) throw new AppError('NOT_FOUND', `No ${currency} rate for ${year}`);
    await repo.deleteRate(tx, centreId, currency, year);
    await auditWrite(tx, ctx, centreId, 'fx_rate.delete', 'fx_rate', `${currency}-${year}`, before, null);
  });
};

// ---------------------------------------------------------------- unicorns and statistics

export const unicornReport = async (ctx: ServiceContext, centreId: string, date: string | undefined): Promise<TUnicornReport> => {
  await readScope(ctx, centreId);
  const [records, published] = await readTogether(ctx.db, [() => repo.financeRecords(ctx.db, centreId), () => publishedFigures(ctx.db, centreId, [{ codes: [PUBLISHED_UNICORN_CODE] }])] as const);
  const day = date ?? (await centreDay(ctx.db, centreId, ctx.now));
  const input: UnicornInput = { recognitions: records.recognitions, rounds: records.rounds, exits: records.exits, rates: records.rates };
  const statuses = unicornsAt(input, day);
  const events = unicornEvents(input, day);
  const names = await repo.namesOf(ctx.db, [...statuses.map((s) => s.entityId), ...events.map((e) => e.entityId)]);
  const book = rateBook(records.rates);
  const missing = new Map<string, { currency: string; year: number }>();
  for (const r of records.rounds) {
    if (r.postMoneyValuation === null || r.currency === 'USD') continue;
    const year = yearOfDate(r.announcedOn);
    if (!book.has(`${r.currency}|${year}`)) missing.set(`${r.currency}|${year}`, { currency: r.currency, year });
  }
  const years = [...records.rounds.map((r) => r.announcedOn), ...records.recognitions.flatMap((r) => (r.validFrom ? [r.validFrom] : []))].map(yearOfDate);
  const lastYear = Number(day.slice(0, 4));
  const byYearEnd: TUnicornReport['byYearEnd'] = [];
  if (years.length) for (let y = Math.min(...years); y <= lastYear; y++) byYearEnd.push({ year: y, unicorns: unicornsAtYearEnd(input, y).length });
  const out = (s: (typeof statuses)[number]) => ({ entity: orgOut(s.entityId, names), unicorn: s.unicorn, bases: s.bases, latestValuation: s.latestValuation, exit: s.exit });
  return {
    date: day,
    unicorns: statuses.filter((s) => s.unicorn).map(out),
    others: statuses.filter((s) => !s.unicorn).map(out),
    events: events.map((e) => ({ entity: orgOut(e.entityId, names), date: e.date, event: e.event, reason: e.reason })).reverse(),
    missingRates: [...missing.values()].sort((a, b) => a.currency.localeCompare(b.currency) || a.year - b.year),
    byYearEnd,
    published,
  };
};

export const financeStatistics = async (ctx: ServiceContext, centreId: string): Promise<TFinanceStatistics> => {
  await readScope(ctx, centreId);
  const codes = FINANCE_INDICATORS.map((i) => i.code);
  const [records, areas, published, derived] = await readTogether(ctx.db, [() => repo.financeRecords(ctx.db, centreId), () => repo.areaNames(ctx.db, centreId), () => publishedFigures(ctx.db, centreId, [{ codes: [PUBLISHED_UNICORN_CODE, ...codes] }]), () => repo.derivedFigures(ctx.db, centreId, codes)] as const);
  const rounds = records.rounds.map((r) => ({ ...r, stage: r.stage as RoundStage }));
  const sample = new Map(rounds.map((r) => [r.id, r.isSample]));
  const funnel = computeFunnel(rounds, records.exits.filter((e) => e.kind === 'listing'));
  const cells = sumRounds(rounds, records.rates, SUM_CURRENCY);
  return {
    currency: SUM_CURRENCY,
    funnel: funnel.map((row) => ({ cohort: row.cohort, steps: row.steps.map(({ entityIds: _ids, ...s }) => s) })),
    cells: cells.map(({ roundIds, convertedIds: _c, ...c }) => ({ ...c, samples: roundIds.filter((id) => sample.get(id)).length })),
    areas: Object.fromEntries(areas.map((a) => [a.id, { nameZh: a.nameZh, nameEn: a.nameEn }])),
    published,
    derived,
  };
};
