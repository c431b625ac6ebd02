import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { demandEvents, users } from '../../db/schema/index.js';
import { testEngine } from '../../db/test-support/test-database.js';
import { buildApp } from '../app.js';
import { createTestApp, type Session, type TestApp } from '../test-support/test-app.js';

/**
 * Two officials editing the same record at the same moment (issue 10): one
 * edit lands, the other gets 409 stale_version, never a silent lost update.
 * The two requests are sent together (Promise.all) to one app, and on
 * PostgreSQL also to two app instances with their own pools on one database,
 * as two servers behind a load balancer would.
 */
let t: TestApp;
let officer: Session;
let colleague: Session;
let enterprise: Session;
let admin: Session;
let secondDb: DatabaseHandle | null = null;
let secondApp: FastifyInstance | null = null;
const C = '/api/centres/beijing';

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  officer = await t.userWithRole('service_officer');
  colleague = await t.userWithRole('service_officer');
  enterprise = await t.userWithRole('enterprise_member');
  admin = await t.loginAdmin();
  if (testEngine() === 'postgres') {
    // The test server needs no password, so the handle's description is its URL.
    secondDb = await openDatabase({ kind: 'postgres', url: t.database.describe.replace(/^PostgreSQL /, ''), poolSize: 4 });
    secondApp = await buildApp({ config: t.config, database: secondDb, now: t.clock.now, sessionKey: Buffer.from('test-session-key-test-session-key') }, { logger: false });
    await secondApp.ready();
  }
});
afterAll(async () => {
  // Closing the second app closes its pool too.
  if (secondApp) await secondApp.close();
  else await secondDb?.close();
  await t.close();
});

const send = (app: FastifyInstance, session: Session, opts: InjectOptions) => app.inject({ ...opts, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } } as InjectOptions);
/** The apps the two officials reach: the same one, and (PostgreSQL) one each. */
const pairs = (): [string, FastifyInstance, FastifyInstance][] => [['one server', t.app, t.app], ...(secondApp ? [['two servers', t.app, secondApp] as [string, FastifyInstance, FastifyInstance]] : [])];

/**
 * Both edits at once from the same version: exactly one 200 and one 409
 * naming the version, and the record holds the winner's change at version + 1.
 */
const race = async (a: FastifyInstance, b: FastifyInstance, url: string, method: 'PATCH' | 'PUT', bodies: [Record<string, unknown>, Record<string, unknown>], read: () => Promise<Record<string, unknown>>, field: string) => {
  const before = await read();
  const version = before['version'] as number;
  const results = await Promise.all([send(a, officer, { method, url, payload: { ...bodies[0], version } }), send(b, colleague, { method, url, payload: { ...bodies[1], version } })]);
  expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  const loser = results.find((r) => r.statusCode === 409);
  expect(loser?.json().error.details.fields.map((f: { path: string; reason: string }) => `${f.path}:${f.reason}`)).toEqual(['version:stale_version']);
  const winner = bodies[results.findIndex((r) => r.statusCode === 200)] as Record<string, unknown>;
  const after = await read();
  expect(after['version']).toBe(version + 1);
  expect(after[field]).toEqual(winner[field]);
};

