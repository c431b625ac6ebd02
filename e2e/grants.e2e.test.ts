import type { InjectOptions } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { journeyCast, numberInput, pickOption, shootBothLanguages, startRig, type BrowserRig } from './support.js';

/**
 * One foundation grant in Chromium (issue 9), sample and synthetic records
 * only: the officer drafts a call with its two review tracks and publishes
 * it; a researcher applies on the task-oriented track; review and award go
 * through the calls engine (set up through the API: the calls journey covers
 * those pages) and the officer records the co-funding; the researcher records
 * an expense on the negative list and sees it refused at the field with the
 * list version and its explanation, then records an allowed one and sees the
 * balance; the researcher submits the outputs-only final report; the officer
 * sees the outputs, the gap to the commitments and the refused attempt, and
 * evaluates the report on the track's criteria. Screenshots in zh-CN and
 * en-US: grants-*.png.
 */
const C = '/api/centres/beijing';
let rig: BrowserRig;
let cast: ReturnType<typeof journeyCast>;
let offsetMs = 0;
const consoleErrors: string[] = [];
const ids: Record<string, string> = {};
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const shoot = (page: Page, name: string) => shootBothLanguages(page, 'grants', name);
const day = (offsetDays: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offsetMs + offsetDays * 86_400_000));
const open = (key: string | null, next: string): Promise<Page> => cast.open(key, next);
const api = async (key: string, method: InjectOptions['method'], url: string, payload?: Record<string, unknown>) => {
  const res = await cast.inject(key, method, url.startsWith('/api/') ? url : `${C}${url}`, payload);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.statusCode === 204 ? null : res.json();
};
const GIFTS = { code: 'gifts_entertainment', nameZh: '示例：礼品与宴请', nameEn: 'Sample: gifts and entertainment', explanationZh: '示例说明：项目经费不得用于购买礼品或宴请。', explanationEn: 'Sample explanation: project money may not pay for gifts or entertainment.' };

beforeAll(async () => {
  rig = await startRig({ now: () => new Date(Date.now() + offsetMs), env: { SESSION_IDLE_MINUTES: '1440', SESSION_ABSOLUTE_HOURS: '720', LOGIN_IP_LIMIT_PER_MINUTE: '10000' } });
  // The expense refused by the negative list answers 422 on purpose.
  cast = journeyCast(rig, 'gr', consoleErrors, (url, text) => /status of 422/.test(text) && /expenses/.test(url + text));
  await cast.makeUser('officer', 'service_officer', '周敏（基金处）');
  const entity = async (body: Record<string, unknown>) => (await api('officer', 'POST', '/entities', { isSample: true, confirmNotDuplicate: true, ...body })).id as string;
  ids.foundation = await entity({ kind: 'organisation', nameZh: '示例基金委员会', nameEn: 'Sample Foundation Board' });
  ids.university = await entity({ kind: 'university', nameZh: '示例理工大学', nameEn: 'Sample University of Technology' });
  ids.enterprise = await entity({ kind: 'enterprise', nameZh: '示例联合资助企业', nameEn: 'Sample Co-funding Enterprise' });
  ids.reviewer = await entity({ kind: 'talent', nameZh: '示例评审专家', nameEn: 'Sample Reviewer' });
  ids.pi = await entity({ kind: 'talent', nameZh: '示例项目负责人', nameEn: 'Sample Principal Investigator' });
  await cast.makeUser('researcher', 'research_member', '吴老师（示例大学）', ids.university);
  await cast.makeUser('expert', 'expert_reviewer', '陈教授（示例专家）');
  const form = (label: string) => ({ aggregation: 'mean', overallThreshold: null, criteria: [{ id: 'overall', label, kind: 'numeric', min: 0, max: 10, weight: 100 }] });
  await api('officer', 'POST', '/call-programmes', { kind: 'grant', titleZh: '示例自然科学基金', titleEn: 'Sample natural science foundation', year: 2026, isSample: true, settings: { form: form('总体评价'), minReviewers: 1, minCompletedReviews: 1, appealDays: 1 } });
  const me = await api('expert', 'GET', '/api/auth/session');
  ids.expert = (await api('officer', 'POST', '/experts', { entityId: ids.reviewer, userId: me.user.id, fields: ['materials'], maxLoad: 5 })).id;
  await api('officer', 'POST', '/negative-lists', { effectiveFrom: day(0), noteZh: '示例清单（测试用）', noteEn: 'Sample list (for tests)', items: [GIFTS] });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await cast.shootFailure('grants');
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
});

afterAll(async () => {
  await cast?.close();
  await rig?.close();
});

