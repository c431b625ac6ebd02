import { get as httpGet } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { indicators } from '../../db/schema/index.js';
import { createTestApp, type Session, type TestApp } from '../test-support/test-app.js';
import { publicCachePlugin } from './public-cache.js';

let t: TestApp;
let analyst: Session;
beforeAll(async () => {
  t = await createTestApp({ PUBLIC_CACHE_SECONDS: '60' });
  analyst = await t.userWithRole('analyst');
});
afterAll(() => t.close());

const C = '/api/centres/beijing';
const anonymous = (url: string) => t.request({ method: 'GET', url: `${C}${url}` });
const names = (body: string) => (JSON.parse(body) as { items: { nameEn: string }[] }).items.map((i) => i.nameEn);

describe('the public microcache', () => {
  test('an anonymous read of a declared route is computed once, then served from memory with the same body', async () => {
    const first = await anonymous('/dashboard');
    const second = await anonymous('/dashboard');
    expect(first.statusCode).toBe(200);
    expect([first.headers['x-kc-cache'], second.headers['x-kc-cache']]).toEqual(['miss', 'hit']);
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers['cache-control']).toBe('public, max-age=60');
    expect(second.headers['vary']).toMatch(/cookie/);
    // The security headers are set on a cached answer too.
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
  });

  test('concurrent misses of one URL share one computation', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => anonymous('/calls?limit=7')));
    expect(answers.every((a) => a.statusCode === 200 && a.body === answers[0]?.body)).toBe(true);
    expect(answers.map((a) => a.headers['x-kc-cache']).sort()).toEqual(['hit', 'hit', 'hit', 'hit', 'hit', 'miss']);
  });

  test('a signed-in reader is never served from it nor fills it; routes that do not declare it are not cached', async () => {
    const signedIn = await t.request({ method: 'GET', url: `${C}/indicators?figures=latest`, session: analyst });
    expect(signedIn.headers['x-kc-cache']).toBeUndefined();
    expect((await anonymous('/indicators?figures=latest')).headers['x-kc-cache']).toBe('miss');
    expect((await t.request({ method: 'GET', url: `${C}/indicators?figures=latest`, session: analyst })).headers['x-kc-cache']).toBeUndefined();
    await anonymous('/search?q=zgc');
    expect((await anonymous('/search?q=zgc')).headers['x-kc-cache']).toBeUndefined();
  });

  test('a write through this process clears it; a change made elsewhere shows once the entry expires', async () => {
    const before = await anonymous('/indicators');
    expect((await anonymous('/indicators')).headers['x-kc-cache']).toBe('hit');
    const created = await t.request({ method: 'POST', url: `${C}/indicators`, session: analyst, payload: { code: 'cache_probe', nameEn: 'Cache probe', level: 'centre' } });
    expect(created.statusCode).toBe(201);
    const after = await anonymous('/indicators');
    expect(after.headers['x-kc-cache']).toBe('miss');
    expect(names(after.body)).toContain('Cache probe');
    expect(names(before.body)).not.toContain('Cache probe');

    // Another process (a replica, `kechuang jobs`) changes the database directly: stale for at most the TTL.
    await t.database.db.update(indicators).set({ nameEn: 'Cache probe, renamed elsewhere' }).where(eq(indicators.code, 'cache_probe'));
    expect(names((await anonymous('/indicators')).body)).toContain('Cache probe');
    t.clock.advanceMinutes(1.01);
    const expired = await anonymous('/indicators');
    expect(expired.headers['x-kc-cache']).toBe('miss');
    expect(names(expired.body)).toContain('Cache probe, renamed elsewhere');
  });

  test('signing in and out leaves it; a failed write leaves it too', async () => {
    await anonymous('/calls?limit=3');
    const session = await t.userWithRole('analyst');
    const out = await t.request({ method: 'POST', url: '/api/auth/logout', session });
    expect(out.statusCode).toBeLessThan(300);
    const refused = await t.request({ method: 'POST', url: `${C}/indicators`, session: analyst, payload: { code: 'Not A Code!' } });
    expect(refused.statusCode).toBe(400);
    expect((await anonymous('/calls?limit=3')).headers['x-kc-cache']).toBe('hit');
  });

  test('a failed answer is not kept', async () => {
    expect((await t.request({ method: 'GET', url: '/api/centres/nowhere/dashboard' })).statusCode).toBe(404);
    const again = await t.request({ method: 'GET', url: '/api/centres/nowhere/dashboard' });
    expect(again.statusCode).toBe(404);
    expect(again.headers['x-kc-cache']).toBeUndefined();
  });
});

describe('the public microcache when readers hang up', () => {
  test('a reader who hung up while waiting for the first answer is not handed the computation', async () => {
    // Found by the API benchmark: the first reader of an expired entry and a reader waiting behind it hung up; the
    // waiter was handed the computation, its response could never finish, and every later anonymous reader of that
    // URL waited the full 10 s, until a restart. A route held open by a gate makes the order certain.
    const app = Fastify();
    let clock = Date.UTC(2026, 11, 7);
    app.decorate('kc', { config: { publicCacheSeconds: 60 }, now: () => new Date(clock) } as never);
    await app.register(publicCachePlugin);
    let entered = 0;
    let open = () => {};
    const gate = new Promise<void>((r) => (open = r));
    app.get('/slow', { config: { publicCache: true } }, async () => {
      entered++;
      await gate;
      return { answer: 42 };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/slow`;
      const until = async (ok: () => boolean) => {
        for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
      };
      const hangUp = () => {
        const req = httpGet(url, (res) => res.resume());
        req.on('error', () => {});
        return req;
      };
      const first = hangUp();
      await until(() => entered === 1);
      const waiter = hangUp();
      await new Promise((r) => setTimeout(r, 50)); // the waiter is queued behind the first
      waiter.destroy();
      await new Promise((r) => setTimeout(r, 50));
      first.destroy();
      await new Promise((r) => setTimeout(r, 50));
      open();
      await new Promise((r) => setTimeout(r, 50));
      clock += 61_000; // whatever was kept has expired: the next reader must compute, not wait
      const next = await fetch(url, { signal: AbortSignal.timeout(3_000) });
      expect(next.status).toBe(200);
      expect(await next.json()).toEqual({ answer: 42 });
      expect(['hit', 'miss']).toContain(next.headers.get('x-kc-cache'));
      expect((await fetch(url, { signal: AbortSignal.timeout(3_000) })).headers.get('x-kc-cache')).toBe('hit');
    } finally {
      open();
      await app.close();
    }
  });
});
