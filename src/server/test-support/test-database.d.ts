import { type DatabaseHandle } from '../../db/client.js';
/**
 * Test databases. Vitest's global setup builds one migrated, seeded template
 * per engine; each test file gets its own copy, so files run in parallel and
 * never see each other's writes.
 *   KC_TEST_DB=pglite    → in-memory PGlite cloned from a dumped data dir
 *   KC_TEST_DB=postgres  → CREATE DATABASE … TEMPLATE on TEST_DATABASE_URL
 */
export type TestEngine = 'pglite' | 'postgres';
export declare const testEngine: () => TestEngine;
export declare const TEMPLATE_DB = "kechuang_test_template";
export declare const TEST_ADMIN: {
    readonly username: "admin";
    readonly password: "Test-Root-Passw0rd!";
};
declare const withDatabaseName: (url: string, name: string) => string;
export declare const openTestDatabase: () => Promise<{
    handle: DatabaseHandle;
    drop: () => Promise<void>;
}>;
export { withDatabaseName };
