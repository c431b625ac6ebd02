import { describe, expect, test } from 'vitest';
import { ApiError } from '../../../app/api.js';
import { tEn, tZh } from '../../../test-support/fixtures.js';
import { columnLabel, fileProblem, importFormatOf, importProgress, importReasonText, refusedFile, uploadFileName } from './import-report.js';

describe('import files', () => {
  test('only .csv and .xlsx are sent, within the size limit', () => {
    expect(importFormatOf('名录.CSV')).toBe('csv');
    expect(importFormatOf('a.xlsx')).toBe('xlsx');
    expect(importFormatOf('a.xls')).toBeNull();
    expect(fileProblem({ name: 'a.xls', size: 10 })).toBe('format');
    expect(fileProblem({ name: 'a.csv', size: 0 })).toBe('empty');
    expect(fileProblem({ name: 'a.csv', size: 65 * 1024 * 1024 })).toBe('size');
    expect(fileProblem({ name: 'a.csv', size: 10 })).toBeNull();
  });
  test('a very long name is shortened, keeping its extension', () => {
    const name = uploadFileName(`${'x'.repeat(300)}.xlsx`);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.xlsx')).toBe(true);
    expect(uploadFileName('short.csv')).toBe('short.csv');
  });
});

describe('importProgress', () => {
  test('a share of the counted rows, full when done, unknown for uncounted files', () => {
    expect(importProgress({ status: 'running', rows: 250, totalRows: 1000 })).toEqual({ percent: 25, rows: 250, total: 1000 });
    expect(importProgress({ status: 'running', rows: 999, totalRows: 1000 }).percent).toBe(99);
    expect(importProgress({ status: 'running', rows: 10, totalRows: null })).toEqual({ percent: null, rows: 10, total: null });
    expect(importProgress({ status: 'done', rows: 10, totalRows: null })).toEqual({ percent: 100, rows: 10, total: 10 });
    expect(importProgress({ status: 'interrupted', rows: 500, totalRows: 2000 }).percent).toBe(25);
  });
});

describe('importReasonText', () => {
  test('translates known reasons, with the expected check character worked out again', () => {
    expect(importReasonText({ reason: 'required', value: '' }, tZh)).toBe('此项为必填项');
    expect(importReasonText({ reason: 'unknown_kind', value: 'spaceship' }, tEn)).toMatch(/kind code/);
    // 91110108MA01B2C3X0: the organisation code's check character (17th) should be 4.
    expect(importReasonText({ reason: 'uscc_organisation_code_check', value: '91110108MA01B2C3X0' }, tZh)).toBe('第17位（组织机构代码校验码）应为 4');
    expect(importReasonText({ reason: 'uscc_organisation_code_check', value: 'garbage' }, tZh)).toBe('组织机构代码的校验码不正确');
  });
  test('shows a reason it does not know as the code', () => {
    expect(importReasonText({ reason: 'brand_new_reason', value: 'x' }, tZh)).toBe('brand_new_reason');
  });
});

describe('refusedFile', () => {
  test('names the missing columns in both header languages', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'x', {
      fields: [
        { in: 'body', path: 'nameEn', reason: 'missing_column', message: '' },
        { in: 'body', path: 'kind', reason: 'missing_column', message: '' },
      ],
    });
    expect(refusedFile(error, 'zh-CN')).toEqual({ kind: 'missing_columns', columns: ['英文名称（English name）', '类型代码（Kind code）'] });
    expect(refusedFile(error, 'en-US')).toEqual({ kind: 'missing_columns', columns: ['English name (英文名称)', 'Kind code (类型代码)'] });
    expect(refusedFile(new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'x'), 'zh-CN')).toBeNull();
    expect(columnLabel('ror', 'zh-CN')).toBe('ROR');
  });
});
