import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ERROR_CODES } from '../shared/errors.js';
import { HTTP_STATUS } from './errors.js';
import { createTestApp, type Session, type TestApp } from './test-support/test-app.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  admin = await t.loginAdmin();
});
afterAll(() => t.close());

describe('operations endpoints', () => {
  test('/healthz and /readyz report the process and the database', async () => {
    expect((await t.request({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.request({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: true, migrations: true }, pendingMigrations: 0 });
  });

  test('/metrics exposes Prometheus text with request histograms by route', async () => {
    await t.request({ method: 'GET', url: '/api/centres' });
    const res = await t.request({ method: 'GET', url: '/metrics' });
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toMatch(/kechuang_http_request_duration_seconds_bucket\{[^}]*route="\/api\/centres"/);
    expect(res.body).toMatch(/kechuang_process_resident_memory_bytes/);
  });

  test('/metrics reports the heap left live after a major collection, for the soak to judge leaks by', async () => {
    // A major collection on demand: the flag lets a fresh context see gc().
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the observer runs after the collection
    const body = (await t.request({ method: 'GET', url: '/metrics' })).body;
    const read = (name: string) => Number(new RegExp(`^${name} ([0-9.e+]+)$`, 'm').exec(body)?.[1]);
    expect(read('kechuang_nodejs_major_gc_total')).toBeGreaterThanOrEqual(1);
    const live = read('kechuang_nodejs_heap_after_major_gc_bytes');
    expect(live).toBeGreaterThan(1e6);
    expect(live).toBeLessThanOrEqual(read('kechuang_nodejs_heap_size_total_bytes'));
  });

  test('every response carries a request id, and a sane incoming one is kept', async () => {
    const res = await t.request({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-abc-12345' } });
    expect(res.headers['x-request-id']).toBe('trace-abc-12345');
    const generated = await t.request({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('the OpenAPI document lists the API with schemas, and its UI is served at /docs', async () => {
    const doc = (await t.request({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/auth/login', '/api/centres/{centreId}/dashboard', '/api/users', '/api/audit']) expect(Object.keys(doc.paths)).toContain(path);
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties.username).toBeDefined();
    const ui = await t.request({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });
});

describe('errors', () => {
  test('every error code has an HTTP status', () => {
    for (const code of ERROR_CODES) expect(HTTP_STATUS[code]).toBeGreaterThanOrEqual(400);
  });

  test('unknown routes are coded 404s', async () => {
    const res = await t.request({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No route GET /api/nothing-here' } });
  });

  test('property: no input to a write route yields a 5xx', async () => {
    const routes = ['/api/auth/login', '/api/users', '/api/auth/password'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue(), async (url, body) => {
        const res = await t.request({ method: 'POST', url, session: admin, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        expect(res.statusCode).toBeLessThan(500);
        expect(res.json().error?.code ?? 'ok').toBeTypeOf('string');
      }),
      { numRuns: 60 },
    );
  });

  test('property: no query string on a read route yields a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('limit', 'offset', 'category', 'areaId', 'q', 'beforeSeq', 'headline'), fc.string({ maxLength: 30 })), async (query) => {
        for (const url of ['/api/centres/beijing/entities', '/api/audit', '/api/centres/beijing/indicators']) {
          const res = await t.request({ method: 'GET', url, query, session: admin });
          expect(res.statusCode).toBeLessThan(500);
        }
      }),
      { numRuns: 40 },
    );
  });
});
