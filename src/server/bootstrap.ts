import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle, type DatabaseTarget } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { listShippedCentres, loadCentrePackage, seedCentre, type SeedProgress, type SeedReport } from '../db/seed/index.js';
import { withWriteTx } from '../db/tx.js';
import type { AppConfig } from './config.js';
import { ensureFirstAdmin } from './modules/users/users.service.js';

/** The key that signs session tokens: from config, else kept (0600) in the data directory. */
export const resolveSessionKey = (config: AppConfig): Buffer => {
  if (config.sessionSecret) return Buffer.from(config.sessionSecret, 'utf8');
  mkdirSync(config.dataDir, { recursive: true });
  const path = join(config.dataDir, 'session.secret');
  if (!existsSync(path)) writeFileSync(path, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'utf8');
};

export const databaseTarget = (config: AppConfig): DatabaseTarget => config.database;

/** Load every shipped centre package in one transaction each. Idempotent. */
/** `force`: compare every row even when the package is the one already loaded (the `db seed` command). */
export const seedShippedCentres = async (handle: DatabaseHandle, now: Date, onProgress?: SeedProgress, force = false): Promise<SeedReport[]> => {
  const reports: SeedReport[] = [];
  for (const dir of listShippedCentres()) {
    const pkg = loadCentrePackage(dir);
    reports.push(
      await withWriteTx(handle.db, (tx) => seedCentre(tx, pkg, { actor: { kind: 'system', label: 'system:seed' }, now, force, ...(onProgress ? { onProgress } : {}) })),
    );
  }
  return reports;
};

export type PreparedDatabase = {
  handle: DatabaseHandle;
  migrationsApplied: number;
  seeds: SeedReport[];
  admin: { created: boolean; username: string; generatedPassword: string | null };
};

/** Open, migrate, seed and make sure an admin exists: everything `serve` needs before listening. */
/** The advisory-lock key that serialises start-up work across servers sharing a database. */
export const STARTUP_LOCK_KEY = 7_305_002;

export const prepareDatabase = async (config: AppConfig, now: () => Date, onProgress?: SeedProgress): Promise<PreparedDatabase> => {
  const handle = await openDatabase(databaseTarget(config));
  try {
    // Replicas starting together on one PostgreSQL database migrate, seed and create the first admin in turn.
    return await handle.exclusively(STARTUP_LOCK_KEY, async () => {
      const { applied } = await migrateDatabase(handle);
      const seeds = config.seedOnStart ? await seedShippedCentres(handle, now(), onProgress) : [];
      const admin = await ensureFirstAdmin(handle.db, { username: config.admin.username, password: config.admin.password, now: now() });
      return { handle, migrationsApplied: applied, seeds, admin };
    });
  } catch (error) {
    await handle.close();
    throw error;
  }
};
