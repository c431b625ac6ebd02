import type { FieldIssue } from '../../../shared/errors.js';
import { fieldIssueMessage } from '../../app/errors.js';
import type { MessageKey } from '../../i18n/keys.js';
import type { Translator } from '../../i18n/translate.js';

/** A refused field in the module's own words where it has them (outside_event …), else the shared ones. */
export const issueText = (issue: FieldIssue, t: Translator): string => (t.has(`events.reason.${issue.reason}`) ? t(`events.reason.${issue.reason}` as MessageKey) : fieldIssueMessage(issue, t));
