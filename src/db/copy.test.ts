import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DatabaseHandle } from './client.js';
import { copyField, copyInto } from './copy.js';
import { openTestDatabase } from './test-support/test-database.js';
import { withWriteTx } from './tx.js';

let db: { handle: DatabaseHandle; drop: () => Promise<void> };
beforeAll(async () => {
  db = await openTestDatabase();
  await db.handle.db.execute(sql`create table copy_probe (id int primary key, name text, tags text[], flag boolean, at timestamptz, x float8)`);
});
afterAll(async () => {
  await db.handle.close();
  await db.drop();
});

describe('COPY', () => {
  test('fields: null, booleans, dates, numbers, and text with the characters COPY escapes', () => {
    expect([null, true, false, 1.5, new Date('2026-01-02T03:04:05Z'), 'a\tb\\c\nd'].map(copyField)).toEqual(['\\N', 't', 'f', '1.5', '2026-01-02T03:04:05.000Z', 'a\\tb\\\\c\\nd']);
    expect(copyField(['x', 'say "hi"', 'back\\slash'])).toBe('{"x","say \\\\"hi\\\\"","back\\\\\\\\slash"}');
  });

  test('property: any text and list of texts comes back exactly as written, inside the caller’s transaction', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, fc.array(text, { maxLength: 4 }), fc.boolean(), fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }))), { minLength: 1, maxLength: 20 }), async (rows) => {
        await db.handle.db.execute(sql`delete from copy_probe`);
        const at = new Date('2026-11-22T00:00:00Z');
        await withWriteTx(db.handle.db, (tx) => copyInto(tx, 'copy_probe', ['id', 'name', 'tags', 'flag', 'at', 'x'], rows.map(([name, tags, flag, x], i) => [i, name, tags, flag, at, x])));
        const back = (await db.handle.db.execute(sql`select id, name, tags, flag, at, x from copy_probe order by id`)) as unknown as { rows: { name: string; tags: string[]; flag: boolean; at: Date | string; x: number | null }[] };
        expect(back.rows.map((r) => [r.name, r.tags, r.flag, new Date(r.at).toISOString(), r.x === null ? null : Number(r.x)])).toEqual(rows.map(([name, tags, flag, x]) => [name, tags, flag, at.toISOString(), x === null ? null : Object.is(x, -0) ? 0 : x]));
      }),
      { numRuns: 25, seed: 20261122 },
    );
  });

  test('a failing COPY rolls back with its transaction', async () => {
    await db.handle.db.execute(sql`delete from copy_probe`);
    await expect(
      withWriteTx(db.handle.db, async (tx) => {
        await copyInto(tx, 'copy_probe', ['id', 'name'], [[1, 'first']]);
        await copyInto(tx, 'copy_probe', ['id', 'name'], [[1, 'duplicate key']]);
      }),
    ).rejects.toThrow();
    const left = (await db.handle.db.execute(sql`select count(*)::int as n from copy_probe`)) as unknown as { rows: { n: number }[] };
    expect(left.rows[0]?.n).toBe(0);
  });
});
