import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { csvLine } from '../../../core/tabular/csv.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';
import { asReadTx } from '../../../db/tx.js';
import { allMatchingIds, SEARCH_CANDIDATES } from './registry-search.js';
import { syntheticCreditCode } from '../../../core/identifiers/test-support/synthetic-uscc.js';

let t: TestApp;
let officer: Session;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  officer = await t.userWithRole('service_officer');
});
afterAll(() => t.close());

const C = '/api/centres/beijing';
/** Synthetic, well-formed credit codes: never a real company's. */
const code = (n: number): string => syntheticCreditCode('MB', n);
const importRows = async (rows: unknown[][], fileName: string) => {
  const body = Buffer.from(`\uFEFF${[['中文名称', '英文名称', '类型代码', '统一社会信用代码', '所在区域', '示例数据'], ...rows].map(csvLine).join('')}`);
  const res = await t.request({ method: 'POST', url: `${C}/imports/organisations?fileName=${fileName}`, session: officer, payload: body, headers: { 'content-type': 'text/csv' } });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const search = async (query: string) => (await t.request({ method: 'GET', url: `${C}/search?${query}` })).json();

/** entity_counts must always equal a fresh count of the active actors. */
const countsDrift = async (): Promise<unknown[]> => {
  const res = await t.database.db.execute(sql`
    select coalesce(a.centre_id, b.centre_id) as centre, coalesce(a.category, b.category) as category, coalesce(a.kind, b.kind) as kind, coalesce(a.area_id, b.area_id) as area, a.n as kept, b.n as actual
    from (select * from entity_counts where n <> 0) a
    full join (select centre_id, category, coalesce(kind, '') as kind, coalesce(area_id, '') as area_id, count(*)::int as n from entities where status = 'active' group by 1, 2, 3, 4) b
      using (centre_id, category, kind, area_id)
    where a.n is distinct from b.n`);
  return (res as unknown as { rows: unknown[] }).rows;
};

describe('counts kept by triggers', () => {
  test('inserts, updates, kind and area changes, merges and deletes keep entity_counts exact', async () => {
    expect(await countsDrift()).toEqual([]);
    const kinds = ['enterprise', 'unicorn', 'incubator', 'university'];
    const areas = ['', '海淀区', '朝阳区', 'bj-110114'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom(...kinds), fc.constantFrom(...areas)), { minLength: 1, maxLength: 12 }), async (ops) => {
        await importRows(ops.map(([n, kind, area]) => [`示例计数${n}`, `Count Sample ${n}`, kind, code(n), area, '是']), 'counts.csv');
        expect(await countsDrift()).toEqual([]);
      }),
      { numRuns: 15, seed: 20261122 },
    );
    const [a, b] = (await search('q=Count%20Sample&limit=2')).items as { id: string }[];
    const merged = await t.request({ method: 'POST', url: `${C}/entities/${a?.id}/merge`, session: officer, payload: { duplicateId: b?.id } });
    expect(merged.statusCode).toBe(200);
    expect(await countsDrift()).toEqual([]);
    await t.database.db.execute(sql`delete from entities where id = ${b?.id}`);
    expect(await countsDrift()).toEqual([]);
  });

  test('browsing without a query counts from them: totals and facets equal a full count', async () => {
    const browse = await search('limit=5');
    const [{ n }] = (await t.database.db.execute(sql`select count(*)::int as n from entities where centre_id = 'beijing' and status = 'active'`) as unknown as { rows: { n: number }[] }).rows as [{ n: number }];
    expect(browse).toMatchObject({ total: n, truncated: false });
    const kindFacet = browse.facets.kind.find((f: { value: string }) => f.value === 'enterprise');
    const enterprises = await search('kind=enterprise&limit=50');
    expect(enterprises.total).toBe(kindFacet.count);
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const pageOf: { items: { id: string; kind: string }[]; nextCursor: string | null } = await search(`kind=enterprise&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      for (const item of pageOf.items) {
        expect(item.kind).toBe('enterprise');
        seen.add(item.id);
      }
      cursor = pageOf.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(enterprises.total);
  });
});

describe('broad queries', () => {
  test(`a word in more than ${SEARCH_CANDIDATES} names is truncated, and the exact name still ranks first`, async () => {
    const n = SEARCH_CANDIDATES + 50;
    await importRows(Array.from({ length: n }, (_, i) => [`示例广域检索测试公司${i}`, `Broad Sample ${i}`, 'enterprise', code(1000 + i), '', '是']), 'broad.csv');
    await importRows([['广域检索', 'Broad', 'enterprise', code(9999), '', '是']], 'broad-exact.csv');
    const broad = await search(`q=${encodeURIComponent('广域检索')}&limit=10`);
    expect(broad.truncated).toBe(true);
    expect(broad.total).toBeGreaterThanOrEqual(SEARCH_CANDIDATES);
    expect(broad.items[0].nameZh).toBe('广域检索');
    const last = `示例广域检索测试公司${n - 1}`;
    const narrow = await search(`q=${encodeURIComponent(last)}`);
    expect(narrow.truncated).toBe(false);
    expect(narrow.items[0].nameZh).toBe(last);
  }, 120_000);

  test('the export of a truncated search holds every match, in id order, whatever its page size', async () => {
    // Runs after the test above: 351 names hold 广域检索.
    const query = { q: '广域检索', category: undefined, kind: undefined, areaId: undefined, sector: undefined, recognition: undefined };
    const collect = async (pageSize: number) => {
      const out: string[] = [];
      for await (const ids of allMatchingIds(asReadTx(t.database.db), 'beijing', query, pageSize)) out.push(...ids);
      return out;
    };
    const small = await collect(7);
    expect(small).toEqual(await collect(1000));
    expect(small).toHaveLength(SEARCH_CANDIDATES + 51);
    expect([...small].sort()).toEqual(small);
    const csv = await t.request({ method: 'GET', url: `${C}/export/organisations?format=csv&q=${encodeURIComponent('广域检索')}` });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.trim().split('\n')).toHaveLength(SEARCH_CANDIDATES + 52);
    // A word no name holds exports the header alone.
    expect((await collect(50)).length).toBeGreaterThan(0);
    const none = await t.request({ method: 'GET', url: `${C}/export/organisations?format=csv&q=${encodeURIComponent('无此名称词')}` });
    expect(none.body.trim().split('\n')).toHaveLength(1);
  }, 120_000);
});
