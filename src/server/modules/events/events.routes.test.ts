import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listAuditEvents, verifyAuditChain } from '../../../db/audit-log.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

/**
 * Events through the API, sample records only: an officer records a sample
 * forum, its sessions with registry organisers and an achievement release;
 * the counts by year come from these records and sit beside the seeded
 * published figure (zgc_forum_events, 2024), which is never added in; the
 * counts become derived figures naming their records. Refusals along the way.
 */
let t: TestApp;
const C = '/api/centres/beijing';
let officer: Session;
let analyst: Session;
let member: Session;
const ids: Record<string, string> = {};

type Res = Awaited<ReturnType<TestApp['request']>>;
const req = (method: 'GET' | 'POST' | 'PATCH', url: string, session?: Session, payload?: unknown): Promise<Res> => t.request({ method, url: `${C}${url}`, session, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const ok = async (p: Promise<Res>, status = 200) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};
const refused = async (p: Promise<Res>, status: number) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json().error as { code: string; details: { fields: { path: string; reason: string }[] } };
};
const at = (e: { details: { fields: { path: string; reason: string }[] } }) => e.details.fields.map((f) => `${f.reason}@${f.path}`).sort();
const entity = async (payload: Record<string, unknown>) => (await ok(req('POST', '/entities', officer, { isSample: true, confirmNotDuplicate: true, ...payload }), 201)).id as string;
const FORUM = { nameZh: '示例中关村论坛（测试）', nameEn: 'Sample Zhongguancun Forum (test)', series: '中关村论坛', startsOn: '2024-04-25', endsOn: '2024-04-29', venue: '示例会场', isSample: true };

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  officer = await t.userWithRole('service_officer');
  analyst = await t.userWithRole('analyst');
  member = await t.userWithRole('enterprise_member');
  ids.org = await entity({ kind: 'organisation', nameZh: '示例主办单位', nameEn: 'Sample Organiser' });
  ids.org2 = await entity({ kind: 'university', nameZh: '示例大学', nameEn: 'Sample University' });
  ids.person = await entity({ kind: 'talent', nameZh: '示例嘉宾', nameEn: 'Sample Speaker' });
  const a = await ok(req('POST', '/achievements', member, { titleZh: '示例成果：新型电解质', summary: '示例成果：一种用于固态锂电池的硫化物电解质材料。', field: 'new_energy', trl: 6, stage: 'pilot', owners: [{ entityId: 'beijing-ent-040', share: 1 }], isSample: true }), 201);
  ids.draft = (await ok(req('POST', '/achievements', member, { titleZh: '示例成果：草稿', summary: '示例成果：尚未发布的草稿成果记录。', field: 'new_energy', trl: 3, stage: 'research', owners: [{ entityId: 'beijing-ent-040', share: 1 }], isSample: true }), 201)).id;
  await ok(req('POST', `/achievements/${a.id}/transitions`, member, { action: 'publish', version: a.version }));
  ids.achievement = a.id;
});
afterAll(() => t.close());

