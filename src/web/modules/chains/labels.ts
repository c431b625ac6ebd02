import { PROVINCES } from '../../../shared/contracts-vocabulary.js';
import { isApiError } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import type { MessageKey } from '../../i18n/keys.js';
import type { Translator } from '../../i18n/translate.js';

const known = (t: Translator, key: string, fallback: string): string => (t.has(key) ? t(key as MessageKey) : fallback);

export const clusterLabel = (t: Translator, code: string) => known(t, `chains.cluster.${code}`, code);
export const nodeKindLabel = (t: Translator, code: string) => known(t, `chains.kind.${code}`, code);
export const roleLabel = (t: Translator, code: string) => known(t, `chains.role.${code}`, code);
export const reasonLabel = (t: Translator, code: string) => known(t, `chains.reason.${code}`, code);
export const innovationKindLabel = (t: Translator, code: string) => known(t, `chains.innovation.${code}`, code);
export const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** A supply source's region in words: the province (GB/T 2260 province code), or "abroad". */
export const regionLabel = (t: Translator, code: string): string => {
  if (code === 'abroad') return t('chains.supply.abroad');
  const p = PROVINCES[code.slice(0, 2)];
  return p ? (t.locale === 'en-US' ? p.en : p.zh) : code;
};

/**
 * A refused import in words: each problem with where it is (the workbook's
 * sheet and row, or the document path) and why, so the file can be put right.
 */
export const failureText = (error: unknown, t: Translator): string => {
  const issues = isApiError(error) ? error.fieldIssues : [];
  if (issues.length === 0) return errorMessage(error, t);
  return issues
    .slice(0, 12)
    .map((f) => {
      const cell = (f as { data?: { sheet?: string; row?: number } }).data;
      const where = cell?.sheet && cell.row ? t('chains.import.cell', { sheet: cell.sheet, row: cell.row }) : f.path;
      return `${where}${t('chains.colon')}${known(t, `chains.importReason.${f.reason}`, f.message)}`;
    })
    .join(t('chains.listSep'));
};
