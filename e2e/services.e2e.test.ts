import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../src/shared/access.js';
import { buildApp } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import { runScheduledJobs } from '../src/server/jobs.js';
import { createUserFromCli } from '../src/server/modules/users/users.service.js';
import { openTestDatabase } from '../src/db/test-support/test-database.js';
import { capture, numberInput, shootBothLanguages, shots, watchConsole, webRoot, pickOption } from './support.js';

/**
 * Key-enterprise services in Chromium (issue 6), with sample records only
 * (示例/Sample): the enterprise signs off its service package; its
 * housekeeper records a visit that raises two needs, each routed to its
 * department; the handler accepts one, works it (an internal note and a
 * message), resolves it with a note; the enterprise, in a browser context of
 * its own, confirms it (the internal note is not shown to it) and rates it.
 * The other case is left idle: the test moves the server's clock on and runs
 * the scheduler (reminder at 3 days, escalation at 5), and the district
 * coordinator finds it in their worklist with the escalation shown. The
 * departments, accounts and the package are set up through the API. Every main
 * page is photographed in zh-CN and en-US (test-output/screenshots/services-*.png).
 */
const PASSWORD = 'Role-User-Passw0rd!';
const C = '/api/centres/beijing';
const HAIDIAN = 'bj-110108';
const DAY = 24 * 3600_000;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let offsetMs = 0;
let db: Awaited<ReturnType<typeof openTestDatabase>>;
const consoleErrors: string[] = [];
const ids: Record<string, string> = {};
const users: Record<string, { username: string; id: string }> = {};
const pages: Record<string, Page> = {};
const contexts: BrowserContext[] = [];
const now = () => new Date(Date.now() + offsetMs);

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
  const username = `svc-${key}-${++userCount}`;
  await createUserFromCli(db.handle.db, { username, displayName, role, centreId: 'beijing', organisationId, locale: 'zh-CN', password: PASSWORD }, now());
  const s = await login(username);
  users[key] = { username, id: ((await api(s, 'GET', '/api/auth/session')).user as { id: string }).id };
  return s;
};

