import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The same server, another database: `url` with its path replaced by `name`. */
export const withDatabaseName = (url: string, name: string): string => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

export type ScratchDatabase = { name: string; url: string; drop: () => Promise<void> };

/**
 * A database of its own on the PostgreSQL server of `serverUrl`, empty or a
 * copy of `template`, named `<prefix>_<random>` (prefixes tell leftovers apart:
 * kechuang_test, crash, backup_test …). `drop` ends its connections first.
 * No Vitest here: the crash suite's `npm run crash` uses it outside the runner.
 */
export const createScratchDatabase = async (serverUrl: string, prefix: string, template?: string | null): Promise<ScratchDatabase> => {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = async (statement: string): Promise<void> => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  return { name, url: withDatabaseName(serverUrl, name), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
};
