import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { auditEvents, callProgrammes, calls, demandEvents, entities, notifications, observations } from '../../db/schema/index.js';
import { testEngine } from '../../db/test-support/test-database.js';
import { runScheduledJobs, type JobsReport } from '../jobs.js';
import { TEST_PROGRAMME_SETTINGS } from '../test-support/calls-fixtures.js';
import { createTestApp, type Session, type TestApp } from '../test-support/test-app.js';

/**
 * Two workers never do the same scheduled job (issue 10): the scheduler run
 * twice at once in one process, and on PostgreSQL also by a second server
 * (its own pool on the same database), must close each expired call, send each
 * notice, remind and escalate each idle case, confirm each unanswered case and
 * derive each figure exactly once, and neither run may fail.
 */
let t: TestApp;
let enterprise: Session;
let admin: Session;
let second: DatabaseHandle | null = null;
const C = '/api/centres/beijing';
const t0 = new Date('2026-03-01T09:00:00.000Z');
const at = (days: number) => new Date(t0.getTime() + days * 86_400_000);
let idle: string;
let resolved: string;

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  enterprise = await t.userWithRole('enterprise_member');
  admin = await t.loginAdmin();
  if (testEngine() === 'postgres') {
    // A second server: its own connection pool on the same database (the test server needs no password).
    second = await openDatabase({ kind: 'postgres', url: t.database.describe.replace(/^PostgreSQL /, ''), poolSize: 4 });
  }
  const created = new Date('2026-01-01T00:00:00Z');
  // The enterprise works in the call's field, so it hears of the deadline.
  await t.database.db.update(entities).set({ industryTags: ['ai'] }).where(eq(entities.id, 'beijing-ent-040'));
  await t.database.db.insert(callProgrammes).values({ id: 'jobs-prog', centreId: 'beijing', kind: 'jiebang', titleEn: 'Synthetic jobs programme', settings: TEST_PROGRAMME_SETTINGS, createdAt: created });
  const call = (id: string, deadline: Date) => ({ id, centreId: 'beijing', programmeId: 'jobs-prog', state: 'published', titleEn: `Synthetic ${id}`, titleZh: `合成${id}`, ownerEntityId: 'beijing-ent-041', fieldCodes: ['ai'], deadline, publishedAt: created, createdAt: created, updatedAt: created });
  await t.database.db.insert(calls).values([call('jobs-expired', at(-1 / 24)), call('jobs-soon', at(5))]);
  const raise = async (title: string) => {
    const r = await t.request({ method: 'POST', url: `${C}/demands`, session: enterprise, payload: { type: 'financing', title, description: '合成数据 Synthetic' } });
    expect(r.statusCode).toBe(201);
    return r.json().id as string;
  };
  idle = await raise('合成：无人处理的诉求 Synthetic idle case');
  resolved = await raise('合成：已解决待确认 Synthetic resolved case');
  for (const [action, note] of [['accept', null], ['start', null], ['resolve', '合成：已解决 Synthetic']] as const) {
    const r = await t.request({ method: 'POST', url: `${C}/demands/${resolved}/transitions`, session: admin, payload: { action, note } });
    expect(r.statusCode).toBe(200);
  }
});
afterAll(async () => {
  await second?.close();
  await t.close();
});

/** The scheduler twice at once on this server, and once more from the second server on PostgreSQL. */
const runTogether = async (now: Date): Promise<JobsReport[]> => {
  const deps = [t.app.kc, t.app.kc, ...(second ? [{ database: second, config: t.app.kc.config }] : [])];
  return Promise.all(deps.map((d) => runScheduledJobs(d, now)));
};
const errorsOf = (reports: JobsReport[]) => reports.flatMap((r) => r.flatMap((e) => e.errors));
const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
const db = () => t.database.db;

describe('scheduled jobs run by several workers at once', () => {
  test('an expired call is closed once, each notice is sent once, derived figures are written once, an idle case is reminded once', async () => {
    const reports = await runTogether(at(4));
    expect(errorsOf(reports)).toEqual([]);
    expect(await n(db().select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.action, 'call.close'), eq(auditEvents.entityId, 'jobs-expired'))))).toBe(1);
    const [closed] = await db().select().from(calls).where(eq(calls.id, 'jobs-expired'));
    expect(closed?.state).toBe('closed');
    // Each recipient has each notice once (the dedupe key's unique index), and the runs' own counts add up to what is stored.
    const deadline = await n(db().select({ n: count() }).from(notifications).where(eq(notifications.subjectId, 'jobs-soon')));
    expect(deadline).toBeGreaterThan(0);
    expect(reports.reduce((sum, r) => sum + (r.find((e) => e.centreId === 'beijing')?.notices?.deadlineNotices ?? 0), 0)).toBeLessThanOrEqual(deadline);
    expect(await n(db().select({ n: count() }).from(demandEvents).where(and(eq(demandEvents.demandId, idle), eq(demandEvents.kind, 'reminder'))))).toBe(1);
    const remindedBy = reports.map((r) => r.find((e) => e.centreId === 'beijing')?.services?.reminded ?? 0);
    expect(remindedBy.reduce((a, b) => a + b, 0)).toBe(1);
    // Derived figures: one observation per figure, however many runs derived them.
    const derived = await db().select({ id: observations.id, indicatorId: observations.indicatorId, period: observations.period, areaId: observations.areaId }).from(observations).where(like(observations.sourceId, 'beijing-derived-%'));
    expect(derived.length).toBeGreaterThan(0);
    expect(new Set(derived.map((o) => `${o.indicatorId} ${o.period} ${o.areaId}`)).size).toBe(derived.length);
    const inserted = reports.flatMap((r) => r.find((e) => e.centreId === 'beijing')?.derived ?? []).reduce((sum, d) => sum + d.inserted, 0);
    expect(inserted).toBe(derived.length);
  });

  test('the case idle past the ladder is escalated once', async () => {
    const reports = await runTogether(at(6));
    expect(errorsOf(reports)).toEqual([]);
    expect(await n(db().select({ n: count() }).from(demandEvents).where(and(eq(demandEvents.demandId, idle), eq(demandEvents.kind, 'escalation'))))).toBe(1);
    expect(await n(db().select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.action, 'demand.escalate'), eq(auditEvents.entityId, idle))))).toBe(1);
  });

  test('the resolved case nobody answered is confirmed once by the system', async () => {
    const reports = await runTogether(at(15));
    expect(errorsOf(reports)).toEqual([]);
    expect(await n(db().select({ n: count() }).from(demandEvents).where(and(eq(demandEvents.demandId, resolved), eq(demandEvents.action, 'confirm'))))).toBe(1);
    expect(await n(db().select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.action, 'demand.confirm'), eq(auditEvents.entityId, resolved))))).toBe(1);
    expect(reports.reduce((sum, r) => sum + (r.find((e) => e.centreId === 'beijing')?.services?.autoConfirmed ?? 0), 0)).toBe(1);
  });
});