const open = async (key: string, next = '/') => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
  contexts.push(context);
  const page = await context.newPage();
  // The disguised file the enterprise uploads on purpose is refused with a 400: not a console error.
  // Refused uploads answer 400 on purpose. The inbox poll may also be in flight when the clock jumps past a
  // session's idle limit (pages are parked first, but a poll already sent can still land after the jump): its 401 is the expired session, not a fault.
  watchConsole(page, key, consoleErrors, (url, text) => (/status of 400/.test(text) && /\/attachments/.test(url)) || (/status of 401/.test(text) && /\/api\/me\/notifications/.test(url)));
  pages[key] = page;
  await signIn(key, next);
  return page;
};
const signIn = async (key: string, next = '/') => {
  const page = pages[key] as Page;
  await page.context().clearCookies();
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId('login-username').fill(users[key]?.username as string);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === next);
};
/** Move the server's clock on; sessions idle out, so every open page signs in again. */
const advanceDays = async (days: number) => {
  // Leave the pages first: one polling the inbox with a session the jump has expired would log a 401.
  for (const page of Object.values(pages)) await page.goto('about:blank');
  offsetMs += days * DAY;
  for (const key of Object.keys(pages)) await signIn(key);
};
/** expect.poll with room for a busy machine (the default gives up after a second). */
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
/** A screenshot in Chinese, then the same page in English, then back to Chinese. */
const shoot = (page: Page, name: string) => shootBothLanguages(page, 'services', name);
const pick = pickOption;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now());

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  db = await openTestDatabase();
  const config = parseConfig({ LOG_LEVEL: 'silent', KECHUANG_DATA_DIR: '/nonexistent-test-dir', LOGIN_IP_LIMIT_PER_MINUTE: '10000', SESSION_IDLE_MINUTES: '1440', SESSION_ABSOLUTE_HOURS: '720', JOBS_INTERVAL_SECONDS: '0' }, { webRoot });
  app = await buildApp({ config, database: db.handle, now, sessionKey: Buffer.from('e2e-session-key-e2e-session-key-e2e') }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });

  // Set-up through the API, mirroring services.routes.test.ts.
  const keeper = await makeUser('keeper', 'service_officer', '王晓明（服务管家）');
  await makeUser('handler', 'service_officer', '李静（承办人）');
  await makeUser('district', 'service_officer', '赵刚（海淀区协调人）');
  await makeUser('city', 'service_officer', '陈敏（市级协调人）');
  const entity = async (payload: object) => (await api(keeper, 'POST', '/entities', { isSample: true, confirmNotDuplicate: true, kind: 'enterprise', areaId: HAIDIAN, ...payload }, 201)).id as string;
  ids['ent'] = await entity({ nameZh: '示例智能装备有限公司', nameEn: 'Sample Smart Equipment Co.' });
  ids['ent2'] = await entity({ nameZh: '示例芯片设计有限公司', nameEn: 'Sample Chip Design Co.' });
  for (const e of ['ent', 'ent2']) await api(keeper, 'POST', `/entities/${ids[e]}/recognitions`, { type: 'little_giant', sourceNote: '示例认定（测试数据）' }, 201);
  await makeUser('ent', 'enterprise_member', '孙总（示例企业）', ids['ent']);
  const dept = async (body: object) => (await api(keeper, 'POST', '/service-departments', body, 201)).id as string;
  ids['finance'] = await dept({ nameZh: '市金融服务处', nameEn: 'Municipal finance services', level: 'municipal', areaId: null, demandTypes: ['financing'], memberUserIds: [users['handler']?.id] });
  ids['talent'] = await dept({ nameZh: '海淀区人才服务中心', nameEn: 'Haidian talent services', level: 'district', areaId: HAIDIAN, demandTypes: ['talent_housing', 'land_space'], memberUserIds: [users['handler']?.id] });
  await dept({ nameZh: '海淀区企业服务协调组', nameEn: 'Haidian coordination office', level: 'district', areaId: HAIDIAN, isCoordinator: true, memberUserIds: [users['district']?.id] });
  await dept({ nameZh: '市企业服务协调办', nameEn: 'Municipal coordination office', level: 'municipal', areaId: null, isCoordinator: true, memberUserIds: [users['city']?.id] });
  const pkg = await api(
    keeper,
    'POST',
    '/service-packages',
    {
      enterpriseId: ids['ent'],
      keyBasis: 'tier:little_giant',
      primaryHousekeeperId: users['keeper']?.id,
      backupHousekeeperId: users['handler']?.id,
      services: [
        { code: 'scenario', titleZh: '应用场景对接', titleEn: 'Application scenario matching', slaDays: 30 },
        { code: 'finance', titleZh: '融资对接', titleEn: 'Financing matchmaking', slaDays: 20, notes: '每季度组织一次银企对接' },
      ],
      checkInEveryDays: 30,
      nextCheckInOn: today(),
    },
    201,
  );
  ids['package'] = pkg.id as string;
  await api(keeper, 'POST', `/service-packages/${ids['package']}/transitions`, { action: 'offer' });
});

// A failed stage leaves a picture of every open page and the console errors so far.
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [key, page] of Object.entries(pages)) await page.screenshot({ path: `${shots}/services-failed-${key}.png`, fullPage: true }).catch(() => undefined);
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await app?.close();
  await db?.drop();
});

