import { ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CsvReader } from '../../../core/tabular/csv.js';
import { callApplicationMembers, callApplications, callProgrammes, calls, centres } from '../../../db/schema/index.js';
import { OPEN_RESULTS_COUNT_CAP } from '../../../shared/schemas/calls.js';
import { TEST_PROGRAMME_SETTINGS } from '../../test-support/calls-fixtures.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

/**
 * The open results as a paged list, over synthetic awarded calls (合成/Synthetic,
 * written straight to the tables, test data only): more than one export page
 * of them, awards sharing a time (page boundaries fall inside ties), awards
 * apart by microseconds only, calls with two winning bids or none, and rows
 * that must not appear (a rejected bid, a call not awarded, another centre's).
 */
let t: TestApp;
const C = '/api/centres/beijing';
const created = new Date('2026-01-01T00:00:00Z');
type Item = { callId: string; title: string; winner: string | null; winnerZh: string | null; amount: number | null; awardedAt: string; isSample: boolean };
type Page = { items: Item[]; nextCursor: string | null; total?: number; totalAtLeast?: boolean };
/** Each expected result once: call and amount (amounts are unique per bid; null for an awarded call without a winning bid). */
const expected: string[] = [];
const key = (i: { callId: string; amount: number | null }) => `${i.callId}|${i.amount ?? '-'}`;
const CALLS = 1030;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await db.insert(callProgrammes).values({ id: 'syn-prog', centreId: 'beijing', kind: 'jiebang', titleEn: 'Synthetic programme', titleZh: '合成项目', settings: TEST_PROGRAMME_SETTINGS, isSample: true, createdAt: created });
  const call = (id: string, state: string, awardedAt: Date | null, centreId = 'beijing', programmeId = 'syn-prog') => ({
    id,
    centreId,
    programmeId,
    state,
    titleEn: `Synthetic call ${id}`,
    titleZh: `合成榜单${id}`,
    ownerEntityId: 'beijing-ent-041',
    awardedAt,
    isSample: true,
    createdAt: created,
    updatedAt: created,
  });
  const bid = (id: string, callId: string, state: string, awardAmount: number | null) => ({ id, callId, state, title: `Synthetic bid ${id}`, applicantOrgId: 'beijing-ent-040', awardAmount, submittedAt: created, decidedAt: created, createdAt: created, updatedAt: created, isSample: true });
  const callRows = [];
  const bidRows = [];
  const leadRows = [];
  // Seven calls share each award time; every tenth call has two winning bids, every 97th none.
  for (let i = 0; i < CALLS; i++) {
    const id = `syn-call-${String(i).padStart(4, '0')}`;
    const states = ['awarded', 'in_execution', 'accepted', 'terminated'];
    callRows.push(call(id, states[i % 4] as string, new Date(Date.UTC(2025, 0, 1) + Math.floor(i / 7) * 3_600_000)));
    const bids = i % 97 === 0 ? 0 : i % 10 === 0 ? 2 : 1;
    if (bids === 0) expected.push(`${id}|-`);
    for (let b = 0; b < bids; b++) {
      const amount = 1_000_000 + i * 10 + b;
      bidRows.push(bid(`${id}-bid-${b}`, id, b === 0 ? 'awarded' : 'completed', amount));
      leadRows.push({ applicationId: `${id}-bid-${b}`, entityId: b === 0 ? 'beijing-ent-040' : 'beijing-ent-042', role: 'lead' });
      expected.push(`${id}|${amount}`);
    }
    if (i % 50 === 1) bidRows.push(bid(`${id}-lost`, id, 'rejected', null)); // a losing bid: not a result
  }
  // Not results: a call still under review, and (when the seed has one) another centre's award.
  callRows.push(call('syn-call-open', 'under_review', null));
  for (let i = 0; i < callRows.length; i += 500) await db.insert(calls).values(callRows.slice(i, i + 500));
  for (let i = 0; i < bidRows.length; i += 500) await db.insert(callApplications).values(bidRows.slice(i, i + 500));
  for (let i = 0; i < leadRows.length; i += 500) await db.insert(callApplicationMembers).values(leadRows.slice(i, i + 500));
  const [other] = await db.select({ id: centres.id }).from(centres).where(ne(centres.id, 'beijing')).limit(1);
  if (other) {
    await db.insert(callProgrammes).values({ id: 'syn-prog-other', centreId: other.id, kind: 'jiebang', titleEn: 'Synthetic programme', settings: TEST_PROGRAMME_SETTINGS, isSample: true, createdAt: created });
    await db.insert(calls).values(call('syn-call-other-centre', 'awarded', created, other.id, 'syn-prog-other'));
  }
  // The newest three: awarded apart by microseconds only (a millisecond cursor would lose them).
  for (const [id, at] of [
    ['syn-call-us-1', '2026-02-01 10:00:00.123456+00'],
    ['syn-call-us-2', '2026-02-01 10:00:00.123999+00'],
    ['syn-call-us-3', '2026-02-01 10:00:00.123001+00'],
  ] as const) {
    await db.insert(calls).values(call(id, 'awarded', null));
    await db.update(calls).set({ awardedAt: sql`${at}::timestamptz` }).where(sql`${calls.id} = ${id}`);
    expected.push(`${id}|-`);
  }
});
afterAll(() => t.close());

