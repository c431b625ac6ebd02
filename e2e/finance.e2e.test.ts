import type { InjectOptions } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { journeyCast, numberInput, pickOption, shootBothLanguages, startRig, type BrowserRig } from './support.js';

/**
 * S&T finance in Chromium (issue 9), sample records only: an analyst records
 * a Series B round of USD 200 m at a USD 1.5 bn post-money valuation for a
 * sample company through the form; the round lists, the funnel counts the
 * company, the unicorn tracker shows it (by valuation) beside the published
 * count with its source, and after a refresh of the derived figures the
 * records' year-end unicorn count appears on the overview. Screenshots in
 * zh-CN and en-US: finance-*.png.
 */
const C = '/api/centres/beijing';
let rig: BrowserRig;
let cast: ReturnType<typeof journeyCast>;
const consoleErrors: string[] = [];
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const api = async (key: string, method: InjectOptions['method'], url: string, payload?: Record<string, unknown>) => {
  const res = await cast.inject(key, method, url.startsWith('/api/') ? url : `${C}${url}`, payload);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.statusCode === 204 ? null : res.json();
};

beforeAll(async () => {
  rig = await startRig({ env: { SESSION_IDLE_MINUTES: '1440', LOGIN_IP_LIMIT_PER_MINUTE: '10000' } });
  cast = journeyCast(rig, 'fin', consoleErrors);
  await cast.makeUser('analyst', 'analyst', '王敏（金融处）');
  await api('analyst', 'POST', '/entities', { isSample: true, confirmNotDuplicate: true, kind: 'enterprise', nameZh: '示例智能芯片科技公司', nameEn: 'Sample Smart Chip Technology Co.' });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await cast.shootFailure('finance');
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
});

afterAll(async () => {
  await cast?.close();
  await rig?.close();
});

describe('S&T finance in the browser', () => {
  let page: Page;
  test('the analyst records a round through the form and sees it listed', async () => {
    page = await cast.open('analyst', '/finance');
    await page.getByTestId('finance-page').waitFor();
    await page.getByTestId('finance-tab-rounds').click();
    await page.getByTestId('round-new').click();
    // Saving without a company is refused beside the field; nothing is sent.
    await page.getByTestId('round-save').click();
    await poll(() => page.getByTestId('round-form').getByText('必填').count()).toBeGreaterThan(0);
    await pickOption(page, page.getByTestId('round-investee'), '示例智能芯片', '示例智能芯片科技公司');
    await pickOption(page, page.getByTestId('round-stage'), '', 'B轮');
    await page.getByTestId('round-date').fill('2024-06-18');
    await (await numberInput(page.getByTestId('round-amount'))).fill('200000000');
    await pickOption(page, page.getByTestId('round-currency'), '', 'USD');
    await (await numberInput(page.getByTestId('round-valuation'))).fill('1500000000');
    await page.getByTestId('round-add-investor').click();
    await page.getByTestId('round-investor-name').fill('示例创投基金');
    await page.getByTestId('round-sample').check();
    await page.getByTestId('round-save').click();
    await poll(() => page.getByTestId('rounds-table').textContent()).toContain('示例智能芯片科技公司');
    const text = (await page.getByTestId('rounds-table').textContent()) ?? '';
    expect(text).toContain('B轮');
    expect(text).toContain('示例创投基金');
    expect(text).toContain('示例');
  });

  test('the funnel, the tracker and the derived figure follow; the published count stands apart', async () => {
    await page.getByTestId('finance-tab-overview').click();
    await page.getByTestId('finance-funnel-chart').waitFor();
    await poll(() => page.getByTestId('finance-recorded-rounds').textContent()).toContain('1');
    await poll(() => page.getByTestId('finance-published').first().textContent()).toContain('93');
    await page.getByTestId('finance-tab-unicorns').click();
    await poll(() => page.getByTestId('unicorns-table').textContent()).toContain('示例智能芯片科技公司');
    expect(await page.getByTestId('unicorns-table').textContent()).toContain('估值不低于10亿美元');
    await poll(() => page.getByTestId('unicorn-events').textContent()).toContain('进入');
    await shootBothLanguages(page, 'finance', 'unicorns');
    await api('analyst', 'POST', '/derived-figures/refresh');
    await page.reload();
    await page.getByTestId('finance-page').waitFor();
    await poll(() => page.getByTestId('finance-recorded-unicorns').textContent()).toMatch(/1.*2025|2025.*1/);
    await shootBothLanguages(page, 'finance', 'overview');
    expect(consoleErrors).toEqual([]);
  });

  test('a spreadsheet of rounds is checked first, then imported whole', async () => {
    await page.getByTestId('finance-tab-rounds').click();
    await page.getByTestId('round-import-open').click();
    const csv = '融资企业,公布日期,轮次,金额,币种,投后估值,投资方,来源\n示例智能芯片科技公司,2022-03-01,A轮,5000万,CNY,,示例天使基金（领投）,示例\n';
    await page.getByTestId('round-import').locator('input[type=file]').setInputFiles({ name: 'rounds.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await poll(() => page.getByTestId('round-import-summary').textContent()).toContain('检查通过');
    await page.getByTestId('round-import-run').click();
    await poll(() => page.getByTestId('round-import-summary').textContent()).toContain('已导入 1 轮');
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('rounds-table').textContent()).toContain('示例天使基金');
    expect(consoleErrors).toEqual([]);
  });
});
