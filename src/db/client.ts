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
  /** The PostgreSQL pool's connections now (for /metrics); undefined on PGlite. */
  poolStats?: () => { total: number; idle: number; waiting: number; max: number };
  /**
   * Run `work` while holding a database-wide lock named by `key`, so servers
   * sharing one PostgreSQL database do it one at a time (migrating and seeding
   * at start). PGlite has one process by its data-directory lock, so it just runs.
   */
  exclusively: <T>(key: number, work: () => Promise<T>) => Promise<T>;
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

/**
 * drizzle's transaction checks a client out and sends BEGIN before its try/finally. When BEGIN fails (an idle
 * connection whose backend was just terminated, not yet noticed), that client is never released, and pool.end()
 * waits for it for ever: with nothing else left to run, Node ends the process with exit code 13 (the import's
 * rare exit after a lost connection in the crash suite, issue 10; upstream: drizzle-orm issues #6023 and #6241, open
 * for 0.45.x). A BEGIN on a live connection does not fail here (no statement timeout is set), so the case to cover is
 * the lost connection: a client whose connection ends while checked out goes back to the pool at once, as broken;
 * the caller's later release is then a no-op. A second release by the caller in any other case still throws, as pg
 * makes it.
 */
const releaseWhenConnectionEnds = (pool: pg.Pool): void => {
  const checkOut = pool.connect.bind(pool);
  const guarded = async (): Promise<pg.PoolClient> => {
    const client = await checkOut();
    const release = client.release;
    let releasedOnEnd = false;
    const onEnd = (): void => {
      releasedOnEnd = true;
      release(new Error('the connection ended while checked out'));
    };
    client.once('end', onEnd);
    client.release = (err?: Error | boolean) => {
      if (releasedOnEnd) return;
      client.removeListener('end', onEnd);
      release(err);
    };
    return client;
  };
  // Only the promise form: pool.query checks out with a callback and releases on the client's error itself.
  pool.connect = ((callback?: Parameters<pg.Pool['connect']>[0]) => (callback ? checkOut(callback) : guarded())) as pg.Pool['connect'];
};

/** The embedded database lives in `<dataDir>/pgdata`; the lock beside it. */
export const pgliteDir = (dataDir: string): string => join(dataDir, 'pgdata');

export const openDatabase = async (target: DatabaseTarget): Promise<DatabaseHandle> => {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    // An idle client's error (server restart) must not crash the process.
    pool.on('error', () => undefined);
    // Nor a busy one's: a connection lost mid-transaction (server restart, terminated backend) fails its
    // query, which the caller sees and handles; the 'error' event the client emits as well had no listener
    // while checked out, and took the whole process down (found by the crash suite, issue 10).
    pool.on('connect', (client) => client.on('error', () => undefined));
    releaseWhenConnectionEnds(pool);
    const db = drizzlePg(pool, { schema }) as unknown as DbExecutor;
    return {
      db,
      kind: 'postgres',
      describe: `PostgreSQL ${redactUrl(target.url)}`,
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: target.poolSize ?? 10 }),
      ping: async () => {
        try {
          await pool.query('select 1');
          return true;
        } catch {
          return false;
        }
      },
      exclusively: async (key, work) => {
        // A session-level advisory lock on a connection of its own, held while `work` uses the pool.
        const holder = await pool.connect();
        try {
          await holder.query('select pg_advisory_lock($1)', [key]);
          try {
            return await work();
          } finally {
            await holder.query('select pg_advisory_unlock($1)', [key]);
          }
        } finally {
          holder.release();
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
    exclusively: (_key, work) => work(),
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
