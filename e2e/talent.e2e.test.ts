import type { InjectOptions } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { journeyCast, numberInput, pickOption, shootBothLanguages, startRig, type BrowserRig } from './support.js';

/**
 * A talent applicant in Chromium (issue 9), sample records and a synthetic
 * scheme only: the officer drafts the call and its merit-point scheme on the
 * drafting page (the Zhongguancun template fills weights and threshold; a
 * server refusal lands on the indicator list) and publishes it on the call's
 * page in Calls; the public opens a young-talent call and sees its published
 * indicator list; the applicant answers the self-assessment and watches the
 * age gate and the verdict turn from "not yet decided" into a pass, then
 * applies; after review (set up through the API: the calls journey covers
 * those pages) the officer awards and issues the credential from the call's
 * page; the holder verifies it and asks for a visa and work permit, which
 * lands in the demand ledger routed to the district's talent office.
 * Screenshots in zh-CN and en-US: talent-*.png.
 */
const C = '/api/centres/beijing';
const HAIDIAN = 'bj-110108';
let rig: BrowserRig;
let cast: ReturnType<typeof journeyCast>;
let offsetMs = 0;
const consoleErrors: string[] = [];
const ids: Record<string, string> = {};
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const shoot = (page: Page, name: string) => shootBothLanguages(page, 'talent', name);
const day = (offsetDays: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offsetMs + offsetDays * 86_400_000));
const api = async (key: string, method: InjectOptions['method'], url: string, payload?: Record<string, unknown>) => {
  const res = await cast.inject(key, method, url.startsWith('/api/') ? url : `${C}${url}`, payload);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.statusCode === 204 ? null : res.json();
};

beforeAll(async () => {
  rig = await startRig({ now: () => new Date(Date.now() + offsetMs), env: { SESSION_IDLE_MINUTES: '1440', SESSION_ABSOLUTE_HOURS: '720', LOGIN_IP_LIMIT_PER_MINUTE: '10000' } });
  // The one refusal the journey provokes: the draft whose enterprise part has no indicator.
  cast = journeyCast(rig, 'tl', consoleErrors, (url, text) => /status of 400/.test(text) && /\/talent\/calls$/.test(url));
  await cast.makeUser('officer', 'service_officer', '王敏（人才处）');
  const entity = async (body: Record<string, unknown>) => (await api('officer', 'POST', '/entities', { isSample: true, confirmNotDuplicate: true, ...body })).id as string;
  ids.office = await entity({ kind: 'organisation', nameZh: '示例人才工作办公室', nameEn: 'Sample Talent Office' });
  ids.employer = await entity({ kind: 'enterprise', nameZh: '示例芯片设计公司', nameEn: 'Sample Chip Design Co.', areaId: HAIDIAN });
  ids.reviewer = await entity({ kind: 'talent', nameZh: '示例评审专家', nameEn: 'Sample Reviewer' });
  await cast.makeUser('applicant', 'enterprise_member', '林博士（示例）', ids.employer);
  await cast.makeUser('expert', 'expert_reviewer', '周教授（示例专家）');
  const form = { aggregation: 'mean', overallThreshold: null, criteria: [{ id: 'merit', label: '综合评价', kind: 'numeric', min: 0, max: 100, weight: 100 }] };
  const programme = await api('officer', 'POST', '/call-programmes', { kind: 'talent', titleZh: '示例青年人才计划', titleEn: 'Sample Young Talent Programme', isSample: true, settings: { form, minReviewers: 1, minCompletedReviews: 1, appealDays: 1 } });
  const me = await api('expert', 'GET', '/api/auth/session');
  ids.expert = (await api('officer', 'POST', '/experts', { entityId: ids.reviewer, userId: me.user.id, fields: ['ict'], maxLoad: 5 })).id;
  const officer = await api('officer', 'GET', '/api/auth/session');
  await api('officer', 'POST', '/service-departments', { nameZh: '示例海淀区人才服务中心', nameEn: 'Sample Haidian Talent Services', level: 'district', areaId: HAIDIAN, demandTypes: ['talent_housing'], memberUserIds: [officer.user.id] });
  ids.programme = programme.id;
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await cast.shootFailure('talent');
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
});

