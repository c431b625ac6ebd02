import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test-support/test-app.js';
import { tableCounts } from './table-counts.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  admin = await t.loginAdmin();
});
afterAll(() => t.close());

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every state-changing route the app registers, with path parameters filled (the refusal comes before they are read). */
const writeRoutes = () =>
  [...new Map(t.app.routeAccess.filter((r) => !SAFE.has(r.method)).map((r) => [`${r.method} ${r.url}`, r])).values()].map((r) => ({
    method: r.method as 'POST',
    url: r.url.replace(/:centreId/g, 'beijing').replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000001'),
    route: `${r.method} ${r.url}`,
  }));

describe('CSRF: every write under cookie auth', () => {
  test('there are many write routes to check (the enumeration is not empty)', () => {
    expect(writeRoutes().length).toBeGreaterThan(100);
  });

  test('without the token, with a wrong one, or from another site: 403 and nothing written', async () => {
    const before = await tableCounts(t.database.db);
    const failures: string[] = [];
    for (const { method, url, route } of writeRoutes()) {
      if (route === 'POST /api/auth/login') continue; // no session to ride on; it gets the cross-site check below
      const attempts: [string, Record<string, string>][] = [
        ['no token', { cookie: admin.cookie }],
        ['wrong token', { cookie: admin.cookie, 'x-csrf-token': `${admin.csrf.slice(0, -2)}xx` }],
        ['empty token', { cookie: admin.cookie, 'x-csrf-token': '' }],
        // The right token but sent by another site's page (a stolen token or a same-site sibling): refused by origin.
        ['cross-site origin', { cookie: admin.cookie, 'x-csrf-token': admin.csrf, origin: 'https://evil.example' }],
        ['cross-site referer', { cookie: admin.cookie, 'x-csrf-token': admin.csrf, referer: 'https://evil.example/page' }],
        ['sec-fetch-site cross-site', { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'sec-fetch-site': 'cross-site' }],
      ];
      for (const [label, headers] of attempts) {
        const res = await t.app.inject({ method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: '{}' });
        const code = res.statusCode === 403 ? res.json<{ error: { code: string } }>().error.code : '';
        if (res.statusCode !== 403 || code !== 'CSRF_TOKEN_INVALID') failures.push(`${route} (${label}): ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await tableCounts(t.database.db)).toEqual(before);
    // The session used throughout is intact: the refusals did not sign it out.
    expect((await t.request({ method: 'GET', url: '/api/auth/session', session: admin })).json().user.username).toBe('admin');
  }, 240_000);

  test('sign-in from another site is refused (login CSRF), from this origin it works', async () => {
    const payload = { username: 'admin', password: 'wrong-password-x' };
    const cross = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example' }, payload });
    expect(cross.statusCode).toBe(403);
    expect(cross.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const nullOrigin = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'null' }, payload });
    expect(nullOrigin.statusCode).toBe(403);
    const same = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' }, payload });
    expect(same.statusCode).toBe(401);
  });

  test('a same-origin browser write with the token passes (the checks do not block the app)', async () => {
    const s = await t.userWithRole('analyst');
    const res = await t.request({ method: 'POST', url: '/api/auth/logout', session: s, headers: { host: 'kc.example.gov.cn', origin: 'https://kc.example.gov.cn', referer: 'https://kc.example.gov.cn/dashboard', 'sec-fetch-site': 'same-origin' } });
    expect(res.statusCode).toBe(204);
  });

  test('reads are never refused for a missing token (links and reloads keep working)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: admin.cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(res.statusCode).toBe(200);
  });
});
