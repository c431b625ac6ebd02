import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../app.js';
import { parseConfig } from '../config.js';
import { TEST_PROGRAMME_SETTINGS } from '../test-support/calls-fixtures.js';
import { createTestApp, TEST_PASSWORD, type Session, type TestApp } from '../test-support/test-app.js';
import { verifyAuditChain } from '../../db/audit-log.js';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { callApplications, callProgrammes, calls } from '../../db/schema/index.js';
import { createScratchDatabase } from '../../db/test-support/scratch-database.js';
import { testEngine } from '../../db/test-support/test-database.js';
import { backupCentre } from '../../db/backup/backup.js';
import { pgliteCopyTuning } from '../../db/backup/copy-stream.js';
import type { Manifest } from '../../db/backup/parts.js';
import { restoreCentre, RestoreRefused } from '../../db/backup/restore.js';
import { backupCommand, restoreCommand } from './backup-command.js';

/**
 * Round trips of a centre: back up Beijing with synthetic records in several
 * modules (an actor, a call with a bid and an attachment, accounts), restore
 * into a fresh database of this engine and of the other one, and read the
 * data back through the app.
 */
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n\u0000\u00ff\t\\');
const C = '/api/centres/beijing';
const actor = { kind: 'system', label: 'test:restore' } as const;
const now = () => new Date('2026-03-02T00:00:00Z');
const pgUrl = process.env['TEST_DATABASE_URL'];

let source: TestApp;
let team: Session & { username: string };
let work: string;
let dump: string;
let manifest: Manifest;
let attachmentId: string;

/** A migrated database with no centre in it: where a deployment moves to. */
const freshDatabase = async (engine: 'pglite' | 'postgres'): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> => {
  if (engine === 'pglite') {
    const handle = await openDatabase({ kind: 'pglite-memory' });
    await migrateDatabase(handle);
    return { handle, drop: () => handle.close() };
  }
  const scratch = await createScratchDatabase(pgUrl as string, 'backup_test');
  const handle = await openDatabase({ kind: 'postgres', url: scratch.url, poolSize: 2 });
  await migrateDatabase(handle);
  return {
    handle,
    drop: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
};

const count = async (handle: DatabaseHandle, query: string): Promise<number> =>
  Number(((await handle.db.execute(query as never)) as unknown as { rows: { n: number }[] }).rows[0]?.n);

beforeAll(async () => {
  // Small pages and chunks: PGlite's keyset paging (composite keys too) and chunked loads run on test-sized data.
  Object.assign(pgliteCopyTuning, { pageRows: 50, chunkBytes: 4096 });
  source = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  team = await source.userWithRole('enterprise_member');
  const officer = await source.userWithRole('service_officer');
  const created = await source.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'enterprise', nameZh: '合成备份机器人有限公司', nameEn: 'Synthetic Backup Robotics Co., Ltd.' } });
  expect(created.statusCode, created.body).toBe(201);
  const db = source.database.db;
  const at = new Date('2026-01-01T00:00:00.123Z');
  await db.insert(callProgrammes).values({ id: 'test-prog', centreId: 'beijing', kind: 'jiebang', titleEn: 'Synthetic programme', settings: TEST_PROGRAMME_SETTINGS, createdAt: at });
  await db.insert(calls).values({ id: 'test-call', centreId: 'beijing', programmeId: 'test-prog', state: 'published', titleEn: 'Synthetic call', ownerEntityId: 'beijing-ent-042', createdAt: at, updatedAt: at });
  // Tabs, newlines, backslashes and quotes must survive COPY text exactly.
  await db.insert(callApplications).values({ id: 'test-draft', callId: 'test-call', state: 'draft', title: '合成 bid\twith\nodd "chars" \\ \u{1F600}', applicantOrgId: 'beijing-ent-040', createdAt: at, updatedAt: at });
  const up = await source.request({ method: 'POST', url: `${C}/applications/test-draft/attachments?fileName=${encodeURIComponent('合成方案.pdf')}`, payload: PDF, headers: { 'content-type': 'application/octet-stream' }, session: team });
  expect(up.statusCode, up.body).toBe(201);
  attachmentId = up.json().id;
  work = mkdtempSync(join(tmpdir(), 'kc-backup-test-'));
  dump = join(work, 'beijing');
  manifest = await backupCentre(source.database, { centreId: 'beijing', outDir: dump, appVersion: 'test', now });
});

