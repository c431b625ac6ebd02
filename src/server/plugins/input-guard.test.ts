import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test-support/test-app.js';
import { inputIssues, MAX_DEPTH } from './input-guard.js';

let t: TestApp;
let officer: Session;
beforeAll(async () => {
  t = await createTestApp();
  officer = await t.userWithRole('service_officer');
});
afterAll(() => t.close());

const post = (url: string, payload: string, query = '') =>
  t.request({ method: 'POST', url: `${url}${query}`, session: officer, payload, headers: { 'content-type': 'application/json' } });

describe('input guard: what no route may receive', () => {
  test('a NUL character in a body field is a 400 at its path, not a 500 from PostgreSQL (found by the write fuzz on the merge route)', async () => {
    const res = await post('/api/centres/beijing/entities/beijing-ent-022/merge', JSON.stringify({ duplicateId: '\u0000' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ in: 'body', path: 'duplicateId', reason: 'nul_character' }] } });
  });

  test('an unpaired surrogate, a NUL in a field name and a NUL in the query are refused at their paths', async () => {
    const lone = await post('/api/centres/beijing/entities/beijing-ent-022/merge', '{"duplicateId":"x\\ud800y"}');
    expect(lone.json().error.details.fields).toEqual([expect.objectContaining({ in: 'body', path: 'duplicateId', reason: 'unpaired_surrogate' })]);
    const key = await post('/api/centres/beijing/entities/beijing-ent-022/merge', '{"a\\u0000b":1}');
    expect(key.json().error.details.fields).toEqual([expect.objectContaining({ in: 'body', reason: 'nul_character' })]);
    const query = await t.request({ method: 'GET', url: '/api/centres/beijing/entities?q=a%00b', session: officer });
    expect(query.statusCode).toBe(400);
    expect(query.json().error.details.fields).toEqual([expect.objectContaining({ in: 'query', path: 'q', reason: 'nul_character' })]);
  });

  test('JSON nested thousands of levels deep is a 400 naming the depth, quickly', async () => {
    const started = performance.now();
    const res = await post('/api/centres/beijing/entities', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0]).toMatchObject({ in: 'body', reason: 'too_deep' });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test('well-formed text passes: emoji pairs, right-to-left scripts, combining marks, zero-width joiners', () => {
    expect(inputIssues('body', { name: '👩‍👩‍👧 שלום e\u0301 合成\u200d', list: [{ x: '🏳️‍🌈' }] })).toEqual([]);
    let deep: unknown = 'leaf';
    for (let i = 0; i < MAX_DEPTH - 1; i++) deep = [deep];
    expect(inputIssues('body', deep)).toEqual([]);
  });
});

describe('router errors in the coded shape', () => {
  test('a path that is not valid UTF-8 once decoded is a coded 400, not Fastify’s own body', async () => {
    const res = await t.request({ method: 'POST', url: '/api/centres/%ED%A0%80/events', session: officer, payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'BAD_REQUEST', details: { fields: [{ in: 'params', reason: 'invalid_path' }] } } });
  });

  test('a path parameter over the router’s length limit is a coded 400', async () => {
    const res = await t.request({ method: 'DELETE', url: `/api/centres/beijing/cooperation/joint-labs/${'1'.repeat(500)}`, session: officer });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'BAD_REQUEST', details: { fields: [{ in: 'params', reason: 'too_long' }] } } });
  });
});
