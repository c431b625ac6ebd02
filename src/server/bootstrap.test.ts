import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../db/audit-log.js';
import { listMigrations } from '../db/migrate.js';
import { createScratchDatabase } from '../db/test-support/scratch-database.js';
import { testEngine } from '../db/test-support/test-database.js';
import { prepareDatabase } from './bootstrap.js';
import { parseConfig } from './config.js';

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

// Replicas behind a load balancer start together on one database: each must come up, and the
// work of the first start (migrations, the Beijing seed, the first administrator) must happen once.
describe.skipIf(testEngine() !== 'postgres')('servers starting together on one PostgreSQL database', () => {
  test('three concurrent starts migrate, seed and create the first admin once, and all come up', async () => {
    const scratch = await createScratchDatabase(process.env['TEST_DATABASE_URL'] as string, 'kechuang_test_start');
    const url = scratch.url;
    const config = parseConfig({ LOG_LEVEL: 'silent', DATABASE_URL: url, KECHUANG_ADMIN_PASSWORD: 'Start-Together-Passw0rd!' }, { webRoot: null });
    try {
      const started = await Promise.all([1, 2, 3].map(() => prepareDatabase(config, () => new Date('2026-12-07T00:00:00Z'))));
      try {
        expect(started.map((s) => s.migrationsApplied).sort()).toEqual([0, 0, listMigrations().length]);
        const db = started[0]!.handle.db;
        const [migrations] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
        expect(migrations?.n).toBe(listMigrations().length);
        const [centres] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from centres`));
        expect(centres?.n).toBe(1);
        const [admins] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from users where role = 'admin'`));
        expect(admins?.n).toBe(1);
        expect((await verifyAuditChain(db)).ok).toBe(true);
      } finally {
        for (const s of started) await s.handle.close();
      }
    } finally {
      await scratch.drop();
    }
  }, 240_000);
});
