import type { FormInstance } from 'antd';
import type { FieldIssue } from '../../../../shared/errors.js';
import { isApiError } from '../../../app/api.js';
import { errorMessage, fieldIssueMessage, placeIssues } from '../../../app/errors.js';
import type { MessageKey } from '../../../i18n/keys.js';
import type { Translator } from '../../../i18n/translate.js';

/*
 * Codes the services API sends as strings (types, states, actions, refusal
 * reasons, notification templates), translated when the catalogs know them
 * and shown as given otherwise. Each uses its own literal prefix so
 * `i18n-check` sees which keys are in use.
 */
const known = (t: Translator, key: string, fallback: string): string => (t.has(key) ? t(key as MessageKey) : fallback);

export const demandTypeLabel = (t: Translator, type: string) => known(t, `services.type.${type}`, type);
export const demandStateLabel = (t: Translator, state: string) => known(t, `services.state.${state}`, state);
export const demandActionLabel = (t: Translator, action: string) => known(t, `services.action.${action}`, action);
export const packageStateLabel = (t: Translator, state: string) => known(t, `services.packageState.${state}`, state);
export const packageActionLabel = (t: Translator, action: string) => known(t, `services.packageAction.${action}`, action);
export const departmentLevelLabel = (t: Translator, level: string) => known(t, `services.level.${level}`, level);
export const clockStateLabel = (t: Translator, state: string) => known(t, `services.clock.${state}`, state);
/** Escalation level 0 (housekeeper), 1 (district coordinator), 2 (municipal coordinator). */
export const escalationLabel = (t: Translator, level: number) => known(t, `services.escalation.${level}`, String(level));
/** A notification's title (demand_* and package_* templates). */
export const serviceNoticeLabel = (t: Translator, template: string) => known(t, `services.notice.${template}`, template);
/** A refusal or field reason: the services' own wording, the shared field reasons, else the server's English message. */
export const serviceReasonLabel = (t: Translator, code: string, message: string) =>
  t.has(`services.reason.${code}`) ? t(`services.reason.${code}` as MessageKey) : t.has(`fieldReason.${code}`) ? t(`fieldReason.${code}` as MessageKey) : message;

/** The antd Tag colour of a case state. */
export const DEMAND_STATE_COLOR: Readonly<Record<string, string>> = {
  received: 'blue',
  accepted: 'cyan',
  in_progress: 'geekblue',
  resolved: 'green',
  confirmed: 'success',
  reopened: 'orange',
  withdrawn: 'default',
};
export const PACKAGE_STATE_COLOR: Readonly<Record<string, string>> = { draft: 'default', offered: 'blue', signed: 'success', ended: 'default' };
export const ESCALATION_COLOR: readonly string[] = ['default', 'orange', 'red'];

/** One field issue as text: the services' own reason when the catalogs know it, else the shared field reason. */
export const issueText = (f: FieldIssue, t: Translator): string => (t.has(`services.reason.${f.reason}`) ? t(`services.reason.${f.reason}` as MessageKey) : fieldIssueMessage(f, t));

/** A failed write as text: each reason translated, or the error code's message. */
export const failureText = (error: unknown, t: Translator): string => {
  const issues = isApiError(error) ? error.fieldIssues : [];
  if (issues.length === 0) return errorMessage(error, t);
  return [...new Set(issues.map((f) => issueText(f, t)))].join(t('services.listSep'));
};

/** An issue path as a form name path: `demands.0.title` → ['demands', 0, 'title']. */
export const namePath = (path: string): (string | number)[] => path.split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/** Show a failed form submission: issues beside their fields (nested paths too), worded with this module's reasons; the rest returned. */
export const placeFailure = (form: FormInstance, error: unknown, t: Translator, fieldFor: (path: string) => (string | number)[] | null): string | null => placeIssues(form, error, t, fieldFor, issueText);
