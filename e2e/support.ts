import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { InjectOptions } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import { openTestDatabase } from '../src/db/test-support/test-database.js';
import type { Role } from '../src/shared/access.js';
import { createUserFromCli } from '../src/server/modules/users/users.service.js';

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

/** The password of every user a journey makes. */
export const JOURNEY_PASSWORD = 'Role-User-Passw0rd!';

/**
 * The cast of one journey over a rig: users made straight in the database
 * (`<prefix>-<key>`), pages signed in through the login form (or anonymous),
 * and API calls as a user for the set-up a journey does not click through.
 * Every page's console is watched; `expected` names the errors a step provokes.
 */
export const journeyCast = (rig: BrowserRig, prefix: string, consoleErrors: string[], expected: (url: string, text: string) => boolean = () => false) => {
  const usernames: Record<string, string> = {};
  const pages: Record<string, Page> = {};
  const contexts: BrowserContext[] = [];
  const session = async (key: string) => {
    const login = await rig.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: usernames[key], password: JOURNEY_PASSWORD } });
    return { cookie: String([login.headers['set-cookie']].flat()[0]).split(';')[0] as string, csrf: login.json().csrfToken as string };
  };
  return {
    usernames,
    pages,
    makeUser: async (key: string, role: Role, displayName: string, organisationId: string | null = null) => {
      usernames[key] = `${prefix}-${key}`;
      await createUserFromCli(rig.database.db, { username: usernames[key], displayName, role, centreId: 'beijing', organisationId, locale: 'zh-CN', password: JOURNEY_PASSWORD }, new Date());
    },
    /** An API call with a fresh session of `key`; the raw response. */
    inject: async (key: string, method: InjectOptions['method'], url: string, payload?: InjectOptions['payload'], contentType?: string) => {
      const { cookie, csrf } = await session(key);
      return rig.app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf, ...(contentType ? { 'content-type': contentType } : {}) }, ...(payload === undefined ? {} : { payload }) });
    },
    /** A new browser context at `next`, signed in as `key` (null: anonymous). */
    open: async (key: string | null, next: string): Promise<Page> => {
      const context = await rig.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
      contexts.push(context);
      const page = await context.newPage();
      watchConsole(page, key ?? 'anonymous', consoleErrors, expected);
      if (key) {
        await page.goto(`${rig.base}/login?next=${encodeURIComponent(next)}`);
        await page.getByTestId('login-username').fill(usernames[key] as string);
        await page.getByTestId('login-password').fill(JOURNEY_PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      } else await page.goto(`${rig.base}${next}`);
      pages[key ?? 'anonymous'] = page;
      return page;
    },
    /** Screenshots of every open page after a failed step. */
    shootFailure: async (shotPrefix: string) => {
      for (const [key, page] of Object.entries(pages)) await page.screenshot({ path: `${shots}/${shotPrefix}-failed-${key}.png`, fullPage: true }).catch(() => undefined);
    },
    close: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
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
  const target = dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first();
  await target.click();
  // Under load a click can land while the list is still filtering or animating and be lost: the pick
  // has taken when the option is marked selected or (single select) the dropdown has closed. Once more if not.
  const taken = async () => (await combobox.getAttribute('aria-expanded')) !== 'true' || ((await target.getAttribute('class', { timeout: 1_000 }).catch(() => '')) ?? '').includes('ant-select-item-option-selected');
  for (let i = 0; i < 20 && !(await taken()); i++) await page.waitForTimeout(100);
  if (!(await taken())) await target.click();
};
