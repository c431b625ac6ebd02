import type { FormInstance } from 'antd';
import type { FieldIssue } from '../../../../shared/errors.js';
import type { MessageKey } from '../../../i18n/keys.js';
import type { Translator } from '../../../i18n/translate.js';
import { formatNumber } from '../../../i18n/format.js';
import { isApiError } from '../../../app/api.js';
import { errorMessage, fieldIssueMessage, placeIssues } from '../../../app/errors.js';

/*
 * Codes the calls API sends as strings (states, actions, refusal reasons,
 * notification templates …), translated when the catalogs know them and shown
 * as given otherwise. Each uses its own literal prefix so `i18n-check` sees
 * which keys are in use.
 */
const known = (t: Translator, key: string, fallback: string): string => (t.has(key) ? t(key as MessageKey) : fallback);

export const callStateLabel = (t: Translator, s: string) => known(t, `callState.${s}`, s);
export const applicationStateLabel = (t: Translator, s: string) => known(t, `applicationState.${s}`, s);
export const milestoneStateLabel = (t: Translator, s: string) => known(t, `milestoneState.${s}`, s);
export const assignmentStateLabel = (t: Translator, s: string) => known(t, `assignmentState.${s}`, s);
export const callActionLabel = (t: Translator, a: string) => known(t, `callAction.${a}`, a);
export const applicationActionLabel = (t: Translator, a: string) => known(t, `applicationAction.${a}`, a);
export const ipTemplateLabel = (t: Translator, k: string) => known(t, `ipTemplate.${k}`, k);
export const ipTemplateText = (t: Translator, k: string, fallback: string) => known(t, `ipText.${k}`, fallback);
export const evidenceKindLabel = (t: Translator, k: string) => known(t, `evidenceKind.${k}`, k);
export const coiKindLabel = (t: Translator, k: string) => known(t, `coiKind.${k}`, k);
export const calibrationLabel = (t: Translator, k: string) => known(t, `calibrationLabel.${k}`, k);
export const eligibilityKindLabel = (t: Translator, k: string) => known(t, `eligibilityKind.${k}`, k);
export const changeEntryLabel = (t: Translator, k: string) => known(t, `changeEntry.${k}`, k);
export const appealOutcomeLabel = (t: Translator, k: string) => known(t, `appealOutcome.${k}`, k);
export const callFieldLabel = (t: Translator, k: string) => known(t, `callField.${k}`, k);
export const programmeKindLabel = (t: Translator, k: string) => known(t, `programmeKind.${k}`, k);
export const slipLabel = (t: Translator, k: string) => known(t, `slip.${k}`, k);
/** A refusal reason: the catalog's wording, else the server's English message. */
export const reasonLabel = (t: Translator, code: string, message: string) => known(t, `reason.${code}`, message);
/** A notification's title. */
export const notificationLabel = (t: Translator, template: string) => known(t, `notification.${template}`, template);

export const STATE_TONE: Record<string, 'default' | 'info' | 'warning' | 'accent'> = {
  draft: 'default',
  internal_review: 'warning',
  published: 'accent',
  closed: 'default',
  under_review: 'info',
  awarded: 'accent',
  in_execution: 'info',
  accepted: 'accent',
  terminated: 'warning',
  submitted: 'info',
  eligible: 'info',
  ineligible: 'warning',
  shortlisted: 'info',
  rejected: 'warning',
  appealed: 'warning',
  withdrawn: 'default',
  completed: 'accent',
  planned: 'default',
  evidence_submitted: 'info',
  paid: 'accent',
  cancelled: 'default',
  assigned: 'info',
  recused: 'warning',
};

/** An amount in the call's currency: "¥5,000,000" / "500万元". */
export const formatMoney = (value: number | null | undefined, currency: string, t: Translator): string => {
  if (value === null || value === undefined) return t('calls.none');
  if (t.locale === 'zh-CN' && currency === 'CNY') {
    if (value >= 10_000) return `${formatNumber(value / 10_000, t.locale, 2)} 万元`;
    return `${formatNumber(value, t.locale)} 元`;
  }
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
};

export const formatDate = (iso: string | null | undefined, t: Translator): string => {
  if (!iso) return t('calls.none');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(t.locale === 'zh-CN' ? 'zh-CN' : 'en-GB', { year: 'numeric', month: t.locale === 'zh-CN' ? '2-digit' : 'short', day: '2-digit' }).format(d);
};

/** Evidence of a conflict as "key: value" pairs, in a stable order. */
export const evidenceText = (evidence: Record<string, string | number | boolean | null>, t: Translator): string =>
  Object.entries(evidence)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${known(t, `coiEvidence.${k}`, k)}: ${typeof v === 'boolean' ? (v ? t('calls.yes') : t('calls.no')) : String(v)}`)
    .join(' · ');

/** A failed write as text: each refusal reason translated (the calls' own reasons, else the shared field reasons), or the error code's message. */
export const failureText = (error: unknown, t: Translator): string => {
  const issues = isApiError(error) ? error.fieldIssues : [];
  if (issues.length === 0) return errorMessage(error, t);
  return [...new Set(issues.map((f) => issueText(f, t)))].join(t('calls.listSep'));
};

/** One field issue as text: the calls' own reason when the catalogs know it, else the shared field reason. */
const issueText = (f: FieldIssue, t: Translator): string => (t.has(`reason.${f.reason}`) ? t(`reason.${f.reason}` as MessageKey) : fieldIssueMessage(f, t));

/** Show a failed form submission: issues beside their fields (nested paths too), worded with this module's reasons; the rest returned. */
export const placeFailure = (form: FormInstance, error: unknown, t: Translator, fieldFor: (path: string) => (string | number)[] | null): string | null => placeIssues(form, error, t, fieldFor, issueText);
