import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { DatabaseHandle } from './client.js';

/** migrations/ sits two levels above this file in both src/db and dist/db. */
export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

type Journal = { entries: { idx: number; tag: string; when: number }[] };

export const listMigrations = (): Journal['entries'] =>
  (JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as Journal).entries;

/** Apply every pending migration. Safe to call at every boot. */
export const migrateDatabase = async (handle: DatabaseHandle): Promise<{ applied: number }> => {
  const before = await countAppliedMigrations(handle);
  if (handle.kind === 'postgres') {
    await migratePg(handle.db as unknown as NodePgDatabase, { migrationsFolder });
  } else {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  }
  const after = await countAppliedMigrations(handle);
  return { applied: after - before };
};

export const countAppliedMigrations = async (handle: DatabaseHandle): Promise<number> => {
  try {
    const rows = await handle.db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    return Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
  } catch {
    return 0;
  }
};

export const countPendingMigrations = async (handle: DatabaseHandle): Promise<number> =>
  Math.max(0, listMigrations().length - (await countAppliedMigrations(handle)));
