import { validateOrcid, validateRor, validateUscc } from '../../../../core/identifiers/index.js';
import type { FieldIssue } from '../../../../shared/errors.js';
import { IMPORT_COLUMNS, type TImportReport } from '../../../../shared/schemas/registry-import.js';
import { fieldIssueMessage } from '../../../app/errors.js';
import { isApiError } from '../../../app/api.js';
import type { Locale } from '../../../i18n/keys.js';
import type { Translator } from '../../../i18n/translate.js';

/** The server's body limit for an upload. */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;
/** Longest file name the API takes. */
const MAX_FILE_NAME = 200;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ImportFormat = 'csv' | 'xlsx';

/** The format a file name announces, or null for anything the import does not read (.xls, .txt…). */
export const importFormatOf = (fileName: string): ImportFormat | null => {
  const m = /\.(csv|xlsx)$/i.exec(fileName);
  return m ? (m[1]!.toLowerCase() as ImportFormat) : null;
};

export const importContentType = (format: ImportFormat): string => (format === 'csv' ? 'text/csv' : XLSX_TYPE);

/** The name sent with the upload: the file's own, shortened (keeping its extension) when the API would refuse its length. */
export const uploadFileName = (fileName: string): string => {
  if (fileName.length <= MAX_FILE_NAME) return fileName;
  const dot = fileName.lastIndexOf('.');
  const ext = dot >= 0 ? fileName.slice(dot) : '';
  return fileName.slice(0, MAX_FILE_NAME - ext.length) + ext;
};

/** Why a chosen file cannot be sent, before sending it. */
export const fileProblem = (file: { name: string; size: number }): 'format' | 'size' | 'empty' | null => {
  if (!importFormatOf(file.name)) return 'format';
  if (file.size === 0) return 'empty';
  if (file.size > IMPORT_MAX_BYTES) return 'size';
  return null;
};

export type ImportProgress = {
  /** 0–100 when the total is known, else null (Excel files are not counted ahead). */
  percent: number | null;
  rows: number;
  total: number | null;
};

export const importProgress = (report: Pick<TImportReport, 'status' | 'rows' | 'totalRows'>): ImportProgress => {
  const total = report.totalRows;
  if (report.status === 'done') return { percent: 100, rows: report.rows, total: total ?? report.rows };
  if (total === null) return { percent: null, rows: report.rows, total: null };
  const percent = total === 0 ? 100 : Math.min(100, Math.floor((report.rows / total) * 100));
  return { percent, rows: report.rows, total };
};

/**
 * What the identifier validators say about a value, for the reasons that have
 * a detailed message ("第18位校验码应为 X"): the report carries the reason
 * code only, so the value is checked again here with the same pure rules.
 */
const identifierDetails = (reason: string, value: string): Record<string, string | number> => {
  const pick = (r: { ok: boolean; reason?: string; position?: number; expected?: string; length?: number }, prefix: string) => {
    if (r.ok || `${prefix}_${r.reason}` !== reason) return {};
    const out: Record<string, string | number> = {};
    if (r.position !== undefined) out['position'] = r.position;
    if (r.expected !== undefined) out['expected'] = r.expected;
    if (r.length !== undefined) out['length'] = r.length;
    return out;
  };
  if (reason.startsWith('uscc_')) return pick(validateUscc(value), 'uscc');
  if (reason.startsWith('ror_')) return pick(validateRor(value), 'ror');
  if (reason.startsWith('orcid_')) return pick(validateOrcid(value), 'orcid');
  return {};
};

/** One error's reason in words (`fieldReason.<reason>`), or the code itself when the catalog does not know it. */
export const importReasonText = (error: { reason: string; value: string }, t: Translator): string => {
  if (!t.has(`fieldReason.${error.reason}`)) return error.reason;
  const issue = { in: 'body', path: '', reason: error.reason, message: '', ...identifierDetails(error.reason, error.value) } as FieldIssue;
  return fieldIssueMessage(issue, t);
};

/** A template column by its field, as "英文名称（English name）" in Chinese and "English name (英文名称)" in English. */
export const columnLabel = (field: string, locale: Locale): string => {
  const column = IMPORT_COLUMNS.find((c) => c.field === field);
  if (!column) return field;
  if (column.zh === column.en) return column.zh;
  return locale === 'zh-CN' ? `${column.zh}（${column.en}）` : `${column.en} (${column.zh})`;
};

/** Columns every file needs (either header language). */
export const requiredColumns = (locale: Locale): string[] =>
  IMPORT_COLUMNS.filter((c) => 'required' in c && c.required).map((c) => (locale === 'zh-CN' ? c.zh : c.en));

export type RefusedFile = { kind: 'missing_columns'; columns: string[] } | { kind: 'empty_file' } | null;

/** A file the server refused as a whole (before any row): which required columns its header lacks, or that it has none. */
export const refusedFile = (error: unknown, locale: Locale): RefusedFile => {
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED') return null;
  const missing = error.fieldIssues.filter((i) => i.reason === 'missing_column');
  if (missing.length > 0) return { kind: 'missing_columns', columns: missing.map((i) => columnLabel(i.path, locale)) };
  if (error.fieldIssues.some((i) => i.reason === 'empty_file')) return { kind: 'empty_file' };
  return null;
};
