import { getTableName, is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, test } from 'vitest';
import * as schema from './schema/index.js';
import { scopePredicate, TABLE_SCOPES } from './table-scope.js';

const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
const byName = new Map<string, PgTable>(tables.map((t) => [getTableName(t), t]));

describe('table scope', () => {
  test('every table of the schema is classified, and nothing else is', () => {
    const unclassified = [...byName.keys()].filter((n) => !(n in TABLE_SCOPES));
    expect(unclassified, 'add these to src/db/table-scope.ts (centre, parent path or global)').toEqual([]);
    expect(Object.keys(TABLE_SCOPES).filter((n) => !byName.has(n))).toEqual([]);
  });

  test('centre columns exist, and every parent path follows real foreign keys to a centre-scoped table', () => {
    for (const [name, scope] of Object.entries(TABLE_SCOPES)) {
      const config = getTableConfig(byName.get(name) as PgTable);
      const columns = config.columns.map((c) => c.name);
      if (scope.kind === 'centre') expect(columns, name).toContain(scope.column);
      if (scope.kind !== 'parent') continue;
      let table = name;
      for (const hop of scope.path) {
        const fks = getTableConfig(byName.get(table) as PgTable).foreignKeys.map((fk) => fk.reference());
        const match = fks.find((fk) => fk.columns.length === 1 && fk.columns[0]?.name === hop.column && getTableName(fk.foreignTable) === hop.table && fk.foreignColumns[0]?.name === hop.parentColumn);
        expect(match, `${name}: ${table}.${hop.column} → ${hop.table}.${hop.parentColumn} is not a foreign key`).toBeDefined();
        table = hop.table;
      }
      expect(TABLE_SCOPES[table]?.kind, `${name}'s path must end at a centre-scoped table`).toBe('centre');
    }
  });

  test('a parent path becomes nested sub-selects; a global table has no centre predicate', () => {
    expect(scopePredicate('reviews', 't', "'beijing'")).toBe(
      `t."assignment_id" IN (SELECT p1."id" FROM "review_assignments" p1 WHERE p1."call_id" IN (SELECT p2."id" FROM "calls" p2 WHERE p2."centre_id" = 'beijing'))`,
    );
    expect(() => scopePredicate('sessions', 't', "'beijing'")).toThrow(/global/);
  });
});