describe('a foundation grant in the browser', () => {
  test('the officer drafts a call with its two review tracks and publishes it', async () => {
    const page = await open('officer', '/grants');
    await page.getByTestId('grants-page').waitFor();
    await poll(() => page.getByTestId('grants-published-card').count()).toBeGreaterThan(0);
    await page.getByTestId('grant-call-new').click();
    await pickOption(page, page.getByTestId('grant-call-owner'), '示例基金', '示例基金委员会');
    await page.getByTestId('grant-call-title-zh').fill('示例：2026年度基础研究项目');
    await page.getByTestId('grant-call-title-en').fill('Sample: 2026 basic research projects');
    await page.getByTestId('grant-call-problem').fill('示例：资助面向首都发展需求的基础研究。');
    await (await numberInput(page.getByTestId('grant-call-budget'))).fill('2000000');
    await page.getByTestId('grant-call-deadline').fill(day(10));
    await (await numberInput(page.getByTestId('grant-call-pass'))).fill('60');
    const label = (testId: string) => page.getByTestId(testId).locator('input').first();
    await label('grant-track-free_exploration-review').fill('科学问题的原创性');
    await label('grant-track-free_exploration-evaluation').fill('科学价值与学术贡献');
    await label('grant-track-task_oriented-review').fill('与城市需求的契合度');
    await label('grant-track-task_oriented-evaluation').fill('任务目标完成程度');
    await page.getByTestId('grant-call-sample').check();
    await page.getByRole('button', { name: '保存草稿' }).click();
    await poll(() => page.getByTestId('grant-call').count()).toBe(1);
    await poll(() => page.getByTestId('grant-call-state').getAttribute('data-state')).toBe('draft');
    await page.getByTestId('grant-call-publish').click();
    await poll(() => page.getByTestId('grant-call-state').getAttribute('data-state')).toBe('published');
    await poll(() => page.getByTestId('grant-track-card-task_oriented').textContent()).toContain('任务目标完成程度');
    await shoot(page, '1-call');
    ids.call = (await api('officer', 'GET', '/grant-calls')).items[0].id;
  });

  test('a researcher applies on the task-oriented track', async () => {
    const page = await open('researcher', '/grants');
    await page.getByTestId('grant-apply-task_oriented').click();
    await page.getByTestId('grant-apply-title').fill('示例：面向城市需求的新型储能材料研究');
    await pickOption(page, page.getByTestId('grant-apply-pi'), '示例项目', '示例项目负责人');
    await page.getByTestId('grant-apply-plan').fill('示例研究计划：围绕城市储能需求，研究新型材料的结构与性能关系。');
    await (await numberInput(page.getByTestId('grant-apply-total'))).fill('500000');
    await page.getByTestId('grant-apply-due').fill(day(400));
    await page.getByTestId('grant-apply-deliverable').fill('示例：储能材料样品与研究报告');
    await page.getByRole('button', { name: '提交申请' }).click();
    await poll(() => page.getByTestId('grant-apply-done').count()).toBe(1);
    const [app] = (await api('researcher', 'GET', '/api/me/applications')).items;
    expect(['submitted', 'eligible']).toContain(app.state);
    ids.app = app.id;
  });

  test('reviewed on the track’s criteria and awarded; the officer records the co-funding', async () => {
    for (const page of Object.values(cast.pages)) await page.goto('about:blank');
    offsetMs += 11 * 86_400_000;
    await api('officer', 'POST', `/calls/${ids.call}/transitions`, { action: 'close' });
    await api('officer', 'POST', `/calls/${ids.call}/assignments`, { applicationId: ids.app, expertId: ids.expert });
    await api('officer', 'POST', `/calls/${ids.call}/transitions`, { action: 'start_review' });
    const [assignment] = (await api('expert', 'GET', '/api/me/assignments')).items;
    expect((await api('expert', 'PUT', `/grant-reviews/${assignment.id}`, { scores: { c1: 8 }, comments: {} })).track).toBe('task_oriented');
    await api('officer', 'POST', `/applications/${ids.app}/transitions`, { action: 'award', awardAmount: 500_000 });
    const call = await api('officer', 'GET', `/calls/${ids.call}`);
    await api('officer', 'PATCH', `/calls/${ids.call}`, { version: call.version, decisionMemo: '示例：评审通过，予以资助。' });
    await api('officer', 'POST', `/calls/${ids.call}/transitions`, { action: 'award' });
    const year = Number(day(0).slice(0, 4));
    await api('officer', 'POST', `/grant-projects/${ids.app}/funding`, { level: 'city', nature: 'fiscal', funderName: '示例市级财政', amount: 500_000, year });
    await api('officer', 'POST', `/grant-projects/${ids.app}/funding`, { level: 'enterprise', nature: 'external', funderEntityId: ids.enterprise, funderName: '示例联合资助企业', amount: 500_000, year });
  });

  test('an expense on the negative list is refused at the field with its explanation; an allowed one shows the balance', async () => {
    const page = await open('researcher', '/grants/projects');
    await page.getByTestId('grant-project-link').click();
    await poll(() => page.getByTestId('grant-project-track').textContent()).toBe('任务导向类');
    await poll(() => page.getByTestId('grant-funding').textContent()).toContain('示例联合资助企业');
    await page.getByTestId('grant-expense-date').fill(day(0));
    await pickOption(page, page.getByTestId('grant-expense-category'), '礼品', '示例：礼品与宴请');
    await (await numberInput(page.getByTestId('grant-expense-amount'))).fill('1200');
    await page.getByTestId('grant-expense-description').fill('示例：节日礼品');
    await page.getByTestId('grant-expense-record').click();
    const explained = page.getByTestId('grant-expense-form').locator('.ant-form-item-explain-error');
    await poll(() => explained.textContent()).toContain('负面清单（第1版');
    await poll(() => explained.textContent()).toContain('不得用于购买礼品或宴请');
    await poll(() => page.getByTestId('grant-ledger-rejected').textContent()).toBe('1');
    expect(await page.getByTestId('grant-expenses').locator('tbody tr.ant-table-row').count()).toBe(0);
    await page.getByTestId('grant-ledger').scrollIntoViewIfNeeded();
    await shoot(page, '2-expense-refused');
    await poll(() => explained.textContent()).toContain('负面清单（第1版');

    await pickOption(page, page.getByTestId('grant-expense-category'), '设备', '设备费');
    await page.getByTestId('grant-expense-description').fill('示例：购置光谱仪');
    await (await numberInput(page.getByTestId('grant-expense-amount'))).fill('80000');
    await page.getByTestId('grant-expense-record').click();
    await poll(() => page.getByTestId('grant-expense-saved').textContent()).toContain('42');
    await poll(() => page.getByTestId('grant-ledger-remaining').textContent()).toContain('420,000');
    await page.getByTestId('grant-ledger').scrollIntoViewIfNeeded();
    await shoot(page, '3-expense-recorded');
  });

  test('the researcher submits the outputs-only final report against the commitments', async () => {
    const page = cast.pages.researcher as Page;
    await (await numberInput(page.getByTestId('grant-commit-paper'))).fill('2');
    await (await numberInput(page.getByTestId('grant-commit-dataset'))).fill('1');
    await page.getByTestId('grant-commit-save').click();
    await poll(() => page.getByTestId('grant-commitments').textContent()).toContain('论文 2');
    await page.getByTestId('grant-report-summary').fill('示例：完成新型储能材料的结构设计与性能测试。');
    await page.getByTestId('grant-output-add').click();
    await page.getByTestId('grant-output-title').first().fill('示例论文：新型储能材料的结构与性能');
    await page.getByTestId('grant-output-doi').fill('10.1000/sample.2026.7');
    await page.getByTestId('grant-output-add').click();
    await pickOption(page, page.getByTestId('grant-output-kind').nth(1), '', '数据集');
    await page.getByTestId('grant-output-title').nth(1).fill('示例数据集：材料性能测试数据');
    await page.getByTestId('grant-output-url').fill('https://example.org/sample-dataset');
    await page.getByTestId('grant-report-submit').click();
    await poll(() => page.getByTestId('grant-outputs').locator('tbody tr.ant-table-row').count()).toBe(2);
    await poll(() => page.getByTestId('grant-gap').textContent()).toContain('1');
  });

  test('the officer sees the outputs, the gap and the refused attempt, and evaluates on the track’s criteria', async () => {
    const page = await open('officer', '/grants/projects');
    await poll(() => page.getByTestId('grant-projects').textContent()).toContain('示例：面向城市需求的新型储能材料研究');
    await page.getByTestId('grant-project-link').click();
    await poll(() => page.getByTestId('grant-rejections').locator('tbody tr.ant-table-row').count()).toBe(1);
    await poll(() => page.getByTestId('grant-rejections').textContent()).toContain('负面清单禁止');
    await poll(() => page.getByTestId('grant-outputs').textContent()).toContain('10.1000/sample.2026.7');
    await (await numberInput(page.getByTestId('grant-eval-c1'))).fill('9');
    await page.getByTestId('grant-evaluation-submit').click();
    await poll(() => page.getByTestId('grant-evaluation').textContent()).toContain('90');
    await page.getByTestId('grant-report').scrollIntoViewIfNeeded();
    await shoot(page, '4-outputs-evaluated');
    await page.goto(`${rig.base}/grants`);
    await poll(() => page.getByTestId('grants-ratio-label').first().textContent()).toBe('1:1');
    await shoot(page, '5-funding');
    await page.goto(`${rig.base}/grants/negative-list`);
    await poll(() => page.getByTestId('negative-list-version').count()).toBe(1);
    await shoot(page, '6-negative-list');
    expect(consoleErrors).toEqual([]);
  });
});
