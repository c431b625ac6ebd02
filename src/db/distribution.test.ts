import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { distributionGaps, LEGACY_MIGRATION, placementOf, type Placement, type TableFacts } from './distribution.js';
import { openTestDatabase } from './test-support/test-database.js';

type Row = Record<string, unknown>;
const rowsOf = (res: unknown): Row[] => (res as { rows: Row[] }).rows;

/** The migration that created each table: the first `CREATE TABLE "name"` in the ordered migration files. */
const createdIn = (): Map<string, string> => {
  const dir = new URL('../../migrations/', import.meta.url);
  const created = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    for (const m of readFileSync(new URL(file, dir), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"([a-z0-9_]+)"/g)) if (!created.has(m[1] as string)) created.set(m[1] as string, file.slice(0, 4));
  }
  return created;
};

describe('distribution by centre (Citus)', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const facts = new Map<string, TableFacts>();
  beforeAll(async () => {
    db = await openTestDatabase();
    const exec = (q: ReturnType<typeof sql>) => db.handle.db.execute(q).then(rowsOf);
    const tables = (await exec(sql`select c.relname as t from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'`)).map((r) => r['t'] as string);
    const columns = await exec(sql`select table_name as t, column_name as c, is_nullable = 'YES' as n from information_schema.columns where table_schema = current_schema()`);
    const uniques = await exec(sql`
      select c.relname as t, i.relname as name, coalesce(array_agg(a.attname order by k.ord) filter (where a.attname is not null), '{}') as cols
      from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
      cross join lateral unnest(x.indkey) with ordinality as k(attnum, ord)
      left join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum and k.attnum > 0
      where c.relnamespace = current_schema()::regnamespace and x.indisunique
      group by c.relname, i.relname`);
    const fks = await exec(sql`
      select c.relname as t, con.conname as name, r.relname as ref,
             array(select a.attname from unnest(con.conkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.o) as cols,
             array(select a.attname from unnest(con.confkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.o) as refcols
      from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_class r on r.oid = con.confrelid
      where con.contype = 'f' and c.relnamespace = current_schema()::regnamespace`);
    const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : String(v).replace(/^\{|\}$/g, '').split(',').filter(Boolean));
    for (const t of tables) {
      facts.set(t, {
        columns: new Map(columns.filter((r) => r['t'] === t).map((r) => [r['c'] as string, { nullable: r['n'] === true }])),
        uniques: uniques.filter((r) => r['t'] === t).map((r) => ({ name: r['name'] as string, columns: list(r['cols']) })),
        foreignKeys: fks.filter((r) => r['t'] === t).map((r) => ({ name: r['name'] as string, references: r['ref'] as string, columns: list(r['cols']), referencedColumns: list(r['refcols']) })),
      });
    }
  }, 120_000);
  afterAll(async () => {
    await db.handle.close();
    await db.drop();
  });

  test('every table of the schema has a placement', () => {
    expect(facts.size).toBeGreaterThan(100);
    for (const t of facts.keys()) expect(() => placementOf(t), t).not.toThrow();
  });

  test('tables created after the legacy migrations can be distributed by centre as they are', () => {
    const created = createdIn();
    const newer = [...facts.keys()].filter((t) => (created.get(t) ?? '9999') > LEGACY_MIGRATION);
    expect(newer.map((t) => ({ table: t, gaps: distributionGaps(t, facts.get(t) as TableFacts) })).filter((r) => r.gaps.length > 0)).toEqual([]);
  });

  test('the legacy tables’ gaps are the reviewed list (docs/OPERATIONS.md counts them)', async () => {
    const created = createdIn();
    const lines = [...facts.keys()]
      .filter((t) => (created.get(t) ?? '9999') <= LEGACY_MIGRATION)
      .sort()
      .map((t) => {
        const p = placementOf(t);
        const gaps = distributionGaps(t, facts.get(t) as TableFacts);
        return `${t}: ${p.kind === 'distributed' ? 'distributed by centre_id' : p.kind}${gaps.map((g) => `\n  - ${g}`).join('')}`;
      });
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('__snapshots__/distribution-gaps.txt');
  });
});

describe('Citus rules as distributionGaps applies them', () => {
  const plan = (t: string): Placement => (t === 'centres' ? { kind: 'reference', reason: '' } : t === 'sessions' ? { kind: 'coordinator', reason: '' } : { kind: 'distributed', column: 'centre_id' });
  const table = (over: Partial<TableFacts> = {}): TableFacts => ({ columns: new Map([['id', { nullable: false }], ['centre_id', { nullable: false }]]), uniques: [], foreignKeys: [], ...over });

  test('a co-located table passes: keys and foreign keys carry centre_id', () => {
    const facts = table({ uniques: [{ name: 'pk', columns: ['centre_id', 'id'] }], foreignKeys: [{ name: 'fk', columns: ['centre_id', 'parent_id'], references: 'parents', referencedColumns: ['centre_id', 'id'] }, { name: 'c', columns: ['centre_id'], references: 'centres', referencedColumns: ['id'] }] });
    expect(distributionGaps('child', facts, plan)).toEqual([]);
  });

  test('each rule names its gap', () => {
    const noColumn = table({ columns: new Map([['id', { nullable: false }]]) });
    expect(distributionGaps('child', noColumn, plan)).toEqual(['no centre_id column']);
    expect(distributionGaps('child', table({ columns: new Map([['centre_id', { nullable: true }]]) }), plan)).toEqual(['centre_id may be null']);
    expect(distributionGaps('child', table({ uniques: [{ name: 'pk', columns: ['id'] }] }), plan)).toEqual(['unique pk (id) lacks centre_id']);
    expect(distributionGaps('child', table({ foreignKeys: [{ name: 'fk', columns: ['parent_id'], references: 'parents', referencedColumns: ['id'] }] }), plan)).toEqual(['foreign key fk to parents is not on centre_id']);
    expect(distributionGaps('centres', table({ foreignKeys: [{ name: 'fk', columns: ['entity_id'], references: 'entities', referencedColumns: ['id'] }] }), plan)).toEqual(['foreign key fk from a reference table to distributed entities']);
  });
});