afterAll(async () => {
  await cast?.close();
  await rig?.close();
});

describe('a talent applicant in the browser', () => {
  test('the officer drafts the call and its merit-point scheme on the talent page, sees a refusal at its field, and publishes it in Calls', async () => {
    const page = await cast.open('officer', '/talent');
    await page.getByTestId('talent-draft-new').click();
    await page.getByTestId('talent-draft-form').waitFor();
    await pickOption(page, page.getByTestId('talent-draft-programme'), '', '示例青年人才计划');
    await pickOption(page, page.getByTestId('talent-draft-owner'), '示例人才', '示例人才工作办公室');
    await page.getByTestId('talent-draft-title-zh').fill('示例：2027年青年人才支持计划');
    await page.getByTestId('talent-draft-title-en').fill('Sample: Young Talent Support 2027');
    await page.getByTestId('talent-draft-description').fill('示例：支持在京全职工作的青年科技人才开展原创研究。');
    await page.getByTestId('talent-draft-deadline').fill(day(10));
    await (await numberInput(page.getByTestId('talent-draft-validity'))).fill('3');
    await (await numberInput(page.getByTestId('talent-draft-budget'))).fill('2000000');
    await page.getByTestId('talent-draft-sample').check();

    // The template fills only what its sources publish: weights 70/30 and the threshold 70, with the sources shown.
    await page.getByTestId('talent-draft-template').click();
    expect(await (await numberInput(page.getByTestId('talent-draft-weight-personal'))).inputValue()).toBe('70');
    expect(await (await numberInput(page.getByTestId('talent-draft-weight-enterprise'))).inputValue()).toBe('30');
    expect(await (await numberInput(page.getByTestId('talent-draft-threshold'))).inputValue()).toBe('70');
    await poll(() => page.getByTestId('talent-draft-template-source').textContent()).toContain('subsites.chinadaily.com.cn');
    expect(await page.getByTestId('talent-draft-indicator').count()).toBe(1);

    const indicator = async (n: number, typed: string, fact: string, points: string, howZh: string, howEn: string) => {
      const row = page.getByTestId('talent-draft-indicator').nth(n);
      await pickOption(page, row.getByTestId('talent-draft-ind-fact'), typed, fact);
      await (await numberInput(row.getByTestId('talent-draft-ind-points'))).fill(points);
      await row.getByTestId('talent-draft-ind-how-zh').fill(howZh);
      await row.getByTestId('talent-draft-ind-how-en').fill(howEn);
      return row;
    };
    await indicator(0, '博士', '博士学位', '40', '学位证书', 'Degree certificate');
    expect(await page.getByTestId('talent-draft-ind-label-en').first().inputValue()).toBe('Doctorate');
    await page.getByTestId('talent-draft-add-indicator').click();
    const patents = await indicator(1, '发明专利', '授权发明专利', '60', '专利证书', 'Patent certificates');
    await (await numberInput(patents.getByTestId('talent-draft-ind-per-unit'))).fill('15');
    await page.getByTestId('talent-draft-add-gate').click();
    await pickOption(page, page.getByTestId('talent-draft-gate-fact'), '年龄', '年龄');
    await (await numberInput(page.getByTestId('talent-draft-gate-value'))).fill('40');
    await poll(() => page.getByTestId('talent-draft-gate-preview').textContent()).toContain('年龄不超过40岁');

    // Enterprise points weigh 30% but no indicator reads the employer yet: the server refuses, at the indicator list.
    await page.getByTestId('talent-draft-submit').click();
    await poll(() => page.getByTestId('talent-draft-indicators').textContent()).toContain('个人或企业积分设置了权重，但该部分还没有积分指标');
    expect(new URL(page.url()).pathname).toBe('/talent/calls/new');
    await page.getByTestId('talent-draft-indicators').scrollIntoViewIfNeeded();
    await shoot(page, '0-draft-refused');

    await page.getByTestId('talent-draft-add-indicator').click();
    const hte = await indicator(2, '高新技术', '用人单位为高新技术企业', '100', '高新技术企业证书', 'High-tech enterprise certificate');
    expect(await hte.locator('input[type="radio"][value="enterprise"]').isChecked()).toBe(true);
    await page.getByTestId('talent-draft-submit').click();
    await page.waitForURL((u) => /^\/talent\/calls\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
    ids.call = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    await poll(() => page.getByTestId('talent-call-draft').getAttribute('data-state')).toBe('draft');
    await poll(() => page.getByTestId('talent-indicators').textContent()).toContain('高新技术企业证书');
    await shoot(page, '0-draft-saved');

    // Publication is the calls engine's: submit for internal review, then publish, on the call's page in Calls.
    await page.getByTestId('talent-call-open-in-calls').click();
    await page.waitForURL((u) => u.pathname === `/calls/${ids.call}`);
    await page.getByTestId('call-action-submit_for_review').click();
    await poll(() => page.getByTestId('call-state').getAttribute('data-state')).toBe('internal_review');
    await page.getByTestId('call-action-publish').click();
    await poll(() => page.getByTestId('call-state').getAttribute('data-state')).toBe('published');
    const call = await api('officer', 'GET', `/talent/calls/${ids.call}`);
    expect(call.scheme).toMatchObject({ template: 'zgc_merit_points', weights: { personal: 70, enterprise: 30 }, threshold: 70 });
    expect(call.scheme.indicators.map((i: { id: string; measure: { kind: string } }) => `${i.id}:${i.measure.kind}`)).toEqual(['has_doctorate:boolean', 'patents:linear', 'employer_high_tech:boolean']);
    expect(call.scheme.gates).toEqual([{ id: 'age', labelZh: '年龄不超过40岁', labelEn: 'Age at most 40 years', rule: { '<=': [{ var: 'age' }, 40] } }]);
    expect(call).toMatchObject({ category: 'young_talent', validityYears: 3, isSample: true });
  });

  test('anyone opens the call and sees its indicator list and an undecided self-assessment', async () => {
    const page = await cast.open(null, '/talent');
    await poll(() => page.getByTestId('talent-call-card').count()).toBe(1);
    await page.getByTestId('talent-call-link').click();
    await page.getByTestId('talent-call-page').waitFor();
    await poll(() => page.getByTestId('talent-indicators').textContent()).toContain('授权发明专利');
    await poll(() => page.getByTestId('talent-result').getAttribute('data-result')).toBe('unknown');
    await expect.soft(await page.getByTestId('talent-scheme-summary').textContent()).toContain('70');
    expect(await page.getByTestId('talent-apply').count()).toBe(0);
    await shoot(page, '1-call-public');
  });

  test('the applicant answers: the age gate and the verdict turn from unknown into a pass; then applies', async () => {
    const page = await cast.open('applicant', `/talent/calls/${ids.call}`);
    await poll(() => page.getByTestId('talent-result').getAttribute('data-result')).toBe('unknown');
    await poll(() => page.getByTestId('talent-gate-age').getAttribute('data-result')).toBe('unknown');
    await (await numberInput(page.getByTestId('talent-fact-age'))).fill('34');
    await poll(() => page.getByTestId('talent-gate-age').getAttribute('data-result')).toBe('eligible');
    await poll(() => page.getByTestId('talent-result').getAttribute('data-result')).toBe('unknown');
    await page.getByTestId('talent-q-hasDoctorate').getByText('是', { exact: true }).click();
    await (await numberInput(page.getByTestId('talent-fact-patents'))).fill('3');
    await poll(() => page.getByTestId('talent-points-patents').textContent()).toBe('45');
    await page.getByTestId('talent-q-employerHighTech').getByText('是', { exact: true }).click();
    await poll(() => page.getByTestId('talent-result').getAttribute('data-result')).toBe('eligible');
    await poll(() => page.getByTestId('talent-threshold').getAttribute('data-result')).toBe('pass');
    await shoot(page, '2-self-assessment');

    await page.getByTestId('talent-apply-name-zh').fill('林示例');
    await page.getByTestId('talent-apply-name-en').fill('Lin Shili (sample)');
    await page.getByTestId('talent-apply-statement').fill('示例：从事芯片设计自动化研究五年，计划在京开展新一代布局布线算法研究。');
    await (await numberInput(page.getByTestId('talent-apply-support'))).fill('300000');
    await page.getByTestId('talent-apply-report').click();
    await page.keyboard.type(day(365));
    await page.keyboard.press('Enter');
    await page.getByTestId('talent-apply-submit').click();
    await poll(() => page.getByTestId('talent-applied').getAttribute('data-state')).toBe('eligible');
  });

  test('after review, the officer awards and issues the credential from the call page', async () => {
    const [app] = (await api('officer', 'GET', `/talent/applications?callId=${ids.call}`)).items;
    expect(app.selfAssessment.result).toBe('eligible');
    for (const page of Object.values(cast.pages)) await page.goto('about:blank');
    offsetMs += 11 * 86_400_000;
    await api('officer', 'POST', `/calls/${ids.call}/transitions`, { action: 'close' });
    await api('officer', 'POST', `/calls/${ids.call}/assignments`, { applicationId: app.applicationId, expertId: ids.expert });
    await api('officer', 'POST', `/calls/${ids.call}/transitions`, { action: 'start_review' });
    const [assignment] = (await api('expert', 'GET', '/api/me/assignments')).items;
    await api('expert', 'PUT', `/assignments/${assignment.id}/review`, { scores: { merit: 86 }, comments: {} });

    const page = await cast.open('officer', `/talent/calls/${ids.call}`);
    await poll(() => page.getByTestId('talent-app-state').getAttribute('data-state')).toBe('under_review');
    await poll(() => page.getByTestId('talent-app-person').textContent()).toContain('林示例');
    await page.getByTestId('talent-issue').click();
    await (await numberInput(page.getByTestId('talent-issue-amount'))).fill('300000');
    expect(await page.getByTestId('talent-issue-to').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.getByTestId('talent-issue-ok').click();
    await poll(() => page.getByTestId('talent-app-state').getAttribute('data-state')).toBe('awarded');
    await page.getByTestId('talent-applications').scrollIntoViewIfNeeded();
    await shoot(page, '3-awarded');
  });

  test('the holder sees and verifies the credential, and asks for a work permit that lands in the demand ledger', async () => {
    const page = await cast.open('applicant', '/talent/credentials');
    await poll(() => page.getByTestId('talent-cred-status').getAttribute('data-status')).toBe('valid');
    await page.getByTestId('talent-cred-verify').click();
    await poll(() => page.getByTestId('talent-verification').getAttribute('data-status')).toBe('valid');
    await page.keyboard.press('Escape');
    await pickOption(page, page.getByTestId('talent-service-kind'), '', '签证与工作许可');
    await page.getByTestId('talent-service-title').fill('示例：为新聘外籍合作者办理工作许可');
    await page.getByTestId('talent-service-description').fill('示例：课题组新聘一名外籍博士后，需要办理来华工作许可和居留许可。');
    await page.getByTestId('talent-service-submit').click();
    await poll(() => page.getByTestId('talent-service-done').textContent()).toMatch(/SQ-/);
    await poll(() => page.getByTestId('talent-service-requests').textContent()).toContain('示例海淀区人才服务中心');
    await shoot(page, '4-credential-service');

    const ledger = await api('officer', 'GET', '/demands');
    expect(ledger.items.map((d: { title: string }) => d.title)).toContain('示例：为新聘外籍合作者办理工作许可');
    const profile = await cast.open(null, `/registry/${(await api('officer', 'GET', '/talent/credentials')).items[0].person.id}`);
    await poll(() => profile.locator('body').textContent()).toContain('林示例');
    expect(consoleErrors).toEqual([]);
  });
});
