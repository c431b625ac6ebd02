import { isApiError } from '../../app/api.js';
import { errorMessage, fieldIssueMessage } from '../../app/errors.js';
import type { MessageKey } from '../../i18n/keys.js';
import type { Translator } from '../../i18n/translate.js';
import type { FieldIssue } from '../../../shared/errors.js';
import { reasonLabel } from '../calls/utils/labels.js';

/** One refusal in words: this module's reasons (with the criterion they name), then the calls engine's, then the shared ones. */
export const rdIssueText = (f: FieldIssue, t: Translator): string => {
  const data = (f as { data?: { criterion?: string } }).data;
  if (t.has(`rdcentres.reason.${f.reason}`)) {
    const criterion = data?.criterion && t.has(`rdcentres.criterion.${data.criterion}`) ? t(`rdcentres.criterion.${data.criterion}` as MessageKey) : '';
    return t(`rdcentres.reason.${f.reason}` as MessageKey, { criterion });
  }
  return t.has(`reason.${f.reason}`) ? reasonLabel(t, f.reason, f.message) : fieldIssueMessage(f, t);
};

export const rdFailureText = (error: unknown, t: Translator): string => {
  const issues = isApiError(error) ? error.fieldIssues : [];
  if (issues.length === 0) return errorMessage(error, t);
  return [...new Set(issues.map((f) => rdIssueText(f, t)))].join(t('common.listSeparator'));
};

/** An amount in yuan as people read it: 万元 in Chinese, millions of yuan in English. */
export const yuan = (amount: number | null | undefined, t: Translator): string => {
  if (amount === null || amount === undefined) return t('rdcentres.none');
  const zh = t.locale === 'zh-CN';
  const value = new Intl.NumberFormat(zh ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 2 }).format(zh ? amount / 10_000 : amount / 1_000_000);
  return t('rdcentres.yuanAmount', { amount: value });
};
