import type { InjectOptions } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { journeyCast, pickOption, shootBothLanguages, startRig, type BrowserRig } from './support.js';

/**
 * Cooperation in Chromium (issue 9), sample records only: an officer records
 * a company's relocation from Beijing to Hebei through the form; the flow
 * view and its table count it and the year-by-kind table shows it. A joint
 * laboratory with a German partner (through the API) makes Germany appear in
 * the counts by country, beside the published figures. Screenshots in zh-CN
 * and en-US: cooperation-*.png.
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
  // The record sent with the same region twice is refused (400) on purpose.
  cast = journeyCast(rig, 'coop', consoleErrors, (url, text) => /status of 400/.test(text) && /regional-records/.test(url));
  await cast.makeUser('officer', 'service_officer', '赵宁（合作处）');
  await api('officer', 'POST', '/cooperation/regional-records', { kind: 'tech_contract', fromRegion: '110000', toRegion: '120000', title: '示例：技术开发合同', organisationName: '示例软件公司', occurredOn: '2024-03-01', amount: 5_000_000, isSample: true });
  await api('officer', 'POST', '/cooperation/joint-labs', { nameZh: '示例中德智能制造联合实验室', field: '智能制造', establishedOn: '2023-05-01', partners: [{ side: 'local', name: '示例大学', country: 'CN' }, { side: 'foreign', name: 'Sample Technische Universität', country: 'DE' }], isSample: true });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await cast.shootFailure('cooperation');
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
});

afterAll(async () => {
  await cast?.close();
  await rig?.close();
});

describe('cooperation in the browser', () => {
  let page: Page;
  test('the officer records a relocation from Beijing to Hebei and the flow view counts it', async () => {
    page = await cast.open('officer', '/cooperation');
    await page.getByTestId('cooperation-page').waitFor();
    await poll(() => page.getByTestId('regional-flow-table').textContent()).toContain('技术合同');
    await page.getByTestId('regional-new').click();
    await pickOption(page, page.getByTestId('regional-kind'), '', '企业迁移');
    await page.getByTestId('regional-date').fill('2024-09-10');
    await pickOption(page, page.getByTestId('regional-from'), '', '北京');
    await pickOption(page, page.getByTestId('regional-to'), '', '北京');
    await page.getByTestId('regional-title').fill('示例：生产基地迁往河北');
    await page.getByTestId('regional-organisation').fill('示例制造公司');
    await page.getByTestId('coop-sample').check();
    // The same region twice is refused beside the field.
    await page.getByTestId('regional-save').click();
    await poll(() => page.getByTestId('regional-form').getByText('起止区域不能相同').count()).toBe(1);
    await pickOption(page, page.getByTestId('regional-to'), '', '河北');
    await page.getByTestId('regional-save').click();
    await poll(() => page.getByTestId('regional-table').textContent()).toContain('示例：生产基地迁往河北');
    const flows = (await page.getByTestId('regional-flow-table').textContent()) ?? '';
    expect(flows).toContain('企业迁移');
    expect(flows).toContain('河北');
    await page.getByTestId('regional-flow-chart').waitFor();
    expect(await page.getByTestId('regional-by-year').textContent()).toContain('2024');
    await shootBothLanguages(page, 'cooperation', 'regional');
  });

  test('international cooperation counts by partner country beside the published figures', async () => {
    await page.getByTestId('coop-tab-international').click();
    await poll(() => page.getByTestId('count-labs').textContent()).toBe('1');
    await poll(() => page.getByTestId('cooperation-published').count()).toBeGreaterThan(0);
    await page.getByTestId('by-country').waitFor();
    await shootBothLanguages(page, 'cooperation', 'international');
    await page.getByTestId('coop-tab-labs').click();
    await poll(() => page.getByTestId('labs-table').textContent()).toContain('德国');
    expect(consoleErrors).toEqual([]);
  });
});
