import type { InjectOptions } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { patentCheckCharacter } from '../src/core/contracts/index.js';
import { writeTable } from '../src/server/tabular.js';
import { journeyCast, pickOption, shootBothLanguages, startRig, type BrowserRig } from './support.js';

/**
 * Patents in Chromium (issue 7), sample records only: an analyst imports a
 * CSV with bad rows, sees each refused at its row and column with nothing
 * written, then checks and imports the clean file (XLSX); the statistics page
 * counts the patents; on a patent whose applicant was written differently
 * from the registry, the analyst links it to the registry organisation and
 * the patent takes that organisation's district; a new pool gets the patent
 * by its application number. Screenshots in zh-CN and en-US: patents-*.png.
 */
const C = '/api/centres/beijing';
const HAIDIAN = 'bj-110108';
let rig: BrowserRig;
let cast: ReturnType<typeof journeyCast>;
const consoleErrors: string[] = [];
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const shoot = (page: Page, name: string) => shootBothLanguages(page, 'patents', name);
const open = (key: string | null, next: string): Promise<Page> => cast.open(key, next);
const n = (digits: string) => `${digits}.${patentCheckCharacter(digits)}`;
const api = async (key: string, method: InjectOptions['method'], url: string, payload?: Record<string, unknown>) => {
  const res = await cast.inject(key, method, `${C}${url}`, payload);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};

const header = ['申请号', '专利类型', '名称', 'IPC分类号', '主分类号', '申请人', '发明人', '申请日', '公开日', '授权日', '法律状态', '法律状态日'];
const good = [
  [`CN${n('201910000001')}`, '发明', '示例：一种模型训练方法', 'G06N 3/08;G06F 16/00', '', '第四范式（北京）技术有限公司；示例大学', '张三、李四', '2019-01-10', '2019-07-10', '2021-03-02', '授权', ''],
  // The applicant as the patent office wrote it, not as the registry names it: linked by hand below.
  [n('202010000002'), '发明', '示例：一种芯片测试方法', 'H01L 21/66', '', '示例芯测公司', '王五', '2020-05-01', '2020-11-01', '2022-06-01', '授权', ''],
  [n('202320000003'), '实用新型', '示例：一种散热装置', 'H01L 23/34', '', '示例芯测公司', '赵六', '2023-02-01', '', '2023-08-01', '授权', ''],
  [n('202410000004'), '', '示例：一种检索方法', 'G06F 16/33', '', '示例未入库公司', '钱七', '2024-04-01', '2024-10-01', '', '审中', ''],
];
const wrongCheck = `202110000005.${(Number(patentCheckCharacter('202110000005').replace('X', '9')) + 1) % 10}`;
const bad = [
  [wrongCheck, '发明', '示例：校验位错误', 'G06N 3/08', '', '示例公司', '', '2021-01-01', '', '', '审中', ''],
  [n('202110000006'), '实用新型', '示例：类型不符', 'G06N 3/08', '', '示例公司', '', '2021-01-01', '', '', '审中', ''],
  [n('202110000007'), '发明', '示例：缺授权日', 'G06N 3/08', '', '示例公司', '', '2021-01-01', '', '', '授权', ''],
];
const csv = (rows: string[][]) => Buffer.from(`\uFEFF${[header, ...rows].map((r) => r.join(',')).join('\n')}`);

beforeAll(async () => {
  rig = await startRig();
  cast = journeyCast(rig, 'pt', consoleErrors);
  await cast.makeUser('analyst', 'analyst', '吴涛（分析员）');
  // The registry's name for the applicant the patent office wrote as 示例芯测公司.
  await api('analyst', 'POST', '/entities', { kind: 'enterprise', nameZh: '示例芯片测试有限公司', nameEn: 'Sample Chip Testing Co., Ltd.', areaId: HAIDIAN, isSample: true, confirmNotDuplicate: true });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await cast.shootFailure('patents');
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
});

afterAll(async () => {
  await cast?.close();
  await rig?.close();
});