describe('two officials edit the same record at once', () => {
  test('a registry record (PATCH with version)', async () => {
    const created = await send(t.app, officer, { method: 'POST', url: `${C}/entities`, payload: { kind: 'enterprise', nameZh: '合成并发测试公司', nameEn: 'Synthetic Concurrency Co.' } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const read = async () => (await t.request({ method: 'GET', url: `${C}/entities/${id}/profile` })).json().entity as Record<string, unknown>;
    for (const [label, a, b] of pairs()) await race(a, b, `${C}/entities/${id}`, 'PATCH', [{ nameEn: `Synthetic A (${label})` }, { nameEn: `Synthetic B (${label})` }], read, 'nameEn');
    // Without the version the edit is refused at the field, not applied blindly.
    const blind = await send(t.app, officer, { method: 'PATCH', url: `${C}/entities/${id}`, payload: { nameEn: 'Synthetic blind write' } });
    expect(blind.statusCode).toBe(400);
    expect(blind.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('version');
  });

  test('a service department (PUT with version)', async () => {
    const body = { nameZh: '合成金融服务处', nameEn: 'Synthetic finance services', level: 'municipal', areaId: null, demandTypes: ['financing'], memberUserIds: [] };
    const created = await send(t.app, officer, { method: 'POST', url: `${C}/service-departments`, payload: body });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const read = async () => ((await t.request({ method: 'GET', url: `${C}/service-departments`, session: officer })).json().items as Record<string, unknown>[]).find((d) => d['id'] === id) as Record<string, unknown>;
    for (const [label, a, b] of pairs()) await race(a, b, `${C}/service-departments/${id}`, 'PUT', [{ ...body, nameEn: `Synthetic A (${label})` }, { ...body, nameEn: `Synthetic B (${label})` }], read, 'nameEn');
    expect((await send(t.app, officer, { method: 'PUT', url: `${C}/service-departments/${id}`, payload: body })).statusCode).toBe(400);
  });

  test('a service package (PATCH with version)', async () => {
    const [me] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.role, 'service_officer')).limit(1);
    const created = await send(t.app, officer, { method: 'POST', url: `${C}/service-packages`, payload: { enterpriseId: 'beijing-ent-041', keyBasis: 'list', primaryHousekeeperId: me?.id, nextCheckInOn: '2026-03-15' } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const read = async () => (await t.request({ method: 'GET', url: `${C}/service-packages/${id}`, session: officer })).json() as Record<string, unknown>;
    for (const [, a, b] of pairs()) await race(a, b, `${C}/service-packages/${id}`, 'PATCH', [{ checkInEveryDays: 20 + Math.floor(Math.random() * 10) }, { checkInEveryDays: 40 + Math.floor(Math.random() * 10) }], read, 'checkInEveryDays');
    expect((await send(t.app, officer, { method: 'PATCH', url: `${C}/service-packages/${id}`, payload: { checkInEveryDays: 7 } })).statusCode).toBe(400);
  });

  test('a workflow transition: two officials accepting the same case, with or without the version, move it once', async () => {
    const raise = async () => {
      const r = await send(t.app, enterprise, { method: 'POST', url: `${C}/demands`, payload: { type: 'financing', title: '合成并发诉求 Synthetic concurrent case', description: '合成数据 Synthetic' } });
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as { id: string; version: number };
    };
    for (const [, a, b] of pairs()) {
      for (const withVersion of [true, false]) {
        const d = await raise();
        const payload = { action: 'accept', ...(withVersion ? { version: d.version } : {}) };
        const url = `${C}/demands/${d.id}/transitions`;
        const results = await Promise.all([send(a, admin, { method: 'POST', url, payload }), send(b, admin, { method: 'POST', url, payload })]);
        expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
        const loser = results.find((r) => r.statusCode === 409)?.json().error.details.fields.map((f: { reason: string }) => f.reason);
        // With the version, the loser's version is stale; without it, the case is no longer where the action starts.
        expect(loser).toEqual([withVersion ? 'stale_version' : 'wrong_state']);
        const after = (await t.request({ method: 'GET', url: `${C}/demands/${d.id}`, session: admin })).json();
        expect(after.state).toBe('accepted');
        const events = await t.database.db.select().from(demandEvents).where(and(eq(demandEvents.demandId, d.id), eq(demandEvents.kind, 'transition')));
        expect(events).toHaveLength(1);
      }
    }
  });
});

/**
 * Every UPDATE of a versioned table (each has `version integer`) in the server
 * code names the version it expects in its WHERE clause, so a write cannot
 * overwrite a change it did not see. The one exception takes the row lock first.
 */
describe('every versioned write is conditional on the version', () => {
  test('no UPDATE of a versioned table without the version in its WHERE (or a row lock taken first)', () => {
    const schemaDir = join(import.meta.dirname, '../../db/schema');
    const versioned = new Set<string>();
    for (const f of readdirSync(schemaDir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(schemaDir, f), 'utf8');
      for (const m of text.matchAll(/export const (\w+) = pgTable\(/g)) {
        const body = text.slice((m.index ?? 0) + m[0].length, text.indexOf('export const', (m.index ?? 0) + m[0].length) >>> 0 || undefined);
        if (/version: integer\('version'\)\.notNull\(\)\.default\(1\)/.test(body)) versioned.add(m[1] as string);
      }
    }
    expect(versioned.size).toBeGreaterThan(20);
    const unconditional: string[] = [];
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
    for (const file of walk(join(import.meta.dirname, '..'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\.update\((\w+)\)/g)) {
        const table = m[1] as string;
        if (!versioned.has(table)) continue;
        const statement = text.slice(m.index, text.indexOf(';', m.index));
        const where = statement.slice(statement.indexOf('.where('));
        if (!where.includes(`${table}.version`)) unconditional.push(`${file.slice(file.indexOf('src/'))}: update(${table})`);
      }
    }
    // demands: every caller of updateDemand reads the case with SELECT … FOR UPDATE in the same transaction first
    // (findDemandForUpdate) and checks the version it was sent against that locked row.
    expect(unconditional).toEqual(['src/server/modules/services/services.repository.ts: update(demands)']);
  });
});
