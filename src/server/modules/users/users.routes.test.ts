import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAdmin();
});
afterAll(() => t.close());

const newUser = (over: Record<string, unknown> = {}) => ({
  username: 'officer.wang',
  displayName: '王管家',
  role: 'service_officer',
  centreId: 'beijing',
  password: 'Housekeeper-Passw0rd',
  ...over,
});

describe('user management', () => {
  test('an admin creates an account that must change its password at first sign-in; the audit log records it without the hash', async () => {
    const res = await t.request({ method: 'POST', url: '/api/users', session: admin, payload: newUser() });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'officer.wang', role: 'service_officer', centreId: 'beijing', mustChangePassword: true });
    const audit = await t.request({ method: 'GET', url: `/api/audit?entityType=user&entityId=${res.json().id}`, session: admin });
    const event = audit.json().items[0];
    expect(event).toMatchObject({ action: 'user.create', actorLabel: 'admin' });
    expect(JSON.stringify(event)).not.toMatch(/passwordHash|argon2/);
    const signIn = await t.login('officer.wang', 'Housekeeper-Passw0rd');
    const session = await t.request({ method: 'GET', url: '/api/auth/session', session: signIn });
    expect(session.json().user.mustChangePassword).toBe(true);
  });

  test('bad input gets every field error at once and writes nothing', async () => {
    const before = await t.request({ method: 'GET', url: '/api/users', session: admin });
    const res = await t.request({ method: 'POST', url: '/api/users', session: admin, payload: { username: 'A B', role: 'king', displayName: '' } });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['displayName', 'password', 'role', 'username']);
    const after = await t.request({ method: 'GET', url: '/api/users', session: admin });
    expect(after.json().items).toHaveLength(before.json().items.length);
  });

  test('rules that need the database come back as field errors too', async () => {
    const weak = await t.request({ method: 'POST', url: '/api/users', session: admin, payload: newUser({ username: 'weak.one', password: 'weak' }) });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.details.fields[0].path).toBe('password');
    const noOrg = await t.request({ method: 'POST', url: '/api/users', session: admin, payload: newUser({ username: 'firm.member', role: 'enterprise_member' }) });
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.json().error.details.fields[0]).toMatchObject({ path: 'organisationId', reason: 'required' });
    const noCentre = await t.request({ method: 'POST', url: '/api/users', session: admin, payload: newUser({ username: 'lost.one', centreId: 'atlantis' }) });
    expect(noCentre.json().error.details.fields[0]).toMatchObject({ path: 'centreId', reason: 'not_found' });
    const dup = await t.request({ method: 'POST', url: '/api/users', session: admin, payload: newUser() });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.fields[0].path).toBe('username');
  });

  test('disabling an account ends its sessions; an admin cannot lock themself out', async () => {
    const target = await t.userWithRole('analyst', { username: 'to-disable' });
    const list = await t.request({ method: 'GET', url: '/api/users', session: admin });
    const id = list.json().items.find((u: { username: string }) => u.username === 'to-disable').id;
    const res = await t.request({ method: 'PATCH', url: `/api/users/${id}`, session: admin, payload: { disabled: true } });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect((await t.request({ method: 'GET', url: '/api/auth/session', session: target })).json().user).toBeNull();
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'to-disable', password: target.password } });
    expect(again.json().error.code).toBe('ACCOUNT_DISABLED');
    const adminId = list.json().items.find((u: { username: string }) => u.username === 'admin').id;
    const self = await t.request({ method: 'PATCH', url: `/api/users/${adminId}`, session: admin, payload: { disabled: true } });
    expect(self.statusCode).toBe(409);
    const empty = await t.request({ method: 'PATCH', url: `/api/users/${adminId}`, session: admin, payload: {} });
    expect(empty.statusCode).toBe(400);
  });

  test('a centre admin sees and manages only their own centre', async () => {
    const centreAdmin = await t.userWithRole('admin', { centreId: 'beijing', username: 'bj-admin' });
    const res = await t.request({ method: 'POST', url: '/api/users', session: centreAdmin, payload: newUser({ username: 'global.admin', role: 'admin', centreId: null }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0]).toMatchObject({ path: 'centreId' });
    const list = await t.request({ method: 'GET', url: '/api/users', session: centreAdmin });
    expect(list.json().items.every((u: { centreId: string | null }) => u.centreId === 'beijing')).toBe(true);
  });
});
