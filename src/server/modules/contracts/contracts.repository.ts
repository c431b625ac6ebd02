import { and, asc, count, desc, eq, ilike, inArray, isNull, like, ne, or, sql, type SQL } from 'drizzle-orm';
import type { StatCellKey } from '../../../core/contracts/index.js';
import { LIVE_TECH_CONTRACT_STATES } from '../../../core/workflow/index.js';
import { areas, centres, entities, techContracts, techContractSequences, techContractStats, users } from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';

export type ContractRow = typeof techContracts.$inferSelect;
export type ContractInsert = typeof techContracts.$inferInsert;

export const findCentre = async (tx: ReadTx, centreId: string) =>
  (await tx.select({ id: centres.id, timezone: centres.timezone }).from(centres).where(eq(centres.id, centreId)))[0];

/** The centre's top area: its code names the province and prefixes registration numbers. */
export const rootArea = async (tx: ReadTx, centreId: string) =>
  (await tx.select({ id: areas.id, code: areas.code }).from(areas).where(and(eq(areas.centreId, centreId), isNull(areas.parentId))).orderBy(asc(areas.sortOrder), asc(areas.id)).limit(1))[0];

export const areaLinks = (tx: ReadTx, centreId: string) =>
  tx.select({ id: areas.id, kind: areas.kind, parentId: areas.parentId, withinAreaIds: areas.withinAreaIds, nameZh: areas.nameZh, nameEn: areas.nameEn }).from(areas).where(eq(areas.centreId, centreId));

export const findEntity = async (tx: ReadTx, centreId: string, id: string) =>
  (await tx.select({ id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn, category: entities.category, areaId: entities.areaId, status: entities.status, uscc: entities.uscc }).from(entities).where(and(eq(entities.centreId, centreId), eq(entities.id, id))))[0];

export type Organisation = { id: string; nameZh: string | null; nameEn: string; category: string; areaId: string | null };

/** Organisations an import may name as seller or buyer, by id, USCC or either name (lower case), read once for the whole file. */
export const organisationLookup = async (tx: ReadTx, centreId: string): Promise<Map<string, Organisation>> => {
  const rows = await tx.select({ id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn, uscc: entities.uscc, category: entities.category, areaId: entities.areaId }).from(entities).where(and(eq(entities.centreId, centreId), eq(entities.status, 'active'), ne(entities.category, 'person')));
  const out = new Map<string, Organisation>();
  for (const { uscc, ...r } of rows) for (const key of [r.id, uscc, r.nameZh, r.nameEn]) if (key) out.set(key.trim().toLowerCase(), r);
  return out;
};

/** Live submissions among these (seller, contract key) pairs, keyed `seller|key`: one query per thousand pairs. */
export const findLiveDuplicates = async (tx: ReadTx, pairs: readonly { sellerId: string; contractKey: string }[]): Promise<Map<string, { id: string; state: string; registrationNumber: string | null }>> => {
  const out = new Map<string, { id: string; state: string; registrationNumber: string | null }>();
  for (let i = 0; i < pairs.length; i += 1000) {
    const part = pairs.slice(i, i + 1000);
    const res = (await tx.execute(sql`
      select t.id, t.state, t.registration_number, t.seller_id, t.contract_key
      from tech_contracts t
      join unnest(${sql.param(part.map((p) => p.sellerId))}::text[], ${sql.param(part.map((p) => p.contractKey))}::text[]) as k(seller_id, contract_key)
        on t.seller_id = k.seller_id and t.contract_key = k.contract_key
      where t.state in ('submitted', 'under_review', 'returned', 'registered')`)) as unknown as { rows: { id: string; state: string; registration_number: string | null; seller_id: string; contract_key: string }[] };
    for (const r of res.rows) out.set(`${r.seller_id}|${r.contract_key}`, { id: r.id, state: r.state, registrationNumber: r.registration_number });
  }
  return out;
};

export const namesOf = async (tx: ReadTx, ids: readonly string[]) => {
  if (ids.length === 0) return new Map<string, { id: string; nameZh: string | null; nameEn: string }>();
  const rows = await tx.select({ id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn }).from(entities).where(inArray(entities.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
};

export const userNames = async (tx: ReadTx, ids: readonly string[]) => {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await tx.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.displayName]));
};

