import { desc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditEvents } from '../../db/schema/index.js';
import { hashToken } from '../modules/auth/session-tokens.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000', LOGIN_MAX_FAILURES: '4', LOGIN_LOCKOUT_MINUTES: '10' });
});
afterAll(() => t.close());

const attempt = (username: string, password: string, remoteAddress = '10.20.30.40') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

/** What an attacker can observe of one answer: status and body (the lock time is relative to the clock, compared separately). */
const observed = (res: { statusCode: number; body: string }) => ({ status: res.statusCode, body: JSON.parse(res.body) as unknown });

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

describe('brute force: per-account lockout', () => {
  test('LOGIN_MAX_FAILURES wrong passwords lock the account, whichever addresses they come from', async () => {
    const u = await t.userWithRole('analyst');
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await attempt(u.username, `Wrong-${i}-Passw0rd`, `10.0.0.${i + 1}`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 423]);
    expect((await attempt(u.username, TEST_PASSWORD, '10.0.0.99')).statusCode).toBe(423);
  });

  test('a locked account gives the same answer for the right and the wrong password', async () => {
    const u = await t.userWithRole('analyst');
    for (let i = 0; i < 4; i++) await attempt(u.username, 'Wrong-Passw0rd-x');
    const right = await attempt(u.username, TEST_PASSWORD);
    const wrong = await attempt(u.username, 'Wrong-Passw0rd-y');
    expect(right.statusCode).toBe(423);
    expect(observed(right)).toEqual(observed(wrong));
    expect(right.headers['set-cookie']).toBeUndefined();
  });
});

describe('account enumeration', () => {
  test('unknown user and wrong password: same status and body', async () => {
    const u = await t.userWithRole('analyst');
    const known = await attempt(u.username, 'Wrong-Passw0rd-z');
    const unknown = await attempt('no-such-user-anywhere', 'Wrong-Passw0rd-z');
    expect(observed(known)).toEqual(observed(unknown));
    expect(known.statusCode).toBe(401);
  });

  test('an unknown username locks after the same number of failures as a real one, with the same answer', async () => {
    const u = await t.userWithRole('analyst');
    const real: unknown[] = [];
    const ghost: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      real.push(observed(await attempt(u.username, `Wrong-${i}`)));
      ghost.push(observed(await attempt('ghost-user-never-made', `Wrong-${i}`)));
    }
    expect(ghost).toEqual(real);
    expect((real[3] as { status: number }).status).toBe(423);
  });

  test('a failed sign-in under an unknown name commits an audited write as a real one does, naming it only by a keyed hash', async () => {
    const name = 'Ghost-Audited-Name';
    const count = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]?.n ?? 0;
    const before = await count();
    expect((await attempt(name, 'Typed-Secret-Passw0rd', '10.60.0.1')).statusCode).toBe(401);
    expect(await count()).toBe(before + 1);
    const [event] = await t.database.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    expect(event).toMatchObject({ action: 'auth.login_failed_unknown_username', entityType: 'login_name', entityId: hashToken(t.app.kc.sessionKey, name.toLowerCase()) });
    expect(JSON.stringify(event)).not.toMatch(/ghost-audited-name|Typed-Secret/i);
  });

  test('unknown user and wrong password take roughly the same time (argon2 and an audited commit run for both)', async () => {
    const u = await t.userWithRole('analyst');
    const time = async (username: string, i: number) => {
      const start = performance.now();
      await attempt(username, `Timing-Wrong-${i}`, `10.50.0.${i}`);
      return performance.now() - start;
    };
    // Warm up both paths (the dummy hash is computed on first use), below the lockout count.
    await time(u.username, 200);
    await time('timing-ghost', 200);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) {
      // Unlock between rounds so lockout does not short-cut either path.
      const admin = await t.loginAdmin();
      const id = ((await t.request({ method: 'GET', url: '/api/users', session: admin })).json().items as { id: string; username: string }[]).find((x) => x.username === u.username)?.id;
      await t.request({ method: 'PATCH', url: `/api/users/${id}`, session: admin, payload: { unlock: true } });
      known.push(await time(u.username, i));
      unknown.push(await time(`timing-ghost-${i}`, i));
    }
    const ratio = median(known) / median(unknown);
    // A shared 2-core machine is noisy; without the dummy verification the ratio would be ~10x or more.
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(2.5);
  }, 60_000);

  test('the public session endpoint and the talent verify route reveal no account or record existence beyond their purpose', async () => {
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(session.json()).toEqual({ user: null, csrfToken: null, idleExpiresAt: null, absoluteExpiresAt: null, permissions: [] });
    // A made-up credential id answers exactly as a malformed one: nothing to tell them apart.
    const made = await t.app.inject({ method: 'GET', url: '/api/centres/beijing/talent/credentials/00000000-0000-4000-8000-000000000001/verify' });
    const other = await t.app.inject({ method: 'GET', url: '/api/centres/shanghai-not-a-centre/talent/credentials/00000000-0000-4000-8000-000000000001/verify' });
    expect(made.statusCode).toBe(404);
    expect(other.statusCode).toBe(404);
  });
});
