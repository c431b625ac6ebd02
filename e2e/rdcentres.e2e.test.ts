import type { InjectOptions } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { capture, journeyCast, numberInput, pickOption, shots, startRig, type BrowserRig } from './support.js';

/**
 * A foreign-funded R&D centre from application to recognition, in English
 * (issue 9), sample records only. The officer's round is opened through the
 * API; the member of a foreign-funded company, reading the platform in
 * English, checks the definition (each criterion passes, fails or is unknown
 * as the form fills), lists the evidence and applies with English text only.
 * Review and award run on the calls engine (through the API: the calls
 * journey covers those pages). The officer, also in English, recognises the
 * centre with its dates and housekeeper; the recognition shows on the
 * organisation's registry profile. Screenshots of the main pages in zh-CN and
 * en-US: rdcentres-*.png.
 */
const C = '/api/centres/beijing';
let rig: BrowserRig;
let cast: ReturnType<typeof journeyCast>;
let offsetMs = 0;
const consoleErrors: string[] = [];
const ids: Record<string, string> = {};
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const day = (offsetDays: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offsetMs + offsetDays * 86_400_000));
const api = async (key: string, method: InjectOptions['method'], url: string, payload?: Record<string, unknown>) => {
  const res = await cast.inject(key, method, url.startsWith('/api/') ? url : `${C}${url}`, payload);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.statusCode === 204 ? null : res.json();
};
const lang = (page: Page) => page.evaluate(() => document.documentElement.lang);
/** Switch the page to a language with the header's switch. */
const useLanguage = async (page: Page, want: 'en-US' | 'zh-CN') => {
  if ((await lang(page)) === want) return;
  await page.getByTestId('lang-switch').click();
  await poll(() => lang(page)).toBe(want);
};
/** The journey runs in English: a screenshot in English, then the same page in Chinese, then back. */
const shoot = async (page: Page, name: string) => {
  await useLanguage(page, 'en-US');
  await capture(page, `${shots}/rdcentres-${name}-en-US.png`);
  await useLanguage(page, 'zh-CN');
  await capture(page, `${shots}/rdcentres-${name}-zh-CN.png`);
  await useLanguage(page, 'en-US');
};
const open = async (key: string | null, next: string): Promise<Page> => {
  const page = await cast.open(key, next);
  await useLanguage(page, 'en-US');
  return page;
};

beforeAll(async () => {
  rig = await startRig({ now: () => new Date(Date.now() + offsetMs), env: { SESSION_IDLE_MINUTES: '1440', SESSION_ABSOLUTE_HOURS: '720', LOGIN_IP_LIMIT_PER_MINUTE: '10000' } });
  // The submission without the declaration answers 400 on purpose.
  cast = journeyCast(rig, 'rd', consoleErrors, (url, text) => /status of 400/.test(text) && /rd-centre-rounds/.test(url));
  await cast.makeUser('officer', 'service_officer', 'Officer Zhou (sample)');
  const entity = async (body: Record<string, unknown>) => (await api('officer', 'POST', '/entities', { isSample: true, confirmNotDuplicate: true, ...body })).id as string;
  ids.bureau = await entity({ kind: 'government_body', nameZh: '示例商务主管部门', nameEn: 'Sample Commerce Bureau' });
  ids.company = await entity({ kind: 'enterprise', nameZh: '示例外资材料（北京）有限公司', nameEn: 'Sample Foreign Materials (Beijing) Co.', areaId: 'bj-110108' });
  ids.head = await entity({ kind: 'talent', nameZh: '示例中心主任', nameEn: 'Sample Centre Director' });
  ids.reviewer = await entity({ kind: 'talent', nameZh: '示例评审专家', nameEn: 'Sample Reviewer' });
  await cast.makeUser('member', 'enterprise_member', 'Anna Weber (sample)', ids.company);
  await cast.makeUser('expert', 'expert_reviewer', 'Prof. Li (sample)');
  const form = { aggregation: 'mean', overallThreshold: null, criteria: [{ id: 'merit', label: 'Merit of the centre', kind: 'numeric', min: 0, max: 10, weight: 100 }] };
  const programme = await api('officer', 'POST', '/call-programmes', { kind: 'recognition', titleZh: '示例外资研发中心认定', titleEn: 'Sample recognition of foreign-funded R&D centres', isSample: true, settings: { form, minReviewers: 1, minCompletedReviews: 1, appealDays: 1 } });
  ids.round = (await api('officer', 'POST', '/rd-centre-rounds', { programmeId: programme.id, ownerEntityId: ids.bureau, titleZh: '示例：2027年度外资研发中心认定', titleEn: 'Sample: 2027 recognition round', deadline: new Date(Date.now() + 10 * 86_400_000).toISOString(), budget: 100_000_000, isSample: true, assessment: { jointProjects: 1, localContracts: 1, localHires: 10 } })).id;
  const me = await api('expert', 'GET', '/api/auth/session');
  ids.expert = (await api('officer', 'POST', '/experts', { entityId: ids.reviewer, userId: me.user.id, fields: ['materials'], maxLoad: 5 })).id;
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await cast.shootFailure('rdcentres');
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
});

