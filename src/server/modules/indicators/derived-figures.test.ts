import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TIndicator } from '../../../shared/schemas/indicators.js';
import { auditEvents, callApplicationMembers, callApplications, callChangeLog, callMilestones, callProgrammes, calls, personPrivate, recognitions } from '../../../db/schema/index.js';
import { TEST_PROGRAMME_SETTINGS as TEST_SETTINGS } from '../../test-support/calls-fixtures.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
let analyst: Session;
const C = '/api/centres/beijing';
const at = (iso: string) => new Date(iso);

/**
 * Synthetic calls-engine records (test data only, marked as samples where a
 * test needs one), written straight to the tables: the workflow itself is
 * tested in the calls module; here only what the statistics read matters.
 */
beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  analyst = await t.userWithRole('analyst');
  const db = t.database.db;
  const created = at('2025-01-01T00:00:00Z');
  await db.insert(callProgrammes).values({ id: 'test-prog', centreId: 'beijing', kind: 'jiebang', titleEn: 'Test programme', settings: TEST_SETTINGS, createdAt: created });
  const call = (id: string, state: string, publishedAt: string | null) => ({ id, centreId: 'beijing', programmeId: 'test-prog', state, titleEn: id, ownerEntityId: 'beijing-ent-040', publishedAt: publishedAt ? at(publishedAt) : null, createdAt: created, updatedAt: created });
  await db.insert(calls).values([call('test-c1', 'accepted', '2025-02-01T00:00:00Z'), call('test-c2', 'in_execution', '2025-03-01T00:00:00Z'), call('test-c3', 'published', '2025-04-01T00:00:00Z')]);
  await db.insert(callChangeLog).values({ id: 'test-log-1', callId: 'test-c1', at: at('2026-01-15T00:00:00Z'), entry: 'accepted' });
  const application = (id: string, callId: string, state: string, decidedAt: string | null, lead: string, total: number) => ({
    id,
    callId,
    state,
    title: id,
    applicantOrgId: lead,
    submittedAt: at('2025-05-01T00:00:00Z'),
    decidedAt: decidedAt ? at(decidedAt) : null,
    budget: { total, selfFunded: null, items: [] },
    createdAt: created,
    updatedAt: created,
  });
  await db.insert(callApplications).values([
    application('test-a1', 'test-c1', 'completed', '2025-07-01T00:00:00Z', 'beijing-ent-040', 4_000_000),
    application('test-a2', 'test-c1', 'rejected', '2025-07-01T00:00:00Z', 'beijing-ent-041', 1),
    application('test-a3', 'test-c2', 'awarded', '2025-08-01T00:00:00Z', 'beijing-ent-041', 2_000_000),
  ]);
  await db.insert(recognitions).values({ id: 'test-rec-1', entityId: 'beijing-ent-040', type: 'little_giant', validFrom: '2024-01-01', validTo: null } as never);
  await db.insert(callApplicationMembers).values({ applicationId: 'test-a1', entityId: 'beijing-ent-089', role: 'pi' } as never).onConflictDoNothing();
  await db.insert(personPrivate).values({ entityId: 'beijing-ent-089', birthYear: 1992 } as never).onConflictDoNothing();
  const milestone = (id: string, applicationId: string, dueOn: string, submittedAt: string | null, paid: number | null) => ({
    id,
    applicationId,
    position: 1,
    title: id,
    deliverable: 'd',
    verification: 'v',
    dueOn,
    state: paid ? 'paid' : submittedAt ? 'accepted' : 'planned',
    submittedAt: submittedAt ? at(submittedAt) : null,
    paidAt: paid ? at('2025-10-01T00:00:00Z') : null,
    paidAmount: paid,
  });
  await db.insert(callMilestones).values([milestone('test-m1', 'test-a1', '2025-09-01', '2025-08-30T00:00:00Z', 1_500_000), milestone('test-m2', 'test-a3', '2025-09-01', '2025-09-20T00:00:00Z', null)]);
});
afterAll(() => t.close());

const refresh = () => t.request({ method: 'POST', url: `${C}/derived-figures/refresh`, session: analyst });
const figure = async (code: string, period: string) => {
  const { indicator } = (await t.request({ method: 'GET', url: `${C}/indicators/${code}` })).json() as { indicator: TIndicator };
  return { indicator, observation: indicator.observations.find((o) => o.period === period) };
};

describe('figures derived from the calls engine’s records', () => {
  test('a refresh defines the indicators and stores each figure with its query, parameters and records', async () => {
    const res = await refresh();
    expect(res.statusCode).toBe(200);
    const [report] = res.json().items;
    expect(report).toMatchObject({ key: 'calls', withdrawn: 0, updated: 0 });
    expect(report.inserted).toBe(report.figures);

    const published = await figure('calls_published', '2025');
    expect(published.indicator).toMatchObject({ nameZh: '发布榜单数', level: 'centre', frequency: 'annual' });
    expect(published.observation).toMatchObject({ value: 3, provenance: 'derived', status: 'measured', areaId: 'bj', citation: { titleZh: '科创平台揭榜挂帅记录' } });
    const derivation = published.observation?.derivation as { query: string; records: { kind: string; id: string }[] };
    expect(derivation.query).toBe('calls.statistics/v1');
    expect(derivation.records.map((r) => r.id).sort()).toEqual(['test-c1', 'test-c2', 'test-c3']);

    expect((await figure('call_winners_sme_share', '2025')).observation).toMatchObject({ value: 50 });
    expect((await figure('call_winners_young_pi_share', '2025')).observation).toMatchObject({ value: 100 });
    expect((await figure('call_funding_committed', '2025')).observation).toMatchObject({ value: 6_000_000 });
    expect((await figure('call_funding_paid', '2025')).observation).toMatchObject({ value: 1_500_000 });
    expect((await figure('call_milestones_on_time_rate', '2025')).observation).toMatchObject({ value: 50 });
    expect((await figure('call_acceptance_rate', '2026')).observation).toMatchObject({ value: 100 });
    expect((await figure('call_bids_per_call', '2025')).observation).toMatchObject({ value: 1.5 });
  });

  test('a second refresh changes nothing; changed records update the figure; vanished ones withdraw it', async () => {
    expect((await refresh()).json().items[0]).toMatchObject({ inserted: 0, updated: 0, withdrawn: 0 });
    await t.database.db.update(calls).set({ publishedAt: at('2024-12-31T00:00:00Z') }).where(eq(calls.id, 'test-c3'));
    await t.database.db.delete(callMilestones).where(eq(callMilestones.id, 'test-m1'));
    const report = (await refresh()).json().items[0];
    expect(report.withdrawn).toBe(1); // funding paid 2025: no payment left
    expect(report.inserted).toBe(1); // calls published 2024
    expect((await figure('calls_published', '2025')).observation).toMatchObject({ value: 2 });
    expect((await figure('call_funding_paid', '2025')).observation).toBeUndefined();
    // The refresh that changed nothing wrote no audit event.
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'observations.derive'), eq(auditEvents.entityId, 'beijing-derived-calls')));
    expect(events).toHaveLength(2);
  });

  test('only indicators:write holders refresh', async () => {
    const officer = await t.userWithRole('service_officer');
    expect((await t.request({ method: 'POST', url: `${C}/derived-figures/refresh`, session: officer })).statusCode).toBe(403);
  });
});
