import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../src/shared/access.js';
import { buildApp } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import { publishSamplePolicies } from '../src/server/test-support/policies-fixtures.js';
import { createUserFromCli } from '../src/server/modules/users/users.service.js';
import { entityFacts, recognitions } from '../src/db/schema/index.js';
import { openTestDatabase } from '../src/db/test-support/test-database.js';
import { capture, numberInput, shootBothLanguages, shots, watchConsole, webRoot, pickOption } from './support.js';

/**
 * The policy engine's web side in Chromium (issue 6), with SAMPLE policies
 * only (test-support/policies-fixtures.ts: every policy titled 示例 / Sample,
 * every figure made up) and a sample enterprise whose registry figures are
 * written straight to the tables: (a) the enterprise's member sees its
 * eligible and unknown benefits, answers the one question asked and sees the
 * result change, consents to proactive delivery; its officer sees the matched
 * benefits on the enterprise view and the eligible enterprises of a benefit;
 * (b) an analyst creates a policy, writes a benefit's rule with the rule
 * builder (conditions, a nested any-of group, the rule in words), publishes
 * it, then publishes a second version over the first (the 409 explained, then
 * superseded). Pages are photographed in zh-CN and en-US
 * (test-output/screenshots/policies-*.png).
 */
const PASSWORD = 'Role-User-Passw0rd!';
const C = '/api/centres/beijing';
const HAIDIAN = 'bj-110108';
let app: FastifyInstance;
let browser: Browser;
let base: string;
let db: Awaited<ReturnType<typeof openTestDatabase>>;
const consoleErrors: string[] = [];
const ids: Record<string, string> = {};
const users: Record<string, { username: string; id: string }> = {};
const pages: Record<string, Page> = {};
const contexts: BrowserContext[] = [];

type Session = { cookie: string; csrf: string };
const login = async (username: string): Promise<Session> => {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const raw = res.headers['set-cookie'];
  return { cookie: String(Array.isArray(raw) ? raw[0] : raw).split(';')[0] as string, csrf: (res.json() as { csrfToken: string }).csrfToken };
};
const api = async (session: Session, method: InjectOptions['method'], url: string, payload?: object, status = 200) => {
  const res = await app.inject({ method, url: url.startsWith('/api/') ? url : `${C}${url}`, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf }, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Record<string, unknown>;
};
let userCount = 0;
const makeUser = async (key: string, role: Role, displayName: string, organisationId: string | null = null) => {
  const username = `pol-${key}-${++userCount}`;
  await createUserFromCli(db.handle.db, { username, displayName, role, centreId: 'beijing', organisationId, locale: 'zh-CN', password: PASSWORD }, new Date());
  const s = await login(username);
  users[key] = { username, id: ((await api(s, 'GET', '/api/auth/session')).user as { id: string }).id };
  return s;
};

/** The publish refused on purpose (409) is logged by Chromium as a failed resource. */
const expectedErrors = (url: string, text: string) => url.includes('/publish') && text.includes('409');
const open = async (key: string, next = '/') => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
  contexts.push(context);
  const page = await context.newPage();
  watchConsole(page, key, consoleErrors, expectedErrors);
  pages[key] = page;
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId('login-username').fill(users[key]?.username as string);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === next.split('?')[0]);
  return page;
};
/** expect.poll with room for a busy machine (the default gives up after a second). */
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
/** A screenshot in Chinese, then the same page in English, then back to Chinese. */
const shoot = (page: Page, name: string) => shootBothLanguages(page, 'policies', name);
const pick = pickOption;
const match = (page: Page, key: string) => page.locator(`[data-testid="benefit-match"][data-key="${key}"]`);

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  db = await openTestDatabase();
  const config = parseConfig({ LOG_LEVEL: 'silent', KECHUANG_DATA_DIR: '/nonexistent-test-dir', LOGIN_IP_LIMIT_PER_MINUTE: '10000', JOBS_INTERVAL_SECONDS: '0' }, { webRoot });
  app = await buildApp({ config, database: db.handle, now: () => new Date(), sessionKey: Buffer.from('e2e-session-key-e2e-session-key-e2e') }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });

  const analyst = await makeUser('analyst', 'analyst', '周敏（政策分析员）');
  const officer = await makeUser('officer', 'service_officer', '王晓明（服务管家）');
  await publishSamplePolicies((method, url, payload) => app.inject({ method, url, headers: { cookie: analyst.cookie, 'x-csrf-token': analyst.csrf }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) }), C);
  // A sample enterprise in Haidian with made-up registry figures: 120 staff, revenue 1 亿, R&D 450 万 (4.5 %), a little-giant recognition.
  ids['ent'] = (await api(officer, 'POST', '/entities', { isSample: true, confirmNotDuplicate: true, kind: 'enterprise', areaId: HAIDIAN, foundedOn: '2014-06', nameZh: '示例精密仪器有限公司', nameEn: 'Sample Precision Instruments Co.' }, 201)).id as string;
  const ent = ids['ent'];
  await db.handle.db.insert(entityFacts).values([
    { id: 'e2e-pol-emp', entityId: ent, metric: 'employees', year: 2024, value: 120, unit: '人' },
    { id: 'e2e-pol-rev', entityId: ent, metric: 'revenue', year: 2024, value: 10_000, unit: '万元' },
    { id: 'e2e-pol-rd', entityId: ent, metric: 'rnd_expense', year: 2024, value: 450, unit: '万元' },
  ]);
  await db.handle.db.insert(recognitions).values({ id: 'e2e-pol-lg', entityId: ent, type: 'little_giant', validFrom: '2022', validTo: null });
  await makeUser('member', 'enterprise_member', '孙总（示例企业）', ent);
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [key, page] of Object.entries(pages)) await page.screenshot({ path: `${shots}/policies-failed-${key}.png`, fullPage: true }).catch(() => undefined);
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await app?.close();
  await db?.drop();
});

