import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { callProgrammes } from '../src/db/schema/index.js';
import type { Role } from '../src/shared/access.js';
import { createUserFromCli } from '../src/server/modules/users/users.service.js';
import { pickOption, shootBothLanguages, shots, startRig, watchConsole, type BrowserRig } from './support.js';

/**
 * Achievements and technology needs in Chromium (issue 7), sample records
 * only: an institute's member records an achievement and publishes it; an
 * enterprise's member sees the public summary, asks for the confidential
 * detail accepting the terms; the owner grants it; the requester reads it and
 * the owner sees the reading in the log. Another enterprise posts a need, sees
 * the achievement matched with its score explained, and drafts a 揭榜挂帅 call.
 * Screenshots in zh-CN and en-US: test-output/screenshots/achievements-*.png.
 */
const PASSWORD = 'Role-User-Passw0rd!';
const OWNER = 'beijing-ent-040';
let rig: BrowserRig;
const consoleErrors: string[] = [];
const contexts: BrowserContext[] = [];
const pages: Record<string, Page> = {};
const usernames: Record<string, string> = {};
let achievementPath = '';
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const shoot = (page: Page, name: string) => shootBothLanguages(page, 'achievements', name);

const makeUser = async (key: string, role: Role, displayName: string, organisationId: string | null = null) => {
  usernames[key] = `ach-${key}`;
  await createUserFromCli(rig.database.db, { username: usernames[key], displayName, role, centreId: 'beijing', organisationId, locale: 'zh-CN', password: PASSWORD }, new Date());
};
const open = async (key: string, next: string): Promise<Page> => {
  const context = await rig.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
  contexts.push(context);
  const page = await context.newPage();
  watchConsole(page, key, consoleErrors);
  await page.goto(`${rig.base}/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId('login-username').fill(usernames[key] as string);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  pages[key] = page;
  return page;
};

beforeAll(async () => {
  rig = await startRig();
  await makeUser('owner', 'research_member', '陈研（示例成果权利人）', OWNER);
  await makeUser('reader', 'enterprise_member', '孙立（示例查阅方）', 'beijing-ent-041');
  await makeUser('buyer', 'enterprise_member', '赵敏（示例需求方）', 'beijing-ent-042');
  await rig.database.db.insert(callProgrammes).values({ id: 'e2e-unveil', centreId: 'beijing', kind: 'unveil_list', titleZh: '示例揭榜挂帅项目', titleEn: 'Sample unveil-the-list programme', year: 2026, isSample: true, settings: { form: { criteria: [] }, minReviewers: 1, minCompletedReviews: 1, coiYears: 3, consortiumYears: 3, appealDays: 5, requiredDeclarations: [], discloseReviewers: false } as never, createdAt: new Date() });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [key, page] of Object.entries(pages)) await page.screenshot({ path: `${shots}/achievements-failed-${key}.png`, fullPage: true }).catch(() => undefined);
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await rig?.close();
});

describe('achievements and technology needs in the browser', () => {
  test('the owner records an achievement and publishes it', async () => {
    const page = await open('owner', '/achievements/new');
    await page.getByTestId('achievement-form').waitFor();
    await page.getByTestId('achievement-title-zh').fill('示例：固态锂电池硫化物电解质材料');
    await page.getByTestId('achievement-title-en').fill('Sample: sulfide electrolyte for solid-state lithium batteries');
    await pickOption(page, page.getByTestId('achievement-field'), '', '新能源与高效节能');
    await pickOption(page, page.getByTestId('achievement-trl'), '', 'TRL 6');
    await pickOption(page, page.getByTestId('achievement-stage'), '', '中试阶段');
    await pickOption(page, page.getByTestId('achievement-availability'), '', '许可');
    await page.getByTestId('achievement-summary').fill('示例成果：一种用于固态锂电池的硫化物电解质材料，室温离子电导率高，可提高储能电池安全性。');
    await page.getByTestId('achievement-detail').fill('示例保密内容：原料配比、球磨与烧结工艺参数。');
    await page.getByTestId('achievement-sample').check();
    await shoot(page, 'editor');
    await page.getByTestId('achievement-save').click();
    await page.getByTestId('achievement-page').waitFor();
    await poll(() => page.getByTestId('achievement-state').getAttribute('data-state')).toBe('draft');
    await page.getByTestId('achievement-action-publish').click();
    await poll(() => page.getByTestId('achievement-state').getAttribute('data-state')).toBe('published');
    achievementPath = new URL(page.url()).pathname;
  });

  test('another enterprise sees the summary, not the detail, and asks for access', async () => {
    const page = await open('reader', '/achievements');
    await page.getByTestId('achievements-search').locator('input').fill('电解质');
    await page.getByTestId('achievements-search').locator('input').press('Enter');
    await poll(() => page.getByTestId('achievement-row').count()).toBe(1);
    await shoot(page, 'market');
    await page.getByTestId('achievement-link').first().click();
    await page.getByTestId('achievement-detail-panel').waitFor();
    expect(await page.content()).not.toContain('球磨与烧结');
    await page.getByTestId('achievement-request-purpose').fill('评估该材料在本公司储能产品中的应用可行性');
    await page.getByTestId('achievement-request-terms').check();
    await page.getByTestId('achievement-request-submit').click();
    await page.getByTestId('achievement-request-state').waitFor();
  });

  test('the owner grants access; the reader reads the detail; the owner sees the reading logged', async () => {
    const owner = await open('owner', achievementPath);
    await poll(() => owner.getByTestId('access-request-state').first().textContent()).toBe('待决定');
    await owner.getByTestId('access-grant').click();
    await owner.getByRole('dialog').getByRole('button', { name: /同\s*意/ }).click();
    await poll(() => owner.getByTestId('access-request-state').first().textContent()).toBe('已同意');

    const reader = pages['reader'] as Page;
    await reader.reload();
    await reader.getByTestId('achievement-detail-show').click();
    await poll(() => reader.getByTestId('achievement-detail-text').textContent()).toContain('球磨与烧结');
    await shoot(reader, 'detail-granted');

    await owner.reload();
    await poll(() => owner.getByTestId('detail-view-row').count()).toBe(1);
    expect(await owner.getByTestId('achievement-views').textContent()).toContain('孙立');
    await shoot(owner, 'owner-view');

    // Editing does not read the detail: it is kept unread, and saving logs no reading.
    await owner.getByTestId('achievement-edit').click();
    await owner.getByTestId('achievement-detail-kept').waitFor();
    expect(await owner.content()).not.toContain('球磨与烧结');
    await shoot(owner, 'editor-detail-kept');
    await owner.getByTestId('achievement-save').click();
    await owner.getByTestId('achievement-page').waitFor();
    await owner.reload();
    await owner.getByTestId('achievement-views').waitFor();
    await poll(() => owner.getByTestId('detail-view-row').count()).toBe(1);
    // Revealing it in the editor is a reading like any other.
    await owner.getByTestId('achievement-edit').click();
    await owner.getByTestId('achievement-detail-reveal').click();
    await poll(() => owner.getByTestId('achievement-detail').inputValue()).toContain('球磨与烧结');
    await owner.goto(`${rig.base}${achievementPath}`);
    await poll(() => owner.getByTestId('detail-view-row').count()).toBe(2);
  });

  test('an enterprise posts a need, sees the match explained, and drafts a 揭榜挂帅 call', async () => {
    const page = await open('buyer', '/achievements/needs/new');
    await page.getByTestId('need-form').waitFor();
    await page.getByTestId('need-title').fill('示例：寻求固态电池电解质技术');
    await page.getByTestId('need-description').fill('示例需求：我们需要提高储能电池安全性的固态电解质材料，希望可中试验证。');
    await pickOption(page, page.getByTestId('need-field'), '', '新能源与高效节能');
    await pickOption(page, page.getByTestId('need-trl'), '', 'TRL 5');
    await page.getByTestId('need-save').click();
    await page.getByTestId('need-page').waitFor();
    await poll(() => page.getByTestId('need-match').count()).toBe(1);
    expect(await page.getByTestId('need-match-parts').first().textContent()).toContain('同一领域');
    await shoot(page, 'need-matches');
    await page.getByTestId('need-draft-call').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.waitForURL((u) => /^\/calls\/[^/]+$/.test(u.pathname));
  });

  test('no unexpected console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
