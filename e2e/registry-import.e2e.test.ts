import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { USCC_ALPHABET } from '../src/core/identifiers/index.js';
import { csvLine } from '../src/core/tabular/csv.js';
import { TEST_ADMIN } from '../src/db/test-support/test-database.js';
import { shots, startRig, watchConsole, type BrowserRig } from './support.js';
import { syntheticCreditCode } from '../src/core/identifiers/test-support/synthetic-uscc.js';

/**
 * The registry import in a real browser: an administrator downloads the
 * template, checks a CSV with two good rows and three bad ones (dry run), reads
 * the errors in Chinese, imports the file for real, downloads the error report,
 * reads the result in English, has a file without the required columns refused,
 * and finds an imported record in the registry search with its Sample tag.
 * Screenshots go to test-output/screenshots/.
 */

/** Synthetic, well-formed credit codes: never a real company's. */
const code = (n: number): string => syntheticCreditCode('MA', n);
/** A code whose last (18th) character is wrong; the UI should say which one it should be. */
const GOOD = code(903);
const EXPECTED = GOOD.charAt(17);
const BAD_USCC = GOOD.slice(0, 17) + (USCC_ALPHABET.split('').find((c) => c !== EXPECTED) ?? '0');

const ALPHA_ZH = '示例导入甲科技公司';
const ALPHA_EN = 'Sample Import Alpha Tech Co.';
const HEADER = ['中文名称', '英文名称', '类型代码', '统一社会信用代码', '所在区域', '示例数据'];
const ROWS = [
  [ALPHA_ZH, ALPHA_EN, 'enterprise', code(901), '海淀区', '是'],
  ['示例导入乙研究院', 'Sample Import Beta Institute', 'research_institute', code(902), '', '是'],
  // Row 3: no English name. Row 4: a kind that does not exist. Row 5: a mistyped credit code.
  ['示例导入丙公司', '', 'enterprise', '', '', '是'],
  ['示例导入丁公司', 'Sample Import Delta Co.', 'spaceship', '', '', '是'],
  ['示例导入戊公司', 'Sample Import Epsilon Co.', 'enterprise', BAD_USCC, '', '是'],
];
const CSV = Buffer.from(`\uFEFF${[HEADER, ...ROWS].map(csvLine).join('')}`, 'utf8');
const FILE_NAME = '示例导入名单.csv';

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

// The refused header provokes exactly one 400 from the upload.
const watch = (page: Page, label: string): void =>
  watchConsole(page, label, consoleErrors, (url, text) => /\/imports\/organisations\?/.test(url) && /status of 400/.test(text));

/** Back to the top (a full-page screenshot of a scrolled page repeats the sticky header) and let fonts render. */
const settle = async (page: Page) => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400);
};

/** Waits until the result panel shows the job in the address and that job has finished (whatever its outcome). */
const finished = async (page: Page): Promise<void> => {
  const jobId = new URL(page.url()).searchParams.get('job');
  const status = page.getByTestId('import-result').getByTestId('import-status');
  await expect.poll(async () => ((await status.getAttribute('data-job')) === jobId ? status.getAttribute('data-status') : 'another job'), { timeout: 20_000 }).toMatch(/^(done|failed|interrupted)$/);
};

const texts = (rows: Locator, column: number) => rows.evaluateAll((trs, i) => trs.map((tr) => (tr.children[i] as HTMLElement).innerText.trim()), column);

const downloadText = async (page: Page, link: Locator): Promise<{ name: string; text: string }> => {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
};