export const findContract = async (tx: ReadTx, centreId: string, id: string): Promise<ContractRow | undefined> =>
  (await tx.select().from(techContracts).where(and(eq(techContracts.centreId, centreId), eq(techContracts.id, id))))[0];

/** A live submission (submitted, under review, returned or registered) of the same contract by the same seller. */
export const findLiveDuplicate = async (tx: ReadTx, sellerId: string, contractKey: string, exceptId: string | null = null) =>
  (
    await tx
      .select({ id: techContracts.id, state: techContracts.state, registrationNumber: techContracts.registrationNumber })
      .from(techContracts)
      .where(and(eq(techContracts.sellerId, sellerId), eq(techContracts.contractKey, contractKey), inArray(techContracts.state, [...LIVE_TECH_CONTRACT_STATES]), ...(exceptId ? [ne(techContracts.id, exceptId)] : [])))
      .limit(1)
  )[0];

export const insertContracts = async (tx: WriteTx, rows: ContractInsert[]): Promise<void> => {
  // Bounded batches keep each statement under PostgreSQL's parameter limit.
  for (let i = 0; i < rows.length; i += 500) await tx.insert(techContracts).values(rows.slice(i, i + 500));
};

export const updateContract = async (tx: WriteTx, id: string, version: number, patch: Partial<ContractInsert>): Promise<ContractRow | undefined> =>
  (await tx.update(techContracts).set({ ...patch, version: version + 1 }).where(and(eq(techContracts.id, id), eq(techContracts.version, version))).returning())[0];

/** The next registration sequence numbers of a centre's year, taken under the row lock of the upsert. */
export const takeSequence = async (tx: WriteTx, centreId: string, year: number, n = 1): Promise<number> => {
  const [row] = await tx
    .insert(techContractSequences)
    .values({ centreId, year, last: n })
    .onConflictDoUpdate({ target: [techContractSequences.centreId, techContractSequences.year], set: { last: sql`${techContractSequences.last} + ${n}` } })
    .returning({ last: techContractSequences.last });
  return (row?.last ?? n) - n + 1;
};

/** Add measures to roll-up cells (one statement per batch of cells). */
export const addToStats = async (tx: WriteTx, centreId: string, cells: readonly (StatCellKey & { contracts: number; amount: number; technicalAmount: number; samples: number })[]): Promise<void> => {
  for (let i = 0; i < cells.length; i += 500) {
    const batch = cells.slice(i, i + 500).map((c) => ({ centreId, ...c }));
    await tx
      .insert(techContractStats)
      .values(batch)
      .onConflictDoUpdate({
        target: [techContractStats.centreId, techContractStats.dimension, techContractStats.year, techContractStats.month, techContractStats.key, techContractStats.key2],
        set: {
          contracts: sql`${techContractStats.contracts} + excluded.contracts`,
          amount: sql`${techContractStats.amount} + excluded.amount`,
          technicalAmount: sql`${techContractStats.technicalAmount} + excluded.technical_amount`,
          samples: sql`${techContractStats.samples} + excluded.samples`,
        },
      });
  }
};

export type ContractFilter = {
  centreId: string;
  state?: string | undefined;
  year?: number | undefined;
  type?: string | undefined;
  field?: string | undefined;
  sellerKind?: string | undefined;
  districtId?: string | undefined;
  parkId?: string | undefined;
  buyerRegion?: string | undefined;
  sellerId?: string | undefined;
  q?: string | undefined;
  /** Limit to contracts this organisation is a party to. */
  partyId?: string | undefined;
};

const filterWhere = (f: ContractFilter): SQL => {
  const c = techContracts;
  const parts: (SQL | undefined)[] = [eq(c.centreId, f.centreId)];
  if (f.state) parts.push(eq(c.state, f.state));
  if (f.year !== undefined) parts.push(like(c.registeredOn, `${f.year}-%`));
  if (f.type) parts.push(eq(c.type, f.type));
  if (f.field) parts.push(eq(c.field, f.field));
  if (f.sellerKind) parts.push(eq(c.sellerKind, f.sellerKind));
  if (f.districtId) parts.push(eq(c.sellerDistrictId, f.districtId));
  if (f.parkId) parts.push(eq(c.sellerParkId, f.parkId));
  if (f.buyerRegion) parts.push(eq(c.buyerRegion, f.buyerRegion));
  if (f.sellerId) parts.push(eq(c.sellerId, f.sellerId));
  if (f.partyId) parts.push(or(eq(c.sellerId, f.partyId), eq(c.buyerEntityId, f.partyId)));
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    parts.push(or(ilike(c.title, pattern), ilike(c.contractNumber, pattern), ilike(c.registrationNumber, pattern), ilike(c.buyerName, pattern)));
  }
  return and(...parts) as SQL;
};

