import { and, asc, count, desc, eq, inArray, like, ne, sql, type SQL } from 'drizzle-orm';
import { areas, companyExits, entities, fxRates, indicators, investmentRoundInvestors, investmentRounds, observations, recognitions } from '../../../db/schema/index.js';
import { readTogether, type ReadTx, type WriteTx } from '../../../db/tx.js';
import { UNICORN_RECOGNITION } from '../../../shared/finance-vocabulary.js';

export type RoundRow = typeof investmentRounds.$inferSelect;
export type InvestorRow = typeof investmentRoundInvestors.$inferSelect;
export type ExitRow = typeof companyExits.$inferSelect;

export const findOrganisation = async (tx: ReadTx, centreId: string, id: string) =>
  (await tx.select({ id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn, areaId: entities.areaId, category: entities.category, status: entities.status }).from(entities).where(and(eq(entities.centreId, centreId), eq(entities.id, id))))[0];

export const namesOf = async (tx: ReadTx, ids: readonly string[]) => {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, { id: string; nameZh: string | null; nameEn: string; areaId: string | null }>();
  const rows = await tx.select({ id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn, areaId: entities.areaId }).from(entities).where(inArray(entities.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
};

export type RoundFilter = { centreId: string; investeeId?: string | undefined; investorId?: string | undefined; stage?: string | undefined; year?: number | undefined; areaId?: string | undefined };

const roundWhere = (f: RoundFilter): SQL => {
  const parts: SQL[] = [eq(investmentRounds.centreId, f.centreId)];
  if (f.investeeId) parts.push(eq(investmentRounds.investeeId, f.investeeId));
  if (f.stage) parts.push(eq(investmentRounds.stage, f.stage));
  if (f.year) parts.push(like(investmentRounds.announcedOn, `${f.year}-%`));
  if (f.investorId) parts.push(sql`exists (select 1 from ${investmentRoundInvestors} i where i.round_id = ${investmentRounds.id} and i.entity_id = ${f.investorId})`);
  if (f.areaId) parts.push(sql`exists (select 1 from ${entities} e where e.id = ${investmentRounds.investeeId} and (e.area_id = ${f.areaId} or e.area_id in (select a.id from ${areas} a where a.parent_id = ${f.areaId} or ${f.areaId} = any(a.within_area_ids))))`);
  return and(...parts) as SQL;
};

export const listRounds = async (tx: ReadTx, f: RoundFilter, limit: number, offset: number) => {
  const where = roundWhere(f);
  const [rows, [total]] = await Promise.all([
    tx.select().from(investmentRounds).where(where).orderBy(desc(investmentRounds.announcedOn), asc(investmentRounds.id)).limit(limit).offset(offset),
    tx.select({ n: count() }).from(investmentRounds).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
};

export const findRound = async (tx: ReadTx, centreId: string, id: string): Promise<RoundRow | undefined> =>
  (await tx.select().from(investmentRounds).where(and(eq(investmentRounds.centreId, centreId), eq(investmentRounds.id, id))))[0];

export const investorsOf = async (tx: ReadTx, roundIds: readonly string[]): Promise<Map<string, InvestorRow[]>> => {
  const out = new Map<string, InvestorRow[]>();
  if (!roundIds.length) return out;
  const rows = await tx.select().from(investmentRoundInvestors).where(inArray(investmentRoundInvestors.roundId, [...roundIds])).orderBy(asc(investmentRoundInvestors.position));
  for (const r of rows) out.set(r.roundId, [...(out.get(r.roundId) ?? []), r]);
  return out;
};

export const insertRound = async (tx: WriteTx, row: typeof investmentRounds.$inferInsert) => {
  await tx.insert(investmentRounds).values(row);
};
export const updateRound = async (tx: WriteTx, id: string, version: number, patch: Partial<typeof investmentRounds.$inferInsert>): Promise<RoundRow | undefined> =>
  (await tx.update(investmentRounds).set({ ...patch, version: version + 1 }).where(and(eq(investmentRounds.id, id), eq(investmentRounds.version, version))).returning())[0];
export const deleteRound = async (tx: WriteTx, id: string) => {
  await tx.delete(investmentRounds).where(eq(investmentRounds.id, id));
};
export const replaceInvestors = async (tx: WriteTx, roundId: string, rows: Omit<InvestorRow, 'roundId'>[]) => {
  await tx.delete(investmentRoundInvestors).where(eq(investmentRoundInvestors.roundId, roundId));
  if (rows.length) await tx.insert(investmentRoundInvestors).values(rows.map((r) => ({ ...r, roundId })));
};

export const listExits = (tx: ReadTx, centreId: string, entityId?: string) =>
  tx.select().from(companyExits).where(and(eq(companyExits.centreId, centreId), ...(entityId ? [eq(companyExits.entityId, entityId)] : []))).orderBy(desc(companyExits.exitOn), asc(companyExits.id));
export const findExit = async (tx: ReadTx, centreId: string, id: string): Promise<ExitRow | undefined> =>
  (await tx.select().from(companyExits).where(and(eq(companyExits.centreId, centreId), eq(companyExits.id, id))))[0];
export const findListing = async (tx: ReadTx, centreId: string, board: string, code: string, notId: string | null) =>
  (await tx.select({ id: companyExits.id }).from(companyExits).where(and(eq(companyExits.centreId, centreId), eq(companyExits.kind, 'listing'), eq(companyExits.board, board), eq(companyExits.code, code), ...(notId ? [ne(companyExits.id, notId)] : []))))[0];
export const insertExit = async (tx: WriteTx, row: typeof companyExits.$inferInsert) => {
  await tx.insert(companyExits).values(row);
};
export const updateExit = async (tx: WriteTx, id: string, version: number, patch: Partial<typeof companyExits.$inferInsert>): Promise<ExitRow | undefined> =>
  (await tx.update(companyExits).set({ ...patch, version: version + 1 }).where(and(eq(companyExits.id, id), eq(companyExits.version, version))).returning())[0];
export const deleteExit = async (tx: WriteTx, id: string) => {
  await tx.delete(companyExits).where(eq(companyExits.id, id));
};

export const listRates = (tx: ReadTx, centreId: string) => tx.select().from(fxRates).where(eq(fxRates.centreId, centreId)).orderBy(asc(fxRates.currency), asc(fxRates.year));
export const findRate = async (tx: ReadTx, centreId: string, currency: string, year: number) =>
  (await tx.select().from(fxRates).where(and(eq(fxRates.centreId, centreId), eq(fxRates.currency, currency), eq(fxRates.year, year))))[0];
export const upsertRate = async (tx: WriteTx, row: typeof fxRates.$inferInsert) => {
  await tx.insert(fxRates).values(row).onConflictDoUpdate({ target: [fxRates.centreId, fxRates.currency, fxRates.year], set: { usdPerUnit: row.usdPerUnit, sourceNote: row.sourceNote ?? null, updatedAt: row.updatedAt } });
};
export const deleteRate = async (tx: WriteTx, centreId: string, currency: string, year: number) =>
  (await tx.delete(fxRates).where(and(eq(fxRates.centreId, centreId), eq(fxRates.currency, currency), eq(fxRates.year, year))).returning()).length > 0;

/** Everything the statistics and the unicorn tracker read: all rounds (with the investee's area), exits, unicorn recognitions and rates. */
export const financeRecords = async (tx: ReadTx, centreId: string) => {
  const [rounds, exits, recs, rates] = await readTogether(tx, [
    () =>
      tx
        .select({ id: investmentRounds.id, entityId: investmentRounds.investeeId, announcedOn: investmentRounds.announcedOn, stage: investmentRounds.stage, amount: investmentRounds.amount, currency: investmentRounds.currency, postMoneyValuation: investmentRounds.postMoneyValuation, isSample: investmentRounds.isSample, areaId: entities.areaId })
        .from(investmentRounds)
        .innerJoin(entities, eq(entities.id, investmentRounds.investeeId))
        .where(eq(investmentRounds.centreId, centreId))
        .orderBy(asc(investmentRounds.announcedOn), asc(investmentRounds.id)),
    () =>
      tx.select({ id: companyExits.id, entityId: companyExits.entityId, kind: companyExits.kind, exitOn: companyExits.exitOn, isSample: companyExits.isSample }).from(companyExits).where(eq(companyExits.centreId, centreId)),
    () =>
      tx
        .select({ id: recognitions.id, entityId: recognitions.entityId, validFrom: recognitions.validFrom, validTo: recognitions.validTo, isSample: entities.isSample, areaId: entities.areaId })
        .from(recognitions)
        .innerJoin(entities, eq(entities.id, recognitions.entityId))
        .where(and(eq(entities.centreId, centreId), eq(entities.status, 'active'), eq(recognitions.type, UNICORN_RECOGNITION), eq(entities.isGeneric, false))),
    () =>
      tx.select({ currency: fxRates.currency, year: fxRates.year, usdPerUnit: fxRates.usdPerUnit }).from(fxRates).where(eq(fxRates.centreId, centreId)),
  ] as const);
  return { rounds, exits: exits.map((e) => ({ ...e, kind: e.kind as 'listing' | 'acquisition' })), recognitions: recs, rates };
};

export const areaNames = (tx: ReadTx, centreId: string) => tx.select({ id: areas.id, nameZh: areas.nameZh, nameEn: areas.nameEn }).from(areas).where(eq(areas.centreId, centreId));

export const derivedFigures = (tx: ReadTx, centreId: string, codes: readonly string[]) =>
  tx
    .select({ indicatorCode: indicators.code, period: observations.period, areaId: observations.areaId, value: observations.value })
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .where(and(eq(indicators.centreId, centreId), inArray(indicators.code, [...codes]), eq(observations.provenance, 'derived'), eq(observations.status, 'measured')))
    .orderBy(asc(indicators.code), asc(observations.period));