describe('an enterprise’s benefits', () => {
  test('the member sees eligible and unknown benefits, answers the question asked and sees the result change', async () => {
    const page = await open('member', '/my-benefits');
    await page.getByTestId('my-benefits-page').waitFor();
    await poll(() => match(page, 'SAMPLE-D1/district-rd').getAttribute('data-result')).toBe('eligible');
    expect(await match(page, 'SAMPLE-M1/rd-grant').getAttribute('data-result')).toBe('unknown');
    expect(await page.getByTestId('count-eligible').innerText()).toContain('1');
    expect(await page.getByTestId('count-unknown').innerText()).toContain('1');
    // the explanation: the clauses passed with the values used, what is missing, the sample label
    const eligible = match(page, 'SAMPLE-D1/district-rd');
    expect(await eligible.getByTestId('benefit-rule').innerText()).toContain('从业人员数');
    expect(await eligible.locator('[data-testid="match-clause"][data-holds="yes"]').count()).toBe(2);
    expect(await eligible.getByTestId('benefit-value').innerText()).toContain('45 万元');
    expect(await eligible.getByTestId('sample-tag').count()).toBe(1);
    expect(await match(page, 'SAMPLE-M1/rd-grant').getByTestId('benefit-missing').innerText()).toContain('纳税信用良好');
    await page.getByTestId('benefit-questions').waitFor();
    expect(await page.getByTestId('question-taxCompliant').innerText()).toContain('税');
    await shoot(page, 'my-benefits');

    await page.getByTestId('question-taxCompliant').getByText('是', { exact: true }).click();
    await page.getByTestId('questions-submit').click();
    await page.getByTestId('answers-saved').waitFor();
    await poll(() => match(page, 'SAMPLE-M1/rd-grant').getAttribute('data-result')).toBe('eligible');
    expect(await page.getByTestId('count-eligible').innerText()).toContain('2');
    expect(await page.getByTestId('benefit-questions').count()).toBe(0);
    // the two R&D benefits fund the same cost: the conflict names the one to choose
    expect(await page.getByTestId('benefit-conflict').innerText()).toContain('示例研发奖励');
    // the answer is shown as declared by the enterprise
    await poll(() => page.getByTestId('fact-taxCompliant').innerText()).toContain('企业回答');

    await page.getByTestId('push-consent-switch').click();
    await page.getByTestId('push-consent-recorded').waitFor();
    expect(await page.getByTestId('push-consent-recorded').innerText()).toContain('孙总');
    await shoot(page, 'my-benefits-answered');
    expect(consoleErrors).toEqual([]);
  });

  test('the officer sees the matched benefits on the enterprise view and the enterprises a benefit applies to', async () => {
    const page = await open('officer', `/services/enterprises/${ids['ent']}`);
    await page.getByTestId('enterprise-matched-policies').waitFor();
    await poll(() => page.getByTestId('matched-policy').count()).toBe(2);
    await shoot(page, 'enterprise-view');
    await page.getByTestId('matched-policies-open').click();
    await page.getByTestId('my-benefits-page').waitFor();
    await match(page, 'SAMPLE-M1/rd-grant').waitFor();

    await page.goto(`${base}/policies/SAMPLE-M1`);
    await page.getByTestId('policy-page').waitFor();
    await page.locator('[data-testid="policy-benefit"][data-code="rd-grant"]').getByTestId('benefit-enterprises-open').click();
    await page.getByTestId('benefit-enterprises').waitFor();
    await poll(() => page.getByTestId('benefit-enterprise-row').filter({ hasText: '示例精密仪器' }).count()).toBe(1);
    await capture(page, `${shots}/policies-benefit-enterprises-zh-CN.png`); // the dialog covers the language switch
    await page.keyboard.press('Escape');
    await page.getByTestId('benefit-enterprises').waitFor({ state: 'hidden' });
    await shoot(page, 'policy-sample');
    expect(consoleErrors).toEqual([]);
  });
});

