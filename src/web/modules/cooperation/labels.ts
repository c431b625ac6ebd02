import type { FieldIssue } from '../../../shared/errors.js';
import { fieldIssueMessage } from '../../app/errors.js';
import type { MessageKey } from '../../i18n/keys.js';
import type { Translator } from '../../i18n/translate.js';

/** A country's name in the reader's language from its ISO 3166-1 code (the code itself when the browser does not know it). */
export const countryName = (code: string, locale: string): string => {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/** A refusal in the module's own words when it has them, else the common wording. */
export const cooperationIssueText = (issue: FieldIssue, t: Translator): string => {
  const key = `cooperation.reason.${issue.reason}`;
  return t.has(key) ? t(key as MessageKey) : fieldIssueMessage(issue, t);
};

export const fieldOf = (path: string): (string | number)[] => path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
