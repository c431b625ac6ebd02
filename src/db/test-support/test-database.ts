import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../client.js';

/**
 * Test databases. Vitest's global setup builds one migrated, seeded template
 * per engine; each test file gets its own copy, so files run in parallel and
 * never see each other's writes.
 *   KC_TEST_DB=pglite    → in-memory PGlite cloned from a dumped data dir
 *   KC_TEST_DB=postgres  → CREATE DATABASE … TEMPLATE on TEST_DATABASE_URL
 */
export type TestEngine = 'pglite' | 'postgres';

export const testEngine = (): TestEngine => inject('testDatabase').engine;

/**
 * The template's name for one test run: its own, so two runs on one server
 * (a developer's and CI's) never drop each other's template.
 */
export const templateDatabaseName = (): string => `kechuang_test_template_${process.pid}_${randomBytes(3).toString('hex')}`;
export const TEST_ADMIN = { username: 'admin', password: 'Test-Root-Passw0rd!' } as const;

const withDatabaseName = (url: string, name: string): string => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

export const openTestDatabase = async (): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> => {
  if (testEngine() === 'postgres') {
    const base = process.env['TEST_DATABASE_URL'];
    if (!base) throw new Error('KC_TEST_DB=postgres needs TEST_DATABASE_URL');
    const name = `kechuang_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      const template = inject('testDatabase').templateDb;
      if (!template) throw new Error('no PostgreSQL template: run tests through vitest (see vitest.config.ts)');
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await admin.end();
    }
    const handle = await openDatabase({ kind: 'postgres', url: withDatabaseName(base, name), poolSize: 4 });
    return {
      handle,
      drop: async () => {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        try {
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await c.end();
        }
      },
    };
  }
  const templatePath = inject('testDatabase').templatePath;
  if (!templatePath) throw new Error('no PGlite template: run tests through vitest (see vitest.config.ts)');
  const blob = new Blob([readFileSync(templatePath)]);
  const handle = await openDatabase({ kind: 'pglite-memory', loadDataDir: blob });
  return { handle, drop: async () => undefined };
};

export { withDatabaseName };

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { engine: TestEngine; templatePath: string | null; templateDb: string | null };
  }
}
