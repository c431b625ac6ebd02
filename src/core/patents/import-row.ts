import { PATENT_IMPORT_COLUMNS, PATENT_KIND_ALIASES, PATENT_KIND_ZH, PATENT_KINDS, PATENT_STATUS_ALIASES, PATENT_STATUS_ZH, PATENT_STATUSES, type PatentKind, type PatentStatus } from '../../shared/patents-vocabulary.js';
import { normaliseIpc, splitIpcCell } from './ipc.js';
import { parsePatentNumber, resolveKind } from './number.js';

/**
 * One spreadsheet row of a patent import, checked without the database:
 * the typed record, or every problem at its column. Registry links are the
 * server's (they need the registry); everything else is decided here.
 */
export type PatentImportField = (typeof PATENT_IMPORT_COLUMNS)[number]['field'];

export type RowIssue = { field: PatentImportField; value: string; code: string; reason: string; params?: Record<string, string | number> };
export type PatentRecord = {
  number: string;
  kind: PatentKind;
  title: string;
  ipcClasses: string[];
  mainIpc: string | null;
  applicants: string[];
  inventors: string[];
  applicationDate: string;
  publicationDate: string | null;
  grantDate: string | null;
  legalStatus: PatentStatus;
  statusDate: string | null;
};

const KIND_WORDS = new Map<string, PatentKind>([...PATENT_KINDS.map((k) => [k, k] as const), ...Object.entries(PATENT_KIND_ZH).map(([k, zh]) => [zh, k as PatentKind] as const), ...Object.entries(PATENT_KIND_ALIASES)]);
const STATUS_WORDS = new Map<string, PatentStatus>([...PATENT_STATUSES.map((s) => [s, s] as const), ...Object.entries(PATENT_STATUS_ZH).map(([s, zh]) => [zh, s as PatentStatus] as const), ...Object.entries(PATENT_STATUS_ALIASES)]);

export const parseKindWord = (s: string): PatentKind | null => KIND_WORDS.get(s.trim()) ?? KIND_WORDS.get(s.trim().toLowerCase()) ?? null;
export const parseStatusWord = (s: string): PatentStatus | null => STATUS_WORDS.get(s.trim()) ?? STATUS_WORDS.get(s.trim().toLowerCase()) ?? null;

/** `2023-01-05`, `2023/1/5`, `2023.01.05` or `20230105` → `2023-01-05`; null when it is no calendar date. */
export const parseDate = (raw: string): string | null => {
  const s = raw.normalize('NFKC').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
};

/** Names in one cell: `;`, `；`, `、` or line breaks between them (commas stay: English names of firms hold them). */
export const splitNames = (cell: string): string[] => [...new Set(cell.split(/[;；、\n\r]+/).map((s) => s.normalize('NFKC').trim().replace(/\s+/g, ' ')).filter(Boolean))];