describe('registry import in Chromium', () => {
  test('admin: template, dry run with errors, real import, error report, in Chinese and English', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce', acceptDownloads: true });
    const page = await context.newPage();
    watch(page, 'import');

    await page.goto(`${base}/login?next=${encodeURIComponent('/registry')}`);
    await page.getByTestId('login-username').fill(TEST_ADMIN.username);
    await page.getByTestId('login-password').fill(TEST_ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/registry');
    await page.getByTestId('registry-import').click();
    await page.waitForURL((url) => url.pathname === '/registry/import');
    await page.getByTestId('import-page').waitFor();
    expect(await page.locator('h1').innerText()).toBe('批量导入创新主体');

    // Step 1: templates with Chinese headers (and English ones on request).
    expect(await page.getByTestId('import-template-xlsx').getAttribute('href')).toMatch(/\/imports\/template\?format=xlsx&headers=zh$/);
    expect(await page.getByTestId('import-template-en-csv').getAttribute('href')).toMatch(/format=csv&headers=en$/);
    const template = await downloadText(page, page.getByTestId('import-template-csv'));
    expect(template.name).toBe('kechuang-actors-template.csv');
    expect(template.text.replace(/^\uFEFF/, '')).toMatch(/^中文名称,英文名称,类型代码/);
    await page.getByTestId('import-kind-codes').locator('summary').click();
    expect(await page.getByTestId('import-kind-codes').innerText()).toMatch(/enterprise\s+企业/);

    // Step 2: choose the file; a dry run is the default.
    await page.getByTestId('import-file').locator('input[type=file]').setInputFiles({ name: FILE_NAME, mimeType: 'text/csv', buffer: CSV });
    expect(await page.getByTestId('import-file-chosen').innerText()).toContain(FILE_NAME);
    expect(await page.getByTestId('import-start').innerText()).toMatch(/开始检查/);
    await page.getByTestId('import-start').click();
    await page.waitForURL((url) => url.searchParams.has('job'));
    const dryRunJob = new URL(page.url()).searchParams.get('job');
    await finished(page);
    const result = page.getByTestId('import-result');
    expect(await result.getByTestId('import-status').getAttribute('data-status')).toBe('done');
    expect(await result.getByTestId('import-job').innerText()).toContain('仅检查');
    expect(await page.getByTestId('import-progress').getAttribute('data-percent')).toBe('100');
    expect(await page.getByTestId('import-progress-text').innerText()).toBe('已处理 5 / 5 行');
    expect(await page.getByTestId('import-count-valid').innerText()).toMatch(/可导入\s*2/);
    expect(await page.getByTestId('import-count-failed').innerText()).toMatch(/有误的行\s*3/);
    expect(await page.getByTestId('import-outcome').innerText()).toMatch(/未写入任何数据/);

    // The errors: row, column, value and the reason in words.
    const errorRows = page.getByTestId('import-error-row');
    expect(await errorRows.count()).toBe(3);
    expect(await texts(errorRows, 0)).toEqual(['3', '4', '5']);
    expect(await texts(errorRows, 1)).toEqual(['英文名称', '类型代码', '统一社会信用代码']);
    expect(await texts(errorRows, 2)).toEqual(['（空）', 'spaceship', BAD_USCC]);
    expect(await texts(errorRows, 3)).toEqual(['此项为必填项', '不是已知的类型代码（见“类型代码一览”）', `第18位校验码应为 ${EXPECTED}`]);
    await settle(page);
    await page.screenshot({ path: `${shots}/registry-import-dry-run-zh-CN.png`, fullPage: true });
    await page.getByTestId('import-kind-codes').locator('summary').click();

    // Nothing was written: the same file imports for real from the dry run's result.
    await page.getByTestId('import-run-real').click();
    await page.waitForURL((url) => (url.searchParams.get('job') ?? dryRunJob) !== dryRunJob);
    const realJob = new URL(page.url()).searchParams.get('job');
    await finished(page);
    expect(await result.getByTestId('import-status').getAttribute('data-status')).toBe('done');
    expect(await result.getByTestId('import-job').innerText()).toContain('正式导入');
    expect(await result.getByTestId('import-job').innerText()).not.toContain('仅检查');
    expect(await page.getByTestId('import-progress').getAttribute('data-percent')).toBe('100');
    expect(await page.getByTestId('import-progress').getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByTestId('import-count-inserted').innerText()).toMatch(/新增\s*2/);
    expect(await page.getByTestId('import-count-updated').innerText()).toMatch(/更新\s*0/);
    expect(await page.getByTestId('import-count-failed').innerText()).toMatch(/有误的行\s*3/);
    expect(await page.getByTestId('import-outcome').innerText()).toContain('导入完成：新增 2 条，更新 0 条。');
    expect(await page.getByTestId('import-error-row').count()).toBe(3);

    // The whole error report as CSV.
    const report = await downloadText(page, page.getByTestId('import-errors-download'));
    expect(report.name).toMatch(/^import-errors-.+\.csv$/);
    const lines = report.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('行 row,列 column,值 value,原因 reason');
    expect(lines.slice(1)).toEqual(['3,英文名称,,required', '4,类型代码,spaceship,unknown_kind', `5,统一社会信用代码,${BAD_USCC},uscc_check_character`]);

    // Both runs are listed, newest first, the one in view highlighted.
    const history = page.getByTestId('import-history-row');
    await expect.poll(() => history.count()).toBe(2);
    expect(await history.first().getAttribute('class')).toContain('kc-import-current');
    expect(await history.first().innerText()).toContain('正式导入');
    expect(await history.nth(1).innerText()).toContain('仅检查');
    await settle(page);
    await page.screenshot({ path: `${shots}/registry-import-done-zh-CN.png`, fullPage: true });

    // English: the same report, reasons translated.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Import actors');
    expect(await texts(page.getByTestId('import-error-row'), 3)).toEqual([
      'This field is required',
      'Not a known kind code (see the list of kind codes)',
      `Check character at position 18 should be ${EXPECTED}`,
    ]);
    expect(await page.getByTestId('import-outcome').innerText()).toContain('Import finished: 2 created, 0 updated.');
    expect(await page.getByTestId('import-progress-text').innerText()).toBe('5 of 5 rows processed');
    await settle(page);
    await page.screenshot({ path: `${shots}/registry-import-done-en-US.png`, fullPage: true });

    // A file without the required columns is refused as a whole, naming them.
    await page.getByTestId('import-file').locator('input[type=file]').setInputFiles({ name: 'wrong-columns.csv', mimeType: 'text/csv', buffer: Buffer.from('名称,地址\r\nx,y\r\n') });
    await page.getByTestId('import-start').click();
    const refused = page.getByTestId('import-start-error');
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/The file was not accepted[\s\S]*English name \(英文名称\), Kind code \(类型代码\)/);
    await page.getByTestId('import-upload').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/registry-import-refused-en-US.png` });
    // A file the import cannot read is stopped before it is sent.
    await page.getByTestId('import-file').locator('input[type=file]').setInputFiles({ name: 'old.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from('x') });
    expect(await page.getByTestId('import-file-error').innerText()).toMatch(/save an old \.xls file as \.xlsx/);
    expect(await page.getByTestId('import-start').isDisabled()).toBe(true);

    // The imported record is in the registry, tagged as a sample.
    await page.goto(`${base}/registry?q=${encodeURIComponent(ALPHA_EN)}`);
    const row = page.getByTestId('registry-row').filter({ hasText: ALPHA_EN });
    await row.first().waitFor();
    await row.first().getByTestId('sample-tag').waitFor();
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByTestId('registry-row').filter({ hasText: ALPHA_ZH }).first().waitFor();

    // The import's address brings its report back, also on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/registry/import?job=${encodeURIComponent(realJob ?? '')}`);
    await expect.poll(() => page.getByTestId('import-error-row').count()).toBe(3);
    await settle(page);
    await page.screenshot({ path: `${shots}/registry-import-done-zh-CN-mobile.png`, fullPage: true });
    await context.close();
  });

  test('readers without registry:write see no import button, and the page sends them to sign in', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', reducedMotion: 'reduce' });
    watch(page, 'anonymous');
    await page.goto(`${base}/registry`);
    await page.getByTestId('registry-search').waitFor();
    expect(await page.getByTestId('registry-import').count()).toBe(0);
    await page.goto(`${base}/registry/import`);
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/registry/import');
    await page.close();
  });

  test('no console errors on any page visited', () => {
    expect(consoleErrors).toEqual([]);
  });
});
