import { sql, type SQL } from 'drizzle-orm';
import type { TSearchQuery, TSearchResult } from '../../../shared/schemas/registry.js';
import { queryTerms } from '../../../db/search-text.js';
import { withReadTx, type ReadTx } from '../../../db/tx.js';
import { decodeCursor, encodeCursor } from '../../paging.js';

type Cursor = { s: number; id: string };

/**
 * How many matches of each kind (exact or prefix name, full text, substring)
 * one search examines. A word common to a hundred thousand names would
 * otherwise be ranked and counted in full on every keystroke; past this the
 * result says `truncated` and the user refines.
 */
export const SEARCH_CANDIDATES = 300;

const decodeSearchCursor = (raw: string): Cursor => decodeCursor(raw, (c) => (typeof c['s'] === 'number' && typeof c['id'] === 'string' ? { s: c['s'], id: c['id'] } : null));

/**
 * Terms for to_tsquery, every word whole; with `lastAsPrefix` the last one
 * matches as a prefix too (the user may still be typing it). A prefix makes
 * the index collect every lexeme it starts, a whole word uses the fast path:
 * so whole words are tried first. Only letters and digits survive, so user
 * text cannot inject operators.
 */
const tsQuery = (terms: string[], lastAsPrefix: boolean): string | null => {
  const safe = terms.map((t) => t.replace(/[^\p{L}\p{N}]/gu, '')).filter((t) => t.length > 0);
  return safe.length ? safe.map((t, i) => (lastAsPrefix && i === safe.length - 1 ? `${t}:*` : t)).join(' & ') : null;
};

const escapeLike = (q: string): string => q.replace(/[\\%_]/g, (c) => `\\${c}`);

type Facets = TSearchResult['facets'];
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
const rowsOf = (result: unknown): Record<string, unknown>[] => (result as { rows: Record<string, unknown>[] }).rows;
const facetList = (v: unknown): { value: string; count: number }[] => json<{ value: string; count: number }[]>(v ?? []).map((f) => ({ value: String(f.value), count: Number(f.count) }));

const hitOf = (r: Record<string, unknown>): TSearchResult['items'][number] => ({
  id: String(r['id']),
  category: r['category'] as TSearchResult['items'][number]['category'],
  kind: (r['kind'] as string | null) ?? null,
  nameZh: (r['name_zh'] as string | null) ?? null,
  nameEn: String(r['name_en']),
  nameStatus: r['name_status'] as TSearchResult['items'][number]['nameStatus'],
  areaId: (r['area_id'] as string | null) ?? null,
  isSample: Boolean(r['is_sample']),
  score: Number(r['score']),
});

const areaFilter = (column: SQL, areaId: string): SQL =>
  sql`(${column} = ${areaId} or ${column} in (select id from areas where parent_id = ${areaId} or ${areaId} = any(within_area_ids)))`;

/**
 * One search over all actors: jieba-segmented Chinese and pinyin keys through
 * full-text search (prefix terms), and a trigram-backed substring match for
 * partial names. Ranked by exact name, then name prefix, then text rank, then
 * similarity; keyset-paged on (score, id).
 *
 * At city scale the work is bounded: a query looks at no more than
 * SEARCH_CANDIDATES matches of each kind, and exact and prefix name matches
 * come from their own indexes, so the best hits are among them however common
 * the word. Browsing without a query counts from entity_counts.
 */
