import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../src/shared/access.js';
import { buildApp } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import { createUserFromCli } from '../src/server/modules/users/users.service.js';
import { openTestDatabase } from '../src/db/test-support/test-database.js';
import { numberInput, shootBothLanguages, shots, watchConsole, webRoot, pickOption } from './support.js';

/**
 * One complete 揭榜挂帅 in Chromium, draft to acceptance, with sample records
 * only (示例/Sample): an officer drafts and publishes the call for a demand
 * owner; two teams bid (autosaved drafts, eligibility on submit); auto-assign
 * skips a reviewer whose past job at team A's lead is found in the registry;
 * three reviewers score; the officer ranks, awards and rejects; the team
 * reports milestone evidence, the demand owner verifies it, the officer pays,
 * and the demand owner accepts against the call's own criterion. Users,
 * organisations, relations, the programme and the expert pool are set up
 * through the API; every stage runs in the browser. The server's clock is
 * moved past the deadline and the appeal window. Each stage is photographed
 * in zh-CN and en-US (test-output/screenshots/calls-*.png).
 */
const PASSWORD = 'Role-User-Passw0rd!';
const C = '/api/centres/beijing';
let app: FastifyInstance;
let browser: Browser;
let base: string;
let offsetMs = 0;
let drop: () => Promise<void>;
const consoleErrors: string[] = [];
const ids: Record<string, string> = {};
const users: Record<string, string> = {};
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
const userCount = { n: 0 };
const makeUser = async (key: string, role: Role, organisationId: string | null = null) => {
  const { handle } = db;
  const username = `calls-${key.toLowerCase()}-${++userCount.n}`;
  await createUserFromCli(handle.db, { username, displayName: `示例 ${key}`, role, centreId: 'beijing', organisationId, locale: 'zh-CN', password: PASSWORD }, new Date(Date.now() + offsetMs));
  users[key] = username;
  return username;
};
let db: Awaited<ReturnType<typeof openTestDatabase>>;

