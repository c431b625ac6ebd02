import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * Three projects:
 *   unit+api  every *.test.ts, database tests on in-memory PGlite
 *   postgres  the database and API tests again on TEST_DATABASE_URL (only when set)
 *   browser   e2e/*.e2e.test.ts: Playwright on Debian chromium against the built web app
 */
const pglite: TestProjectInlineConfiguration = {
  test: {
    name: 'pglite',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    env: { KC_TEST_DB: 'pglite' },
    globalSetup: ['src/server/test-support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
};

const postgres: TestProjectInlineConfiguration = {
  test: {
    name: 'postgres',
    include: ['src/server/**/*.test.ts', 'src/db/**/*.test.ts'],
    env: { KC_TEST_DB: 'postgres' },
    globalSetup: ['src/server/test-support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
};

const browser: TestProjectInlineConfiguration = {
  test: {
    name: 'browser',
    include: ['e2e/**/*.e2e.test.ts'],
    env: { KC_TEST_DB: 'pglite' },
    globalSetup: ['src/server/test-support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // One more try for a stage that lost a race with the other projects' CPU on a 2-core machine;
    // a real failure fails twice and is reported with both attempts.
    retry: 1,
  },
};

export default defineConfig({
  test: {
    projects: [pglite, ...(process.env['TEST_DATABASE_URL'] ? [postgres] : []), ...(process.env['KC_SKIP_BROWSER'] ? [] : [browser])],
    pool: 'forks',
    maxWorkers: 2,
  },
});
