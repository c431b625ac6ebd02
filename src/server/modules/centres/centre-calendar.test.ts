import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ZCentreManifest } from '../../../db/seed/centre-package.js';
import { centres } from '../../../db/schema/index.js';
import { asReadTx } from '../../../db/tx.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';
import { centreDay, centreTimeZone } from './centre-calendar.js';

/**
 * "Today" is the centre's: Beijing is configuration (its `timezone`), not code.
 * At 20:00 UTC it is already the next day in Beijing and still the same day in New York.
 */
let t: TestApp;
let officer: Session;
const C = '/api/centres/beijing';
const ITEM = { code: 'gifts_entertainment', nameZh: '示例：礼品与宴请', nameEn: 'Sample: gifts and entertainment', explanationZh: '示例说明。', explanationEn: 'Sample explanation.' };
const setZone = (timezone: string) => t.database.db.update(centres).set({ timezone }).where(eq(centres.id, 'beijing'));

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  t.clock.advanceMinutes(11 * 60); // 2026-03-01T20:00Z
  officer = await t.userWithRole('service_officer');
});
afterAll(() => t.close());

describe("the centre's time zone", () => {
  test('reads the day in the zone the centre is configured with, and 404s an unknown centre', async () => {
    const db = asReadTx(t.database.db);
    expect(await centreTimeZone(db, 'beijing')).toBe('Asia/Shanghai');
    expect(await centreDay(db, 'beijing', t.clock.now())).toBe('2026-03-02');
    await setZone('America/New_York');
    expect(await centreDay(db, 'beijing', t.clock.now())).toBe('2026-03-01');
    await setZone('Asia/Shanghai');
    await expect(centreTimeZone(db, 'atlantis')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('a rule about "today" follows the zone: a list taking effect on 1 March is in the past in Beijing, not in New York', async () => {
    const past = await t.request({ method: 'POST', url: `${C}/negative-lists`, session: officer, payload: { effectiveFrom: '2026-03-01', items: [ITEM] } });
    expect(past.statusCode, past.body).toBe(400);
    expect(past.json().error.details.fields[0]).toMatchObject({ path: 'effectiveFrom', reason: 'effective_in_past' });
    await setZone('America/New_York');
    try {
      const today = await t.request({ method: 'POST', url: `${C}/negative-lists`, session: officer, payload: { effectiveFrom: '2026-03-01', items: [ITEM] } });
      expect(today.statusCode, today.body).toBe(201);
    } finally {
      await setZone('Asia/Shanghai');
    }
  });

  test('a centre package names a zone the runtime knows', () => {
    const beijing = JSON.parse(readFileSync('seeds/beijing/centre.json', 'utf8')) as { centre: Record<string, unknown> };
    expect(ZCentreManifest.safeParse(beijing).success).toBe(true);
    const wrong = ZCentreManifest.safeParse({ ...beijing, centre: { ...beijing.centre, timezone: 'Beijing/Zhongguancun' } });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]).toMatchObject({ path: ['centre', 'timezone'] });
  });
});
