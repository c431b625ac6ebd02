import { sql } from 'drizzle-orm';
import type { ReadTx } from '../tx.js';
import { quoteIdent, TABLE_SCOPES } from '../table-scope.js';

/** `collateC`: a text column in a database whose collation is not C already; keys are compared with COLLATE "C". */
export type ColumnInfo = { name: string; type: string; generated: boolean; identity: boolean; collateC: boolean };
export type TableInfo = {
  name: string;
  /** Columns a dump carries, in table order: every column except generated ones (recomputed on insert). */
  columns: ColumnInfo[];
  primaryKey: string[];
  /** FK columns and the table they point at (single-column FKs). */
  references: { column: string; table: string }[];
  hasUserTriggers: boolean;
};

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** The live catalog of the public tables named in TABLE_SCOPES: the dump follows the database, not the TypeScript. */
export const readCatalog = async (tx: ReadTx): Promise<Map<string, TableInfo>> => {
  const columns = rowsOf<{ table: string; name: string; type: string; generated: string; identity: string; typcategory: string }>(
    await tx.execute(sql.raw(`
      select c.relname as "table", a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
             a.attgenerated as generated, a.attidentity as identity, t.typcategory as typcategory
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      join pg_type t on t.oid = a.atttypid
      where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
      order by c.relname, a.attnum`)),
  );
  const keys = rowsOf<{ table: string; name: string }>(
    await tx.execute(sql.raw(`
      select c.relname as "table", a.attname as name
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
      join lateral unnest(i.indkey) with ordinality as k(attnum, ord) on true
      join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
      where n.nspname = 'public' and i.indisprimary order by c.relname, k.ord`)),
  );
  const fks = rowsOf<{ table: string; column: string; target: string }>(
    await tx.execute(sql.raw(`
      select c.relname as "table", a.attname as "column", t.relname as target
      from pg_constraint f join pg_class c on c.oid = f.conrelid join pg_class t on t.oid = f.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum = f.conkey[1]
      where n.nspname = 'public' and f.contype = 'f' and array_length(f.conkey, 1) = 1`)),
  );
  const triggers = rowsOf<{ table: string }>(
    await tx.execute(sql.raw(`
      select distinct c.relname as "table" from pg_trigger g join pg_class c on c.oid = g.tgrelid
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and not g.tgisinternal`)),
  );
  // A C-collated database (PGlite) already orders text bytewise, and its primary-key indexes serve the ORDER BY.
  const collation = rowsOf<{ c: string }>(await tx.execute(sql.raw('select datcollate as c from pg_database where datname = current_database()')))[0]?.c;
  const bytewise = collation === 'C' || collation === 'POSIX';
  const tables = new Map<string, TableInfo>();
  for (const c of columns) {
    if (!(c.table in TABLE_SCOPES)) continue;
    const info = tables.get(c.table) ?? { name: c.table, columns: [], primaryKey: [], references: [], hasUserTriggers: false };
    info.columns.push({ name: c.name, type: c.type, generated: c.generated !== '', identity: c.identity !== '', collateC: c.typcategory === 'S' && !bytewise });
    tables.set(c.table, info);
  }
  for (const k of keys) tables.get(k.table)?.primaryKey.push(k.name);
  for (const f of fks) tables.get(f.table)?.references.push({ column: f.column, table: f.target });
  for (const t of triggers) {
    const info = tables.get(t.table);
    if (info) info.hasUserTriggers = true;
  }
  return tables;
};

/** Parents before children (FK order), ties by name so every dump lists tables alike. */
export const topologicalOrder = (tables: Map<string, TableInfo>, names: readonly string[]): string[] => {
  const wanted = new Set(names);
  const done = new Set<string>();
  const order: string[] = [];
  const visit = (name: string, path: string[]): void => {
    if (done.has(name)) return;
    if (path.includes(name)) throw new Error(`foreign-key cycle: ${[...path, name].join(' → ')}`);
    const info = tables.get(name);
    for (const ref of [...(info?.references ?? [])].sort((a, b) => a.table.localeCompare(b.table))) {
      if (ref.table !== name && wanted.has(ref.table)) visit(ref.table, [...path, name]);
    }
    done.add(name);
    order.push(name);
  };
  for (const name of [...names].sort()) visit(name, []);
  return order;
};

/** ORDER BY on the primary key, text compared bytewise so PGlite and PostgreSQL (any locale) agree. */
export const keyOrder = (info: TableInfo, alias = 't'): string =>
  info.primaryKey
    .map((k) => {
      const col = info.columns.find((c) => c.name === k);
      return `${alias}.${quoteIdent(k)}${col?.collateC ? ' COLLATE "C"' : ''}`;
    })
    .join(', ');
