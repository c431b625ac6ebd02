import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { join } from 'node:path';
import { acquireDirLock, type DirLock } from './lock.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** A database or transaction handle; both run the same SQL on PGlite and PostgreSQL. */
export type DbExecutor = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob | File };

export type DatabaseHandle = {
  db: DbExecutor;
  kind: 'postgres' | 'pglite';
  /** A human description without secrets, for logs. */
  describe: string;
  /** Check the connection. */
  ping: () => Promise<boolean>;
  /** Dump an in-memory PGlite (for test templates); undefined elsewhere. */
  dumpDataDir?: () => Promise<Blob | File>;
  close: () => Promise<void>;
};

const redactUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
};

/** The embedded database lives in `<dataDir>/pgdata`; the lock beside it. */
export const pgliteDir = (dataDir: string): string => join(dataDir, 'pgdata');

export const openDatabase = async (target: DatabaseTarget): Promise<DatabaseHandle> => {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    // An idle client's error (server restart) must not crash the process.
    pool.on('error', () => undefined);
    const db = drizzlePg(pool, { schema }) as unknown as DbExecutor;
    return {
      db,
      kind: 'postgres',
      describe: `PostgreSQL ${redactUrl(target.url)}`,
      ping: async () => {
        try {
          await pool.query('select 1');
          return true;
        } catch {
          return false;
        }
      },
      close: () => pool.end(),
    };
  }
  let lock: DirLock | undefined;
  let client: PGlite;
  if (target.kind === 'pglite') {
    lock = acquireDirLock(join(target.dataDir, 'kechuang.lock'));
    try {
      client = await PGlite.create({ dataDir: pgliteDir(target.dataDir), extensions: { pg_trgm } });
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    client = await PGlite.create({ extensions: { pg_trgm }, ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}) });
  }
  const db = drizzlePglite(client, { schema }) as unknown as DbExecutor;
  return {
    db,
    kind: 'pglite',
    describe: target.kind === 'pglite' ? `PGlite ${pgliteDir(target.dataDir)}` : 'PGlite (in memory)',
    ping: async () => {
      try {
        await client.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    dumpDataDir: () => client.dumpDataDir('none'),
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
};
