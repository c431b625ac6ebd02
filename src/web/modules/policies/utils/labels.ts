import type { MessageKey } from '../../../i18n/keys.js';
import type { Translator } from '../../../i18n/translate.js';

/*
 * Codes the policies API sends as strings, translated when the catalogs know
 * them and shown as given otherwise (each with its literal prefix, for i18n-check).
 */
const known = (t: Translator, key: string, fallback: string): string => (t.has(key) ? t(key as MessageKey) : fallback);

export const levelLabel = (t: Translator, level: string) => known(t, `policies.level.${level}`, level);
export const benefitKindLabel = (t: Translator, kind: string) => known(t, `policies.kind.${kind}`, kind);
export const resultLabel = (t: Translator, result: string) => known(t, `policies.result.${result}`, result);
export const stackingKindLabel = (t: Translator, kind: string) => known(t, `policies.stacking.${kind}`, kind);
export const versionStateLabel = (t: Translator, state: string) => known(t, `policies.versionState.${state}`, state);
export const statusLabel = (t: Translator, status: string) => known(t, `policies.status.${status}`, status);
export const operatorLabel = (t: Translator, op: string) => known(t, `policies.op.${op}`, op);
/** A rule problem (core/policies' codes), or the engine's own words for a code the catalogs lack. */
export const problemLabel = (t: Translator, reason: string, message: string) => known(t, `policies.problem.${reason}`, message);
export const LEVEL_COLOURS: Record<string, string> = { national: 'red', municipal: 'volcano', district: 'blue', park: 'cyan' };
export const RESULT_COLOURS: Record<string, string> = { eligible: 'success', unknown: 'warning', ineligible: 'default' };