describe('key-enterprise services in the browser', () => {
  test('the enterprise signs off the package its housekeeper offered', async () => {
    const ent = await open('ent', '/services/demands');
    await ent.getByTestId('my-package').waitFor();
    await ent.getByTestId('my-package-open').click();
    await ent.getByTestId('package-page').waitFor();
    await poll(() => ent.getByTestId('package-state').getAttribute('data-state')).toBe('offered');
    await ent.getByTestId('package-sign-prompt').waitFor();
    expect(await ent.getByTestId('package-service-row').count()).toBe(2);
    await shoot(ent, 'package-offered');
    await ent.getByTestId('package-action-sign').click();
    await poll(() => ent.getByTestId('package-state').getAttribute('data-state')).toBe('signed');
  });

  test('the housekeeper records a visit raising two needs; each is routed to its department', async () => {
    const keeper = await open('keeper', '/services');
    await keeper.getByTestId('service-desk-page').waitFor();
    await keeper.getByTestId('desk-enterprise-row').first().waitFor();
    expect(await keeper.getByTestId('desk-enterprise-row').first().getAttribute('data-due')).toBe('true');
    await shoot(keeper, 'desk-housekeeper');

    await keeper.getByTestId('desk-record-visit').click();
    await keeper.getByTestId('visit-form').waitFor();
    await pick(keeper, keeper.getByTestId('visit-enterprise'), '', /示例智能装备/);
    expect(await keeper.getByTestId('visit-date').inputValue()).toBe(today());
    await keeper.getByTestId('participant-name').nth(0).fill('王晓明');
    await keeper.getByTestId('participant-role').nth(0).fill('服务管家');
    await keeper.getByTestId('participant-name').nth(1).fill('孙立');
    await keeper.getByTestId('participant-role').nth(1).fill('总经理');
    await keeper.getByTestId('visit-topics').click();
    for (const topic of ['融资', '人才公寓']) {
      await keeper.keyboard.type(topic);
      await keeper.keyboard.press('Enter');
    }
    await keeper.getByTestId('visit-notes').fill('企业新产线投产，正在扩招算法工程师；研发贷款贴息尚未到账。');
    await keeper.getByTestId('visit-add-need').click();
    await pick(keeper, keeper.getByTestId('need-type').nth(0), '', '融资');
    await keeper.getByTestId('need-title').nth(0).fill('研发贷款贴息申请进度');
    await keeper.getByTestId('need-description').nth(0).fill('企业申请的研发贷款贴息至今未到账，希望了解办理进度。');
    await keeper.getByTestId('visit-add-need').click();
    await pick(keeper, keeper.getByTestId('need-type').nth(1), '', '人才与住房');
    await keeper.getByTestId('need-title').nth(1).fill('人才公寓配租名额不足');
    await keeper.getByTestId('need-description').nth(1).fill('新引进的算法工程师排队等待人才公寓配租，名额不足，时间较长。');
    await shoot(keeper, 'visit-form');
    await keeper.getByTestId('visit-submit').click();
    await keeper.getByTestId('visit-result').waitFor();
    await poll(() => keeper.getByTestId('visit-routed-department').allTextContents()).toEqual(['市金融服务处', '海淀区人才服务中心']);
    await shoot(keeper, 'visit-routed');

    const visits = (await api(await login(users['keeper']?.username as string), 'GET', `/service-visits?enterpriseId=${ids['ent']}`)).items as { demandIds: string[] }[];
    [ids['financing'], ids['housing']] = visits[0]?.demandIds as [string, string];
  });

  test('the handler accepts one case, works it, and resolves it with a note', async () => {
    const handler = await open('handler', '/services');
    await handler.getByTestId('desk-worklist-table').waitFor();
    await poll(() => handler.getByTestId('demand-row').count()).toBe(2);
    await handler.getByTestId('demand-link').filter({ hasText: '研发贷款贴息' }).click();
    await handler.getByTestId('demand-page').waitFor();
    await poll(() => handler.getByTestId('demand-state').first().getAttribute('data-state')).toBe('received');
    await poll(() => handler.getByTestId('demand-clock-response').getAttribute('data-state')).toBe('running');

    await handler.getByTestId('demand-action-accept').click();
    await poll(() => handler.getByTestId('demand-state').first().getAttribute('data-state')).toBe('accepted');
    await poll(() => handler.getByTestId('demand-clock-response').getAttribute('data-state')).toBe('met');
    await handler.getByTestId('demand-action-start').click();
    await poll(() => handler.getByTestId('demand-state').first().getAttribute('data-state')).toBe('in_progress');

    await handler.getByTestId('demand-message-internal').click();
    await handler.getByTestId('demand-message-input').fill('已联系合作银行核实放款流程，贴息资金本周内拨付。');
    await handler.getByTestId('demand-message-send').click();
    await poll(() => handler.locator('[data-testid="thread-event"][data-internal="true"]').count()).toBe(1);
    await handler.getByTestId('demand-message-input').fill('您好，我们已收到诉求，正在与银行核实，请耐心等待。');
    await handler.getByTestId('demand-message-send').click();
    await poll(() => handler.locator('[data-testid="thread-event"][data-kind="message"]').count()).toBe(2);

    await handler.getByTestId('demand-action-resolve').click();
    await poll(() => handler.getByTestId('demand-action-dialog-ok').isDisabled()).toBe(true);
    await handler.getByTestId('demand-action-note').fill('贴息资金已于今日拨付至企业账户。');
    await handler.getByTestId('demand-action-dialog-ok').click();
    await poll(() => handler.getByTestId('demand-state').first().getAttribute('data-state')).toBe('resolved');
    await poll(() => handler.getByTestId('demand-clock-resolution').getAttribute('data-state')).toBe('met');
    await shoot(handler, 'demand-officer');
  });

  test('the enterprise, in its own browser, confirms the resolution and rates it; it never sees the internal note', async () => {
    const ent = pages['ent'] as Page;
    await ent.goto(`${base}/services/demands`);
    await ent.getByTestId('ledger-table').waitFor();
    await poll(() => ent.getByTestId('demand-row').count()).toBe(2);
    await shoot(ent, 'my-demands');
    await ent.getByTestId('demand-link').filter({ hasText: '研发贷款贴息' }).click();
    await ent.getByTestId('demand-page').waitFor();
    await poll(() => ent.getByTestId('demand-state').first().getAttribute('data-state')).toBe('resolved');
    expect(await ent.locator('[data-testid="thread-event"][data-internal="true"]').count()).toBe(0);
    expect(await ent.getByTestId('demand-thread').textContent()).toContain('正在与银行核实');
    expect(await ent.getByTestId('demand-thread').textContent()).not.toContain('合作银行核实放款流程');
    await ent.getByTestId('demand-reopen-window').waitFor();
    expect(await ent.getByTestId('demand-action-accept').count()).toBe(0);

    await ent.getByTestId('demand-action-confirm').click();
    await poll(() => ent.getByTestId('demand-state').first().getAttribute('data-state')).toBe('confirmed');
    await ent.getByTestId('demand-rating-form').waitFor();
    await ent.locator('[data-testid="demand-rating-stars"] .ant-rate-star').nth(4).click();
    await ent.getByTestId('demand-rating-comment').fill('办理及时，沟通顺畅。');
    await ent.getByTestId('demand-rating-submit').click();
    await poll(() => ent.getByTestId('demand-rating').getAttribute('data-rating')).toBe('5');

    // A file in the thread: a disguised one is refused with the reason; a real PDF appears as a download link.
    await ent.getByTestId('demand-file-input').setInputFiles({ name: '到账凭证.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ this is not a PDF') });
    await poll(() => ent.getByTestId('demand-composer-error').textContent()).toContain('到账凭证.pdf');
    await ent.getByTestId('demand-file-input').setInputFiles({ name: '到账凭证.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n') });
    await poll(() => ent.getByTestId('thread-file').count()).toBe(1);
    expect(await ent.getByTestId('thread-file').first().textContent()).toContain('到账凭证.pdf');
    await shoot(ent, 'demand-enterprise');
  });

  test('the other case goes idle: the scheduler reminds at 3 days and escalates at 5; the district coordinator sees it in their worklist', async () => {
    await advanceDays(3.2);
    let [report] = await runScheduledJobs(app.kc, now());
    expect(report?.services).toMatchObject({ reminded: 1, escalated: 0 });
    await advanceDays(2);
    [report] = await runScheduledJobs(app.kc, now());
    expect(report?.services).toMatchObject({ escalated: 1 });

    const district = await open('district', '/services');
    await district.getByTestId('desk-worklist-table').waitFor();
    const row = district.getByTestId('demand-row');
    await poll(() => row.count()).toBe(1);
    expect(await row.first().getAttribute('data-escalation')).toBe('1');
    expect(await row.first().getByTestId('escalation-tag').textContent()).toContain('区级协调人');
    expect(await row.first().textContent()).toContain('人才公寓配租名额不足');
    await shoot(district, 'desk-district');

    await district.getByTestId('demand-link').first().click();
    await district.getByTestId('demand-page').waitFor();
    await poll(() => district.locator('[data-testid="thread-event"][data-kind="escalation"]').count()).toBe(1);
    expect(await district.locator('[data-testid="thread-event"][data-kind="reminder"]').count()).toBe(1);
    expect(await district.getByTestId('demand-thread').textContent()).toContain('已升级至区级协调人');
    expect(await district.getByTestId('demand-action-accept').isEnabled()).toBe(true);
    await shoot(district, 'demand-escalated');

    await district.goto(`${base}/inbox`);
    await district.locator('[data-testid="inbox-item"][data-template="demand_escalated"]').waitFor();
    await shoot(district, 'inbox-escalated');
  });

  test('the ledger, packages, departments, metrics and the enterprise view read the same records', async () => {
    // A second enterprise raises the same housing problem: the policy-gap queue picks it up.
    const keeperApi = await login(users['keeper']?.username as string);
    await api(keeperApi, 'POST', '/demands', { enterpriseId: ids['ent2'], type: 'talent_housing', title: '人才公寓配租排队时间长', description: '芯片设计人才等待人才公寓配租时间过长，名额紧张。' }, 201);
    const keeper = pages['keeper'] as Page;

    await keeper.goto(`${base}/services/demands`);
    await keeper.getByTestId('ledger-table').waitFor();
    await poll(() => keeper.getByTestId('demand-row').count()).toBe(3);
    await shoot(keeper, 'ledger');

    await keeper.goto(`${base}/services/packages`);
    await keeper.getByTestId('package-row').first().waitFor();
    expect(await keeper.getByTestId('package-row').first().getAttribute('data-state')).toBe('signed');
    await shoot(keeper, 'packages');
    await keeper.getByTestId('packages-tab-candidates').click();
    await keeper.getByTestId('candidate-row').first().waitFor();
    await poll(() => keeper.locator('[data-testid="candidate-row"][data-has-package="false"]').count()).toBe(1);
    await shoot(keeper, 'candidates');
    await keeper.getByTestId('candidate-start').click();
    await keeper.getByTestId('package-form').waitFor();
    await shoot(keeper, 'package-new');

    await keeper.goto(`${base}/services/packages/${ids['package']}`);
    await poll(() => keeper.getByTestId('package-state').getAttribute('data-state')).toBe('signed');
    await shoot(keeper, 'package-signed');
    // A change of schedule only (the promised services stay): sent with the version seen, the package stays signed.
    await keeper.getByTestId('package-edit-open').click();
    await keeper.getByTestId('package-form').waitFor();
    await (await numberInput(keeper.getByTestId('package-form-every'))).fill('60');
    await capture(keeper, `${shots}/services-package-edit-zh-CN.png`);
    await keeper.getByTestId('package-form-submit').click();
    await poll(() => keeper.getByTestId('package-schedule').textContent()).toContain('每 60 天');
    expect(await keeper.getByTestId('package-state').getAttribute('data-state')).toBe('signed');

    await keeper.goto(`${base}/services/departments`);
    await poll(() => keeper.getByTestId('department-row').count()).toBe(4);
    await keeper.getByTestId('departments-new').click();
    await keeper.getByTestId('department-form').waitFor();
    await capture(keeper, `${shots}/services-department-form-zh-CN.png`);
    await keeper.keyboard.press('Escape');
    await shoot(keeper, 'departments');

    await keeper.goto(`${base}/services/metrics`);
    await keeper.getByTestId('metrics-headline').waitFor();
    await keeper.getByTestId('metrics-trend-rates-chart').waitFor();
    await keeper.getByTestId('systemic-issue').first().waitFor();
    expect(await keeper.getByTestId('metrics-rate-response').textContent()).toContain('1 / 2');
    await shoot(keeper, 'metrics');

    await keeper.goto(`${base}/services/enterprises/${ids['ent']}`);
    await keeper.getByTestId('enterprise-visit').first().waitFor();
    expect(await keeper.getByTestId('enterprise-matched-policies').count()).toBe(0);
    await shoot(keeper, 'enterprise-view');

    await keeper.goto(`${base}/services`);
    await keeper.getByTestId('desk-worklist-table').waitFor();
    await shoot(keeper, 'desk-after');

    // The ledger's yearly figure in the indicator catalogue names its cases: its note links to the ledger filtered to them.
    await runScheduledJobs(app.kc, now());
    await keeper.goto(`${base}/indicators/demands_received`);
    const records = keeper.getByTestId('figure-derivation-records').first();
    await records.waitFor();
    await poll(() => keeper.getByTestId('figure-derivation').first().textContent()).toContain('计入 3 条记录');
    await shoot(keeper, 'derived-figure');
    await records.click();
    await keeper.waitForURL((u) => u.pathname === '/services/demands' && u.searchParams.get('year') === today().slice(0, 4));
    await poll(() => keeper.getByTestId('demand-row').count()).toBe(3);
    expect(await keeper.getByTestId('ledger-filter-year').inputValue()).toBe(today().slice(0, 4));
  });

  test('the enterprise raises a demand of its own; with no department for its type, the page says it is not routed', async () => {
    const ent = pages['ent'] as Page;
    await ent.goto(`${base}/services/demands`);
    await ent.getByTestId('ledger-new-demand').click();
    await ent.getByTestId('new-demand-form').waitFor();
    await pick(ent, ent.getByTestId('new-demand-type'), '', '知识产权');
    await ent.getByTestId('new-demand-title').fill('专利快速预审通道咨询');
    await ent.getByTestId('new-demand-description').fill('企业有三项发明专利申请，希望了解能否进入快速预审通道。');
    await capture(ent, `${shots}/services-new-demand-zh-CN.png`);
    await ent.getByTestId('new-demand-submit').click();
    await ent.getByTestId('demand-page').waitFor();
    await poll(() => ent.getByTestId('demand-title').textContent()).toContain('专利快速预审通道咨询');
    expect(await ent.getByTestId('demand-department').textContent()).toBe('未分派');
    expect(await ent.getByTestId('demand-action-withdraw').isEnabled()).toBe(true);
    await shoot(ent, 'demand-unrouted');

    expect(consoleErrors).toEqual([]);
  });
});
