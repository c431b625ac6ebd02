import type { InjectOptions } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { journeyCast, numberInput, pickOption, shootBothLanguages, startRig, type BrowserRig } from './support.js';

/**
 * A batch of application scenarios in Chromium (issue 7), sample records
 * only: the officer opens batch 1, adds a hospital's scenario with its site,
 * data, sandbox and acceptance metric, and publishes the batch; the public
 * page lists it beside the published city figures. After the deadline the
 * vendor's solution is selected through the calls engine (set up through the
 * API: the calls journey covers those pages); the hospital sees the
 * suggested enterprises with their reasons and records the deployment with
 * its measured result; the outcome shows on the scenario and on the vendor's
 * registry profile. Screenshots in zh-CN and en-US: scenarios-*.png.
 */
const C = '/api/centres/beijing';
let rig: BrowserRig;
let cast: ReturnType<typeof journeyCast>;
let offsetMs = 0;
const consoleErrors: string[] = [];
const ids: Record<string, string> = {};
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const shoot = (page: Page, name: string) => shootBothLanguages(page, 'scenarios', name);
const day = (offsetDays: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offsetMs + offsetDays * 86_400_000));
const open = (key: string | null, next: string): Promise<Page> => cast.open(key, next);
/** A JSON call as `key` that must succeed; its body. */
const api = async (key: string, method: InjectOptions['method'], url: string, payload?: Record<string, unknown>) => {
  const res = await cast.inject(key, method, url.startsWith('/api/') ? url : `${C}${url}`, payload);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.statusCode === 204 ? null : res.json();
};

beforeAll(async () => {
  rig = await startRig({ now: () => new Date(Date.now() + offsetMs), env: { SESSION_IDLE_MINUTES: '1440', SESSION_ABSOLUTE_HOURS: '720', LOGIN_IP_LIMIT_PER_MINUTE: '10000' } });
  // The publication refused for an incomplete scenario answers 409 on purpose.
  cast = journeyCast(rig, 'sc', consoleErrors, (url, text) => /status of 409/.test(text) && /publish/.test(url));
  await cast.makeUser('officer', 'service_officer', '郑洁（场景处）');
  const entity = async (body: Record<string, unknown>) => (await api('officer', 'POST', '/entities', { isSample: true, confirmNotDuplicate: true, ...body })).id as string;
  ids.hospital = await entity({ kind: 'organisation', nameZh: '示例第一医院', nameEn: 'Sample First Hospital' });
  ids.vendor = await entity({ kind: 'enterprise', nameZh: '示例医学影像智能公司', nameEn: 'Sample Medical Imaging AI Co.', industryTags: ['bio.medical'] });
  ids.pi = await entity({ kind: 'talent', nameZh: '示例项目负责人', nameEn: 'Sample Project Lead' });
  ids.reviewer = await entity({ kind: 'talent', nameZh: '示例评审专家', nameEn: 'Sample Reviewer' });
  await cast.makeUser('owner', 'enterprise_member', '孙医生（示例医院）', ids.hospital);
  await cast.makeUser('vendor', 'enterprise_member', '钱工（示例企业）', ids.vendor);
  await cast.makeUser('expert', 'expert_reviewer', '李教授（示例专家）');
  const form = { aggregation: 'mean', overallThreshold: null, criteria: [{ id: 'fit', label: '与场景的契合度', kind: 'numeric', min: 0, max: 10, weight: 100 }] };
  await api('officer', 'POST', '/call-programmes', { kind: 'scenario', titleZh: '示例应用场景计划', titleEn: 'Sample application-scenario programme', isSample: true, settings: { form, minReviewers: 1, minCompletedReviews: 1, appealDays: 1 } });
  const me = await api('expert', 'GET', '/api/auth/session');
  ids.expert = (await api('officer', 'POST', '/experts', { entityId: ids.reviewer, userId: me.user.id, fields: ['bio'], maxLoad: 5 })).id;
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await cast.shootFailure('scenarios');
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
});

