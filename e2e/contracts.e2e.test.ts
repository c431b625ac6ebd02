import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { patentCheckCharacter } from '../src/core/contracts/index.js';
import { journeyCast, numberInput, pickOption, shootBothLanguages, startRig, type BrowserRig } from './support.js';

/**
 * Technology-contract registration in Chromium (issue 7), sample records only:
 * the seller fills the form, is told at the field that its cost items do not
 * add up, corrects them and submits; the registrar finds it in the registry
 * with its review clock, reviews and registers it, and the certificate shows
 * the registration number. The registrar imports past registrations: a file
 * with bad rows is refused row by row and writes nothing; the clean file lands.
 * An analyst opens the statistics, drills from the year's total to exactly
 * those contracts, and an anonymous visitor sees small cells hidden.
 * Screenshots in zh-CN and en-US: test-output/screenshots/contracts-*.png.
 */
const C = '/api/centres/beijing';
const SELLER = 'beijing-ent-040';
let rig: BrowserRig;
let cast: ReturnType<typeof journeyCast>;
const consoleErrors: string[] = [];
let contractId = '';
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const shoot = (page: Page, name: string) => shootBothLanguages(page, 'contracts', name);
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const year = () => Number(today().slice(0, 4));
const open = (key: string | null, next: string): Promise<Page> => cast.open(key, next);

beforeAll(async () => {
  rig = await startRig();
  // The form's refused submission and the refused import answer 400 on purpose.
  cast = journeyCast(rig, 'tc', consoleErrors, (url, text) => /status of 400/.test(text) && /tech-contracts/.test(url));
  await cast.makeUser('seller', 'enterprise_member', '刘工（示例卖方）', SELLER);
  await cast.makeUser('registrar', 'service_officer', '周敏（登记员）');
  await cast.makeUser('analyst', 'analyst', '吴涛（分析员）');
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await cast.shootFailure('contracts');
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
});

afterAll(async () => {
  await cast?.close();
  await rig?.close();
});