const get = async (query: string): Promise<Page> => {
  const res = await t.request({ method: 'GET', url: `${C}/open-data/call-results${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};
const walk = async (limit: number, extra = '', maxPages = 1000) => {
  const items: Item[] = [];
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const page = await get(`?limit=${limit}${extra}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    pages.push(page);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && pages.length < maxPages);
  return { items, pages };
};
const fieldError = async (query: string) => {
  const res = await t.request({ method: 'GET', url: `${C}/open-data/call-results${query}` });
  expect(res.statusCode, res.body).toBe(400);
  const error = res.json().error as { code: string; details: { fields: { in: string; path: string; reason: string }[] } };
  expect(error.code).toBe('VALIDATION_FAILED');
  return error.details.fields[0];
};

describe('open results, paged', () => {
  test('anonymous: the first page is the default 50, newest award first; past 1,000 the total says "at least"', async () => {
    const first = await get('');
    expect(first.items).toHaveLength(50);
    expect(expected.length).toBeGreaterThan(OPEN_RESULTS_COUNT_CAP);
    expect(first).toMatchObject({ total: OPEN_RESULTS_COUNT_CAP, totalAtLeast: true });
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(first.items.slice(0, 3).map((i) => i.callId)).toEqual(['syn-call-us-2', 'syn-call-us-1', 'syn-call-us-3']);
    const times = first.items.map((i) => Date.parse(i.awardedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(first.items.every((i) => i.isSample)).toBe(true);
    const twoWinners = first.items.filter((i) => i.callId === 'syn-call-1020');
    expect(twoWinners.map((i) => [i.winner, i.amount])).toEqual([
      [expect.any(String), 1_010_200],
      [expect.any(String), 1_010_201],
    ]);
    expect(twoWinners[0]?.winner).not.toBe(twoWinners[1]?.winner);
  });

  test('paging across pages returns every awarded result exactly once, in one stable order; the total only on the first page', async () => {
    const { items, pages } = await walk(200);
    expect(pages).toHaveLength(Math.ceil(expected.length / 200));
    expect(pages.slice(1).every((p) => p.total === undefined && p.totalAtLeast === undefined)).toBe(true);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    const keys = items.map(key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual([...expected].sort());
    expect(keys).not.toContain('syn-call-open|-');
    expect(keys).not.toContain('syn-call-other-centre|-');
    // Small pages (boundaries inside ties and between microseconds) give the same sequence as big ones.
    expect((await walk(7)).items.map(key)).toEqual(keys);
    expect((await walk(1, '', 8)).items.map(key)).toEqual(keys.slice(0, 8));
  });

  test('callId: the results of one call only', async () => {
    const one = await get('?callId=syn-call-0010');
    expect(one.items.map(key)).toEqual(['syn-call-0010|1000100', 'syn-call-0010|1000101']);
    expect(one).toMatchObject({ total: 2, totalAtLeast: false });
    expect(await get('?callId=syn-call-0010&limit=1')).toMatchObject({ items: [{ amount: 1_000_100 }], total: 2, totalAtLeast: false, nextCursor: expect.any(String) });
    expect(one.nextCursor).toBeNull();
    const paged = await walk(1, '&callId=syn-call-0010');
    expect(paged.items.map(key)).toEqual(['syn-call-0010|1000100', 'syn-call-0010|1000101']);
    expect(await get('?callId=syn-call-0097')).toMatchObject({ items: [{ callId: 'syn-call-0097', winner: null, amount: null }], total: 1 });
    expect(await get('?callId=syn-call-open')).toEqual({ items: [], nextCursor: null, total: 0, totalAtLeast: false });
  });

  test('a bad limit, cursor or callId is a 400 beside its field', async () => {
    for (const limit of ['0', '201', 'many', '2.5']) expect(await fieldError(`?limit=${limit}`)).toMatchObject({ in: 'query', path: 'limit' });
    expect(await fieldError('?callId=no%20such')).toMatchObject({ in: 'query', path: 'callId' });
    const forged = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    for (const cursor of ['not-ours', forged({ a: 'yesterday', c: 'x', b: '' }), forged({ a: '2026-02-30 10:00:00+00', c: 'x', b: '' }), forged({ a: '2026-02-01 10:00:00+00', c: 1, b: '' }), forged(null), 'x'.repeat(401)]) {
      expect(await fieldError(`?cursor=${encodeURIComponent(cursor)}`)).toMatchObject({ in: 'query', path: 'cursor' });
    }
    expect(await fieldError(`?cursor=${forged({ a: '2026-02-01 10:00:00+00', c: 'x' })}`)).toMatchObject({ reason: 'invalid_cursor' });
  });

  test('the export still holds every awarded result, read in pages internally', async () => {
    const csv = await t.request({ method: 'GET', url: `${C}/open-data/call-results/export?format=csv` });
    expect(csv.statusCode).toBe(200);
    const reader = new CsvReader();
    const [header, ...rows] = [...reader.push(csv.body), ...reader.end()];
    expect(header?.join(',')).toBe('call_id,title_zh,title_en,demand_owner,state,winner_zh,winner_en,amount,currency,awarded_on,sample');
    expect(rows).toHaveLength(expected.length);
    expect(rows.every((r) => r[10] === 'sample')).toBe(true);
    const keys = rows.map((r) => `${r[0]}|${r[7] || '-'}`);
    expect([...keys].sort()).toEqual([...expected].sort());
    const xlsx = await t.request({ method: 'GET', url: `${C}/open-data/call-results/export?format=xlsx` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