describe('events, sessions, releases and counts by year', () => {
  test('events: field-level refusals; only officers and analysts record them', async () => {
    const bad = await refused(req('POST', '/events', officer, { ...FORUM, startsOn: '2024-04-31x', nameZh: '' }), 400);
    expect(bad.details.fields.map((f) => f.path).sort()).toEqual(['nameZh', 'startsOn']);
    expect(at(await refused(req('POST', '/events', officer, { ...FORUM, endsOn: '2024-04-01', areaId: 'bj-nowhere', entityId: ids.org }), 400))).toEqual(['before_start@endsOn', 'not_an_event@entityId', 'not_found@areaId']);
    expect((await refused(req('POST', '/events', member, FORUM), 403)).code).toBe('FORBIDDEN');
    expect((await refused(req('POST', '/events', undefined, FORUM), 401)).code).toBe('UNAUTHENTICATED');
    const created = await ok(req('POST', '/events', officer, { ...FORUM, areaId: 'bj-110108' }), 201);
    expect(created).toMatchObject({ year: 2024, series: '中关村论坛', areaId: 'bj-110108', sessions: 0, releases: 0, isSample: true, version: 1, sessionList: [], releaseList: [] });
    ids.event = created.id;
    ids.other = (await ok(req('POST', '/events', analyst, { nameZh: '示例创新大会', startsOn: '2023-09-01', endsOn: '2023-09-01', isSample: true }), 201)).id;
    expect((await ok(req('GET', '/events?year=2024'))).items.map((e: { id: string }) => e.id)).toEqual([ids.event]);
    expect((await refused(req('GET', '/events?year=abc'), 400)).code).toBe('VALIDATION_FAILED');
    expect((await refused(req('GET', '/events/no-such'), 404)).code).toBe('NOT_FOUND');
  });

  test('sessions fall within the event, organised by registry organisations', async () => {
    const S = `/events/${ids.event}/sessions`;
    const bad = await refused(req('POST', S, officer, { titleZh: '示例分论坛', heldOn: '2024-05-01', organiserIds: [ids.org, ids.person, 'nobody', ids.org] }), 400);
    expect(at(bad)).toEqual(['duplicate@organiserIds.3', 'not_an_organisation@organiserIds.1', 'not_found@organiserIds.2', 'outside_event@heldOn']);
    expect((await refused(req('POST', S, member, { titleZh: '示例分论坛', heldOn: '2024-04-26' }), 403)).code).toBe('FORBIDDEN');
    await ok(req('POST', S, officer, { titleZh: '示例开幕式', titleEn: 'Sample opening', heldOn: '2024-04-25', organiserIds: [ids.org] }), 201);
    const view = await ok(req('POST', S, officer, { titleZh: '示例人工智能分论坛', heldOn: '2024-04-26', organiserIds: [ids.org, ids.org2] }), 201);
    expect(view.sessionList.map((s: { titleZh: string; organisers: unknown[] }) => [s.titleZh, s.organisers.length])).toEqual([['示例开幕式', 1], ['示例人工智能分论坛', 2]]);
    ids.session = view.sessionList[1].id;
    expect((await refused(req('POST', `/events/no-such/sessions`, officer, { titleZh: 'x', heldOn: '2024-04-26' }), 404)).code).toBe('NOT_FOUND');
  });

  test('releases link a published achievement and organisations', async () => {
    const R = `/events/${ids.event}/releases`;
    expect(at(await refused(req('POST', R, officer, { titleZh: '示例发布', releasedOn: '2024-04-26', achievementId: ids.draft, sessionId: 'no-such' }), 400))).toEqual(['not_found@sessionId', 'not_published@achievementId']);
    expect(at(await refused(req('POST', R, officer, { titleZh: '示例发布', releasedOn: '2024-04-26', achievementId: 'nothing' }), 400))).toEqual(['not_found@achievementId']);
    const view = await ok(req('POST', R, analyst, { titleZh: '示例重大成果发布', releasedOn: '2024-04-26', sessionId: ids.session, achievementId: ids.achievement, organisationIds: [ids.org2] }), 201);
    expect(view.releaseList).toEqual([expect.objectContaining({ sessionId: ids.session, achievement: expect.objectContaining({ id: ids.achievement }), organisations: [expect.objectContaining({ id: ids.org2 })] })]);
    expect(view).toMatchObject({ sessions: 2, releases: 1 });
  });

  test('changing an event keeps its sessions inside and needs its version', async () => {
    expect(at(await refused(req('PATCH', `/events/${ids.event}`, officer, { version: 1, endsOn: '2024-04-25' }), 400))).toEqual(['sessions_outside@startsOn']);
    await ok(req('PATCH', `/events/${ids.event}`, officer, { version: 1, venue: '示例新会场' }));
    expect(at(await refused(req('PATCH', `/events/${ids.event}`, officer, { version: 1, venue: 'x' }), 409))).toEqual(['stale_version@version']);
    expect((await refused(req('PATCH', `/events/${ids.event}`, member, { version: 2, venue: 'x' }), 403)).code).toBe('FORBIDDEN');
  });

  test('counts by year sit beside the published figure, which is never added in; they become derived figures', async () => {
    const counts = await ok(req('GET', '/event-counts'));
    expect(counts.byYear).toEqual([
      { year: 2023, events: 1, sessions: 0, releases: 0, samples: 1 },
      { year: 2024, events: 1, sessions: 2, releases: 1, samples: 4 },
    ]);
    expect(counts.bySeries).toEqual([{ series: '中关村论坛', year: 2024, events: 1, sessions: 2, releases: 1, samples: 4 }]);
    expect(counts.published).toEqual([expect.objectContaining({ indicatorCode: 'zgc_forum_events', period: '2024', value: 120 })]);
    expect(counts.published[0].qualifier).toBe('approximate');
    expect(counts.published[0].sourceTitleZh ?? counts.published[0].sourceTitleEn).toBeTruthy();

    const refresh = await ok(req('POST', '/derived-figures/refresh', analyst));
    expect(refresh.items.find((r: { key: string }) => r.key === 'events')).toMatchObject({ withdrawn: 0 });
    const sessions = (await ok(req('GET', '/indicators/event_sessions_recorded'))).indicator.observations;
    expect(sessions).toEqual([expect.objectContaining({ period: '2024', value: 2, provenance: 'derived', isSample: true })]);
    // The published figure stays as published.
    const published = (await ok(req('GET', '/indicators/zgc_forum_events'))).indicator.observations;
    expect(published.every((o: { provenance: string; value: number }) => o.provenance !== 'derived' && o.value === 120)).toBe(true);
  });

  test('every write is audited and the chain holds', async () => {
    const actions = (await listAuditEvents(t.database.db, { limit: 100 })).map((e) => e.action).filter((a) => a.startsWith('event'));
    expect(actions.sort()).toEqual(['event.create', 'event.create', 'event.update', 'event_release.create', 'event_session.create', 'event_session.create']);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