export const searchEntities = async (tx: ReadTx, centreId: string, query: TSearchQuery): Promise<TSearchResult> => {
  const q = query.q.trim().toLowerCase();
  const cursor = query.cursor ? decodeSearchCursor(query.cursor) : null;
  const where = filtersOf(centreId, query);
  if (!q && !query.sector && !query.recognition) return browse(tx, centreId, query, where, cursor);

  const cap = SEARCH_CANDIDATES;
  /**
   * One pass: candidates by name prefix, by the words (tsq), by substring and
   * the earlier pass's few candidates (`carried`, by id: not searched again);
   * scored as they are read.
   */
  const pass = (tsq: string | null, withSubstring: boolean, carried: string[] = []) => {
    const score = q
      ? sql`(case when lower(coalesce(e.name_zh, '')) = ${q} or lower(e.name_en) = ${q} then 10 else 0 end
          + case when lower(coalesce(e.name_zh, '')) like ${`${escapeLike(q)}%`} or lower(e.name_en) like ${`${escapeLike(q)}%`} then 3 else 0 end
          + ${tsq ? sql`case when e.search_tsv @@ to_tsquery('simple', ${tsq}) then ts_rank(e.search_tsv, to_tsquery('simple', ${tsq})) else 0 end` : sql`0`}
          + greatest(similarity(lower(coalesce(e.name_zh, '')), ${q}), similarity(lower(e.name_en), ${q})))::float8`
      : sql`0::float8`;
    // Each branch reads its rows once, scored on the spot: no second fetch by id.
    const branch = (n: number, condition: SQL | null) =>
      sql`(select e.id, e.category, e.kind, e.name_zh, e.name_en, e.name_status, e.area_id, e.is_sample, ${score} as score, ${n} as branch
          from entities e where ${where}${condition ? sql` and ${condition}` : sql``} limit ${cap})`;
    if (!q) return candidatesPage(tx, [branch(0, null)], cursor, query.limit, false);
    const branches = [branch(1, sql`(lower(e.name_zh) like ${`${escapeLike(q)}%`} or lower(e.name_en) like ${`${escapeLike(q)}%`})`)];
    if (tsq) branches.push(branch(2, sql`e.search_tsv @@ to_tsquery('simple', ${tsq})`));
    if (withSubstring) branches.push(branch(3, sql`e.name_text ilike ${`%${escapeLike(q)}%`}`));
    if (carried.length > 0) branches.push(branch(4, sql`e.id = any(${sql.param(carried)}::text[])`));
    return candidatesPage(tx, branches, cursor, query.limit, withSubstring);
  };
  const fillsPage = (r: Record<string, unknown>): boolean => Number(r['total'] ?? 0) > query.limit;
  // With a cursor the page holds only what follows it, so carry the ids of every candidate: `ids` below.
  const idsOf = (r: Record<string, unknown>): string[] => json<string[]>(r['ids'] ?? []);
  // Widen only while the page is not full: whole words, then the last word as a prefix,
  // then partial names ("关村智能" is no word), found by substring on the trigram-indexed names.
  // Paging repeats the same passes, so every page comes from the same candidates.
  const terms = q ? queryTerms(q) : [];
  const whole = tsQuery(terms, false);
  const prefixed = tsQuery(terms, true);
  let out = await pass(whole, !whole);
  // A Chinese last word is whole already (a partial one is found by substring); Latin ones may be half-typed pinyin or English.
  const lastIsLatin = /[a-z0-9]$/.test(terms.at(-1) ?? '');
  if (q && whole && !fillsPage(out) && lastIsLatin) out = await pass(prefixed, false, idsOf(out));
  if (q && whole && !fillsPage(out) && [...q].length >= 3) out = await pass(null, true, idsOf(out));
  const result = out ?? {};
  const rows = json<Record<string, unknown>[]>(result['page'] ?? []);
  return page(rows, query.limit, Number(result['total'] ?? 0), result['truncated'] === true || result['truncated'] === 't', {
    category: facetList(result['category']),
    kind: facetList(result['kind']),
    area: facetList(result['area']),
    recognition: facetList(result['recognition']),
  });
};

