import { isApiError } from '../../app/api.js';
import { errorMessage, fieldIssueMessage } from '../../app/errors.js';
import type { Translator } from '../../i18n/translate.js';
import type { FieldIssue } from '../../../shared/errors.js';
import { reasonLabel } from '../calls/utils/labels.js';
import type { MessageKey } from '../../i18n/keys.js';

/** One refusal in words: this module's reasons, then the calls engine's (a batch's scenarios are calls), then the shared ones. */
export const scenarioIssueText = (f: FieldIssue, t: Translator): string =>
  t.has(`scenarios.reason.${f.reason}`) ? t(`scenarios.reason.${f.reason}` as MessageKey) : t.has(`reason.${f.reason}`) ? reasonLabel(t, f.reason, f.message) : fieldIssueMessage(f, t);

export const scenarioFailureText = (error: unknown, t: Translator): string => {
  const issues = isApiError(error) ? error.fieldIssues : [];
  if (issues.length === 0) return errorMessage(error, t);
  return [...new Set(issues.map((f) => scenarioIssueText(f, t)))].join(t('scenarios.listSep'));
};

/** A batch's refusals grouped by the scenario they name (`scenarios.<callId>.<field>`), each scenario's title carried in the issue. */
export const refusalsByScenario = (error: unknown, t: Translator): { callId: string; title: string; reasons: string[] }[] => {
  const issues = isApiError(error) ? error.fieldIssues : [];
  const groups = new Map<string, { callId: string; title: string; reasons: string[] }>();
  for (const f of issues) {
    const m = /^scenarios\.([^.]+)\./.exec(f.path);
    const callId = m?.[1] ?? '';
    const data = (f as { data?: { title?: string } }).data;
    const g = groups.get(callId) ?? { callId, title: data?.title ?? '', reasons: [] };
    const text = scenarioIssueText(f, t);
    if (!g.reasons.includes(text)) g.reasons.push(text);
    groups.set(callId, g);
  }
  return [...groups.values()];
};
