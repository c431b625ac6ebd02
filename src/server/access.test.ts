import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROLES, roleHasPermission, roleMeetsAccess, type Access, type Role } from '../shared/access.js';
import { describeAccess } from '../shared/access.js';
import { createTestApp, type Session, type TestApp } from './test-support/test-app.js';

let t: TestApp;
const sessions = new Map<Role, Session>();
beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '1000' });
  for (const role of ROLES) sessions.set(role, await t.userWithRole(role));
});
afterAll(() => t.close());

/** Sample values for path parameters, so every route can be called. */
const fillParams = (url: string): string =>
  url
    .replace(':centreId', 'beijing')
    .replace(':entityId', 'beijing-ent-022')
    .replace(':userId', '00000000-0000-0000-0000-000000000000')
    .replace(':relationId', 'no-such-relation')
    .replace(':correctionId', 'no-such-correction')
    .replace(':jobId', 'no-such-job')
    .replace('*', 'some/page');

/** Sign-out goes last, or it would end the sessions the other checks use. */
const apiRoutes = () =>
  t.app.routeAccess
    .filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/docs'))
    .sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));

describe('route access declarations', () => {
  test('every registered route declares its access policy', () => {
    expect(t.app.routeAccess.length).toBeGreaterThan(15);
    const missing = t.app.routeAccess.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  test('the permission surface matches the reviewed snapshot (a widening shows up in review)', async () => {
    const lines = [...new Set(apiRoutes().map((r) => `${r.method.padEnd(6)} ${r.url.padEnd(48)} ${describeAccess(r.access as Access)}`))].sort();
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./__snapshots__/route-access.txt');
  });

  test('a route registered without a policy stops the server from starting', async () => {
    const { default: Fastify } = await import('fastify');
    const { accessPlugin } = await import('./plugins/access.js');
    const app = Fastify();
    await app.register(accessPlugin);
    app.get('/api/forgotten', async () => ({}));
    await expect(app.ready()).rejects.toThrow(/without an access policy: GET \/api\/forgotten/);
  });
});

describe('access matrix: each role against each route', () => {
  test('anonymous, every role: allowed exactly where the policy says', async () => {
    const failures: string[] = [];
    for (const route of apiRoutes()) {
      const url = fillParams(route.url);
      const access = route.access as Access;
      for (const who of ['anonymous', ...ROLES] as const) {
        const session = who === 'anonymous' ? undefined : sessions.get(who);
        const res = await t.request({ method: route.method as 'GET', url, session, ...(route.method === 'GET' ? {} : { payload: {} }) });
        const denied = res.statusCode === 401 || res.statusCode === 403;
        const shouldAllow = access === 'public' || (who !== 'anonymous' && roleMeetsAccess(who, access));
        // A route may still answer 401 for its own reasons (e.g. logout of an anonymous session is not reachable): only policy denials count.
        const policyDenied = denied && ['UNAUTHENTICATED', 'FORBIDDEN', 'SESSION_EXPIRED'].includes(res.json<{ error?: { code: string } }>().error?.code ?? '');
        if (shouldAllow === policyDenied) failures.push(`${route.method} ${route.url} as ${who}: ${res.statusCode} ${res.body.slice(0, 120)}`);
        if (res.statusCode >= 500) failures.push(`${route.method} ${route.url} as ${who}: 5xx ${res.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    // Every route times every role: it grows with each module, and CI runs it beside the other projects.
  }, 300_000);
});
