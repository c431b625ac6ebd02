import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { csvLine } from '../../../core/tabular/csv.js';
import { entities, importJobs } from '../../../db/schema/index.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';
import { importEntities } from './registry-import.js';
import { syntheticCreditCode } from '../../../core/identifiers/test-support/synthetic-uscc.js';

let t: TestApp;
let officer: Session;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  officer = await t.userWithRole('service_officer');
});
afterAll(() => t.close());

const C = '/api/centres/beijing';
/** Synthetic, well-formed credit codes: never a real company's. */
const code = (n: number): string => syntheticCreditCode('MA', n);
const header = ['中文名称', '英文名称', '类型代码', '别名', '统一社会信用代码', '所在区域', '成立日期', '行业代码', '示例数据'];
const csv = (rows: unknown[][]): Buffer => Buffer.from(`\uFEFF${[header, ...rows].map(csvLine).join('')}`, 'utf8');

const upload = (body: Buffer, fileName: string, dryRun = false, contentType = 'text/csv') =>
  t.request({ method: 'POST', url: `${C}/imports/organisations?fileName=${fileName}&dryRun=${dryRun}`, session: officer, payload: body, headers: { 'content-type': contentType } });

describe('import', () => {
  test('a dry run reports every bad row with column, value and reason, and writes no record', async () => {
    const before = await t.database.db.select({ n: count() }).from(entities);
    const body = csv([
      ['示例甲公司', 'Sample A Co.', 'enterprise', '甲|A', code(1), '海淀区', '2020-01', '6513', '是'],
      ['示例乙公司', '', 'enterprise', '', '', '', '', '', '是'],
      ['示例丙公司', 'Sample C Co.', 'spaceship', '', '91110108MA0000001X', '火星', '2020-13', '', '也许'],
    ]);
    const res = await upload(body, 'sample.csv', true);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ dryRun: true, rows: 3, inserted: 1, failed: 2 });
    const reasons = report.errors.map((e: { row: number; column: string; reason: string }) => `${e.row}:${e.column}:${e.reason}`);
    expect(reasons).toEqual(expect.arrayContaining(['2:英文名称:required', '3:所在区域:unknown_area', '3:示例数据:not_yes_or_no']));
    const after = await t.database.db.select({ n: count() }).from(entities);
    expect(after[0]?.n).toBe(before[0]?.n);
    const errors = await t.request({ method: 'GET', url: `${C}/imports/${report.jobId}/errors`, session: officer });
    expect(errors.body).toMatch(/^\uFEFF行 row,列 column,值 value,原因 reason\r\n2,英文名称,,required/);
  });

  test('the real import writes valid rows, and a second import of changed rows updates them (matched on the credit code)', async () => {
    const first = (await upload(csv([['示例丁公司', 'Sample D Co.', 'enterprise', '', code(4), 'bj-110108', '', '', '是']]), 'd.csv')).json();
    expect(first).toMatchObject({ inserted: 1, updated: 0, failed: 0 });
    const second = (await upload(csv([['示例丁公司', 'Sample D Company', 'enterprise', 'SDC', code(4), '海淀区', '2021', '', '是']]), 'd2.csv')).json();
    expect(second).toMatchObject({ inserted: 0, updated: 1 });
    const [row] = await t.database.db.select().from(entities).where(eq(entities.uscc, code(4)));
    expect(row).toMatchObject({ nameEn: 'Sample D Company', aliases: ['SDC'], foundedOn: '2021', isSample: true });
    const found = await t.request({ method: 'GET', url: `${C}/search?q=${encodeURIComponent('示例丁')}` });
    expect(found.json().items[0].id).toBe(row?.id);
  });

  test('Excel files import the same way', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('x');
    sheet.addRow(header);
    sheet.addRow(['示例戊公司', 'Sample E Co.', 'enterprise', '', code(5), '朝阳区', '', '', '是']);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(body, 'e.xlsx', false, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.json()).toMatchObject({ inserted: 1, failed: 0 });
  });

  test('a header without the required columns is refused before any row', async () => {
    const res = await upload(Buffer.from('名称,地址\r\nx,y\r\n'), 'bad.csv');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['kind', 'nameEn']);
  });

  test('an import killed mid-way resumes after its last committed batch', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => [`示例续传${i}`, `Resume Sample ${i}`, 'enterprise', '', code(100 + i), '', '', '', '是']);
    const body = csv(rows);
    const actor = { kind: 'system', label: 'test' } as const;
    let committed = 0;
    // Simulate a crash: the clock fails inside the third batch's transaction.
    const crashingNow = (): Date => {
      if (committed >= 2) throw new Error('killed');
      return new Date();
    };
    await expect(
      importEntities(t.database.db, { centreId: 'beijing', input: body, fileName: 'resume.csv', dryRun: false, actor, now: crashingNow, batchRows: 5, onProgress: () => void committed++ }),
    ).rejects.toThrow('killed');
    const [job] = await t.database.db.select().from(importJobs).where(eq(importJobs.fileName, 'resume.csv'));
    expect(job?.status).toBe('running');
    expect(job?.rowsDone).toBe(10);
    const done = job?.rowsDone ?? 0;
    const inDb = await t.database.db.select({ n: count() }).from(entities).where(eq(entities.kind, 'enterprise'));
    const report = await importEntities(t.database.db, { centreId: 'beijing', input: body, fileName: 'resume.csv', dryRun: false, actor, now: () => new Date(), batchRows: 5 });
    expect(report).toMatchObject({ resumedFromRow: done, rows: 25, inserted: 25, failed: 0 });
    const after = await t.database.db.select({ n: count() }).from(entities).where(eq(entities.kind, 'enterprise'));
    expect((after[0]?.n ?? 0) - (inDb[0]?.n ?? 0)).toBe(25 - done);
  });
});

