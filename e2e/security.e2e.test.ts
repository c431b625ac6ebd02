import type { InjectOptions } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { journeyCast, startRig, type BrowserRig } from './support.js';

/**
 * The attacker's browser checks (issue 10): every main page renders under the
 * enforced Content-Security-Policy with no violation, and records whose names
 * and free text carry script payloads are shown as text, never run — in
 * lists, detail pages and chart tooltips. A CSP violation during the XSS pass
 * would mean markup reached the DOM (the CSP then only hid the bug), so both
 * `window.__xss` and the violation list must stay empty.
 */
const C = '/api/centres/beijing';
let rig: BrowserRig;
let cast: ReturnType<typeof journeyCast>;
const consoleErrors: string[] = [];
const ids: Record<string, string> = {};
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const api = async (key: string, method: InjectOptions['method'], url: string, payload?: Record<string, unknown>) => {
  const res = await cast.inject(key, method, `${C}${url}`, payload);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';
const SVG = '"><svg onload="window.__xss=1">';
/** Marked synthetic, as all test data is. */
const named = (payload: string) => `合成 Synthetic ${payload}`;

/** Record CSP violations from the first script on every document the page loads. */
const watchCsp = async (page: Page) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
};
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
const xssRan = (page: Page) => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
const visit = async (page: Page, path: string) => {
  await page.goto(`${rig.base}${path}`);
  await page.locator('main').first().waitFor();
};

beforeAll(async () => {
  rig = await startRig();
  cast = journeyCast(rig, 'sec', consoleErrors, (_url, text) => /status of 40[034]/.test(text));
  await cast.makeUser('officer', 'service_officer', '合成 安全测试官员');
  await cast.makeUser('member', 'enterprise_member', named(IMG), 'beijing-ent-040');
  await cast.makeUser('analyst', 'analyst', '合成 分析员');

  ids.entity = (await api('officer', 'POST', '/entities', { isSample: true, confirmNotDuplicate: true, kind: 'enterprise', nameZh: named(IMG), nameEn: named(SVG), descriptionEn: named(SCRIPT), aliases: [named(SVG)] })).id;
  const a = await api('member', 'POST', '/achievements', { titleZh: named(IMG), titleEn: named(SVG), summary: named(SCRIPT), field: 'electronic_information', trl: 6, stage: 'pilot', owners: [{ entityId: 'beijing-ent-040', share: 1 }], isSample: true });
  ids.achievement = a.id;
  await api('member', 'POST', `/achievements/${a.id}/transitions`, { action: 'publish', version: a.version });
  ids.event = (await api('officer', 'POST', '/events', { nameZh: named(IMG), nameEn: named(SVG), series: named(SCRIPT), startsOn: '2024-04-25', endsOn: '2024-04-29', venue: named(SVG), isSample: true })).id;
  ids.demand = (await api('member', 'POST', '/demands', { type: 'talent_housing', title: named(IMG), description: named(SCRIPT) })).id;
  await api('member', 'POST', `/demands/${ids.demand}/messages`, { body: named(SVG) });
  const nodes = [
    { id: 'a', nameZh: named(IMG), nameEn: named(IMG), kind: 'component', layer: 0 },
    { id: 'b', nameZh: named(SVG), nameEn: named(SVG), kind: 'component', layer: 1 },
  ];
  ids.chain = (await api('officer', 'POST', '/chain-maps/import', { format: 'kechuang.chain-map/v1', clusterCode: 'other', nameZh: named(SCRIPT), nameEn: named(SCRIPT), isSample: true, nodes, links: [{ from: 'a', to: 'b' }], supplies: [{ nodeId: 'a', region: 'abroad', country: 'US', share: 0.9 }] })).id;
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await cast.shootFailure('security');
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
});

afterAll(async () => {
  await cast?.close();
  await rig?.close();
});

