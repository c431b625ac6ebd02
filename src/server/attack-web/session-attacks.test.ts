import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000', LOGIN_MAX_FAILURES: '3', SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '2' });
});
afterAll(() => t.close());

const cookieOf = (res: { headers: Record<string, unknown> }): string => String([res.headers['set-cookie']].flat()[0]).split(';')[0] as string;
const whoIs = async (cookie: string) => (await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } })).json().user?.username ?? null;
const signIn = (username: string, password: string, cookie?: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers: cookie ? { cookie } : {} });

describe('session fixation', () => {
  test('a token planted before sign-in (made up by the attacker) is never the one used after sign-in', async () => {
    const victim = await t.userWithRole('analyst');
    const planted = 'kc_session=attacker-chosen-token-value-0123456789abcdefghijklmnop';
    const res = await signIn(victim.username, TEST_PASSWORD, planted);
    expect(res.statusCode).toBe(200);
    const issued = cookieOf(res);
    expect(issued).not.toBe(planted);
    expect(await whoIs(planted)).toBeNull();
    expect(await whoIs(issued)).toBe(victim.username);
  });

  test("an attacker's own live session planted in the victim's browser is ended at the victim's sign-in, not promoted", async () => {
    const attacker = await t.userWithRole('analyst');
    const victim = await t.userWithRole('service_officer');
    const res = await signIn(victim.username, TEST_PASSWORD, attacker.cookie);
    const issued = cookieOf(res);
    expect(issued).not.toBe(attacker.cookie);
    expect(await whoIs(issued)).toBe(victim.username);
    // The planted id now means nobody: the attacker cannot ride on the victim's sign-in through it.
    expect(await whoIs(attacker.cookie)).toBeNull();
  });

  test('each sign-in issues a new token and a new CSRF token', async () => {
    const user = await t.userWithRole('analyst');
    const again = await t.login(user.username, TEST_PASSWORD);
    expect(again.cookie).not.toBe(user.cookie);
    expect(again.csrf).not.toBe(user.csrf);
  });
});

describe('server-side invalidation', () => {
  test('after sign-out the old cookie no longer works, even replayed with its CSRF token', async () => {
    const s = await t.userWithRole('analyst');
    expect((await t.request({ method: 'POST', url: '/api/auth/logout', session: s })).statusCode).toBe(204);
    expect(await whoIs(s.cookie)).toBeNull();
    const replay = await t.request({ method: 'GET', url: '/api/audit', session: s });
    expect(replay.statusCode).toBe(401);
    const write = await t.request({ method: 'POST', url: '/api/auth/password', session: s, payload: { currentPassword: TEST_PASSWORD, newPassword: 'Another-Long-Secret-77' } });
    expect(write.statusCode).toBe(401);
  });

  test('after a password change every old cookie (this browser and others) no longer works', async () => {
    const first = await t.userWithRole('analyst');
    const other = await t.login(first.username, TEST_PASSWORD);
    const res = await t.request({ method: 'POST', url: '/api/auth/password', session: first, payload: { currentPassword: TEST_PASSWORD, newPassword: 'Another-Long-Secret-77' } });
    expect(res.statusCode).toBe(204);
    expect(await whoIs(first.cookie)).toBeNull();
    expect(await whoIs(other.cookie)).toBeNull();
    expect(await whoIs(cookieOf(res))).toBe(first.username);
  });

  test('a disabled account loses its live sessions at once', async () => {
    const admin = await t.loginAdmin();
    const s = await t.userWithRole('analyst');
    const list = await t.request({ method: 'GET', url: '/api/users', session: admin });
    expect(list.statusCode, list.body.slice(0, 200)).toBe(200);
    const id = (list.json().items as { id: string; username: string }[]).find((u) => u.username === s.username)?.id;
    expect(id).toBeTruthy();
    const patch = await t.request({ method: 'PATCH', url: `/api/users/${id}`, session: admin, payload: { disabled: true } });
    expect(patch.statusCode).toBe(200);
    expect(await whoIs(s.cookie)).toBeNull();
  });
});

describe('timeouts', () => {
  test('idle timeout: a session unused for longer than SESSION_IDLE_MINUTES is gone server-side', async () => {
    const s = await t.userWithRole('analyst');
    t.clock.advanceMinutes(31);
    expect(await whoIs(s.cookie)).toBeNull();
    // Coming back does not revive it.
    t.clock.advanceMinutes(-31);
    expect(await whoIs(s.cookie)).toBeNull();
  });

  test('absolute timeout: a session in constant use still ends after SESSION_ABSOLUTE_HOURS', async () => {
    const s = await t.userWithRole('analyst');
    for (let i = 0; i < 4; i++) {
      t.clock.advanceMinutes(29);
      expect(await whoIs(s.cookie)).toBe(s.username);
    }
    t.clock.advanceMinutes(5); // 121 minutes
    expect(await whoIs(s.cookie)).toBeNull();
  });
});
