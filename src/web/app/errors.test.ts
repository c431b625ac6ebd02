import type { FormInstance } from 'antd';
import { describe, expect, test } from 'vitest';
import type { FieldIssue } from '../../shared/errors.js';
import { tEn, tZh } from '../test-support/fixtures.js';
import { ApiError } from './api.js';
import { applyFieldErrors, fieldIssueMessage, placeFormError } from './errors.js';

const issue = (reason: string, extra: Record<string, unknown> = {}): FieldIssue => ({ in: 'body', path: 'uscc', reason, message: 'x', ...extra }) as FieldIssue;

/** Just enough of a form to see where errors go. */
const fakeForm = (fields: string[]) => {
  const set: Array<{ name: string; errors: string[] }> = [];
  const form = {
    getFieldsValue: () => Object.fromEntries(fields.map((f) => [f, ''])),
    setFields: (list: Array<{ name: string; errors: string[] }>) => set.push(...list),
  } as unknown as FormInstance;
  return { form, set };
};

describe('fieldIssueMessage', () => {
  test('names the position and the expected character when the issue gives them', () => {
    expect(fieldIssueMessage(issue('uscc_check_character', { position: 18, expected: 'X' }), tZh)).toBe('第18位校验码应为 X');
    expect(fieldIssueMessage(issue('uscc_check_character', { position: 18, expected: 'X' }), tEn)).toBe('Check character at position 18 should be X');
    expect(fieldIssueMessage(issue('uscc_organisation_code_check', { position: 17, expected: '4' }), tZh)).toBe('第17位（组织机构代码校验码）应为 4');
  });
  test('falls back to the general message when the details are missing', () => {
    expect(fieldIssueMessage(issue('uscc_check_character', { position: null, expected: null }), tZh)).toBe('校验码不正确');
    expect(fieldIssueMessage(issue('uscc_check_character'), tEn)).toBe('The check character is wrong');
  });
  test('knows reasons without details, and says something for unknown ones', () => {
    expect(fieldIssueMessage(issue('duplicate_identifier'), tZh)).toBe('该标识已被其他记录使用');
    expect(fieldIssueMessage(issue('no_such_reason'), tEn)).toBe('This value is not valid');
  });
});

describe('applyFieldErrors / placeFormError', () => {
  const error = new ApiError(400, 'VALIDATION_FAILED', 'bad', {
    fields: [issue('uscc_check_character', { position: 18, expected: 'X' }), { in: 'body', path: 'version', reason: 'stale_version', message: 'x' }],
  });
  test('puts each issue beside its field and returns the rest', () => {
    const { form, set } = fakeForm(['uscc', 'nameEn']);
    const rest = applyFieldErrors(form, error, tZh);
    expect(set).toEqual([{ name: 'uscc', errors: ['第18位校验码应为 X'] }]);
    expect(rest.map((i) => i.path)).toEqual(['version']);
  });
  test('a form-level message only when something found no field', () => {
    const { form } = fakeForm(['uscc', 'nameEn']);
    expect(placeFormError(form, error, tZh)).toBe('提交的信息有误，请按提示修改。');
    const placed = new ApiError(400, 'VALIDATION_FAILED', 'bad', { fields: [issue('ror_checksum')] });
    expect(placeFormError(fakeForm(['uscc']).form, placed, tZh, undefined, () => 'uscc')).toBeNull();
  });
});