describe('security in the browser', () => {
  test('the main pages render under the enforced CSP with no violation; charts and antd still draw', async () => {
    const page = await cast.open('officer', '/');
    await watchCsp(page);
    const headers = (await page.goto(`${rig.base}/`))?.headers() ?? {};
    expect(headers['content-security-policy']).toMatch(/script-src 'self'/);
    const pages = ['/', '/registry', `/registry/${ids.entity}`, '/indicators', '/contracts', '/patents', '/achievements', '/calls', '/services', '/services/metrics', '/policies', '/chains', `/chains/${ids.chain}`, '/events', '/finance', '/cooperation', '/incubators', '/evaluation', '/admin/users'];
    const perPage: Record<string, string[]> = {};
    for (const path of pages) {
      await visit(page, path);
      await page.waitForLoadState('networkidle');
      const found = await violations(page);
      if (found.length) perPage[path] = found;
    }
    expect(perPage).toEqual({});
    // ECharts draws (a canvas) and antd's CSS-in-JS styles apply (a styled button), with the policy in force.
    await visit(page, `/chains/${ids.chain}`);
    await poll(() => page.locator('[data-testid="chain-graph"] canvas').count()).toBeGreaterThan(0);
    const buttonRadius = await page.locator('.ant-btn').first().evaluate((b) => getComputedStyle(b).borderRadius);
    expect(buttonRadius).not.toBe('0px');
    // The API docs work under their own policy.
    await page.goto(`${rig.base}/docs`);
    await page.locator('.swagger-ui').first().waitFor({ timeout: 30_000 });
    await poll(() => page.locator('.opblock').count()).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  }, 240_000);

  test('script payloads in names and free text are shown as text and never run: registry, achievements, events, demands', async () => {
    const officer = cast.pages['officer'] as Page;
    const member = await cast.open('member', '/');
    await watchCsp(member);
    const checks: [Page, string, string][] = [
      [officer, `/registry/${ids.entity}`, IMG],
      [officer, `/achievements/${ids.achievement}`, SCRIPT],
      [officer, '/achievements', 'window.__xss'],
      [officer, '/events', 'window.__xss'],
      [officer, `/events/${ids.event}`, IMG],
      [member, '/services/demands', 'window.__xss'],
      [member, `/services/demands/${ids.demand}`, SVG],
      [officer, `/services/demands/${ids.demand}`, SCRIPT],
    ];
    for (const [page, path, literal] of checks) {
      await visit(page, path);
      await poll(async () => (await page.locator('main').first().innerText()).includes(literal)).toBe(true);
      expect(await xssRan(page), path).toBeUndefined();
      expect(await violations(page), path).toEqual([]);
      expect(await page.locator('main img[src="x"], main svg[onload], main script').count(), path).toBe(0);
    }
  }, 180_000);

  test('a chain segment named with a payload shows literally in the graph tooltip (an HTML sink) and in the lists', async () => {
    const page = cast.pages['officer'] as Page;
    await visit(page, `/chains/${ids.chain}`);
    const graph = page.getByTestId('chain-graph');
    await graph.locator('canvas').first().waitFor();
    await poll(async () => (await page.locator('main').first().innerText()).includes(IMG)).toBe(true);
    // Sweep the pointer over the drawing until a segment's tooltip opens.
    const box = await graph.boundingBox();
    expect(box).not.toBeNull();
    const { x, y, width, height } = box as { x: number; y: number; width: number; height: number };
    let tip = '';
    // Rows from the middle outwards (the two segments sit on one row), a pointer step every 6 px, a look every 5 steps.
    for (const f of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75]) {
      for (let px = x + 4, n = 0; px < x + width && !tip; px += 6, n++) {
        await page.mouse.move(px, y + height * f);
        if (n % 5 === 4) tip = await graph.evaluate((g) => [...g.querySelectorAll('div')].map((d) => (getComputedStyle(d).display !== 'none' && d.textContent?.includes('__xss') ? d.textContent : '')).find(Boolean) ?? '');
      }
      if (tip) break;
    }
    expect(tip).toContain('window.__xss=1');
    expect(await xssRan(page)).toBeUndefined();
    expect(await graph.locator('img[src="x"], svg[onload]').count()).toBe(0);
  }, 120_000);

  test('links with javascript: or data: URLs are refused when stored', async () => {
    const policy = await cast.inject('analyst', 'POST', `${C}/policies`, { code: 'SYN-XSS-1', titleZh: named('政策'), issuer: '合成', level: 'municipal', url: 'javascript:window.__xss=1', isSample: true });
    expect(policy.statusCode).toBe(400);
    expect(JSON.stringify(policy.json().error.details.fields)).toContain('url');
  });
});
