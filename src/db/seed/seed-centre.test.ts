import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTestDatabase } from '../test-support/test-database.js';
import { verifyAuditChain } from '../audit-log.js';
import type { DatabaseHandle } from '../client.js';
import { auditEvents, entities } from '../schema/index.js';
import { withWriteTx } from '../tx.js';
import { listShippedCentres, loadCentrePackage, seedCentre } from './index.js';

let db: { handle: DatabaseHandle; drop: () => Promise<void> };
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.handle.close();
  await db.drop();
});

const pkg = () => loadCentrePackage(listShippedCentres().find((d) => d.endsWith('beijing')) as string);
const actor = { kind: 'system', label: 'test' } as const;

describe('seeding', () => {
  test('seeding an already seeded database changes nothing and writes no audit event', async () => {
    const before = await db.handle.db.select({ n: count() }).from(auditEvents);
    const quick = await withWriteTx(db.handle.db, (tx) => seedCentre(tx, pkg(), { actor, now: new Date() }));
    expect(quick.skipped).toBe(true);
    const report = await withWriteTx(db.handle.db, (tx) => seedCentre(tx, pkg(), { actor, now: new Date(), force: true }));
    expect(report.skipped).toBe(false);
    expect(Object.keys(report.tables)).toHaveLength(12);
    for (const counts of Object.values(report.tables)) expect(counts).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    const after = await db.handle.db.select({ n: count() }).from(auditEvents);
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  test('a change in the package updates the row, audits before and after, and the chain still verifies', async () => {
    const changed = pkg();
    const record = changed.facts?.entities.find((e) => e.id === 'ENT-022');
    if (!record) throw new Error('ENT-022 missing');
    record.name_en = 'Changping National Laboratory (renamed in test)';
    const report = await withWriteTx(db.handle.db, (tx) => seedCentre(tx, changed, { actor, now: new Date(), force: true }));
    expect(report.tables['entities']).toMatchObject({ updated: 1, inserted: 0 });
    const [last] = await db.handle.db.select().from(auditEvents).orderBy(sql`seq desc`).limit(1);
    expect(last).toMatchObject({ action: 'seed.update', entityId: 'beijing-ent-022' });
    expect((last?.before as { nameEn: string }).nameEn).toBe('Changping National Laboratory');
    expect((await verifyAuditChain(db.handle.db)).ok).toBe(true);
  });

  test('a failing seed leaves nothing half-written', async () => {
    const broken = pkg();
    broken.manifest.factSheet?.placements && (broken.manifest.factSheet.placements['ENT-040'] = { areaId: 'no-such-area', basis: 'test' });
    const auditBefore = await db.handle.db.select({ n: count() }).from(auditEvents);
    await expect(withWriteTx(db.handle.db, (tx) => seedCentre(tx, broken, { actor, now: new Date(), force: true }))).rejects.toThrow(/unknown area no-such-area/);
    const auditAfter = await db.handle.db.select({ n: count() }).from(auditEvents);
    expect(auditAfter[0]?.n).toBe(auditBefore[0]?.n);
    const [e] = await db.handle.db.select().from(entities).where(eq(entities.id, 'beijing-ent-040'));
    expect(e?.areaId).toBe('bj-110108');
  });

  test('edits made in the app and records users created survive re-seeding', async () => {
    await db.handle.db.update(entities).set({ aliases: ['edited in the app'] }).where(eq(entities.id, 'beijing-ent-040'));
    await db.handle.db.insert(entities).values({ id: 'user-made-1', centreId: 'beijing', category: 'enterprise', kind: 'enterprise', nameEn: 'User-made record', nameStatus: 'in_source' });
    const report = await withWriteTx(db.handle.db, (tx) => seedCentre(tx, pkg(), { actor, now: new Date(), force: true }));
    expect(report.tables['entities']).toMatchObject({ deleted: 0 });
    const [edited] = await db.handle.db.select().from(entities).where(eq(entities.id, 'beijing-ent-040'));
    expect(edited?.aliases).toEqual(['edited in the app']);
    const [made] = await db.handle.db.select().from(entities).where(eq(entities.id, 'user-made-1'));
    expect(made?.nameEn).toBe('User-made record');
  });
});
