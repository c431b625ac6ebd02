import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEST_ADMIN } from '../src/db/test-support/test-database.js';
import { shots, startRig, watchConsole, webRoot, type BrowserRig } from './support.js';

/**
 * The user's journey in a real browser: open the public dashboard, sign in,
 * see headline figures with sources and the district map, switch language
 * (remembered across reloads). Screenshots go to test-output/screenshots/.
 */
const FIRST_PAGE_JS_BUDGET = 400 * 1024;

let rig: BrowserRig;
let browser: Browser;
let base: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  rig = await startRig();
  browser = rig.browser;
  base = rig.base;
});

afterAll(() => rig?.close());

// The wrong-password step expects exactly one 401 from sign-in.
const watch = (page: Page, label: string): void =>
  watchConsole(page, label, consoleErrors, (url, text) => url.endsWith('/api/auth/login') && /status of 401/.test(text));

describe('web shell in Chromium', () => {
  test('the first page loads under the gzipped JavaScript budget', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    watch(page, 'first-page');
    const scripts = new Set<string>();
    page.on('response', (res) => {
      if (res.url().endsWith('.js')) scripts.add(new URL(res.url()).pathname);
    });
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    await page.getByTestId('headline-card').first().waitFor();
    // Budget in gzip bytes (level 9, as precompressed), computed from the files the page fetched.
    const sizes = [...scripts].map((p) => ({ path: p, gzip: gzipSync(readFileSync(`${webRoot}${p}`), { level: 9 }).length }));
    const total = sizes.reduce((n, s) => n + s.gzip, 0);
    writeFileSync(`${shots}/../first-page-js.json`, JSON.stringify({ totalGzipBytes: total, files: sizes }, null, 2));
    expect(total, JSON.stringify(sizes)).toBeLessThan(FIRST_PAGE_JS_BUDGET);
    await page.close();
  });

  test('sign in, see the dashboard and map in Chinese, switch to English, and the choice is remembered', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' });
    const page = await context.newPage();
    watch(page, 'journey');

    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').waitFor();
    await page.screenshot({ path: `${shots}/login-zh-CN.png` });
    await page.getByTestId('login-username').fill(TEST_ADMIN.username);
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.locator('body').innerText()).toMatch(/用户名或密码/);

    await page.getByTestId('login-password').fill(TEST_ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    if (!page.url().endsWith('/')) await page.goto(`${base}/`);

    const cards = page.getByTestId('headline-card');
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThanOrEqual(4);
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/106[,，]?552/);
    // 853.69 billion yuan reads 8,536.9 亿元 in Chinese.
    expect(text).toMatch(/853\.69|8,536\.9/);
    expect(text).toMatch(/262\.9/);
    expect(text).toMatch(/42\.9/);
    expect(text).toMatch(/光明网|Guangming/);
    const map = page.getByTestId('dashboard-map');
    await map.locator('canvas').first().waitFor();
    await page.waitForTimeout(800); // let the map finish its entry animation before the screenshot
    await page.screenshot({ path: `${shots}/dashboard-zh-CN.png`, fullPage: true });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    await expect.poll(() => page.locator('body').innerText()).toMatch(/Dashboard/);
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${shots}/dashboard-en-US.png`, fullPage: true });

    await page.reload();
    await cards.first().waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    expect(await page.locator('body').innerText()).toMatch(/Technology contract|technology contract/i);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${shots}/dashboard-en-US-mobile.png`, fullPage: true });
    await context.close();
  });

  test('no console errors on any page visited', () => {
    expect(consoleErrors).toEqual([]);
  });
});
