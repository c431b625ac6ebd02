import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { seedShippedCentres } from '../bootstrap.js';
import { ensureFirstAdmin } from '../modules/users/users.service.js';
import { TEST_ADMIN, templateDatabaseName, withDatabaseName } from '../../db/test-support/test-database.js';

/** Fixed time for the template, so seeded audit rows are the same on every run. */
const TEMPLATE_TIME = new Date('2026-01-01T00:00:00.000Z');

const prepare = async (handle: DatabaseHandle): Promise<void> => {
  await migrateDatabase(handle);
  await seedShippedCentres(handle, TEMPLATE_TIME);
  await ensureFirstAdmin(handle.db, { username: TEST_ADMIN.username, password: TEST_ADMIN.password, now: TEMPLATE_TIME });
};

/** Build the template databases once per test run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cleanups: (() => Promise<void>)[] = [];
  if (project.name === 'postgres') {
    const TEMPLATE_DB = templateDatabaseName();
    project.provide('testDatabase', { engine: 'postgres', templatePath: null, templateDb: TEMPLATE_DB });
    const base = process.env['TEST_DATABASE_URL'] as string;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    const handle = await openDatabase({ kind: 'postgres', url: withDatabaseName(base, TEMPLATE_DB), poolSize: 2 });
    await prepare(handle);
    await handle.close();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
      await c.end();
    });
  } else {
    const handle = await openDatabase({ kind: 'pglite-memory' });
    await prepare(handle);
    const dump = await (handle.dumpDataDir as () => Promise<Blob>)();
    await handle.close();
    const dir = mkdtempSync(join(tmpdir(), 'kechuang-test-'));
    const path = join(dir, 'template.tar');
    writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
    project.provide('testDatabase', { engine: 'pglite', templatePath: path, templateDb: null });
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  }
  return async () => {
    for (const c of cleanups) await c();
  };
}

