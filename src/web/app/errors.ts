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

/** The translation of one field issue's reason, with a generic message for reasons we do not know. */
export const fieldIssueMessage = (issue: FieldIssue, t: Translator): string => {
  const key = `fieldReason.${issue.reason}`;
  return t.has(key) ? t(key as MessageKey) : t('fieldReason.invalid');
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
export const placeFormError = (form: FormInstance, error: unknown, t: Translator, passwordField: string): string | null => {
  const unmatched = applyFieldErrors(form, error, t);
  const placed = isApiError(error) && error.fieldIssues.length > unmatched.length;
  if (isApiError(error) && error.code === 'PASSWORD_POLICY' && !placed) {
    form.setFields([{ name: passwordField, errors: [t('error.PASSWORD_POLICY')] }]);
    return null;
  }
  return !placed || unmatched.length > 0 ? errorMessage(error, t) : null;
};