describe('patents in the browser', () => {
  test('a file with bad rows is refused row by row and writes nothing; the clean file is checked, then imported', async () => {
    const page = await open('analyst', '/patents/import');
    await page.getByTestId('patent-import-page').waitFor();
    await page.getByTestId('patent-import-sample').check();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('patent-import-choose').click();
    await (await chooser).setFiles({ name: '专利清单.csv', mimeType: 'text/csv', buffer: csv([...good, ...bad]) });
    await page.getByTestId('patent-import-errors').waitFor();
    await poll(() => page.getByTestId('patent-import-error-row').count()).toBe(3);
    expect(await page.getByTestId('patent-import-commit').count()).toBe(0);
    await page.getByText(`校验位不对，应为 ${patentCheckCharacter('202110000005')}`).waitFor();
    await page.getByText('已授权的专利须填写授权日').waitFor();
    await shoot(page, 'import-refused');
    expect((await api('analyst', 'GET', '/patents')).total).toBe(0);

    const again = page.waitForEvent('filechooser');
    await page.getByTestId('patent-import-choose').click();
    const xlsx = await writeTable(header, good, 'xlsx', '专利');
    await (await again).setFiles({ name: '专利清单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
    await poll(() => page.getByTestId('patent-import-summary').getAttribute('data-errors')).toBe('0');
    expect(await page.getByTestId('patent-import-summary').getAttribute('data-dry-run')).toBe('true');
    expect((await api('analyst', 'GET', '/patents')).total).toBe(0);
    await page.getByTestId('patent-import-commit').click();
    await poll(() => page.getByTestId('patent-import-summary').getAttribute('data-dry-run')).toBe('false');
    await page.getByTestId('patent-import-unmatched').waitFor();
    await page.getByText('示例芯测公司').waitFor();
    await shoot(page, 'import-done');
    const list = await api('analyst', 'GET', '/patents');
    expect(list.total).toBe(4);
    expect(list.items.every((p: { isSample: boolean }) => p.isSample)).toBe(true);
  });

  test('the statistics page counts the imported patents', async () => {
    const page = await open('analyst', '/patents');
    await page.getByTestId('patent-statistics-page').waitFor();
    await poll(() => page.getByTestId('patent-card-total').textContent()).toContain('4');
    await page.getByTestId('patent-by-application-year').locator('canvas').first().waitFor();
    await poll(() => page.getByTestId('patent-stats-table').locator('tbody tr.ant-table-row').count()).toBe(2);
    await page.getByTestId('patent-unlinked-note').waitFor();
    await shoot(page, 'statistics');
  });

  test('an applicant written differently from the registry is linked by hand; the patent takes its district', async () => {
    const page = await open('analyst', '/patents/registry?q=芯片测试');
    await page.getByTestId('patents-page').waitFor();
    await poll(() => page.getByTestId('patent-row').count()).toBe(1);
    await shoot(page, 'registry');
    await page.getByTestId('patent-link').first().click();
    await page.getByTestId('patent-page').waitFor();
    await poll(() => page.getByTestId('patent-area').textContent()).toBe('—');
    await pickOption(page, page.getByTestId('patent-applicant-picker'), '示例芯片', '示例芯片测试有限公司');
    await page.getByTestId('patent-applicant-link').click();
    await poll(() => page.getByTestId('patent-area').textContent()).toBe('海淀区');
    await page.getByTestId('patent-applicant').getByText('已关联').waitFor();
    await shoot(page, 'linked');
    const [patent] = (await api('analyst', 'GET', '/patents?q=芯片测试')).items;
    expect(patent.applicants[0]).toMatchObject({ name: '示例芯测公司', entityNameZh: '示例芯片测试有限公司' });
    expect(patent.areaId).toBe(HAIDIAN);
  });

  test('a new pool gets a patent by its application number', async () => {
    const page = await open('analyst', '/patents/pools');
    await page.getByTestId('patent-pools-page').waitFor();
    await page.getByTestId('pool-new').click();
    await page.getByTestId('pool-name').fill('示例：智能计算专利池');
    await page.getByTestId('pool-field').fill('人工智能');
    await pickOption(page, page.getByTestId('pool-royalty'), '', '按销售额比例');
    await page.getByTestId('pool-frand').click();
    await page.getByTestId('pool-form').getByRole('checkbox').check();
    await page.getByTestId('pool-save').click();
    await page.getByTestId('patent-pool-page').waitFor();
    await page.getByTestId('pool-patent-number').fill(`ZL${n('201910000001').replace('.', '')}`);
    await page.getByTestId('pool-patent-add').click();
    await poll(() => page.getByTestId('pool-patents').locator('tbody tr.ant-table-row').count()).toBe(1);
    await page.getByTestId('pool-patents').getByText('示例：一种模型训练方法').waitFor();
    await shoot(page, 'pool');
    const pools = await api('analyst', 'GET', '/patent-pools');
    expect(pools.items).toMatchObject([{ nameZh: '示例：智能计算专利池', patents: 1, frand: true, isSample: true }]);
    expect(consoleErrors).toEqual([]);
  });
});