afterAll(async () => {
  if (work) rmSync(work, { recursive: true, force: true });
  await source?.close();
});

const readBack = async (handle: DatabaseHandle): Promise<void> => {
  const config = parseConfig({ LOG_LEVEL: 'silent', KECHUANG_DATA_DIR: '/nonexistent-test-dir', JOBS_INTERVAL_SECONDS: '0' }, { webRoot: null });
  // The app closes its database on close; the test still needs this one.
  const app = await buildApp({ config, database: { ...handle, close: async () => undefined }, now, sessionKey: Buffer.from('test-session-key-test-session-key') }, { logger: false });
  try {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: team.username, password: TEST_PASSWORD } });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const bid = await app.inject({ method: 'GET', url: `${C}/applications/test-draft`, headers: { cookie } });
    expect(bid.statusCode, bid.body).toBe(200);
    expect(bid.json().title).toBe('合成 bid\twith\nodd "chars" \\ \u{1F600}');
    const file = await app.inject({ method: 'GET', url: `${C}/attachments/${attachmentId}`, headers: { cookie } });
    expect(file.rawPayload.equals(PDF)).toBe(true);
    const found = (await app.inject({ method: 'GET', url: `${C}/search?q=${encodeURIComponent('合成备份机器人')}` })).json();
    expect(JSON.stringify(found)).toContain('Synthetic Backup Robotics');
  } finally {
    await app.close();
  }
};

/** Back up the restored centre again: every table but the audit log (which gained the restore's own event) is identical. */
const expectSameChecksums = async (handle: DatabaseHandle, label: string): Promise<void> => {
  const again = await backupCentre(handle, { centreId: 'beijing', outDir: join(work, label), appVersion: 'test', now });
  const sums = (m: Manifest) => Object.fromEntries(m.parts.filter((p) => p.name !== 'audit_events').map((p) => [p.name, `${p.rows}:${p.checksum}`]));
  expect(sums(again)).toEqual(sums(manifest));
  const audit = (m: Manifest) => m.parts.find((p) => p.name === 'audit_events')?.rows ?? 0;
  expect(audit(again)).toBe(audit(manifest) + 1);
};

