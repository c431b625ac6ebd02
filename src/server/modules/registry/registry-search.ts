import { sql, type SQL } from 'drizzle-orm';
import type { TSearchQuery, TSearchResult } from '../../../shared/schemas/registry.js';
import { queryTerms } from '../../../db/search-text.js';
import type { ReadTx } from '../../../db/tx.js';
import { AppError } from '../../errors.js';

type Cursor = { s: number; id: string };

const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');
const decodeCursor = (raw: string): Cursor => {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.s !== 'number' || typeof c.id !== 'string') throw new Error('shape');
    return c;
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The cursor is not one this server issued', { fields: [{ in: 'query', path: 'cursor', reason: 'invalid_cursor', message: 'invalid cursor' }] });
  }
};

/** Prefix terms for to_tsquery: only letters and digits survive, so user text cannot inject operators. */
const tsQuery = (terms: string[]): string | null => {
  const safe = terms.map((t) => t.replace(/[^\p{L}\p{N}]/gu, '')).filter((t) => t.length > 0);
  return safe.length ? safe.map((t) => `${t}:*`).join(' & ') : null;
};

const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One search over all actors: jieba-segmented Chinese and pinyin keys through
 * full-text search (prefix terms), and a trigram-backed substring match as the
 * fallback for partial names. Ranked by exact name, then text rank, then
 * similarity; keyset-paged on (score, id).
 */
export const searchEntities = async (tx: ReadTx, centreId: string, query: TSearchQuery): Promise<TSearchResult> => {
  const q = query.q.trim().toLowerCase();
  const tsq = q ? tsQuery(queryTerms(q)) : null;
  const filters: SQL[] = [sql`e.centre_id = ${centreId}`, sql`e.status = 'active'`];
  if (query.category) filters.push(sql`e.category = ${query.category}`);
  if (query.kind) filters.push(sql`e.kind = ${query.kind}`);
  if (query.areaId) filters.push(sql`(e.area_id = ${query.areaId} or e.area_id in (select id from areas where parent_id = ${query.areaId} or ${query.areaId} = any(within_area_ids)))`);
  if (query.sector) filters.push(sql`${query.sector} = any(e.sector_codes)`);
  if (query.recognition) filters.push(sql`exists (select 1 from recognitions r where r.entity_id = e.id and r.type = ${query.recognition})`);
  if (q) {
    const text = tsq ? sql`e.search_tsv @@ to_tsquery('simple', ${tsq}) or ` : sql``;
    // search_text holds the lower-cased names too, so one trigram-indexed condition covers them.
    filters.push(sql`(${text}e.search_text ilike ${likePattern(q)})`);
  }
  const where = sql.join(filters, sql` and `);
  const score = q
    ? sql`(case when lower(coalesce(e.name_zh, '')) = ${q} or lower(e.name_en) = ${q} then 10 else 0 end
        + case when lower(coalesce(e.name_zh, '')) like ${`${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} or lower(e.name_en) like ${`${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} then 3 else 0 end
        + ${tsq ? sql`ts_rank(e.search_tsv, to_tsquery('simple', ${tsq}))` : sql`0`}
        + similarity(e.search_text, ${q}))::float8`
    : sql`0::float8`;
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  // One scan: the matches are computed once, then paged and counted by facet from the same set.
  const result = await tx.execute<Record<string, unknown>>(sql`
    with m as materialized (
      select e.id, e.category, e.kind, e.name_zh, e.name_en, e.name_status, e.area_id, e.is_sample, ${score} as score
      from entities e where ${where}
    )
    select
      (select coalesce(json_agg(p), '[]'::json) from (
        select * from m
        ${cursor ? sql`where (m.score < ${cursor.s} or (m.score = ${cursor.s} and m.id > ${cursor.id}))` : sql``}
        order by m.score desc, m.id asc
        limit ${query.limit + 1}) p) as page,
      (select count(*)::int from m) as total,
      (select coalesce(json_agg(f), '[]'::json) from (select category as value, count(*)::int as count from m group by 1 order by 2 desc, 1 limit 30) f) as category,
      (select coalesce(json_agg(f), '[]'::json) from (select kind as value, count(*)::int as count from m where kind is not null group by 1 order by 2 desc, 1 limit 30) f) as kind,
      (select coalesce(json_agg(f), '[]'::json) from (select area_id as value, count(*)::int as count from m where area_id is not null group by 1 order by 2 desc, 1 limit 30) f) as area,
      (select coalesce(json_agg(f), '[]'::json) from (select r.type as value, count(distinct m.id)::int as count from m join recognitions r on r.entity_id = m.id group by 1 order by 2 desc, 1) f) as recognition`);
  const out = (result as unknown as { rows: Record<string, unknown>[] }).rows[0] ?? {};
  const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
  const rows = json<Record<string, unknown>[]>(out['page'] ?? []);
  const items = rows.slice(0, query.limit).map((r) => ({
    id: String(r['id']),
    category: r['category'] as TSearchResult['items'][number]['category'],
    kind: (r['kind'] as string | null) ?? null,
    nameZh: (r['name_zh'] as string | null) ?? null,
    nameEn: String(r['name_en']),
    nameStatus: r['name_status'] as TSearchResult['items'][number]['nameStatus'],
    areaId: (r['area_id'] as string | null) ?? null,
    isSample: Boolean(r['is_sample']),
    score: Number(r['score']),
  }));
  const last = items.at(-1);
  const facet = (key: string): { value: string; count: number }[] => json<{ value: string; count: number }[]>(out[key] ?? []).map((f) => ({ value: String(f.value), count: Number(f.count) }));
  const [category, kind, area, recognition, total] = [facet('category'), facet('kind'), facet('area'), facet('recognition'), Number(out['total'] ?? 0)];
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ s: last.score, id: last.id }) : null,
    total,
    facets: { category, kind, area, recognition },
  };
};
