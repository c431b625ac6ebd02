import { describe, expect, test } from 'vitest';
import { ConfigError, describeConfig, parseConfig } from './config.js';

describe('configuration', () => {
  test('defaults: port 3000, embedded database in ./data', () => {
    const c = parseConfig({}, { webRoot: null });
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ kind: 'pglite', dataDir: './data' });
    expect(c.session).toEqual({ idleMinutes: 30, absoluteHours: 12, cookieSecure: false });
  });

  test('DATABASE_POOL_SIZE sizes the PostgreSQL pool and is checked', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://u@h/db', DATABASE_POOL_SIZE: '40' }, { webRoot: null }).database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db', poolSize: 40 });
    expect(() => parseConfig({ DATABASE_POOL_SIZE: '0' }, { webRoot: null })).toThrow(/DATABASE_POOL_SIZE/);
  });

  test('DATABASE_URL selects the server', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' }, { webRoot: null }).database).toEqual({ kind: 'postgres', url: 'postgres://u@127.0.0.1:5432/db', poolSize: 10 });
  });

  test('every bad variable is named at once', () => {
    try {
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SESSION_SECRET: 'short', COOKIE_SECURE: 'maybe' }, { webRoot: null });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['COOKIE_SECURE', 'DATABASE_URL', 'PORT', 'SESSION_SECRET']);
      expect((error as Error).message).toMatch(/SESSION_SECRET: must be at least 32 characters/);
    }
  });

  test('secrets are marked and have no default shown', () => {
    const table = describeConfig();
    for (const name of ['DATABASE_URL', 'SESSION_SECRET', 'KECHUANG_ADMIN_PASSWORD']) {
      expect(table.find((v) => v.name === name)).toMatchObject({ secret: true, default: '(unset)' });
    }
  });
});
