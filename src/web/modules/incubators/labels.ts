import type { FieldIssue } from '../../../shared/errors.js';
import { fieldIssueMessage } from '../../app/errors.js';
import type { MessageKey } from '../../i18n/keys.js';
import type { Translator } from '../../i18n/translate.js';

const known = (t: Translator, key: string, fallback: string): string => (t.has(key) ? t(key as MessageKey) : fallback);

export const typeLabel = (t: Translator, code: string) => known(t, `incubators.type.${code}`, code);
export const exitLabel = (t: Translator, code: string) => known(t, `incubators.exit.${code}`, code);
export const termLabel = (t: Translator, code: string) => known(t, `incubators.term.${code}`, code);
/** A refused field in the module's own words where it has them (outside_intake_year …), else the shared ones. */
export const issueText = (issue: FieldIssue, t: Translator): string => (t.has(`incubators.reason.${issue.reason}`) ? t(`incubators.reason.${issue.reason}` as MessageKey) : fieldIssueMessage(issue, t));
/** A share (0–1) as a percentage; a dash when there is nothing to divide. */
export const pct = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
