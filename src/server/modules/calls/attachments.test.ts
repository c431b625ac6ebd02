import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditEvents, callApplications, callMilestones, callProgrammes, calls } from '../../../db/schema/index.js';
import { TEST_PROGRAMME_SETTINGS as TEST_SETTINGS } from '../../test-support/calls-fixtures.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';
import { MAX_ATTACHMENTS_PER_OWNER } from '../files/attachments.service.js';

let t: TestApp;
let team: Session;
let stranger: Session;
let officer: Session;
const C = '/api/centres/beijing';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

/** Synthetic records written straight to the tables (test data only): a draft bid and an awarded one with a milestone. */
beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  team = await t.userWithRole('enterprise_member'); // beijing-ent-040
  stranger = await t.userWithRole('enterprise_member', { organisationId: 'beijing-ent-041' });
  officer = await t.userWithRole('service_officer');
  const db = t.database.db;
  const at = new Date('2026-01-01T00:00:00Z');
  await db.insert(callProgrammes).values({ id: 'test-prog', centreId: 'beijing', kind: 'jiebang', titleEn: 'Test programme', settings: TEST_SETTINGS, createdAt: at });
  await db.insert(calls).values({ id: 'test-call', centreId: 'beijing', programmeId: 'test-prog', state: 'published', titleEn: 'Test call', ownerEntityId: 'beijing-ent-042', createdAt: at, updatedAt: at });
  const app = (id: string, state: string) => ({ id, callId: 'test-call', state, title: id, applicantOrgId: 'beijing-ent-040', createdAt: at, updatedAt: at });
  await db.insert(callApplications).values([app('test-draft', 'draft'), app('test-awarded', 'awarded')]);
  await db.insert(callMilestones).values({ id: 'test-ms', applicationId: 'test-awarded', position: 1, title: 'M1', deliverable: 'd', verification: 'v', dueOn: '2026-06-30' });
});
afterAll(() => t.close());

const upload = (owner: string, fileName: string, body: Buffer, session: Session = team) =>
  t.request({ method: 'POST', url: `${C}/${owner}/attachments?fileName=${encodeURIComponent(fileName)}`, payload: body, headers: { 'content-type': 'application/octet-stream' }, session });
const fields = (res: { json: () => { error: { details?: { fields?: { reason: string }[] } } } }) => res.json().error.details?.fields?.map((f) => f.reason);

describe('attachments', () => {
  let id: string;

  test('the team attaches a PDF to its draft; the name loses its path; the bid lists it', async () => {
    const res = await upload('applications/test-draft', '../../技术方案.pdf', PDF);
    expect(res.statusCode).toBe(201);
    const saved = res.json();
    expect(saved).toMatchObject({ fileName: '技术方案.pdf', contentType: 'application/pdf', size: PDF.length });
    id = saved.id;
    const bid = (await t.request({ method: 'GET', url: `${C}/applications/test-draft`, session: team })).json();
    expect(bid.attachments.map((a: { id: string }) => a.id)).toEqual([id]);
  });

  test('downloads are attachments with safe headers, for whoever may see the bid and nobody else', async () => {
    const res = await t.request({ method: 'GET', url: `${C}/attachments/${id}`, session: team });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('技术方案.pdf')}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect((await t.request({ method: 'GET', url: `${C}/attachments/${id}`, session: officer })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: `${C}/attachments/${id}`, session: stranger })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `${C}/attachments/${id}` })).statusCode).toBe(401);
  });

  test('wrong types, disguised content, empty and oversized files are refused with a reason', async () => {
    expect(fields(await upload('applications/test-draft', 'tool.exe', Buffer.from('MZ....')))).toEqual(['type_not_allowed']);
    expect(fields(await upload('applications/test-draft', 'page.pdf', Buffer.from('<html><script>alert(1)</script>')))).toEqual(['content_mismatch']);
    expect(fields(await upload('applications/test-draft', 'empty.pdf', Buffer.alloc(0)))).toEqual(['empty']);
    expect((await upload('applications/test-draft', 'big.pdf', Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024)]))).statusCode).toBe(413);
    expect((await upload('applications/test-draft', 'x.pdf', PDF, stranger)).statusCode).toBe(404);
  });

  test('at most a fixed number of files per bid', async () => {
    for (let i = 1; i < MAX_ATTACHMENTS_PER_OWNER; i++) expect((await upload('applications/test-draft', `f${i}.txt`, Buffer.from(`文件 ${i}`))).statusCode).toBe(201);
    expect(fields(await upload('applications/test-draft', 'one-more.txt', Buffer.from('x')))).toEqual(['too_many_files']);
  });

  test('milestone evidence files while the milestone awaits evidence; nothing changes once it moves on', async () => {
    const res = await upload('milestones/test-ms', 'test-report.pdf', PDF);
    expect(res.statusCode).toBe(201);
    const got = await t.request({ method: 'GET', url: `${C}/applications/test-awarded`, session: team });
    expect(got.statusCode, got.body.slice(0, 500)).toBe(200);
    const bid = got.json();
    expect(bid.milestones[0].attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['test-report.pdf']);
    await t.database.db.update(callMilestones).set({ state: 'accepted' }).where(eq(callMilestones.id, 'test-ms'));
    expect(fields(await upload('milestones/test-ms', 'late.pdf', PDF))).toEqual(['milestone_not_open']);
    expect((await t.request({ method: 'DELETE', url: `${C}/attachments/${res.json().id}`, session: team })).statusCode).toBe(409);
  });

  test('removal is audited; a submitted bid keeps its files', async () => {
    expect((await t.request({ method: 'DELETE', url: `${C}/attachments/${id}`, session: team })).statusCode).toBe(204);
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(auditEvents.seq);
    expect(events.map((e) => e.action)).toEqual(['attachment.upload', 'attachment.delete']);
    await t.database.db.update(callApplications).set({ state: 'submitted' }).where(eq(callApplications.id, 'test-draft'));
    expect(fields(await upload('applications/test-draft', 'late.pdf', PDF))).toEqual(['application_not_draft']);
  });
});

describe('task agreement', () => {
  test('generated for an awarded bid from its records, naming what is still missing; others see nothing', async () => {
    const res = await t.request({ method: 'GET', url: `${C}/applications/test-awarded/agreement`, session: team });
    expect(res.statusCode).toBe(200);
    const agreement = res.json();
    expect(agreement).toMatchObject({ title: 'Test call', parties: { demandOwner: { id: 'beijing-ent-042' }, lead: { id: 'beijing-ent-040' } }, milestones: [{ title: 'M1', dueOn: '2026-06-30' }] });
    expect(agreement.missing).toEqual(['award_amount', 'pi', 'tranche_shares', 'frozen_terms', 'criteria']);
    expect(agreement.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await t.request({ method: 'GET', url: `${C}/applications/test-awarded/agreement`, session: team })).json().sha256).toBe(agreement.sha256);
    expect((await t.request({ method: 'GET', url: `${C}/applications/test-awarded/agreement`, session: officer })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: `${C}/applications/test-awarded/agreement`, session: stranger })).statusCode).toBe(404);
    const draft = await t.request({ method: 'GET', url: `${C}/applications/test-draft/agreement`, session: team });
    expect(draft.statusCode).toBe(409);
    expect(fields(draft)).toEqual(['not_awarded']);
  });
});
