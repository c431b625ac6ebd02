import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEST_ADMIN } from '../src/db/test-support/test-database.js';
import { shots, startRig, watchConsole, type BrowserRig } from './support.js';

/**
 * The index lab in a real browser: load COINr's ASEM example, see the
 * ranking, move a weight and watch the ranks change without a request, save
 * the run on the server (same numbers as the browser), run an uncertainty
 * analysis and see its charts; in Chinese and in English.
 */
let rig: BrowserRig;
let browser: Browser;
const consoleErrors: string[] = [];

beforeAll(async () => {
  rig = await startRig();
  browser = rig.browser;
});
afterAll(() => rig?.close());

describe('index lab in Chromium', () => {
  test('ASEM example: ranks, re-weighting in the browser, a saved run, an uncertainty analysis', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', reducedMotion: 'reduce' });
    const page = await context.newPage();
    watchConsole(page, 'evaluation', consoleErrors);
    await page.goto(`${rig.base}/login?next=${encodeURIComponent('/evaluation')}`);
    await page.getByTestId('login-username').fill(TEST_ADMIN.username);
    await page.getByTestId('login-password').fill(TEST_ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('evaluation-page').waitFor();
    await expect(page.getByTestId('nav-evaluation').textContent()).resolves.toContain('指数评估');

    await page.getByTestId('evaluation-load-asem').click();
    await page.getByTestId('evaluation-example-notice').waitFor();
    const rows = page.getByTestId('evaluation-result-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(51);
    const firstBefore = await rows.first().textContent();
    await page.screenshot({ path: `${shots}/evaluation-results-zh.png`, fullPage: false });

    // Re-weighting runs the engine in the page: no request is made.
    let requests = 0;
    page.on('request', (r) => {
      if (r.url().includes('/api/')) requests++;
    });
    const slider = page.getByTestId('evaluation-weight-Sust').getByRole('slider');
    await slider.focus();
    await page.keyboard.press('End');
    await page.getByTestId('evaluation-rank-shift').first().waitFor();
    expect(requests).toBe(0);
    expect(await rows.first().textContent()).not.toBe(firstBefore);
    await page.getByTestId('evaluation-weights-reset').click();
    expect(await rows.first().textContent()).toBe(firstBefore);

    await rows.nth(9).click();
    await page.getByTestId('evaluation-contributions-chart').waitFor();
    expect(await page.getByTestId('evaluation-up-one-rank').textContent()).toMatch(/第 9 名/);

    await page.getByTestId('evaluation-save-run').click();
    await page.getByTestId('evaluation-run-saved').waitFor();
    expect(await page.getByTestId('evaluation-run-saved').textContent()).toContain('与浏览器结果一致');
    await page.getByTestId('evaluation-contributions').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/evaluation-contributions-zh.png` });

    await page.getByTestId('evaluation-sa-n').fill('60');
    await page.getByTestId('evaluation-sa-start').click();
    await page.getByTestId('evaluation-sa-result').waitFor({ timeout: 60_000 });
    await page.getByTestId('evaluation-rank-interval-chart').waitFor();
    await page.getByTestId('evaluation-sobol-chart').scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${shots}/evaluation-sensitivity-zh.png` });
    await page.getByTestId('evaluation-rank-interval-chart').screenshot({ path: `${shots}/evaluation-rank-intervals-zh.png` });

    await page.getByTestId('lang-switch').click();
    await page.getByText('Index lab').first().waitFor();
    await page.getByTestId('evaluation-peers').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${shots}/evaluation-peers-en.png` });
    expect(await page.getByTestId('evaluation-peer-rank').count()).toBeGreaterThan(5);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