describe('set-based batches', () => {
  test('rows repeating an identifier update the record the first wrote; a row whose identifiers name two records is refused', async () => {
    const ror = '03cve4549';
    const first = (
      await upload(
        csv([
          ['示例重复甲', 'Sample Repeat A', 'enterprise', '', code(300), '', '', '', '是'],
          ['示例重复甲二', 'Sample Repeat A2', 'enterprise', '', code(300), '', '', '', '是'],
        ]),
        'repeat.csv',
      )
    ).json();
    expect(first).toMatchObject({ rows: 2, inserted: 1, updated: 1, failed: 0 });
    const [row] = await t.database.db.select().from(entities).where(eq(entities.uscc, code(300)));
    expect(row?.nameEn).toBe('Sample Repeat A2');

    await upload(csv([['示例研究所', 'Sample Institute', 'research_institute', '', code(301), '', '', '', '是']]), 'inst.csv');
    const withRor = Buffer.from(`\uFEFF${[['英文名称', '类型代码', '统一社会信用代码', 'ROR'], ['Sample Institute', 'research_institute', code(301), ror], ['Clash', 'research_institute', code(300), ror]].map(csvLine).join('')}`);
    const clash = (await upload(withRor, 'clash.csv')).json();
    expect(clash).toMatchObject({ updated: 1, failed: 1 });
    expect(clash.errors).toEqual([{ row: 2, column: 'ROR', value: ror, reason: 'identifier_conflict' }]);
  });

  test('an update changes only the columns the file carries', async () => {
    await upload(csv([['示例保留', 'Sample Keep', 'enterprise', '保留别名', code(310), '海淀区', '2019', '6513', '是']]), 'keep.csv');
    const narrow = Buffer.from(`\uFEFF${[['英文名称', '类型代码', '统一社会信用代码'], ['Sample Keep Renamed', 'enterprise', code(310)]].map(csvLine).join('')}`);
    expect((await upload(narrow, 'keep2.csv')).json()).toMatchObject({ updated: 1, failed: 0 });
    const [row] = await t.database.db.select().from(entities).where(eq(entities.uscc, code(310)));
    expect(row).toMatchObject({ nameEn: 'Sample Keep Renamed', nameZh: '示例保留', aliases: ['保留别名'], foundedOn: '2019', sectorCodes: ['6513'], version: 2 });
    const found = await t.request({ method: 'GET', url: `${C}/search?q=${encodeURIComponent('保留别名')}` });
    expect(found.json().items[0]?.id).toBe(row?.id);
  });
});

describe('background imports', () => {
  test('wait=false answers 202 once the header is accepted; the job reports progress until done', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`示例后台${i}`, i === 7 ? '' : `Background Sample ${i}`, 'enterprise', '', code(400 + i), '', '', '', '是']);
    const res = await t.request({ method: 'POST', url: `${C}/imports/organisations?fileName=bg.csv&wait=false`, session: officer, payload: csv(rows), headers: { 'content-type': 'text/csv' } });
    expect(res.statusCode).toBe(202);
    const started = res.json();
    expect(started).toMatchObject({ fileName: 'bg.csv', status: 'running', totalRows: 30, actorLabel: expect.any(String) });
    let report = started;
    for (let i = 0; i < 100 && report.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      report = (await t.request({ method: 'GET', url: `${C}/imports/${started.jobId}`, session: officer })).json();
    }
    expect(report).toMatchObject({ status: 'done', rows: 30, inserted: 29, failed: 1, finishedAt: expect.any(String) });
    expect(report.errors[0]).toMatchObject({ row: 8, reason: 'required' });
    const list = (await t.request({ method: 'GET', url: `${C}/imports`, session: officer })).json();
    expect(list.items.find((j: { jobId: string }) => j.jobId === started.jobId)).toMatchObject({ status: 'done', failed: 1, errors: [] });
  });

  test('a refused header answers 400 even in the background mode, and jobs are for writers only', async () => {
    const res = await t.request({ method: 'POST', url: `${C}/imports/organisations?fileName=bad2.csv&wait=false`, session: officer, payload: Buffer.from('名称\r\nx\r\n'), headers: { 'content-type': 'text/csv' } });
    expect(res.statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: `${C}/imports` })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: `${C}/imports/nope`, session: officer })).statusCode).toBe(404);
  });
});

describe('export and template', () => {
  test('a filtered list exports as CSV with zh-CN headers, and as XLSX', async () => {
    const res = await t.request({ method: 'GET', url: `${C}/export/organisations?format=csv&category=national_lab` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^中文名称,英文名称,类型代码/);
    expect(lines.some((l) => l.includes('昌平国家实验室'))).toBe(true);
    const xlsx = await t.request({ method: 'GET', url: `${C}/export/organisations?format=xlsx&q=${encodeURIComponent('实验室')}` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.rowCount).toBeGreaterThan(2);
  });

  test('the template downloads for writers only', async () => {
    expect((await t.request({ method: 'GET', url: `${C}/imports/template?format=csv` })).statusCode).toBe(401);
    const res = await t.request({ method: 'GET', url: `${C}/imports/template?format=csv`, session: officer });
    expect(res.body.replace(/^\uFEFF/, '')).toMatch(/^中文名称,英文名称,类型代码,别名,统一社会信用代码/);
  });
});
