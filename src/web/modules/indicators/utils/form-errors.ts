import type { FormInstance } from 'antd';
import type { FieldIssue } from '../../../../shared/errors.js';
import { isApiError } from '../../../app/api.js';
import { errorMessage, fieldIssueMessage } from '../../../app/errors.js';
import type { Translator } from '../../../i18n/translate.js';

/** An issue's reason in words: the indicators' own reasons (`indicators.reason.*`) first, then the shared ones. */
export const indicatorIssueMessage = (issue: FieldIssue, t: Translator): string => {
  const key = `indicators.reason.${issue.reason}`;
  return t.has(key) ? t(key as Parameters<Translator>[0]) : fieldIssueMessage(issue, t);
};

/**
 * Show a failed submission of an indicator, figure or target form: each field
 * issue beside its field (`fieldFor` maps an issue's path to a form field),
 * anything else as the returned form-level message (null when every issue
 * found its field).
 */
export const placeIndicatorFormError = (
  form: FormInstance,
  error: unknown,
  t: Translator,
  fieldFor: (path: string) => string | null = (path) => path.split('.')[0] ?? null,
): string | null => {
  if (!isApiError(error)) return errorMessage(error, t);
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const registered = (name: string) => known.has(name) || form.getFieldInstance(name) !== undefined;
  const byField = new Map<string, string[]>();
  let unmatched = 0;
  for (const issue of error.fieldIssues) {
    const field = issue.in === 'body' ? fieldFor(issue.path) : null;
    if (!field || !registered(field)) {
      unmatched += 1;
      continue;
    }
    byField.set(field, [...new Set([...(byField.get(field) ?? []), indicatorIssueMessage(issue, t)])]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size === 0 || unmatched > 0 ? errorMessage(error, t) : null;
};