/** The 4xx responses a step provokes on purpose (a refused transition, the disguised upload) are not console errors. */
const open = async (key: string) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'UTC', reducedMotion: 'reduce' });
  contexts.push(context);
  const page = await context.newPage();
  watchConsole(page, key, consoleErrors, (url, text) => (/status of 409/.test(text) && /transitions|applications/.test(url)) || (/status of 400/.test(text) && /attachments/.test(url)));
  pages[key] = page;
  await signIn(key);
  return page;
};
const signIn = async (key: string) => {
  const page = pages[key] as Page;
  await page.context().clearCookies();
  await page.goto(`${base}/login?next=${encodeURIComponent('/calls')}`);
  await page.getByTestId('login-username').fill(users[key] as string);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === '/calls');
};
/** A screenshot in Chinese, then the same page in English, then back to Chinese. */
const shoot = (page: Page, name: string) => shootBothLanguages(page, 'calls', name);
/** antd Select: open it, type, pick the option whose text matches. */
const pick = (page: Page, testId: string, typed: string, option: string | RegExp) => pickOption(page, page.getByTestId(testId), typed, option);
const advanceDays = async (days: number) => {
  // Leave the pages first: one polling the inbox with a session the jump has expired would log a 401.
  for (const page of Object.values(pages)) await page.goto('about:blank');
  offsetMs += days * 24 * 3600_000;
  for (const key of Object.keys(pages)) await signIn(key);
};
const action = (page: Page, prefix: string, name: string) => page.getByTestId(`${prefix}-${name}`);

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  db = await openTestDatabase();
  drop = db.drop;
  const config = parseConfig({ LOG_LEVEL: 'silent', KECHUANG_DATA_DIR: '/nonexistent-test-dir', LOGIN_IP_LIMIT_PER_MINUTE: '10000', SESSION_IDLE_MINUTES: '1440', SESSION_ABSOLUTE_HOURS: '720' }, { webRoot });
  app = await buildApp({ config, database: db.handle, now: () => new Date(Date.now() + offsetMs), sessionKey: Buffer.from('e2e-session-key-e2e-session-key-e2e') }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });

  // Set-up through the API, mirroring calls.routes.test.ts.
  await makeUser('officer', 'service_officer');
  const officer = await login(users['officer'] as string);
  const entity = async (payload: object) => (await api(officer, 'POST', '/entities', { isSample: true, confirmNotDuplicate: true, ...payload }, 201)).id as string;
  ids['owner'] = await entity({ kind: 'enterprise', nameZh: '示例链主企业', nameEn: 'Sample Chain-Master Co.' });
  ids['univ'] = await entity({ kind: 'university', nameZh: '示例大学', nameEn: 'Sample University' });
  ids['leadA'] = await entity({ kind: 'enterprise', nameZh: '示例甲科技公司', nameEn: 'Sample Alpha Tech Co.' });
  ids['piA'] = await entity({ kind: 'talent', nameZh: '示例负责人甲', nameEn: 'Sample PI Alpha' });
  ids['piB'] = await entity({ kind: 'talent', nameZh: '示例负责人乙', nameEn: 'Sample PI Beta' });
  for (const k of ['rev1', 'rev2', 'rev3']) ids[k] = await entity({ kind: 'talent', nameZh: `示例评审专家${k.slice(3)}`, nameEn: `Sample Reviewer ${k.slice(3)}` });
  // Reviewer 3 worked at team A's lead until last year: the registry knows, so the platform flags it.
  await api(officer, 'POST', '/relations', { type: 'affiliated_with', fromId: ids['rev3'], toId: ids['leadA'], validFrom: '2015', validTo: '2025', sourceNote: 'Sample relation (test)' }, 201);
  await makeUser('owner', 'enterprise_member', ids['owner']);
  await makeUser('teamA', 'enterprise_member', ids['leadA']);
  await makeUser('teamB', 'research_member', ids['univ']);
  for (const k of ['rev1', 'rev2', 'rev3']) await makeUser(k, 'expert_reviewer');
  const programme = await api(
    officer,
    'POST',
    '/call-programmes',
    {
      kind: 'unveil_list',
      titleZh: '示例 2026 关键核心技术揭榜挂帅',
      titleEn: 'Sample 2026 key technology open calls',
      year: 2026,
      isSample: true,
      settings: {
        form: {
          aggregation: 'median',
          overallThreshold: 50,
          criteria: [
            { id: 'technical', label: '技术路线 / Technical route', kind: 'numeric', min: 0, max: 10, weight: 60, commentBelow: 5, threshold: null },
            { id: 'team', label: '团队能力 / Team', kind: 'rating', scale: 5, weight: 30 },
            { id: 'feasible', label: '可行性 / Feasible', kind: 'pass_fail', weight: 10, commentBelow: 1 },
          ],
        },
        minReviewers: 2,
        minCompletedReviews: 2,
        requiredDeclarations: ['no_duplicate_funding'],
        appealDays: 1,
        discloseReviewers: true,
      },
    },
    201,
  );
  ids['programme'] = programme.id as string;
  for (const k of ['rev1', 'rev2', 'rev3']) {
    const s = await login(users[k] as string);
    const userId = ((await api(s, 'GET', '/api/auth/session')).user as { id: string }).id;
    await api(officer, 'POST', '/experts', { entityId: ids[k], userId, fields: k === 'rev3' ? ['ict.ai'] : ['ict'], maxLoad: 5 }, 201);
  }
});

// A failed stage leaves a picture of every open page and the console errors so far.
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [key, page] of Object.entries(pages)) await page.screenshot({ path: `${shots}/calls-failed-${key}.png`, fullPage: true }).catch(() => undefined);
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await app?.close();
  await drop?.();
});

