import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { openDatabase, type DatabaseHandle } from './client.js';
import { openTestDatabase, testEngine } from './test-support/test-database.js';

let db: { handle: DatabaseHandle; drop: () => Promise<void> } | undefined;
beforeAll(async () => {
  if (testEngine() === 'postgres') db = await openTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const settlesWithin = <T>(work: Promise<T>, ms: number): Promise<'settled' | 'still waiting'> =>
  Promise.race([work.then(() => 'settled' as const, () => 'settled' as const), sleep(ms).then(() => 'still waiting' as const)]);

test.runIf(testEngine() === 'postgres')('a transaction whose BEGIN meets a connection already lost gives the client back, so the pool still closes', { timeout: 30_000 }, async () => {
  const { handle } = db as { handle: DatabaseHandle };
  const pool = (handle.db as unknown as { $client: pg.Pool }).$client;
  // One idle client in the pool, whose backend we know.
  const client = await pool.connect();
  const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid;
  const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
  client.release();
  expect(pool.idleCount).toBe(1);

  // The backend goes away while the process is not reading that socket: the pool cannot know yet, as when a
  // terminated connection's news is still in the kernel's buffer when the next transaction checks it out.
  socket.pause();
  const admin = new pg.Client({ connectionString: process.env['TEST_DATABASE_URL'] });
  await admin.connect();
  try {
    await admin.query('select pg_terminate_backend($1)', [pid]);
    while (((await admin.query('select 1 from pg_stat_activity where pid = $1', [pid])).rowCount ?? 0) > 0) await sleep(20);
  } finally {
    await admin.end();
  }
  const transaction = handle.db.transaction(async (tx) => tx.execute(sql`select 1`));
  socket.resume();
  await expect(transaction).rejects.toThrow(/begin/);

  // Before the fix the client stayed checked out for ever: a running server lost that pool slot for good (after ten
  // such moments every request would wait), and closing waited on it (a CLI command exited 13).
  await vi.waitFor(() => expect(pool.totalCount).toBe(0), { timeout: 5_000 });
  expect(((await handle.db.execute(sql`select 1 as one`)) as unknown as { rows: unknown[] }).rows).toEqual([{ one: 1 }]);
  expect(await settlesWithin(handle.close(), 5_000)).toBe('settled');
});

test.runIf(testEngine() === 'postgres')('releasing a checked-out client twice is still refused, as pg refuses it', async () => {
  const url = process.env['TEST_DATABASE_URL'] as string;
  const own = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  try {
    const pool = (own.db as unknown as { $client: pg.Pool }).$client;
    const client = await pool.connect();
    client.release();
    expect(() => client.release()).toThrow(/already been released/);
  } finally {
    await own.close();
  }
});
