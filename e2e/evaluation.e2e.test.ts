import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEST_ADMIN } from '../src/db/test-support/test-database.js';
import { shots, startRig, watchConsole, type BrowserRig } from './support.js';

/**
 * The index lab in a real browser: load COINr's ASEM example, see the
 * ranking, move a weight and watch the ranks change without a request, save
 * the run on the server (same numbers as the browser), run an uncertainty
 * analysis and see its charts; edit the framework (a weight, a problem caught
 * inline), save it as a version and run with it; a run's step datasets with
 * imputed and treated cells marked, CSV and Excel exports, the printable
 * report; slider weights saved as a framework version; the index on the map
 * for a dataset of districts; in Chinese and in English.
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
    await expect.poll(() => page.getByTestId('nav-evaluation').textContent(), { timeout: 15_000 }).toContain('指数评估');

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
    await rows.nth(9).and(page.locator('.kc-eval-selected')).waitFor();
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

/** A Playwright locator for an antd InputNumber's <input>, wherever its data-testid lands. */
const numberInput = async (page: Page, testId: string): Promise<Locator> => {
  const el = page.getByTestId(testId).first();
  return (await el.evaluate((node) => node.tagName)) === 'INPUT' ? el : el.locator('input');
};

const download = async (page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> => {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
};

const signIn = async (page: Page, next: string): Promise<void> => {
  await page.goto(`${rig.base}/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId('login-username').fill(TEST_ADMIN.username);
  await page.getByTestId('login-password').fill(TEST_ADMIN.password);
  await page.getByTestId('login-submit').click();
};

describe('framework editor, step datasets, exports and the printed report', () => {
  test('edit a framework (a weight, an inline problem), save a version, run with it, open its steps, export, print', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', reducedMotion: 'reduce' });
    const page = await context.newPage();
    watchConsole(page, 'framework', consoleErrors);
    await signIn(page, '/evaluation');
    await page.getByTestId('evaluation-page').waitFor();
    // The same ASEM files again: the stored dataset, selected.
    await page.getByTestId('evaluation-load-asem').click();
    await page.getByTestId('evaluation-result-row').first().waitFor();
    await expect.poll(() => page.getByTestId('evaluation-run-uses').textContent(), { timeout: 15_000 }).toContain('数据集自带框架（iMeta）');

    // The editor starts from the dataset's iMeta.
    await page.getByTestId('evaluation-edit-framework').click();
    await page.getByTestId('framework-tree').waitFor();
    await page.getByTestId('framework-valid').waitFor();
    await expect.poll(() => page.getByTestId('framework-share-Conn').textContent(), { timeout: 15_000 }).toContain('50%');

    // A duplicate code is caught before saving, on the element, and saving waits for the fix.
    await page.locator('[data-testid="framework-row"][data-code="LPI"] .kc-fw-name').click();
    expect(await page.getByTestId('framework-field-code').inputValue()).toBe('LPI');
    await page.getByTestId('framework-field-code').fill('Flights');
    await page.getByTestId('framework-problems').waitFor();
    expect(await page.getByTestId('framework-row-problem').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('framework-save-submit').isDisabled()).toBe(true);
    await page.screenshot({ path: `${shots}/evaluation-framework-problem-zh.png` });
    await page.getByTestId('framework-field-code').fill('LPI');
    await page.getByTestId('framework-valid').waitFor();

    // Connectivity weighs 2 against Sustainability's 1: two thirds of the index.
    const conn = await numberInput(page, 'framework-weight-Conn');
    await conn.fill('2');
    await conn.press('Tab');
    await page.getByTestId('framework-dirty').waitFor();
    await expect.poll(() => page.getByTestId('framework-share-Conn').textContent()).toContain('66.7%');
    await page.getByTestId('framework-save-key').fill('asem-lab');
    await page.getByTestId('framework-save-name').fill('ASEM，互联互通权重 ×2');
    await page.getByTestId('framework-save-note').fill('互联互通（Conn）权重由 1 改为 2');
    // The next version number comes from the key's versions, fetched once the key is typed.
    await expect.poll(() => page.getByTestId('framework-save-submit').textContent(), { timeout: 15_000 }).toContain('第 1 版');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${shots}/evaluation-framework-editor-zh.png` });
    await page.getByTestId('framework-save-submit').click();
    await page.getByTestId('framework-saved').waitFor();
    await expect.poll(() => page.getByTestId('framework-saved').textContent(), { timeout: 15_000 }).toContain('asem-lab 第 1 版');
    await page.getByTestId('framework-version-row').first().waitFor();

    // Run with the saved version: the browser ranks with it, the server stores the run with it.
    await page.getByTestId('framework-use-in-lab').click();
    await page.getByTestId('evaluation-page').waitFor();
    await expect.poll(() => page.getByTestId('evaluation-run-uses').textContent()).toContain('asem-lab v1');
    await page.getByTestId('evaluation-save-run').click();
    await page.getByTestId('evaluation-run-saved').waitFor();
    expect(await page.getByTestId('evaluation-run-saved').textContent()).toContain('与浏览器结果一致');
    // An uncertainty analysis of this dataset and framework, for the report's charts.
    await page.getByTestId('evaluation-sa-n').fill('30');
    await page.getByTestId('evaluation-sa-start').click();
    await page.getByTestId('evaluation-sa-result').waitFor({ timeout: 60_000 });

    // The run's steps: imputed cells after the impute step, treated cells after the treat step.
    await page.getByTestId('evaluation-run-saved-open').click();
    await page.getByTestId('evaluation-run-page').waitFor();
    await expect.poll(() => page.getByTestId('evaluation-run-framework').textContent(), { timeout: 15_000 }).toContain('asem-lab v1');
    await page.getByTestId('evaluation-cell-filled').first().waitFor();
    expect(await page.getByTestId('evaluation-cell-filled').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('evaluation-step-legend').textContent(), { timeout: 15_000 }).toContain('填补的缺失值');
    await page.getByTestId('evaluation-step-only-marked').click();
    await page.getByTestId('evaluation-steps').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/evaluation-step-imputed-zh.png` });
    await page.getByTestId('evaluation-step-2').click();
    await page.getByTestId('evaluation-cell-treated').first().waitFor();
    expect(new URL(page.url()).searchParams.get('step')).toBe('3');
    expect(await page.getByTestId('evaluation-treatment-row').count()).toBeGreaterThan(0);
    await page.getByTestId('evaluation-steps').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/evaluation-step-treated-zh.png` });
    await page.getByTestId('evaluation-treatment').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/evaluation-treatment-zh.png` });

    // Derive weights from the run's data: PCA of the indicators, one row per indicator.
    await page.getByTestId('evaluation-derive-submit').click();
    await page.getByTestId('evaluation-derive-result').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="evaluation-derive-table"] tbody tr.ant-table-row').count()).toBe(49);
    expect(await page.getByTestId('evaluation-derive-groups').locator('li').count()).toBeGreaterThan(0);
    await page.getByTestId('evaluation-derive').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/evaluation-derive-weights-zh.png` });

    // Exports from the browser: CSV with a BOM, Excel as a workbook.
    const csv = await download(page, page.getByTestId('evaluation-step-export-csv'));
    expect(csv.name).toMatch(/^run-[0-9a-f]{8}-step-3-treated\.csv$/);
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')[0]).toMatch(/^uCode,uName,/);
    const results = await download(page, page.getByTestId('evaluation-run-export-csv'));
    expect(results.bytes.toString('utf8').slice(1).split('\r\n')[0]).toBe('rank,uCode,uName,Index,Conn,Sust,Physical,ConEcFin,Political,Instit,P2P,Environ,Social,SusEcFin');
    const workbook = await download(page, page.getByTestId('evaluation-run-export-xlsx'));
    expect(workbook.name).toMatch(/\.xlsx$/);
    expect(workbook.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    // The report: pipeline and versions, top and bottom, the leader's breakdown, the analysis's charts; print CSS hides the shell.
    await page.getByTestId('evaluation-run-report-link').click();
    await page.getByTestId('evaluation-report').waitFor();
    expect(await page.getByTestId('evaluation-report-top').count()).toBe(5);
    expect(await page.getByTestId('evaluation-report-bottom').count()).toBe(5);
    await page.getByTestId('evaluation-contributions-chart').waitFor();
    await page.getByTestId('evaluation-rank-interval-chart').waitFor();
    await page.getByTestId('evaluation-sobol-chart').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${shots}/evaluation-report-zh.png`, fullPage: true });
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await page.getByTestId('evaluation-report-print').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.kc-header').isVisible()).toBe(false);
    expect(await page.getByTestId('evaluation-report-print').isVisible()).toBe(false);
    await page.screenshot({ path: `${shots}/evaluation-report-print-zh.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // The same pages in English.
    await page.getByTestId('lang-switch').click();
    await page.getByText('Composite index report').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${shots}/evaluation-report-en.png`, fullPage: true });
    await page.getByTestId('evaluation-report-back').click();
    await page.getByTestId('evaluation-cell-filled').first().waitFor();
    await page.getByTestId('evaluation-step-2').click();
    await page.getByTestId('evaluation-cell-treated').first().waitFor();
    await page.getByTestId('evaluation-step-only-marked').click();
    await page.getByTestId('evaluation-steps').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/evaluation-step-treated-en.png` });
    await page.getByTestId('evaluation-run-back').click();
    await page.getByTestId('evaluation-result-row').first().waitFor();
    await page.getByTestId('evaluation-edit-framework').click();
    await page.getByTestId('framework-tree').waitFor();
    await page.locator('[data-testid="framework-row"][data-code="Conn"] .kc-fw-name').click();
    await page.locator('[data-testid="framework-row"][data-code="Conn"].kc-eval-selected').waitFor();
    expect(await page.locator('.kc-eval-selected').count()).toBe(1);
    await page.screenshot({ path: `${shots}/evaluation-framework-editor-en.png` });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('slider weights are not what a saved run uses, until saved as a framework version', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', reducedMotion: 'reduce' });
    const page = await context.newPage();
    watchConsole(page, 'sliders', consoleErrors);
    await signIn(page, '/evaluation');
    await page.getByTestId('evaluation-load-asem').click();
    await page.getByTestId('evaluation-result-row').first().waitFor();
    const slider = page.getByTestId('evaluation-weight-Sust').getByRole('slider');
    await slider.focus();
    await page.keyboard.press('End');
    await page.getByTestId('evaluation-run-sliders-warning').waitFor();
    await page.getByTestId('evaluation-results-adjusted').waitFor();
    await page.getByTestId('evaluation-run-uses').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/evaluation-sliders-unsaved-zh.png` });
    await page.getByTestId('evaluation-weights-save').click();
    await page.getByTestId('evaluation-weights-save-dialog').waitFor();
    await expect.poll(() => page.getByTestId('evaluation-weights-changes').textContent(), { timeout: 15_000 }).toContain('Sustainability（Sust）：1 → 5');
    await page.screenshot({ path: `${shots}/evaluation-sliders-save-zh.png` });
    await page.getByTestId('evaluation-weights-save-submit').click();
    await page.getByTestId('evaluation-weights-saved').waitFor();
    // The lab now runs the new version with the framework's (= the saved sliders') weights.
    await expect.poll(() => page.getByTestId('evaluation-run-uses').textContent()).toMatch(/index v\d/);
    expect(await page.getByTestId('evaluation-run-sliders-warning').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('framework')).toBeTruthy();
    await page.getByTestId('evaluation-save-run').click();
    await page.getByTestId('evaluation-run-saved').waitFor();
    expect(await page.getByTestId('evaluation-run-saved').textContent()).toContain('与浏览器结果一致');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('a dataset whose units are the centre’s districts draws the index on the map', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', reducedMotion: 'reduce' });
    const page = await context.newPage();
    watchConsole(page, 'map', consoleErrors);
    await signIn(page, '/evaluation');
    await page.getByTestId('evaluation-page').waitFor();
    await page.locator('.kc-eval-upload summary').click();
    await page.getByTestId('evaluation-upload-data').setInputFiles({ name: 'iData.csv', mimeType: 'text/csv', buffer: Buffer.from(DISTRICT_DATA) });
    await page.getByTestId('evaluation-upload-meta').setInputFiles({ name: 'iMeta.csv', mimeType: 'text/csv', buffer: Buffer.from(DISTRICT_META) });
    await page.locator('.kc-eval-upload input:not([type=file])').fill('测试用虚构数据（各区）');
    await page.getByTestId('evaluation-upload-submit').click();
    await page.getByTestId('evaluation-result-row').first().waitFor();
    await page.getByTestId('evaluation-map-chart').waitFor();
    await page.getByTestId('evaluation-map').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${shots}/evaluation-map-zh.png` });
    await expect.poll(() => page.getByTestId('evaluation-map').textContent(), { timeout: 15_000 }).toContain('北京经济技术开发区');
    // "Build from the centre's figures": the dialog checks its fields before asking the server.
    await page.getByTestId('evaluation-from-figures').click();
    await page.getByTestId('evaluation-figures-dialog').waitFor();
    await page.getByTestId('evaluation-figures-period').fill('2023-13');
    await page.getByTestId('evaluation-figures-submit').click();
    await page.locator('.ant-modal .ant-form-item-explain-error').first().waitFor();
    await expect.poll(() => page.locator('.ant-modal').textContent(), { timeout: 15_000 }).toContain('请输入年份（2023）、季度（2023-Q2）或月份（2023-07）');
    await page.screenshot({ path: `${shots}/evaluation-from-figures-zh.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('evaluation-figures-dialog').waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

/** Made-up figures for the browser test only (not centre data): Beijing's 16 districts and one zone without a boundary. */
const DISTRICTS = ['110101', '110102', '110105', '110106', '110107', '110108', '110109', '110111', '110112', '110113', '110114', '110115', '110116', '110117', '110118', '110119'];
const DISTRICT_DATA = [
  'uCode,uName,a,b,c',
  ...DISTRICTS.map((d, i) => `bj-${d},D${i + 1},${10 + ((i * 7) % 13)},${5 + ((i * 5) % 11)},${i % 4 === 0 ? '' : 20 - i}`),
  'bj-etown,E,12,8,9',
].join('\n');
const DISTRICT_META = [
  'Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type',
  '1,a,Indicator A,1,1,,,,Index,Indicator',
  '1,b,Indicator B,1,1,,,,Index,Indicator',
  '1,c,Indicator C,-1,1,,,,Index,Indicator',
  '2,Index,Test index,1,1,,,,,Aggregate',
].join('\n');
