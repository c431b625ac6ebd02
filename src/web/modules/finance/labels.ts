import type { FieldIssue } from '../../../shared/errors.js';
import type { ListingBoard, RoundStage } from '../../../shared/finance-vocabulary.js';
import { fieldIssueMessage } from '../../app/errors.js';
import type { MessageKey } from '../../i18n/keys.js';
import type { Translator } from '../../i18n/translate.js';

export const stageLabel = (t: Translator, stage: RoundStage): string => t(`finance.stage.${stage}` as MessageKey);
export const boardLabel = (t: Translator, board: ListingBoard): string => t(`finance.board.${board}` as MessageKey);

/** A refusal in the module's own words when it has them, else the common wording. */
export const financeIssueText = (issue: FieldIssue, t: Translator): string => {
  const key = `finance.reason.${issue.reason}`;
  return t.has(key) ? t(key as MessageKey) : fieldIssueMessage(issue, t);
};

/** A money amount in the reader's language: 亿/万 in Chinese, millions and billions in English. */
export const formatMoney = (value: number, currency: string, locale: string): string =>
  new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 2 }).format(value);
