import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError, apiRequest, buildUrl, configureApiSession, parseErrorResponse } from './api.js';
import { safeNextPath } from './session.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
  configureApiSession({ getCsrfToken: () => null, refreshSession: async () => null });
});

describe('buildUrl', () => {
  test('drops empty query values', () => {
    expect(buildUrl('/api/x', { a: 1, b: '', c: undefined, d: null, e: 'z y' })).toBe('/api/x?a=1&e=z+y');
    expect(buildUrl('/api/x', {})).toBe('/api/x');
  });
});

describe('parseErrorResponse', () => {
  test('reads the code and details of an API error', async () => {
    const error = await parseErrorResponse(
      json(400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'bad',
          details: { fields: [{ in: 'body', path: 'username', reason: 'too_small', message: 'x' }] },
        },
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fieldIssues[0]?.path).toBe('username');
  });
  test('falls back on the status for bodies that are not ours', async () => {
    expect((await parseErrorResponse(new Response('<html>Bad gateway</html>', { status: 502 }))).code).toBe('SERVICE_UNAVAILABLE');
    expect((await parseErrorResponse(json(429, { error: { code: 'SOMETHING_NEW' } }))).code).toBe('TOO_MANY_REQUESTS');
    expect((await parseErrorResponse(json(418, {}))).code).toBe('INTERNAL_ERROR');
  });
});

describe('apiRequest', () => {
  test('sends the CSRF token and JSON content type on writes, not on reads', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    configureApiSession({ getCsrfToken: () => 'tok', refreshSession: async () => 'tok' });
    await apiRequest('/api/auth/password', { method: 'POST', body: { a: 1 } });
    await apiRequest('/api/centres');
    const calls = fetchMock.mock.calls as unknown as Array<[string, RequestInit]>;
    const [, write] = calls[0]!;
    const [, read] = calls[1]!;
    expect(write.headers).toMatchObject({ 'x-csrf-token': 'tok', 'content-type': 'application/json' });
    expect(write.body).toBe('{"a":1}');
    expect(read.headers).not.toHaveProperty('x-csrf-token');
  });
  test('sends a file as the raw body with its own content type', async () => {
    const fetchMock = vi.fn(async () => json(202, { jobId: 'j1' }));
    vi.stubGlobal('fetch', fetchMock);
    configureApiSession({ getCsrfToken: () => 'tok', refreshSession: async () => 'tok' });
    const data = new Blob(['a,b\r\n'], { type: 'text/csv' });
    await expect(apiRequest('/api/x', { method: 'POST', file: { data, contentType: 'text/csv' } })).resolves.toEqual({ jobId: 'j1' });
    const [, init] = (fetchMock.mock.calls as unknown as Array<[string, RequestInit]>)[0]!;
    expect(init.headers).toMatchObject({ 'x-csrf-token': 'tok', 'content-type': 'text/csv' });
    expect(init.body).toBe(data);
  });
  test('renews a rejected CSRF token and retries once', async () => {
    let token = 'old';
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(403, { error: { code: 'CSRF_TOKEN_INVALID', message: 'x' } }))
      .mockResolvedValueOnce(json(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    configureApiSession({
      getCsrfToken: () => token,
      refreshSession: async () => {
        token = 'new';
        return token;
      },
    });
    await expect(apiRequest('/api/users', { method: 'POST', body: {} })).resolves.toEqual({ ok: true });
    expect((fetchMock.mock.calls[1] as [string, RequestInit])[1].headers).toMatchObject({ 'x-csrf-token': 'new' });
  });
  test('refreshes the session on a 401', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(401, { error: { code: 'SESSION_EXPIRED', message: 'x' } })));
    const refreshSession = vi.fn(async () => null);
    configureApiSession({ getCsrfToken: () => null, refreshSession });
    await expect(apiRequest('/api/users')).rejects.toMatchObject({ code: 'SESSION_EXPIRED', status: 401 });
    expect(refreshSession).toHaveBeenCalledOnce();
  });
  test('turns a network failure into SERVICE_UNAVAILABLE', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(apiRequest('/api/centres')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 0 });
  });
});

describe('safeNextPath', () => {
  test('follows same-site paths only', () => {
    expect(safeNextPath('/registry?category=university')).toBe('/registry?category=university');
    expect(safeNextPath('//evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('/login?next=/x')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });
});
