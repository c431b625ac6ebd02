import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditEvents, callApplications, callMilestones, callProgrammes, calls, entities } from '../../../db/schema/index.js';
import { runScheduledJobs } from '../../jobs.js';
import { TEST_PROGRAMME_SETTINGS as TEST_SETTINGS } from '../../test-support/calls-fixtures.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';
import { isoWeek } from './scheduled-notices.service.js';

let t: TestApp;
let member: Session;
let officer: Session;
const now = new Date('2026-03-02T09:00:00Z'); // a Monday
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
const day = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString().slice(0, 10);

/** Synthetic calls-engine records written straight to the tables (test data only). */
beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  member = await t.userWithRole('enterprise_member'); // organisation beijing-ent-040
  officer = await t.userWithRole('service_officer');
  const db = t.database.db;
  await db.update(entities).set({ industryTags: ['ai', 'ic'] }).where(eq(entities.id, 'beijing-ent-040'));
  const created = new Date('2026-01-01T00:00:00Z');
  await db.insert(callProgrammes).values({ id: 'test-prog', centreId: 'beijing', kind: 'jiebang', titleEn: 'Test programme', settings: TEST_SETTINGS, createdAt: created });
  const call = (id: string, state: string, deadline: Date, fieldCodes: string[]) => ({ id, centreId: 'beijing', programmeId: 'test-prog', state, titleEn: `Test ${id}`, titleZh: `测试${id}`, ownerEntityId: 'beijing-ent-041', fieldCodes, deadline, publishedAt: created, createdAt: created, updatedAt: created });
  await db.insert(calls).values([call('test-soon', 'published', hours(48), ['ai.vision']), call('test-expired', 'published', hours(-1), ['ic']), call('test-later', 'published', hours(24 * 30), ['bio']), call('test-running', 'in_execution', hours(-24 * 90), ['ai'])]);
  await db.insert(callApplications).values({ id: 'test-app', callId: 'test-running', state: 'awarded', title: 'Test bid', applicantOrgId: 'beijing-ent-040', submittedAt: created, decidedAt: created, createdAt: created, updatedAt: created });
  const milestone = (id: string, dueOn: string) => ({ id, applicationId: 'test-app', position: 1, title: id, deliverable: 'd', verification: 'v', dueOn });
  await db.insert(callMilestones).values([milestone('test-due', day(5)), milestone('test-overdue', day(-1)), milestone('test-far', day(60))]);
});
afterAll(() => t.close());

const inbox = async (session: Session) => (await t.request({ method: 'GET', url: '/api/me/notifications', session })).json() as { items: { template: string; subjectId: string; payload: Record<string, unknown> }[] };

describe('scheduled notices', () => {
  test('one run closes the expired call, warns of the deadline, reminds of milestones and sends the digest', async () => {
    const [report] = await runScheduledJobs(t.app.kc, now);
    expect(report?.errors).toEqual([]);
    expect(report?.notices).toMatchObject({ closed: 1, deadlineNotices: 1, milestoneNotices: 1, digests: 1 });
    expect(report?.notices?.overdueNotices).toBeGreaterThanOrEqual(2); // the team and the officers

    const [expired] = await t.database.db.select().from(calls).where(eq(calls.id, 'test-expired'));
    expect(expired?.state).toBe('closed');
    const [closing] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'call.close'), eq(auditEvents.entityId, 'test-expired')));
    expect(closing?.actorLabel).toBe('system:scheduler');

    const mine = await inbox(member);
    const templates = mine.items.map((n) => `${n.template}:${n.subjectId}`).sort();
    expect(templates).toEqual([`calls_digest:${isoWeek(now)}`, 'deadline_soon:test-soon', 'milestone_due:test-due', 'milestone_overdue:test-overdue'].sort());
    const digest = mine.items.find((n) => n.template === 'calls_digest');
    // Open calls in the member's fields (ai, ic): the one closing soon; not bio, not the expired one.
    expect((digest?.payload['calls'] as { id: string }[]).map((c) => c.id)).toEqual(['test-soon']);
    expect((await inbox(officer)).items.map((n) => n.template)).toContain('milestone_overdue');
  });

  test('a second run sends nothing twice', async () => {
    const [report] = await runScheduledJobs(t.app.kc, hours(1));
    expect(report?.notices).toEqual({ closed: 0, deadlineNotices: 0, milestoneNotices: 0, overdueNotices: 0, digests: 0 });
  });

  test('next week brings a new digest', async () => {
    const [report] = await runScheduledJobs(t.app.kc, hours(24 * 7));
    expect(report?.notices?.digests).toBe(0); // the call closing soon has closed by then; nothing left in the member's fields
    expect(isoWeek(new Date('2026-01-01T00:00:00Z'))).toBe('2026-W01');
    expect(isoWeek(new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53');
  });
});
