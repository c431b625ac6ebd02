import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import type { TIndicator } from '../src/shared/schemas/indicators.js';
import { csvLine } from '../src/core/tabular/csv.js';
import { buildApp } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import { createUserFromCli } from '../src/server/modules/users/users.service.js';
import { openTestDatabase } from '../src/db/test-support/test-database.js';
import { capture, numberInput, shootBothLanguages, shots, watchConsole, webRoot, pickOption } from './support.js';

/**
 * The indicator catalogue, figures, imports and targets in Chromium, with
 * sample records only (示例/Sample): an analyst defines a district-level
 * indicator, imports a CSV with a bad row (sees the row's error and that
 * nothing was saved), fixes it and imports it, opens the indicator and sees
 * the time series and the district comparison, sets a target and finds its
 * progress on /targets. Each stage is photographed in zh-CN and en-US
 * (test-output/screenshots/indicators-*.png).
 */
const PASSWORD = 'Analyst-Passw0rd!';
const ANALYST = 'indicators-analyst';
const CODE = 'sample_rnd_intensity_district';
const C = '/api/centres/beijing';

let app: FastifyInstance;
let browser: Browser;
let base: string;
let drop: () => Promise<void>;
const consoleErrors: string[] = [];
const dir = join(tmpdir(), `kc-indicators-e2e-${process.pid}`);

const HEADER = ['指标代码', '地区', '期间', '数值', '状态', '限定'];
const GOOD_ROWS = [
  [CODE, '海淀区', '2022', '6.1', '', ''],
  [CODE, '海淀区', '2023', '6.4', '', ''],
  [CODE, '海淀区', '2024', '6.8', '', ''],
  [CODE, '海淀区', '2025', '7.0', '估计', '约'],
  [CODE, '朝阳区', '2022', '3.2', '', ''],
  [CODE, '朝阳区', '2023', '3.5', '', ''],
  [CODE, '朝阳区', '2024', '3.6', '', ''],
  [CODE, '昌平区', '2023', '4.1', '', ''],
  [CODE, '昌平区', '2024', '4.4', '', ''],
  [CODE, '东城区', '2024', '2.2', '', ''],
];
// Row 6 (the fifth data row) gives its period as words: the whole file must be refused.
const BAD_ROWS = GOOD_ROWS.map((r, i) => (i === 4 ? [CODE, '朝阳区', '2022年', '3.2', '', ''] : r));
const csv = (rows: string[][]) => `\uFEFF${[HEADER, ...rows].map(csvLine).join('')}`;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '示例各区研发投入强度.csv'), csv(BAD_ROWS));
  mkdirSync(join(dir, 'fixed'), { recursive: true });
  writeFileSync(join(dir, 'fixed', '示例各区研发投入强度.csv'), csv(GOOD_ROWS));
  const db = await openTestDatabase();
  drop = db.drop;
  await createUserFromCli(db.handle.db, { username: ANALYST, displayName: '示例分析员', role: 'analyst', centreId: 'beijing', organisationId: null, locale: 'zh-CN', password: PASSWORD }, new Date());
  const config = parseConfig({ LOG_LEVEL: 'silent', KECHUANG_DATA_DIR: '/nonexistent-test-dir', LOGIN_IP_LIMIT_PER_MINUTE: '10000' }, { webRoot });
  app = await buildApp({ config, database: db.handle, now: () => new Date(), sessionKey: Buffer.from('e2e-session-key-e2e-session-key-e2e') }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await drop?.();
});

const figuresOf = async (code: string): Promise<number> => {
  const res = await app.inject({ method: 'GET', url: `${C}/indicators/${code}` });
  return (res.json() as { indicator: TIndicator }).indicator.observations.length;
};

/** A screenshot in Chinese, then the same page in English, then back to Chinese. */
const shoot = (page: Page, name: string) => shootBothLanguages(page, 'indicators', name);
/** antd Select: open it, type, pick the option whose text matches. */
const pick = (page: Page, testId: string, typed: string, option: string | RegExp) => pickOption(page, page.getByTestId(testId), typed, option);