export const checkPatentRow = (v: (f: PatentImportField) => string, today: string): { record: PatentRecord | null; issues: RowIssue[] } => {
  const issues: RowIssue[] = [];
  const fail = (field: PatentImportField, value: string, code: string, reason: string, params?: Record<string, string | number>) => issues.push({ field, value, code, reason, ...(params ? { params } : {}) });
  for (const c of PATENT_IMPORT_COLUMNS) if (c.required && v(c.field) === '') fail(c.field, '', 'required', 'required');

  const parsed = v('number') ? parsePatentNumber(v('number')) : null;
  if (parsed && !parsed.ok) {
    if (parsed.problem === 'format') fail('number', v('number'), 'patent_number_format', 'not a Chinese application number (12 or 8 digits, a dot and a check character)');
    else fail('number', v('number'), 'patent_number_check', `the check character should be ${parsed.expected}`, { expected: parsed.expected ?? '' });
  }
  const statedKind = v('kind') ? parseKindWord(v('kind')) : null;
  if (v('kind') && !statedKind) fail('kind', v('kind'), 'unknown_kind', `not a kind (${Object.values(PATENT_KIND_ZH).join('、')})`);
  let kind: PatentKind | null = statedKind;
  if (parsed?.ok) {
    const r = resolveKind(parsed, statedKind);
    if (r.conflict) fail('kind', v('kind'), 'kind_mismatch', `the number's type digit ${parsed.typeDigit} means ${parsed.kind}`, { typeDigit: parsed.typeDigit, expected: parsed.kind ?? '' });
    kind = r.kind;
    if (!kind) fail('kind', v('kind'), 'kind_required', `the type digit ${parsed.typeDigit} names no kind: state it`, { typeDigit: parsed.typeDigit });
  }

  const ipcClasses: string[] = [];
  for (const s of splitIpcCell(v('ipc'))) {
    const n = normaliseIpc(s);
    if (!n) fail('ipc', s, 'ipc_invalid', 'not an IPC symbol such as H01L 21/02');
    else if (!ipcClasses.includes(n)) ipcClasses.push(n);
  }
  let mainIpc: string | null = ipcClasses[0] ?? null;
  if (v('mainIpc')) {
    mainIpc = normaliseIpc(v('mainIpc'));
    if (!mainIpc) fail('mainIpc', v('mainIpc'), 'ipc_invalid', 'not an IPC symbol such as H01L 21/02');
    else if (!ipcClasses.includes(mainIpc)) ipcClasses.unshift(mainIpc);
  }

  const dates: Partial<Record<'applicationDate' | 'publicationDate' | 'grantDate' | 'statusDate', string>> = {};
  for (const f of ['applicationDate', 'publicationDate', 'grantDate', 'statusDate'] as const) {
    if (!v(f)) continue;
    const d = parseDate(v(f));
    if (!d) fail(f, v(f), 'date_invalid', 'not a date (YYYY-MM-DD)');
    else if (d > today) fail(f, v(f), 'date_future', 'after today');
    else dates[f] = d;
  }
  const app = dates.applicationDate;
  if (app && parsed?.ok && Number(app.slice(0, 4)) !== parsed.filingYear) fail('applicationDate', v('applicationDate'), 'filing_year_mismatch', `the number was filed in ${parsed.filingYear}`, { year: parsed.filingYear });
  for (const f of ['publicationDate', 'grantDate'] as const) if (app && dates[f] && (dates[f] as string) < app) fail(f, v(f), 'before_application', 'before the application date');

  const status = v('legalStatus') ? parseStatusWord(v('legalStatus')) : null;
  if (v('legalStatus') && !status) fail('legalStatus', v('legalStatus'), 'unknown_status', `not a legal status (${Object.values(PATENT_STATUS_ZH).join('、')})`);
  const grantedStatuses: PatentStatus[] = ['granted', 'lapsed', 'expired', 'invalidated'];
  if (status && grantedStatuses.includes(status) && !dates.grantDate && !(v('grantDate') && issues.some((i) => i.field === 'grantDate'))) fail('grantDate', '', 'grant_date_required', `a ${status} patent was granted: give the grant date`);
  if (status && !grantedStatuses.includes(status) && dates.grantDate) fail('legalStatus', v('legalStatus'), 'status_grant_conflict', 'a patent with a grant date cannot be pending, rejected or withdrawn');

  const applicants = splitNames(v('applicants'));
  const inventors = splitNames(v('inventors'));
  if (v('title').length > 500) fail('title', v('title').slice(0, 40), 'too_long', 'at most 500 characters');
  if (applicants.length > 50 || inventors.length > 200) fail(applicants.length > 50 ? 'applicants' : 'inventors', '', 'too_many_names', 'too many names in one cell');

  if (issues.length || !parsed?.ok || !kind || !status || !app) return { record: null, issues };
  return {
    issues,
    record: { number: parsed.number, kind, title: v('title'), ipcClasses, mainIpc, applicants, inventors, applicationDate: app, publicationDate: dates.publicationDate ?? null, grantDate: dates.grantDate ?? null, legalStatus: status, statusDate: dates.statusDate ?? null },
  };
};

/** How an applicant's name is compared with registry names: exact, up to width, case and spacing (（） and () are one). */
export const nameKey = (name: string): string => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
