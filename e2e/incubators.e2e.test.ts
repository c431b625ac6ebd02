import type { InjectOptions } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { journeyCast, numberInput, pickOption, shootBothLanguages, startRig, type BrowserRig } from './support.js';

/**
 * Incubators in Chromium (issue 9), sample records only: an officer gives a
 * registry organisation an incubator profile, records its 2022 cohort with
 * two start-ups, records that one failed, and sees the funnel (50% survival)
 * on the incubator page and in the comparison by type.
 * Screenshots: incubators-*.png.
 */
const C = '/api/centres/beijing';
let rig: BrowserRig;
let cast: ReturnType<typeof journeyCast>;
const consoleErrors: string[] = [];
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const api = async (key: string, method: InjectOptions['method'], url: string, payload?: Record<string, unknown>) => {
  const res = await cast.inject(key, method, `${C}${url}`, payload);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};

beforeAll(async () => {
  rig = await startRig();
  cast = journeyCast(rig, 'inc', consoleErrors);
  await cast.makeUser('officer', 'service_officer', '周敏（科创服务处）');
  const entity = (body: Record<string, unknown>) => api('officer', 'POST', '/entities', { isSample: true, confirmNotDuplicate: true, ...body });
  await entity({ kind: 'incubator', nameZh: '示例清研孵化器', nameEn: 'Sample Tsing Incubator', areaId: 'bj-110108' });
  await entity({ kind: 'enterprise', nameZh: '示例量子传感公司', nameEn: 'Sample Quantum Sensing Co.' });
  await entity({ kind: 'enterprise', nameZh: '示例柔性电子公司', nameEn: 'Sample Flexible Electronics Co.' });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await cast.shootFailure('incubators');
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
});

afterAll(async () => {
  await cast?.close();
  await rig?.close();
});

describe('incubators in the browser', () => {
  test('the officer adds an incubator and its 2022 cohort, records an exit and sees the funnel', async () => {
    const page: Page = await cast.open('officer', '/incubators');
    await page.getByTestId('incubator-add').click();
    await pickOption(page, page.getByTestId('incubator-entity'), '示例清研', '示例清研孵化器');
    await pickOption(page, page.getByTestId('incubator-type'), '', '高校孵化器');
    await page.getByTestId('incubator-confirmed').fill('2024-06-01');
    await page.getByTestId('incubator-sample').click();
    await page.getByTestId('incubator-save').click();
    await page.waitForURL((u) => /^\/incubators\/[^/]+$/.test(u.pathname));
    await poll(() => page.getByTestId('incubator-confirmed-on').textContent()).toBe('2024-06-01');

    await (await numberInput(page.getByTestId('cohort-year'))).fill('2022');
    await page.getByTestId('cohort-add').click();
    const cohort = page.getByTestId('cohort-2022-year');
    await poll(() => cohort.count()).toBe(1);
    for (const [typed, name, day] of [['示例量子', '示例量子传感公司', '2022-03-01'], ['示例柔性', '示例柔性电子公司', '2022-04-15']] as const) {
      await pickOption(page, cohort.getByTestId('resident-entity'), typed, name);
      await cohort.getByTestId('resident-entered').fill(day);
      await cohort.getByTestId('resident-add').click();
      await poll(() => cohort.getByTestId('cohort-residents').textContent()).toContain(name);
    }
    // A date outside the intake year is refused beside its field, in words.
    await pickOption(page, cohort.getByTestId('exit-resident'), '', '示例柔性电子公司');
    await pickOption(page, cohort.getByTestId('exit-kind'), '', '失败/关闭');
    await cohort.getByTestId('exit-date').fill('2021-01-01');
    await cohort.getByTestId('exit-save').click();
    await poll(() => cohort.getByTestId('exit-form').textContent()).toContain('离孵日期不能早于入孵日期');
    await cohort.getByTestId('exit-date').fill('2023-05-31');
    await cohort.getByTestId('exit-save').click();
    await poll(() => cohort.getByTestId('cohort-residents').textContent()).toContain('失败/关闭');
    await poll(() => page.getByTestId('incubator-funnel').textContent()).toContain('50%');
    await shootBothLanguages(page, 'incubators', 'incubator');

    await page.getByRole('button', { name: '返回孵化器列表' }).click();
    await page.waitForURL((u) => u.pathname === '/incubators');
    await poll(() => page.getByTestId('incubators-table').textContent()).toContain('示例清研孵化器');
    await poll(() => page.getByTestId('incubator-comparison').textContent()).toContain('高校孵化器');
    await page.getByTestId('incubator-compare-year').getByText('2022年入孵').click();
    await poll(() => page.getByTestId('incubator-comparison').textContent()).toContain('50%');
    await shootBothLanguages(page, 'incubators', 'list');
    expect(consoleErrors.filter((e) => !e.includes('400'))).toEqual([]);
  });
});