/** The filters beside the words: centre, active, category, kind, area (with what lies within), sector, recognition. */
const filtersOf = (centreId: string, query: Omit<TSearchQuery, 'limit' | 'cursor'>): SQL => {
  const filters: SQL[] = [sql`e.centre_id = ${centreId}`, sql`e.status = 'active'`];
  if (query.category) filters.push(sql`e.category = ${query.category}`);
  if (query.kind) filters.push(sql`e.kind = ${query.kind}`);
  if (query.areaId) filters.push(areaFilter(sql`e.area_id`, query.areaId));
  if (query.sector) filters.push(sql`e.sector_codes @> array[${query.sector}]::text[]`);
  if (query.recognition) filters.push(sql`exists (select 1 from recognitions r where r.entity_id = e.id and r.type = ${query.recognition})`);
  return sql.join(filters, sql` and `);
};

/**
 * Every active actor a search matches, in id order, a page of ids at a time: what an export holds. The
 * ranked search reads a capped set of candidates (SEARCH_CANDIDATES a branch) and says "at least"; an
 * export must hold every match, the same whatever its page size (found at a city's scale: a broad word's
 * export depended on the page size and missed rows). A match is what the search's passes accept: a name
 * prefix, the whole words, the last Latin word as a prefix, or (no whole word, or three characters and more)
 * a substring of a name.
 */
export async function* allMatchingIds(tx: ReadTx, centreId: string, query: Omit<TSearchQuery, 'limit' | 'cursor'>, pageSize: number): AsyncGenerator<string[]> {
  const q = query.q.trim().toLowerCase();
  const conditions: SQL[] = [];
  if (q) {
    const terms = queryTerms(q);
    const whole = tsQuery(terms, false);
    conditions.push(sql`lower(e.name_zh) like ${`${escapeLike(q)}%`}`, sql`lower(e.name_en) like ${`${escapeLike(q)}%`}`);
    if (whole) conditions.push(sql`e.search_tsv @@ to_tsquery('simple', ${whole})`);
    const prefixed = tsQuery(terms, true);
    if (whole && prefixed && /[a-z0-9]$/.test(terms.at(-1) ?? '')) conditions.push(sql`e.search_tsv @@ to_tsquery('simple', ${prefixed})`);
    if (!whole || [...q].length >= 3) conditions.push(sql`e.name_text ilike ${`%${escapeLike(q)}%`}`);
  }
  const where = conditions.length ? sql`${filtersOf(centreId, query)} and (${sql.join(conditions, sql` or `)})` : filtersOf(centreId, query);
  let after: string | null = null;
  for (;;) {
    const page = rowsOf(await tx.execute(sql`select e.id from entities e where ${where}${after === null ? sql`` : sql` and e.id > ${after}`} order by e.id limit ${pageSize}`)).map((r) => String(r['id']));
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1] as string;
  }
}

/**
 * Gather the candidates once, then page, count and facet them from the same
 * set. The substring branch runs with sequential scans off: the planner
 * guesses a LIMIT over a seq scan is cheap for ILIKE, which holds for common
 * substrings and costs a full table read for rare ones; the trigram index is
 * right in both cases.
 */
