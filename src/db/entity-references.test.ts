import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DatabaseHandle } from './client.js';
import { ENTITY_REFERENCES } from './entity-references.js';
import { openTestDatabase } from './test-support/test-database.js';

let db: { handle: DatabaseHandle; drop: () => Promise<void> };
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.handle.close();
  await db.drop();
});

describe('entity references', () => {
  test('every foreign key to entities is listed, so a merge moves it (entity_merges keeps history and is left alone)', async () => {
    const res = await db.handle.db.execute(sql`
      select cl.relname as "table", a.attname as "column"
      from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
      where c.contype = 'f' and c.confrelid = 'entities'::regclass`);
    const foreignKeys = (res as unknown as { rows: { table: string; column: string }[] }).rows.map((r) => `${r.table}.${r.column}`);
    const listed = new Set(ENTITY_REFERENCES.map((r) => `${r.table}.${r.column}`));
    expect(foreignKeys.filter((fk) => !listed.has(fk))).toEqual([]);
  });

  test('every listed column exists, and report keys are unique', async () => {
    const res = await db.handle.db.execute(sql`select table_name as "table", column_name as "column" from information_schema.columns where table_schema = current_schema()`);
    const columns = new Set((res as unknown as { rows: { table: string; column: string }[] }).rows.map((r) => `${r.table}.${r.column}`));
    expect(ENTITY_REFERENCES.map((r) => `${r.table}.${r.column}`).filter((c) => !columns.has(c))).toEqual([]);
    expect(new Set(ENTITY_REFERENCES.map((r) => r.key)).size).toBe(ENTITY_REFERENCES.length);
  });
});
