import type { InjectOptions } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { journeyCast, pickOption, shootBothLanguages, startRig, type BrowserRig } from './support.js';

/**
 * Events and releases in Chromium (issue 9), sample records only: an officer
 * records a sample forum, a session with its organiser and the release of a
 * published achievement, and sees the counts by year beside the figure the
 * sources publish for the 2024 Forum (never added in).
 * Screenshots: events-*.png.
 */
const C = '/api/centres/beijing';
let rig: BrowserRig;
let cast: ReturnType<typeof journeyCast>;
const consoleErrors: string[] = [];
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const api = async (key: string, method: InjectOptions['method'], url: string, payload?: Record<string, unknown>) => {
  const res = await cast.inject(key, method, `${C}${url}`, payload);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};

beforeAll(async () => {
  rig = await startRig();
  cast = journeyCast(rig, 'ev', consoleErrors);
  await cast.makeUser('officer', 'service_officer', '刘洋（国际合作处）');
  await cast.makeUser('owner', 'enterprise_member', '示例企业成果负责人', 'beijing-ent-040');
  await api('officer', 'POST', '/entities', { isSample: true, confirmNotDuplicate: true, kind: 'university', nameZh: '示例智能研究院', nameEn: 'Sample AI Institute' });
  const a = await api('owner', 'POST', '/achievements', { titleZh: '示例成果：类脑芯片', titleEn: 'Sample: a brain-inspired chip', summary: '示例成果：一种低功耗类脑计算芯片的设计方法。', field: 'electronic_information', trl: 6, stage: 'pilot', owners: [{ entityId: 'beijing-ent-040', share: 1 }], isSample: true });
  await api('owner', 'POST', `/achievements/${a.id}/transitions`, { action: 'publish', version: a.version });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await cast.shootFailure('events');
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
});

afterAll(async () => {
  await cast?.close();
  await rig?.close();
});

describe('events in the browser', () => {
  test('the officer records a forum, a session and a release, and sees the counts beside the published figure', async () => {
    const page: Page = await cast.open('officer', '/events');
    await page.getByTestId('event-add').click();
    await page.getByTestId('event-name-zh').fill('示例：2024年中关村论坛（演示）');
    await page.getByTestId('event-name-en').fill('Sample: 2024 Zhongguancun Forum (demo)');
    await page.getByTestId('event-series').fill('中关村论坛');
    await page.getByTestId('event-starts').fill('2024-04-25');
    await page.getByTestId('event-ends').fill('2024-04-29');
    await page.getByTestId('event-sample').click();
    await page.getByTestId('event-save').click();
    await page.waitForURL((u) => /^\/events\/[^/]+$/.test(u.pathname));

    // A session after the event is refused beside its date, in words.
    await page.getByTestId('session-title').fill('示例：人工智能主题论坛');
    await page.getByTestId('session-title-en').fill('Sample: AI session');
    await page.getByTestId('session-date').fill('2024-05-02');
    await pickOption(page, page.getByTestId('session-organiser-0'), '示例智能', '示例智能研究院');
    await page.getByTestId('session-add').click();
    await poll(() => page.getByTestId('session-form').textContent()).toContain('日期须在活动举办期间');
    await page.getByTestId('session-date').fill('2024-04-26');
    await page.getByTestId('session-add').click();
    await poll(() => page.getByTestId('event-sessions').textContent()).toContain('示例智能研究院');
    await poll(() => page.getByTestId('event-session-count').textContent()).toBe('1');

    await page.getByTestId('release-title').fill('示例：发布类脑芯片成果');
    await page.getByTestId('release-title-en').fill('Sample: brain-inspired chip released');
    await page.getByTestId('release-date').fill('2024-04-26');
    await pickOption(page, page.getByTestId('release-session'), '', '示例：人工智能主题论坛');
    await pickOption(page, page.getByTestId('release-achievement'), '类脑', '示例成果：类脑芯片');
    await page.getByTestId('release-add').click();
    await poll(() => page.getByTestId('event-releases').textContent()).toContain('示例成果：类脑芯片');
    await poll(() => page.getByTestId('event-release-count').textContent()).toBe('1');
    await shootBothLanguages(page, 'events', 'event');

    await page.getByRole('button', { name: '返回活动列表' }).click();
    await page.waitForURL((u) => u.pathname === '/events');
    const counts = page.getByTestId('event-counts');
    await poll(() => counts.textContent()).toContain('2024');
    // The published figure (about 120, 2024) stands beside the platform's own count of 1 session.
    await poll(() => counts.getByTestId('event-published').first().textContent()).toContain('约120');
    await poll(() => page.getByTestId('events-table').textContent()).toContain('示例：2024年中关村论坛（演示）');
    await shootBothLanguages(page, 'events', 'list');
    expect(consoleErrors.filter((e) => !e.includes('400'))).toEqual([]);
  });
});
