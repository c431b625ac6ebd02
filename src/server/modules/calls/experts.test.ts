import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditEvents } from '../../../db/schema/index.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
let officer: Session;
let member: Session;
const C = '/api/centres/beijing';
beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  officer = await t.userWithRole('service_officer');
  member = await t.userWithRole('enterprise_member');
});
afterAll(() => t.close());

describe('the expert pool', () => {
  test('officers add a registry person, change fields and load, pause them; each change audited', async () => {
    const added = await t.request({ method: 'POST', url: `${C}/experts`, session: officer, payload: { entityId: 'beijing-ent-089', fields: ['ai'], maxLoad: 5 } });
    expect(added.statusCode).toBe(201);
    const id = added.json().id as string;
    const patched = await t.request({ method: 'PATCH', url: `${C}/experts/${id}`, session: officer, payload: { fields: ['ai.vision', 'ic'], maxLoad: 8, active: false } });
    expect(patched.statusCode).toBe(200);
    const pool = (await t.request({ method: 'GET', url: `${C}/experts`, session: officer })).json().items as { id: string; fields: string[]; maxLoad: number; active: boolean }[];
    expect(pool.find((e) => e.id === id)).toMatchObject({ fields: ['ai.vision', 'ic'], maxLoad: 8, active: false });
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'expert.update')));
    expect(events).toHaveLength(1);
  });

  test('bad input is a 400 on the field; others cannot; unknown experts are 404', async () => {
    const pool = (await t.request({ method: 'GET', url: `${C}/experts`, session: officer })).json().items as { id: string }[];
    const id = pool[0]?.id as string;
    const bad = await t.request({ method: 'PATCH', url: `${C}/experts/${id}`, session: officer, payload: { maxLoad: -1 } });
    expect(bad.statusCode).toBe(400);
    const notExpertAccount = await t.request({ method: 'PATCH', url: `${C}/experts/${id}`, session: officer, payload: { userId: '00000000-0000-4000-8000-000000000000' } });
    expect(notExpertAccount.statusCode).toBe(400);
    expect((await t.request({ method: 'PATCH', url: `${C}/experts/${id}`, session: member, payload: { active: true } })).statusCode).toBe(403);
    expect((await t.request({ method: 'PATCH', url: `${C}/experts/nope`, session: officer, payload: { active: true } })).statusCode).toBe(404);
  });
});

describe('programmes', () => {
  test('officers redefine a programme; its review settings are fixed once one of its calls is published', async () => {
    const { TEST_PROGRAMME_SETTINGS } = await import('../../test-support/calls-fixtures.js');
    const { callProgrammes, calls } = await import('../../../db/schema/index.js');
    const body = { kind: 'unveil_list', titleZh: '示例专项', titleEn: 'Sample programme', year: 2026, description: null, settings: TEST_PROGRAMME_SETTINGS, isSample: true };
    const created = await t.request({ method: 'POST', url: `${C}/call-programmes`, session: officer, payload: body });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const renamed = await t.request({ method: 'PUT', url: `${C}/call-programmes/${id}`, session: officer, payload: { ...body, titleEn: 'Sample programme (renamed)', settings: { ...TEST_PROGRAMME_SETTINGS, appealDays: 15 } } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ titleEn: 'Sample programme (renamed)', settings: { appealDays: 15 } });
    const at = new Date('2026-01-01T00:00:00Z');
    await t.database.db.insert(calls).values({ id: 'test-published', centreId: 'beijing', programmeId: id, state: 'published', titleEn: 'Test call', ownerEntityId: 'beijing-ent-042', createdAt: at, updatedAt: at });
    const locked = await t.request({ method: 'PUT', url: `${C}/call-programmes/${id}`, session: officer, payload: { ...body, settings: { ...TEST_PROGRAMME_SETTINGS, appealDays: 20 } } });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.details.fields.map((f: { reason: string }) => f.reason)).toEqual(['programme_in_use']);
    const titleOnly = await t.request({ method: 'PUT', url: `${C}/call-programmes/${id}`, session: officer, payload: { ...body, titleEn: 'Title only', settings: { ...TEST_PROGRAMME_SETTINGS, appealDays: 15 } } });
    expect(titleOnly.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(callProgrammes).where(eq(callProgrammes.id, id));
    expect(row?.settings.appealDays).toBe(15);
    expect((await t.request({ method: 'PUT', url: `${C}/call-programmes/${id}`, session: member, payload: body })).statusCode).toBe(403);
    expect((await t.request({ method: 'PUT', url: `${C}/call-programmes/nope`, session: officer, payload: body })).statusCode).toBe(404);
  });
});
