import { isApiError } from '../../../../app/api.js';
import { errorMessage, fieldIssueMessage } from '../../../../app/errors.js';
import type { Translator } from '../../../../i18n/translate.js';
import type { ServerIssue } from './problems.js';
import type { SaveErrors } from './SaveFields.js';

/**
 * A refused save, placed: `elements.<i>.<field>` on the element that was
 * i-th in the request (and on its field), the key, name and note on their
 * inputs, the rest as one message.
 */
export const placeSaveError = (error: unknown, sentIds: readonly string[], t: Translator): { issues: ServerIssue[]; fields: SaveErrors; message: string } => {
  const issues: ServerIssue[] = [];
  const fields: SaveErrors = {};
  if (!isApiError(error)) return { issues, fields, message: errorMessage(error, t) };
  for (const issue of error.fieldIssues) {
    const text = issue.reason === 'invalid_input' ? t('evaluation.framework.problem.server') : fieldIssueMessage(issue, t);
    const parts = issue.path.split('.');
    if (parts[0] === 'elements' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
      issues.push({ id: sentIds[Number(parts[1])] ?? null, field: parts[2] ?? null, text, detail: issue.message });
    } else if (parts[0] === 'key' || parts[0] === 'name' || parts[0] === 'note') {
      fields[parts[0]] = text;
    } else {
      issues.push({ id: null, field: null, text, detail: issue.message });
    }
  }
  return { issues, fields, message: errorMessage(error, t) };
};
