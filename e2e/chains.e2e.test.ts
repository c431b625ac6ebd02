import { readFile } from 'node:fs/promises';
import type { InjectOptions } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { journeyCast, numberInput, pickOption, shootBothLanguages, startRig, type BrowserRig } from './support.js';

/**
 * Three-chain linkage in Chromium (issue 8), sample records only: an officer
 * starts the integrated-circuit chain from the platform's template, adds a
 * segment (a new version), places a chain master on EDA tools, enters its
 * supply shares (mostly from abroad, a little from a local firm), sees the
 * segment flagged as a chokepoint with its reasons, runs a what-if removing
 * that country and sees the exposure run downstream, drafts a 揭榜挂帅 call
 * from the gap, and compares the two versions. Screenshots: chains-*.png.
 */
const C = '/api/centres/beijing';
let rig: BrowserRig;
let cast: ReturnType<typeof journeyCast>;
const consoleErrors: string[] = [];
const ids: Record<string, string> = {};
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const shoot = (page: Page, name: string) => shootBothLanguages(page, 'chains', name);
const api = async (key: string, method: InjectOptions['method'], url: string, payload?: Record<string, unknown>) => {
  const res = await cast.inject(key, method, `${C}${url}`, payload);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};
/** Press the open dialog's primary button and wait until it has closed, so the next dialog is the only one in the page. */
const confirmDialog = async (page: Page) => {
  await page.locator('.ant-modal-wrap:visible .ant-modal-footer .ant-btn-primary').last().click();
  await poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
};
const openSegment = async (page: Page, name: string) => {
  await page.getByTestId('segment-open').filter({ hasText: name }).first().click();
  await poll(() => page.getByTestId('node-title').textContent()).toContain(name);
};

beforeAll(async () => {
  rig = await startRig();
  cast = journeyCast(rig, 'ch', consoleErrors);
  await cast.makeUser('officer', 'service_officer', '韩磊（产业处）');
  const entity = async (body: Record<string, unknown>) => (await api('officer', 'POST', '/entities', { isSample: true, confirmNotDuplicate: true, ...body })).id as string;
  ids.master = await entity({ kind: 'enterprise', nameZh: '示例集成电路设计公司', nameEn: 'Sample IC Design Co.' });
  ids.local = await entity({ kind: 'enterprise', nameZh: '示例本地EDA公司', nameEn: 'Sample Local EDA Co.' });
  const form = { aggregation: 'mean', overallThreshold: null, criteria: [{ id: 'fit', label: '技术路线', kind: 'numeric', min: 0, max: 10, weight: 100 }] };
  await api('officer', 'POST', '/call-programmes', { kind: 'unveil_list', titleZh: '示例揭榜挂帅计划', titleEn: 'Sample unveil-the-list programme', isSample: true, settings: { form, minReviewers: 1, minCompletedReviews: 1 } });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await cast.shootFailure('chains');
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
});

afterAll(async () => {
  await cast?.close();
  await rig?.close();
});

