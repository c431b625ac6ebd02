import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import { openTestDatabase } from '../src/db/test-support/test-database.js';

export const webRoot = fileURLToPath(new URL('../dist/web', import.meta.url));
export const shots = fileURLToPath(new URL('../test-output/screenshots', import.meta.url));
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export type BrowserRig = { base: string; browser: Browser; app: FastifyInstance; database: Awaited<ReturnType<typeof openTestDatabase>>['handle']; close: () => Promise<void> };

/** The built web app and the API on a loopback port over a fresh test database, and Debian's Chromium. */
/** `now` lets a journey move the server's clock (past a deadline); `env` adds settings (longer sessions for such jumps). */
export const startRig = async (options: { now?: () => Date; env?: Record<string, string> } = {}): Promise<BrowserRig> => {
  if (!existsSync(`${webRoot}/index.html`)) throw new Error('dist/web is missing: run `npm run build` first (npm test does)');
  mkdirSync(shots, { recursive: true });
  const db = await openTestDatabase();
  const config = parseConfig({ LOG_LEVEL: 'silent', KECHUANG_DATA_DIR: '/nonexistent-test-dir', JOBS_INTERVAL_SECONDS: '0', ...options.env }, { webRoot });
  const app = await buildApp({ config, database: db.handle, now: options.now ?? (() => new Date()), sessionKey: Buffer.from('e2e-session-key-e2e-session-key-e2e') }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    browser,
    app,
    database: db.handle,
    close: async () => {
      await browser.close();
      await app.close();
      await db.drop();
    },
  };
};

/**
 * Collect console errors and page errors. Chromium logs every 4xx response as
 * an error; `expected` names the ones a step provokes on purpose.
 */
export const watchConsole = (page: Page, label: string, sink: string[], expected: (url: string, text: string) => boolean = () => false): void => {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (!expected(msg.location().url, msg.text())) sink.push(`${label}: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (error) => sink.push(`${label}: ${error.message}`));
};

/** expect.poll with room for a busy machine (the default gives up after a second). */
const LANG_POLL = { timeout: 15_000, interval: 100 };

const settle = (page: Page) => page.waitForTimeout(400);

/** The whole page in one viewport (a full-page capture would repeat the sticky header mid-page). */
export const capture = async (page: Page, path: string): Promise<void> => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1440, height: Math.max(900, Math.min(height, 4000)) });
  await settle(page);
  await page.screenshot({ path });
  await page.setViewportSize({ width: 1440, height: 900 });
};

/** A screenshot in Chinese, then the same page in English, then back to Chinese: `<shots>/<prefix>-<name>-<locale>.png`. */
export const shootBothLanguages = async (page: Page, prefix: string, name: string): Promise<void> => {
  await capture(page, `${shots}/${prefix}-${name}-zh-CN.png`);
  await page.getByTestId('lang-switch').click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang), LANG_POLL).toBe('en-US');
  await capture(page, `${shots}/${prefix}-${name}-en-US.png`);
  await page.getByTestId('lang-switch').click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang), LANG_POLL).toBe('zh-CN');
};

/** antd InputNumber: the test id lands on the <input> itself or on its wrapper (with an addon or suffix). */
export const numberInput = async (l: Locator): Promise<Locator> => ((await l.first().evaluate((e) => e.tagName)) === 'INPUT' ? l.first() : l.first().locator('input').first());

/**
 * antd Select: open it, optionally type, and click the matching option in *this* select's dropdown.
 * Several dropdowns can be in the page at once (one still closing after the previous pick), so the
 * option is looked up through the listbox the select's combobox controls, never by visibility alone.
 */
export const pickOption = async (page: Page, select: Locator, typed: string, option: string | RegExp): Promise<void> => {
  await select.click();
  if (typed) await page.keyboard.type(typed);
  const combobox = select.locator('[role="combobox"]').first();
  await expect.poll(() => combobox.getAttribute('aria-controls'), LANG_POLL).toBeTruthy();
  const listId = (await combobox.getAttribute('aria-controls')) ?? '';
  const dropdown = page.locator(`.ant-select-dropdown:has([id="${listId}"])`);
  await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
};
