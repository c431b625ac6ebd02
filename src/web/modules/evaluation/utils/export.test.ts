import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import type { TRunResults, TRunStep } from '../../../../shared/schemas/evaluation.js';
import { BOM, buildWorkbook, fileName, marksSheet, resultsSheet, sheetName, stepSheet, toCsv, type ExcelModule } from './export.js';

const results: TRunResults = {
  root: 'Index',
  aggregates: [
    { code: 'Index', name: '指数', level: 3, parent: null },
    { code: 'P1', name: 'Pillar, one', level: 2, parent: 'Index' },
  ],
  units: [
    { uCode: 'bj-110108', uName: '海淀区', rank: 1, scores: { Index: 71.25, P1: 80 } },
    { uCode: 'X', uName: '=HYPERLINK("evil")', rank: null, scores: { Index: null, P1: 1 / 3 } },
  ],
};

const step: TRunStep = {
  index: 1,
  op: 'imputed',
  step: { op: 'impute', method: 'mean' },
  codes: ['a', 'b'],
  units: [
    { uCode: 'U1', uName: 'One' },
    { uCode: 'U2', uName: 'Two' },
  ],
  values: [
    [1, 2.5],
    [null, 4],
  ],
  filled: [['U1', 'b']],
  treated: [['U2', 'a']],
};

describe('CSV', () => {
  test('results: a BOM, CRLF, codes as headers, full precision, empty for missing, names quoted when they need it', () => {
    const csv = toCsv(resultsSheet(results));
    expect(csv.startsWith(BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('rank,uCode,uName,Index,P1');
    expect(lines[1]).toBe('1,bj-110108,海淀区,71.25,80');
    // A name that would run as a formula is made text; quotes doubled.
    expect(lines[2]).toBe(`,X,"'=HYPERLINK(""evil"")",,${1 / 3}`);
    expect(lines[3]).toBe('');
  });

  test('a step dataset and its marks', () => {
    const sheet = stepSheet(step);
    expect(sheet.name).toBe('step-1-imputed');
    expect(toCsv(sheet).slice(1).split('\r\n').slice(0, 3)).toEqual(['uCode,uName,a,b', 'U1,One,1,2.5', 'U2,Two,,4']);
    expect([...(sheet.marks ?? [])]).toEqual([
      ['0:3', 'filled'],
      ['1:2', 'treated'],
    ]);
    expect(marksSheet(step).rows).toEqual([
      ['U1', 'b', 'imputed'],
      ['U2', 'a', 'treated'],
    ]);
  });

  test('negative numbers stay numbers', () => {
    expect(toCsv({ name: 's', header: ['x'], rows: [[-1.5], ['-2'], ['-dash']] }).slice(1)).toBe("x\r\n-1.5\r\n-2\r\n'-dash\r\n");
  });
});

describe('Excel', () => {
  test('a workbook with the results and a step, marked cells filled and annotated', async () => {
    const styles = { filled: { fill: '#fffbe6', note: 'imputed' }, treated: { fill: '#f9f0ff', note: 'treated' } };
    const bytes = await buildWorkbook(ExcelJS as unknown as ExcelModule, [resultsSheet(results), stepSheet(step)], styles);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['results', 'step-1-imputed']);
    const res = book.getWorksheet('results');
    expect(res?.getRow(1).values).toEqual([undefined, 'rank', 'uCode', 'uName', 'Index', 'P1']);
    expect(res?.getRow(2).getCell(3).value).toBe('海淀区');
    expect(res?.getRow(2).getCell(4).value).toBe(71.25);
    expect(res?.getRow(3).getCell(4).value).toBeNull();
    const ws = book.getWorksheet('step-1-imputed');
    const filled = ws?.getRow(2).getCell(4);
    expect(filled?.value).toBe(2.5);
    expect((filled?.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFFBE6');
    expect(ws?.getRow(3).getCell(3).note).toBe('treated');
    expect(ws?.getRow(2).getCell(3).fill).toBeUndefined();
  });

  test('sheet and file names', () => {
    const used = new Set<string>();
    expect(sheetName('a/b:c', used)).toBe('a-b-c');
    expect(sheetName('A-B-C', used)).toBe('A-B-C-2');
    expect(sheetName('x'.repeat(40), used)).toHaveLength(31);
    expect(fileName(['run', '1a2b3c4d', 'step 2', 'imputed'], 'csv')).toBe('run-1a2b3c4d-step-2-imputed.csv');
  });
});
