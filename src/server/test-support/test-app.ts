import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../shared/access.js';
import type { DatabaseHandle } from '../../db/client.js';
import { buildApp } from '../app.js';
import { parseConfig, type AppConfig } from '../config.js';
import { createUserFromCli } from '../modules/users/users.service.js';
import { openTestDatabase, TEST_ADMIN } from '../../db/test-support/test-database.js';

/** A clock tests can move. */
export class TestClock {
  constructor(private current = new Date('2026-03-01T09:00:00.000Z')) {}
  now = (): Date => new Date(this.current);
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export type Session = { cookie: string; csrf: string };

export type TestApp = {
  app: FastifyInstance;
  database: DatabaseHandle;
  clock: TestClock;
  config: AppConfig;
  /** Sign in and return the cookie and CSRF token to send back. */
  login: (username: string, password: string) => Promise<Session>;
  loginAdmin: () => Promise<Session>;
  /** Create an account directly (no HTTP) and sign it in. */
  userWithRole: (role: Role, extra?: { centreId?: string | null; organisationId?: string | null; username?: string }) => Promise<Session & { username: string; password: string }>;
  /** inject with an optional session: cookie and CSRF header attached. */
  request: (opts: InjectOptions & { session?: Session | undefined }) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
};

export const TEST_PASSWORD = 'Role-User-Passw0rd!';

export const createTestApp = async (env: Record<string, string> = {}): Promise<TestApp> => {
  const { handle, drop } = await openTestDatabase();
  const clock = new TestClock();
  const config = parseConfig({ LOG_LEVEL: 'silent', KECHUANG_DATA_DIR: '/nonexistent-test-dir', JOBS_INTERVAL_SECONDS: '0', PUBLIC_CACHE_SECONDS: '0', ...env }, { webRoot: null });
  const app = await buildApp({ config, database: handle, now: clock.now, sessionKey: Buffer.from('test-session-key-test-session-key') }, { logger: false });
  await app.ready();
  let counter = 0;

  const request: TestApp['request'] = ({ session, headers, ...rest }) =>
    app.inject({
      ...rest,
      headers: {
        ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
        ...(headers ?? {}),
      },
    } as InjectOptions);

  const login = async (username: string, password: string): Promise<Session> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const setCookie = res.headers['set-cookie'];
    const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    return { cookie: String(raw).split(';')[0] as string, csrf: (res.json() as { csrfToken: string }).csrfToken };
  };

  return {
    app,
    database: handle,
    clock,
    config,
    login,
    loginAdmin: () => login(TEST_ADMIN.username, TEST_ADMIN.password),
    userWithRole: async (role, extra = {}) => {
      counter++;
      const username = extra.username ?? `${role.replaceAll('_', '-')}-${counter}`;
      await createUserFromCli(
        handle.db,
        {
          username,
          displayName: `Test ${role}`,
          role,
          centreId: extra.centreId === undefined ? (role === 'admin' ? null : 'beijing') : extra.centreId,
          organisationId: extra.organisationId ?? (role === 'enterprise_member' || role === 'research_member' ? 'beijing-ent-040' : null),
          locale: 'zh-CN',
          password: TEST_PASSWORD,
        },
        clock.now(),
      );
      return { ...(await login(username, TEST_PASSWORD)), username, password: TEST_PASSWORD };
    },
    request,
    close: async () => {
      await app.close();
      await drop();
    },
  };
};
