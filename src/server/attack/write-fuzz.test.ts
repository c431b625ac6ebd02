import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROLES, type Role } from '../../shared/access.js';
import { createTestApp, type Session, type TestApp } from '../test-support/test-app.js';
import { allowedRole, BOOKKEEPING, countChanges, encodeHostile, fillPath, installWriteCounter, pathParams, refusalProblems, writeCounts, writeRoutesOf, type RouteInfo } from './attack-fixtures.js';
import { hostileRequest, toJsonText, type HostileRequest, type JsonSchema } from './hostile-input.js';

/**
 * Every write route, called by a role its policy lets through, with generated
 * hostile input (fixed seed). KC_FUZZ_RUNS raises the cases per route for a
 * long local run (default 6 keeps the file within its CI budget).
 */
const RUNS = Number(process.env['KC_FUZZ_RUNS'] ?? 6);
const SEED = Number(process.env['KC_FUZZ_SEED'] ?? 20261207);

let t: TestApp;
const sessions = new Map<Role, Session>();
let openapi: { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> };

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  for (const role of ROLES) sessions.set(role, role === 'admin' ? await t.loginAdmin() : await t.userWithRole(role));
  await installWriteCounter(t.database.db);
  openapi = (await t.request({ method: 'GET', url: '/openapi.json' })).json();
});
afterAll(() => t.close());

const bodySchemaOf = (route: RouteInfo): JsonSchema | undefined => {
  const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
  return openapi.paths[path]?.[route.method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
};

const send = (route: RouteInfo, h: HostileRequest, session: Session | undefined) => {
  const path = fillPath(route.url, h.kind === 'param' ? { [h.name]: h.value } : {});
  const url = h.kind === 'query' ? `${path}?${Object.entries(h.query).map(([k, v]) => `${k}=${encodeHostile(v)}`).join('&')}` : path;
  const payload = h.kind === 'whole' ? h.text : h.kind === 'field' || h.kind === 'extra' ? toJsonText(h.body) : '{}';
  return t.request({
    method: route.method as 'POST',
    url,
    session,
    payload,
    headers: { 'content-type': 'application/json' },
  });
};

const describeCase = (h: HostileRequest): string => {
  const text = h.kind === 'whole' ? h.text : h.kind === 'param' ? `${h.name}=${h.value}` : h.kind === 'query' ? JSON.stringify(h.query) : h.kind === 'field' ? `${h.path.join('.')}=${toJsonText(h.value)}` : toJsonText(h.body);
  return `${h.kind} ${text.slice(0, 100)}`;
};

describe('write-route fuzz: hostile bodies, params and queries', () => {
  test('the write counter sees a write (so a silent refusal check cannot pass blind)', async () => {
    const before = await writeCounts(t.database.db);
    await t.loginAdmin();
    expect(countChanges(before, await writeCounts(t.database.db))).toContain('public.sessions:insert +1');
  });

  /**
   * A refused sign-in is itself a security event: it is audited, for an unknown name as for a real one (so that the
   * commit's time tells nothing), and a real account's failure count moves. Nothing else may be written.
   */
  const refusalMayWrite = (url: string, status: number): ReadonlySet<string> =>
    url === '/api/auth/login' && (status === 401 || status === 423) ? new Set([...BOOKKEEPING, 'public.audit_events:insert', 'public.users:update']) : BOOKKEEPING;

  test('no write route answers 5xx, every refusal is a coded error with field paths, and a refusal writes nothing', async () => {
    const routes = writeRoutesOf(t.app.routeAccess);
    expect(routes.length).toBeGreaterThan(100);
    const failures: string[] = [];
    let before = await writeCounts(t.database.db);
    let cases = 0;
    for (const [index, route] of routes.entries()) {
      const who = allowedRole(route.access);
      const session = who === 'anonymous' ? undefined : sessions.get(who);
      const samples = fc.sample(hostileRequest(bodySchemaOf(route), pathParams(route.url)), { seed: SEED + index, numRuns: RUNS });
      for (const h of samples) {
        cases++;
        const res = await send(route, h, session);
        const where = `${route.method} ${route.url} as ${who}, ${describeCase(h)}`;
        for (const p of refusalProblems(res)) failures.push(`${where}: ${p}`);
        // A lost session would turn every later case into a 401 that proves nothing about the route.
        if (res.statusCode === 401 || res.statusCode === 403) if (/"code":"(UNAUTHENTICATED|SESSION_EXPIRED|CSRF_TOKEN_INVALID)"/.test(res.body)) failures.push(`${where}: the caller's session was refused (${res.statusCode})`);
        const after = await writeCounts(t.database.db);
        if (res.statusCode >= 400) for (const c of countChanges(before, after, refusalMayWrite(route.url, res.statusCode))) failures.push(`${where}: refused with ${res.statusCode} but wrote ${c}`);
        before = after;
      }
    }
    expect(cases).toBe(routes.length * RUNS);
    // The whole list, not vitest's truncated diff: each line is one defect to fix.
    if (failures.length > 0) console.error(failures.join('\n'));
    expect(failures).toEqual([]);
  }, 600_000);
});