afterAll(async () => {
  await cast?.close();
  await rig?.close();
});

describe('application scenarios in the browser', () => {
  test('the officer opens batch 1, adds a scenario with its site, data and metric, and publishes the batch', async () => {
    const page = await open('officer', '/scenarios');
    await page.getByTestId('scenarios-page').waitFor();
    await poll(() => page.getByTestId('scenarios-published-card').count()).toBe(2);
    await page.getByTestId('batch-new').click();
    await page.getByTestId('batch-title-zh').fill('示例：2027年第一批应用场景');
    await page.getByTestId('batch-title-en').fill('Sample: first batch of 2027');
    await page.getByTestId('batch-sample').check();
    await page.getByRole('button', { name: '创 建' }).or(page.getByRole('button', { name: '创建' })).click();
    await page.waitForURL((u) => u.pathname.startsWith('/scenarios/batches/'));
    ids.batch = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);
    await poll(() => page.getByTestId('batch-title').textContent()).toContain('第1批');

    await page.getByTestId('scenario-add').click();
    await pickOption(page, page.getByTestId('scenario-owner'), '示例第一医院', '示例第一医院');
    await pickOption(page, page.getByTestId('scenario-owner-kind'), '', '医院');
    await page.getByTestId('scenario-title-zh').fill('示例：门诊影像人工智能辅助诊断');
    await page.getByTestId('scenario-title-en').fill('Sample: AI-assisted diagnosis in outpatient imaging');
    await page.getByTestId('scenario-problem').fill('示例：影像科阅片量大，希望试点人工智能辅助诊断，缩短阅片时间并减少漏诊。');
    await page.getByTestId('scenario-site').fill('示例第一医院门诊影像科');
    await pickOption(page, page.getByTestId('scenario-sandbox'), '', '可用');
    await page.getByTestId('scenario-data').fill('示例：脱敏胸部CT影像约一万例，可在院内环境使用');
    await page.getByTestId('scenario-start').fill(day(30));
    await page.getByTestId('scenario-end').fill(day(210));
    await page.getByTestId('scenario-deadline').fill(day(10));
    await (await numberInput(page.getByTestId('scenario-budget'))).fill('800000');
    await page.getByTestId('scenario-fields').click();
    await page.keyboard.type('bio.medical');
    await page.keyboard.press('Enter');
    await page.getByTestId('scenario-metric').fill('阅片时间缩短');
    await page.getByTestId('scenario-unit').fill('%');
    await (await numberInput(page.getByTestId('scenario-threshold'))).fill('30');
    await page.getByTestId('scenario-method').fill('示例：试点前后各一个月平均阅片时间对比');
    await page.getByRole('button', { name: '保存场景' }).click();
    await poll(() => page.getByTestId('scenario-link').count()).toBe(1);
    await shoot(page, '1-batch-draft');

    await page.getByTestId('batch-publish').click();
    await page.getByTestId('batch-publish-confirm').click();
    await poll(() => page.getByTestId('batch-state').getAttribute('data-state')).toBe('published');
    await poll(() => page.getByTestId('scenario-state').getAttribute('data-state')).toBe('published');
    ids.call = decodeURIComponent(((await page.getByTestId('scenario-link').getAttribute('href')) as string).split('/').pop() as string);
  });

  test('the public sees the batch beside the published figures, and the scenario with its site and sandbox', async () => {
    const page = await open(null, '/scenarios');
    await poll(() => page.getByTestId('scenario-batch').count()).toBe(1);
    await poll(() => page.getByTestId('scenario-batch').textContent()).toContain('示例第一医院门诊影像科');
    await expect.soft(await page.getByTestId('scenarios-published').textContent()).toContain('60');
    await shoot(page, '2-public');
    await page.getByTestId('scenario-link').click();
    await poll(() => page.getByTestId('scenario-site-value').textContent()).toBe('示例第一医院门诊影像科');
    expect(await page.getByTestId('scenario-candidates').count()).toBe(0);
  });

  test('after selection through the calls engine, the hospital sees suggestions and records the deployment', async () => {
    const app = await api('vendor', 'POST', `/calls/${ids.call}/applications`, {
      title: '示例：影像辅助诊断系统试点方案',
      leadEntityId: ids.vendor,
      piEntityId: ids.pi,
      plan: '示例方案：部署辅助诊断模型，与医院影像系统对接。',
      budget: { total: 600_000, items: [{ label: '部署与对接', amount: 600_000 }] },
      milestones: [{ title: '试点上线', deliverable: '系统在影像科上线', verification: '医院签字确认', dueOn: day(90), trancheShare: 100 }],
    });
    await api('vendor', 'POST', `/applications/${app.id}/transitions`, { action: 'submit' });
    // Past the deadline: pages leave first, so none polls with a session the jump would expire.
    for (const page of Object.values(cast.pages)) await page.goto('about:blank');
    offsetMs += 11 * 86_400_000;
    await api('officer', 'POST', `/calls/${ids.call}/transitions`, { action: 'close' });
    await api('officer', 'POST', `/calls/${ids.call}/assignments`, { applicationId: app.id, expertId: ids.expert });
    await api('officer', 'POST', `/calls/${ids.call}/transitions`, { action: 'start_review' });
    const [assignment] = (await api('expert', 'GET', '/api/me/assignments')).items;
    await api('expert', 'PUT', `/assignments/${assignment.id}/review`, { scores: { fit: 8 }, comments: {} });
    await api('officer', 'POST', `/applications/${app.id}/transitions`, { action: 'award', awardAmount: 600_000 });
    const call = await api('officer', 'GET', `/calls/${ids.call}`);
    await api('officer', 'PATCH', `/calls/${ids.call}`, { version: call.version, decisionMemo: '示例：方案契合度高，予以选用。' });
    await api('officer', 'POST', `/calls/${ids.call}/transitions`, { action: 'award' });

    const page = await open('owner', `/calls/${ids.call}`);
    await poll(() => page.getByTestId('candidate').count()).toBeGreaterThan(0);
    await poll(() => page.getByTestId('candidate').first().textContent()).toContain('示例医学影像智能公司');
    await poll(() => page.getByTestId('candidate-why').first().textContent()).toContain('bio.medical');
    await page.getByTestId('deployment-record').click();
    await pickOption(page, page.getByTestId('deployment-state'), '', '已落地');
    await page.getByTestId('deployment-started').fill(day(1));
    await page.getByTestId('deployment-finished').fill(day(60));
    await page.getByTestId('deployment-outcome').fill('示例：系统已在影像科常态化使用，阅片时间缩短约三成。');
    await (await numberInput(page.getByTestId('deployment-value'))).fill('34');
    await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).click();
    await poll(() => page.getByTestId('deployment-state-value').getAttribute('data-state')).toBe('deployed');
    await poll(() => page.getByTestId('deployment-results').textContent()).toContain('达标');
    await page.getByTestId('scenario-panel').scrollIntoViewIfNeeded();
    await shoot(page, '3-deployed');
  });

  test('the outcome reaches the vendor’s registry profile and the batch list', async () => {
    const page = await open(null, `/registry/${ids.vendor}`);
    await poll(() => page.getByTestId('entity-deployments').textContent()).toContain('示例：门诊影像人工智能辅助诊断');
    await page.getByTestId('entity-deployments').scrollIntoViewIfNeeded();
    await shoot(page, '4-profile');
    await page.goto(`${rig.base}/scenarios`);
    await poll(() => page.getByTestId('scenario-batch').textContent()).toContain('已落地1');
    expect(consoleErrors).toEqual([]);
  });
});