describe('industry chains in the browser', () => {
  test('the officer starts the IC chain from the template and adds a segment (a new version)', async () => {
    const page = await cast.open('officer', '/chains');
    await page.getByTestId('chains-template-integrated_circuits').click();
    await page.waitForURL((u) => /^\/chains\/[^/]+$/.test(u.pathname));
    await poll(() => page.getByTestId('chain-version').textContent()).toContain('1');
    await poll(() => page.getByTestId('segment-row').count()).toBeGreaterThan(10);
    await page.getByTestId('edit-node-zh').fill('光掩模');
    await page.getByTestId('edit-node-en').fill('Photomasks');
    await pickOption(page, page.getByTestId('edit-node-kind'), '', '材料');
    await pickOption(page, page.getByTestId('edit-node-feeds'), '晶圆', '晶圆制造');
    await page.getByTestId('edit-node-add').click();
    await poll(() => page.getByTestId('chain-version').textContent()).toContain('2');
    await poll(() => page.getByTestId('segment-open').filter({ hasText: '光掩模' }).count()).toBe(1);
  });

  test('a chain master is placed on EDA tools and its supply entered: the segment is flagged with its reasons', async () => {
    const page = cast.pages['officer'] as Page;
    await openSegment(page, 'EDA工具');
    await pickOption(page, page.getByTestId('place-entity'), '示例集成电路', '示例集成电路设计公司');
    await pickOption(page, page.getByTestId('place-role'), '', '链主');
    await page.getByTestId('place-add').click();
    await poll(() => page.getByTestId('node-placement').count()).toBe(1);

    await page.getByTestId('supply-add').click();
    await page.getByTestId('supply-country').fill('US');
    await (await numberInput(page.getByTestId('supply-share'))).fill('90');
    await confirmDialog(page);
    await poll(() => page.getByTestId('node-supply-row').count()).toBe(1);
    await page.getByTestId('supply-add').click();
    await pickOption(page, page.getByTestId('supply-supplier'), '示例本地EDA', '示例本地EDA公司');
    await pickOption(page, page.getByTestId('supply-region'), '北京', '北京');
    await (await numberInput(page.getByTestId('supply-share'))).fill('10');
    await page.getByTestId('supply-local').check();
    await confirmDialog(page);
    await poll(() => page.getByTestId('node-supply-row').count()).toBe(2);

    await poll(() => page.getByTestId('node-chokepoint').count()).toBe(1);
    const codes = await page.getByTestId('node-reason').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes).toEqual(expect.arrayContaining(['foreign_dependent', 'no_local_innovation', 'concentrated']));
    await poll(() => page.getByTestId('chain-chokepoints').textContent()).toBe('1');
    await shoot(page, '1-chokepoint');
  });

  test('other weights can be tried: the analytics answer with them and say which weights they used', async () => {
    const page = cast.pages['officer'] as Page;
    for (const [k, v] of [['dependence', '100'], ['concentration', '0'], ['substitute', '0'], ['innovation', '0']] as const) await (await numberInput(page.getByTestId(`weight-${k}`))).fill(v);
    await page.getByTestId('weights-try').click();
    await poll(() => page.getByTestId('chain-weights').textContent()).toContain('境外依赖 100%');
    await poll(() => page.getByTestId('chain-summary').textContent()).toContain('本次查询指定的权重');
    await page.getByTestId('weights-reset').click();
    await poll(() => page.getByTestId('chain-summary').textContent()).toContain('平台默认权重');
  });

  test('a what-if removing that country exposes the segments downstream, and a call is drafted from the gap', async () => {
    const page = cast.pages['officer'] as Page;
    await pickOption(page, page.getByTestId('whatif-kind'), '', '国家');
    await pickOption(page, page.getByTestId('whatif-value'), '', 'US');
    await page.getByTestId('whatif-run').click();
    await poll(() => page.getByTestId('whatif-node').allTextContents()).toEqual(expect.arrayContaining(['EDA工具', '芯片设计', '晶圆制造', '芯片成品']));
    await page.getByTestId('whatif-panel').scrollIntoViewIfNeeded();
    await shoot(page, '2-what-if');

    await page.getByTestId('node-draft-call').click();
    await poll(() => page.getByTestId('node-draft-link').count()).toBe(1);
    await page.getByTestId('node-draft-link').click();
    await page.waitForURL((u) => u.pathname.startsWith('/calls/'));
    await poll(() => page.getByTestId('call-state').getAttribute('data-state')).toBe('draft');
    await poll(() => page.getByTestId('call-owner').textContent()).toBe('示例集成电路设计公司');
  });

  test('the two versions compare: the added segment and link are listed; removing a link makes the next version', async () => {
    const page = cast.pages['officer'] as Page;
    await page.goBack();
    await poll(() => page.getByTestId('diff-items').textContent()).toContain('光掩模');
    await pickOption(page, page.getByTestId('edit-remove-link'), '测试设备', /测试设备 → 测试/);
    await page.getByTestId('edit-remove-link-run').click();
    await poll(() => page.getByTestId('chain-version').textContent()).toContain('3');
    await poll(() => page.getByTestId('diff-items').textContent()).toContain('测试设备');
    await page.getByTestId('diff-panel').scrollIntoViewIfNeeded();
    await shoot(page, '3-diff');
  });

  test('the map goes out as an Excel workbook and comes back in as a new map', async () => {
    const page = cast.pages['officer'] as Page;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chain-export-xlsx').click()]);
    const file = await download.path();
    await page.goto(`${rig.base}/chains`);
    await page.getByTestId('chains-import-file').setInputFiles({ name: 'chain.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await readFile(file) });
    await page.waitForURL((u) => /^\/chains\/[^/]+$/.test(u.pathname));
    await poll(() => page.getByTestId('segment-open').filter({ hasText: '光掩模' }).count()).toBe(1);
    await poll(() => page.getByTestId('chain-chokepoints').textContent()).toBe('1');
  });

  test('a map of 300 segments still reads: the drawing, and the ranked list beside it', async () => {
    // Synthetic (fixed shape): six layers of 50 segments, each fed by two of the layer above, with supply on every tenth.
    const nodes = Array.from({ length: 300 }, (_, i) => ({ id: `s${i}`, nameZh: `示例环节${i}`, nameEn: `Sample segment ${i}`, kind: 'component', layer: Math.floor(i / 50) }));
    const links = nodes.slice(50).flatMap((n, k) => [{ from: `s${k % 50 + 50 * Math.floor(k / 50)}`, to: n.id }, { from: `s${(k + 7) % 50 + 50 * Math.floor(k / 50)}`, to: n.id }]);
    const supplies = nodes.filter((_, i) => i % 10 === 0).map((n, k) => ({ nodeId: n.id, region: 'abroad', country: k % 2 ? 'US' : 'JP', share: 0.6 }));
    const created = await api('officer', 'POST', '/chain-maps/import', { format: 'kechuang.chain-map/v1', clusterCode: 'other', nameZh: '示例：300个环节的产业链', nameEn: 'Sample: a 300-segment chain', isSample: true, nodes, links: [...new Map(links.map((l) => [`${l.from}>${l.to}`, l])).values()], supplies });
    const page = cast.pages['officer'] as Page;
    await page.goto(`${rig.base}/chains/${created.id}`);
    await poll(() => page.getByTestId('segment-row').count()).toBe(12);
    await page.getByTestId('chain-graph').waitFor();
    await shoot(page, '4-three-hundred');
    expect(consoleErrors).toEqual([]);
  });
});