describe('backup', () => {
  test('the manifest lists every centre table with rows and checksums, including the attachment bytes', () => {
    const byName = new Map(manifest.parts.map((p) => [p.name, p]));
    expect(byName.get('attachments')?.rows).toBe(1);
    expect(byName.get('call_applications')?.rows).toBe(1);
    expect(byName.get('centres')?.rows).toBe(1);
    expect(byName.get('entities')?.rows).toBeGreaterThan(10);
    expect(byName.has('sessions')).toBe(false);
    expect(manifest.migration.tag).toMatch(/^\d{4}_/);
    for (const p of manifest.parts) expect(p.checksum).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('restore', () => {
  test(`${testEngine()} → ${testEngine() === 'pglite' ? 'PGlite' : 'PostgreSQL'}: checksums equal, audit chain verifies, the app reads the data back`, async () => {
    const target = await freshDatabase(testEngine());
    try {
      const report = await restoreCentre(target.handle, { dir: dump, replace: false, actor, now });
      expect(report.auditEvents).toBe(manifest.parts.find((p) => p.name === 'audit_events')?.rows);
      expect((await verifyAuditChain(target.handle.db)).ok).toBe(true);
      await expectSameChecksums(target.handle, 'same-engine');
      await readBack(target.handle);
    } finally {
      await target.drop();
    }
  });

  const other = testEngine() === 'pglite' ? 'postgres' : 'pglite';
  test.skipIf(other === 'postgres' && !pgUrl)(`${testEngine()} → ${other} (moving a deployment): checksums equal, the app reads the data back`, async () => {
    const target = await freshDatabase(other);
    try {
      await restoreCentre(target.handle, { dir: dump, replace: false, actor, now });
      expect((await verifyAuditChain(target.handle.db)).ok).toBe(true);
      await expectSameChecksums(target.handle, 'other-engine');
      await readBack(target.handle);
    } finally {
      await target.drop();
    }
  });

  test('an existing centre is refused unless replacing; replacing keeps other rows, the old audit events, and a verifying chain', async () => {
    await expect(restoreCentre(source.database, { dir: dump, replace: false, actor, now })).rejects.toThrow(/already exists.*--centre-replace/);
    const before = await count(source.database, 'select count(*)::int as n from audit_events');
    const report = await restoreCentre(source.database, { dir: dump, replace: true, actor, now });
    expect(report.replaced).toBe(true);
    expect(await count(source.database, 'select count(*)::int as n from audit_events')).toBe(before + report.auditEvents + 1);
    expect((await verifyAuditChain(source.database.db)).ok).toBe(true);
    await readBack(source.database);
  });

  test('a corrupted file is found before anything is written', async () => {
    const bad = join(work, 'corrupt');
    cpSync(dump, bad, { recursive: true });
    const file = join(bad, 'attachments.copy.gz');
    const bytes = readFileSync(file);
    bytes[bytes.length - 12] = (bytes[bytes.length - 12] as number) ^ 0xff;
    writeFileSync(file, bytes);
    // Into the source itself (with --centre-replace): a write would show in the counts.
    const audit = await count(source.database, 'select count(*)::int as n from audit_events');
    const apps = await count(source.database, 'select count(*)::int as n from call_applications');
    const error = await restoreCentre(source.database, { dir: bad, replace: true, actor, now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreRefused);
    expect((error as Error).message).toMatch(/attachments\.copy\.gz: file SHA-256/);
    expect(await count(source.database, 'select count(*)::int as n from audit_events')).toBe(audit);
    expect(await count(source.database, 'select count(*)::int as n from call_applications')).toBe(apps);
  });

  test('a backup from another migration is refused with both migrations named', async () => {
    const other = join(work, 'other-migration');
    cpSync(dump, other, { recursive: true });
    writeFileSync(join(other, 'manifest.json'), JSON.stringify({ ...manifest, migration: { ...manifest.migration, applied: manifest.migration.applied - 1, tag: '0000_older' } }));
    await expect(restoreCentre(source.database, { dir: other, replace: true, actor, now })).rejects.toThrow(/made at migration .*0000_older.*this database is at/);
  });

  test('the commands: exit 2 with the reason for a refused restore, a non-empty --out or no --out; exit 1 for a damaged backup', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const withDb = <T>(work: (h: DatabaseHandle) => Promise<T>) => work(source.database);
    expect(await restoreCommand(withDb, { dir: dump, replace: false }, io)).toBe(2);
    expect(lines.at(-1)).toMatch(/restore refused: centre beijing already exists/);
    expect(await restoreCommand(withDb, { dir: join(work, 'corrupt'), replace: true }, io)).toBe(1);
    expect(lines.at(-1)).toMatch(/attachments\.copy\.gz: file SHA-256/);
    const pick = async () => 'beijing';
    expect(await backupCommand(withDb, pick, { out: dump, centre: undefined, appVersion: 'test' }, io)).toBe(2);
    expect(lines.at(-1)).toMatch(/not empty/);
    expect(await backupCommand(withDb, pick, { out: undefined, centre: undefined, appVersion: 'test' }, io)).toBe(2);
  });
});