describe('indicators, figures and targets in Chromium', () => {
  test('analyst: new indicator, a refused import, a clean import, both charts, a target and its progress', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce', acceptDownloads: true });
    const page = await context.newPage();
    watchConsole(page, 'indicators', consoleErrors);
    // What the page showed when a step failed.
    onTestFailed(async () => {
      await page.screenshot({ path: `${shots}/indicators-failure.png` }).catch(() => undefined);
    });
    await page.goto(`${base}/login?next=${encodeURIComponent('/indicators')}`);
    await page.getByTestId('login-username').fill(ANALYST);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('indicators-page').waitFor();

    // The catalogue: one row per indicator, with its latest figure and source.
    const rows = page.getByTestId('catalogue-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(40);
    await expect.poll(() => page.getByTestId('nav-targets').textContent(), { timeout: 15_000 }).toContain('目标与进度');
    await shoot(page, 'catalogue');
    await page.getByTestId('indicators-level').getByText('城市').click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeLessThan(20);
    expect(await page.locator('[data-testid=catalogue-row] [data-testid=indicator-level]').evaluateAll((tags) => tags.every((t) => t.getAttribute('data-level') === 'city'))).toBe(true);
    await page.getByTestId('indicators-level').getByText(/^全部/).click();

    // A new district-level indicator, marked as sample.
    await page.getByTestId('indicators-new').click();
    await page.getByTestId('indicator-form-code').fill(CODE);
    await page.getByTestId('indicator-form-name-zh').fill('示例：各区研发经费投入强度');
    await page.getByTestId('indicator-form-name-en').fill('Sample: R&D intensity by district');
    await page.getByTestId('indicator-form-unit').locator('input').fill('%');
    await page.getByTestId('indicator-form-definition-zh').fill('各区全社会研发经费支出占地区生产总值的比重（演示数据）。');
    await page.getByTestId('indicator-form-definition-en').fill("A district's gross R&D spending as a share of its GDP (demonstration data).");
    await page.getByTestId('indicator-form-sample').check();
    await capture(page, `${shots}/indicators-new-indicator-zh-CN.png`);
    await page.getByTestId('indicator-form-submit').click();
    await page.waitForURL((u) => u.pathname === `/indicators/${CODE}`);
    await page.getByTestId('indicator-title').waitFor();
    expect(await page.getByTestId('indicator-title').textContent()).toContain('示例：各区研发经费投入强度');
    await page.getByTestId('indicator-title').getByTestId('sample-tag').waitFor();

    // Import a file with one bad row: the row's error is listed and nothing is saved.
    await page.goto(`${base}/indicators/import`);
    await page.getByTestId('figures-import-page').waitFor();
    await page.locator('[data-testid=figures-file] input[type=file]').setInputFiles(join(dir, '示例各区研发投入强度.csv'));
    await page.getByTestId('figures-file-chosen').waitFor();
    await page.getByTestId('figures-source-title').fill('示例：区域统计年鉴（演示数据）');
    await page.getByTestId('figures-source-publisher').fill('示例统计局');
    await page.getByTestId('figures-source-date').fill('2025-12-31');
    await page.getByTestId('figures-sample').check();
    await page.getByTestId('figures-import').click();
    await page.getByTestId('figures-errors').waitFor();
    const state = page.getByTestId('figures-report-state');
    expect(await state.getAttribute('data-written')).toBe('false');
    expect(await page.getByTestId('figures-count-failed').textContent()).toContain('1');
    expect(await page.getByTestId('figures-outcome').textContent()).toContain('整份文件都未保存');
    const errorRow = page.getByTestId('figures-error-row');
    expect(await errorRow.count()).toBe(1);
    const errorText = (await errorRow.first().innerText()).replace(/\s+/g, ' ');
    expect(errorText).toContain('6');
    expect(errorText).toContain('2022年');
    expect(errorText).toContain('期间格式应为 2023、2023-Q2 或 2023-07');
    expect(await figuresOf(CODE)).toBe(0);
    await shoot(page, 'import-refused');

    // The corrected file: a dry run first, then the import for real.
    await page.locator('[data-testid=figures-file] input[type=file]').setInputFiles(join(dir, 'fixed', '示例各区研发投入强度.csv'));
    await page.getByTestId('figures-dry-run').click();
    await page.getByTestId('figures-run-real').waitFor();
    expect(await state.getAttribute('data-dry-run')).toBe('true');
    expect(await page.getByTestId('figures-count-inserted').textContent()).toContain(String(GOOD_ROWS.length));
    expect(await figuresOf(CODE)).toBe(0);
    await page.getByTestId('figures-run-real').click();
    await expect.poll(() => page.getByTestId('figures-report-state').getAttribute('data-written'), { timeout: 15_000 }).toBe('true');
    expect(await page.getByTestId('figures-outcome').textContent()).toContain(`新增 ${GOOD_ROWS.length} 条`);
    expect(await figuresOf(CODE)).toBe(GOOD_ROWS.length);
    await shoot(page, 'import-done');

    // The indicator: its time series and the comparison of districts, every figure with its provenance.
    await page.goto(`${base}/indicators/${CODE}`);
    await page.getByTestId('indicator-series-chart').locator('canvas').waitFor();
    await page.getByTestId('indicator-comparison-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('figure-row').count()).toBe(GOOD_ROWS.length);
    expect(await page.getByTestId('provenance-tag').first().textContent()).toBe('导入批次');
    expect(await page.getByTestId('figure-row').getByTestId('sample-tag').count()).toBe(GOOD_ROWS.length);
    // The latest year compares four districts, highest first.
    expect(await page.getByTestId('indicator-comparison-period').textContent()).toContain('2024年');

    // A figure typed in with its source document, then withdrawn.
    await page.getByTestId('indicator-add-figure').click();
    await pick(page, 'figure-form-area', '东城', /东城区/);
    await page.getByTestId('figure-form-period').fill('2023');
    await (await numberInput(page.getByTestId('figure-form-value'))).fill('2.05');
    await page.getByTestId('figure-form-source-title').fill('示例：东城区统计公报（演示）');
    await page.getByTestId('figure-form-publisher').fill('示例统计局');
    await page.getByTestId('figure-form-quote').fill('研发经费投入强度为2.05%（演示）');
    await page.screenshot({ path: `${shots}/indicators-figure-form-zh-CN.png` });
    await page.getByTestId('figure-form-submit').click();
    const typedIn = page.locator('[data-testid=figure-row][data-period="2023"][data-subject="bj-110101"]');
    await typedIn.waitFor();
    expect(await typedIn.getByTestId('provenance-tag').textContent()).toBe('手工录入');
    expect(await typedIn.getByTestId('sample-tag').count()).toBe(1);
    expect(await figuresOf(CODE)).toBe(GOOD_ROWS.length + 1);
    await typedIn.getByTestId('figure-withdraw').click();
    await page.getByTestId('figure-withdraw-confirm').click();
    await typedIn.waitFor({ state: 'detached' });
    expect(await figuresOf(CODE)).toBe(GOOD_ROWS.length);

    // A target for Haidian: 8% by 2030.
    await page.getByTestId('indicator-new-target').click();
    await page.getByTestId('target-form-code').fill('T-SAMPLE-HD-2030');
    await page.getByTestId('target-form-deadline').fill('2030');
    await page.getByTestId('target-form-name-zh').fill('示例：海淀区研发投入强度2030年达到8%');
    await page.getByTestId('target-form-name-en').fill("Sample: Haidian's R&D intensity at 8% by 2030");
    await pick(page, 'target-form-area', '海淀', /海淀区/);
    await (await numberInput(page.getByTestId('target-form-value'))).fill('8');
    await page.getByTestId('target-form-sample').check();
    await page.screenshot({ path: `${shots}/indicators-target-form-zh-CN.png` });
    await page.getByTestId('target-form-submit').click();
    const card = page.getByTestId('indicator-targets').getByTestId('target-card');
    await card.waitFor();
    // The progress arrives with its own query after the card: poll, as a busy machine may render the card first.
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 15_000, interval: 100 }).toBe('on_track');
    await page.getByTestId('indicator-series').scrollIntoViewIfNeeded();
    await shoot(page, 'indicator');
    await page.getByTestId('indicator-series-chart').screenshot({ path: `${shots}/indicators-series-chart-zh-CN.png` });
    await page.getByTestId('indicator-comparison-chart').screenshot({ path: `${shots}/indicators-comparison-chart-zh-CN.png` });

    // Targets & progress: the new target with its bar, and the sources' 21 goals.
    await page.getByTestId('nav-targets').click();
    await page.getByTestId('targets-page').waitFor();
    const target = page.locator('[data-testid=target-card][data-code="T-SAMPLE-HD-2030"]');
    await target.waitFor();
    expect(await target.getByTestId('target-status').textContent()).toBe('按计划推进');
    const percent = Number(await target.getByTestId('target-progress').getAttribute('data-percent'));
    // From 6.1 (2022) to 7.0 (2025) on the way to 8: 47 % of the way.
    expect(percent).toBeCloseTo(47.4, 0);
    expect(await target.getByTestId('target-latest').textContent()).toContain('7%');
    await target.getByTestId('target-projection').waitFor();
    expect(await page.getByTestId('goal-row').count()).toBe(21);
    expect(await page.getByTestId('targets-as-of').textContent()).toContain('进度截至');
    await shoot(page, 'targets');

    // Assess one of the sources' goals: the whole definition goes back, its quote included.
    const goal = page.locator('[data-testid=goal-row][data-code="GOAL-01"]');
    await goal.getByTestId('target-assess').click();
    await pick(page, 'target-form-assessment', '', '存在风险');
    await page.getByTestId('target-form-assessment-note').fill('示例评估：部分指标尚缺2025年数据。');
    await page.getByTestId('target-form-submit').click();
    await expect.poll(() => goal.getByTestId('target-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('at_risk');
    const goals = (await app.inject({ method: 'GET', url: `${C}/targets` })).json() as { items: { code: string; assessment: string | null; citation: { quote: string | null } | null }[] };
    const assessed = goals.items.find((g) => g.code === 'GOAL-01');
    expect(assessed?.assessment).toBe('at_risk');
    expect(assessed?.citation?.quote).toMatch(/2025/);

    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
