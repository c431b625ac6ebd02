import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test-support/test-app.js';
import { TEST_ADMIN } from '../../../db/test-support/test-database.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_MINUTES: '15', SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '2', LOGIN_IP_LIMIT_PER_MINUTE: '1000' });
});
afterAll(() => t.close());

const login = (username: string, password: string, remoteAddress = '10.9.8.7') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

describe('sign-in', () => {
  test('sets an HttpOnly, SameSite session cookie and returns the user, permissions and a CSRF token', async () => {
    const res = await login(TEST_ADMIN.username, TEST_ADMIN.password);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^kc_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Expires=/);
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(body.user.passwordHash).toBeUndefined();
    expect(body.permissions).toContain('users:manage');
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  test('the session endpoint reports anonymous without a cookie and the user with one', async () => {
    const anon = await t.request({ method: 'GET', url: '/api/auth/session' });
    expect(anon.json()).toMatchObject({ user: null, csrfToken: null, permissions: [] });
    const session = await t.loginAdmin();
    const me = await t.request({ method: 'GET', url: '/api/auth/session', session });
    expect(me.json().user.username).toBe('admin');
    expect(me.json().csrfToken).toBe(session.csrf);
  });

  test('a wrong password and an unknown user get the same answer', async () => {
    const a = await login(TEST_ADMIN.username, 'not-the-password');
    const b = await login('nobody-by-that-name', 'not-the-password');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(b.json()).toEqual(a.json());
  });

  test('an empty or malformed body is a field-level validation error, not a 500', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['password', 'username']);
    const broken = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('BAD_REQUEST');
    // A cross-site form post cannot produce a JSON object, so it never reaches the sign-in logic.
    const form = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'username=admin' });
    expect(form.statusCode).toBe(400);
    expect(form.json().error.code).toBe('VALIDATION_FAILED');
    const xml = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('lockout and throttling', () => {
  test('locks an account after repeated failures, refuses even the right password while locked, and unlocks after the lockout', async () => {
    const user = await t.userWithRole('analyst', { username: 'lockout-target' });
    expect(user.cookie).toBeTruthy();
    for (let i = 0; i < 2; i++) expect((await login('lockout-target', 'Wrong-Passw0rd!!')).statusCode).toBe(401);
    const third = await login('lockout-target', 'Wrong-Passw0rd!!');
    expect(third.statusCode).toBe(423);
    expect(third.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(new Date(third.json().error.details.lockedUntil).getTime()).toBe(t.clock.now().getTime() + 15 * 60_000);
    expect((await login('lockout-target', TEST_PASSWORD)).statusCode).toBe(423);
    t.clock.advanceMinutes(16);
    expect((await login('lockout-target', TEST_PASSWORD)).statusCode).toBe(200);
  });

  test('failed sign-ins are audited', async () => {
    await login('lockout-target', 'Wrong-Passw0rd!!');
    const admin = await t.loginAdmin();
    const res = await t.request({ method: 'GET', url: '/api/audit?action=auth.login_failed', session: admin });
    expect(res.json().items.length).toBeGreaterThan(0);
  });

  test('too many attempts from one address get 429', async () => {
    const strict = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await strict.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x-user', password: 'y' }, remoteAddress: '10.1.1.1' });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const refused = await strict.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x-user', password: 'y' }, remoteAddress: '10.1.1.1' });
      expect(refused.headers['retry-after']).toBe('60');
      expect(refused.json()).toEqual({ error: { code: 'TOO_MANY_REQUESTS', message: expect.any(String), details: { retryAfterSeconds: 60 } } });
      const other = await strict.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x-user', password: 'y' }, remoteAddress: '10.1.1.2' });
      expect(other.statusCode).toBe(401);
    } finally {
      await strict.close();
    }
  });
});

describe('session expiry', () => {
  test('idle expiry signs the user out and says so', async () => {
    const s = await t.userWithRole('analyst');
    t.clock.advanceMinutes(20);
    expect((await t.request({ method: 'GET', url: '/api/auth/session', session: s })).json().user).not.toBeNull();
    t.clock.advanceMinutes(20); // 20 minutes since the last request: still inside the 30-minute idle window
    expect((await t.request({ method: 'GET', url: '/api/auth/session', session: s })).json().user).not.toBeNull();
    t.clock.advanceMinutes(31);
    const res = await t.request({ method: 'POST', url: '/api/auth/logout', session: s });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });

  test('absolute expiry ends a session however active it is', async () => {
    const s = await t.userWithRole('analyst');
    for (let i = 0; i < 4; i++) {
      t.clock.advanceMinutes(25);
      expect((await t.request({ method: 'GET', url: '/api/auth/session', session: s })).json().user).not.toBeNull();
    }
    t.clock.advanceMinutes(25); // 125 minutes > 2 hours, though idle only 25
    expect((await t.request({ method: 'GET', url: '/api/auth/session', session: s })).json().user).toBeNull();
  });

  test('a forged or unknown cookie is anonymous', async () => {
    const res = await t.request({ method: 'GET', url: '/api/users', headers: { cookie: 'kc_session=forged-token-value' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('CSRF and sign-out', () => {
  test('writes without the session CSRF token are refused; with it they pass', async () => {
    const s = await t.userWithRole('analyst');
    const none = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': 'guess' } });
    expect(wrong.statusCode).toBe(403);
    const ok = await t.request({ method: 'POST', url: '/api/auth/logout', session: s });
    expect(ok.statusCode).toBe(204);
    expect(String(ok.headers['set-cookie'])).toMatch(/kc_session=;/);
    expect((await t.request({ method: 'GET', url: '/api/auth/session', session: s })).json().user).toBeNull();
  });
});

describe('password change', () => {
  test('enforces the policy with field details, then ends every old session and renews this one', async () => {
    const first = await t.userWithRole('analyst', { username: 'changer' });
    const second = await t.login('changer', TEST_PASSWORD);
    const weak = await t.request({ method: 'POST', url: '/api/auth/password', session: first, payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' } });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error).toMatchObject({ code: 'PASSWORD_POLICY' });
    expect(weak.json().error.details.violations).toEqual(expect.arrayContaining(['too_short']));
    const wrongCurrent = await t.request({ method: 'POST', url: '/api/auth/password', session: first, payload: { currentPassword: 'nope', newPassword: 'A-Much-Better-Secret-42' } });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().error.details.fields[0].path).toBe('currentPassword');
    const ok = await t.request({ method: 'POST', url: '/api/auth/password', session: first, payload: { currentPassword: TEST_PASSWORD, newPassword: 'A-Much-Better-Secret-42' } });
    expect(ok.statusCode).toBe(204);
    const renewed = String([ok.headers['set-cookie']].flat()[0]).split(';')[0] as string;
    expect(renewed).toMatch(/^kc_session=.{40,}/);
    expect(renewed).not.toBe(first.cookie);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: renewed } })).json().user).not.toBeNull();
    expect((await t.request({ method: 'GET', url: '/api/auth/session', session: first })).json().user).toBeNull();
    expect((await t.request({ method: 'GET', url: '/api/auth/session', session: second })).json().user).toBeNull();
    expect((await login('changer', 'A-Much-Better-Secret-42')).statusCode).toBe(200);
  });
});
