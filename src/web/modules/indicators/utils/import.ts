import { OBSERVATION_IMPORT_COLUMNS } from '../../../../shared/schemas/indicators.js';
import { isApiError } from '../../../app/api.js';
import type { Locale } from '../../../i18n/keys.js';
import type { Translator } from '../../../i18n/translate.js';
import { importFormatOf } from '../../registry/utils/import-report.js';

/** The server's body limit for a figures file. */
export const FIGURES_MAX_BYTES = 16 * 1024 * 1024;

/** Why a chosen file cannot be sent, before sending it. */
export const figuresFileProblem = (file: { name: string; size: number }): 'format' | 'size' | 'empty' | null => {
  if (!importFormatOf(file.name)) return 'format';
  if (file.size === 0) return 'empty';
  if (file.size > FIGURES_MAX_BYTES) return 'size';
  return null;
};

/**
 * One row error's reason in words: `indicators.importReason.<reason>`,
 * `duplicate_of_row_N` as "duplicates row N", a shared field reason, or the
 * code as given when no catalog knows it.
 */
export const figuresReasonText = (reason: string, t: Translator): string => {
  const duplicate = /^duplicate_of_row_(\d+)$/.exec(reason);
  if (duplicate) return t('indicators.importReason.duplicateOfRow', { row: duplicate[1] ?? '' });
  const key = `indicators.importReason.${reason}`;
  if (t.has(key)) return t(key as Parameters<Translator>[0]);
  const shared = `fieldReason.${reason}`;
  if (t.has(shared)) return t(shared as Parameters<Translator>[0]);
  return reason;
};

/** A column of the template by its field, in the UI language first: "指标代码（Indicator code）" / "Indicator code (指标代码)". */
export const figuresColumnLabel = (field: string, locale: Locale): string => {
  const column = OBSERVATION_IMPORT_COLUMNS.find((c) => c.field === field);
  if (!column) return field;
  return locale === 'zh-CN' ? `${column.zh}（${column.en}）` : `${column.en} (${column.zh})`;
};

/** The template's columns, required first, in the UI language. */
export const figuresColumns = (locale: Locale): { name: string; required: boolean }[] =>
  [...OBSERVATION_IMPORT_COLUMNS].sort((a, b) => Number(b.required) - Number(a.required)).map((c) => ({ name: locale === 'zh-CN' ? c.zh : c.en, required: c.required }));

/** A file refused as a whole: the required columns its header lacks (in both header languages), or that it is empty. */
export const refusedFigures = (error: unknown, locale: Locale): { kind: 'missing_columns'; columns: string[] } | { kind: 'empty_file' } | null => {
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED') return null;
  const missing = error.fieldIssues.filter((i) => i.reason === 'missing_column');
  if (missing.length > 0) return { kind: 'missing_columns', columns: missing.map((i) => figuresColumnLabel(i.path, locale)) };
  if (error.fieldIssues.some((i) => i.reason === 'empty_file')) return { kind: 'empty_file' };
  return null;
};