const candidatesPage = async (db: ReadTx, branches: SQL[], cursor: Cursor | null, limit: number, trigramOnly: boolean): Promise<Record<string, unknown>> => {
  const cap = SEARCH_CANDIDATES;
  const statement = sql`
    with c as materialized (${sql.join(branches, sql` union all `)}),
    m as materialized (select distinct on (id) * from c order by id, score desc)
    select
      (select coalesce(json_agg(p), '[]'::json) from (
        select id, category, kind, name_zh, name_en, name_status, area_id, is_sample, score from m
        ${cursor ? sql`where (m.score < ${cursor.s} or (m.score = ${cursor.s} and m.id > ${cursor.id}))` : sql``}
        order by m.score desc, m.id asc
        limit ${limit + 1}) p) as page,
      (select count(*)::int from m) as total,
      (select case when count(*) <= ${limit} then json_agg(id) else '[]'::json end from m) as ids,
      (select coalesce(bool_or(n >= ${cap}), false) from (select count(*) as n from c group by branch) b) as truncated,
      (select coalesce(json_agg(f), '[]'::json) from (select category as value, count(*)::int as count from m group by 1 order by 2 desc, 1 limit 30) f) as category,
      (select coalesce(json_agg(f), '[]'::json) from (select kind as value, count(*)::int as count from m where kind is not null group by 1 order by 2 desc, 1 limit 30) f) as kind,
      (select coalesce(json_agg(f), '[]'::json) from (select area_id as value, count(*)::int as count from m where area_id is not null group by 1 order by 2 desc, 1 limit 30) f) as area,
      (select coalesce(json_agg(f), '[]'::json) from (select r.type as value, count(distinct m.id)::int as count from m join recognitions r on r.entity_id = m.id group by 1 order by 2 desc, 1) f) as recognition`;
  if (!trigramOnly) return rowsOf(await db.execute<Record<string, unknown>>(statement))[0] ?? {};
  return withReadTx(db, async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    return rowsOf(await tx.execute<Record<string, unknown>>(statement))[0] ?? {};
  });
};

const page = (rows: Record<string, unknown>[], limit: number, total: number, truncated: boolean, facets: Facets): TSearchResult => {
  const items = rows.slice(0, limit).map(hitOf);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ s: last.score, id: last.id }) : null, total, truncated, facets };
};

/**
 * A list without a query: paged in id order from the primary key, counted
 * exactly from entity_counts (kept by triggers), so browsing a million actors
 * by category, kind or area costs a page, not a count.
 */
const browse = async (tx: ReadTx, centreId: string, query: TSearchQuery, where: SQL, cursor: Cursor | null): Promise<TSearchResult> => {
  const countFilters: SQL[] = [sql`c.centre_id = ${centreId}`, sql`c.n > 0`];
  if (query.category) countFilters.push(sql`c.category = ${query.category}`);
  if (query.kind) countFilters.push(sql`c.kind = ${query.kind}`);
  if (query.areaId) countFilters.push(areaFilter(sql`c.area_id`, query.areaId));
  const counted = sql.join(countFilters, sql` and `);
  const result = await tx.execute<Record<string, unknown>>(sql`
    select
      (select coalesce(json_agg(p), '[]'::json) from (
        select e.id, e.category, e.kind, e.name_zh, e.name_en, e.name_status, e.area_id, e.is_sample, 0::float8 as score
        from entities e where ${where} ${cursor ? sql`and e.id > ${cursor.id}` : sql``}
        order by e.id asc limit ${query.limit + 1}) p) as page,
      (select coalesce(sum(n), 0)::int from entity_counts c where ${counted}) as total,
      (select coalesce(json_agg(f), '[]'::json) from (select category as value, sum(n)::int as count from entity_counts c where ${counted} group by 1 order by 2 desc, 1 limit 30) f) as category,
      (select coalesce(json_agg(f), '[]'::json) from (select kind as value, sum(n)::int as count from entity_counts c where ${counted} and c.kind <> '' group by 1 order by 2 desc, 1 limit 30) f) as kind,
      (select coalesce(json_agg(f), '[]'::json) from (select area_id as value, sum(n)::int as count from entity_counts c where ${counted} and c.area_id <> '' group by 1 order by 2 desc, 1 limit 30) f) as area,
      (select coalesce(json_agg(f), '[]'::json) from (select r.type as value, count(distinct r.entity_id)::int as count from recognitions r join entities e on e.id = r.entity_id where ${where} group by 1 order by 2 desc, 1) f) as recognition`);
  const out = rowsOf(result)[0] ?? {};
  return page(json<Record<string, unknown>[]>(out['page'] ?? []), query.limit, Number(out['total'] ?? 0), false, {
    category: facetList(out['category']),
    kind: facetList(out['kind']),
    area: facetList(out['area']),
    recognition: facetList(out['recognition']),
  });
};
