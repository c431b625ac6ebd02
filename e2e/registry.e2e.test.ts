import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEST_ADMIN } from '../src/db/test-support/test-database.js';
import { shots, startRig, watchConsole, type BrowserRig } from './support.js';

/**
 * The registry in a real browser: an anonymous visitor finds an actor by its
 * pinyin initials, opens its profile with the relation graph, in Chinese and
 * in English; an administrator starts a new actor with a mistyped credit code
 * and is told which character is wrong. Screenshots go to test-output/screenshots/.
 */
const LAB_ZH = '中关村国家实验室';
const LAB_EN = 'Zhongguancun National Laboratory';
/** Its 17th character (the organisation code's check character) should be 4. */
const BAD_USCC = '91110108MA01B2C3X0';

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

// The invalid credit code step expects exactly one 400 from creating the actor.
const watch = (page: Page, label: string): void =>
  watchConsole(page, label, consoleErrors, (url, text) => /\/api\/centres\/[^/]+\/entities$/.test(url) && /status of 400/.test(text));

/** Lets the graph's layout settle and fonts render before a screenshot. */
const settle = (page: Page) => page.waitForTimeout(600);

describe('registry in Chromium', () => {
  test('anonymous: find an actor by pinyin initials, open its profile and graph, in Chinese and English', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' });
    const page = await context.newPage();
    watch(page, 'search');

    await page.goto(`${base}/registry`);
    const search = page.getByTestId('registry-search');
    await search.waitFor();
    expect(await search.getAttribute('placeholder')).toMatch(/拼音/);
    await search.fill('zgc');
    await page.waitForURL((url) => url.searchParams.get('q') === 'zgc');
    const lab = page.getByTestId('registry-row').filter({ hasText: LAB_ZH });
    await lab.first().waitFor();
    // Facets count what the search found.
    await page.getByTestId('registry-facet-category').getByTestId('registry-facet-option').first().waitFor();
    await expect.poll(() => page.getByTestId('registry-total').innerText()).toMatch(/共 \d+ 条/);
    await settle(page);
    await page.screenshot({ path: `${shots}/registry-search-zh-CN.png`, fullPage: true });

    await lab.first().click();
    await page.waitForURL(/\/registry\/[^/?]+$/);
    await expect.poll(() => page.getByTestId('profile-title').innerText()).toContain(LAB_ZH);
    await page.getByTestId('profile-identity').waitFor();
    await page.getByTestId('profile-graph-chart').locator('canvas').first().waitFor();
    await page.getByTestId('profile-citations').waitFor();
    await page.getByTestId('profile-timeline').waitFor();
    expect(await page.getByTestId('profile-timeline').innerText()).toMatch(/从中心数据包导入/);
    // A visitor may not edit.
    expect(await page.getByTestId('profile-edit').count()).toBe(0);
    await settle(page);
    await page.screenshot({ path: `${shots}/registry-profile-zh-CN.png`, fullPage: true });

    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    await expect.poll(() => page.getByTestId('profile-title').innerText()).toContain(LAB_EN);
    await page.getByTestId('profile-graph-chart').locator('canvas').first().waitFor();
    expect(await page.getByTestId('profile-identity').innerText()).toMatch(/National laboratory/);
    await settle(page);
    await page.screenshot({ path: `${shots}/registry-profile-en-US.png`, fullPage: true });

    await page.getByTestId('profile-back').click();
    await page.waitForURL((url) => url.pathname === '/registry' && url.searchParams.get('q') === 'zgc');
    await page.getByTestId('registry-row').filter({ hasText: LAB_EN }).first().waitFor();
    expect(await page.getByTestId('registry-search').inputValue()).toBe('zgc');
    await expect.poll(() => page.getByTestId('registry-total').innerText()).toMatch(/\d+ records?/);
    await settle(page);
    await page.screenshot({ path: `${shots}/registry-search-en-US.png`, fullPage: true });
    await context.close();
  });

  test('admin: a new actor with a mistyped credit code is told which character is wrong', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' });
    const page = await context.newPage();
    watch(page, 'new-actor');

    await page.goto(`${base}/login?next=${encodeURIComponent('/registry')}`);
    await page.getByTestId('login-username').fill(TEST_ADMIN.username);
    await page.getByTestId('login-password').fill(TEST_ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/registry');

    await page.getByTestId('registry-new').click();
    const form = page.getByTestId('entity-form');
    await form.waitFor();
    // The kind select: type to filter, Enter picks the first match.
    await form.getByTestId('entity-form-kind').click();
    await page.keyboard.type('企业');
    await page.keyboard.press('Enter');
    await page.getByTestId('entity-form-name-en').fill('E2E Credit Code Check Co.');
    await page.getByTestId('entity-form-uscc').fill(BAD_USCC);
    await page.getByTestId('entity-form-submit').click();

    const usccItem = page.locator('.ant-form-item').filter({ has: page.getByTestId('entity-form-uscc') });
    const usccError = usccItem.locator('.ant-form-item-explain-error');
    await usccError.first().waitFor();
    expect(await usccError.first().innerText()).toBe('第17位（组织机构代码校验码）应为 4');
    // Nothing else was wrong, so nothing else is flagged.
    expect(await form.locator('.ant-form-item-explain-error').count()).toBe(1);
    await page.screenshot({ path: `${shots}/registry-new-actor-uscc-zh-CN.png` });

    await page.getByTestId('entity-form-cancel').click();
    await form.waitFor({ state: 'detached' });
    // Nothing was created.
    await page.getByTestId('registry-search').fill('E2E Credit Code Check');
    await page.waitForURL((url) => url.searchParams.get('q') === 'E2E Credit Code Check');
    await expect.poll(() => page.getByTestId('registry-total').innerText()).toMatch(/共 0 条/);
    await context.close();
  });

  test('a district on the dashboard map opens the registry filtered to it', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' });
    watch(page, 'map');
    await page.goto(`${base}/`);
    const map = page.getByTestId('dashboard-map');
    await map.locator('canvas').first().waitFor();
    await map.scrollIntoViewIfNeeded();
    await settle(page);
    const box = await map.boundingBox();
    if (!box) throw new Error('the map has no box');
    // The middle of the city's outline is always inside some district.
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL((url) => url.pathname === '/registry' && url.searchParams.has('areaId'));
    await page.getByTestId('registry-facet-area').locator('[aria-pressed="true"]').first().waitFor();
    await page.close();
  });

  test('the registry as a map: counts for a category by district; a district opens the list filtered to it', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' });
    watch(page, 'registry-map');
    await page.goto(`${base}/registry?category=national_lab`);
    await page.getByTestId('registry-view').getByText('地图').click();
    await page.waitForURL((url) => url.searchParams.get('view') === 'map' && url.searchParams.get('category') === 'national_lab');
    const map = page.getByTestId('registry-map');
    await map.locator('canvas').first().waitFor();
    await expect.poll(() => map.innerText()).toMatch(/\d+ 个位于各区/);
    await settle(page);
    await page.screenshot({ path: `${shots}/registry-map-zh-CN.png` });
    const box = await map.locator('canvas').first().boundingBox();
    if (!box) throw new Error('the map has no box');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL((url) => url.searchParams.has('areaId') && !url.searchParams.has('view') && url.searchParams.get('category') === 'national_lab');
    await page.getByTestId('registry-facet-area').locator('[aria-pressed="true"]').first().waitFor();
    await page.close();
  });

  test('no console errors on any page visited', () => {
    expect(consoleErrors).toEqual([]);
  });
});
