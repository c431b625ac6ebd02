import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTestDatabase } from '../../db/test-support/test-database.js';
import { buildApp } from '../app.js';
import { parseConfig } from '../config.js';
import { APP_CSP, DOCS_CSP, HSTS } from '../plugins/security-headers.js';

/** A stand-in for dist/web: the server's behaviour for pages and assets does not depend on what the build holds. */
let webRoot: string;
let app: FastifyInstance;
let secureApp: FastifyInstance;
let drops: (() => Promise<void>)[] = [];

const build = async (env: Record<string, string>) => {
  const db = await openTestDatabase();
  drops.push(db.drop);
  const config = parseConfig({ LOG_LEVEL: 'silent', KECHUANG_DATA_DIR: '/nonexistent-test-dir', JOBS_INTERVAL_SECONDS: '0', ...env }, { webRoot });
  const built = await buildApp({ config, database: db.handle, now: () => new Date('2026-03-01T09:00:00Z'), sessionKey: Buffer.from('headers-test-key-headers-test-key') }, { logger: false });
  await built.ready();
  return built;
};

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'kc-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>');
  writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log(1)');
  app = await build({});
  secureApp = await build({ COOKIE_SECURE: 'true' });
});
afterAll(async () => {
  await app.close();
  await secureApp.close();
  for (const drop of drops) await drop();
  drops = [];
  rmSync(webRoot, { recursive: true, force: true });
});

const COMMON = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

const missingHeaders = (res: { headers: Record<string, unknown> }, csp: string): string[] => {
  const wrong = Object.entries({ ...COMMON, 'content-security-policy': csp }).filter(([k, v]) => res.headers[k] !== v).map(([k]) => k);
  if (!String(res.headers['permissions-policy'] ?? '').includes('camera=()')) wrong.push('permissions-policy');
  return wrong;
};

/** Web app routes the client router serves (a sample of its pages) and the files of the build. */
const PAGES = ['/', '/login', '/dashboard', '/registry', '/calls', '/services/demands', '/indicators', '/admin/users', '/no/such/page', '/assets/app.js'];

describe('security headers and CSP', () => {
  test('the CSP is the strict one the issue asks for: no inline script, no other origin, no framing', () => {
    const directives = Object.fromEntries(APP_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'font-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'self'",
    });
    expect(APP_CSP).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });

  test('every web page and asset carries them', async () => {
    const failures: string[] = [];
    for (const url of PAGES) {
      const res = await app.inject({ method: 'GET', url });
      if (res.statusCode !== 200) failures.push(`${url}: status ${res.statusCode}`);
      const wrong = missingHeaders(res, APP_CSP);
      if (wrong.length) failures.push(`${url}: ${wrong.join(', ')}`);
    }
    expect(failures).toEqual([]);
  });

  test('every public GET API route and the errors carry them too', async () => {
    const gets = [...new Set(app.routeAccess.filter((r) => r.method === 'GET' && r.url.startsWith('/api/') && r.access === 'public').map((r) => r.url))];
    expect(gets.length).toBeGreaterThan(30);
    const urls = [
      ...gets.map((u) => u.replace(/:centreId/g, 'beijing').replace(/:[A-Za-z]+/g, 'no-such-id')),
      '/api/no-such-route',
      '/api/users', // 401
      '/healthz',
      '/openapi.json',
    ];
    const failures: string[] = [];
    for (const url of urls) {
      const res = await app.inject({ method: 'GET', url });
      if (res.statusCode >= 500) failures.push(`${url}: ${res.statusCode}`);
      const wrong = missingHeaders(res, APP_CSP);
      if (wrong.length) failures.push(`${url} (${res.statusCode}): ${wrong.join(', ')}`);
    }
    // A refused write (no body parser reached) is answered with the same headers.
    const post = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example' }, payload: {} });
    if (missingHeaders(post, APP_CSP).length) failures.push(`POST login refused: ${missingHeaders(post, APP_CSP).join(', ')}`);
    expect(failures).toEqual([]);
  }, 120_000);

  test('the API docs (swagger-ui) get their own policy that lets its page run, and still forbid framing and other origins', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/' });
    const docs = page.statusCode === 302 ? await app.inject({ method: 'GET', url: String(page.headers.location) }) : page;
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/html/);
    expect(missingHeaders(docs, DOCS_CSP)).toEqual([]);
    expect(DOCS_CSP).toMatch(/frame-ancestors 'none'/);
    expect(DOCS_CSP).toMatch(/object-src 'none'/);
    expect(DOCS_CSP).not.toMatch(/https?:|\*/);
  });

  test('Strict-Transport-Security only when cookies are Secure (served over HTTPS)', async () => {
    expect((await app.inject({ method: 'GET', url: '/' })).headers['strict-transport-security']).toBeUndefined();
    expect((await secureApp.inject({ method: 'GET', url: '/' })).headers['strict-transport-security']).toBe(HSTS);
    expect((await secureApp.inject({ method: 'GET', url: '/api/auth/session' })).headers['strict-transport-security']).toBe(HSTS);
  });
});