export const listContracts = async (tx: ReadTx, f: ContractFilter, limit: number, offset: number): Promise<{ rows: ContractRow[]; total: number }> => {
  const where = filterWhere(f);
  const rows = await tx.select().from(techContracts).where(where).orderBy(desc(techContracts.submittedAt), asc(techContracts.id)).limit(limit).offset(offset);
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(techContracts).where(where);
  return { rows, total: Number(n) };
};

export type StatRowDb = { year: number; month: number; key: string; key2: string; contracts: number; amount: number; technicalAmount: number; samples: number };

/** Cells of one dimension, optionally of some years, summed over months unless `byMonth`. */
export const readStats = async (tx: ReadTx, centreId: string, dimension: string, opts: { years?: number[]; byMonth?: boolean }): Promise<StatRowDb[]> => {
  const s = techContractStats;
  const where = and(eq(s.centreId, centreId), eq(s.dimension, dimension), ...(opts.years ? [inArray(s.year, opts.years)] : []));
  const month = opts.byMonth ? s.month : sql<number>`0`;
  const rows = await tx
    .select({ year: s.year, month, key: s.key, key2: s.key2, contracts: sql<number>`sum(${s.contracts})::int`, amount: sql<number>`sum(${s.amount})::float8`, technicalAmount: sql<number>`sum(${s.technicalAmount})::float8`, samples: sql<number>`sum(${s.samples})::int` })
    .from(s)
    .where(where)
    .groupBy(s.year, ...(opts.byMonth ? [s.month] : []), s.key, s.key2)
    .orderBy(asc(s.year), ...(opts.byMonth ? [asc(s.month)] : []), asc(s.key), asc(s.key2));
  return rows.map((r) => ({ ...r, month: Number(r.month), contracts: Number(r.contracts), amount: Number(r.amount), technicalAmount: Number(r.technicalAmount), samples: Number(r.samples) }));
};

/** Rebuild every roll-up cell of a centre from its registered contracts. */
export const rebuildStats = async (tx: WriteTx, centreId: string): Promise<void> => {
  await tx.delete(techContractStats).where(eq(techContractStats.centreId, centreId));
  const family = sql`case when type like 'development%' then 'development' when type like 'transfer%' then 'transfer' when type like 'licensing%' then 'licensing' else type end`;
  const dims: [string, SQL, SQL][] = [
    ['total', sql`''`, sql`''`],
    ['type', sql`type`, sql`''`],
    ['family', family, sql`''`],
    ['field', sql`field`, sql`''`],
    ['seller_kind', sql`seller_kind`, sql`''`],
    ['district', sql`coalesce(seller_district_id, '')`, sql`''`],
    ['park', sql`coalesce(seller_park_id, '')`, sql`''`],
    ['buyer_region', sql`buyer_region`, sql`''`],
    ['flow', sql`coalesce(seller_district_id, '')`, sql`buyer_region`],
  ];
  for (const [dimension, key, key2] of dims) {
    await tx.execute(sql`
      insert into tech_contract_stats (centre_id, year, month, dimension, key, key2, contracts, amount, technical_amount, samples)
      select centre_id, substr(registered_on, 1, 4)::int, substr(registered_on, 6, 2)::int, ${dimension}, ${key}, ${key2},
             count(*)::int, sum(amount), sum(technical_amount), count(*) filter (where is_sample)::int
      from tech_contracts
      where centre_id = ${centreId} and state = 'registered' and registered_on is not null
      group by 1, 2, 3, 5, 6`);
  }
};

/** Registration numbers of these that the centre already has. */
export const existingRegistrationNumbers = async (tx: ReadTx, centreId: string, numbers: readonly string[]): Promise<Set<string>> => {
  const out = new Set<string>();
  for (let i = 0; i < numbers.length; i += 1000) {
    const rows = await tx.select({ n: techContracts.registrationNumber }).from(techContracts).where(and(eq(techContracts.centreId, centreId), inArray(techContracts.registrationNumber, numbers.slice(i, i + 1000))));
    for (const r of rows) if (r.n) out.add(r.n);
  }
  return out;
};
