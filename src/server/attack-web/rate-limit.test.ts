import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '../config.js';
import { rateBucketOf } from '../plugins/rate-limit.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000', RATE_LIMIT_WRITES_PER_MINUTE: '5', RATE_LIMIT_EXPENSIVE_PER_MINUTE: '4' });
});
afterAll(() => t.close());

describe('general API rate limits', () => {
  test('which requests count: writes, and searches/exports/statistics; plain reads and pages do not', () => {
    expect(rateBucketOf('POST', '/api/centres/:centreId/demands')).toBe('write');
    expect(rateBucketOf('DELETE', '/api/users/:userId')).toBe('write');
    expect(rateBucketOf('GET', '/api/centres/:centreId/search')).toBe('expensive');
    expect(rateBucketOf('GET', '/api/centres/:centreId/export/organisations')).toBe('expensive');
    expect(rateBucketOf('GET', '/api/centres/:centreId/patents/statistics.csv')).toBe('expensive');
    expect(rateBucketOf('GET', '/api/centres/:centreId/chain-maps/:mapId/export.xlsx')).toBe('expensive');
    expect(rateBucketOf('GET', '/api/centres/:centreId/entities/:entityId/profile')).toBeNull();
    expect(rateBucketOf('GET', '/*')).toBeNull();
  });

  test('a client over the expensive-read limit gets 429 with Retry-After in the error table shape; another client does not', async () => {
    const codes: number[] = [];
    let last: Awaited<ReturnType<typeof t.app.inject>> | undefined;
    for (let i = 0; i < 6; i++) {
      last = await t.app.inject({ method: 'GET', url: `/api/centres/beijing/search?q=${i}`, remoteAddress: '10.3.3.3' });
      codes.push(last.statusCode);
    }
    expect(codes.slice(0, 4).every((c) => c === 200)).toBe(true);
    expect(codes.slice(4)).toEqual([429, 429]);
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(last?.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(last?.json()).toEqual({ error: { code: 'TOO_MANY_REQUESTS', message: expect.any(String), details: { retryAfterSeconds: Number(last?.headers['retry-after']) } } });
    expect(last?.headers['content-security-policy']).toBeTruthy();
    // Another address is counted on its own; a plain read from the throttled one still works.
    expect((await t.app.inject({ method: 'GET', url: '/api/centres/beijing/search?q=x', remoteAddress: '10.3.3.4' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', remoteAddress: '10.3.3.3' })).statusCode).toBe(200);
    // The window passes.
    t.clock.advanceMinutes(1);
    expect((await t.app.inject({ method: 'GET', url: '/api/centres/beijing/search?q=y', remoteAddress: '10.3.3.3' })).statusCode).toBe(200);
  });

  test('writes are limited per signed-in user (not per shared office address), before anything is read or written', async () => {
    const a = await t.userWithRole('analyst');
    const b = await t.userWithRole('analyst');
    const write = (s: typeof a) => t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { currentPassword: 'wrong', newPassword: 'x' }, remoteAddress: '10.4.4.4' });
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await write(a)).statusCode);
    expect(codes.slice(0, 5).every((c) => c === 400)).toBe(true);
    expect(codes.slice(5)).toEqual([429, 429]);
    expect((await write(b)).statusCode).toBe(400);
  });

  test('loopback (the benchmark, local tools) is trusted by default and never limited', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await t.app.inject({ method: 'GET', url: `/api/centres/beijing/search?q=l${i}`, remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
    }
  });

  test('the limits come from the one config schema, 0 turns them off, trusted addresses are a list', () => {
    const defaults = parseConfig({}, { webRoot: null }).rateLimit;
    expect(defaults).toEqual({ writesPerMinute: 600, expensivePerMinute: 240, trustedIps: ['127.0.0.1', '::1', '::ffff:127.0.0.1'] });
    const set = parseConfig({ RATE_LIMIT_WRITES_PER_MINUTE: '0', RATE_LIMIT_TRUSTED_IPS: '10.0.0.5, 10.0.0.6', RATE_LIMIT_EXPENSIVE_PER_MINUTE: '50' }, { webRoot: null }).rateLimit;
    expect(set).toEqual({ writesPerMinute: 0, expensivePerMinute: 50, trustedIps: ['10.0.0.5', '10.0.0.6'] });
    expect(() => parseConfig({ RATE_LIMIT_WRITES_PER_MINUTE: '-1' }, { webRoot: null })).toThrow(/RATE_LIMIT_WRITES_PER_MINUTE/);
  });
});
