import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../client.js';
import { createScratchDatabase, withDatabaseName } from './scratch-database.js';

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

export const openTestDatabase = async (): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> => {
  if (testEngine() === 'postgres') {
    const base = process.env['TEST_DATABASE_URL'];
    if (!base) throw new Error('KC_TEST_DB=postgres needs TEST_DATABASE_URL');
    const template = inject('testDatabase').templateDb;
    if (!template) throw new Error('no PostgreSQL template: run tests through vitest (see vitest.config.ts)');
    const scratch = await createScratchDatabase(base, 'kechuang_test', template);
    const handle = await openDatabase({ kind: 'postgres', url: scratch.url, poolSize: 4 });
    return {
      handle,
      drop: scratch.drop,
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
