import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import { openTestDatabase, TEST_ADMIN } from '../src/db/test-support/test-database.js';

/**
 * The user's journey in a real browser: open the public dashboard, sign in,
 * see headline figures with sources and the district map, switch language
 * (remembered across reloads). Screenshots go to test-output/screenshots/.
 */
const webRoot = fileURLToPath(new URL('../dist/web', import.meta.url));
const shots = fileURLToPath(new URL('../test-output/screenshots', import.meta.url));
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const FIRST_PAGE_JS_BUDGET = 400 * 1024;

let app: FastifyInstance;
let drop: () => Promise<void>;
let browser: Browser;
let base: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(`${webRoot}/index.html`)) throw new Error('dist/web is missing: run `npm run build` first (npm test does)');
  mkdirSync(shots, { recursive: true });
  const db = await openTestDatabase();
  drop = db.drop;
  const config = parseConfig({ LOG_LEVEL: 'silent', KECHUANG_DATA_DIR: '/nonexistent-test-dir' }, { webRoot });
  app = await buildApp({ config, database: db.handle, now: () => new Date(), sessionKey: Buffer.from('e2e-session-key-e2e-session-key-e2e') }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await drop?.();
});

const watch = (page: Page, label: string): void => {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium logs every 4xx as an error; the wrong-password step expects exactly one 401 from sign-in.
    const expected = msg.location().url.endsWith('/api/auth/login') && /status of 401/.test(msg.text());
    if (!expected) consoleErrors.push(`${label}: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${label}: ${error.message}`));
};

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