describe('technology contracts in the browser', () => {
  test('the seller submits a contract; cost items that do not add up are pointed out at the field', async () => {
    const page = await open('seller', '/contracts/new');
    await page.getByTestId('contract-form').waitFor();
    await expect.poll(() => page.getByTestId('contract-seller-own').inputValue()).toContain('第四范式');
    await page.getByTestId('contract-number').fill('SP-E2E-001');
    await page.getByTestId('contract-title').fill('示例：工业视觉检测算法委托开发合同');
    await pickOption(page, page.getByTestId('contract-type'), '', '技术开发（委托）');
    await pickOption(page, page.getByTestId('contract-field'), '', '电子信息');
    await page.getByTestId('contract-signed-on').fill(today());
    await page.getByTestId('contract-buyer-name').fill('示例精密制造有限公司');
    await pickOption(page, page.getByTestId('contract-buyer-region'), '广东', '广东');
    await (await numberInput(page.getByTestId('contract-amount'))).fill('1500000');
    await page.getByTestId('contract-add-item').click();
    await pickOption(page, page.getByTestId('contract-item-kind').nth(0), '', '技术费');
    await (await numberInput(page.getByTestId('contract-item-amount').nth(0))).fill('1200000');
    await page.getByTestId('contract-add-item').click();
    await pickOption(page, page.getByTestId('contract-item-kind').nth(1), '', '设备购置费');
    await (await numberInput(page.getByTestId('contract-item-amount').nth(1))).fill('200000');
    await page.getByTestId('contract-sample').check();
    await page.getByTestId('contract-submit').click();
    await page.getByText('各项费用之和与成交额不一致').waitFor();
    await shoot(page, 'form-refused');
    await (await numberInput(page.getByTestId('contract-item-amount').nth(1))).fill('300000');
    await poll(() => page.getByTestId('contract-technical-preview').textContent()).toContain('1,200,000');
    await page.getByTestId('contract-submit').click();
    await page.getByTestId('contract-page').waitFor();
    await poll(() => page.getByTestId('contract-state').getAttribute('data-state')).toBe('submitted');
    contractId = page.url().split('/').pop() as string;
    expect(await page.getByTestId('contract-technical-amount').textContent()).toBe('1,200,000');
    await shoot(page, 'submitted');
  });

  test('the registrar reviews and registers it; the certificate carries the registration number', async () => {
    const page = await open('registrar', '/contracts/registry');
    await page.getByTestId('contracts-page').waitFor();
    await poll(() => page.getByTestId('contract-row').count()).toBe(1);
    await page.getByText('剩 30 天').waitFor();
    await shoot(page, 'registry');
    await page.getByTestId('contract-link').first().click();
    await page.getByTestId('contract-action-start_review').click();
    await poll(() => page.getByTestId('contract-state').getAttribute('data-state')).toBe('under_review');
    // Declining without a reason is refused with the reason asked for.
    await page.getByTestId('contract-action-decline').click();
    await page.getByTestId('contract-action-error').waitFor();
    await page.getByTestId('contract-action-register').click();
    await poll(() => page.getByTestId('contract-state').getAttribute('data-state')).toBe('registered');
    await expect.poll(() => page.getByTestId('contract-registration-number').textContent()).toMatch(new RegExp(`^${year()}110000\\d{6}$`));
    await shoot(page, 'certificate');
  });

  test('a file of past registrations with bad rows is refused row by row and writes nothing; the clean file lands', async () => {
    const page = await open('registrar', '/contracts/import');
    const digits = '202210987654';
    const header = '合同编号,合同名称,合同类型,技术领域,卖方,买方,买方地区,合同成交额（元）,技术交易额（元）,签订日期,登记日期,登记号,专利号';
    const good = [
      `H-E2E-1,示例：专利许可,专利实施许可,电子信息,${SELLER},示例汽车有限公司,上海,600000,600000,${year() - 1}-03-01,${year() - 1}-03-10,,ZL${digits}.${patentCheckCharacter(digits)}`,
      `H-E2E-2,示例：技术服务,技术服务,先进制造,${SELLER},示例德国公司,abroad:DE,90000,,${year() - 1}-05-01,${year() - 1}-05-20,,`,
    ];
    const bad = [`H-E2E-3,示例,不存在的类型,电子信息,${SELLER},某公司,火星,abc,,${year() - 1}-13-01,${year() - 1}-05-20,,`];
    await page.getByTestId('contract-import-page').waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('contract-import-choose').click();
    await (await chooser).setFiles({ name: '历史登记.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[header, ...good, ...bad].join('\n')}`) });
    await page.getByTestId('contract-import-errors').waitFor();
    await poll(() => page.getByTestId('contract-import-error-row').count()).toBe(4);
    expect(await page.getByTestId('contract-import-summary').getAttribute('data-imported')).toBe('0');
    await page.getByText('不是可识别的合同类型').waitFor();
    await shoot(page, 'import-refused');
    const list = await cast.inject('registrar', 'GET', `${C}/tech-contracts?q=H-E2E`);
    expect(list.json().total).toBe(0);
    const again = page.waitForEvent('filechooser');
    await page.getByTestId('contract-import-sample').check();
    await page.getByTestId('contract-import-choose').click();
    await (await again).setFiles({ name: '历史登记.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[header, ...good].join('\n')}`) });
    await poll(() => page.getByTestId('contract-import-summary').getAttribute('data-imported')).toBe('2');
  });

  test('the analyst drills from the statistics to the contracts; the public sees small cells hidden', async () => {
    const page = await open('analyst', '/contracts');
    await page.getByTestId('contract-statistics-page').waitFor();
    await poll(() => page.getByTestId('stats-latest-count').textContent()).toBe('1');
    await page.getByTestId('stats-published-card').first().waitFor();
    await page.getByTestId('stats-row').first().waitFor();
    await shoot(page, 'statistics');
    await page.getByTestId('stats-drill-total').click();
    await page.getByTestId('contracts-page').waitFor();
    await poll(() => page.getByTestId('contract-row').count()).toBe(1);
    expect(page.url()).toContain(`year=${year()}`);
    await shoot(page, 'drill-down');

    const anonymous = await open(null, `/contracts?year=${year() - 1}&dimension=buyer_region`);
    await anonymous.getByTestId('stats-suppression-note').waitFor();
    await poll(() => anonymous.getByTestId('stats-latest-count').textContent()).toBe('*');
    expect(await anonymous.getByTestId('stats-drill').count()).toBe(0);
    await shoot(anonymous, 'statistics-public');
    expect(consoleErrors).toEqual([]);
  });
});
