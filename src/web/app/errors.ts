import type { FormInstance } from 'antd';
import type { FieldIssue } from '../../shared/errors.js';
import { formatDateTime } from '../i18n/format.js';
import { errorKey, type MessageKey } from '../i18n/keys.js';
import type { Translator } from '../i18n/translate.js';
import { isApiError } from './api.js';

/** A translated, user-facing message for any thrown value; never the server's own text. */
export const errorMessage = (error: unknown, t: Translator): string => {
  if (!isApiError(error)) return t('error.INTERNAL_ERROR');
  if (error.code === 'ACCOUNT_LOCKED') {
    const until = error.details?.['lockedUntil'];
    if (typeof until === 'string' && !Number.isNaN(Date.parse(until))) {
      return t('error.ACCOUNT_LOCKED_until', { time: formatDateTime(until, t.locale) });
    }
  }
  if (error.code === 'TOO_MANY_REQUESTS') {
    const seconds = Number(error.details?.['retryAfterSeconds']);
    if (Number.isFinite(seconds) && seconds > 0) return t('error.TOO_MANY_REQUESTS_retry', { seconds: Math.ceil(seconds) });
  }
  return t(errorKey(error.code));
};

/** Values some issues carry besides their reason (an identifier's check character: `position`, `expected`). */
const ISSUE_VALUES = ['position', 'expected', 'length'] as const;

const issueValues = (issue: FieldIssue): Record<string, string | number> => {
  const extra = issue as FieldIssue & Record<string, unknown>;
  const values: Record<string, string | number> = {};
  for (const name of ISSUE_VALUES) {
    const value = extra[name];
    if (typeof value === 'string' || typeof value === 'number') values[name] = value;
  }
  return values;
};

/**
 * The translation of one field issue's reason, with a generic message for
 * reasons we do not know. When the issue says more (`position`, `expected`)
 * and the catalog has a `.detail` message for the reason, that one is used:
 * "第18位校验码应为 X" rather than "校验码不正确".
 */
export const fieldIssueMessage = (issue: FieldIssue, t: Translator): string => {
  const key = `fieldReason.${issue.reason}`;
  if (!t.has(key)) return t('fieldReason.invalid');
  const detailKey = `${key}.detail`;
  if (t.has(detailKey)) {
    const detailed = t(detailKey as MessageKey, issueValues(issue));
    // Only when the issue filled every placeholder.
    if (!/\{\w+\}/.test(detailed)) return detailed;
  }
  return t(key as MessageKey);
};

/**
 * Puts a VALIDATION_FAILED (or other field-level) error's issues next to the
 * form fields they concern. `fieldFor` maps an issue path to a form field name;
 * returns the issues that matched no field, for a form-level message.
 */
export const applyFieldErrors = (
  form: FormInstance,
  error: unknown,
  t: Translator,
  fieldFor: (path: string) => string | null = (path) => path.split('.')[0] ?? null,
): FieldIssue[] => {
  if (!isApiError(error)) return [];
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const byField = new Map<string, string[]>();
  const unmatched: FieldIssue[] = [];
  for (const issue of error.fieldIssues) {
    const field = issue.in === 'body' ? fieldFor(issue.path) : null;
    if (!field || !known.has(field)) {
      unmatched.push(issue);
      continue;
    }
    byField.set(field, [...(byField.get(field) ?? []), fieldIssueMessage(issue, t)]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors: [...new Set(errors)] })));
  return unmatched;
};

/**
 * Show a failed form submission: field issues beside their fields, a password
 * policy failure without field details on `passwordField`, anything else as
 * the returned form-level message (null when everything found a field).
 */
export const placeFormError = (
  form: FormInstance,
  error: unknown,
  t: Translator,
  passwordField?: string,
  fieldFor?: (path: string) => string | null,
): string | null => {
  const unmatched = applyFieldErrors(form, error, t, fieldFor);
  const placed = isApiError(error) && error.fieldIssues.length > unmatched.length;
  if (isApiError(error) && error.code === 'PASSWORD_POLICY' && !placed && passwordField) {
    form.setFields([{ name: passwordField, errors: [t('error.PASSWORD_POLICY')] }]);
    return null;
  }
  return !placed || unmatched.length > 0 ? errorMessage(error, t) : null;
};

/**
 * Show a failed form submission: each body issue next to the field `fieldFor`
 * names (a name path, so nested fields such as `['settings', 'form',
 * 'criteria', 0, 'label']` work), and the rest as the returned form-level
 * text (null when every issue found a field). `issueText` lets a module word
 * its own reasons.
 */
export const placeIssues = (
  form: FormInstance,
  error: unknown,
  t: Translator,
  fieldFor: (path: string) => (string | number)[] | null,
  issueText: (issue: FieldIssue, t: Translator) => string = fieldIssueMessage,
): string | null => {
  const issues = isApiError(error) ? error.fieldIssues : [];
  if (issues.length === 0) return errorMessage(error, t);
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const rest: string[] = [];
  for (const issue of issues) {
    const name = issue.in === 'body' ? fieldFor(issue.path) : null;
    if (!name) {
      rest.push(issueText(issue, t));
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issueText(issue, t));
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors: [...new Set(errors)] })));
  return rest.length ? [...new Set(rest)].join(t('common.listSeparator')) : null;
};
