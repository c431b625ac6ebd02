import { and, asc, count, desc, eq, ilike, inArray, isNull, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { nameKey } from '../../../core/patents/index.js';
import { normalizeUscc } from '../../../core/identifiers/uscc.js';
import { entities, indicators, observations, patentParties, patentPoolMembers, patentPoolPatents, patentPools, patents } from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';

export type PatentRow = typeof patents.$inferSelect;
export type PatentInsert = typeof patents.$inferInsert;
export type PartyRow = typeof patentParties.$inferSelect;
export type PoolRow = typeof patentPools.$inferSelect;

export type Organisation = { id: string; nameZh: string | null; nameEn: string; areaId: string | null };

/**
 * The registry's organisations an applicant name may link to, read once per
 * import: by id, USCC, either name or an alias (compared by nameKey). A key
 * two organisations share is ambiguous and links to neither.
 */
export const organisationLookup = async (tx: ReadTx, centreId: string): Promise<Map<string, Organisation | 'ambiguous'>> => {
  const rows = await tx
    .select({ id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn, aliases: entities.aliases, uscc: entities.uscc, areaId: entities.areaId })
    .from(entities)
    .where(and(eq(entities.centreId, centreId), eq(entities.status, 'active'), ne(entities.category, 'person'), eq(entities.isGeneric, false)));
  const out = new Map<string, Organisation | 'ambiguous'>();
  for (const { aliases, uscc, ...org } of rows) {
    const keys = new Set([org.id, uscc ? normalizeUscc(uscc) : null, org.nameZh, org.nameEn, ...aliases].filter((k): k is string => !!k).map(nameKey));
    for (const k of keys) {
      const seen = out.get(k);
      out.set(k, seen && seen !== 'ambiguous' && seen.id !== org.id ? 'ambiguous' : seen === 'ambiguous' ? 'ambiguous' : org);
    }
  }
  return out;
};

export const findOrganisation = async (tx: ReadTx, centreId: string, id: string) =>
  (await tx.select({ id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn, areaId: entities.areaId, category: entities.category, status: entities.status }).from(entities).where(and(eq(entities.centreId, centreId), eq(entities.id, id))))[0];

export const namesOf = async (tx: ReadTx, ids: readonly string[]) => {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, { id: string; nameZh: string | null; nameEn: string }>();
  const rows = await tx.select({ id: entities.id, nameZh: entities.nameZh, nameEn: entities.nameEn }).from(entities).where(inArray(entities.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
};

/** The centre's patents with these numbers, keyed by number. */
export const patentsByNumber = async (tx: ReadTx, centreId: string, numbers: readonly string[]): Promise<Map<string, PatentRow>> => {
  const out = new Map<string, PatentRow>();
  for (let i = 0; i < numbers.length; i += 1000) {
    const rows = await tx.select().from(patents).where(and(eq(patents.centreId, centreId), inArray(patents.number, numbers.slice(i, i + 1000))));
    for (const r of rows) out.set(r.number, r);
  }
  return out;
};

export const partiesOf = async (tx: ReadTx, patentIds: readonly string[]): Promise<Map<string, PartyRow[]>> => {
  const out = new Map<string, PartyRow[]>();
  for (let i = 0; i < patentIds.length; i += 1000) {
    const rows = await tx.select().from(patentParties).where(inArray(patentParties.patentId, patentIds.slice(i, i + 1000))).orderBy(asc(patentParties.patentId), asc(patentParties.role), asc(patentParties.position));
    for (const r of rows) out.set(r.patentId, [...(out.get(r.patentId) ?? []), r]);
  }
  return out;
};

/** Insert new patents; answers how many were inserted (fewer when another import wrote the same numbers meanwhile). */
export const insertPatents = async (tx: WriteTx, rows: PatentInsert[]): Promise<number> => {
  let inserted = 0;
  // Bounded batches keep each statement under PostgreSQL's parameter limit.
  for (let i = 0; i < rows.length; i += 400) inserted += (await tx.insert(patents).values(rows.slice(i, i + 400)).onConflictDoNothing({ target: [patents.centreId, patents.number] }).returning({ id: patents.id })).length;
  return inserted;
};

export const updatePatent = async (tx: WriteTx, id: string, patch: Partial<PatentInsert>): Promise<void> => {
  await tx.update(patents).set(patch).where(eq(patents.id, id));
};

/** Replace the parties of these patents with the given ones. */
export const replaceParties = async (tx: WriteTx, patentIds: readonly string[], rows: PartyRow[]): Promise<void> => {
  for (let i = 0; i < patentIds.length; i += 1000) await tx.delete(patentParties).where(inArray(patentParties.patentId, patentIds.slice(i, i + 1000)));
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(patentParties).values(rows.slice(i, i + 1000));
};

export const setPartyEntity = async (tx: WriteTx, patentId: string, role: string, position: number, entityId: string | null): Promise<void> => {
  await tx.update(patentParties).set({ entityId }).where(and(eq(patentParties.patentId, patentId), eq(patentParties.role, role), eq(patentParties.position, position)));
};

export const findPatent = async (tx: ReadTx, centreId: string, id: string): Promise<PatentRow | undefined> =>
  (await tx.select().from(patents).where(and(eq(patents.centreId, centreId), eq(patents.id, id))))[0];

export const findPatentByNumber = async (tx: ReadTx, centreId: string, number: string): Promise<PatentRow | undefined> =>
  (await tx.select().from(patents).where(and(eq(patents.centreId, centreId), eq(patents.number, number))))[0];

export type PatentFilter = {
  centreId: string;
  kind?: string | undefined;
  status?: string | undefined;
  /** A normalised prefix (core/patents normaliseIpcPrefix): a full symbol matches exactly, anything shorter as a prefix. */
  ipc?: string | undefined;
  applicantId?: string | undefined;
  areaId?: string | undefined;
  year?: number | undefined;
  yearOf?: 'application' | 'grant';
  inForceAt?: number | undefined;
  unlinked?: boolean | undefined;
  q?: string | undefined;
};

/**
 * Invention patents in force at the end of `year`, as SQL: the same rule as
 * core/patents inForceAtYearEnd (granted by 31 December, not ended by then,
 * filed less than 20 years before). `y` is a column or a literal year.
 */
export const inForceSql = (y: SQL): SQL => sql`(${patents.kind} = 'invention' and ${patents.grantDate} is not null
  and ${patents.grantDate} <= (${y})::text || '-12-31'
  and ${patents.applicationDate} > ((${y}) - 20)::text || '-12-31'
  and (${patents.legalStatus} = 'granted' or (${patents.legalStatus} in ('lapsed', 'expired', 'invalidated') and ${patents.legalStatusDate} > (${y})::text || '-12-31')))`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

const filterWhere = (f: PatentFilter): SQL => {
  const p = patents;
  const parts: (SQL | undefined)[] = [eq(p.centreId, f.centreId)];
  if (f.kind) parts.push(eq(p.kind, f.kind));
  if (f.status) parts.push(eq(p.legalStatus, f.status));
  if (f.ipc) {
    const full = /\/\d+$/.test(f.ipc);
    parts.push(full ? sql`${f.ipc} = any(${p.ipcClasses})` : sql`exists (select 1 from unnest(${p.ipcClasses}) s where s like ${`${escapeLike(f.ipc)}%`})`);
  }
  if (f.applicantId) parts.push(sql`exists (select 1 from ${patentParties} pp where pp.patent_id = ${p.id} and pp.role = 'applicant' and pp.entity_id = ${f.applicantId})`);
  if (f.areaId) parts.push(eq(p.areaId, f.areaId));
  if (f.year !== undefined) parts.push(like(f.yearOf === 'grant' ? p.grantDate : p.applicationDate, `${f.year}-%`));
  if (f.inForceAt !== undefined) parts.push(inForceSql(sql`${f.inForceAt}::int`));
  if (f.unlinked) parts.push(isNull(p.firstApplicantId));
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    parts.push(or(ilike(p.title, pattern), ilike(p.number, pattern), sql`exists (select 1 from ${patentParties} pp where pp.patent_id = ${p.id} and pp.name ilike ${pattern})`));
  }
  return and(...parts) as SQL;
};

export const listPatents = async (tx: ReadTx, f: PatentFilter, limit: number, offset: number): Promise<{ rows: PatentRow[]; total: number }> => {
  const where = filterWhere(f);
  const rows = await tx.select().from(patents).where(where).orderBy(desc(patents.applicationDate), asc(patents.number)).limit(limit).offset(offset);
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(patents).where(where);
  return { rows, total: Number(n) };
};

const DIMENSION_SQL: Record<string, SQL> = {
  kind: sql`kind`,
  status: sql`legal_status`,
  applicant: sql`coalesce(first_applicant_id, '')`,
  district: sql`coalesce(area_id, '')`,
  ipc_section: sql`coalesce(substr(main_ipc, 1, 1), '')`,
  ipc_class: sql`coalesce(substr(main_ipc, 1, 3), '')`,
  ipc_subclass: sql`coalesce(substr(main_ipc, 1, 4), '')`,
  application_year: sql`substr(application_date, 1, 4)`,
  grant_year: sql`coalesce(substr(grant_date, 1, 4), '')`,
};

/** Patents per cell of one dimension (the SQL twin of core/patents countBy), optionally of one kind and filing year. */
export const countPatents = async (tx: ReadTx, centreId: string, dimension: string, opts: { kind?: string | undefined; year?: number | undefined }): Promise<{ key: string; patents: number; samples: number }[]> => {
  const key = DIMENSION_SQL[dimension] as SQL;
  const res = (await tx.execute(sql`
    select ${key} as key, count(*)::int as patents, (count(*) filter (where is_sample))::int as samples
    from patents
    where centre_id = ${centreId}${opts.kind ? sql` and kind = ${opts.kind}` : sql``}${opts.year !== undefined ? sql` and application_date like ${`${opts.year}-%`}` : sql``}
    group by 1 order by 2 desc, 1`)) as unknown as { rows: { key: string; patents: number; samples: number }[] };
  return res.rows.map((r) => ({ key: r.key, patents: Number(r.patents), samples: Number(r.samples) }));
};

/** Patents by year (filing or grant) and kind. */
export const countByYearAndKind = async (tx: ReadTx, centreId: string, of: 'application' | 'grant'): Promise<{ year: number; kind: string; patents: number }[]> => {
  const col = of === 'grant' ? sql`grant_date` : sql`application_date`;
  const res = (await tx.execute(sql`
    select substr(${col}, 1, 4)::int as year, kind, count(*)::int as patents
    from patents where centre_id = ${centreId} and ${col} is not null
    group by 1, 2 order by 1, 2`)) as unknown as { rows: { year: number; kind: string; patents: number }[] };
  return res.rows.map((r) => ({ year: Number(r.year), kind: r.kind, patents: Number(r.patents) }));
};

/**
 * Invention patents in force at each year end from the first grant year to
 * `lastYear`, per district (`area_id`, null when no applicant is linked).
 */
export const inForceByYearAndArea = async (tx: ReadTx, centreId: string, lastYear: number): Promise<{ year: number; areaId: string | null; patents: number; samples: number }[]> => {
  const res = (await tx.execute(sql`
    with span as (select min(substr(grant_date, 1, 4))::int as first from patents where centre_id = ${centreId} and kind = 'invention' and grant_date is not null)
    select y.y as year, ${patents.areaId} as area_id, count(*)::int as patents, (count(*) filter (where ${patents.isSample}))::int as samples
    from span cross join generate_series(span.first, ${lastYear}::int) as y(y)
    join ${patents} on ${patents.centreId} = ${centreId} and ${inForceSql(sql`y.y`)}
    where span.first is not null
    group by 1, 2 order by 1, 2`)) as unknown as { rows: { year: number; area_id: string | null; patents: number; samples: number }[] };
  return res.rows.map((r) => ({ year: Number(r.year), areaId: r.area_id, patents: Number(r.patents), samples: Number(r.samples) }));
};

/** Resident population figures (indicator `code`), measured, by area and year. */
export const populationFigures = async (tx: ReadTx, centreId: string, code: string): Promise<{ areaId: string | null; period: string | null; value: number | null; unit: string | null; observationId: string }[]> =>
  tx
    .select({ areaId: observations.areaId, period: observations.period, value: observations.value, unit: indicators.unit, observationId: observations.id })
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .where(and(eq(indicators.centreId, centreId), eq(indicators.code, code), eq(observations.status, 'measured')));

/** The registry's derived figures for these indicator codes. */
export const derivedFigures = (tx: ReadTx, centreId: string, codes: readonly string[]) =>
  tx
    .select({ indicatorCode: indicators.code, period: observations.period, areaId: observations.areaId, value: observations.value })
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .where(and(eq(indicators.centreId, centreId), inArray(indicators.code, [...codes]), eq(observations.provenance, 'derived')))
    .orderBy(asc(observations.period));

// ---------------------------------------------------------------- pools
export const listPools = async (tx: ReadTx, centreId: string) => {
  const rows = await tx.select().from(patentPools).where(eq(patentPools.centreId, centreId)).orderBy(asc(patentPools.nameZh));
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const members = await tx.select({ poolId: patentPoolMembers.poolId, n: count() }).from(patentPoolMembers).where(inArray(patentPoolMembers.poolId, ids)).groupBy(patentPoolMembers.poolId);
  const pats = await tx.select({ poolId: patentPoolPatents.poolId, n: count() }).from(patentPoolPatents).where(inArray(patentPoolPatents.poolId, ids)).groupBy(patentPoolPatents.poolId);
  const m = new Map(members.map((r) => [r.poolId, Number(r.n)]));
  const p = new Map(pats.map((r) => [r.poolId, Number(r.n)]));
  return rows.map((r) => ({ row: r, members: m.get(r.id) ?? 0, patents: p.get(r.id) ?? 0 }));
};

export const findPool = async (tx: ReadTx, centreId: string, id: string): Promise<PoolRow | undefined> =>
  (await tx.select().from(patentPools).where(and(eq(patentPools.centreId, centreId), eq(patentPools.id, id))))[0];

export const insertPool = async (tx: WriteTx, row: typeof patentPools.$inferInsert): Promise<void> => {
  await tx.insert(patentPools).values(row);
};

export const updatePool = async (tx: WriteTx, id: string, version: number, patch: Partial<typeof patentPools.$inferInsert>): Promise<PoolRow | undefined> =>
  (await tx.update(patentPools).set({ ...patch, version: version + 1 }).where(and(eq(patentPools.id, id), eq(patentPools.version, version))).returning())[0];

export const deletePool = async (tx: WriteTx, id: string): Promise<void> => {
  await tx.delete(patentPools).where(eq(patentPools.id, id));
};

export const poolMembers = (tx: ReadTx, poolId: string) => tx.select().from(patentPoolMembers).where(eq(patentPoolMembers.poolId, poolId)).orderBy(asc(patentPoolMembers.joinedOn), asc(patentPoolMembers.entityId));

export const upsertPoolMember = async (tx: WriteTx, row: typeof patentPoolMembers.$inferInsert): Promise<void> => {
  await tx.insert(patentPoolMembers).values(row).onConflictDoUpdate({ target: [patentPoolMembers.poolId, patentPoolMembers.entityId], set: { role: row.role, joinedOn: row.joinedOn ?? null } });
};

export const deletePoolMember = async (tx: WriteTx, poolId: string, entityId: string): Promise<number> =>
  (await tx.delete(patentPoolMembers).where(and(eq(patentPoolMembers.poolId, poolId), eq(patentPoolMembers.entityId, entityId))).returning()).length;

export const poolPatents = async (tx: ReadTx, poolId: string): Promise<PatentRow[]> =>
  (await tx.select({ p: patents }).from(patentPoolPatents).innerJoin(patents, eq(patents.id, patentPoolPatents.patentId)).where(eq(patentPoolPatents.poolId, poolId)).orderBy(asc(patents.number))).map((r) => r.p);

export const addPoolPatent = async (tx: WriteTx, poolId: string, patentId: string): Promise<boolean> =>
  (await tx.insert(patentPoolPatents).values({ poolId, patentId }).onConflictDoNothing().returning()).length > 0;

export const deletePoolPatent = async (tx: WriteTx, poolId: string, patentId: string): Promise<number> =>
  (await tx.delete(patentPoolPatents).where(and(eq(patentPoolPatents.poolId, poolId), eq(patentPoolPatents.patentId, patentId))).returning()).length;

export const poolsOfPatent = (tx: ReadTx, patentId: string) =>
  tx.select({ id: patentPools.id, nameZh: patentPools.nameZh, nameEn: patentPools.nameEn }).from(patentPoolPatents).innerJoin(patentPools, eq(patentPools.id, patentPoolPatents.poolId)).where(eq(patentPoolPatents.patentId, patentId));