describe('authoring a policy', () => {
  test('an analyst writes a rule with the builder, sees it in words and publishes; a second version supersedes the first', async () => {
    const page = await open('analyst', '/policies');
    await page.getByTestId('policies-page').waitFor();
    // the centre's catalogued documents and the three samples; the search finds the samples by code
    await poll(() => page.getByTestId('policy-row').count()).toBeGreaterThan(3);
    await (await numberInput(page.getByTestId('policies-search'))).fill('SAMPLE');
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('policy-row').count()).toBe(3);
    expect(await page.getByTestId('policy-row').getByTestId('sample-tag').count()).toBe(3);
    await shoot(page, 'library');
    await (await numberInput(page.getByTestId('policies-search'))).fill('');
    await page.keyboard.press('Enter');

    await page.getByTestId('policies-new').click();
    await page.getByTestId('policy-form-code').fill('SAMPLE-E2E-1');
    await page.getByTestId('policy-form-title-zh').fill('示例：区级专精特新企业研发奖励（测试数据）');
    await page.getByTestId('policy-form-title-en').fill('Sample: district R&D reward for specialised SMEs (test data)');
    await page.getByTestId('policy-form-issuer').fill('示例区科委');
    await page.getByTestId('policy-form-valid-from').fill('2025-06-01');
    await page.getByTestId('policy-form-sample').check();
    await page.getByTestId('policy-form-submit').click();
    await page.waitForURL((u) => u.pathname === '/policies/SAMPLE-E2E-1/edit');
    await page.getByTestId('policy-version-form').waitFor();

    await page.getByTestId('clause-add').click();
    await page.getByTestId('clause-number').fill('第二条');
    await page.getByTestId('clause-text-zh').fill('示例条款：研发投入强度不低于 3% 且纳税信用良好，并且从业人员不少于 50 人或 2018 年以后成立的企业，给予 30 万元奖励。');
    await page.getByTestId('benefit-add').click();
    const editor = page.getByTestId('benefit-editor');
    await editor.getByTestId('benefit-code').fill('rd-reward');
    await editor.getByTestId('benefit-name-zh').fill('示例研发奖励（区级）');
    await editor.getByTestId('benefit-name-en').fill('Sample district R&D reward');
    await (await numberInput(editor.getByTestId('benefit-amount'))).fill('300000');
    await pick(page, editor.getByTestId('benefit-clause-refs'), '', '第二条');
    await page.keyboard.press('Escape');

    // the rule: R&D intensity ≥ 3 and tax compliant and (employees ≥ 50 or founded ≥ 2018)
    const root = editor.getByTestId('rb-root');
    await root.getByTestId('rb-add-condition').first().click();
    const rows = editor.getByTestId('rb-condition');
    await pick(page, rows.nth(0).getByTestId('rb-fact'), '研发投入', '研发投入强度');
    await (await numberInput(rows.nth(0).getByTestId('rb-value'))).fill('3');
    await root.getByTestId('rb-add-condition').first().click();
    await pick(page, rows.nth(1).getByTestId('rb-fact'), '纳税', '纳税信用良好');
    await root.getByTestId('rb-add-group').first().click();
    const group = editor.getByTestId('rb-group');
    await group.getByTestId('rb-add-condition').click();
    await pick(page, rows.nth(2).getByTestId('rb-fact'), '从业', '从业人员数');
    await (await numberInput(rows.nth(2).getByTestId('rb-value'))).fill('50');
    await group.getByTestId('rb-add-condition').click();
    await pick(page, rows.nth(3).getByTestId('rb-fact'), '成立', '成立年份');
    await (await numberInput(rows.nth(3).getByTestId('rb-value'))).fill('2018');
    await page.getByTestId('policy-change-note').click(); // leave the last field so its value is committed
    const words = editor.getByTestId('rb-words');
    await poll(() => words.getAttribute('data-valid')).toBe('true');
    await poll(() => words.innerText()).toContain('研发投入强度 ≥ 3 % 且 纳税信用良好');
    await poll(() => words.innerText()).toMatch(/（从业人员数 ≥ 50 人 或 成立年份 ≥ 2018）/);

    // the JSON view shows the same rule
    await editor.getByTestId('rb-mode').getByText('JSON').click();
    const json = JSON.parse(await editor.getByTestId('rb-json').inputValue()) as unknown;
    expect(json).toEqual({
      and: [{ '>=': [{ var: 'rdIntensity' }, 3] }, { '==': [{ var: 'taxCompliant' }, true] }, { or: [{ '>=': [{ var: 'employees' }, 50] }, { '>=': [{ var: 'foundedYear' }, 2018] }] }],
    });
    await editor.getByTestId('rb-mode').getByText('可视化编辑').click();
    await shoot(page, 'editor');

    await page.getByTestId('policy-publish').click();
    await page.waitForURL((u) => u.pathname === '/policies/SAMPLE-E2E-1');
    await page.getByTestId('policy-page').waitFor();
    expect(await page.getByTestId('policy-benefit-rule').innerText()).toContain('研发投入强度 ≥ 3 %');
    expect(await page.getByTestId('policy-title').getByTestId('sample-tag').count()).toBe(1);
    await shoot(page, 'policy');

    // a second version from 2026-01-01 overlaps the first (open-ended): explained, then published ending the first
    await page.getByTestId('policy-edit').click();
    await page.getByTestId('policy-no-draft').waitFor();
    await page.getByTestId('policy-new-version-from').fill('2026-01-01');
    await page.getByTestId('policy-new-version').click();
    await page.getByTestId('policy-version-form').waitFor();
    await page.getByTestId('policy-change-note').fill('示例修订：奖励提高到 40 万元（测试数据）');
    await (await numberInput(page.getByTestId('benefit-amount'))).fill('400000');
    await page.getByTestId('policy-publish').click();
    await page.getByTestId('policy-publish-conflict').waitFor();
    expect(await page.getByTestId('policy-publish-conflict').innerText()).toContain('第 1 版');
    await capture(page, `${shots}/policies-publish-conflict-zh-CN.png`);
    await page.getByTestId('policy-publish-supersede').click();
    await page.waitForURL((u) => u.pathname === '/policies/SAMPLE-E2E-1');
    await page.getByTestId('policy-versions').waitFor();
    const detail = await api(await login(users['analyst']?.username as string), 'GET', '/policies/SAMPLE-E2E-1');
    expect((detail.versions as { version: number; state: string; validTo: string | null }[]).map((v) => [v.version, v.state, v.validTo])).toEqual([
      [1, 'published', '2025-12-31'],
      [2, 'published', null],
    ]);
    expect(consoleErrors).toEqual([]);
  });
});
