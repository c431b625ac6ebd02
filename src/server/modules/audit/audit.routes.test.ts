import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAdmin();
});
afterAll(() => t.close());

describe('audit log', () => {
  test('the seed and every sign-in are recorded, newest first, with paging', async () => {
    const first = await t.request({ method: 'GET', url: '/api/audit?limit=5', session: admin });
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items).toHaveLength(5);
    expect(page.items[0].action).toBe('auth.login');
    const seqs = page.items.map((e: { seq: number }) => e.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    const next = await t.request({ method: 'GET', url: `/api/audit?limit=5&beforeSeq=${page.nextBeforeSeq}`, session: admin });
    expect(next.json().items[0].seq).toBe(page.nextBeforeSeq - 1);
    const seeded = await t.request({ method: 'GET', url: '/api/audit?action=seed.insert&entityType=area&limit=100', session: admin });
    expect(seeded.json().items).toHaveLength(39);
    expect(seeded.json().items[0]).toMatchObject({ actorLabel: 'system:seed', before: null });
  });

  test('verification passes on an untouched chain', async () => {
    const res = await t.request({ method: 'POST', url: '/api/audit/verify', session: admin });
    expect(res.json()).toMatchObject({ ok: true, problems: [] });
    expect(res.json().checked).toBeGreaterThan(500);
  });

  test('the table refuses UPDATE and DELETE', async () => {
    await expect(t.database.db.execute(sql`update audit_events set action = 'x' where seq = 1`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_events where seq = 1`)).rejects.toThrow();
  });

  test('an edit that bypasses the trigger is detected, naming the row', async () => {
    await t.database.db.execute(sql`alter table audit_events disable trigger audit_events_no_update`);
    await t.database.db.execute(sql`update audit_events set after = '{"forged":true}'::jsonb where seq = 7`);
    await t.database.db.execute(sql`delete from audit_events where seq = 9`);
    await t.database.db.execute(sql`alter table audit_events enable trigger audit_events_no_update`);
    const res = await t.request({ method: 'POST', url: '/api/audit/verify', session: admin });
    const body = res.json();
    expect(body.ok).toBe(false);
    expect(body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ seq: 7, problem: 'hash_mismatch' }),
        expect.objectContaining({ seq: 10, problem: 'gap' }),
        expect.objectContaining({ seq: 10, problem: 'broken_link' }),
      ]),
    );
  });

  test('only admins may read it', async () => {
    const analyst = await t.userWithRole('analyst');
    expect((await t.request({ method: 'GET', url: '/api/audit', session: analyst })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
  });
});