afterAll(async () => {
  await cast?.close();
  await rig?.close();
});

describe('a foreign R&D centre, from application to recognition, in English', () => {
  test('the member checks the definition as the form fills, lists the evidence and applies in English', async () => {
    const page = await open('member', '/rd-centres');
    await page.getByTestId('rdcentres-page').waitFor();
    await poll(() => page.getByTestId('rd-published-card').count()).toBe(1);
    expect(await page.getByTestId('rd-published-card').textContent()).toContain('107');
    await shoot(page, '1-overview');
    await page.getByTestId('rd-apply-link').click();
    await page.getByTestId('rd-apply-page').waitFor();
    // Nothing answered: every criterion is to be confirmed, none failed.
    await poll(() => page.getByTestId('rd-check-outcome').getAttribute('data-outcome')).toBe('undecided');
    await poll(() => page.getByTestId('rd-check-foreign_funded').getAttribute('data-result')).toBe('unknown');
    await page.getByTestId('rd-centre-type').getByText('R&D innovation centre').click();
    // A domestic company fails the first criterion at once.
    await (await numberInput(page.getByTestId('rd-fact-foreignShare'))).fill('0');
    await poll(() => page.getByTestId('rd-check-foreign_funded').getAttribute('data-result')).toBe('fail');
    await poll(() => page.getByTestId('rd-check-outcome').getAttribute('data-outcome')).toBe('fails');
    await (await numberInput(page.getByTestId('rd-fact-foreignShare'))).fill('100');
    await poll(() => page.getByTestId('rd-check-foreign_funded').getAttribute('data-result')).toBe('pass');
    for (const fact of ['investorMainlyOverseas', 'registeredInChina', 'naturalSciencesRd', 'independentTeam']) await page.getByTestId(`rd-fact-${fact}`).getByText('Yes', { exact: true }).click();
    await poll(() => page.getByTestId('rd-check-type_requirement').getAttribute('data-result')).toBe('pass');
    // Every criterion met, but the evidence is not yet listed.
    expect(await page.getByTestId('rd-check-outcome').getAttribute('data-outcome')).toBe('undecided');
    await page.getByTestId('rd-name-en').fill('Sample Battery Materials Innovation Centre');
    await page.getByTestId('rd-description-en').fill('Sample: applied research on cathode materials for lithium batteries, with a pilot line for testing new formulations.');
    const evidence: [string, string][] = [
      ['Shareholding or capital contribution', 'Sample: articles of association (100 % foreign-owned)'],
      ['Profile or annual report of the foreign investor', 'Sample: parent company annual report 2025'],
      ['Business licence', 'Sample: business licence'],
      ['R&D programme or project list', 'Sample: R&D programme 2027–2029'],
      ['R&D team roster', 'Sample: roster of the 40-person R&D team'],
    ];
    for (const [i, [kind, title]] of evidence.entries()) {
      await page.getByTestId('rd-evidence-add').click();
      await pickOption(page, page.getByTestId('rd-evidence-kind').nth(i), '', kind);
      await page.getByTestId('rd-evidence-title').nth(i).fill(title);
    }
    await poll(() => page.getByTestId('rd-check-outcome').getAttribute('data-outcome')).toBe('meets');
    await pickOption(page, page.getByTestId('rd-head'), 'Sample Centre', 'Sample Centre Director');
    await (await numberInput(page.getByTestId('rd-spend'))).fill('30000000');
    // Submitting without the declaration is refused beside the checkbox, nothing kept.
    await page.getByTestId('rd-apply-submit').click();
    await poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toContain('Confirm that the information is true');
    await page.getByTestId('rd-truthful').check();
    await shoot(page, '2-apply');
    await page.getByTestId('rd-apply-submit').click();
    await page.waitForURL((u) => u.pathname.startsWith('/rd-centres/applications/'));
    ids.app = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);
    await poll(() => page.getByTestId('rd-review-state').textContent()).toContain('Eligible');
    // The English text is the original; on the Chinese page it is marked, not machine-translated.
    await poll(() => page.getByTestId('rd-title').textContent()).toBe('Sample Battery Materials Innovation Centre');
    await useLanguage(page, 'zh-CN');
    await poll(() => page.getByTestId('rd-title').textContent()).toContain('英文原文 · 未翻译');
    await useLanguage(page, 'en-US');
  });

  test('review and award on the calls engine; the officer recognises the centre with its dates, in English', async () => {
    for (const page of Object.values(cast.pages)) await page.goto('about:blank');
    offsetMs += 11 * 86_400_000;
    await api('officer', 'POST', `/calls/${ids.round}/transitions`, { action: 'close' });
    await api('officer', 'POST', `/calls/${ids.round}/assignments`, { applicationId: ids.app, expertId: ids.expert });
    await api('officer', 'POST', `/calls/${ids.round}/transitions`, { action: 'start_review' });
    const [assignment] = (await api('expert', 'GET', '/api/me/assignments')).items;
    await api('expert', 'PUT', `/assignments/${assignment.id}/review`, { scores: { merit: 8 }, comments: {} });
    await api('officer', 'POST', `/applications/${ids.app as string}/transitions`, { action: 'award', awardAmount: 20_000_000 });

    const page = await open('officer', `/rd-centres/applications/${encodeURIComponent(ids.app as string)}`);
    await page.getByTestId('rd-recognise').waitFor();
    await poll(() => page.getByTestId('rd-criteria-outcome').getAttribute('data-outcome')).toBe('meets');
    await page.getByTestId('rd-valid-from').fill(day(0));
    await page.getByTestId('rd-valid-to').fill(day(3 * 365));
    await page.getByTestId('rd-decision-ref').fill('Sample decision 2027-01');
    await pickOption(page, page.getByTestId('rd-housekeeper'), '', 'Officer Zhou (sample)');
    await shoot(page, '3-recognise');
    await page.getByTestId('rd-recognise-submit').click();
    await page.getByTestId('rd-recognition').waitFor();
    await poll(() => page.getByTestId('rd-validity').textContent()).toBe(`${day(0)} – ${day(3 * 365)}`);
    await poll(() => page.getByTestId('rd-support').textContent()).toContain('CNY 20 million');
    await poll(() => page.getByTestId('rd-assessment-outcome').textContent()).toContain('Assessment: floors not reached');
    await shoot(page, '4-recognised');

    // The dated credential on the organisation's registry profile.
    await page.getByTestId('rd-org-link').click();
    await page.waitForURL((u) => u.pathname.startsWith('/registry/'));
    await poll(() => page.locator('body').textContent()).toContain('Foreign-invested R&D centre');
    await poll(() => page.locator('body').textContent()).toContain(day(0).slice(0, 4));
    await poll(() => page.getByTestId('rd-profile').textContent()).toContain('R&D innovation centre');
    expect(await page.getByTestId('rd-profile').textContent()).toContain('Sample decision 2027-01');
    await shoot(page, '5-profile');
  });

  test('the centre records its local hires; the public list shows the recognised centre without its assessment', async () => {
    const member = await open('member', `/rd-centres/applications/${encodeURIComponent(ids.app as string)}`);
    await member.getByTestId('rd-hire-form').waitFor();
    const month = day(0).slice(0, 7);
    await member.getByTestId('rd-hire-from').fill(month);
    await member.getByTestId('rd-hire-to').fill(month);
    await (await numberInput(member.getByTestId('rd-hire-count'))).fill('12');
    await member.getByTestId('rd-hire-submit').click();
    await poll(() => member.getByTestId('rd-assessment').textContent()).toContain('12');
    const visitor = await open(null, '/rd-centres');
    await poll(() => visitor.getByTestId('rd-recognised').textContent()).toContain('Sample Battery Materials Innovation Centre');
    expect(await visitor.getByTestId('rd-recognised').textContent()).not.toContain('Assessment');
    await shoot(visitor, '6-public');
    expect(consoleErrors).toEqual([]);
  });
});
