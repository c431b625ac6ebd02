import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import { openTestDatabase } from '../src/db/test-support/test-database.js';

export const webRoot = fileURLToPath(new URL('../dist/web', import.meta.url));
export const shots = fileURLToPath(new URL('../test-output/screenshots', import.meta.url));
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export type BrowserRig = { base: string; browser: Browser; app: FastifyInstance; close: () => Promise<void> };

/** The built web app and the API on a loopback port over a fresh test database, and Debian's Chromium. */
export const startRig = async (): Promise<BrowserRig> => {
  if (!existsSync(`${webRoot}/index.html`)) throw new Error('dist/web is missing: run `npm run build` first (npm test does)');
  mkdirSync(shots, { recursive: true });
  const db = await openTestDatabase();
  const config = parseConfig({ LOG_LEVEL: 'silent', KECHUANG_DATA_DIR: '/nonexistent-test-dir' }, { webRoot });
  const app = await buildApp({ config, database: db.handle, now: () => new Date(), sessionKey: Buffer.from('e2e-session-key-e2e-session-key-e2e') }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    browser,
    app,
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