/** A team's bid through the form: plan, PI, a milestone, budget, declaration; autosaved, then submitted. */
const bid = async (key: string, pi: string, title: string) => {
  const page = pages[key] as Page;
  await page.goto(`${base}/calls/${ids['call']}`);
  await action(page, 'call', 'apply').click();
  await page.waitForURL(/\/calls\/applications\//);
  ids[`app_${key}`] = page.url().split('/').pop() as string;
  await page.getByTestId('application-form').waitFor();
  await page.getByTestId('application-title').fill(title);
  await pick(page, 'application-pi', pi.slice(0, 4), pi);
  await page.getByTestId('application-trl').fill('5');
  await page.getByTestId('application-plan').fill('示例技术方案：模型量化、算子融合与面向目标 NPU 的编译器。Sample plan: quantisation, kernel fusion and an NPU compiler.');
  await page.getByTestId('application-add-milestone').click();
  const m = page.getByTestId('application-milestone').first();
  await m.getByTestId('milestone-title').fill('示例样机 / Sample prototype');
  await m.getByTestId('milestone-due').fill('2026-12-31');
  await m.getByTestId('milestone-share').fill('100');
  await m.getByTestId('milestone-deliverable').fill('通过吞吐量测试的样机 / Prototype passing the throughput test');
  await m.getByTestId('milestone-verification').fill('第三方检测报告 / Third-party lab report');
  await page.getByTestId('application-budget-total').fill('2000000');
  await page.getByTestId('application-budget-self').fill('600000');
  await page.getByTestId('declaration-no_duplicate_funding').check();
  await expect.poll(() => page.getByTestId('application-autosave').getAttribute('data-status'), { timeout: 15_000 }).toBe('saved');
  return page;
};

describe('揭榜挂帅 in Chromium, draft to acceptance', () => {
  test('officer drafts the call: blocked reasons shown, then completed, submitted and published', async () => {
    const page = await open('officer');
    expect(await page.getByTestId('nav-open-calls').getAttribute('href')).toBe('/calls');
    // Programmes and the expert pool, from the list's header.
    await page.getByTestId('calls-admin').click();
    await page.getByTestId('programme-row').filter({ hasText: '示例 2026' }).getByTestId('sample-tag').waitFor();
    await shoot(page, '00a-admin-programmes');
    await page.getByTestId('calls-admin-tab-experts').click();
    await expect.poll(() => page.getByTestId('expert-row').count()).toBe(3);
    await shoot(page, '00b-admin-experts');
    await page.getByTestId('calls-admin-back').click();
    await page.getByTestId('calls-new').click();
    await page.getByTestId('call-form').waitFor();
    await pick(page, 'call-form-programme', '', /示例 2026/);
    await pick(page, 'call-form-owner', '示例链主', '示例链主企业');
    await page.getByTestId('call-form-title-zh').fill('示例：端侧大模型推理加速');
    await page.getByTestId('call-form-title-en').fill('Sample: on-device model inference acceleration');
    await page.getByTestId('call-form-problem').fill('示例问题：端侧推理吞吐量不足，无法满足目标场景。Sample problem: on-device inference is too slow for the target use.');
    await page.getByTestId('call-form-fields').click();
    await page.keyboard.type('ict.ai');
    await page.keyboard.press('Enter');
    await page.getByTestId('call-form-chain').fill('示例：AI 芯片 / 推理');
    await page.getByTestId('call-form-trl').fill('6');
    const deadline = new Date(Date.now() + offsetMs + 2 * 3600_000);
    await page.getByTestId('call-form-deadline').fill(deadline.toISOString().slice(0, 16));
    const crit = page.getByTestId('call-form-criterion').first();
    await crit.getByTestId('criterion-metric').fill('示例推理吞吐量 / Sample inference throughput');
    await crit.getByTestId('criterion-threshold').fill('100');
    await crit.getByTestId('criterion-unit').fill('tokens/s');
    await crit.getByTestId('criterion-test-method').fill('示例：第三方在参考数据集上测试 / Sample third-party benchmark');
    await page.getByTestId('call-form-budget').fill('5000000');
    await page.getByTestId('call-form-consortium-min').fill('1');
    await page.getByTestId('call-form-consortium-max').fill('4');
    await page.getByTestId('call-form-trl-gap').fill('2');
    await page.getByTestId('call-form-sample').check();
    await page.getByTestId('call-form-submit').click();
    await page.waitForURL(/\/calls\/[0-9a-f-]{36}$/);
    ids['call'] = page.url().split('/').pop() as string;
    // No IP terms and no payment schedule yet: the step is disabled with the guards' reasons.
    await expect.poll(() => action(page, 'call-action', 'submit_for_review').isDisabled()).toBe(true);
    const blocked = await page.getByTestId('call-action-blocked').innerText();
    expect(blocked).toContain('须选择知识产权条款模板');
    expect(blocked).toContain('须设定拨付计划');
    await page.getByTestId('sample-tag').first().waitFor();
    await shoot(page, '01-draft-blocked');

    await page.getByTestId('call-edit').click();
    await page.getByTestId('call-form').waitFor();
    await pick(page, 'call-form-ip', '', '团队所有');
    await page.getByTestId('call-form-add-tranche').click();
    const tranche = page.getByTestId('call-form-tranche').first();
    await tranche.getByTestId('tranche-label').fill('样机验收 / Prototype accepted');
    await tranche.getByTestId('tranche-share').fill('100');
    await page.getByTestId('call-form-submit').click();
    await page.waitForURL((u) => u.pathname === `/calls/${ids['call']}`);
    await action(page, 'call-action', 'submit_for_review').click();
    await expect.poll(() => page.getByTestId('call-state').getAttribute('data-state')).toBe('internal_review');
    await action(page, 'call-action', 'publish').click();
    await expect.poll(() => page.getByTestId('call-state').getAttribute('data-state')).toBe('published');
    await page.getByTestId('call-frozen-terms').waitFor();
    await shoot(page, '02-published');

    // The public list: filterable by field.
    await page.goto(`${base}/calls?field=ict`);
    await page.getByTestId('call-row').first().waitFor();
    await shoot(page, '03-list');
  });

  test('two teams bid: autosaved drafts, eligibility checked on submit', async () => {
    await open('teamA');
    await open('teamB');
    const a = await bid('teamA', '示例负责人甲', '示例 甲团队揭榜方案 / Sample team A bid');
    // A file on the draft: a disguised one is refused with the reason, a real PDF is listed.
    await a.getByTestId('attachment-input').setInputFiles({ name: '示例伪装.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') });
    await expect.poll(() => a.getByTestId('attachment-error').textContent()).toMatch(/扩展名不符/);
    await a.getByTestId('attachment-input').setInputFiles({ name: '示例技术方案.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n% sample technical plan (test data)\n%%EOF\n') });
    await expect.poll(() => a.getByTestId('attachment').count()).toBe(1);
    await shoot(a, '04-bid-draft');
    await action(a, 'application-action', 'submit').click();
    await expect.poll(() => a.getByTestId('application-state').getAttribute('data-state')).toBe('eligible');
    await a.getByTestId('application-eligibility').waitFor();
    await shoot(a, '05-bid-eligible');
    const b = await bid('teamB', '示例负责人乙', '示例 乙团队揭榜方案 / Sample team B bid');
    await action(b, 'application-action', 'submit').click();
    await expect.poll(() => b.getByTestId('application-state').getAttribute('data-state')).toBe('eligible');
  });

  test('after the deadline: close, auto-assign flags the conflict with its evidence, review starts', async () => {
    await advanceDays(0.2);
    const page = pages['officer'] as Page;
    await page.goto(`${base}/calls/${ids['call']}`);
    await action(page, 'call-action', 'close').click();
    await expect.poll(() => page.getByTestId('call-state').getAttribute('data-state')).toBe('closed');
    await page.getByTestId('call-tab-assignments').click();
    await page.getByTestId('assign-auto').click();
    const conflict = page.getByTestId('assign-conflict');
    await conflict.first().waitFor();
    expect(await conflict.first().innerText()).toContain('示例评审专家3');
    expect(await conflict.first().getByTestId('coi-flag').getAttribute('data-kind')).toBe('same_organisation');
    await expect.poll(() => conflict.first().getByTestId('coi-evidence').innerText()).toMatch(/2015[\s\S]*2025/);
    await expect.poll(() => page.getByTestId('assignment-row').count()).toBe(4);
    await shoot(page, '06-assignments-conflict');
    await action(page, 'call-action', 'start_review').click();
    await expect.poll(() => page.getByTestId('call-state').getAttribute('data-state')).toBe('under_review');
  });

  test('three reviewers score their assignments', async () => {
    const sheet: Record<string, { technical: string; team: number }> = { rev1: { technical: '9', team: 5 }, rev2: { technical: '7', team: 4 }, rev3: { technical: '6', team: 3 } };
    for (const k of ['rev1', 'rev2', 'rev3']) {
      const page = await open(k);
      await page.getByTestId('calls-my-reviews').click();
      await page.getByTestId('reviews-page').waitFor();
      const cards = page.getByTestId('assignment-card').filter({ has: page.getByTestId('score-form') });
      await cards.first().waitFor();
      const n = await cards.count();
      for (let i = 0; i < n; i++) {
        const card = page.getByTestId('assignment-card').filter({ has: page.getByTestId('score-form') }).first();
        const s = sheet[k] as { technical: string; team: number };
        await (await numberInput(card.getByTestId('score-technical'))).fill(s.technical);
        await card.getByTestId('score-team').locator('li').nth(s.team - 1).click();
        await card.getByTestId('score-feasible').getByText('通过', { exact: true }).click();
        if (k === 'rev1' && i === 0) await shoot(page, '07-review-form');
        await card.getByTestId('score-submit').click();
        await expect.poll(() => page.getByTestId('assignment-card').filter({ has: page.getByTestId('score-form') }).count()).toBe(n - i - 1);
      }
    }
  });

  test('officer: ranking, calibration, award and reject, memo, results published', async () => {
    const page = pages['officer'] as Page;
    await page.goto(`${base}/calls/${ids['call']}`);
    await page.getByTestId('call-tab-ranking').click();
    await page.getByTestId('ranking-row').first().waitFor();
    await shoot(page, '08-ranking');
    await page.getByTestId('call-tab-calibration').click();
    await page.getByTestId('call-officer').getByText(/严格度|评分尚不足以校准/).first().waitFor();

    await page.goto(`${base}/calls/applications/${ids['app_teamA']}`);
    await action(page, 'application-action', 'award').click();
    await (await numberInput(page.getByTestId('application-action-amount'))).fill('3000000');
    await page.getByTestId('application-action-confirm').click();
    await expect.poll(() => page.getByTestId('application-state').getAttribute('data-state')).toBe('awarded');
    await page.goto(`${base}/calls/applications/${ids['app_teamB']}`);
    await action(page, 'application-action', 'reject').click();
    await expect.poll(() => page.getByTestId('application-state').getAttribute('data-state')).toBe('rejected');

    await page.goto(`${base}/calls/${ids['call']}`);
    await page.getByTestId('call-memo-input').fill('示例决策说明：甲团队各项评分均居第一。Sample memo: team A ranks first on every criterion.');
    await page.getByTestId('call-memo-save').click();
    await expect.poll(() => action(page, 'call-action', 'award').isDisabled()).toBe(false);
    await action(page, 'call-action', 'award').click();
    await expect.poll(() => page.getByTestId('call-state').getAttribute('data-state')).toBe('awarded');
    await page.getByTestId('call-winner').waitFor();
    await shoot(page, '09-awarded');

    // The losing team sees its anonymous scores.
    const b = pages['teamB'] as Page;
    await b.goto(`${base}/calls/applications/${ids['app_teamB']}`);
    await b.getByTestId('application-scores').waitFor();
    await shoot(b, '10-scores-for-losing-team');
  });

  test('execution: evidence, verification by the demand owner, payment, completion and final acceptance', async () => {
    await advanceDays(2);
    const owner = await open('owner');
    await owner.goto(`${base}/calls/${ids['call']}`);
    await action(owner, 'call-action', 'start_execution').click();
    await expect.poll(() => owner.getByTestId('call-state').getAttribute('data-state')).toBe('in_execution');

    const a = pages['teamA'] as Page;
    // The task agreement, generated from the frozen call and the awarded bid.
    await a.goto(`${base}/calls/applications/${ids['app_teamA']}`);
    await a.getByTestId('agreement-link').click();
    await a.getByTestId('agreement-milestones').waitFor();
    expect(await a.getByTestId('agreement-lead').textContent()).toBeTruthy();
    expect(await a.getByTestId('agreement-missing').count()).toBe(0);
    await shoot(a, '10b-task-agreement');
    await a.goto(`${base}/calls/applications/${ids['app_teamA']}`);
    await a.getByTestId('milestone-evidence-form').waitFor();
    await a.getByTestId('evidence-description').fill('示例检测报告：参考数据集吞吐量 120 tokens/s。Sample lab report: 120 tokens/s on the reference set.');
    await a.getByTestId('evidence-reference').fill('sample-report-001');
    await a.getByTestId('attachment-input').setInputFiles({ name: 'sample-lab-report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n% sample lab report (test data)\n%%EOF\n') });
    await expect.poll(() => a.getByTestId('attachments-milestone').getByTestId('attachment').count()).toBe(1);
    await a.getByTestId('evidence-submit').click();
    await expect.poll(() => a.getByTestId('milestone').first().getAttribute('data-state')).toBe('evidence_submitted');

    await owner.goto(`${base}/calls/applications/${ids['app_teamA']}`);
    // The demand owner downloads the evidence file: served as a download, with its name.
    const [download] = await Promise.all([owner.waitForEvent('download'), owner.getByTestId('attachments-milestone').getByRole('link', { name: 'sample-lab-report.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('sample-lab-report.pdf');
    await owner.getByTestId('verify-note').fill('示例：已对照检测报告核验。Sample: checked against the lab report.');
    await owner.getByTestId('verify-accept').click();
    await expect.poll(() => owner.getByTestId('milestone').first().getAttribute('data-state')).toBe('accepted');

    const officer = pages['officer'] as Page;
    await officer.goto(`${base}/calls/applications/${ids['app_teamA']}`);
    await officer.getByTestId('milestone-pay').click();
    await expect.poll(() => officer.getByTestId('milestone').first().getAttribute('data-state')).toBe('paid');
    await shoot(officer, '11-milestone-paid');
    await action(officer, 'application-action', 'complete').click();
    await expect.poll(() => officer.getByTestId('application-state').getAttribute('data-state')).toBe('completed');

    await owner.goto(`${base}/calls/${ids['call']}`);
    await (await numberInput(owner.getByTestId('acceptance-value'))).fill('120');
    await owner.getByTestId('acceptance-note').fill('示例：第三方复测 / Sample third-party retest');
    await owner.getByTestId('acceptance-save').click();
    await expect.poll(() => owner.getByTestId('criterion-result').first().innerText()).toMatch(/达标/);
    await action(owner, 'call-action', 'accept').click();
    await expect.poll(() => owner.getByTestId('call-state').getAttribute('data-state')).toBe('accepted');
    await shoot(owner, '12-accepted');

    // Everyone was told: team A's inbox from the header.
    await a.getByTestId('header-inbox').click();
    await a.getByTestId('inbox-item').first().waitFor();
    expect(await a.getByTestId('inbox-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-template')))).toEqual(expect.arrayContaining(['application_awarded', 'milestone_accepted', 'tranche_released']));
    await shoot(a, '13-inbox');
    expect(consoleErrors).toEqual([]);
  });
});
