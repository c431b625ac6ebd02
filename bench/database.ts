import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { seedShippedCentres } from '../src/server/bootstrap.js';

/** The PostgreSQL server benchmarks run on: TEST_DATABASE_URL, DATABASE_URL or the local one. */
export const benchServer = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A benchmark's own database on that server, migrated and seeded: created
 * afresh, or the one a previous run kept when `reuse` is set. Returns the app's
 * handle and the URL (for a plain pg client that loads data).
 */
export const benchDatabase = async (name: string, reuse: boolean, poolSize = 4): Promise<{ handle: DatabaseHandle; url: string }> => {
  const admin = new pg.Client({ connectionString: benchServer });
  await admin.connect();
  if (!reuse) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  await admin.end();
  const url = new URL(benchServer);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize });
  await migrateDatabase(handle);
  await seedShippedCentres(handle, new Date());
  return { handle, url: url.toString() };
};
